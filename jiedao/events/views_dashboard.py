"""The event dashboard (事件驾驶舱) of one jurisdiction, and its figures as JSON.

Thin: choose the jurisdiction the user reads, read its figures (a fresh snapshot or a live
count), link each number to its records, render.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jiedao.core.access import page_access
from jiedao.core.models import User
from jiedao.core.scope import scope_of
from jiedao.events import stats
from jiedao.events.dashboard import DASHBOARD_ROLES, chosen_jurisdiction, with_links


def _figures(request: HttpRequest) -> tuple[dict[str, Any], Any, list[Any]]:
    user: User = request.user  # type: ignore[assignment]
    if not scope_of(user).has(*DASHBOARD_ROLES):
        raise PermissionDenied
    jurisdiction, choices = chosen_jurisdiction(user, request.GET)
    data = stats.dashboard(jurisdiction.pk, request.GET.get("period", ""))
    return with_links(data, jurisdiction.pk), jurisdiction, choices


@login_required
@require_GET
@page_access(*DASHBOARD_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    data, jurisdiction, choices = _figures(request)
    periods = [(code, str(label)) for code, label in stats.PERIODS.items()]
    context = {"data": data, "periods": periods, "jurisdiction": jurisdiction, "jurisdictions": choices}
    return render(request, "events/dashboard.html", context)


@login_required
@require_GET
@page_access(*DASHBOARD_ROLES)
def dashboard_data(request: HttpRequest) -> JsonResponse:
    return JsonResponse(_figures(request)[0])
