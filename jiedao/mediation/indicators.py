"""The numbers mediation contributes to the indicator library ("处置各类矛盾纠纷98件" …).

received: registered (登记) in the period; concluded: the outcome (调解成功 or 调解不成) falls in
the period; the room workload page counts these same querysets by room and outcome.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jiedao.cases.models import Case
from jiedao.core.indicators import Count, IndicatorDef, Period, Rate, register_indicator
from jiedao.mediation.filters import overdue
from jiedao.mediation.kind import KIND
from jiedao.mediation.models import FailureRoute, Outcome, Ruling
from jiedao.mediation.stats import concluded_in, received_in

FILTERS = {
    "room": "mediation__room_id",
    "dispute_type": "mediation__dispute_type_id",
    "mediator": "mediation__mediator_id",
    "outcome": "mediation__outcome",
}


def _disputes(jurisdiction_id: int) -> QuerySet[Case]:
    return Case.objects.filter(jurisdiction_id=jurisdiction_id, kind=KIND)


def received(jurisdiction_id: int, period: Period) -> QuerySet[Case]:
    return received_in(_disputes(jurisdiction_id), period)


def concluded(jurisdiction_id: int, period: Period) -> QuerySet[Case]:
    return concluded_in(_disputes(jurisdiction_id), period)


def _succeeded(jurisdiction_id: int, period: Period) -> QuerySet[Case]:
    return concluded(jurisdiction_id, period).filter(mediation__outcome=Outcome.SUCCESS)


def _failed(jurisdiction_id: int, period: Period) -> QuerySet[Case]:
    return concluded(jurisdiction_id, period).filter(mediation__outcome=Outcome.FAILED)


def _court(jurisdiction_id: int, period: Period) -> QuerySet[Case]:
    return _failed(jurisdiction_id, period).filter(mediation__failure_route=FailureRoute.COURT)


def _confirmed(jurisdiction_id: int, period: Period) -> QuerySet[Case]:
    return _disputes(jurisdiction_id).filter(
        mediation__ruling=Ruling.CONFIRMED,
        mediation__ruling_on__gte=period.start,
        mediation__ruling_on__lte=period.end,
    )


def _overdue(jurisdiction_id: int, period: Period) -> QuerySet[Case]:
    return overdue(received(jurisdiction_id, period))


def dispute_url(case: Any) -> str:
    return reverse("mediation:detail", args=[case.pk])


# Every mediation figure: report area 安全稳定 ("safety"), the same drill-down filters and record link.
_def = partial(IndicatorDef, area="safety", filters=FILTERS, record_url=dispute_url)


PIECES = _("件")
INDICATORS = [
    _def(
        code="mediation.received",
        label=_("受理矛盾纠纷数"),
        unit=PIECES,
        records=received,
        aggregate=Count(),
        description=_("期间内登记（受理）的矛盾纠纷，可按调解室、类型筛选"),
    ),
    _def(
        code="mediation.concluded",
        label=_("调结矛盾纠纷数"),
        unit=PIECES,
        records=concluded,
        aggregate=Count(),
        description=_("调解结果（成功或不成）登记在期间内的矛盾纠纷"),
    ),
    _def(
        code="mediation.succeeded",
        label=_("调解成功数"),
        unit=PIECES,
        records=_succeeded,
        aggregate=Count(),
        description=_("期间内调结且达成调解协议的矛盾纠纷"),
    ),
    _def(
        code="mediation.failed",
        label=_("调解不成数"),
        unit=PIECES,
        records=_failed,
        aggregate=Count(),
        description=_("期间内调结但调解不成（引导诉讼或转共享法庭）的矛盾纠纷"),
    ),
    _def(
        code="mediation.success_rate",
        label=_("调解成功率"),
        unit="%",
        records=concluded,
        aggregate=Rate(Q(mediation__outcome=Outcome.SUCCESS)),
        description=_("期间内调结的矛盾纠纷中，达成调解协议的比例"),
        decimals=1,
    ),
    _def(
        code="mediation.court_referrals",
        label=_("转共享法庭数"),
        unit=PIECES,
        records=_court,
        aggregate=Count(),
        description=_("期间内调解不成并转共享法庭的矛盾纠纷"),
    ),
    _def(
        code="mediation.confirmed",
        label=_("司法确认数"),
        unit=PIECES,
        records=_confirmed,
        aggregate=Count(),
        description=_("法院裁定确认调解协议有效、裁定日期在期间内的矛盾纠纷"),
    ),
    _def(
        code="mediation.overdue",
        label=_("超期在办纠纷数"),
        unit=PIECES,
        records=_overdue,
        aggregate=Count(),
        description=_("期间内登记、现仍在办且已超期（红色）的矛盾纠纷"),
    ),
]


def register() -> None:
    register_indicator(*INDICATORS)
