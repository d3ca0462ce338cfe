"""Event endpoints, mounted at /api/events: the case router every kind gets (cases/api.py), and
the reporter's public rating by number and code (mounted at /api/public)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from jiedao.cases import actions
from jiedao.cases.api import case_router
from jiedao.cases.schemas import CaseDetail
from jiedao.cases.serialize import case_detail
from jiedao.core.api.auth import AUTH
from jiedao.events.schemas import PublicRateIn
from jiedao.events.surface import SURFACE

router = case_router(SURFACE, auth=AUTH)
public = Router(tags=["public"])


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
