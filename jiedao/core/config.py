"""Loading a jurisdiction's configuration (departments, platforms, categories, SLA, tags) from JSON.

A configuration is a folder `config/<name>/` holding `departments.json`, `platforms.json`,
`sla.json` and `tags.json` (the last two optional). `load_config` checks all of it first, then
upserts by code in one transaction: running it twice changes nothing the second time, and rows
that the files no longer mention are left alone (cases may point at them).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from jiedao.core import calendar
from jiedao.core.audit import record, record_created, snapshot
from jiedao.core.configcheck import CheckedConfig, check_config
from jiedao.core.models import Category, Department, Jurisdiction, Platform, SLAPolicy, Tag, User

FILES = ("departments", "platforms", "sla", "tags")
OPTIONAL = {"sla", "tags"}


@dataclass(frozen=True)
class ConfigSection:
    """A file other apps read from a configuration folder (rule 9: core never imports them).

    `check(raw, jurisdiction)` validates the JSON and returns what `write` needs, raising a
    ValidationError listing every problem; `write(jurisdiction, checked, acting_user)` upserts it
    inside load_config's transaction and returns {"kind": number created or updated}.
    """

    stem: str  # file name without .json; the file is optional in a configuration
    check: Callable[[Any, Jurisdiction], Any]
    write: Callable[[Jurisdiction, Any, User | None], dict[str, int]]


_SECTIONS: dict[str, ConfigSection] = {}


def register_config_section(section: ConfigSection) -> None:
    if section.stem in FILES:
        raise ValueError(f"{section.stem} is a core configuration file")
    _SECTIONS[section.stem] = section


def config_root() -> Path:
    return Path(getattr(settings, "JIEDAO_CONFIG_DIR", settings.BASE_DIR / "config"))


def available_configs() -> list[str]:
    root = config_root()
    return sorted(p.name for p in root.iterdir() if (p / "platforms.json").is_file()) if root.is_dir() else []


def read_config(name: str) -> dict[str, Any]:
    """The raw JSON of configuration `name`, keyed by file stem; translated errors if unreadable."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValidationError(_("配置名称 %(name)s 不合法。") % {"name": name})
    folder = config_root() / name
    if not folder.is_dir():
        raise ValidationError(
            _("找不到配置 %(name)s（可用：%(names)s）。")
            % {"name": name, "names": "、".join(available_configs()) or "-"}
        )
    raw: dict[str, Any] = {}
    for stem in (*FILES, *_SECTIONS):
        path = folder / f"{stem}.json"
        if not path.is_file():
            if stem in OPTIONAL or stem in _SECTIONS:
                continue
            raise ValidationError(_("配置 %(name)s 缺少文件 %(file)s。") % {"name": name, "file": path.name})
        try:
            raw[stem] = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ValidationError(
                _("配置文件 %(file)s 不是有效的 JSON：%(err)s") % {"file": path.name, "err": exc}
            ) from None
    return raw


@dataclass
class LoadSummary:
    """What a configuration load created and changed, by kind."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: dict[str, int], kind: str) -> None:
        bucket[kind] = bucket.get(kind, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


Key = Any


def sync_rows(
    model: type[models.Model],
    existing: dict[Key, Any],
    wanted: list[tuple[Key, dict[str, Any]]],
    make: dict[str, Any],
    *,
    acting_user: User | None,
    summary: LoadSummary,
) -> None:
    """Update changed rows one by one (audited with before/after); bulk-create new ones (audited).

    `existing` maps key → row and receives the new rows; `make` holds the fields every new row shares.
    """
    kind = model._meta.model_name or ""
    new: list[tuple[Key, models.Model]] = []
    fields: list[str] = []
    for key, values in wanted:
        fields = list(values)
        obj = existing.get(key)
        if obj is None:
            new.append((key, model(**make, **values)))
            continue
        before = snapshot(obj, fields)
        for name, value in values.items():
            setattr(obj, name, value)
        after = snapshot(obj, fields)
        if after != before:
            obj.save(update_fields=fields)
            summary.count(summary.updated, kind)
            record(obj, "update", acting_user=acting_user, before=before, after=after)
    if new:
        created = model._default_manager.bulk_create([obj for _key, obj in new])
        record_created(created, acting_user=acting_user, fields=fields)
        summary.created[kind] = summary.created.get(kind, 0) + len(created)
        for (key, _obj), row in zip(new, created, strict=True):
            existing[key] = row


def _depth(code: str, parents: dict[str, str | None]) -> int:
    depth, parent = 0, parents.get(code)
    while parent:
        depth, parent = depth + 1, parents.get(parent)
    return depth


def _write(jur: Jurisdiction, cfg: CheckedConfig, acting_user: User | None, summary: LoadSummary) -> None:
    kw: dict[str, Any] = {"acting_user": acting_user, "summary": summary}
    make = {"jurisdiction": jur}
    depts: dict[Key, Any] = {d.code: d for d in Department.objects.filter(jurisdiction=jur)}
    sync_rows(
        Department, depts, [(d.code, {"code": d.code, "name": d.name}) for d in cfg.departments], make, **kw
    )
    platforms: dict[Key, Any] = {p.code: p for p in Platform.objects.filter(jurisdiction=jur)}
    wanted_p = [(p.code, {"code": p.code, "name": p.name, "order": p.order}) for p in cfg.platforms]
    sync_rows(Platform, platforms, wanted_p, make, **kw)
    cats: dict[Key, Any] = {c.code: c for c in Category.objects.filter(jurisdiction=jur)}
    parents = {c.code: c.parent for c in cfg.categories}
    levels = sorted({_depth(c.code, parents) for c in cfg.categories})
    for level in levels:  # parents need their ids before their children are written
        wanted_c = [
            (
                c.code,
                {
                    "code": c.code,
                    "platform": platforms[c.platform],
                    "parent": cats[c.parent] if c.parent else None,
                    "name": c.name,
                    "keywords": ",".join(c.keywords),
                    "default_department": depts[c.default_department] if c.default_department else None,
                },
            )
            for c in cfg.categories
            if _depth(c.code, parents) == level
        ]
        sync_rows(Category, cats, wanted_c, make, **kw)
    slas: dict[Key, Any] = {(p.category_id, p.urgency): p for p in SLAPolicy.objects.filter(jurisdiction=jur)}
    wanted_s = []
    for s in cfg.sla:
        cat = cats[s.category] if s.category else None
        values = {
            "category": cat,
            "urgency": s.urgency,
            "sign_amount": s.sign_amount,
            "sign_unit": s.sign_unit,
            "resolve_amount": s.resolve_amount,
            "resolve_unit": s.resolve_unit,
        }
        wanted_s.append(((cat.pk if cat else None, s.urgency), values))
    sync_rows(SLAPolicy, slas, wanted_s, make, **kw)
    tags: dict[Key, Any] = {(t.tag_set, t.code): t for t in Tag.objects.filter(jurisdiction=jur)}
    wanted_t = [
        (
            (t.tag_set, t.code),
            {"tag_set": t.tag_set, "code": t.code, "name": t.name, "tag_set_name": t.tag_set_name},
        )
        for t in cfg.tags
    ]
    sync_rows(Tag, tags, wanted_t, make, **kw)
    _write_working_hours(jur, cfg, acting_user, summary)


def _write_working_hours(
    jur: Jurisdiction, cfg: CheckedConfig, acting_user: User | None, summary: LoadSummary
) -> None:
    """sla.json's working hours, when it names them; clocks started later count in them."""
    if cfg.working_hours is None or str(cfg.working_hours) == jur.working_hours:
        return
    before = {"working_hours": jur.working_hours}
    jur.working_hours = str(cfg.working_hours)
    jur.save(update_fields=["working_hours"])
    summary.count(summary.updated, "jurisdiction")
    after = {"working_hours": jur.working_hours}
    record(jur, "update", acting_user=acting_user, jurisdiction_id=jur.pk, before=before, after=after)
    calendar.invalidate()
    transaction.on_commit(calendar.invalidate)


def load_config(jurisdiction: Jurisdiction, name: str, *, acting_user: User | None = None) -> LoadSummary:
    """Load configuration `name` into `jurisdiction` (idempotent upsert by code, audited).

    Raises a ValidationError listing every problem; nothing is written then.
    """
    raw = read_config(name)
    cfg = check_config(raw, jurisdiction)
    sections = _check_sections(raw, jurisdiction)
    summary = LoadSummary()
    with transaction.atomic():
        _write(jurisdiction, cfg, acting_user, summary)
        for stem, checked in sections.items():
            summary.updated.update(_SECTIONS[stem].write(jurisdiction, checked, acting_user))
        before = {"config_name": jurisdiction.config_name}
        if jurisdiction.config_name != name:
            jurisdiction.config_name = name
            jurisdiction.save(update_fields=["config_name"])
        record(
            jurisdiction,
            "load_config",
            acting_user=acting_user,
            jurisdiction_id=jurisdiction.pk,
            before=before,
            after={"config_name": name, "created": summary.created, "updated": summary.updated},
        )
    return summary


def _check_sections(raw: dict[str, Any], jurisdiction: Jurisdiction) -> dict[str, Any]:
    """Every registered section present in `raw`, checked; one ValidationError for all problems."""
    checked: dict[str, Any] = {}
    errors: list[str] = []
    for stem, section in _SECTIONS.items():
        if stem not in raw:
            continue
        try:
            checked[stem] = section.check(raw[stem], jurisdiction)
        except ValidationError as exc:
            errors.extend(f"{stem}.json: {m}" for m in exc.messages)
    if errors:
        raise ValidationError(errors)
    return checked
