"""One API router per case kind, built from its Surface and transition table (mounted at
/api/<slug>): the same shape for every kind.

    GET  /api/<slug>                  the list: the kind's filters, page/page_size, capped count
    GET  /api/<slug>/{id}             the detail (shared schema + the kind's `extension` object)
    POST /api/<slug>                  intake (201)
    POST /api/<slug>/{id}/{action}    one endpoint per action, its body typed from the action's
                                      declared inputs (so OpenAPI documents each)

After an action the answer is the case as it now is, even when the action moved it out of the
caller's scope (a department returning it): they performed it, so they see its result.
"""

# No `from __future__ import annotations`: Ninja reads the handlers' annotations, which name
# schemas built in the factory (local names a string annotation cannot resolve).

import json
from dataclasses import fields
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.responses import NinjaJSONEncoder
from pydantic import AfterValidator, create_model

from jiedao.cases import actions
from jiedao.cases.kinds import CaseKind, Transition, get_kind
from jiedao.cases.models import Case
from jiedao.cases.queries import capped_count, get_case_for, kind_list
from jiedao.cases.schemas import CaseCreated, CaseDetail, CaseItem
from jiedao.cases.serialize import case_detail, case_item
from jiedao.cases.surface import ApiPart, Surface
from jiedao.cases.views import extension_for_page
from jiedao.core.api.auth import current_user
from jiedao.core.api.schemas import DbInt
from jiedao.core.ints import PAGE_MAX, parse_int

PAGE_SIZE_MAX = 100


def _camel(slug: str) -> str:
    return "".join(part.capitalize() for part in slug.replace("-", "_").split("_"))


def _with_extension(base: type[Schema], name: str, part: ApiPart | None) -> type[Schema]:
    if part is None:
        return base
    extension: Any = (part.schema | None, None)
    model: type[Schema] = create_model(name, __base__=base, extension=extension)
    return model


def _storable(text: str) -> str:
    number = text.strip().lstrip("+-")
    if number.isdigit() and parse_int(text) is None:
        raise ValueError("integer out of range")
    return text


def _list_params(surface: Surface, name: str) -> type[Schema]:
    """The list's query parameters: page, page_size and the kind's filter fields, each as text
    that the filter parses leniently (a bad value narrows nothing rather than failing)."""
    params: dict[str, Any] = {"page": (DbInt, 1), "page_size": (DbInt, 20)}
    for f in fields(surface.listing.filter):
        # An id filter stays lenient text, but a number no database column holds is a 422.
        numeric = "int" in str(f.type)
        params[f.name] = (Annotated[str, AfterValidator(_storable)] if numeric else str, "")
    model: type[Schema] = create_model(name, __base__=Schema, **params)
    return model


def _action_body(kind: CaseKind, action: str, transitions: list[Transition]) -> type[Schema]:
    """The body of one action: note, version and the action's declared inputs, typed. An action
    offered from several states with different inputs takes the union of them."""
    inputs: dict[str, Any] = {"note": (str, ""), "version": (DbInt | None, None)}
    for t in transitions:
        for i in t.inputs:
            inputs[i.name] = (i.python_type | None, None)
    model: type[Schema] = create_model(f"{_camel(kind.code)}{_camel(action)}In", __base__=Schema, **inputs)
    return model


class _Dump:
    """Case → API dict for one kind: the shared fields and the kind's `extension` object."""

    def __init__(self, surface: Surface) -> None:
        self.surface = surface

    def item(self, case: Case) -> dict[str, Any]:
        out = case_item(case)
        part = self.surface.api_item
        if part is not None:
            out["extension"] = part.dump(case, None)
        return out

    def detail(self, case: Case, user: Any) -> dict[str, Any]:
        extension = extension_for_page(self.surface, case)
        out = case_detail(case, user, extension)
        part = self.surface.api_detail
        if part is not None:
            out["extension"] = part.dump(case, extension) if extension is not None else None
        return out


def case_router(surface: Surface, **router_kw: Any) -> Router:
    kind = get_kind(surface.kind)
    name = _camel(surface.slug)
    router = Router(tags=list(surface.tags or [surface.slug]), **router_kw)
    item = _with_extension(CaseItem, f"{name}Item", surface.api_item)
    detail = _with_extension(CaseDetail, f"{name}Detail", surface.api_detail)
    page_schema: type[Schema] = create_model(
        f"{name}Page",
        __base__=Schema,
        count=(int, ...),
        more=(bool, ...),
        page=(int, ...),
        page_size=(int, ...),
        results=(list[item], ...),  # type: ignore[valid-type]
    )
    params_schema = _list_params(surface, f"{name}ListParams")
    dump = _Dump(surface)

    def list_cases(request: HttpRequest, params: Query[params_schema]) -> dict[str, Any]:  # type: ignore[valid-type]
        values: dict[str, Any] = params.dict()  # type: ignore[attr-defined]
        qs = kind_list(current_user(request), surface, surface.listing.filter.parse(values))
        size = max(1, min(values["page_size"], PAGE_SIZE_MAX))
        page = max(1, min(values["page"], PAGE_MAX))
        count, more = capped_count(qs)
        rows = list(qs[(page - 1) * size : page * size])
        return {
            "count": count,
            "more": more,
            "page": page,
            "page_size": size,
            "results": [dump.item(c) for c in rows],
        }

    router.get("", response=page_schema, summary=f"{kind.label}列表", operation_id=f"{kind.code}_list")(
        list_cases
    )

    def get_one(request: HttpRequest, case_id: DbInt) -> dict[str, Any]:
        user = current_user(request)
        return dump.detail(get_case_for(user, case_id, kind.code), user)

    # `int:` so a kind's own routes beside these (/api/petitions/figures, /api/mediation/workload)
    # are not read as an id.
    router.get(
        "/{int:case_id}", response=detail, summary=f"{kind.label}详情", operation_id=f"{kind.code}_detail"
    )(get_one)

    if surface.intake is not None:
        _create_endpoint(router, surface, kind)

    by_action: dict[str, list[Transition]] = {}
    for t in kind.transitions:
        by_action.setdefault(t.action, []).append(t)
    for action, transitions in by_action.items():
        _action_endpoint(router, kind, action, transitions, detail, dump)
    return router


def _create_endpoint(router: Router, surface: Surface, kind: CaseKind) -> None:
    intake = surface.intake
    assert intake is not None
    body_schema = intake.schema

    def create(request: HttpRequest, body: body_schema) -> HttpResponse:  # type: ignore[valid-type]
        user = current_user(request)
        case, code = intake.create(user, body.dict())  # type: ignore[attr-defined]
        summary = {
            **case_item(case),
            "reporter_phone": str(case.reporter_phone or ""),
            "version": case.version,
        }
        # Rendered directly in CaseCreated's field order: re-validating our own dict through
        # pydantic cost ~5% of a create (py-spy); tests/api check the body against the schema.
        body_json = json.dumps({**summary, "rating_code": code}, cls=NinjaJSONEncoder)
        return HttpResponse(body_json, status=201, content_type="application/json; charset=utf-8")

    router.post(
        "", response={201: CaseCreated}, summary=f"登记{kind.label}", operation_id=f"{kind.code}_create"
    )(create)


def _action_endpoint(
    router: Router,
    kind: CaseKind,
    action: str,
    transitions: list[Transition],
    detail: type[Schema],
    dump: _Dump,
) -> None:
    body_schema = _action_body(kind, action, transitions)
    names = [n for n in body_schema.model_fields if n not in ("note", "version")]

    def perform(request: HttpRequest, case_id: DbInt, body: body_schema) -> dict[str, Any]:  # type: ignore[valid-type]
        user = current_user(request)
        case = get_case_for(user, case_id, kind.code)
        data = body.model_dump(mode="json")  # type: ignore[attr-defined]
        payload = {n: data[n] for n in names if data.get(n) is not None}
        updated = actions.perform(
            case.pk,
            action,
            acting_user=user,
            payload=payload,
            note=data["note"],
            expected_version=data["version"],
        )
        return dump.detail(updated, user)

    router.post(
        f"/{{int:case_id}}/{action}",
        response=detail,
        summary=str(transitions[0].label),
        operation_id=f"{kind.code}_{action}",
    )(perform)
