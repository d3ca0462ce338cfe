"""Excel import of projects, land parcels and ledger entries: all rows checked, then all written.

Headers are those of the export (Chinese, or the page language's), so an exported file can be
edited and imported again. Any problem in any row is reported as 第N行“列”：reason and nothing
at all is written.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiedao.core.audit import record_created
from jiedao.core.errors import DomainError
from jiedao.core.models import Community, Department, Tag, User
from jiedao.registers import access as acc
from jiedao.registers.actions.ledger import LEDGER_FIELDS, LedgerInput, apply_entry
from jiedao.registers.actions.projects import (
    PARCEL_FIELDS,
    PROJECT_FIELDS,
    ParcelInput,
    ProjectInput,
    validate_new_parcel,
    validate_new_project,
)
from jiedao.registers.excel.cells import CellError, choice, day, integer, quantity, text
from jiedao.registers.models import (
    SECTOR_TAG_SET,
    SOURCE_TAG_SET,
    LandParcel,
    LedgerEntry,
    LedgerType,
    ProjectKind,
)
from jiedao.registers.stages import INVESTMENT, LAND, PROJECT_FLOWS, PUBLIC_WORK, all_stage_choices

MAX_ROWS = 5000


class ImportRejected(Exception):
    """The file was refused; `errors` lists every problem found, each naming row and column."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors[:3]))
        self.errors = errors


@dataclass
class Lookups:
    """Names a cell may use, resolved in the importing user's jurisdiction."""

    jur: int

    def __post_init__(self) -> None:
        tags = Tag.objects.filter(jurisdiction_id=self.jur)
        self.sectors = {t.name: t for t in tags if t.tag_set == SECTOR_TAG_SET}
        self.sources = {t.name: t for t in tags if t.tag_set == SOURCE_TAG_SET}
        self.communities = {c.name: c for c in Community.objects.filter(jurisdiction_id=self.jur)}
        self.departments = {d.name: d for d in Department.objects.filter(jurisdiction_id=self.jur)}
        leaders = User.objects.filter(roles__jurisdiction_id=self.jur).distinct()
        self.leaders = {str(u): u for u in leaders}
        self.parcels = {p.name: p for p in LandParcel.objects.filter(jurisdiction_id=self.jur)}
        self.types = {t.name: t for t in LedgerType.objects.filter(jurisdiction_id=self.jur)}
        self.kinds = {str(label): code for code, label in ProjectKind.choices}


Read = Callable[[Any, Lookups], Any]


@dataclass(frozen=True)
class Col:
    header: Promise | str
    key: str
    read: Read
    required: bool = False


def _pick(attr: str, label: Promise) -> Read:
    return lambda v, lk: choice(v, getattr(lk, attr), label)


def _parcels(value: Any, lk: Lookups) -> list[Any]:
    names = [n.strip() for n in text(value).replace(",", "、").replace("，", "、").split("、") if n.strip()]
    return [choice(n, lk.parcels, gettext_lazy("地块")) for n in names]


def _dates(flow_stages: list[tuple[str, Promise]]) -> list[Col]:
    return [
        Col(format_lazy(gettext_lazy("{stage}日期"), stage=label), f"date_{code}", lambda v, lk: day(v))
        for code, label in flow_stages
    ]


PROJECT_COLS = [
    Col(gettext_lazy("项目名称"), "name", lambda v, lk: text(v), required=True),
    Col(gettext_lazy("项目类型"), "kind", _pick("kinds", gettext_lazy("项目类型"))),
    Col(gettext_lazy("产业领域"), "sector", _pick("sectors", gettext_lazy("产业领域"))),
    Col(gettext_lazy("项目来源"), "source", _pick("sources", gettext_lazy("项目来源"))),
    Col(gettext_lazy("投资额（万元）"), "investment", lambda v, lk: quantity(v, "万元"), required=True),
    Col(gettext_lazy("责任领导"), "leader", _pick("leaders", gettext_lazy("责任领导"))),
    Col(gettext_lazy("责任单位"), "department", _pick("departments", gettext_lazy("责任单位"))),
    Col(gettext_lazy("村社"), "community", _pick("communities", gettext_lazy("村社"))),
    Col(gettext_lazy("关联地块"), "parcels", _parcels),
    Col(gettext_lazy("备注"), "note", lambda v, lk: text(v)),
    *_dates(all_stage_choices(INVESTMENT, PUBLIC_WORK)),
]
PARCEL_COLS = [
    Col(gettext_lazy("地块名称"), "name", lambda v, lk: text(v), required=True),
    Col(gettext_lazy("所在村社"), "community", _pick("communities", gettext_lazy("村社")), required=True),
    Col(gettext_lazy("面积（亩）"), "area_mu", lambda v, lk: quantity(v, "亩"), required=True),
    Col(gettext_lazy("责任单位"), "department", _pick("departments", gettext_lazy("责任单位"))),
    Col(gettext_lazy("备注"), "note", lambda v, lk: text(v)),
    *_dates(all_stage_choices(LAND)),
]
LEDGER_COLS = [
    Col(gettext_lazy("日期"), "date", lambda v, lk: day(v), required=True),
    Col(gettext_lazy("类型"), "type", _pick("types", gettext_lazy("台账类型")), required=True),
    Col(gettext_lazy("事项"), "title", lambda v, lk: text(v), required=True),
    Col(gettext_lazy("数量"), "quantity", lambda v, lk: quantity(v, None), required=True),
    Col(gettext_lazy("单位"), "unit", lambda v, lk: text(v)),
    Col(gettext_lazy("级别"), "level", lambda v, lk: text(v)),
    Col(gettext_lazy("参加人数"), "attendance", lambda v, lk: integer(v)),
    Col(gettext_lazy("村社"), "community", _pick("communities", gettext_lazy("村社"))),
    Col(gettext_lazy("部门"), "department", _pick("departments", gettext_lazy("部门"))),
    Col(gettext_lazy("备注"), "note", lambda v, lk: text(v)),
]


def _split(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    dates = {k[5:]: v for k, v in values.items() if k.startswith("date_")}
    return {k: v for k, v in values.items() if not k.startswith("date_")}, dates


def _project(values: dict[str, Any], lk: Lookups) -> tuple[models.Model, list[Any], dict[str, Any]]:
    fields, dates = _split(values)
    kind = fields.pop("kind", None) or ProjectKind.INVESTMENT
    flow = PROJECT_FLOWS[kind]
    for code, on in dates.items():
        if on is not None and flow.get(code) is None:
            raise DomainError(_("该类型项目没有此阶段。"), field=f"date_{code}")
    parcels = fields.pop("parcels", None) or []
    data = ProjectInput(
        kind=kind, parcels=parcels, dates=dates, **{k: v for k, v in fields.items() if v is not None}
    )
    obj, milestones = validate_new_project(lk.jur, data)
    return obj, milestones, {"parcels": parcels}


def _parcel(values: dict[str, Any], lk: Lookups) -> tuple[models.Model, list[Any], dict[str, Any]]:
    fields, dates = _split(values)
    data = ParcelInput(
        name=fields["name"] or "",
        community=fields["community"],
        area_mu=fields["area_mu"],
        department=fields.get("department"),
        note=fields.get("note") or "",
        dates=dates,
    )
    obj, milestones = validate_new_parcel(lk.jur, data)
    return obj, milestones, {}


def _entry(values: dict[str, Any], lk: Lookups) -> tuple[models.Model, list[Any], dict[str, Any]]:
    kind: LedgerType | None = values.get("type")
    level_name = values.pop("level", "") or ""
    level = level_name
    if kind is not None and level_name:
        by_name = {lv["name"]: lv["code"] for lv in kind.levels or []}
        level = by_name.get(level_name, level_name)
    entry = LedgerEntry(jurisdiction_id=lk.jur)
    clean = {k: v for k, v in values.items() if v is not None}
    apply_entry(
        entry,
        LedgerInput(level=level, **{"title": "", "quantity": None, "date": None, "type": None, **clean}),
    )
    return entry, [], {}


@dataclass(frozen=True)
class ImportSpec:
    columns: list[Col]
    build: Callable[[dict[str, Any], Lookups], tuple[models.Model, list[Any], dict[str, Any]]]
    access: acc.Access
    audit_fields: list[str]


SPECS = {
    "projects": ImportSpec(PROJECT_COLS, _project, acc.PROJECTS, PROJECT_FIELDS),
    "land": ImportSpec(PARCEL_COLS, _parcel, acc.LAND, PARCEL_FIELDS),
    "ledger": ImportSpec(LEDGER_COLS, _entry, acc.LEDGER, LEDGER_FIELDS),
}


def _rows(upload: UploadedFile) -> list[tuple[Any, ...]]:
    from openpyxl import load_workbook

    name = (upload.name or "").lower()
    if not name.endswith(".xlsx"):
        raise ImportRejected([_("请上传 .xlsx 格式的 Excel 文件。")])
    if (upload.size or 0) > settings.MAX_UPLOAD_BYTES:
        raise ImportRejected([_("文件超过大小限制。")])
    try:
        wb = load_workbook(io.BytesIO(upload.read()), read_only=True, data_only=True)
        ws = wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True, max_row=MAX_ROWS + 1))
    except Exception:  # openpyxl raises many kinds of errors for a broken file
        raise ImportRejected([_("无法读取该文件：它不是有效的 Excel（.xlsx）文件。")]) from None
    if len(rows) > MAX_ROWS:
        raise ImportRejected([_("一次最多导入%(n)d行。") % {"n": MAX_ROWS}])
    return rows


def _header_index(spec: ImportSpec, header: tuple[Any, ...]) -> dict[str, int]:
    names = [text(h) for h in header]
    index: dict[str, int] = {}
    for col in spec.columns:
        with translation.override("zh-hans"):
            zh = str(col.header)
        for candidate in (zh, str(col.header)):
            if candidate in names:
                index[col.key] = names.index(candidate)
                break
    missing = [str(c.header) for c in spec.columns if c.required and c.key not in index]
    if missing:
        raise ImportRejected([_("第1行缺少必填列：%(cols)s。") % {"cols": "、".join(missing)}])
    return index


def import_workbook(*, acting_user: User, key: str, upload: UploadedFile) -> int:
    """Check every row of the file, then create them all in one transaction (audited); the count."""
    spec = SPECS[key]
    jur = acc.home_jurisdiction(acting_user, spec.access)
    rows = _rows(upload)
    if not rows:
        raise ImportRejected([_("文件是空的。")])
    index = _header_index(spec, rows[0])
    lookups = Lookups(jur)
    headers = {c.key: str(c.header) for c in spec.columns}
    errors: list[str] = []
    prepared: list[tuple[models.Model, list[Any], dict[str, Any]]] = []
    for number, row in enumerate(rows[1:], 2):
        if all(v is None or text(v) == "" for v in row):
            continue
        values: dict[str, Any] = {}
        try:
            for col in spec.columns:
                if col.key in index:
                    raw = row[index[col.key]] if index[col.key] < len(row) else None
                    try:
                        values[col.key] = col.read(raw, lookups)
                    except CellError as exc:
                        raise DomainError(str(exc), field=col.key) from None
            obj, milestones, extra = spec.build(values, lookups)
            acc.check_edit(acting_user, obj, spec.access)
        except DomainError as err:
            where = headers.get(err.field or "")
            if where:
                errors.append(
                    _("第%(row)d行“%(col)s”列：%(msg)s") % {"row": number, "col": where, "msg": err.message}
                )
            else:
                errors.append(_("第%(row)d行：%(msg)s") % {"row": number, "msg": err.message})
            continue
        prepared.append((obj, milestones, extra))
    if errors:
        raise ImportRejected(errors)
    if not prepared:
        raise ImportRejected([_("文件中没有数据行。")])
    _write(acting_user, spec, prepared)
    return len(prepared)


def _write(
    user: User, spec: ImportSpec, prepared: list[tuple[models.Model, list[Any], dict[str, Any]]]
) -> None:
    with transaction.atomic():
        milestones = []
        for obj, ms, extra in prepared:
            obj.created_by = user  # type: ignore[attr-defined]
            obj.save()
            for m in ms:
                m.record = obj
            milestones.extend(ms)
            if extra.get("parcels"):
                obj.parcels.set(extra["parcels"])  # type: ignore[attr-defined]
        if milestones:
            type(milestones[0])._default_manager.bulk_create(milestones)
        record_created([obj for obj, _ms, _e in prepared], acting_user=user, fields=spec.audit_fields)
