"""Registry pages: thin — parse a form, call one scoped query or one action, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from jiedao.core.access import page_access
from jiedao.core.audit import history
from jiedao.core.models import User
from jiedao.core.scope import scope_of
from jiedao.registry import access, actions, queries
from jiedao.registry.actions.base import WRITER_ROLES, can_write, check_write_existing
from jiedao.registry.forms import (
    HouseholdForm,
    OrganisationForm,
    PlaceForm,
    ResidentFilterForm,
    ResidentForm,
    apply_errors,
)
from jiedao.registry.models import Resident

PAGE_SIZE = 20


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _page(request: HttpRequest, qs: Any) -> Any:
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _submit(
    request: HttpRequest,
    form: Any,
    run: Callable[[], Model],
    template: str,
    context: dict[str, Any],
    done: Callable[[Model], str],
) -> HttpResponse:
    """Validate the form, run the action, redirect; on any refusal re-render with the reason."""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            obj = run()
        except ValidationError as exc:
            apply_errors(form, exc)
            status = 400
        except actions.StaleEditError as exc:
            form.add_error(None, str(exc))
            status = 409
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            status = 403
        else:
            messages.success(request, _("已保存"))
            return redirect(done(obj))
    elif request.method == "POST":
        status = 400
    return render(request, template, {**context, "form": form}, status=status)


# --- residents ---------------------------------------------------------------------------------


@login_required
@page_access(*access.KEEPERS)
def resident_list(request: HttpRequest) -> HttpResponse:
    access.require(_user(request), access.KEEPERS)
    user = _user(request)
    filter_form = ResidentFilterForm(request.GET or None, user=user)
    residents = queries.search_residents(user, **filter_form.filters())
    return render(
        request,
        "registry/resident_list.html",
        {"filter_form": filter_form, "page": _page(request, residents)},
    )


def _resident_detail_context(request: HttpRequest, resident: Resident) -> dict[str, Any]:
    scope = scope_of(_user(request))
    return {
        "resident": resident,
        "tags": list(resident.tags.all()),
        "can_reveal": scope.superuser or resident.jurisdiction_id in scope.reveal_in,
        # 编辑/注销 are drawn for those the write actions accept (the same check they make).
        "can_edit": can_write(
            _user(request), resident.jurisdiction_id, resident.community_id, resident.grid_id
        ),
        "history": history(resident)[:20],
        "revealed": {},
    }


@login_required
def resident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(_user(request), access.KEEPERS)
    resident = queries.get_resident_for(_user(request), pk)
    return render(request, "registry/resident_detail.html", _resident_detail_context(request, resident))


@never_cache
@login_required
@require_POST
def resident_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one full number once; the page is not cached and the reveal is audited."""
    access.require(_user(request), access.KEEPERS)
    user = _user(request)
    resident = queries.get_resident_for(user, pk)
    field = request.POST.get("field", "")
    if field not in actions.REVEALABLE_RESIDENT_FIELDS:
        return HttpResponse(_("无法查看该字段"), status=400)
    value = actions.reveal_resident_field(acting_user=user, resident=resident, field=field)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "registry/_revealed.html", {"value": value, "field": field})
    context = _resident_detail_context(request, resident)
    context["revealed"] = {field: value}
    return render(request, "registry/resident_detail.html", context)


@login_required
@page_access(*WRITER_ROLES)
def resident_create(request: HttpRequest) -> HttpResponse:
    access.require(_user(request), access.KEEPERS)
    user = _user(request)
    form = ResidentForm(request.POST or None, user=user)
    return _submit(
        request,
        form,
        lambda: actions.create_resident(acting_user=user, data=form.to_input()),
        "registry/resident_form.html",
        {"title": _("登记居民")},
        lambda r: reverse("registry:resident_detail", args=[r.pk]),
    )


@login_required
def resident_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(_user(request), access.KEEPERS)
    user = _user(request)
    resident = queries.get_resident_for(user, pk)
    check_write_existing(user, resident)  # the form is not offered to a reader who could not save it
    initial = {
        "name": resident.name,
        "community": resident.community_id,
        "grid": resident.grid_id,
        "household": resident.household_id,
        "residence_type": resident.residence_type,
        "tags": [t.pk for t in resident.tags.all()],
        "note": resident.note,
        "version": resident.version,
    }
    form = ResidentForm(request.POST or None, user=user, editing=True, initial=initial)
    return _submit(
        request,
        form,
        lambda: actions.update_resident(
            acting_user=user,
            resident=resident,
            data=form.to_input(),
            expected_version=form.cleaned_data["version"] or 0,
        ),
        "registry/resident_form.html",
        {"title": _("编辑居民信息"), "resident": resident},
        lambda r: reverse("registry:resident_detail", args=[r.pk]),
    )


@login_required
@require_POST
def resident_archive(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(_user(request), access.KEEPERS)
    user = _user(request)
    resident = queries.get_resident_for(user, pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = 0
    try:
        actions.archive_resident(acting_user=user, resident=resident, expected_version=version)
    except actions.StaleEditError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已注销该居民"))
    return redirect("registry:resident_detail", pk=resident.pk)


# --- places, households, organisations ---------------------------------------------------------


@login_required
@page_access(*access.PLACE_READERS)
def place_list(request: HttpRequest) -> HttpResponse:
    access.require(_user(request), access.PLACE_READERS)
    places = queries.places_for(_user(request), q=request.GET.get("q", ""))
    context = {
        "page": _page(request, places),
        "q": request.GET.get("q", ""),
        "can_add": scope_of(_user(request)).has(*access.KEEPERS),
    }
    return render(request, "registry/place_list.html", context)


@login_required
def place_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(_user(request), access.PLACE_READERS)
    place = queries.get_place_for(_user(request), pk)
    return render(request, "registry/place_detail.html", {"place": place, "history": history(place)[:20]})


@login_required
@page_access(*WRITER_ROLES)
def place_create(request: HttpRequest) -> HttpResponse:
    access.require(_user(request), access.KEEPERS)
    user = _user(request)
    form = PlaceForm(request.POST or None, user=user)
    return _submit(
        request,
        form,
        lambda: actions.create_place(acting_user=user, data=form.to_input()),
        "registry/simple_form.html",
        {"title": _("登记场所"), "back": "registry:place_list"},
        lambda p: reverse("registry:place_detail", args=[p.pk]),
    )


@login_required
@page_access(*access.KEEPERS)
def household_list(request: HttpRequest) -> HttpResponse:
    access.require(_user(request), access.KEEPERS)
    households = queries.households_for(_user(request), q=request.GET.get("q", ""))
    return render(
        request,
        "registry/household_list.html",
        {"page": _page(request, households), "q": request.GET.get("q", "")},
    )


@login_required
@page_access(*WRITER_ROLES)
def household_create(request: HttpRequest) -> HttpResponse:
    access.require(_user(request), access.KEEPERS)
    user = _user(request)
    form = HouseholdForm(request.POST or None, user=user)
    return _submit(
        request,
        form,
        lambda: actions.create_household(acting_user=user, data=form.to_input()),
        "registry/simple_form.html",
        {"title": _("登记户"), "back": "registry:household_list"},
        lambda h: reverse("registry:household_list"),
    )


@login_required
@page_access(*access.KEEPERS)
def organisation_list(request: HttpRequest) -> HttpResponse:
    access.require(_user(request), access.KEEPERS)
    organisations = queries.organisations_for(_user(request), q=request.GET.get("q", ""))
    return render(
        request,
        "registry/organisation_list.html",
        {"page": _page(request, organisations), "q": request.GET.get("q", "")},
    )


@login_required
@page_access(*WRITER_ROLES)
def organisation_create(request: HttpRequest) -> HttpResponse:
    access.require(_user(request), access.KEEPERS)
    user = _user(request)
    form = OrganisationForm(request.POST or None, user=user)
    return _submit(
        request,
        form,
        lambda: actions.create_organisation(acting_user=user, data=form.to_input()),
        "registry/simple_form.html",
        {"title": _("登记组织"), "back": "registry:organisation_list"},
        lambda o: reverse("registry:organisation_list"),
    )
