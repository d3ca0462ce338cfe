"""Indicator values for the report: a number is printed only when the platform can back it.

A code that no app registers, or whose query finds no records for the period, reads as None
and the phrase that uses it is left out: the draft never prints a number nobody can open.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from jiedao.core.indicators import Period, compute, get_indicator, records_for


@dataclass(frozen=True)
class Reading:
    code: str
    label: str
    unit: str
    period: Period
    value: Decimal
    description: str  # the query in words


def read(code: str, jurisdiction_id: int, period: Period) -> Reading | None:
    try:
        defn = get_indicator(code)
    except KeyError:
        return None
    if not records_for(defn, jurisdiction_id, period).exists():
        return None
    value = compute(defn, jurisdiction_id, period)
    return Reading(code, str(defn.label), str(defn.unit), period, value, str(defn.description))


def drilldown_url(code: str, period: Period) -> str:
    """The goals app's page listing the records behind a value (linked even before it exists)."""
    try:
        base = reverse("goals:indicator", args=[code])
    except NoReverseMatch:  # the goals page may not be wired yet; its URL is agreed
        base = f"/goals/indicators/{code}/"
    return f"{base}?{urlencode({'start': period.start.isoformat(), 'end': period.end.isoformat()})}"
