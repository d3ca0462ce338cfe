"""Event endpoints, mounted at /api/events: list, detail, create, and one endpoint per action of
the event kind's table."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import TYPE_CHECKING, Any, get_type_hints

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import create_model

from jiedao.api.schemas import ActionIn, CaseCreated, CaseDetail, CasePage, EventIn, PublicRateIn
from jiedao.api.serialize import case_detail, case_item
from jiedao.cases import actions
from jiedao.cases.queries import get_case_for
from jiedao.core.api.auth import AUTH, current_user
from jiedao.events.filters import EventFilter
from jiedao.events.intake import intake_jurisdiction, validate_event
from jiedao.events.kind import EVENT_KIND, KIND
from jiedao.events.queries import capped_count, event_list

router = Router(tags=["events"], auth=AUTH)
public = Router(tags=["public"])
PAGE_SIZE_MAX = 100


def _list_params() -> type[Schema]:
    """Query parameters of the event list, derived from EventFilter (the one filter definition
    shared with the list page): dates travel as text and are parsed leniently there."""
    hints = get_type_hints(EventFilter)
    params: dict[str, Any] = {"page": (int, 1), "page_size": (int, 20)}
    for f in fields(EventFilter):
        hint = hints[f.name]
        params[f.name] = (str, "") if hint == (date | None) else (hint, f.default)
    return create_model("EventListParams", __base__=Schema, **params)


if TYPE_CHECKING:
    ListParams = Schema
else:
    ListParams = _list_params()


@router.get("", response=CasePage, summary="事件列表")
def list_events(request: HttpRequest, params: Query[ListParams]) -> dict[str, Any]:
    values: dict[str, Any] = params.dict()
    qs = event_list(current_user(request), EventFilter.parse(values))
    size = max(1, min(values["page_size"], PAGE_SIZE_MAX))
    page = max(1, values["page"])
    count, more = capped_count(qs)
    rows = list(qs[(page - 1) * size : page * size])
    return {
        "count": count,
        "more": more,
        "page": page,
        "page_size": size,
        "results": [case_item(c) for c in rows],
    }


@router.get("/{event_id}", response=CaseDetail, summary="事件详情")
def get_event(request: HttpRequest, event_id: int) -> dict[str, Any]:
    user = current_user(request)
    return case_detail(get_case_for(user, event_id, KIND), user)


@router.post("", response={201: CaseCreated}, summary="上报事件")
def create_event(request: HttpRequest, body: EventIn) -> HttpResponse:
    user = current_user(request)
    new = validate_event(body.dict(), jurisdiction=intake_jurisdiction(user), user=user)
    case, code = actions.create_case(new, acting_user=user)
    summary = {**case_item(case), "reporter_phone": str(case.reporter_phone or ""), "version": case.version}
    # Rendered directly in CaseCreated's field order: re-validating our own dict through
    # pydantic cost ~5% of a create (py-spy); tests/api check the body against the schema.
    from jiedao.api.urls import api  # the API this router is mounted on (imports this module)

    return api.create_response(request, {**summary, "rating_code": code}, status=201)


def _action_endpoint(action: str, label: str) -> None:
    def handler(request: HttpRequest, event_id: int, body: ActionIn) -> dict[str, Any]:
        user = current_user(request)
        case = get_case_for(user, event_id, KIND)
        data = body.dict()
        note = data.pop("note")
        version = data.pop("version")
        updated = actions.perform(
            case.pk, action, acting_user=user, payload=data, note=note, expected_version=version
        )
        return case_detail(updated, user)

    router.post(
        f"/{{event_id}}/{action}",
        response=CaseDetail,
        summary=label,
        operation_id=f"event_{action}",
    )(handler)


for _t in {t.action: t for t in EVENT_KIND.transitions}.values():
    _action_endpoint(_t.action, str(_t.label))


@public.post("/events/rate", response=CaseDetail, summary="反映人评价（凭评价码）")
def rate_by_code(request: HttpRequest, body: PublicRateIn) -> dict[str, Any]:
    case = actions.find_by_code(None, body.number, body.code)
    updated = actions.perform(
        case.pk,
        "rate",
        acting_user=None,
        reporter_code=body.code,
        payload={"rating": body.rating, "rating_note": body.rating_note},
    )
    return case_detail(updated, None)
