"""Indicator pages: the library by area, the drill-down to the records, manual figures and locks."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jiedao.core.errors import InvalidInput
from jiedao.core.indicators import records_for
from jiedao.core.models import User
from jiedao.goals import actions, queries
from jiedao.goals.access import EDIT_ROLES, PRESETS, filters_from, jurisdiction_for, may, period_from
from jiedao.goals.forms import LockForm, ManualIndicatorForm, ManualValueForm
from jiedao.goals.models import AREA_LABELS, ManualIndicator, PeriodLock
from jiedao.goals.values import MANUAL, catalog, evaluate, find, manual_records
from jiedao.nlp.numbers import format_change, format_quantity

PAGE_SIZE = 25


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _period(request: HttpRequest) -> Any:
    try:
        return period_from(request.GET)
    except ValueError as exc:
        messages.error(request, str(exc))
        return period_from({})


@login_required
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    jur = jurisdiction_for(_user(request), request.GET)
    choice = _period(request)
    groups: dict[str, list[Any]] = {}
    for info in catalog(jur.pk):
        groups.setdefault(info.area, []).append(evaluate(info, jur.pk, choice.period, mom=False))
    sections = [{"area": a, "label": AREA_LABELS[a], "values": groups[a]} for a in AREA_LABELS if a in groups]
    return render(
        request,
        "goals/library.html",
        {"jurisdiction": jur, "choice": choice, "presets": PRESETS.items(), "sections": sections},
    )


@login_required
@require_GET
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    jur = jurisdiction_for(user, request.GET)
    try:
        info = find(code, jur.pk)
    except LookupError:
        raise Http404 from None
    choice = _period(request)
    filters = filters_from(request.GET, info.filters)
    try:
        reading = evaluate(info, jur.pk, choice.period, filters)
        if info.defn is not None:
            qs = records_for(info.defn, jur.pk, choice.period, filters).order_by("-pk")
        else:
            qs = manual_records(info, choice.period)
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    except (ValueError, ValidationError):
        raise Http404 from None
    rows = [
        {"text": str(obj), "url": info.defn.record_url(obj) if info.defn and info.defn.record_url else ""}
        for obj in page.object_list
    ]
    describe = info.defn.describe_filter if info.defn is not None else None
    described = [describe(k, v) if describe else f"{k}={v}" for k, v in filters.items()]
    query = request.GET.copy()
    query.pop("page", None)
    official = ""
    if reading.value is not None:
        official = format_quantity(reading.value, info.unit)
        if reading.yoy_previous is not None:
            official += "，" + format_change(reading.value, reading.yoy_previous, unit=info.unit)
    return render(
        request,
        "goals/indicator.html",
        {
            "jurisdiction": jur,
            "info": info,
            "reading": reading,
            "official": official,
            "choice": choice,
            "presets": PRESETS.items(),
            "filters": filters,
            "described": described,
            "page": page,
            "rows": rows,
            "manual": info.kind == MANUAL,
            "entries": page.object_list if info.kind == MANUAL else [],
            "query": query.urlencode(),
            "can_edit": may(user, jur.pk, EDIT_ROLES),
        },
    )


def _fail(request: HttpRequest, form: Any, exc: InvalidInput) -> None:
    if exc.field and exc.field in form.fields:
        form.add_error(exc.field, exc.message)
    else:
        form.add_error(None, exc.message)


@login_required
@require_http_methods(["GET", "POST"])
def manual_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    jur = jurisdiction_for(user, request.GET, EDIT_ROLES)
    create = ManualIndicatorForm(request.POST if request.POST.get("form") == "indicator" else None)
    lock = LockForm(request.POST if request.POST.get("form") == "lock" else None)
    if request.method == "POST":
        try:
            if request.POST.get("form") == "unlock":
                found = queries.row(jur, PeriodLock, pk=request.POST.get("lock") or 0)
                actions.unlock_period(found, acting_user=user)
                messages.success(request, _("已解锁。"))
                return redirect(request.get_full_path())
            if create.is_bound and create.is_valid():
                m = actions.create_manual_indicator(jur, create.cleaned_data, acting_user=user)
                messages.success(request, _("已新增指标“%(label)s”。") % {"label": m.label})
                return redirect(request.get_full_path())
            if lock.is_bound and lock.is_valid():
                actions.lock_period(jur, acting_user=user, **lock.cleaned_data)
                messages.success(request, _("已锁定该期间。"))
                return redirect(request.get_full_path())
        except InvalidInput as exc:
            _fail(request, create if create.is_bound else lock, exc)
    return render(
        request,
        "goals/manual_list.html",
        {
            "jurisdiction": jur,
            "indicators": queries.rows(jur, ManualIndicator).order_by("area", "code"),
            "locks": queries.rows(jur, PeriodLock).order_by("-year", "month"),
            "create": create,
            "lock": lock,
            "area_labels": AREA_LABELS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def manual_detail(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    jur = jurisdiction_for(user, request.GET, EDIT_ROLES)
    indicator = queries.row(jur, ManualIndicator, code=code)
    form = ManualValueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.enter_manual_value(indicator, acting_user=user, **form.cleaned_data)
        except InvalidInput as exc:
            _fail(request, form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect(request.get_full_path())
    entries = indicator.values.select_related("entered_by").order_by("-year", "-month")
    return render(
        request,
        "goals/manual_detail.html",
        {"jurisdiction": jur, "indicator": indicator, "form": form, "entries": entries},
    )
