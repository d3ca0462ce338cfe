"""Indicators: numbers the platform computes from its own records (ARCHITECTURE rule 6).

Apps declare what they can count in `AppConfig.ready()` with `register_indicator(...)`: the
records behind the number (a queryset for a jurisdiction and period), how they aggregate and
the query in words. `goals` (values, targets, manual figures) and `reports` read this registry
and never import a kind (rule 9). Every value can be opened to `records_for(...)`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count as CountAgg
from django.db.models import Q, QuerySet
from django.db.models import Sum as SumAgg
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import urlencode


@dataclass(frozen=True)
class Period:
    """Whole days from `start` to `end`, both included, in the site's time zone."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("period ends before it starts")

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    def bounds(self) -> tuple[datetime, datetime]:
        """[start 00:00, day after end 00:00) as aware datetimes, for DateTimeField lookups."""
        tz = timezone.get_current_timezone()
        lo = datetime.combine(self.start, time.min, tzinfo=tz)
        hi = datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=tz)
        return lo, hi

    def same_period_last_year(self) -> Period:
        """同比: the same dates one year earlier (29 February becomes 28 February)."""
        return Period(_year_earlier(self.start), _year_earlier(self.end))

    def preceding(self) -> Period:
        """环比: the previous period of the same shape.

        Whole calendar months (a month, a quarter, a year) step back by as many months; any
        other span steps back by its number of days.
        """
        months = self._whole_months()
        end = self.start - timedelta(days=1)
        if months:
            index = self.start.year * 12 + self.start.month - 1 - months
            return Period(date(index // 12, index % 12 + 1, 1), end)
        return Period(end - (self.end - self.start), end)

    def _whole_months(self) -> int:
        if self.start.day != 1 or (self.end + timedelta(days=1)).day != 1:
            return 0
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


def _year_earlier(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Count:
    """How many records."""


@dataclass(frozen=True)
class Sum:
    """The sum of a numeric field of the records (area in 亩, investment in 万元 …)."""

    field: str


@dataclass(frozen=True)
class Rate:
    """The share of the records matching `numerator`, in percent (按期办结率, 满意率 …)."""

    numerator: Q


Aggregate = Count | Sum | Rate


@dataclass(frozen=True)
class IndicatorDef:
    code: str  # "petitions.received": <app>.<name>
    label: Promise | str
    unit: Promise | str  # 件, 亩, 万元, %, 人 …
    area: str  # report section it belongs to: see AREAS
    records: Callable[[int, Period], QuerySet[Any]]  # (jurisdiction id, period) → the records
    aggregate: Aggregate
    description: Promise | str  # the query in words, shown beside every value
    # Optional filters a caller may pass: name → queryset lookup ({"community": "community_id"}).
    filters: Mapping[str, str] = field(default_factory=dict)
    record_url: Callable[[Any], str] | None = None  # link from a drill-down row to the record
    decimals: int = 0
    # (filter name, value) → how a person reads it ("部门：综合执法队"), for the drill-down page.
    describe_filter: Callable[[str, str], str] | None = None


# Report areas, in the order of the seed report's 一、总结 (一)(二)(三)(四).
AREAS = ("economy", "environment", "safety", "services")

_REGISTRY: dict[str, IndicatorDef] = {}


def register_indicator(*defs: IndicatorDef) -> None:
    for d in defs:
        if d.area not in AREAS:
            raise ValueError(f"{d.code}: unknown area {d.area!r}")
        _REGISTRY[d.code] = d


def get_indicator(code: str) -> IndicatorDef:
    return _REGISTRY[code]


def all_indicators() -> list[IndicatorDef]:
    """By report area, then in the order apps registered them (a stage flow stays in flow order)."""
    return sorted(_REGISTRY.values(), key=lambda d: AREAS.index(d.area))


@dataclass(frozen=True)
class IndicatorSection:
    """A heading dashboards show computed indicators under: those whose codes start with one of
    `prefixes`. Apps that share a heading (信访 and 调解) register it under one key: their prefixes
    join, the first registration's label, order and chart stand."""

    key: str
    label: Promise | str
    prefixes: tuple[str, ...]
    order: int = 100  # a code falls in the first section (by order) with a prefix of it
    chart: bool = True


_SECTIONS: dict[str, IndicatorSection] = {}


def register_indicator_section(*sections: IndicatorSection) -> None:
    for s in sections:
        known = _SECTIONS.get(s.key)
        if known is None:
            _SECTIONS[s.key] = s
        elif not set(s.prefixes) <= set(known.prefixes):
            _SECTIONS[s.key] = replace(known, prefixes=(*known.prefixes, *s.prefixes))


def indicator_sections() -> list[IndicatorSection]:
    return sorted(_SECTIONS.values(), key=lambda s: s.order)


def records_for(
    defn: IndicatorDef, jurisdiction_id: int, period: Period, filters: Mapping[str, Any] | None = None
) -> QuerySet[Any]:
    """The records behind a value; unknown filter names are refused, not ignored."""
    qs = defn.records(jurisdiction_id, period)
    for name, value in (filters or {}).items():
        if name not in defn.filters:
            raise ValueError(f"{defn.code}: no filter {name!r}")
        lookup = defn.filters[name]
        if lookup.endswith("__isnull"):  # from a query string: "1" means yes, anything else no
            value = value is True or str(value) in ("1", "true", "True")
        qs = qs.filter(**{lookup: value})
    return qs


def drilldown_url(
    code: str, jurisdiction_id: int, period: Period, filters: Mapping[str, Any] | None = None
) -> str:
    """The page listing the records behind a value (the indicator library's drill-down)."""
    try:
        base = reverse("goals:indicator", args=[code])
    except NoReverseMatch:  # an installation without the goals pages: the agreed path
        base = f"/goals/indicators/{code}/"
    query = {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "jurisdiction": jurisdiction_id,
    }
    return f"{base}?{urlencode({**query, **(filters or {})})}"


def compute(
    defn: IndicatorDef, jurisdiction_id: int, period: Period, filters: Mapping[str, Any] | None = None
) -> Decimal:
    """The indicator's value for the period, rounded to its decimals (a rate of no records is 0)."""
    qs = records_for(defn, jurisdiction_id, period, filters)
    agg = defn.aggregate
    if isinstance(agg, Count):
        value = Decimal(qs.count())
    elif isinstance(agg, Sum):
        total = qs.aggregate(v=SumAgg(agg.field))["v"]
        value = Decimal(str(total or 0))
    else:
        row = qs.aggregate(n=CountAgg("pk"), k=CountAgg("pk", filter=agg.numerator))
        value = Decimal(row["k"]) * 100 / row["n"] if row["n"] else Decimal(0)
    quantum = Decimal(1).scaleb(-defn.decimals)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)
