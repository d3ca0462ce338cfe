"""Petition figures for any period: one definition each, shared by the figures page, the API,
the list page's drill-down (`?figure=`) and the indicator library (goals, reports).

A figure is a filter on a queryset of petition cases: applied to the jurisdiction's cases it is
the indicator; applied to the user's visible cases it is the list behind a number on the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jiedao.cases.models import Case
from jiedao.core.indicators import Count, IndicatorDef, Period, Rate, compute, register_indicator
from jiedao.petitions.kind import KIND
from jiedao.petitions.models import BacklogOutcome, PetitionChannel, Stage

Select = Callable[[QuerySet[Case], Period], QuerySet[Case]]


def _in(field: str, period: Period) -> Q:
    lo, hi = period.bounds()
    return Q(**{f"{field}__gte": lo, f"{field}__lt": hi})


def received(qs: QuerySet[Case], period: Period) -> QuerySet[Case]:
    """First-instance petitions registered in the period (复查/复核 requests are counted apart)."""
    return qs.filter(_in("created_at", period), petition__stage=Stage.INITIAL)


def accepted(qs: QuerySet[Case], period: Period) -> QuerySet[Case]:
    return qs.filter(_in("accepted_at", period), petition__stage=Stage.INITIAL)


def replied(qs: QuerySet[Case], period: Period) -> QuerySet[Case]:
    return qs.filter(_in("petition__replied_at", period))


def on_time(qs: QuerySet[Case], period: Period) -> QuerySet[Case]:
    return replied(qs, period).filter(petition__on_time=True)


def repeats(qs: QuerySet[Case], period: Period) -> QuerySet[Case]:
    return received(qs, period).filter(petition__repeat_of__isnull=False)


def collective(qs: QuerySet[Case], period: Period) -> QuerySet[Case]:
    return received(qs, period).filter(petition__collective=True)


def over_level(qs: QuerySet[Case], period: Period) -> QuerySet[Case]:
    return received(qs, period).filter(petition__over_level=True)


def reviews(qs: QuerySet[Case], period: Period) -> QuerySet[Case]:
    return qs.filter(_in("created_at", period), petition__stage=Stage.REVIEW)


def rechecks(qs: QuerySet[Case], period: Period) -> QuerySet[Case]:
    return qs.filter(_in("created_at", period), petition__stage=Stage.RECHECK)


def backlog_resolved(qs: QuerySet[Case], period: Period) -> QuerySet[Case]:
    return qs.filter(
        petition__backlog_resolved_on__gte=period.start, petition__backlog_resolved_on__lte=period.end
    )


def backlog_settled(qs: QuerySet[Case], period: Period) -> QuerySet[Case]:
    return backlog_resolved(qs, period).filter(petition__backlog_outcome=BacklogOutcome.SETTLED)


def _received_by(channel: Promise | str) -> Promise | str:
    """收到信访件：来信, in the reader's language (a lazy "%" would fix the language at import)."""
    return lazy(lambda: gettext("收到信访件：%(channel)s") % {"channel": channel}, str)()


def _by_channel(channel: str) -> Select:
    return lambda qs, period: received(qs, period).filter(petition__channel=channel)


@dataclass(frozen=True)
class Figure:
    code: str
    label: Promise | str
    select: Select
    description: Promise | str


FIGURES: list[Figure] = [
    Figure("received", _("收到信访件"), received, _("登记时间在期间内的初次信访件（不含复查、复核请求）")),
    *[
        Figure(
            f"received_{value}",
            _received_by(label),
            _by_channel(value),
            _("期间内登记、信访形式为该渠道的初次信访件"),
        )
        for value, label in PetitionChannel.choices
    ],
    Figure("accepted", _("受理"), accepted, _("受理时间在期间内的初次信访件")),
    Figure("replied", _("办结答复"), replied, _("答复时间在期间内的信访件（含复查、复核）")),
    Figure(
        "on_time", _("按期办结"), on_time, _("期间内答复、且答复时未超过办理时限（含批准的延期）的信访件")
    ),
    Figure(
        "repeats", _("重复信访"), repeats, _("期间内登记、关联到同一信访人同一事项在先信访件的初次信访件")
    ),
    Figure("collective", _("集体访"), collective, _("期间内登记、人数在5人以上的初次信访件")),
    Figure("over_level", _("越级访"), over_level, _("期间内登记、标记为越级访的初次信访件")),
    Figure("reviews", _("复查请求"), reviews, _("期间内提出的复查请求")),
    Figure("rechecks", _("复核请求"), rechecks, _("期间内提出的复核请求")),
    Figure("backlog_resolved", _("化解积案"), backlog_resolved, _("化解日期在期间内的积案")),
    Figure(
        "backlog_settled", _("积案停访息诉"), backlog_settled, _("化解日期在期间内、结果为停访息诉的积案")
    ),
]
BY_CODE = {f.code: f for f in FIGURES}


def petitions_of(jurisdiction_id: int) -> QuerySet[Case]:
    return Case.objects.filter(jurisdiction_id=jurisdiction_id, kind=KIND)


def _record_url(case: Any) -> str:
    return reverse("petitions:detail", args=[case.pk])


def _indicator(figure: Figure) -> IndicatorDef:
    select = figure.select
    return IndicatorDef(
        code=f"petitions.{figure.code}",
        label=figure.label,
        unit=_("件"),
        area="safety",
        records=lambda jid, period: select(petitions_of(jid), period),
        aggregate=Count(),
        description=figure.description,
        filters={"department": "department_id"},
        record_url=_record_url,
    )


ON_TIME_RATE = IndicatorDef(
    code="petitions.on_time_rate",
    label=_("信访按期办结率"),
    unit="%",
    area="safety",
    records=lambda jid, period: replied(petitions_of(jid), period),
    aggregate=Rate(numerator=Q(petition__on_time=True)),
    description=_("期间内答复的信访件中按期答复的比例"),
    filters={"department": "department_id"},
    record_url=_record_url,
    decimals=1,
)


def register() -> None:
    register_indicator(*(_indicator(f) for f in FIGURES), ON_TIME_RATE)


@dataclass
class FigureRow:
    code: str
    label: str
    value: int
    last_year: int
    description: str

    @property
    def change(self) -> Decimal | None:
        """同比 in percent; None when last year had none."""
        if not self.last_year:
            return None
        return (Decimal(self.value - self.last_year) * 100 / self.last_year).quantize(Decimal("0.1"))


def figures(qs: QuerySet[Case], period: Period) -> list[FigureRow]:
    """Every figure for the period and the same period last year (two counts each)."""
    earlier = period.same_period_last_year()
    return [
        FigureRow(
            f.code,
            str(f.label),
            f.select(qs, period).count(),
            f.select(qs, earlier).count(),
            str(f.description),
        )
        for f in FIGURES
    ]


def on_time_rate(jurisdiction_id: int, period: Period) -> Decimal:
    return compute(ON_TIME_RATE, jurisdiction_id, period)
