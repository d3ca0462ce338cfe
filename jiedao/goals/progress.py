"""How far a target has come: its indicator's value so far against the target and the
expected-by-now line (linear from 1 January to the deadline), or against last year for a
direction target, or the hand-set done flag for a qualitative one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse
from django.utils.http import urlencode

from jiedao.core.indicators import Period
from jiedao.goals.models import Direction, Target, TargetKind
from jiedao.goals.values import IndicatorInfo, IndicatorValue, evaluate, find

ONE = Decimal("0.1")


@dataclass(frozen=True)
class Progress:
    target: Target
    period: Period | None  # 1 January .. today (or the year's end); None before the year starts
    reading: IndicatorValue | None
    percent: Decimal | None  # share of the target reached
    expected_percent: Decimal  # where a steady pace would be today (a rate: 100, the level itself)
    status: str  # "done", "on_track", "behind", "pending", "no_data"
    url: str  # the drill-down of the number
    indicator_label: str = ""  # the bound indicator as people call it (never its code)

    @property
    def value(self) -> Decimal | None:
        return self.reading.value if self.reading else None

    @property
    def expected_value(self) -> Decimal | None:
        q = self.target.quantity
        return (q * self.expected_percent / 100).quantize(ONE, rounding=ROUND_HALF_UP) if q else None


def drilldown_url(code: str, period: Period) -> str:
    query = urlencode({"start": period.start.isoformat(), "end": period.end.isoformat()})
    return f"{reverse('goals:indicator', args=[code])}?{query}"


def elapsed_percent(year: int, deadline: date | None, today: date) -> Decimal:
    start, end = date(year, 1, 1), deadline or date(year, 12, 31)
    if end < start:
        end = date(year, 12, 31)
    total = (end - start).days + 1
    done = min(max((today - start).days + 1, 0), total)
    return (Decimal(done) * 100 / total).quantize(ONE, rounding=ROUND_HALF_UP)


def progress_of(target: Target, today: date) -> Progress:
    year_end = date(target.year, 12, 31)
    expected = elapsed_percent(target.year, target.deadline, today)
    start = date(target.year, 1, 1)
    period = Period(start, min(today, year_end)) if today >= start else None
    info = _indicator(target)
    label = info.label if info is not None else ""
    if target.kind == TargetKind.QUALITATIVE or info is None or period is None:
        status = "done" if target.done else "pending"
        done = Decimal(100) if target.done else None
        return Progress(target, period, None, done, expected, status, "", label)
    direction = target.kind == TargetKind.DIRECTION
    reading = evaluate(info, target.jurisdiction_id, period, compare=direction)
    url = drilldown_url(target.indicator_code, period)
    value = reading.value
    if value is None:
        return Progress(target, period, reading, None, expected, "no_data", url, label)
    if direction:
        prev = reading.yoy_previous
        if prev is None:
            status = "no_data"
        elif target.direction == Direction.DECREASE:
            status = "on_track" if value < prev else "behind"
        else:
            status = "on_track" if value > prev else "behind"
        return Progress(target, period, reading, None, expected, status, url, label)
    assert target.quantity is not None
    if target.direction == Direction.AT_MOST:
        # 控制在…以内 (零增长 included): a ceiling to stay under all year, never "done" early.
        status = "on_track" if value <= target.quantity else "behind"
        percent = _percent(value, target.quantity) if target.quantity else None
        return Progress(target, period, reading, percent, Decimal(100), status, url, label)
    percent = _percent(value, target.quantity)
    if reading.unit == "%":
        # A rate (按期办结率 ≥ 95%) is a level to hold all year, not an amount that accumulates.
        expected = Decimal(100)
        status = "on_track" if percent >= 100 else "behind"
    elif percent >= 100:
        status = "done"
    else:
        status = "on_track" if percent >= expected else "behind"
    return Progress(target, period, reading, percent, expected, status, url, label)


def _indicator(target: Target) -> IndicatorInfo | None:
    """The indicator the target is bound to (None when unbound or no longer defined)."""
    if not target.indicator_code:
        return None
    try:
        return find(target.indicator_code, target.jurisdiction_id)
    except LookupError:
        return None


def _percent(value: Decimal, of: Decimal) -> Decimal:
    return (value * 100 / of).quantize(ONE, rounding=ROUND_HALF_UP)


def progress_for_year(jurisdiction_id: int, year: int, today: date) -> list[Progress]:
    targets = Target.objects.filter(jurisdiction_id=jurisdiction_id, year=year).order_by("id")
    return [progress_of(t, today) for t in targets]
