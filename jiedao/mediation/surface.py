"""The mediation kind's surface (cases/surface.py): its list columns and filters, its detail
page, walk-in and from-event registration on the page and over the API. cases/ builds the pages,
routes and router from this; mediation/urls.py adds the from-event and workload pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiedao.cases import surface as s
from jiedao.cases.models import Case
from jiedao.core.acting import acting_jurisdiction
from jiedao.core.errors import Forbidden
from jiedao.core.models import Jurisdiction, User
from jiedao.core.scope import scope_of
from jiedao.mediation import actions, intake
from jiedao.mediation.filters import MediationFilter
from jiedao.mediation.forms import ApplicationForm, FilterForm
from jiedao.mediation.kind import FROM_EVENT_ROLES, KIND, REGISTER_ROLES
from jiedao.mediation.models import Dispute
from jiedao.mediation.pages import timeline_details
from jiedao.mediation.queries import LIST_RELATED
from jiedao.mediation.schemas import ApplicationIn, DisputeItem, MediationOut

CREATED = _("已登记调解案件 %(n)s。")
NO_REGISTER = _("您没有调解登记的权限。")
NO_FROM_EVENT = _("您没有从事件转调解的权限。")


def _home(user: User) -> Jurisdiction:
    """The jurisdiction the user acts in (`jiedao.core.acting`); 403 for one who acts in none."""
    found = acting_jurisdiction(user)
    if found is None:
        raise PermissionDenied
    return found


def _filter_form(initial: dict[str, str], user: User) -> FilterForm:
    return FilterForm(initial=initial, jurisdiction_id=_home(user).pk)


def _form_context(request: HttpRequest, data: Any, *, from_event: bool) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    initial = {"event_number": request.GET.get("event", "")[:32]} if from_event else None
    form = ApplicationForm(data, initial=initial, jurisdiction_id=_home(user).pk, from_event=from_event)
    return {
        "form": form,
        "from_event": from_event,
        "applicant_fields": form.section("applicant"),
        "respondent_fields": form.section("respondent"),
    }


def _create(user: User, data: dict[str, Any]) -> tuple[Case, str | None]:
    """Registration over the API: `event_number` turns an event into a dispute, else a walk-in."""
    data = {k: v for k, v in data.items() if v is not None}
    scope = scope_of(user)
    if not scope.has(*REGISTER_ROLES):
        raise Forbidden(NO_REGISTER)
    if data.get("event_number"):
        if not scope.has(*FROM_EVENT_ROLES):
            raise Forbidden(NO_FROM_EVENT)
        return _from_event(user, data), None
    return _walk_in(user, data), None


def _walk_in(user: User, data: dict[str, Any]) -> Case:
    now = timezone.now()
    draft = intake.validate_walk_in(data, jurisdiction=_home(user), user=user, now=now)
    return actions.register_dispute(draft, acting_user=user, now=now)


def _from_event(user: User, data: dict[str, Any]) -> Case:
    now = timezone.now()
    draft = intake.validate_from_event(data, user=user, now=now)
    return actions.register_dispute(draft, acting_user=user, now=now)


def _submit(request: HttpRequest) -> tuple[Case, str | None]:
    return _walk_in(request.user, request.POST.dict()), None  # type: ignore[arg-type]


def _submit_from_event(request: HttpRequest) -> tuple[Case, str | None]:
    return _from_event(request.user, request.POST.dict()), None  # type: ignore[arg-type]


def _detail(case: Case, dispute: Dispute | None, user: User) -> dict[str, Any]:
    if dispute is None:
        return {}
    return {
        "dispute": dispute,
        "parties": list(dispute.parties.all()),
        "sessions": list(dispute.sessions.all()),
    }


def _names(d: Dispute) -> dict[str, Any]:
    return {
        "room": d.room.name if d.room else None,
        "room_id": d.room_id,
        "dispute_type": d.dispute_type.name,
        "mediator": str(d.mediator) if d.mediator else None,
        "outcome": d.outcome,
    }


def _room_mediator(case: Case) -> str:
    d: Dispute = case.mediation
    room = d.room.name if d.room else "—"
    return f"{room} · {d.mediator}" if d.mediator else room


def _outcome(case: Case) -> str:
    d: Dispute = case.mediation
    route = d.get_failure_route_display() if d.failure_route else ""
    return f"{d.get_outcome_display()}（{route}）" if route else str(d.get_outcome_display())


def _api_item(case: Case, _extension: Any) -> dict[str, Any]:
    return _names(case.mediation)


RECORD = [
    "profile",
    "request",
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


def _api_detail(case: Case, d: Dispute) -> dict[str, Any]:
    return {
        **_names(d),
        **{name: getattr(d, name) for name in RECORD},
        "source_event": d.source_event.number if d.source_event else None,
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
        "sessions": [
            {f: getattr(x, f) for f in ("seq", "held_on", "place", "attendees", "record", "mediator_name")}
            for x in d.sessions.all()
        ],
    }


def _intake(template_submit: Any, *, from_event: bool, roles: tuple[str, ...]) -> s.Intake:
    return s.Intake(
        roles=roles,
        template="mediation/create.html",
        form_context=lambda request, data: _form_context(request, data, from_event=from_event),
        submit=template_submit,
        schema=ApplicationIn,
        create=_create,
        created_message=CREATED,
        button=_("调解登记"),
    )


WALK_IN = _intake(_submit, from_event=False, roles=REGISTER_ROLES)
# 从事件转调解: its own page (mediation:from_event) on the same create flow and API endpoint.
FROM_EVENT = _intake(_submit_from_event, from_event=True, roles=FROM_EVENT_ROLES)

SURFACE = s.register_surface(
    s.Surface(
        kind=KIND,
        slug="mediation",
        title=_("矛盾纠纷调解"),
        listing=s.Listing(
            filter=MediationFilter,
            form=_filter_form,
            columns=[
                s.NUMBER,
                s.TITLE,
                s.STATE,
                s.TIME,
                s.text(_("类型"), lambda c: c.mediation.dispute_type.name),
                s.text(_("调解室 / 调解员"), _room_mediator),
                s.text(_("调解结果"), _outcome, "small d-none d-md-table-cell"),
                s.created(_("登记时间")),
            ],
            empty=_("没有符合条件的矛盾纠纷。"),
            related=LIST_RELATED,
            presets={"overdue": ({"overdue": "1"}, _("超期调解"))},
            links=(
                ("mediation:from_event", _("从事件转调解")),
                ("mediation:workload", _("调解室工作量")),
            ),
            notes={
                "overdue": _(
                    "仍在办且已超期：登记后超过一个月未调结，或调解协议生效后司法确认申请期限已过。"
                ),
                "soon": _("仍在办且临近期限。"),
            },
        ),
        detail_template="mediation/detail.html",
        detail_context=_detail,
        timeline_details=timeline_details,
        extension_related=("room", "dispute_type", "mediator", "court", "source_event"),
        extension_prefetch=("parties", "sessions"),
        intake=WALK_IN,
        api_item=s.ApiPart(DisputeItem, _api_item),
        api_detail=s.ApiPart(MediationOut, _api_detail),
    )
)
