"""The numbers events contribute to the indicator library (goals, reports and dashboards read them).

Each figure uses the event dashboard's own definition (jiedao.events.stats): received means
created in the period, resolved means resolved_at in the period, overdue means open and red.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from jiedao.cases.models import CardColor, Case, Channel, DepartmentCard, TimeStatus
from jiedao.core.indicators import Count, IndicatorDef, Period, Rate, register_indicator
from jiedao.core.models import Category, Community, Department, Grid, Platform
from jiedao.events import rates
from jiedao.events.kind import KIND, STATES
from jiedao.events.stats import overdue

# Drill-down filters every event indicator accepts (name → lookup on Case); the dashboard opens
# each of its numbers as one of these indicators with these filters.
FILTERS = {
    "platform": "platform_id",
    "unclassified": "platform__isnull",
    "channel": "channel",
    "community": "community_id",
    "grid": "grid_id",
    "category": "category_id",
    "department": "department_id",
    "state": "state",
    "time_status": "time_status",
}
CARD_FILTERS = {"department": "department_id"}
_NAMED = {
    "platform": Platform,
    "community": Community,
    "grid": Grid,
    "category": Category,
    "department": Department,
}
_FILTER_LABELS = {
    "platform": _("平台"),
    "unclassified": _("平台"),
    "channel": _("来源渠道"),
    "community": _("村社"),
    "grid": _("网格"),
    "category": _("类别"),
    "department": _("部门"),
    "state": _("状态"),
    "time_status": _("时效"),
}


def describe_filter(name: str, value: str) -> str:
    """A drill-down filter as a person reads it: "部门：综合执法队", "状态：待签收"."""
    shown: object = value
    if name in _NAMED:
        found = _NAMED[name]._default_manager.filter(pk=value if value.isdigit() else 0).first()
        shown = found if found is not None else value
    elif name == "unclassified":
        shown = _g("未分类")
    elif name == "state" and value in STATES:
        shown = STATES[value].label
    elif name == "time_status" and value in TimeStatus.values:
        shown = TimeStatus(value).label
    elif name == "channel" and value in Channel.values:
        shown = Channel(value).label
    return f"{_FILTER_LABELS.get(name, name)}：{shown}"


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


def _rate_records(rate: rates.RateDef) -> Any:
    def records(jurisdiction_id: int, period: Period) -> QuerySet[Case]:
        return rates.records(rate, _events(jurisdiction_id), *period.bounds())

    return records


def _cards(color: str) -> Any:
    def records(jurisdiction_id: int, period: Period) -> QuerySet[DepartmentCard]:
        lo, hi = period.bounds()
        return DepartmentCard.objects.filter(
            jurisdiction_id=jurisdiction_id, case__kind=KIND, color=color, issued_at__gte=lo, issued_at__lt=hi
        ).select_related("department", "case")

    return records


def card_url(card: Any) -> str:
    return reverse("events:detail", args=[card.case_id])


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
        **{"filters": FILTERS, "record_url": event_url, "describe_filter": describe_filter, **kw},
    )


def _rate(rate: rates.RateDef) -> IndicatorDef:
    return _def(
        f"{rate.key}_rate", rate.label, "%", _rate_records(rate), Rate(rate.hit), rate.description, decimals=1
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
    *(_rate(r) for r in rates.RATES),  # 三率: events.response_rate, resolution_rate, satisfaction_rate
    _def(
        "overdue",
        _("超期在办事件数"),
        PIECES,
        _overdue,
        Count(),
        _("期间内上报、现仍在办且已超期（红色）的事件"),
    ),
    _def(
        "red_cards",
        _("红牌数"),
        _("张"),
        _cards(CardColor.RED),
        Count(),
        _("期间内因事件超期向部门发出的红牌"),
        filters=CARD_FILTERS,
        record_url=card_url,
    ),
    _def(
        "yellow_cards",
        _("黄牌数"),
        _("张"),
        _cards(CardColor.YELLOW),
        Count(),
        _("期间内因事件临近超期向部门发出的黄牌"),
        filters=CARD_FILTERS,
        record_url=card_url,
    ),
]


def register() -> None:
    register_indicator(*INDICATORS)
