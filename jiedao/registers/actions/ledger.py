"""工作台账 actions: create and update a ledger entry, with its evidence file checked by content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from jiedao.cases.attachments import check_files
from jiedao.core import filestore
from jiedao.core.errors import InvalidInput
from jiedao.core.models import Community, Department, User
from jiedao.registers.access import LEDGER, home_jurisdiction
from jiedao.registers.actions import base
from jiedao.registers.actions.checks import positive, required, same_jurisdiction
from jiedao.registers.models import LedgerEntry, LedgerType

LEDGER_FIELDS = [
    "type", "date", "title", "quantity", "unit", "level", "attendance", "community", "department",
    "note", "evidence_name", "version",
]  # fmt: skip


@dataclass(kw_only=True)
class LedgerInput:
    """What a form, the API or an import row submits for a ledger entry."""

    type: LedgerType | None
    date: date | None
    title: str
    quantity: Decimal | None
    unit: str = ""  # empty: the type's unit
    level: str = ""
    attendance: int | None = None
    community: Community | None = None
    department: Department | None = None
    note: str = ""
    evidence: UploadedFile | None = None


def apply_entry(entry: LedgerEntry, data: LedgerInput) -> None:
    """Check `data` against the entry's jurisdiction and copy it in (the file is only checked)."""
    kind = data.type
    if kind is None:
        raise InvalidInput(_("请选择台账类型。"), field="type")
    same_jurisdiction(kind, entry.jurisdiction_id, "type")
    if data.date is None:
        raise InvalidInput(_("请填写日期。"), field="date")
    if data.date > timezone.localdate():
        raise InvalidInput(_("日期不能晚于今天。"), field="date")
    unit = (data.unit or "").strip() or kind.unit
    if unit != kind.unit:
        raise InvalidInput(
            _("“%(type)s”的单位应为“%(unit)s”，不能是“%(got)s”。")
            % {"type": kind.name, "unit": kind.unit, "got": unit},
            field="unit",
        )
    levels = {lv["code"]: lv["name"] for lv in kind.levels or []}
    level = (data.level or "").strip()
    if levels and level not in levels:
        raise InvalidInput(
            _("请选择级别（%(names)s）。") % {"names": "、".join(levels.values())}, field="level"
        )
    if not levels and level:
        raise InvalidInput(_("“%(type)s”不分级别。") % {"type": kind.name}, field="level")
    if data.attendance is not None and (not kind.attendance or data.attendance < 0):
        raise InvalidInput(_("参加人数只适用于活动类台账，且不能为负数。"), field="attendance")
    same_jurisdiction(data.community, entry.jurisdiction_id, "community")
    same_jurisdiction(data.department, entry.jurisdiction_id, "department")
    entry.type, entry.date, entry.unit, entry.level = kind, data.date, unit, level
    entry.title = required(data.title, "title", _("事项"))
    entry.quantity = positive(data.quantity, "quantity", _("数量"))
    entry.attendance = data.attendance
    entry.community, entry.department = data.community, data.department
    entry.note = data.note.strip()
    if data.evidence is not None:
        try:
            checked = check_files([data.evidence])[0]
        except InvalidInput as err:
            raise InvalidInput(err.message, code=err.code, field="evidence") from None
        filestore.save(entry.evidence, checked.name, checked.upload)
        entry.evidence_name, entry.evidence_type = checked.name, checked.content_type


def create_entry(*, acting_user: User, data: LedgerInput) -> LedgerEntry:
    entry = LedgerEntry(jurisdiction_id=home_jurisdiction(acting_user, LEDGER))
    with filestore.atomic():  # the evidence is saved first: a refused entry must not keep it
        apply_entry(entry, data)
        return base.create(entry, acting_user=acting_user, access=LEDGER, fields=LEDGER_FIELDS)


def update_entry(
    *, acting_user: User, entry: LedgerEntry, data: LedgerInput, expected_version: int | None
) -> LedgerEntry:
    with filestore.atomic():
        return base.update(
            entry,
            acting_user=acting_user,
            access=LEDGER,
            expected_version=expected_version,
            fields=LEDGER_FIELDS,
            apply=lambda e: apply_entry(e, data),
        )
