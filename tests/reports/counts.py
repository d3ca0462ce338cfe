"""Independent counts over the database, with plain ORM, for every indicator the report may print.

Written from the meaning of each figure (PRODUCT §2–§8), not from the indicator code: if an
indicator's query drifts from what its label says, the report test fails here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings

from jiedao.cases.models import Action, Case

Counter = Callable[[int, int], Decimal]  # (jurisdiction id, year) → value


def year_bounds(year: int) -> tuple[datetime, datetime]:
    tz = ZoneInfo(settings.TIME_ZONE)
    return (
        datetime.combine(date(year, 1, 1), time.min, tzinfo=tz),
        datetime.combine(date(year, 12, 31) + timedelta(days=1), time.min, tzinfo=tz),
    )


def _events_created(jid: int, year: int) -> list[Case]:
    lo, hi = year_bounds(year)
    return [c for c in Case.objects.filter(jurisdiction_id=jid, kind="event") if lo <= c.created_at < hi]


def _events_resolved(jid: int, year: int) -> list[Case]:
    lo, hi = year_bounds(year)
    return [
        c
        for c in Case.objects.filter(jurisdiction_id=jid, kind="event", resolved_at__isnull=False)
        if lo <= c.resolved_at < hi  # type: ignore[operator]
    ]


def _share(cases: list[Case], keep: Callable[[Case], bool]) -> Decimal:
    if not cases:
        return Decimal(0)
    return (Decimal(sum(1 for c in cases if keep(c))) * 100 / len(cases)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def _self_resolved(jid: int, year: int) -> Decimal:
    ids = {c.pk for c in _events_resolved(jid, year)}
    acted = set(Action.objects.filter(verb="self_resolve").values_list("case_id", flat=True))
    return Decimal(len(ids & acted))


COUNTS: dict[str, Counter] = {
    "events.received": lambda jid, y: Decimal(len(_events_created(jid, y))),
    "events.resolved": lambda jid, y: Decimal(len(_events_resolved(jid, y))),
    "events.hotline": lambda jid, y: Decimal(
        sum(1 for c in _events_created(jid, y) if c.channel == "hotline")
    ),
    "events.self_resolved": _self_resolved,
    "events.on_time_rate": lambda jid, y: _share(_events_resolved(jid, y), lambda c: c.time_status != "red"),
    "events.satisfaction_rate": lambda jid, y: _share(
        [c for c in _events_resolved(jid, y) if c.rating is not None], lambda c: c.rating in (2, 3)
    ),
}


def independent(code: str, jid: int, year: int) -> Decimal:
    assert code in COUNTS, f"the report printed {code}, which this test cannot count independently"
    return COUNTS[code](jid, year)
