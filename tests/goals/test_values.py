"""Indicator values equal independent counts over the rows, for arbitrary periods; 同比 and 环比."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.utils import timezone

from jiedao.cases.models import Case, Rating, TimeStatus
from jiedao.core.indicators import Period
from jiedao.core.models import Jurisdiction
from jiedao.events.kind import OPEN
from jiedao.goals.values import change_amount, value_of
from tests.goals.conftest import History


def _day(at: datetime | None) -> date | None:
    return timezone.localdate(at) if at else None


def _inside(at: datetime | None, p: Period) -> bool:
    d = _day(at)
    return d is not None and p.start <= d <= p.end


def _rate(rows: list[Case], hit: Callable[[Case], bool]) -> Decimal:
    if not rows:
        return Decimal("0.0")
    return (Decimal(sum(1 for c in rows if hit(c))) * 100 / len(rows)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def expected(code: str, cases: list[Case], self_resolved: set[int], p: Period) -> Decimal:
    received = [c for c in cases if _inside(c.created_at, p)]
    resolved = [c for c in cases if _inside(c.resolved_at, p)]
    if code == "events.received":
        return Decimal(len(received))
    if code == "events.hotline":
        return Decimal(sum(1 for c in received if c.channel == "hotline"))
    if code == "events.resolved":
        return Decimal(len(resolved))
    if code == "events.self_resolved":
        return Decimal(sum(1 for c in resolved if c.pk in self_resolved))
    if code == "events.overdue":
        return Decimal(
            sum(
                1 for c in received if c.time_status == TimeStatus.RED and c.state in OPEN and c.department_id
            )
        )
    if code == "events.on_time_rate":
        return _rate(resolved, lambda c: c.time_status != TimeStatus.RED)
    rated = [c for c in resolved if c.rating is not None]
    return _rate(rated, lambda c: c.rating in (Rating.SATISFIED, Rating.BASIC))


CODES = [
    "events.received",
    "events.hotline",
    "events.resolved",
    "events.self_resolved",
    "events.overdue",
    "events.on_time_rate",
    "events.satisfaction_rate",
]


def _periods(n: int) -> list[Period]:
    rng = random.Random(7)
    out = [Period.year(2024), Period.year(2025), Period(date(2025, 3, 1), date(2025, 3, 31))]
    for _ in range(n):
        start = date(2023, 12, 1) + timedelta(days=rng.randrange(800))
        out.append(Period(start, start + timedelta(days=rng.randrange(1, 200))))
    return out


@pytest.mark.django_db
def test_every_event_indicator_equals_an_independent_count(
    history: History, jurisdiction: Jurisdiction
) -> None:
    assert len(history.cases) == 48
    for p in _periods(12):
        for code in CODES:
            got = value_of(code, jurisdiction, p, compare=False).value
            assert got == expected(code, history.cases, history.self_resolved, p), (code, p)


@pytest.mark.django_db
def test_year_on_year_and_preceding_period(history: History, jurisdiction: Jurisdiction) -> None:
    p = Period(date(2025, 4, 1), date(2025, 6, 30))
    v = value_of("events.received", jurisdiction.pk, p)
    last_year = expected(
        "events.received", history.cases, history.self_resolved, Period(date(2024, 4, 1), date(2024, 6, 30))
    )
    before = expected(
        "events.received", history.cases, history.self_resolved, Period(date(2025, 1, 1), date(2025, 3, 31))
    )
    assert (v.yoy_previous, v.mom_previous) == (last_year, before)
    assert v.yoy_change == change_amount(v.value, last_year)
    assert v.mom_change == change_amount(v.value, before)
    assert v.change_unit == "%"
    assert change_amount(Decimal(31), Decimal(10)) == Decimal("210.0")
    assert change_amount(Decimal(5), Decimal(0)) is None


@pytest.mark.django_db
def test_a_rate_compares_in_percentage_points(history: History, jurisdiction: Jurisdiction) -> None:
    p = Period(date(2025, 1, 1), date(2025, 12, 31))
    v = value_of("events.on_time_rate", jurisdiction.pk, p)
    assert v.value is not None
    assert v.yoy_previous is not None
    assert v.change_unit == "百分点"
    assert v.yoy_change == (v.value - v.yoy_previous).quantize(Decimal("0.1"))
    # From a rate of 0 the change is still a number of points, not "cannot be said".
    assert change_amount(Decimal("12.5"), Decimal(0), "%") == Decimal("12.5")


@pytest.mark.django_db
def test_filters_narrow_the_value_and_unknown_codes_are_refused(
    history: History, jurisdiction: Jurisdiction
) -> None:
    p = Period.year(2025)
    by_channel = {
        ch: value_of("events.received", jurisdiction, p, {"channel": ch}, compare=False).value
        for ch in ("hotline", "grid", "call")
    }
    assert sum(by_channel.values()) == value_of("events.received", jurisdiction, p, compare=False).value
    assert by_channel["hotline"] == value_of("events.hotline", jurisdiction, p, compare=False).value
    with pytest.raises(LookupError):
        value_of("nothing.here", jurisdiction, p)
    with pytest.raises(ValueError):
        value_of("events.received", jurisdiction, p, {"colour": "red"})


def test_chart_categories_keep_what_differs_between_labels() -> None:
    from jiedao.goals.dashboard import short_labels

    assert short_labels(["期末处于签约阶段的项目数", "期末处于落地阶段的项目数"]) == (
        ["签约", "落地"],
        "期末处于…阶段的项目数",
    )
    assert short_labels(["土地协议签订宗数", "土地腾空宗数"]) == (["协议签订", "腾空"], "土地…宗数")
    events = ["受理事件数", "办结事件数", "12345热线转办件数"]
    assert short_labels(events) == (events, "")
    assert short_labels(["满意率"]) == (["满意率"], "")
    assert short_labels(["甲", "甲乙"]) == (["甲", "甲乙"], "")
