"""Indicator values for any period, computed from records or entered by hand, with 同比 and 环比.

The one place goals, dashboards and the report read a number: `value_of(code, jurisdiction,
period)`. Computed indicators come from the registry in jiedao.core.indicators (apps register
them; goals never imports a kind); manual ones are ManualIndicator rows of the jurisdiction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from jiedao.core.indicators import IndicatorDef, Period, all_indicators, compute, get_indicator
from jiedao.core.models import Jurisdiction
from jiedao.goals.models import ManualIndicator, ManualValue, period_of
from jiedao.nlp.formatting import POINTS_UNIT, RATE_UNIT, change_of

COMPUTED = "computed"
MANUAL = "manual"


@dataclass(frozen=True)
class IndicatorInfo:
    """What the library shows about an indicator, whichever its kind."""

    code: str
    label: str
    unit: str
    area: str
    kind: str  # COMPUTED or MANUAL
    description: str
    filters: tuple[str, ...] = ()
    defn: IndicatorDef | None = None
    manual: ManualIndicator | None = None


@dataclass(frozen=True)
class IndicatorValue:
    """A value for a period with where it comes from and how it compares (同比, 环比)."""

    code: str
    label: str
    unit: str
    kind: str
    source: str  # the query in words, or the source people gave (统计局 …)
    period: Period
    value: Decimal | None  # None: a manual figure nobody entered for this period
    yoy_previous: Decimal | None = None
    yoy_change: Decimal | None = None  # in `change_unit`
    mom_previous: Decimal | None = None
    mom_change: Decimal | None = None
    change_unit: str = RATE_UNIT  # "%" of the base, or "百分点" when the value is itself a rate
    filters: dict[str, str] = field(default_factory=dict)


def _info(defn: IndicatorDef) -> IndicatorInfo:
    return IndicatorInfo(
        defn.code,
        str(defn.label),
        str(defn.unit),
        defn.area,
        COMPUTED,
        str(defn.description),
        tuple(defn.filters),
        defn=defn,
    )


def _manual_info(m: ManualIndicator) -> IndicatorInfo:
    return IndicatorInfo(m.code, m.label, m.unit, m.area, MANUAL, m.description or _("手工填报"), manual=m)


def catalog(jurisdiction_id: int) -> list[IndicatorInfo]:
    """Every indicator a jurisdiction can read: the registry's, then its own manual ones."""
    manual = ManualIndicator.objects.filter(jurisdiction_id=jurisdiction_id).order_by("area", "code")
    return [_info(d) for d in all_indicators()] + [_manual_info(m) for m in manual]


def find(code: str, jurisdiction_id: int) -> IndicatorInfo:
    """The indicator called `code` for this jurisdiction; LookupError when there is none."""
    try:
        return _info(get_indicator(code))
    except KeyError:
        pass
    m = ManualIndicator.objects.filter(jurisdiction_id=jurisdiction_id, code=code).first()
    if m is None:
        raise LookupError(code)
    return _manual_info(m)


def month_key(period: Period) -> tuple[int, int] | None:
    """(year, 0) for a calendar year, (year, month) for a calendar month, else None."""
    if period == Period.year(period.start.year):
        return period.start.year, 0
    if period.start.day == 1 and period == period_of(period.start.year, period.start.month):
        return period.start.year, period.start.month
    return None


def manual_entry(indicator: ManualIndicator, period: Period) -> ManualValue | None:
    key = month_key(period)
    if key is None:
        return None
    return indicator.values.filter(year=key[0], month=key[1]).first()


def raw_value(
    info: IndicatorInfo, jurisdiction_id: int, period: Period, filters: Mapping[str, Any] | None = None
) -> Decimal | None:
    return _read(info, jurisdiction_id, period, filters)[0]


def _read(
    info: IndicatorInfo, jurisdiction_id: int, period: Period, filters: Mapping[str, Any] | None
) -> tuple[Decimal | None, str]:
    """(value, source): the computed value and its query in words, or the manual entry and its source."""
    if info.defn is not None:
        return compute(info.defn, jurisdiction_id, period, filters), info.description
    assert info.manual is not None
    entry = manual_entry(info.manual, period)
    return (entry.value.normalize(), entry.source) if entry else (None, _("未填报"))


def change_amount(current: Decimal | None, previous: Decimal | None, unit: str = "") -> Decimal | None:
    """同比/环比, one decimal: (current − previous) / |previous| in percent, or for a rate (unit
    "%") the difference in 个百分点; None when it cannot be said."""
    found = change_of(current, previous, unit)
    return found.amount if found is not None else None


def _jurisdiction_id(jurisdiction: Jurisdiction | int) -> int:
    return jurisdiction if isinstance(jurisdiction, int) else jurisdiction.pk


def value_of(
    code: str,
    jurisdiction: Jurisdiction | int,
    period: Period,
    filters: Mapping[str, Any] | None = None,
    *,
    compare: bool = True,
) -> IndicatorValue:
    """The value for the period, with 同比 (same period last year) and 环比 (the period before).

    Raises LookupError for an unknown code and ValueError for a filter the indicator lacks.
    """
    jid = _jurisdiction_id(jurisdiction)
    return evaluate(find(code, jid), jid, period, filters, compare=compare)


def evaluate(
    info: IndicatorInfo,
    jurisdiction_id: int,
    period: Period,
    filters: Mapping[str, Any] | None = None,
    *,
    compare: bool = True,
    mom: bool = True,
) -> IndicatorValue:
    """value_of for an indicator already looked up (the library reads many at once)."""
    if info.manual is not None and filters:
        raise ValueError(f"{info.code}: manual indicators take no filters")
    value, source = _read(info, jurisdiction_id, period, filters)
    out = IndicatorValue(
        info.code,
        info.label,
        info.unit,
        info.kind,
        source,
        period,
        value,
        filters={k: str(v) for k, v in (filters or {}).items()},
        change_unit=POINTS_UNIT if info.unit == RATE_UNIT else RATE_UNIT,
    )
    if not compare:
        return out
    yoy = raw_value(info, jurisdiction_id, period.same_period_last_year(), filters)
    before = raw_value(info, jurisdiction_id, period.preceding(), filters) if mom else None
    return replace(
        out,
        yoy_previous=yoy,
        yoy_change=change_amount(value, yoy, info.unit),
        mom_previous=before,
        mom_change=change_amount(value, before, info.unit),
    )


def manual_records(info: IndicatorInfo, period: Period) -> QuerySet[ManualValue]:
    """The entries behind a manual value: the hand-entered row for exactly that period."""
    assert info.manual is not None
    key = month_key(period)
    qs = ManualValue.objects.filter(indicator=info.manual).select_related("entered_by").order_by("pk")
    return qs.filter(year=key[0], month=key[1]) if key else qs.none()
