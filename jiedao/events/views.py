"""Event pages beyond the ones every kind gets from cases/ (list, detail, act, intake): the
category suggestion, the public rating page and the workbench to-dos (the dashboard is
views_dashboard).

Thin: parse, call one scoped query or one engine action, render. Errors from the engine carry
a translated message and are shown on the page that caused them; nothing is written.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Case as Choose
from django.db.models import IntegerField, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jiedao.cases import actions, pages
from jiedao.cases.models import Case, TimeStatus
from jiedao.cases.queries import visible_cases
from jiedao.core.errors import DomainError
from jiedao.core.models import Department, Role, User
from jiedao.core.scope import scope_of
from jiedao.core.todo import roles_held
from jiedao.events import categories, stats
from jiedao.events.forms import PublicRateForm
from jiedao.events.kind import KIND

TOP = 10


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


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
