"""Goals API at /api/goals: the indicator library, values with 同比/环比, the records behind a
value, hand-entered figures (refused for a locked period) and the targets' progress."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from jiedao.core.api.auth import current_user
from jiedao.core.api.schemas import DbInt
from jiedao.core.errors import InvalidInput
from jiedao.core.indicators import records_for
from jiedao.goals import actions, queries
from jiedao.goals.access import EDIT_ROLES, filters_from, jurisdiction_for, period_from
from jiedao.goals.models import ManualIndicator
from jiedao.goals.progress import progress_for_year
from jiedao.goals.values import catalog, evaluate, find, manual_records

router = Router(tags=["goals"])
PAGE_SIZE_MAX = 100


class IndicatorOut(Schema):
    code: str
    label: str
    unit: str
    area: str
    kind: str
    description: str
    filters: list[str]


class ValueOut(Schema):
    code: str
    label: str
    unit: str
    kind: str
    source: str
    start: date
    end: date
    value: Decimal | None
    yoy_previous: Decimal | None
    yoy_change: Decimal | None
    mom_previous: Decimal | None
    mom_change: Decimal | None
    change_unit: str  # of yoy_change and mom_change: "%" of the base, or "百分点" for a rate
    filters: dict[str, str]


class RecordOut(Schema):
    id: int
    text: str
    url: str


class RecordPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[RecordOut]


class ManualValueIn(Schema):
    year: DbInt
    month: DbInt = 0
    value: Decimal
    source: str
    note: str = ""


class ManualValueOut(Schema):
    code: str
    year: int
    month: int
    value: Decimal
    source: str


class TargetOut(Schema):
    id: int
    year: int
    kind: str
    subject: str
    quantity: Decimal | None
    unit: str
    direction: str
    deadline: date | None
    indicator_code: str
    value: Decimal | None
    percent: Decimal | None
    expected_percent: Decimal
    status: str
    done: bool


class PeriodParams(Schema):
    jurisdiction: DbInt | None = None
    start: str = ""
    end: str = ""
    period: str = ""


def _period(params: PeriodParams) -> Any:
    try:
        return period_from(params.dict()).period
    except ValueError as exc:
        raise InvalidInput(str(exc), field="start") from None


def _info(request: HttpRequest, code: str, jurisdiction: int | None) -> tuple[int, Any]:
    jur = jurisdiction_for(current_user(request), {"jurisdiction": jurisdiction})
    try:
        return jur.pk, find(code, jur.pk)
    except LookupError:
        raise Http404 from None


@router.get("/indicators", response=list[IndicatorOut], summary="指标库")
def list_indicators(request: HttpRequest, jurisdiction: DbInt | None = None) -> list[dict[str, Any]]:
    jur = jurisdiction_for(current_user(request), {"jurisdiction": jurisdiction})
    return [{**i.__dict__, "filters": list(i.filters)} for i in catalog(jur.pk)]


@router.get("/indicators/{code}/value", response=ValueOut, summary="指标值（含同比、环比）")
def indicator_value(request: HttpRequest, code: str, params: Query[PeriodParams]) -> dict[str, Any]:
    jid, info = _info(request, code, params.jurisdiction)
    try:
        v = evaluate(info, jid, _period(params), filters_from(request.GET, info.filters))
    except ValueError:
        raise InvalidInput(_("筛选条件不正确。"), field="filters") from None
    return {**v.__dict__, "start": v.period.start, "end": v.period.end}


@router.get("/indicators/{code}/records", response=RecordPage, summary="指标背后的记录")
def indicator_records(
    request: HttpRequest, code: str, params: Query[PeriodParams], page: DbInt = 1, page_size: DbInt = 20
) -> dict[str, Any]:
    jid, info = _info(request, code, params.jurisdiction)
    period = _period(params)
    if info.defn is not None:
        qs = records_for(info.defn, jid, period, filters_from(request.GET, info.filters)).order_by("-pk")
    else:
        qs = manual_records(info, period)
    size, page = max(1, min(page_size, PAGE_SIZE_MAX)), max(1, page)
    link = info.defn.record_url if info.defn else None
    rows = list(qs[(page - 1) * size : page * size])
    return {
        "count": qs.count(),
        "page": page,
        "page_size": size,
        "results": [{"id": r.pk, "text": str(r), "url": link(r) if link else ""} for r in rows],
    }


@router.post("/manual/{code}/values", response={201: ManualValueOut}, summary="填报手工指标值")
def enter_value(
    request: HttpRequest, code: str, body: ManualValueIn, jurisdiction: DbInt | None = None
) -> Status:
    user = current_user(request)
    jur = jurisdiction_for(user, {"jurisdiction": jurisdiction}, EDIT_ROLES)
    indicator = queries.row(jur, ManualIndicator, code=code)
    row = actions.enter_manual_value(indicator, acting_user=user, **body.dict())
    return Status(
        201, {"code": code, "year": row.year, "month": row.month, "value": row.value, "source": row.source}
    )


@router.get("/targets", response=list[TargetOut], summary="目标及进度")
def list_targets(
    request: HttpRequest, year: DbInt, jurisdiction: DbInt | None = None
) -> list[dict[str, Any]]:
    jur = jurisdiction_for(current_user(request), {"jurisdiction": jurisdiction})
    out = []
    for p in progress_for_year(jur.pk, year, timezone.localdate()):
        t = p.target
        fields = {
            f: getattr(t, f) for f in ("id", "year", "kind", "subject", "quantity", "unit", "direction")
        }
        out.append(
            {
                **fields,
                "deadline": t.deadline,
                "indicator_code": t.indicator_code,
                "value": p.value,
                "percent": p.percent,
                "expected_percent": p.expected_percent,
                "status": p.status,
                "done": t.done,
            }
        )
    return out
