"""The leadership dashboard: targets' progress, registers' pipeline, event and petition figures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from jiedao.core.models import User
from jiedao.goals import dashboard as data
from jiedao.goals.access import PRESETS, jurisdiction_for, period_from


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    jur = jurisdiction_for(user, request.GET)
    try:
        choice = period_from(request.GET)
    except ValueError as exc:
        messages.error(request, str(exc))
        choice = period_from({})
    built = data.build(jur.pk, choice.period, timezone.localdate())
    rows = [(p, None) for p in built["progress"]]
    charts = {"targets": built["targets_chart"], "sections": built["sections"]}
    return render(
        request,
        "goals/dashboard.html",
        {
            "jurisdiction": jur,
            "choice": choice,
            "presets": PRESETS.items(),
            "year": built["year"],
            "rows": rows,
            "sections": built["sections"],
            "charts": charts,
        },
    )
