"""Petition-specific effects: statutory clocks from the case's rule profile, follow-ups, 积案.

Each validates its payload first (InvalidInput, nothing written) and mutates the case and its
Petition row; `perform()` runs it inside the transaction with the timeline entry and audit row.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from jiedao.cases import clocks, inputs
from jiedao.cases import effects as fx
from jiedao.cases.effects import EffectContext
from jiedao.cases.models import Case, TimeStatus
from jiedao.cases.rules import get_profile, rule_deadline
from jiedao.core.calendar import local_date
from jiedao.core.errors import InvalidInput
from jiedao.core.models import Role, RoleAssignment, User
from jiedao.petitions.models import BacklogOutcome, Petition, Stage

BACKLOG_LEVELS = ("国家级", "省级", "市级", "区级", "街道级")


def petition_of(case: Case, ctx: EffectContext | None = None) -> Petition:
    """The case's Petition: the row the engine read for this transition (so its audit sees what
    the effect changes), else read now (a caller outside perform(), e.g. the demo)."""
    if ctx is not None and isinstance(ctx.extension, Petition) and ctx.extension.pk == case.pk:
        return ctx.extension
    return Petition.objects.select_for_update().get(case_id=case.pk)


def _stop_acceptance_clock(case: Case, now: datetime) -> None:
    """The acceptance decision is taken: on time or late, and no clock runs until the next one."""
    if case.due_at is not None:
        case.time_status = TimeStatus.RED if now > case.due_at else TimeStatus.GREEN
    case.due_at = None
    case.warn_at = None


def _terminated_after_recheck(petition: Petition) -> bool:
    """Whether the matter (the repeat chain's root) already ended with a 复核 opinion."""
    root_id = petition.repeat_of_id or petition.pk
    return Petition.objects.filter(
        Q(parent__parent_id=root_id) | Q(parent__parent__repeat_of_id=root_id),
        stage=Stage.RECHECK,
        replied_at__isnull=False,
    ).exists()


def accept(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    petition = petition_of(case, ctx)
    if petition.stage == Stage.INITIAL and _terminated_after_recheck(petition):
        raise InvalidInput(_("该信访事项已经复核终结，不再受理，请作不予受理处理。"), code="terminated")
    case.accepted_at = ctx.now
    petition.decided_at = ctx.now
    if petition.stage == Stage.INITIAL:
        _stop_acceptance_clock(case, ctx.now)
        handle = rule_deadline(petition.profile, "petition.handle", ctx.now)
        case.resolve_due = handle.at
        case.due_estimated = case.due_estimated or handle.estimated
        clocks.watch(case, ctx.now, case.resolve_due)
    petition.save(update_fields=["decided_at"])


def decide_without_accepting(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    """不予受理: the written notice states the reason (the note)."""
    petition = petition_of(case, ctx)
    petition.decided_at = ctx.now
    petition.save(update_fields=["decided_at"])
    _stop_acceptance_clock(case, ctx.now)
    case.closed_at = ctx.now


def transfer(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    """转送: the matter belongs to another authority; it leaves this 街道's books."""
    body = inputs.text(payload, "transferred_to", _("转送机关"), 100)
    petition = petition_of(case, ctx)
    petition.transferred_to = body
    petition.decided_at = ctx.now
    petition.save(update_fields=["transferred_to", "decided_at"])
    _stop_acceptance_clock(case, ctx.now)
    case.closed_at = ctx.now
    ctx.data["transferred_to"] = body


def assign(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    """交办/改交办: a department handles it; the statutory clock keeps running from acceptance."""
    dep = fx._department(case, payload)
    ctx.data.update(
        {"department": dep.pk, "department_name": dep.name, "previous_department": case.department_id}
    )
    case.department = dep


def give_back(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    ctx.data["department"] = case.department_id
    case.department = None


def reply(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    """答复: the written reply; opens the window for 复查 (or 复核) unless this was the 复核."""
    case.result = inputs.text(payload, "result", _("答复意见"), 5000)
    petition = petition_of(case, ctx)
    case.resolved_at = ctx.now
    case.pending_extension_days = None
    petition.replied_at = ctx.now
    petition.on_time = case.resolve_due is None or ctx.now <= case.resolve_due
    window = {Stage.INITIAL: "petition.review_request", Stage.REVIEW: "petition.recheck_request"}.get(
        Stage(petition.stage)
    )
    petition.follow_up_until = rule_deadline(petition.profile, window, ctx.now).at if window else None
    petition.save(update_fields=["replied_at", "on_time", "follow_up_until"])
    clocks.stop_clock(case, ctx.now)


def request_extension(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    petition = petition_of(case, ctx)
    rule = get_profile(petition.profile).rule("petition.extension_max")
    if case.extension_days:
        raise InvalidInput(_("每件信访事项只能延期一次，本件已经延期。"), field="extension_days")
    days = fx._int(payload, "extension_days", _("延期天数"))
    if not 1 <= days <= rule.amount:
        raise InvalidInput(
            _("延期不得超过%(n)d日（%(rule)s）。")
            % {"n": rule.amount, "rule": get_profile(petition.profile).label},
            field="extension_days",
        )
    case.pending_extension_days = days
    case.extension_reason = ctx.note[:500]
    ctx.data["extension_days"] = days


def approve_extension(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    petition = petition_of(case, ctx)
    rule = get_profile(petition.profile).rule("petition.extension_max")
    days = case.pending_extension_days or 0
    case.pending_extension_days = None
    clocks.extend(case, days, ctx.now, unit=rule.unit, start=case.accepted_at)
    petition.extension_approved_by = ctx.acting_user if ctx.acting_user and ctx.acting_user.pk else None
    petition.save(update_fields=["extension_approved_by"])
    ctx.data.update(
        {"extension_days": days, "resolve_due": case.resolve_due.isoformat() if case.resolve_due else None}
    )


def follow_up_refusal(petition: Petition | None, stage: Stage) -> str | None:
    """Why this petition cannot take a 复查 (or 复核) request now, or None (the transitions' guard)."""
    if petition is None:
        return _("信访件不存在。")
    if petition.stage == Stage.RECHECK:
        return _("复核意见为最终意见，同一信访事项不再受理复查或复核请求。")
    wanted = {Stage.REVIEW: Stage.INITIAL, Stage.RECHECK: Stage.REVIEW}[stage]
    if petition.stage != wanted:
        return _("对初次答复不服的申请复查；对复查意见不服的申请复核。本件应申请%(what)s。") % {
            "what": _("复查") if petition.stage == Stage.INITIAL else _("复核")
        }
    if Petition.objects.filter(parent=petition).exists():
        return _("已就本件提出过请求，不能重复申请。")
    return None


def _follow_up(case: Case, ctx: EffectContext, stage: Stage) -> None:
    from jiedao.petitions.intake import open_follow_up

    petition = petition_of(case, ctx)
    if petition.replied_at is None or petition.follow_up_until is None:
        raise InvalidInput(_("尚未作出答复意见，不能申请复查或复核。"))
    if ctx.now > petition.follow_up_until:
        raise InvalidInput(
            _("已超过申请期限：应在%(date)s前提出（收到意见之日起%(n)d日内），不予受理。")
            % {
                "date": local_date(petition.follow_up_until).isoformat(),
                "n": get_profile(petition.profile)
                .rule("petition.review_request" if stage == Stage.REVIEW else "petition.recheck_request")
                .amount,
            },
            code="window_closed",
        )
    child = open_follow_up(case, petition, stage, acting_user=ctx.acting_user, now=ctx.now)
    ctx.data.update({"follow_up": child.number, "follow_up_id": child.pk})


def request_review(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    _follow_up(case, ctx, Stage.REVIEW)


def request_recheck(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    _follow_up(case, ctx, Stage.RECHECK)


def _leader(case: Case, payload: dict[str, Any]) -> User:
    try:
        uid = int(payload.get("leader") or 0)
    except (TypeError, ValueError):
        uid = 0
    ra = (
        RoleAssignment.objects.select_related("user")
        .filter(jurisdiction_id=case.jurisdiction_id, role=Role.LEADER, user_id=uid, user__is_active=True)
        .first()
    )
    if ra is None:
        raise InvalidInput(_("请选择本街道的领导作为包案领导。"), field="leader")
    return ra.user


def mark_backlog(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    petition = petition_of(case, ctx)  # not yet a backlog case: the transition's guard
    leader = _leader(case, payload)
    level = str(payload.get("backlog_level") or "").strip()
    if level not in BACKLOG_LEVELS:
        raise InvalidInput(_("请选择积案级别。"), field="backlog_level")
    petition.backlog = True
    petition.backlog_leader = leader
    petition.backlog_level = level
    petition.save(update_fields=["backlog", "backlog_leader", "backlog_level"])
    ctx.data.update({"leader": leader.pk, "leader_name": str(leader), "backlog_level": level})


def resolve_backlog(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    petition = petition_of(case, ctx)  # an unresolved backlog case: the transition's guard
    outcome = str(payload.get("outcome") or "")
    if outcome not in BacklogOutcome.values:
        raise InvalidInput(_("请选择化解结果。"), field="outcome")
    try:
        day = date.fromisoformat(str(payload.get("resolved_on") or ""))
    except ValueError:
        raise InvalidInput(_("请填写化解日期（年-月-日）。"), field="resolved_on") from None
    if day > local_date(ctx.now) or day < local_date(case.created_at):
        raise InvalidInput(_("化解日期须在登记之日与今天之间。"), field="resolved_on")
    petition.backlog_outcome = outcome
    petition.backlog_resolved_on = day
    petition.save(update_fields=["backlog_outcome", "backlog_resolved_on"])
    ctx.data.update({"outcome": outcome, "resolved_on": day.isoformat()})
