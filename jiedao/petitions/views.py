"""The petition pages the case surface does not build (cases/routes.py builds the list, the
overdue list, detail, actions and intake from petitions/surface.py): repeat suggestions while a
petition is registered, and the figures for a period."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from jiedao.cases.queries import visible_cases
from jiedao.core.access import page_access
from jiedao.core.indicators import Period
from jiedao.core.models import Role, User
from jiedao.petitions import repeats, stats
from jiedao.petitions.forms import intake_data
from jiedao.petitions.intake import PetitionerInput, intake_jurisdiction
from jiedao.petitions.kind import INTAKE_ROLES, KIND

FIGURE_ROLES = (Role.DISPATCHER, Role.LEADER, Role.ADMIN)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
@require_POST
@page_access(*INTAKE_ROLES)
def repeat_suggest(request: HttpRequest) -> HttpResponse:
    """The intake form asks, before saving, which earlier petitions may be the same matter."""
    data = intake_data(request.POST)
    jurisdiction = intake_jurisdiction(_user(request))
    indexes: set[str] = set()
    for p in data["petitioners"]:
        indexes |= PetitionerInput(p.get("name", ""), p.get("id_number", ""), p.get("phone", "")).indexes()
    found = repeats.suggest(
        jurisdiction.pk,
        indexes=indexes,
        text=f"{data['title']} {data['content']}",
        category=str(data.get("content_category") or ""),
        now=timezone.now(),
    )
    auto = repeats.auto_link(found)
    return render(request, "petitions/_suggest.html", {"suggestions": found, "auto": auto})


def _period(request: HttpRequest) -> Period:
    today = timezone.localdate()
    try:
        start = date.fromisoformat(request.GET.get("start") or f"{today.year}-01-01")
        end = date.fromisoformat(request.GET.get("end") or today.isoformat())
        return Period(start, end)
    except ValueError:
        return Period(date(today.year, 1, 1), today)


@login_required
@require_GET
@page_access(*FIGURE_ROLES)
def figures_view(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    rows = stats.figures(visible_cases(_user(request), KIND), period)
    link = reverse("petitions:list")
    for row in rows:
        row.url = f"{link}?figure={row.code}&date_from={period.start}&date_to={period.end}"  # type: ignore[attr-defined]
    return render(request, "petitions/figures.html", {"rows": rows, "period": period})
