"""Petition pages: list (and overdue list), detail with actions, intake with repeat suggestions,
figures. Thin: parse, call one scoped query or one action, render; engine errors are shown on the
page that caused them and nothing is written.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jiedao.cases import pages
from jiedao.cases.models import Case
from jiedao.cases.queries import get_case_for, visible_cases
from jiedao.core.access import page_access
from jiedao.core.errors import DomainError
from jiedao.core.indicators import Period
from jiedao.core.models import Role, User
from jiedao.core.scope import scope_of
from jiedao.petitions import categories, detail, repeats, stats
from jiedao.petitions.filters import PetitionFilter
from jiedao.petitions.forms import PetitionFilterForm, intake_data
from jiedao.petitions.intake import PetitionerInput, intake_jurisdiction, register_petition, validate_petition
from jiedao.petitions.kind import KIND, READERS
from jiedao.petitions.models import PetitionChannel, PetitionType
from jiedao.petitions.queries import petition_list

PAGE_SIZE = 20
INTAKE_ROLES = (Role.DISPATCHER, Role.ADMIN)
LIST_ROLES = READERS
FIGURE_ROLES = (Role.DISPATCHER, Role.LEADER, Role.ADMIN)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _slice(qs: QuerySet[Case], raw_page: Any) -> dict[str, Any]:
    count = qs.order_by().values("id")[:10001].count()
    total = max(1, math.ceil(count / PAGE_SIZE))
    try:
        page = min(max(1, int(raw_page or 1)), total)
    except ValueError:
        page = 1
    rows = pages.decorate(qs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    for row in rows:
        row.category_label = categories.label_of(row.petition.content_category)  # type: ignore[attr-defined]
    return {
        "rows": rows,
        "count": min(count, 10000),
        "more": count > 10000,
        "page": page,
        "pages_total": total,
    }


def _listing(request: HttpRequest, flt: PetitionFilter, title: str) -> HttpResponse:
    user = _user(request)
    context = {
        **_slice(petition_list(user, flt), request.GET.get("page")),
        "query": flt.as_query(),
        "title": title,
        "figure": stats.BY_CODE[flt.figure].label if flt.figure else "",
        "list_url": request.path,
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "petitions/_list_results.html", context)
    scope = scope_of(user)
    form = PetitionFilterForm(
        initial=context["query"], jurisdiction_ids=None if scope.superuser else set(scope.member_of)
    )
    return render(request, "petitions/list.html", {**context, "form": form})


@login_required
@require_GET
@page_access(*LIST_ROLES)
def petition_list_view(request: HttpRequest) -> HttpResponse:
    return _listing(request, PetitionFilter.parse(request.GET), _("信访件"))


@login_required
@require_GET
@page_access(*LIST_ROLES)
def overdue_view(request: HttpRequest) -> HttpResponse:
    flt = PetitionFilter.parse(request.GET)
    flt.flag = "overdue"
    return _listing(request, flt, _("超期信访件"))


@login_required
@require_GET
def petition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for(_user(request), pk, KIND)
    return render(request, "petitions/detail.html", detail.context(_user(request), case))


@login_required
@require_POST
def petition_act(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = get_case_for(user, pk, KIND)
    try:
        _updated, label = pages.perform_from_request(request, case, acting_user=user)
    except DomainError as exc:
        ctx = detail.context(user, case, request.POST)
        return render(request, "petitions/detail.html", {**ctx, "error": exc.message}, status=exc.status)
    messages.success(request, _("已%(action)s。") % {"action": label})
    return redirect("petitions:detail", pk=case.pk)


def _intake_context(data: dict[str, Any] | None = None) -> dict[str, Any]:
    data = data or {}
    people = data.get("petitioners") or []
    rows = [*people, *[{} for _ in range(max(1, 3 - len(people)))]]
    return {
        "data": data,
        "people": rows,
        "channels": PetitionChannel.choices,
        "types": PetitionType.choices,
        "categories": categories.choices(),
    }


@login_required
@require_http_methods(["GET", "POST"])
@page_access(*INTAKE_ROLES)
def petition_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if request.method == "GET":
        return render(request, "petitions/create.html", _intake_context())
    data = intake_data(request.POST)
    try:
        draft = validate_petition(data, jurisdiction=intake_jurisdiction(user))
        case = register_petition(draft, acting_user=user, now=timezone.now())
    except DomainError as exc:
        ctx = {**_intake_context(data), "error": exc.message, "error_field": exc.field}
        return render(request, "petitions/create.html", ctx, status=exc.status)
    messages.success(request, _("已登记信访件 %(n)s。") % {"n": case.number})
    return redirect("petitions:detail", pk=case.pk)


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
