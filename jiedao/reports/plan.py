"""二、工作思路: next year's confirmed targets (from goals), phrased and grouped by area.

A target sits in the area of the indicator it is bound to (a registered or a hand-entered one);
a target bound to none goes to the template's closing "other" section.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from jiedao.core.indicators import get_indicator
from jiedao.goals.models import ManualIndicator, Target
from jiedao.nlp.numbers import format_quantity

OTHER = ""  # the area key of targets bound to no indicator


def _area(code: str, manual: dict[str, str]) -> str:
    if not code:
        return OTHER
    try:
        return get_indicator(code).area
    except KeyError:
        return manual.get(code, OTHER)


def phrase(target: Any) -> str:
    """The plan's own words when the target came from a pasted plan, else composed from its fields."""
    source = str(target.source_text or "").strip().rstrip("。；;，,")
    if source:
        return source
    if target.quantity is not None:
        return f"完成{target.subject}{format_quantity(target.quantity, target.unit)}"
    return str(target.subject)


def targets_by_area(jurisdiction_id: int, year: int) -> dict[str, list[str]]:
    """Area → the sentences of the year's confirmed targets, in the order they were confirmed."""
    manual = dict(ManualIndicator.objects.filter(jurisdiction_id=jurisdiction_id).values_list("code", "area"))
    out: dict[str, list[str]] = defaultdict(list)
    for target in Target.objects.filter(jurisdiction_id=jurisdiction_id, year=year).order_by("pk"):
        out[_area(target.indicator_code, manual)].append(phrase(target))
    return out
