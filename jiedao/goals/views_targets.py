"""Plan import, the proposals a person confirms, edits or rejects, and the year's targets."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jiedao.core.errors import InvalidInput
from jiedao.core.models import User
from jiedao.goals import queries
from jiedao.goals import targets as actions
from jiedao.goals.access import EDIT_ROLES, jurisdiction_for, may
from jiedao.goals.forms import DoneForm, PlanForm, TargetForm
from jiedao.goals.models import Plan, Proposal, ProposalStatus, Target
from jiedao.goals.progress import progress_for_year
from jiedao.goals.values import catalog


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _indicator_choices(jurisdiction_id: int) -> list[tuple[str, str]]:
    """Indicators as people call them: label and unit (the code is for template authors only)."""
    return [(i.code, f"{i.label}（{i.unit}）") for i in catalog(jurisdiction_id)]


@login_required
@require_http_methods(["GET", "POST"])
def plan_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    jur = jurisdiction_for(user, request.GET, EDIT_ROLES)
    form = PlanForm(request.POST or None, initial={"year": timezone.localdate().year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            plan = actions.import_plan(jur, acting_user=user, **form.cleaned_data)
        except InvalidInput as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("已导入，请逐条确认目标建议。"))
            return redirect("goals:plan", pk=plan.pk)
    plans = queries.rows(jur, Plan).order_by("-year", "-id")
    return render(request, "goals/plans.html", {"jurisdiction": jur, "form": form, "plans": plans})


def _plan_for(request: HttpRequest, pk: int) -> Plan:
    return queries.row(jurisdiction_for(_user(request), request.GET, EDIT_ROLES), Plan, pk=pk)


def _proposal_form(p: Proposal, choices: list[tuple[str, str]], data: Any = None) -> TargetForm:
    initial = {f: getattr(p, f) for f in actions.TARGET_FIELDS}
    return TargetForm(data, indicators=choices, initial=initial, prefix=f"p{p.pk}")


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_for(request, pk)
    choices = _indicator_choices(plan.jurisdiction_id)
    labels = dict(choices)
    rows = [(p, _proposal_form(p, choices), labels.get(p.indicator_code, "")) for p in plan.proposals.all()]
    return render(request, "goals/plan.html", {"plan": plan, "rows": rows, "Status": ProposalStatus})


@login_required
@require_POST
def proposal_act(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    jur = jurisdiction_for(user, request.GET, EDIT_ROLES)
    proposal = queries.row(jur, Proposal, related=("plan",), pk=pk)
    choices = _indicator_choices(jur.pk)
    form = _proposal_form(proposal, choices, request.POST)
    try:
        if request.POST.get("decision") == "reject":
            actions.reject_proposal(proposal, acting_user=user)
            messages.success(request, _("已否决该建议。"))
        elif form.is_valid():
            actions.confirm_proposal(proposal, form.cleaned_data, acting_user=user)
            messages.success(request, _("已确认为目标：%(s)s") % {"s": form.cleaned_data["subject"]})
        else:
            errors = "；".join(str(e) for errs in form.errors.values() for e in errs)
            messages.error(request, _("未保存：%(e)s") % {"e": errors})
    except InvalidInput as exc:
        messages.error(request, _("未保存：%(e)s") % {"e": exc.message})
    return redirect(f"{proposal.plan.get_absolute_url()}#p{proposal.pk}")


@login_required
@require_GET
def target_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    jur = jurisdiction_for(user, request.GET)
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    rows = [
        (
            p,
            DoneForm(
                initial={"done": p.target.done, "evidence": p.target.evidence}, prefix=f"t{p.target.pk}"
            ),
        )
        for p in progress_for_year(jur.pk, year, timezone.localdate())
    ]
    years = sorted({*queries.rows(jur, Target).values_list("year", flat=True), year})
    return render(
        request,
        "goals/targets.html",
        {
            "jurisdiction": jur,
            "year": year,
            "years": years,
            "rows": rows,
            "can_edit": may(user, jur.pk, EDIT_ROLES),
        },
    )


@login_required
@require_POST
def target_done(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    jur = jurisdiction_for(user, request.GET, EDIT_ROLES)
    target = queries.row(jur, Target, pk=pk)
    form = DoneForm(request.POST, prefix=f"t{target.pk}")
    form.is_valid()
    try:
        actions.mark_done(
            target,
            done=bool(form.cleaned_data.get("done")),
            evidence=form.cleaned_data.get("evidence") or "",
            acting_user=user,
        )
    except InvalidInput as exc:
        messages.error(request, _("未保存：%(e)s") % {"e": exc.message})
    else:
        messages.success(request, _("已保存。"))
    return redirect(f"{reverse('goals:targets')}?year={target.year}")
