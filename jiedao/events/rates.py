"""The 12345-style 三率 of events (PRODUCT §13; 北京接诉即办条例): 响应率, 解决率, 满意率.

Each rate is declared once, as the events it is taken over (`base`) and those of them that count
(`hit`), and read two ways from that one declaration: as an indicator of the library (records =
the base, value = the share of hits, jiedao.events.indicators) and, for the dashboard, grouped
by department, community or grid in one query per dimension (`grouped`).

- 响应率: events received in the period that were dispatched with a sign-for limit which has
  come (signed, or the limit passed): the share signed for within the limit.
- 解决率: events received in the period and taken on (neither 不予受理 nor merged as a
  duplicate): the share resolved.
- 满意率: events resolved in the period and rated by their reporter: the share rated 满意 or
  基本满意.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jiedao.cases.models import Case, Rating
from jiedao.nlp.formatting import PERCENT_PLACES

NOT_TAKEN_ON = ("rejected", "merged")
SATISFIED = (Rating.SATISFIED, Rating.BASIC)

# (period start or None, period end or None, now) → the Q of the events a rate is taken over.
BaseQ = Callable[[datetime | None, datetime | None, datetime], Q]


def _within(field: str, lo: datetime | None, hi: datetime | None) -> Q:
    q = Q()
    if lo is not None:
        q &= Q(**{f"{field}__gte": lo})
    if hi is not None:
        q &= Q(**{f"{field}__lt": hi})
    return q


def _response_base(lo: datetime | None, hi: datetime | None, now: datetime) -> Q:
    limit_came = Q(signed_at__isnull=False) | Q(sign_due__lte=now)
    return _within("created_at", lo, hi) & Q(sign_due__isnull=False) & limit_came


def _resolution_base(lo: datetime | None, hi: datetime | None, now: datetime) -> Q:
    return _within("created_at", lo, hi) & ~Q(state__in=NOT_TAKEN_ON)


def _satisfaction_base(lo: datetime | None, hi: datetime | None, now: datetime) -> Q:
    return _within("resolved_at", lo, hi) & Q(resolved_at__isnull=False, rating__isnull=False)


@dataclass(frozen=True)
class RateDef:
    key: str  # "response"; the indicator is events.<key>_rate
    label: Promise
    base: BaseQ
    hit: Q
    description: Promise

    @property
    def code(self) -> str:
        return f"events.{self.key}_rate"


RATES = (
    RateDef(
        "response",
        _("响应率"),
        _response_base,
        Q(signed_at__lte=F("sign_due")),
        _("期间内上报并已派发、签收时限已到（或已签收）的事件中，在签收时限内签收的比例"),
    ),
    RateDef(
        "resolution",
        _("解决率"),
        _resolution_base,
        Q(resolved_at__isnull=False),
        _("期间内上报且已受理（不含不予受理和合并件）的事件中，已办结的比例"),
    ),
    RateDef(
        "satisfaction",
        _("满意率"),
        _satisfaction_base,
        Q(rating__in=SATISFIED),
        _("期间内办结且已评价的事件中，评价为满意或基本满意的比例"),
    ),
)
BY_KEY = {r.key: r for r in RATES}


def percent(hit: int, base: int) -> Decimal | None:
    """hit / base in percent with one decimal (every percentage's precision, and how the
    indicator rounds it); None without a base."""
    if not base:
        return None
    return (Decimal(hit) * 100 / base).quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


def cell(rate: RateDef, hit: int, base: int) -> dict[str, Any]:
    """One rate as the dashboard carries it (JSON-safe: the percent is a string or None)."""
    value = percent(hit, base)
    return {
        "key": rate.key,
        "label": str(rate.label),
        "hit": hit,
        "base": base,
        "value": None if value is None else str(value),
    }


def _counts(lo: datetime | None, now: datetime) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for r in RATES:
        base = r.base(lo, None, now)
        out[f"{r.key}_base"] = Count("id", filter=base)
        out[f"{r.key}_hit"] = Count("id", filter=base & r.hit)
    return out


def _rows_touched(lo: datetime | None) -> Q:
    """Only events a rate can count: received in the period or resolved in it."""
    if lo is None:
        return Q()
    return Q(created_at__gte=lo) | Q(resolved_at__gte=lo)


def grouped(
    qs: QuerySet[Case], field: str, lo: datetime | None, now: datetime
) -> dict[Any, list[dict[str, Any]]]:
    """Group value (a department/community/grid id, or None) → the three rates, in ONE query."""
    rows = qs.filter(_rows_touched(lo)).order_by().values(field).annotate(**_counts(lo, now))
    return {row[field]: [cell(r, row[f"{r.key}_hit"], row[f"{r.key}_base"]) for r in RATES] for row in rows}


def totals(groups: dict[Any, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The three rates over every group together (each group's counts summed)."""
    out = []
    for i, r in enumerate(RATES):
        hit = sum(cells[i]["hit"] for cells in groups.values())
        base = sum(cells[i]["base"] for cells in groups.values())
        out.append(cell(r, hit, base))
    return out


def _rank_key(row: dict[str, Any]) -> tuple[Any, ...]:
    # 解决率 first, then 满意率, then 响应率; a rate without events ranks below any rate.
    order = ("resolution", "satisfaction", "response")
    by = {c["key"]: c["value"] for c in row["rates"]}
    return (*(-Decimal(by[k]) if by[k] is not None else Decimal(1) for k in order), row["label"])


def ranking(groups: dict[Any, list[dict[str, Any]]], names: dict[Any, str]) -> list[dict[str, Any]]:
    """Named groups (no "None" group: an undispatched or unlocated event ranks no one), best first."""
    rows = [
        {"key": k, "label": names.get(k, "?"), "rates": cells} for k, cells in groups.items() if k is not None
    ]
    rows.sort(key=_rank_key)
    return rows


def records(rate: RateDef, events: QuerySet[Case], lo: datetime, hi: datetime) -> QuerySet[Case]:
    """The events the rate is taken over, for a period [lo, hi): what its indicator opens."""
    return events.filter(rate.base(lo, hi, timezone.now()))
