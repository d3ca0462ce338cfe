"""Event pages: list, detail with actions, intake, public rating, workbench to-dos (the dashboard
is views_dashboard).

Thin: parse, call one scoped query or one engine action, render. Errors from the engine carry
a translated message and are shown on the page that caused them; nothing is written.
"""

from __future__ import annotations

import math
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case as Choose
from django.db.models import IntegerField, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jiedao.cases import actions, pages
from jiedao.cases.models import Case, Channel, TimeStatus
from jiedao.cases.queries import get_case_for, visible_cases
from jiedao.core.access import page_access
from jiedao.core.errors import DomainError
from jiedao.core.models import Department, Role, User
from jiedao.core.scope import Scope, scope_of
from jiedao.core.todo import roles_held
from jiedao.events import categories, detail, stats
from jiedao.events.filters import EventFilter
from jiedao.events.forms import EventFilterForm, EventIntakeForm, PublicRateForm
from jiedao.events.intake import intake_jurisdiction, reportable_grids, validate_event
from jiedao.events.kind import INTAKE_ROLES, KIND, READERS
from jiedao.events.queries import capped_count, event_list

PAGE_SIZE = 20
TOP = 10
LIST_ROLES = READERS
SESSION_CREATED = "events_created"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _require(request: HttpRequest, roles: tuple[str, ...]) -> None:
    if not scope_of(_user(request)).has(*roles):
        raise PermissionDenied


def _jurisdictions(user: User) -> set[int] | None:
    scope = scope_of(user)
    return None if scope.superuser else set(scope.member_of)


# ---------------------------------------------------------------- list


@login_required
@require_GET
@page_access(*LIST_ROLES)
def event_list_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    flt = EventFilter.parse(request.GET)
    qs = event_list(user, flt)
    count, more = capped_count(qs)
    pages_total = max(1, math.ceil(count / PAGE_SIZE))
    try:
        page = min(max(1, int(request.GET.get("page", 1))), pages_total)
    except ValueError:
        page = 1
    rows = pages.decorate(qs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    query = flt.as_query()
    context = {
        "rows": rows,
        "count": count,
        "more": more,
        "page": page,
        "pages_total": pages_total,
        "query": query,
        "channels": dict(Channel.choices),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "events/_list_results.html", context)
    form = EventFilterForm(initial=query, jurisdiction_ids=_jurisdictions(user))
    # Narrowings the controls do not offer (an inspection area from the workbench) stay on.
    hidden = {k: v for k, v in query.items() if k not in form.fields}
    return render(request, "events/list.html", {**context, "form": form, "hidden": hidden})


# ---------------------------------------------------------------- detail and actions


def _detail_context(request: HttpRequest, case: Case, posted: Any = None) -> dict[str, Any]:
    entries = pages.timeline_entries(case)
    return {
        "case": case,
        "state_badge": pages.state_badge(case.kind, case.state),
        "time_badge": pages.time_badge(case.time_status),
        "entries": entries,
        "attachments": pages.attachments_of(entries),
        "specs": detail.action_specs(_user(request), case, posted),
        "act_url": reverse("events:act", args=[case.pk]),
        # A mediator opens the event their dispute came from, not the event list.
        "can_list": scope_of(_user(request)).has(*LIST_ROLES),
        "grid_geometry": case.grid.geometry if case.grid else None,
        "point": {"lat": case.lat, "lng": case.lng} if case.lat is not None else None,
    }


@login_required
@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for(_user(request), pk, KIND)
    return render(request, "events/detail.html", _detail_context(request, case))


@login_required
@require_POST
def event_act(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = get_case_for(user, pk, KIND)
    try:
        _updated, label = pages.perform_from_request(request, case, acting_user=user)
    except DomainError as err:
        context = {**_detail_context(request, case, request.POST), "error": err.message}
        return render(request, "events/detail.html", context, status=err.status)
    messages.success(request, _("已完成“%(action)s”。") % {"action": label})
    try:
        get_case_for(user, pk, KIND)
    except Http404:
        # The action moved the case out of this user's scope (e.g. a department returned it).
        return redirect("events:list")
    return redirect("events:detail", pk=pk)


# ---------------------------------------------------------------- intake


def _intake_form(request: HttpRequest, data: Any = None) -> EventIntakeForm:
    user = _user(request)
    jurisdiction = intake_jurisdiction(user)
    own_grid = scope_of(user).grids and scope_of(user).has(Role.GRID_WORKER)
    return EventIntakeForm(
        data,
        jurisdiction_id=jurisdiction.pk,
        grids=reportable_grids(user, jurisdiction),
        default_channel=Channel.GRID if own_grid else Channel.CALL,
    )


NO_INTAKE = gettext_lazy("您没有任何街道的上报权限。")


def _files_into_a_jurisdiction(scope: Scope) -> bool:
    return bool(scope.member_of)  # intake files into a jurisdiction the user holds a role in


@login_required
@require_http_methods(["GET", "POST"])
@page_access(*INTAKE_ROLES, check=_files_into_a_jurisdiction, denied=NO_INTAKE)
def event_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    try:
        form = _intake_form(request, request.POST if request.method == "POST" else None)
    except DomainError as err:
        raise PermissionDenied(err.message) from None
    if request.method == "GET":
        return render(request, "events/create.html", {"form": form})
    try:
        new = validate_event(request.POST.dict(), jurisdiction=intake_jurisdiction(user), user=user)
        case, code = actions.create_case(new, acting_user=user, files=request.FILES.getlist("files"))
    except DomainError as err:
        context = {"form": form, "error": err.message, "error_field": err.field}
        return render(request, "events/create.html", context, status=err.status)
    request.session[SESSION_CREATED] = {"id": case.pk, "number": case.number, "code": code}
    return redirect("events:created")


@login_required
@require_GET
def event_created(request: HttpRequest) -> HttpResponse:
    """Shows the new case's number and the reporter's rating code exactly once."""
    info = request.session.pop(SESSION_CREATED, None)
    if not info:
        return redirect("events:list")
    return render(request, "events/created.html", {"info": info})


@login_required
@require_GET
def category_suggest(request: HttpRequest) -> HttpResponse:
    """Up to three categories whose keywords occur in the typed title and description."""
    text = f"{request.GET.get('title', '')} {request.GET.get('description', '')}"
    found = categories.suggest(scope_of(_user(request)).member_of, text)
    return render(request, "events/_suggest.html", {"suggestions": found})


# ---------------------------------------------------------------- public rating


@require_http_methods(["GET", "POST"])
def public_rate(request: HttpRequest) -> HttpResponse:
    """A reporter rates their case with the number and code they were given (no login)."""
    if request.method == "GET":
        form = PublicRateForm(initial={"number": request.GET.get("number", "")[:32]})
        return render(request, "events/public_rate.html", {"form": form})
    form = PublicRateForm(request.POST)
    if not form.is_valid():
        return render(request, "events/public_rate.html", {"form": form}, status=400)
    data = form.cleaned_data
    try:
        case = actions.find_by_code(None, data["number"], data["code"])
        actions.perform(
            case.pk,
            "rate",
            acting_user=None,
            reporter_code=data["code"],
            payload={"rating": data["rating"], "rating_note": data["rating_note"]},
        )
    except DomainError as err:
        return render(
            request, "events/public_rate.html", {"form": form, "error": err.message}, status=err.status
        )
    return render(request, "events/public_rate.html", {"done": True, "number": case.number})


# ---------------------------------------------------------------- workbench to-dos


def _red_first(qs: QuerySet[Case]) -> QuerySet[Case]:
    rank = Choose(
        When(time_status=TimeStatus.RED, then=Value(0)),
        When(time_status=TimeStatus.YELLOW, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return qs.order_by(rank, "due_at", "created_at")


def _section(title: str, qs: QuerySet[Case], more_url: str = "") -> dict[str, Any]:
    rows = pages.decorate(qs.select_related("grid", "department")[:TOP])
    return {"title": title, "count": qs.count(), "rows": rows, "more_url": more_url}


def todo_sections(user: User) -> list[dict[str, Any]]:
    scope = scope_of(user)
    # The work of the roles the user holds (as the workbench's counts): a superuser who is the
    # admin is not shown every department's queue.
    held = roles_held(scope)
    mine = visible_cases(user, KIND)
    list_url = reverse("events:list")
    out = []
    if Role.DISPATCHER in held:
        out.append(
            _section(
                _("待受理、被退回、区级流转中"),
                mine.filter(state__in=["reported", "returned", "escalated"]).order_by("created_at"),
            )
        )
        out.append(
            _section(_("延期申请待审批"), _red_first(mine.filter(pending_extension_days__isnull=False)))
        )
    if Role.HANDLER in held and (scope.departments or scope.superuser):
        own = mine if scope.superuser else mine.filter(department_id__in=scope.departments)
        out.append(_section(_("待签收"), _red_first(own.filter(state="dispatched"))))
        out.append(
            _section(_("处置中（超期优先）"), _red_first(own.filter(state__in=["signed", "processing"])))
        )
    if Role.GRID_WORKER in held and (scope.grids or scope.superuser):
        own = mine if scope.superuser else mine.filter(grid_id__in=scope.grids)
        out.append(
            _section(_("待核查（本网格已办结）"), own.filter(state="resolved").order_by("resolved_at"))
        )
    if Role.LEADER in held:
        red = stats.overdue(mine).order_by("due_at")
        out.append(_section(_("超期案件"), red, f"{list_url}?flag=overdue"))
    return out


def overdue_departments(user: User, top: int = 5) -> list[dict[str, Any]]:
    counts = stats.overdue_by_department(visible_cases(user, KIND))
    names = dict(Department.objects.filter(pk__in=counts).values_list("id", "name"))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], names.get(item[0], "")))[:top]
    return [{"id": d, "name": names.get(d, "?"), "count": n} for d, n in ranked]


@login_required
@require_GET
def todo_panel(request: HttpRequest) -> HttpResponse:
    """The workbench's to-do panel (loaded by htmx); without htmx a page of its own."""
    user = _user(request)
    context = {
        "sections": todo_sections(user),
        "departments": overdue_departments(user) if Role.LEADER in roles_held(scope_of(user)) else [],
        "list_url": reverse("events:list"),
    }
    template = "events/_todo.html" if request.htmx else "events/todo_page.html"  # type: ignore[attr-defined]
    return render(request, template, context)
