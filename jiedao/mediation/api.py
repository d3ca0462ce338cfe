"""Mediation endpoints (mounted at /api/mediation): list and detail, walk-in and from-event
registration, one endpoint per action of the kind's table, room workload for any period."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from jiedao.cases import actions as engine
from jiedao.cases.models import Case
from jiedao.cases.schemas import CaseDetail, CaseItem
from jiedao.cases.serialize import case_detail, case_item
from jiedao.core.api.auth import current_user
from jiedao.core.models import User
from jiedao.core.scope import scope_of
from jiedao.mediation import actions, intake, stats
from jiedao.mediation.filters import MediationFilter
from jiedao.mediation.kind import FROM_EVENT_ROLES, MEDIATION_KIND, REGISTER_ROLES
from jiedao.mediation.models import Dispute, Room
from jiedao.mediation.queries import dispute_list, get_dispute_case, mediation_cases
from jiedao.mediation.views import home_jurisdiction, period_from

router = Router(tags=["mediation"])
PAGE_SIZE_MAX = 100


class DisputeItem(CaseItem):
    room: str | None
    room_id: int | None
    dispute_type: str
    mediator: str | None
    outcome: str


class DisputePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[DisputeItem]


class PartyOut(Schema):
    role: str
    name: str
    id_number: str
    phone: str
    address: str


class SessionOut(Schema):
    seq: int
    held_on: date
    place: str
    attendees: str
    record: str
    mediator_name: str


class MediationOut(Schema):
    profile: str
    request: str
    source_event: str | None
    outcome: str
    failure_route: str
    court: str | None
    court_reference: str
    court_result: str
    agreement_terms: str
    agreement_effective: date | None
    fulfilment: str
    confirmation_due: datetime | None
    confirmation_applied_on: date | None
    confirmation_court: str
    ruling: str
    ruling_on: date | None
    ruling_reference: str
    parties: list[PartyOut]
    sessions: list[SessionOut]


class DisputeDetail(CaseDetail):
    room: str | None
    dispute_type: str
    mediator: str | None
    mediation: MediationOut


class ListParams(Schema):
    page: int = 1
    page_size: int = 20
    room: str = ""
    dispute_type: str = ""
    state: str = ""
    mediator: str = ""
    outcome: str = ""
    route: str = ""
    time_status: str = ""
    overdue: str = ""
    basis: str = ""
    date_from: str = ""
    date_to: str = ""
    q: str = ""


class ApplicationIn(Schema):
    """Walk-in fields (title, description, request, parties) or `event_number` for 从事件转调解."""

    event_number: str | None = None
    title: str | None = None
    description: str | None = None
    request: str | None = None
    dispute_type: int | None = None
    room: int | None = None
    applicant_name: str | None = None
    applicant_id_number: str | None = None
    applicant_phone: str | None = None
    applicant_address: str | None = None
    respondent_name: str | None = None
    respondent_id_number: str | None = None
    respondent_phone: str | None = None
    respondent_address: str | None = None


class MediationActionIn(Schema):
    note: str = ""
    version: int | None = None
    room: int | None = None
    mediator: int | None = None
    party_role: str | None = None
    party_name: str | None = None
    party_id_number: str | None = None
    party_phone: str | None = None
    party_address: str | None = None
    held_on: str | None = None
    place: str | None = None
    attendees: str | None = None
    record: str | None = None
    terms: str | None = None
    effective_on: str | None = None
    court: int | None = None
    court_reference: str | None = None
    court_result: str | None = None
    fulfilment: str | None = None
    applied_on: str | None = None
    confirmation_court: str | None = None
    ruling_on: str | None = None
    ruling_reference: str | None = None


class WorkloadRow(Schema):
    room_id: int | None
    room: str
    received: int
    concluded: int
    succeeded: int
    failed: int
    court: int
    success_rate: float


class Workload(Schema):
    date_from: date
    date_to: date
    rows: list[WorkloadRow]  # one per room, then disputes not yet in a room (room_id null)
    total: WorkloadRow


def _item(case: Case) -> dict[str, Any]:
    d: Dispute = case.mediation
    return {
        **case_item(case),
        "room": d.room.name if d.room else None,
        "room_id": d.room_id,
        "dispute_type": d.dispute_type.name,
        "mediator": str(d.mediator) if d.mediator else None,
        "outcome": d.outcome,
    }


def _detail(case: Case, user: User) -> dict[str, Any]:
    d = Dispute.objects.select_related("room", "dispute_type", "mediator", "court", "source_event").get(
        pk=case.pk
    )
    mediation = {
        "profile": d.profile,
        "request": d.request,
        "source_event": d.source_event.number if d.source_event else None,
        **{
            name: getattr(d, name)
            for name in [
                "outcome",
                "failure_route",
                "court_reference",
                "court_result",
                "agreement_terms",
                "agreement_effective",
                "fulfilment",
                "confirmation_due",
                "confirmation_applied_on",
                "confirmation_court",
                "ruling",
                "ruling_on",
                "ruling_reference",
            ]
        },
        "court": d.court.name if d.court else None,
        "parties": [
            {
                "role": p.role,
                "name": p.name,
                "id_number": str(p.id_number or ""),
                "phone": str(p.phone or ""),
                "address": p.address,
            }
            for p in d.parties.all()
        ],
        "sessions": list(
            d.sessions.values("seq", "held_on", "place", "attendees", "record", "mediator_name")
        ),
    }
    return {
        **case_detail(case, user),
        "room": d.room.name if d.room else None,
        "dispute_type": d.dispute_type.name,
        "mediator": str(d.mediator) if d.mediator else None,
        "mediation": mediation,
    }


@router.get("/cases", response=DisputePage, summary="矛盾纠纷列表")
def list_disputes(request: HttpRequest, params: Query[ListParams]) -> dict[str, Any]:
    values = params.dict()
    qs = dispute_list(current_user(request), MediationFilter.parse(values))
    size = max(1, min(values["page_size"], PAGE_SIZE_MAX))
    page = max(1, values["page"])
    rows = list(qs[(page - 1) * size : page * size])
    return {"count": qs.count(), "page": page, "page_size": size, "results": [_item(c) for c in rows]}


@router.get("/cases/{case_id}", response=DisputeDetail, summary="矛盾纠纷详情")
def get_dispute(request: HttpRequest, case_id: int) -> dict[str, Any]:
    user = current_user(request)
    return _detail(get_dispute_case(user, case_id), user)


@router.post("/cases", response={201: DisputeDetail}, summary="调解登记（来访申请或从事件转调解）")
def register(request: HttpRequest, body: ApplicationIn) -> Status:
    user = current_user(request)
    if not scope_of(user).has(*REGISTER_ROLES):
        raise HttpError(403, _("您没有调解登记的权限。"))
    data = {k: v for k, v in body.dict().items() if v is not None}
    now = timezone.now()
    if data.get("event_number"):
        if not scope_of(user).has(*FROM_EVENT_ROLES):
            raise HttpError(403, _("您没有从事件转调解的权限。"))
        draft = intake.validate_from_event(data, user=user, now=now)
    else:
        draft = intake.validate_walk_in(data, jurisdiction=home_jurisdiction(user), user=user, now=now)
    case = actions.register_dispute(draft, acting_user=user, now=now)
    return Status(201, _detail(get_dispute_case(user, case.pk), user))


@router.post(
    "/cases/{case_id}/{action}", response=DisputeDetail, summary="执行调解操作（见详情中的 actions）"
)
def perform_action(
    request: HttpRequest, case_id: int, action: str, body: MediationActionIn
) -> dict[str, Any]:
    """One endpoint for every action of the mediation table; the engine refuses what the
    current state or the user's roles do not allow (409), the effects refuse bad input (400)."""
    user = current_user(request)
    case = get_dispute_case(user, case_id)
    transition = MEDIATION_KIND.find(case.state, action)
    data = body.dict()
    wanted = transition.fields if transition is not None else ()
    payload = {name: data[name] for name in wanted if data.get(name) is not None}
    engine.perform(
        case.pk,
        action,
        acting_user=user,
        payload=payload,
        note=data["note"],
        expected_version=data["version"],
    )
    return _detail(get_dispute_case(user, case.pk), user)


@router.get("/workload", response=Workload, summary="调解室工作量与成功率")
def workload(request: HttpRequest, date_from: str = "", date_to: str = "") -> dict[str, Any]:
    user = current_user(request)
    jurisdiction = home_jurisdiction(user)
    period = period_from({"date_from": date_from, "date_to": date_to})
    rooms = list(Room.objects.filter(jurisdiction=jurisdiction))
    rows = stats.workload(mediation_cases(user).filter(jurisdiction=jurisdiction), period, rooms)
    out = [_workload_row(r) for r in rows]
    return {"date_from": period.start, "date_to": period.end, "rows": out[:-1], "total": out[-1]}


def _workload_row(r: stats.Row) -> dict[str, Any]:
    return {
        "room_id": r.room_id if r.room_id > 0 else None,
        "room": r.name if r.room_id > 0 else "",
        **r.figures,
        "success_rate": float(r.success_rate),
    }
