"""The numbers events contribute to the indicator library (goals, reports and dashboards read them).

Each figure uses the event dashboard's own definition (jiedao.events.stats): received means
created in the period, resolved means resolved_at in the period, overdue means open and red.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jiedao.cases.models import Case, Channel, Rating, TimeStatus
from jiedao.core.indicators import Count, IndicatorDef, Period, Rate, register_indicator
from jiedao.events.kind import KIND
from jiedao.events.stats import overdue

# Drill-down filters every event indicator accepts (name → lookup on Case).
FILTERS = {
    "platform": "platform_id",
    "channel": "channel",
    "community": "community_id",
    "grid": "grid_id",
    "category": "category_id",
    "department": "department_id",
}


def _events(jurisdiction_id: int) -> QuerySet[Case]:
    return Case.objects.filter(jurisdiction_id=jurisdiction_id, kind=KIND)


def received(jurisdiction_id: int, period: Period) -> QuerySet[Case]:
    lo, hi = period.bounds()
    return _events(jurisdiction_id).filter(created_at__gte=lo, created_at__lt=hi)


def resolved(jurisdiction_id: int, period: Period) -> QuerySet[Case]:
    lo, hi = period.bounds()
    return _events(jurisdiction_id).filter(resolved_at__gte=lo, resolved_at__lt=hi)


def _hotline(jurisdiction_id: int, period: Period) -> QuerySet[Case]:
    return received(jurisdiction_id, period).filter(channel=Channel.HOTLINE)


def _self_resolved(jurisdiction_id: int, period: Period) -> QuerySet[Case]:
    return resolved(jurisdiction_id, period).filter(actions__verb="self_resolve")


def _rated(jurisdiction_id: int, period: Period) -> QuerySet[Case]:
    return resolved(jurisdiction_id, period).filter(rating__isnull=False)


def _overdue(jurisdiction_id: int, period: Period) -> QuerySet[Case]:
    return overdue(received(jurisdiction_id, period))


def event_url(case: Any) -> str:
    return reverse("events:detail", args=[case.pk])


def _def(
    code: str, label: Any, unit: Any, records: Any, aggregate: Any, description: Any, **kw: Any
) -> IndicatorDef:
    return IndicatorDef(
        code=f"events.{code}",
        label=label,
        unit=unit,
        area="services",
        records=records,
        aggregate=aggregate,
        description=description,
        filters=FILTERS,
        record_url=event_url,
        **kw,
    )


PIECES = _("件")
INDICATORS = [
    _def(
        "received",
        _("受理事件数"),
        PIECES,
        received,
        Count(),
        _("期间内上报（创建）的事件，按平台、渠道等可筛选"),
    ),
    _def(
        "hotline",
        _("12345热线转办件数"),
        PIECES,
        _hotline,
        Count(),
        _("期间内上报、来源渠道为“12345热线转办”的事件"),
    ),
    _def("resolved", _("办结事件数"), PIECES, resolved, Count(), _("办结时间在期间内的事件")),
    _def(
        "self_resolved",
        _("自办自结事件数"),
        PIECES,
        _self_resolved,
        Count(),
        _("办结时间在期间内、由网格员自办自结的事件"),
    ),
    _def(
        "on_time_rate",
        _("按期办结率"),
        "%",
        resolved,
        Rate(~Q(time_status=TimeStatus.RED)),
        _("期间内办结的事件中，办结时未超过办结时限的比例"),
        decimals=1,
    ),
    _def(
        "satisfaction_rate",
        _("满意率"),
        "%",
        _rated,
        Rate(Q(rating__in=[Rating.SATISFIED, Rating.BASIC])),
        _("期间内办结且已评价的事件中，评价为满意或基本满意的比例"),
        decimals=1,
    ),
    _def(
        "overdue",
        _("超期在办事件数"),
        PIECES,
        _overdue,
        Count(),
        _("期间内上报、现仍在办且已超期（红色）的事件"),
    ),
]


def register() -> None:
    register_indicator(*INDICATORS)
