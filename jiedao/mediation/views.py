"""Mediation pages: list, overdue list, detail with actions, walk-in and from-event registration,
room workload. Thin: parse, call one scoped query or one action, render."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jiedao.cases import pages
from jiedao.cases.models import Case
from jiedao.core.access import page_access
from jiedao.core.acting import acting_jurisdiction
from jiedao.core.errors import DomainError
from jiedao.core.indicators import Period
from jiedao.core.models import Jurisdiction, User
from jiedao.mediation import actions, intake, stats
from jiedao.mediation import pages as mpages
from jiedao.mediation.filters import MediationFilter
from jiedao.mediation.forms import ApplicationForm, FilterForm
from jiedao.mediation.kind import FROM_EVENT_ROLES, READERS, REGISTER_ROLES
from jiedao.mediation.models import Dispute
from jiedao.mediation.queries import dispute_list, get_dispute_case, room_workload

PAGE_SIZE = 20


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def home_jurisdiction(user: User) -> Jurisdiction:
    """The jurisdiction the user acts in (`jiedao.core.acting`); 403 for one who acts in none."""
    found = acting_jurisdiction(user)
    if found is None:
        raise PermissionDenied
    return found


# ---------------------------------------------------------------- lists


def _list(request: HttpRequest, flt: MediationFilter, *, title: str, overdue: bool = False) -> HttpResponse:
    user = _user(request)
    listing = Paginator(dispute_list(user, flt), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = pages.decorate(listing.object_list)
    query = flt.as_query()
    form = FilterForm(initial=query, jurisdiction_id=home_jurisdiction(user).pk)
    context = {
        "rows": rows,
        "count": listing.paginator.count,
        "page": listing.number,
        "pages_total": listing.paginator.num_pages,
        "query": query,
        "form": form,
        "title": title,
        "overdue": overdue,
        "soon": flt.soon,
    }
    return render(request, "mediation/list.html", context)


@login_required
@require_GET
@page_access(*READERS)
def dispute_list_view(request: HttpRequest) -> HttpResponse:
    return _list(request, MediationFilter.parse(request.GET), title=_("矛盾纠纷调解"))


@login_required
@require_GET
@page_access(*READERS)
def overdue_view(request: HttpRequest) -> HttpResponse:
    flt = MediationFilter.parse(request.GET)
    flt.overdue = True
    return _list(request, flt, title=_("超期调解"), overdue=True)


# ---------------------------------------------------------------- detail and actions


def _dispute(case: Case) -> Dispute:
    return Dispute.objects.select_related("room", "dispute_type", "mediator", "court", "source_event").get(
        pk=case.pk
    )


def _detail_context(request: HttpRequest, case: Case, posted: Any = None) -> dict[str, Any]:
    dispute = _dispute(case)
    entries = mpages.timeline_entries(case)
    return {
        "case": case,
        "dispute": dispute,
        "parties": list(dispute.parties.all()),
        "sessions": list(dispute.sessions.all()),
        "state_badge": pages.state_badge(case.kind, case.state),
        "time_badge": pages.time_badge(case.time_status),
        "entries": entries,
        "attachments": pages.attachments_of(entries),
        "specs": mpages.action_specs(_user(request), case, dispute, posted),
        "act_url": reverse("mediation:act", args=[case.pk]),
    }


@login_required
@require_GET
def dispute_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_dispute_case(_user(request), pk)
    return render(request, "mediation/detail.html", _detail_context(request, case))


@login_required
@require_POST
def dispute_act(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = get_dispute_case(user, pk)
    try:
        _updated, label = pages.perform_from_request(request, case, acting_user=user)
    except DomainError as err:
        context = {**_detail_context(request, case, request.POST), "error": err.message}
        return render(request, "mediation/detail.html", context, status=err.status)
    messages.success(request, _("已完成“%(action)s”。") % {"action": label})
    try:
        get_dispute_case(user, pk)
    except Http404:
        return redirect("mediation:list")
    return redirect("mediation:detail", pk=pk)


# ---------------------------------------------------------------- registration


def _register(request: HttpRequest, *, from_event: bool) -> HttpResponse:
    user = _user(request)
    jurisdiction = home_jurisdiction(user)
    data = request.POST if request.method == "POST" else None
    initial = {"event_number": request.GET.get("event", "")[:32]} if from_event else None
    form = ApplicationForm(data, initial=initial, jurisdiction_id=jurisdiction.pk, from_event=from_event)
    context: dict[str, Any] = {
        "form": form,
        "from_event": from_event,
        "applicant_fields": form.section("applicant"),
        "respondent_fields": form.section("respondent"),
    }
    if data is None:
        return render(request, "mediation/create.html", context)
    now = timezone.now()
    try:
        raw = request.POST.dict()
        if from_event:
            draft = intake.validate_from_event(raw, user=user, now=now)
        else:
            draft = intake.validate_walk_in(raw, jurisdiction=jurisdiction, user=user, now=now)
        case = actions.register_dispute(draft, acting_user=user, now=now)
    except DomainError as err:
        context.update(error=err.message, error_field=err.field)
        return render(request, "mediation/create.html", context, status=err.status)
    messages.success(request, _("已登记调解案件 %(n)s。") % {"n": case.number})
    return redirect("mediation:detail", pk=case.pk)


@login_required
@require_http_methods(["GET", "POST"])
@page_access(*REGISTER_ROLES)
def dispute_create(request: HttpRequest) -> HttpResponse:
    return _register(request, from_event=False)


@login_required
@require_http_methods(["GET", "POST"])
@page_access(*FROM_EVENT_ROLES)
def dispute_from_event(request: HttpRequest) -> HttpResponse:
    return _register(request, from_event=True)


# ---------------------------------------------------------------- workload


def period_from(params: Any) -> Period:
    """date_from/date_to of the request; the current year by default; swapped if reversed."""
    today = timezone.localdate()
    start = _date(params.get("date_from")) or date(today.year, 1, 1)
    end = _date(params.get("date_to")) or date(today.year, 12, 31)
    return Period(min(start, end), max(start, end))


def _date(raw: Any) -> date | None:
    try:
        return date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return None


@login_required
@require_GET
@page_access(*READERS)
def workload_view(request: HttpRequest) -> HttpResponse:
    period = period_from(request.GET)
    rows = room_workload(_user(request), period)
    list_url = reverse("mediation:list")
    table = [
        {
            "row": row,
            "cells": [
                (
                    column,
                    row.figures[column],
                    f"{list_url}?{urlencode(stats.link_query(row, column, period))}",
                )
                for column in stats.COLUMNS
            ],
        }
        for row in rows
    ]
    context = {"table": table, "period": period}
    return render(request, "mediation/workload.html", context)
