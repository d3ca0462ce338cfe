"""Build a year's report from its template: every number a Figure that knows its query.

The result is rendered twice, by the same structure: to Word (docx.py) and to the web version
(views), so the draft and the page cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils import translation

from jiedao.core.indicators import Period
from jiedao.core.models import Jurisdiction
from jiedao.nlp.formatting import change_of, format_change, format_quantity
from jiedao.reports import plan
from jiedao.reports.layout import PLACEHOLDER, VARIABLES, Layout, Section, Slot, slots
from jiedao.reports.values import Reading, drilldown_url, read

NUMERALS = "一二三四五六七八九十"
# The report is a Chinese government document whatever the reader's interface language: the
# indicators' labels and units it prints ("件", "亩") are read in Chinese, never in English.
REPORT_LANGUAGE = "zh-hans"


def numeral(n: int) -> str:
    """1 → 一, 12 → 十二 (enough for sections and items)."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


@dataclass(frozen=True)
class Figure:
    """One number in the report, with everything the appendix and the drill-down need."""

    index: int
    code: str
    label: str
    unit: str
    form: str  # "value" or "yoy"
    period: Period
    value: Decimal  # the indicator's value for the period
    previous: Decimal | None  # 同比: last year's value
    change: Decimal | None  # 同比: the change in percent, or in 个百分点 for a rate
    text: str  # as printed in the body
    description: str
    url: str


Segment = str | Figure


@dataclass
class ItemOut:
    ordinal: str  # 一是
    title: str
    segments: list[Segment]


@dataclass
class SectionOut:
    ordinal: str  # （一）
    heading: str
    lead: str
    items: list[ItemOut] = field(default_factory=list)


@dataclass
class Report:
    jurisdiction: Jurisdiction
    year: int
    title: str
    opening: str
    summary_heading: str
    summary: list[SectionOut]
    plan_heading: str
    plan_note: str
    plan: list[SectionOut]
    figures: list[Figure]


class _Filler:
    def __init__(self, jurisdiction: Jurisdiction, year: int) -> None:
        self.jurisdiction = jurisdiction
        self.period = Period.year(year)
        self.names = {"jurisdiction": jurisdiction.name, "year": str(year), "next": str(year + 1)}
        self.figures: list[Figure] = []
        self._cache: dict[tuple[str, Period], Reading | None] = {}

    def text(self, template: str) -> str:
        return PLACEHOLDER.sub(lambda m: self.names.get(m.group(1), m.group(0)), template)

    def _read(self, code: str, period: Period) -> Reading | None:
        key = (code, period)
        if key not in self._cache:
            self._cache[key] = read(code, self.jurisdiction.pk, period)
        return self._cache[key]

    def _figure(self, slot: Slot) -> Figure | None:
        now = self._read(slot.code, self.period)
        if now is None:
            return None
        previous = change = None
        text = format_quantity(now.value, now.unit)
        if slot.form == "yoy":
            before = self._read(slot.code, self.period.same_period_last_year())
            if before is None:
                return None
            previous = before.value
            text = format_change(now.value, previous, unit=now.unit)
            moved = change_of(now.value, previous, now.unit)
            change = moved.amount if moved is not None else None
        url = drilldown_url(slot.code, self.jurisdiction.pk, self.period)
        return Figure(
            0, slot.code, now.label, now.unit, slot.form, self.period, now.value, previous, change,
            text, now.description, url,
        )  # fmt: skip

    def phrase(self, template: str) -> list[Segment] | None:
        """The phrase with its numbers, or None when any of them has no backing records."""
        figures = [self._figure(s) for s in slots(template)]
        if any(f is None for f in figures):
            return None
        out: list[Segment] = []
        pos, it = 0, iter(figures)
        for m in PLACEHOLDER.finditer(template):
            out.append(self.text(template[pos : m.start()]))
            out.append(self.names[m.group(1)] if m.group(1) in VARIABLES else next(it))  # type: ignore[arg-type]
            pos = m.end()
        out.append(self.text(template[pos:]))
        return [s for s in out if s != ""]

    def number(self, segments: list[Segment]) -> None:
        """Give the item's figures their place in the document (the appendix's order)."""
        for i, seg in enumerate(segments):
            if isinstance(seg, Figure):
                segments[i] = replace(seg, index=len(self.figures) + 1)
                self.figures.append(segments[i])  # type: ignore[arg-type]


def _summary(filler: _Filler, sections: tuple[Section, ...]) -> list[SectionOut]:
    out: list[SectionOut] = []
    for sec in sections:
        items: list[ItemOut] = []
        for item in sec.items:
            parts = [p for p in (filler.phrase(t) for t in item.phrases) if p]
            if not parts:
                continue
            segments: list[Segment] = []
            for n, part in enumerate(parts):
                segments.extend((["，"] if n else []) + part)
            segments.append("。")
            filler.number(segments)
            items.append(ItemOut(f"{numeral(len(items) + 1)}是", filler.text(item.title), segments))
        if items:
            ordinal = f"（{numeral(len(out) + 1)}）"
            out.append(SectionOut(ordinal, filler.text(sec.heading), filler.text(sec.lead), items))
    return out


def _plan(filler: _Filler, targets: dict[str, list[str]], layout: Layout) -> list[SectionOut]:
    out: list[SectionOut] = []
    other = Section(plan.OTHER, layout.plan_other, "")
    for sec in (*layout.plan, other):
        lines = targets.get(sec.area, [])
        if not lines:
            continue
        # A target's own words follow the ordinal in body type (the seed bolds only short titles).
        items = [ItemOut(f"{numeral(n)}是", "", [line + "。"]) for n, line in enumerate(lines, 1)]
        ordinal = f"（{numeral(len(out) + 1)}）"
        out.append(SectionOut(ordinal, filler.text(sec.heading), filler.text(sec.lead), items))
    return out


def build_report(jurisdiction: Jurisdiction, year: int, layout: Layout) -> Report:
    with translation.override(REPORT_LANGUAGE):
        return _build(jurisdiction, year, layout)


def _build(jurisdiction: Jurisdiction, year: int, layout: Layout) -> Report:
    filler = _Filler(jurisdiction, year)
    summary = _summary(filler, layout.summary)
    plan_sections = _plan(filler, plan.targets_by_area(jurisdiction.pk, year + 1), layout)
    return Report(
        jurisdiction=jurisdiction,
        year=year,
        title=filler.text(layout.title),
        opening=filler.text(layout.opening),
        summary_heading=filler.text(layout.summary_heading),
        summary=summary,
        plan_heading=filler.text(layout.plan_heading),
        plan_note="" if plan_sections else filler.text(layout.plan_empty),
        plan=plan_sections,
        figures=filler.figures,
    )
