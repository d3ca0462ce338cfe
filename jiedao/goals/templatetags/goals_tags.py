"""Template helpers for indicator values: plain numbers, signed changes, drill-down links."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from jiedao.core.indicators import Period
from jiedao.nlp.formatting import RATE_UNIT, Change, format_percent, format_percent_number

register = template.Library()


@register.filter
def num(value: Decimal | int | None, unit: str = "") -> str:
    """12.50 → "12.5", 3.0000 → "3", None → "—"; in unit "%" always one decimal (95 → "95.0")."""
    if value is None:
        return "—"
    if unit == RATE_UNIT:
        return format_percent_number(Decimal(value))
    text = f"{Decimal(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


@register.filter
def percent(value: Decimal | None) -> str:
    """A share in percent, one decimal: "93.8%", "—" when there is none."""
    return "—" if value is None else format_percent(Decimal(value))


@register.filter
def signed(value: Decimal | None, unit: str = RATE_UNIT) -> str:
    """A change with its sign: "+12.5%", "-3.0%", "+0.4个百分点" (unit "百分点"), "—" when it
    cannot be said."""
    if value is None:
        return "—"
    return Change(Decimal(value), unit or RATE_UNIT).signed(points=gettext("个百分点"))


@register.simple_tag
def drill_url(code: str, period: Period, filters: Mapping[str, Any] | None = None, **extra: Any) -> str:
    """The drill-down page of `code` for the period (and filters)."""
    given = {k: v for k, v in extra.items() if v not in (None, "")}
    query = {"start": period.start.isoformat(), "end": period.end.isoformat(), **(filters or {}), **given}
    return f"{reverse('goals:indicator', args=[code])}?{urlencode(query)}"
