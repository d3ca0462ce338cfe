"""Checking a configuration's JSON before anything is written; every problem is reported at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jiedao.core.models import Department, Jurisdiction
from jiedao.core.models.org import DurationUnit, Urgency
from jiedao.core.workhours import WorkingHours, parse_working_hours

CODE_MAX = 40
NAME_MAX = 100


@dataclass(frozen=True)
class DeptSpec:
    code: str
    name: str


@dataclass(frozen=True)
class PlatformSpec:
    code: str
    name: str
    order: int


@dataclass(frozen=True)
class CategorySpec:
    code: str
    name: str
    platform: str
    parent: str | None
    keywords: tuple[str, ...]
    default_department: str | None


@dataclass(frozen=True)
class SLASpec:
    category: str | None
    urgency: str
    sign_amount: int
    sign_unit: str
    resolve_amount: int
    resolve_unit: str


@dataclass(frozen=True)
class TagSpec:
    tag_set: str
    tag_set_name: str
    code: str
    name: str


@dataclass
class CheckedConfig:
    """A configuration that passed every check, in the order it must be written."""

    departments: list[DeptSpec]
    platforms: list[PlatformSpec]
    categories: list[CategorySpec]
    sla: list[SLASpec]
    tags: list[TagSpec]
    working_hours: WorkingHours | None = None  # sla.json's working_hours; None: leave as it is


class _Checker:
    def __init__(self, known_departments: set[str]) -> None:
        self.errors: list[str] = []
        self.known_departments = known_departments

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}：{message}")

    def code_name(self, where: str, item: Any, seen: set[str]) -> tuple[str, str] | None:
        if not isinstance(item, dict):
            self.error(where, _("应为对象"))
            return None
        code, name = item.get("code"), item.get("name")
        ok = True
        if not isinstance(code, str) or not code.strip() or len(code) > CODE_MAX:
            self.error(where, _("code 必须是 1–%(n)d 个字符的文本") % {"n": CODE_MAX})
            ok = False
        elif code in seen:
            self.error(where, _("code %(code)s 重复") % {"code": code})
            ok = False
        if not isinstance(name, str) or not name.strip() or len(name) > NAME_MAX:
            self.error(where, _("name 必须是 1–%(n)d 个字符的文本") % {"n": NAME_MAX})
            ok = False
        if not ok or not isinstance(code, str) or not isinstance(name, str):
            return None
        seen.add(code)
        return code, name.strip()

    def items(self, data: Any, key: str, where: str) -> list[Any]:
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, list):
            self.error(where, _("缺少列表 %(key)s") % {"key": key})
            return []
        return value

    def departments(self, raw: Any) -> list[DeptSpec]:
        out: list[DeptSpec] = []
        seen: set[str] = set()
        for i, item in enumerate(self.items(raw, "departments", "departments.json")):
            cn = self.code_name(f"departments.json #{i + 1}", item, seen)
            if cn:
                out.append(DeptSpec(*cn))
        return out

    def categories(
        self,
        items: Any,
        platform: str,
        parent: str | None,
        seen: set[str],
        depts: set[str],
        out: list[CategorySpec],
    ) -> None:
        if items is None:
            return
        if not isinstance(items, list):
            self.error(f"platforms.json {parent or platform}", _("categories/children 应为列表"))
            return
        for item in items:
            where = f"platforms.json {item.get('code') if isinstance(item, dict) else '?'}"
            cn = self.code_name(where, item, seen)
            if cn is None:
                continue
            kws = item.get("keywords", [])
            if not isinstance(kws, list) or not all(isinstance(k, str) and k.strip() for k in kws):
                self.error(where, _("keywords 应为文本列表"))
                kws = []
            if len(",".join(kws)) > 400:
                self.error(where, _("keywords 总长度不能超过 400 个字符"))
            dept = item.get("default_department")
            if dept is not None and dept not in depts:
                self.error(where, _("默认部门 %(code)s 不存在") % {"code": dept})
                dept = None
            out.append(CategorySpec(cn[0], cn[1], platform, parent, tuple(k.strip() for k in kws), dept))
            self.categories(item.get("children"), platform, cn[0], seen, depts, out)

    def platforms(self, raw: Any, depts: set[str]) -> tuple[list[PlatformSpec], list[CategorySpec]]:
        platforms: list[PlatformSpec] = []
        cats: list[CategorySpec] = []
        seen: set[str] = set()
        cat_seen: set[str] = set()
        for i, item in enumerate(self.items(raw, "platforms", "platforms.json")):
            cn = self.code_name(f"platforms.json #{i + 1}", item, seen)
            if cn is None:
                continue
            order = item.get("order", i + 1)
            if not isinstance(order, int) or order < 0:
                self.error(f"platforms.json {cn[0]}", _("order 应为非负整数"))
                order = i + 1
            platforms.append(PlatformSpec(cn[0], cn[1], order))
            self.categories(item.get("categories", []), cn[0], None, cat_seen, depts, cats)
        return platforms, cats

    def duration(self, where: str, value: Any) -> tuple[int, str]:
        if (
            isinstance(value, list)
            and len(value) == 2
            and isinstance(value[0], int)
            and not isinstance(value[0], bool)
            and value[0] > 0
            and value[1] in DurationUnit.values
        ):
            return value[0], value[1]
        self.error(
            where,
            _("时限应写成 [正整数, 单位]，单位为 %(units)s") % {"units": "/".join(DurationUnit.values)},
        )
        return 1, DurationUnit.WORKING_DAYS

    def sla(self, raw: Any, categories: set[str]) -> list[SLASpec]:
        out: list[SLASpec] = []
        seen: set[tuple[str | None, str]] = set()
        for i, item in enumerate(self.items(raw, "policies", "sla.json")):
            where = f"sla.json #{i + 1}"
            if not isinstance(item, dict):
                self.error(where, _("应为对象"))
                continue
            cat, urgency = item.get("category"), item.get("urgency")
            if cat is not None and cat not in categories:
                self.error(where, _("分类 %(code)s 不存在") % {"code": cat})
            if urgency not in Urgency.values:
                self.error(where, _("urgency 应为 %(values)s 之一") % {"values": "/".join(Urgency.values)})
            if (cat, urgency) in seen:
                self.error(where, _("同一分类和紧急程度的规则重复"))
            seen.add((cat, str(urgency)))
            sign = self.duration(where, item.get("sign"))
            resolve = self.duration(where, item.get("resolve"))
            out.append(SLASpec(cat, str(urgency), sign[0], sign[1], resolve[0], resolve[1]))
        missing = [u for u in Urgency.values if (None, u) not in seen]
        if raw is not None and missing:
            self.error(
                "sla.json", _("缺少街道默认时限（category 为 null）：%(u)s") % {"u": "、".join(missing)}
            )
        return out

    def working_hours(self, raw: Any) -> WorkingHours | None:
        """sla.json's optional "working_hours": ["08:30-12:00", "13:30-17:30"]."""
        value = raw.get("working_hours") if isinstance(raw, dict) else None
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
            self.error("sla.json working_hours", _('应为时段列表，如 ["08:30-12:00", "13:30-17:30"]'))
            return None
        try:
            return parse_working_hours(",".join(value))
        except ValidationError as exc:
            self.error("sla.json working_hours", "；".join(exc.messages))
            return None

    def tags(self, raw: Any) -> list[TagSpec]:
        out: list[TagSpec] = []
        set_seen: set[str] = set()
        for i, group in enumerate(self.items(raw, "tag_sets", "tags.json")):
            cn = self.code_name(f"tags.json #{i + 1}", group, set_seen)
            if cn is None:
                continue
            seen: set[str] = set()
            for j, tag in enumerate(self.items(group, "tags", f"tags.json {cn[0]}")):
                tcn = self.code_name(f"tags.json {cn[0]} #{j + 1}", tag, seen)
                if tcn:
                    out.append(TagSpec(cn[0], cn[1][:60], tcn[0], tcn[1][:60]))
        return out


def check_config(raw: dict[str, Any], jurisdiction: Jurisdiction) -> CheckedConfig:
    """Validate raw configuration JSON; raise one ValidationError listing every problem."""
    known = set(Department.objects.filter(jurisdiction=jurisdiction).values_list("code", flat=True))
    c = _Checker(known)
    departments = c.departments(raw.get("departments"))
    dept_codes = known | {d.code for d in departments}
    platforms, categories = c.platforms(raw.get("platforms"), dept_codes)
    sla = c.sla(raw["sla"], {x.code for x in categories}) if "sla" in raw else []
    hours = c.working_hours(raw.get("sla"))
    tags = c.tags(raw["tags"]) if "tags" in raw else []
    if c.errors:
        raise ValidationError(c.errors)
    return CheckedConfig(departments, platforms, categories, sla, tags, hours)
