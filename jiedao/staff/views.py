"""Staff pages for a jurisdiction's admin: thin — parse, call one query or one action, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from jiedao.core.audit import history
from jiedao.core.models import User
from jiedao.staff import actions, lockout
from jiedao.staff.access import person_for, pick_jurisdiction, require_manager
from jiedao.staff.forms import OwnPasswordForm, PersonForm, StaffFilterForm, apply_errors
from jiedao.staff.history import entry_label
from jiedao.staff.passwords import password_expired
from jiedao.staff.queries import role_lines, search_staff
from jiedao.staff.roles_form import (
    PREFIX,
    empty_row,
    initial_rows,
    role_formset,
    role_specs,
    scope_choices,
)

PAGE_SIZE = 20
MAX_ROLE_ROWS = 40
FLAG_ACTIONS = {
    "deactivate": (
        actions.deactivate,
        gettext_lazy("已停用：%(name)s。其下一次访问即被拒绝，经办记录保留其姓名。"),
    ),
    "reactivate": (actions.reactivate, gettext_lazy("已重新启用：%(name)s")),
    "require_password_change": (
        actions.require_password_change,
        gettext_lazy("%(name)s下次登录时须先修改密码"),
    ),
    "unlock": (lockout.unlock, gettext_lazy("已解除锁定：%(name)s可以立即重新登录")),
}


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
@require_GET
def staff_list(request: HttpRequest) -> HttpResponse:
    managed = require_manager(_user(request))
    filter_form = StaffFilterForm(request.GET or None, jurisdictions=managed)
    page = Paginator(search_staff(managed, filter_form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    people = list(page)
    lines = role_lines(people, managed)
    return render(
        request,
        "staff/list.html",
        {"filter_form": filter_form, "page": page, "rows": [(p, lines[p.pk]) for p in people]},
    )


def _role_errors(form: PersonForm, exc: ValidationError) -> list[str]:
    errors = dict(exc.message_dict)
    roles = errors.pop("roles", [])
    if errors:
        apply_errors(form, ValidationError(errors))
    return roles


@never_cache
@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    managed = require_manager(user)
    jurisdiction = pick_jurisdiction(request, managed)
    scopes = scope_choices(jurisdiction)
    post = request.POST if request.method == "POST" else None
    form = PersonForm(post, jurisdiction=jurisdiction)
    roles = role_formset(jurisdiction, data=post, scopes=scopes)
    context = {
        "form": form,
        "roles": roles,
        "jurisdiction": jurisdiction,
        "managed": managed,
        "role_errors": [],
    }
    if post is None:
        return render(request, "staff/person_form.html", context)
    forms_ok = form.is_valid() & roles.is_valid()  # both, so every error shows at once
    if forms_ok:
        specs = role_specs(roles, jurisdiction)
        if not specs:
            context["role_errors"] = [_("请至少授予一个角色")]
        else:
            try:
                person, raw = actions.create_person(
                    acting_user=user, jurisdiction=jurisdiction, data=form.person_data(), roles=specs
                )
            except ValidationError as exc:
                context["role_errors"] = _role_errors(form, exc)
            else:
                return _password_page(request, person, raw, created=True)
    return render(request, "staff/person_form.html", context, status=400)


@never_cache
@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    managed = require_manager(user)
    person, jurisdiction = person_for(user, pk, managed)
    scopes = scope_choices(jurisdiction)
    post = request.POST if request.method == "POST" else None
    initial = None
    if post is None:
        initial = {"display_name": person.display_name, "username": person.username, "post": person.post}
        initial["department"] = person.department_id  # type: ignore[assignment]
    form = PersonForm(post, initial=initial, jurisdiction=jurisdiction, person=person)
    roles = role_formset(
        jurisdiction,
        data=post,
        initial=initial_rows(person, jurisdiction) if post is None else None,
        scopes=scopes,
    )
    context = {
        "form": form,
        "roles": roles,
        "jurisdiction": jurisdiction,
        "person": person,
        "role_errors": [],
    }
    if post is None:
        return render(request, "staff/person_form.html", context)
    if form.is_valid() & roles.is_valid():
        specs = role_specs(roles, jurisdiction)
        if not specs:
            context["role_errors"] = [_("请至少保留一个角色；离岗人员请停用账号")]
        else:
            try:
                changed = actions.edit_person(
                    acting_user=user,
                    jurisdiction=jurisdiction,
                    person=person,
                    data=form.person_data(),
                    roles=specs,
                )
            except ValidationError as exc:
                person.refresh_from_db()
                context["role_errors"] = _role_errors(form, exc)
            else:
                messages.success(request, _("已保存") if changed else _("没有需要保存的修改"))
                return redirect("staff:detail", pk=person.pk)
    return render(request, "staff/person_form.html", context, status=400)


@login_required
@require_GET
def role_row(request: HttpRequest) -> HttpResponse:
    """One more empty role row for the htmx "再添加一个角色" button, and the new row count."""
    managed = require_manager(_user(request))
    raw = request.GET.get(f"{PREFIX}-TOTAL_FORMS", "")
    if not raw.isdigit() or int(raw) >= MAX_ROLE_ROWS:
        raise Http404
    index = int(raw)
    row = empty_row(pick_jurisdiction(request, managed), index)
    return render(request, "staff/_role_row_added.html", {"row": row, "total": index + 1})


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    managed = require_manager(user)
    person, jurisdiction = person_for(user, pk, managed)
    person.managed_roles = list(  # type: ignore[attr-defined]
        person.roles.filter(jurisdiction__in=managed)
        .select_related("community", "grid", "department", "inspection_area", "jurisdiction")
        .order_by("pk")
    )
    # Changes made in this admin's jurisdictions, and the person's own (password) changes.
    ids = [j.pk for j in managed]
    own = history(person).filter(Q(jurisdiction_id__in=ids) | Q(jurisdiction_id__isnull=True))
    entries = [(e, entry_label(e.action)) for e in own.order_by("-at", "-pk")[:10]]
    return render(
        request,
        "staff/person_detail.html",
        {
            "person": person,
            "jurisdiction": jurisdiction,
            "lines": role_lines([person], managed)[person.pk],
            "entries": entries,
            "is_self": person.pk == user.pk,
            "locked": lockout.is_locked(person),
        },
    )


@never_cache
@login_required
@require_POST
def person_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _user(request)
    managed = require_manager(user)
    person, jurisdiction = person_for(user, pk, managed)
    if action == "reset_password":
        raw = actions.reset_password(acting_user=user, jurisdiction=jurisdiction, person=person)
        return _password_page(request, person, raw, created=False)
    if action not in FLAG_ACTIONS:
        raise Http404
    run, done = FLAG_ACTIONS[action]
    try:
        changed = run(acting_user=user, jurisdiction=jurisdiction, person=person)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if changed:
            messages.success(request, str(done) % {"name": person})
        else:
            messages.info(request, _("状态未变化"))
    return redirect("staff:detail", pk=person.pk)


def _password_page(request: HttpRequest, person: User, raw: str, *, created: bool) -> HttpResponse:
    """The one place a one-time password is ever shown: this response, not cached, not stored."""
    response = render(
        request, "staff/password_shown.html", {"person": person, "password": raw, "created": created}
    )
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """Every signed-in person's own 修改密码; the page the forced change leads to."""
    user = _user(request)
    form = OwnPasswordForm(user, request.POST if request.method == "POST" else None)
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = ""
    if request.method == "POST" and form.is_valid():
        actions.change_own_password(
            person=user,
            new_password=form.cleaned_data["new_password1"],
            source=lockout.source_address(request),
        )
        update_session_auth_hash(request, user)  # this session stays signed in; others end
        messages.success(request, _("密码已修改"))
        return redirect(target or reverse("web:workbench"))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "staff/password_change.html",
        {
            "form": form,
            "next": target,
            "forced": user.must_change_password,
            "expired": not user.must_change_password and password_expired(user),
            "max_age_days": settings.PASSWORD_MAX_AGE_DAYS,
        },
        status=status,
    )
