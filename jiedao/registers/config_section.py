"""`registers.json` in a configuration folder: project sectors and sources, ledger types.

Sectors and sources become core Tags (tag sets project_sector / project_source) so other
pages can show them like any tag; ledger types are this app's own rows. Loading twice
changes nothing; rows the file no longer lists stay (entries may point at them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jiedao.core.config import ConfigSection, LoadSummary, register_config_section, sync_rows
from jiedao.core.models import Jurisdiction, Tag, User
from jiedao.registers.models import SECTOR_TAG_SET, SOURCE_TAG_SET, LedgerType

TAG_SETS = {"sectors": (SECTOR_TAG_SET, "项目领域"), "sources": (SOURCE_TAG_SET, "项目来源")}


@dataclass(frozen=True)
class CheckedRegisters:
    tags: list[tuple[str, str, str, str]]  # tag set, set name, code, name
    ledger_types: list[dict[str, Any]]


def _items(raw: dict[str, Any], key: str, errors: list[str]) -> list[dict[str, Any]]:
    items = raw.get(key, [])
    if not isinstance(items, list):
        errors.append(_("%(key)s 必须是列表。") % {"key": key})
        return []
    good = []
    seen: set[str] = set()
    for i, item in enumerate(items, 1):
        code = item.get("code") if isinstance(item, dict) else None
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(code, str) or not code or not isinstance(name, str) or not name:
            errors.append(_("%(key)s 第%(n)d项须有 code 和 name。") % {"key": key, "n": i})
        elif code in seen:
            errors.append(_("%(key)s 中代码 %(code)s 重复。") % {"key": key, "code": code})
        else:
            seen.add(code)
            good.append(item)
    return good


def check(raw: Any, jurisdiction: Jurisdiction) -> CheckedRegisters:
    if not isinstance(raw, dict):
        raise ValidationError(_("registers.json 必须是一个对象。"))
    errors: list[str] = []
    tags = [
        (tag_set, set_name, item["code"], item["name"])
        for key, (tag_set, set_name) in TAG_SETS.items()
        for item in _items(raw, key, errors)
    ]
    types = []
    for order, item in enumerate(_items(raw, "ledger_types", errors)):
        unit = item.get("unit")
        levels = item.get("levels", [])
        level_errors: list[str] = []
        if not isinstance(unit, str) or not unit:
            errors.append(_("台账类型 %(code)s 须有 unit。") % {"code": item["code"]})
        levels = _items({"levels": levels}, "levels", level_errors)
        errors.extend(f"{item['code']}: {e}" for e in level_errors)
        types.append(
            {
                "code": item["code"],
                "name": item["name"],
                "unit": unit,
                "levels": [{"code": lv["code"], "name": lv["name"]} for lv in levels],
                "attendance": bool(item.get("attendance", False)),
                "order": order,
            }
        )
    if errors:
        raise ValidationError(errors)
    return CheckedRegisters(tags=tags, ledger_types=types)


def write(jurisdiction: Jurisdiction, checked: CheckedRegisters, acting_user: User | None) -> dict[str, int]:
    summary = LoadSummary()
    make = {"jurisdiction": jurisdiction}
    tags: dict[Any, Any] = {
        (t.tag_set, t.code): t
        for t in Tag.objects.filter(jurisdiction=jurisdiction, tag_set__in=[s for s, _n in TAG_SETS.values()])
    }
    wanted_t = [
        ((s, c), {"tag_set": s, "code": c, "name": n, "tag_set_name": sn}) for s, sn, c, n in checked.tags
    ]
    sync_rows(Tag, tags, wanted_t, make, acting_user=acting_user, summary=summary)
    types: dict[Any, Any] = {t.code: t for t in LedgerType.objects.filter(jurisdiction=jurisdiction)}
    sync_rows(
        LedgerType,
        types,
        [(t["code"], t) for t in checked.ledger_types],
        make,
        acting_user=acting_user,
        summary=summary,
    )
    out: dict[str, int] = {}
    for bucket in (summary.created, summary.updated):
        for kind, n in bucket.items():
            out[kind] = out.get(kind, 0) + n
    return out


SECTION = ConfigSection(stem="registers", check=check, write=write)


def register() -> None:
    register_config_section(SECTION)
