"""A report template as data: sections by area, items made of phrases bound to indicator codes.

The JSON shape (config/reports/default.json is the seed an admin edits in /admin/):

    {"title": "{jurisdiction}{year}年工作总结及{next}年工作思路",
     "opening": "…", "summary_heading": "一、{year}年工作总结",
     "summary": [{"area": "economy", "heading": "…", "lead": "…",
                  "items": [{"title": "以项目招引打造发展撬动点",
                             "phrases": ["全年新签约项目{registers.projects_signed}", …]}]}],
     "plan_heading": "二、{next}年工作思路", "plan_empty": "…",
     "plan": [{"area": "economy", "heading": "…", "lead": "…"}],
     "plan_other": "统筹推进其他重点工作。"}

`{jurisdiction}`, `{year}` and `{next}` name the report; `{app.name}` prints an indicator's value
with its unit, `{app.name|yoy}` its 同比 in words ("同比增长210%").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jiedao.core.indicators import AREAS

# One placeholder: an indicator code with an optional form, or a report variable.
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
FORMS = ("value", "yoy")
VARIABLES = ("jurisdiction", "year", "next")


@dataclass(frozen=True)
class Item:
    title: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    area: str
    heading: str
    lead: str
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Layout:
    title: str
    opening: str
    summary_heading: str
    summary: tuple[Section, ...]
    plan_heading: str
    plan_empty: str
    plan: tuple[Section, ...]
    plan_other: str  # heading of the section for targets bound to no indicator


@dataclass(frozen=True)
class Slot:
    """A placeholder bound to an indicator: `{code}` or `{code|yoy}`."""

    code: str
    form: str


def slots(phrase: str) -> list[Slot]:
    """The indicator placeholders of a phrase, in order (report variables are not slots)."""
    out = []
    for inner in PLACEHOLDER.findall(phrase):
        if inner in VARIABLES:
            continue
        code, _sep, form = inner.partition("|")
        out.append(Slot(code, form or "value"))
    return out


def _check_text(where: str, text: Any, errors: list[str], *, indicators: bool) -> str:
    if not isinstance(text, str):
        errors.append(_("%(where)s：应为文字。") % {"where": where})
        return ""
    if text.count("{") != text.count("}"):
        errors.append(_("%(where)s：花括号不配对。") % {"where": where})
    for inner in PLACEHOLDER.findall(text):
        if inner in VARIABLES:
            continue
        code, _sep, form = inner.partition("|")
        if not indicators or not CODE.match(code) or (form and form not in FORMS):
            errors.append(_("%(where)s：无法识别的占位符 {%(inner)s}。") % {"where": where, "inner": inner})
    return text


def _sections(raw: Any, key: str, errors: list[str], *, items: bool) -> tuple[Section, ...]:
    if not isinstance(raw, list):
        errors.append(_("“%(key)s”应为列表。") % {"key": key})
        return ()
    out = []
    for n, sec in enumerate(raw, 1):
        where = f"{key}[{n}]"
        if not isinstance(sec, dict):
            errors.append(_("%(where)s：应为对象。") % {"where": where})
            continue
        area = sec.get("area")
        if area not in AREAS:
            errors.append(_("%(where)s：未知的领域“%(area)s”。") % {"where": where, "area": area})
        parsed: list[Item] = []
        for m, item in enumerate(sec.get("items", []) if items else [], 1):
            iw = f"{where}.items[{m}]"
            phrases = item.get("phrases") if isinstance(item, dict) else None
            if not isinstance(phrases, list) or not phrases:
                errors.append(_("%(where)s：须有至少一个短语。") % {"where": iw})
                continue
            title = _check_text(iw, item.get("title", ""), errors, indicators=False)
            texts = tuple(_check_text(iw, p, errors, indicators=True) for p in phrases)
            parsed.append(Item(title, texts))
        heading = _check_text(where, sec.get("heading", ""), errors, indicators=False)
        lead = _check_text(where, sec.get("lead", ""), errors, indicators=False)
        out.append(Section(str(area), heading, lead, tuple(parsed)))
    return tuple(out)


def parse_layout(data: Any) -> Layout:
    """The template as a Layout; every problem found is raised at once as a ValidationError."""
    errors: list[str] = []
    if not isinstance(data, dict):
        raise ValidationError(_("模板应为 JSON 对象。"))

    def text(key: str) -> str:
        return _check_text(key, data.get(key, ""), errors, indicators=False)

    layout = Layout(
        title=text("title"),
        opening=text("opening"),
        summary_heading=text("summary_heading"),
        summary=_sections(data.get("summary"), "summary", errors, items=True),
        plan_heading=text("plan_heading"),
        plan_empty=text("plan_empty"),
        plan=_sections(data.get("plan", []), "plan", errors, items=False),
        plan_other=text("plan_other"),
    )
    if not layout.title:
        errors.append(_("模板缺少标题（title）。"))
    if errors:
        raise ValidationError(errors)
    return layout
