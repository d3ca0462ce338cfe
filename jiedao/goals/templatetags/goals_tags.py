"""Template helpers for indicator values: plain numbers, signed changes, drill-down links."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from jiedao.core.indicators import Period

register = template.Library()


@register.filter
def num(value: Decimal | int | None) -> str:
    """12.50 → "12.5", 3.0000 → "3", None → "—"."""
    if value is None:
        return "—"
    text = f"{Decimal(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


@register.filter
def signed(value: Decimal | None) -> str:
    """A change in percent with its sign: "+12.5%", "-3%", "—" when it cannot be said."""
    if value is None:
        return "—"
    return f"{'+' if value > 0 else ''}{num(value)}%"


@register.simple_tag
def drill_url(code: str, period: Period, filters: Mapping[str, Any] | None = None, **extra: Any) -> str:
    """The drill-down page of `code` for the period (and filters)."""
    given = {k: v for k, v in extra.items() if v not in (None, "")}
    query = {"start": period.start.isoformat(), "end": period.end.isoformat(), **(filters or {}), **given}
    return f"{reverse('goals:indicator', args=[code])}?{urlencode(query)}"
