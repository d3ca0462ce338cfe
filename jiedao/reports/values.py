"""Indicator values for the report: a number is printed only when the platform can back it.

Values come from goals (`find` + `evaluate`: computed from records, or entered by hand with a
source). A code nobody registers, a computed one whose query finds no records for the period,
or a manual one nobody entered reads as None, and the phrase that uses it is left out: the draft
never prints a number nobody can open.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jiedao.core.indicators import Period, records_for
from jiedao.core.indicators import drilldown_url as indicator_drilldown_url
from jiedao.goals.values import evaluate, find


@dataclass(frozen=True)
class Reading:
    code: str
    label: str
    unit: str
    period: Period
    value: Decimal
    description: str  # the query in words, or for a hand-entered figure its source


def read(code: str, jurisdiction_id: int, period: Period) -> Reading | None:
    try:
        info = find(code, jurisdiction_id)
    except LookupError:
        return None
    if info.defn is not None and not records_for(info.defn, jurisdiction_id, period).exists():
        return None
    found = evaluate(info, jurisdiction_id, period, compare=False)
    if found.value is None:
        return None
    description = info.description
    if info.manual is not None:
        own = f"；{info.manual.description}" if info.manual.description else ""
        description = f"手工填报，数据来源：{found.source}{own}"
    return Reading(code, info.label, info.unit, period, found.value, description)


def drilldown_url(code: str, jurisdiction_id: int, period: Period) -> str:
    """The goals page listing the records (or the hand-entered entry) behind a value."""
    return indicator_drilldown_url(code, jurisdiction_id, period)
