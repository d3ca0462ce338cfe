"""`mediation.json` of a configuration folder: rooms, dispute types and shared courts.

Checked in full before anything is written; written by upsert on code (rows the file no longer
names are left alone, cases point at them). Room membership is not configuration: mediators are
people, placed in rooms by an admin (`actions.add_member`) or by the demo.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from jiedao.core import audit
from jiedao.core.config import ConfigSection, register_config_section
from jiedao.core.models import Jurisdiction, User
from jiedao.mediation.models import DisputeType, Room, SharedCourt

LISTS = {"rooms": Room, "dispute_types": DisputeType, "courts": SharedCourt}
REQUIRED = ("rooms", "dispute_types")


@dataclass(frozen=True)
class Row:
    code: str
    values: dict[str, Any]


def _rows(raw: Any, name: str, problems: list[str]) -> list[Row]:
    items = raw.get(name, []) if isinstance(raw, dict) else None
    if not isinstance(items, list) or (name in REQUIRED and not items):
        problems.append(_("mediation.json 的 %(name)s 必须是非空列表。") % {"name": name})
        return []
    rows: list[Row] = []
    seen: set[str] = set()
    for i, item in enumerate(items, start=1):
        code = item.get("code") if isinstance(item, dict) else None
        label = item.get("name") if isinstance(item, dict) else None
        if not isinstance(code, str) or not code or len(code) > 40 or not isinstance(label, str) or not label:
            problems.append(
                _("mediation.json 的 %(name)s 第%(i)d项须有 code 和 name。") % {"name": name, "i": i}
            )
            continue
        if code in seen:
            problems.append(
                _("mediation.json 的 %(name)s 代码重复：%(code)s。") % {"name": name, "code": code}
            )
            continue
        seen.add(code)
        values: dict[str, Any] = {"name": label[:100]}
        if name == "rooms":
            values["brand"] = str(item.get("brand") or "")[:100]
        if name != "courts":
            values["order"] = i
        rows.append(Row(code, values))
    return rows


def check_section(raw: Any, jurisdiction: Jurisdiction) -> dict[str, list[Row]]:
    problems: list[str] = []
    checked = {name: _rows(raw, name, problems) for name in LISTS}
    if problems:
        raise ValidationError(problems)
    return checked


def _upsert(model: type[models.Model], jurisdiction: Jurisdiction, rows: list[Row], user: User | None) -> int:
    existing = {obj.code: obj for obj in model._default_manager.filter(jurisdiction=jurisdiction)}  # type: ignore[attr-defined]
    changed = 0
    for row in rows:
        obj = existing.get(row.code)
        if obj is None:
            obj = model(jurisdiction=jurisdiction, code=row.code, **row.values)
            obj.save()
            audit.record(obj, "create", acting_user=user, after={"code": row.code, **row.values})
            changed += 1
            continue
        before = audit.snapshot(obj, list(row.values))
        for name, value in row.values.items():
            setattr(obj, name, value)
        after = audit.snapshot(obj, list(row.values))
        if after != before:
            obj.save(update_fields=list(row.values))
            audit.record(obj, "update", acting_user=user, before=before, after=after)
            changed += 1
    return changed


def write_section(
    jurisdiction: Jurisdiction, checked: dict[str, list[Row]], user: User | None
) -> dict[str, int]:
    out = {}
    for name, model in LISTS.items():
        n = _upsert(model, jurisdiction, checked[name], user)
        if n:
            out[model._meta.model_name or name] = n
    return out


MEDIATION_SECTION = ConfigSection(stem="mediation", check=check_section, write=write_section)


def register() -> None:
    register_config_section(MEDIATION_SECTION)
