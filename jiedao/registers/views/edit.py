"""Register pages that write: create, edit, stage move, planned dates. Each calls one action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jiedao.core.errors import DomainError
from jiedao.registers import access as acc
from jiedao.registers import actions
from jiedao.registers.catalog import RegisterDef
from jiedao.registers.forms import PlannedForm, StageForm
from jiedao.registers.views.common import FORMS, initial_of, register_for, user_of
from jiedao.registers.views.pages import detail_context

CREATE: dict[str, Callable[..., Any]] = {
    "projects": actions.create_project,
    "land": actions.create_parcel,
    "structures": actions.create_structure,
    "ledger": actions.create_entry,
}
UPDATE: dict[str, tuple[Callable[..., Any], str]] = {
    "projects": (actions.update_project, "project"),
    "land": (actions.update_parcel, "parcel"),
    "structures": (actions.update_structure, "structure"),
    "ledger": (actions.update_entry, "entry"),
}


def _to_input(form: Any, obj: Any) -> Any:
    if obj is not None and hasattr(obj, "kind"):
        return form.to_input(kind=obj.kind)
    return form.to_input()


def _form_page(request: HttpRequest, rdef: RegisterDef, obj: Any) -> HttpResponse:
    user = user_of(request)
    form_class = FORMS[rdef.key]
    editing = obj is not None
    initial = initial_of(obj, form_class) if editing else {}
    form = form_class(
        request.POST or None,
        request.FILES or None,
        user=user,
        access=rdef.access,
        editing=editing,
        initial=initial,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                if editing:
                    update, name = UPDATE[rdef.key]
                    version = form.cleaned_data.get("version")
                    saved = update(
                        acting_user=user, data=_to_input(form, obj), expected_version=version, **{name: obj}
                    )
                else:
                    saved = CREATE[rdef.key](acting_user=user, data=form.to_input())
            except DomainError as err:
                visible = err.field in form.fields and not form.fields[err.field].widget.is_hidden
                form.add_error(err.field if visible else None, err.message)
                status = err.status
            else:
                messages.success(request, _("已保存。"))
                return redirect(f"registers:{rdef.key}_detail", pk=saved.pk)
    title = (
        _("编辑：%(name)s") % {"name": obj}
        if editing
        else _("新增%(register)s记录") % {"register": rdef.label}
    )
    context = {"rdef": rdef, "form": form, "obj": obj, "title": title}
    return render(request, "registers/form.html", context, status=status)


@login_required
def register_create(request: HttpRequest, key: str) -> HttpResponse:
    rdef = register_for(request, key)
    if not acc.can_add(user_of(request), rdef.access):
        raise PermissionDenied
    return _form_page(request, rdef, None)


@login_required
def register_edit(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    rdef = register_for(request, key)
    obj = rdef.get(user_of(request), pk)
    if not acc.can_edit(user_of(request), obj, rdef.access):
        raise PermissionDenied
    return _form_page(request, rdef, obj)


def _detail_error(
    request: HttpRequest, rdef: RegisterDef, obj: Any, err: DomainError, **forms: Any
) -> HttpResponse:
    context = {**detail_context(request, rdef, obj, **forms), "error": err.message}
    return render(request, "registers/detail.html", context, status=err.status)


@login_required
@require_POST
def register_move(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    rdef = register_for(request, key)
    user = user_of(request)
    obj = rdef.get(user, pk)
    form = StageForm(request.POST, flow=obj.flow)
    if not form.is_valid():
        err = DomainError(_("请检查填写的阶段、日期和版本。"))
        return _detail_error(request, rdef, obj, err, stage_form=form)
    d = form.cleaned_data
    try:
        actions.move_stage(
            obj,
            acting_user=user,
            to_stage=d["stage"],
            on=d["on"],
            reason=d["reason"],
            expected_version=d["version"],
        )
    except DomainError as err:
        return _detail_error(request, rdef, obj, err, stage_form=form)
    messages.success(request, _("阶段已变更为“%(stage)s”。") % {"stage": obj.flow.label(d["stage"])})
    return redirect(f"registers:{key}_detail", pk=pk)


@login_required
@require_POST
def register_plan(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    rdef = register_for(request, key)
    user = user_of(request)
    obj = rdef.get(user, pk)
    form = PlannedForm(request.POST, flow=obj.flow)
    if not form.is_valid():
        return _detail_error(request, rdef, obj, DomainError(_("请检查计划日期。")), planned_form=form)
    try:
        actions.set_planned(
            obj, acting_user=user, planned=form.planned(), expected_version=form.cleaned_data["version"]
        )
    except DomainError as err:
        return _detail_error(request, rdef, obj, err, planned_form=form)
    messages.success(request, _("计划日期已保存。"))
    return redirect(f"registers:{key}_detail", pk=pk)
