"""Petition endpoints, mounted at /api/petitions: list, detail, create, one endpoint per action of
the petition kind's table, and the figures for any period."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import create_model

from jiedao.cases import actions
from jiedao.cases.models import Case
from jiedao.cases.queries import get_case_for, visible_cases
from jiedao.cases.serialize import case_detail
from jiedao.core.api.auth import current_user
from jiedao.core.errors import InvalidInput
from jiedao.core.indicators import Period
from jiedao.petitions import stats
from jiedao.petitions.filters import PARSERS, PetitionFilter
from jiedao.petitions.intake import intake_jurisdiction, register_petition, validate_petition
from jiedao.petitions.kind import KIND, PETITION_KIND
from jiedao.petitions.models import Petition
from jiedao.petitions.queries import petition_list

router = Router(tags=["petitions"])
PAGE_MAX = 100


class PetitionerIn(Schema):
    name: str
    id_number: str = ""
    phone: str = ""
    address: str = ""


class PetitionIn(Schema):
    title: str
    content: str
    channel: str
    petition_type: str
    content_category: str
    person_count: int | None = None
    over_level: bool = False
    petitioners: list[PetitionerIn]
    repeat_of: str = ""  # "" link automatically, "none" not a repeat, or an earlier case number


class PetitionItem(Schema):
    id: int
    number: str
    title: str
    state: str
    time_status: str
    created_at: datetime
    due_at: datetime | None
    resolve_due: datetime | None
    department: str | None
    channel: str
    petition_type: str
    content_category: str
    stage: str
    collective: bool
    over_level: bool
    repeat_of: int | None
    backlog: bool


class PetitionPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PetitionItem]


class PetitionActionIn(Schema):
    note: str = ""
    version: int | None = None
    fields: dict[str, Any] = {}


# Query parameters: the fields of PetitionFilter (one filter definition), as text it parses leniently.
ListParams = create_model(
    "PetitionListParams",
    __base__=Schema,
    page=(int, 1),
    page_size=(int, 20),
    **dict.fromkeys(PARSERS, (str, "")),  # type: ignore[call-overload]
)


class FigureOut(Schema):
    code: str
    label: str
    value: int
    last_year: int
    change: float | None
    description: str
    records: str


def _item(case: Case) -> dict[str, Any]:
    p: Petition = case.petition
    return {
        "id": case.pk,
        "number": case.number,
        "title": case.title,
        "state": case.state,
        "time_status": case.time_status,
        "created_at": case.created_at,
        "due_at": case.due_at,
        "resolve_due": case.resolve_due,
        "department": case.department.name if case.department else None,
        "channel": p.channel,
        "petition_type": p.petition_type,
        "content_category": p.content_category,
        "stage": p.stage,
        "collective": p.collective,
        "over_level": p.over_level,
        "repeat_of": p.repeat_of_id,
        "backlog": p.backlog,
    }


def _detail(case: Case, request: HttpRequest) -> dict[str, Any]:
    user = current_user(request)
    fresh = get_case_for(user, case.pk, KIND)
    return {
        "case": case_detail(fresh, user),
        "petition": _item(Case.objects.select_related("petition", "department").get(pk=case.pk)),
    }


@router.get("/", response=PetitionPage, summary="信访件列表")
def list_petitions(request: HttpRequest, params: Query[ListParams]) -> dict[str, Any]:  # type: ignore[valid-type]
    values: dict[str, Any] = params.dict()  # type: ignore[attr-defined]
    qs = petition_list(current_user(request), PetitionFilter.parse(values))
    size = max(1, min(values["page_size"], PAGE_MAX))
    page = max(1, values["page"])
    count = qs.order_by().count()
    return {
        "count": count,
        "page": page,
        "page_size": size,
        "results": [_item(c) for c in qs[(page - 1) * size : page * size]],
    }


@router.get("/figures", response=list[FigureOut], summary="信访统计（任意期间，含同比）")
def figures(request: HttpRequest, start: date, end: date) -> list[dict[str, Any]]:
    if end < start:
        raise InvalidInput(_("结束日期不能早于开始日期。"), field="end")
    period = Period(start, end)
    rows = stats.figures(visible_cases(current_user(request), KIND), period)
    return [
        {
            "code": r.code,
            "label": r.label,
            "value": r.value,
            "last_year": r.last_year,
            "change": float(r.change) if r.change is not None else None,
            "description": r.description,
            "records": f"/api/petitions/?figure={r.code}&date_from={start}&date_to={end}",
        }
        for r in rows
    ]


@router.get("/{petition_id}", summary="信访件详情")
def get_petition(request: HttpRequest, petition_id: int) -> dict[str, Any]:
    return _detail(get_case_for(current_user(request), petition_id, KIND), request)


@router.post("/", response={201: dict[str, Any]}, summary="登记信访件")
def create_petition(request: HttpRequest, body: PetitionIn) -> Status:
    user = current_user(request)
    draft = validate_petition(body.dict(), jurisdiction=intake_jurisdiction(user))
    case = register_petition(draft, acting_user=user, now=timezone.now())
    return Status(201, _detail(case, request))


def _endpoint(action: str, label: str) -> None:
    def perform_action(request: HttpRequest, petition_id: int, body: PetitionActionIn) -> dict[str, Any]:
        user = current_user(request)
        case = get_case_for(user, petition_id, KIND)
        done = actions.perform(
            case.pk,
            action,
            acting_user=user,
            payload=body.fields,
            note=body.note,
            expected_version=body.version,
        )
        return _detail(done, request)

    router.post(f"/{{petition_id}}/{action}", summary=label, operation_id=f"petition_{action}")(
        perform_action
    )


for _action in dict.fromkeys(t.action for t in PETITION_KIND.transitions):
    _endpoint(_action, str(PETITION_KIND.action_labels[_action]))
