"""The pages of every case kind, built from its Surface: list, detail, act, intake.

Thin: parse, call one scoped query or one engine action, render. An engine error is shown on
the page that caused it (with what the user typed) and nothing is written.
"""

from __future__ import annotations

import math
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from jiedao.cases import pages
from jiedao.cases.kinds import get_kind
from jiedao.cases.models import Case
from jiedao.cases.queries import capped_count, get_case_for, kind_list
from jiedao.cases.surface import Intake, Surface
from jiedao.core.errors import DomainError
from jiedao.core.models import User
from jiedao.core.scope import scope_of

PAGE_SIZE = 20


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _page_number(raw: Any, pages_total: int) -> int:
    try:
        return min(max(1, int(str(raw or 1)[:12])), pages_total)
    except ValueError:
        return 1


def list_page(request: HttpRequest, surface: Surface, preset: str = "") -> HttpResponse:
    user = _user(request)
    listing = surface.listing
    params = request.GET.copy()
    title = surface.title
    if preset:
        fixed, title = listing.presets[preset]
        params.update(fixed)
    flt = listing.filter.parse(params)
    qs = kind_list(user, surface, flt)
    count, more = capped_count(qs)
    pages_total = max(1, math.ceil(count / PAGE_SIZE))
    page = _page_number(request.GET.get("page"), pages_total)
    query = flt.as_query()
    context = {
        "surface": surface,
        "title": title,
        "columns": listing.columns,
        "rows": pages.decorate(qs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]),
        "count": count,
        "more": more,
        "page": page,
        "pages_total": pages_total,
        "query": query,
        "list_url": request.path,
        "note": listing.note(flt) if listing.note is not None else "",
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "cases/_results.html", context)
    form = listing.form(query, user)
    # Narrowings the controls do not offer (an inspection area from the workbench) stay on.
    hidden = {k: v for k, v in query.items() if k not in form.fields}
    notes = [note for key, note in listing.notes.items() if key in query]
    return render(request, "cases/list.html", {**context, "form": form, "hidden": hidden, "notes": notes})


def extension_for_page(surface: Surface, case: Case) -> Any:
    """The kind's row beside the case, with the related rows its page and API show."""
    model = get_kind(case.kind).extension
    if model is None:
        return None
    qs = model._default_manager.select_related(*surface.extension_related)
    return qs.prefetch_related(*surface.extension_prefetch).filter(pk=case.pk).first()


def detail_context(request: HttpRequest, surface: Surface, case: Case, posted: Any = None) -> dict[str, Any]:
    user = _user(request)
    extension = extension_for_page(surface, case)
    entries = pages.timeline_entries(case)
    if surface.timeline_details is not None:
        for e in entries:
            e.details = e.details + surface.timeline_details(e.action.data or {})
    readers = get_kind(case.kind).readers
    context = {
        "surface": surface,
        "case": case,
        "extension": extension,
        "state_badge": pages.state_badge(case.kind, case.state),
        "time_badge": pages.time_badge(case.time_status),
        "entries": entries,
        "attachments": pages.attachments_of(entries),
        "specs": pages.action_specs(user, case, posted, extension=extension),
        "act_url": reverse(f"{surface.slug}:act", args=[case.pk]),
        "list_url": reverse(f"{surface.slug}:list"),
        # A mediator opens the event their dispute came from, not the event list.
        "can_list": readers is None or scope_of(user).has(*readers),
    }
    if surface.detail_context is not None:
        context.update(surface.detail_context(case, extension, user))
    return context


def detail_page(request: HttpRequest, surface: Surface, pk: int) -> HttpResponse:
    case = get_case_for(_user(request), pk, surface.kind)
    return render(request, surface.detail_template, detail_context(request, surface, case))


def act(request: HttpRequest, surface: Surface, pk: int) -> HttpResponse:
    user = _user(request)
    case = get_case_for(user, pk, surface.kind)
    try:
        _updated, label = pages.perform_from_request(request, case, acting_user=user)
    except DomainError as err:
        context = {**detail_context(request, surface, case, request.POST), "error": err.message}
        return render(request, surface.detail_template, context, status=err.status)
    messages.success(request, _("已完成“%(action)s”。") % {"action": label})
    try:
        get_case_for(user, pk, surface.kind)
    except Http404:
        # The action moved the case out of this user's scope (a department returned it): they
        # land where they may still look — their list, else the workbench.
        readers = get_kind(surface.kind).readers
        if readers is None or scope_of(user).has(*readers):
            return redirect(f"{surface.slug}:list")
        return redirect("/")
    return redirect(f"{surface.slug}:detail", pk=pk)


def _created_key(surface: Surface) -> str:
    return f"{surface.slug}_created"


def create(request: HttpRequest, surface: Surface, intake: Intake | None = None) -> HttpResponse:
    """The intake page; `intake` for a kind's second way in (its own page, e.g. a case turned
    from another kind), else the surface's."""
    intake = intake or surface.intake
    assert intake is not None
    data = request.POST if request.method == "POST" else None
    context = {"surface": surface, **intake.form_context(request, data)}
    if data is None:
        return render(request, intake.template, context)
    try:
        case, code = intake.submit(request)
    except DomainError as err:
        context.update(error=err.message, error_field=err.field)
        return render(request, intake.template, context, status=err.status)
    if code is not None:  # the reporter's code is shown once, on a page of its own
        request.session[_created_key(surface)] = {"id": case.pk, "number": case.number, "code": code}
        return redirect(f"{surface.slug}:created")
    messages.success(request, str(intake.created_message) % {"n": case.number})
    return redirect(f"{surface.slug}:detail", pk=case.pk)


def created(request: HttpRequest, surface: Surface) -> HttpResponse:
    """Shows the new case's number and the reporter's rating code exactly once."""
    info = request.session.pop(_created_key(surface), None)
    if not info:
        return redirect(f"{surface.slug}:list")
    intake = surface.intake
    context = {
        "info": info,
        "detail_url": reverse(f"{surface.slug}:detail", args=[info["id"]]),
        "create_url": reverse(f"{surface.slug}:create"),
        "rate_path": reverse(intake.rate_page) if intake and intake.rate_page else "",
    }
    return render(request, "cases/created.html", context)
