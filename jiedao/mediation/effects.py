"""Side effects of the mediation kind's transitions (what the shared effects do not cover).

Each validates its payload before touching anything and raises InvalidInput with a translated
message; `jiedao.cases.actions.perform` runs it inside the transaction with the timeline entry.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from jiedao.cases import clocks
from jiedao.cases.effects import EffectContext
from jiedao.cases.models import Case, TimeStatus
from jiedao.cases.rules import get_profile, rule_deadline
from jiedao.core.errors import InvalidInput
from jiedao.core.models import Role, RoleAssignment, User
from jiedao.mediation import inputs
from jiedao.mediation.models import (
    Dispute,
    FailureRoute,
    Fulfilment,
    Outcome,
    Party,
    PartyRole,
    Room,
    RoomMember,
    Ruling,
    Session,
    SharedCourt,
)

CONFIRMATION = "mediation.judicial_confirmation"


def _dispute(case: Case, ctx: EffectContext | None = None) -> Dispute:
    """The case's Dispute: the row the engine read for this transition (so its audit sees what
    the effect changes), else read now (a caller outside perform(), e.g. the demo)."""
    if ctx is not None and isinstance(ctx.extension, Dispute) and ctx.extension.pk == case.pk:
        return ctx.extension
    return Dispute.objects.select_related("room").get(pk=case.pk)


def start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def _local_day(case: Case) -> date:
    return timezone.localdate(case.created_at)


def assign(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    """分派 / 改派: a room of the jurisdiction and one of its mediators."""
    room = Room.objects.filter(
        jurisdiction_id=case.jurisdiction_id, pk=inputs.pk(payload, "room"), active=True
    ).first()
    if room is None:
        raise InvalidInput(_("请选择本街道的调解室。"), field="room")
    mediator = User.objects.filter(pk=inputs.pk(payload, "mediator"), is_active=True).first()
    member = (
        mediator is not None
        and RoomMember.objects.filter(room=room, user=mediator).exists()
        and RoleAssignment.objects.filter(
            user=mediator, role=Role.MEDIATOR, jurisdiction_id=case.jurisdiction_id
        ).exists()
    )
    if mediator is None or not member:
        raise InvalidInput(
            _("请选择%(room)s的调解员（须为该调解室成员）。") % {"room": room.name}, field="mediator"
        )
    dispute = _dispute(case, ctx)
    previous = dispute.room.name if dispute.room else ""
    dispute.room = room
    dispute.mediator = mediator
    dispute.save(update_fields=["room", "mediator"])
    case.accepted_at = case.accepted_at or ctx.now
    ctx.data.update(
        {"room": room.pk, "room_name": room.name, "mediator": mediator.pk, "mediator_name": str(mediator)}
    )
    if previous and previous != room.name:
        ctx.data["previous_room"] = previous


def add_party(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    role = inputs.choice(payload, "party_role", _("当事人身份"), dict(PartyRole.choices))
    name = inputs.text(payload, "party_name", _("当事人姓名或名称"), 60)
    id_number = inputs.id_number(payload, "party_id_number")
    phone = inputs.phone(payload, "party_phone")
    address = inputs.text(payload, "party_address", _("住址"), 200, required=False)
    dispute = _dispute(case, ctx)
    order = dispute.parties.filter(role=role).count()
    Party.objects.create(
        dispute=dispute, role=role, name=name, id_number=id_number, phone=phone, address=address, order=order
    )
    ctx.data.update({"party_role": role, "party_name": name})


def record_session(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    held_on = inputs.required_day(payload, "held_on", _("调解日期"), not_before=_local_day(case))
    place = inputs.text(payload, "place", _("调解地点"), 100, required=False)
    attendees = inputs.text(payload, "attendees", _("参加人员"), 500)
    record = inputs.text(payload, "record", _("笔录内容"), 20000)
    dispute = _dispute(case, ctx)
    seq = dispute.sessions.count() + 1
    Session.objects.create(
        dispute=dispute,
        seq=seq,
        held_on=held_on,
        place=place or (dispute.room.name if dispute.room else ""),
        attendees=attendees,
        record=record,
        mediator_name=str(ctx.acting_user or "")[:60],
        created_at=ctx.now,
    )
    ctx.data.update({"session": seq, "held_on": held_on.isoformat()})


def check_parties(dispute: Dispute) -> None:
    """An agreement (and its 调解协议书) names both sides: at least one applicant and one respondent."""
    roles = set(dispute.parties.values_list("role", flat=True))
    if not {PartyRole.APPLICANT, PartyRole.RESPONDENT} <= roles:
        raise InvalidInput(
            _("调解协议须载明双方当事人：请先添加申请人和被申请人。"), code="no_parties", field="parties"
        )


def agree(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    """调解成功: the agreement's terms and effective date; the 司法确认 window starts that day."""
    terms = inputs.text(payload, "terms", _("协议内容"), 20000)
    effective = inputs.required_day(payload, "effective_on", _("协议生效日期"), not_before=_local_day(case))
    dispute = _dispute(case, ctx)
    check_parties(dispute)
    if not dispute.sessions.exists():
        raise InvalidInput(_("请先记录至少一次调解，再登记调解协议。"), code="no_session")
    due = rule_deadline(dispute.profile, CONFIRMATION, start_of(effective))
    dispute.outcome = Outcome.SUCCESS
    dispute.agreement_terms = terms
    dispute.agreement_effective = effective
    dispute.confirmation_due = due.at
    dispute.fulfilment = Fulfilment.FULFILLING
    dispute.save(
        update_fields=["outcome", "agreement_terms", "agreement_effective", "confirmation_due", "fulfilment"]
    )
    _conclude(case, ctx)
    case.result = terms
    # While the agreement waits for 司法确认 the swept deadline is the application window.
    clocks.watch(case, start_of(effective), due.at)
    case.due_estimated = case.due_estimated or due.estimated
    case.time_status = clocks.status_at(case, ctx.now)
    ctx.data.update({"effective_on": effective.isoformat(), "confirmation_due": due.at.isoformat()})


def _conclude(case: Case, ctx: EffectContext) -> None:
    """The mediation ends (either way): its norm clock stops, on time or late."""
    case.resolved_at = ctx.now
    clocks.stop_clock(case, ctx.now)


def _fail(case: Case, route: str, ctx: EffectContext) -> Dispute:
    dispute = _dispute(case, ctx)
    dispute.outcome = Outcome.FAILED
    dispute.failure_route = route
    _conclude(case, ctx)
    return dispute


def fail_litigation(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    dispute = _fail(case, FailureRoute.LITIGATION, ctx)
    dispute.save(update_fields=["outcome", "failure_route"])
    case.closed_at = ctx.now
    case.result = ctx.note


def refer_court(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    court = SharedCourt.objects.filter(
        jurisdiction_id=case.jurisdiction_id, pk=inputs.pk(payload, "court")
    ).first()
    if court is None:
        raise InvalidInput(_("请选择共享法庭。"), field="court")
    reference = inputs.text(payload, "court_reference", _("法庭案号"), 60, required=False)
    dispute = _fail(case, FailureRoute.COURT, ctx)
    dispute.court = court
    dispute.court_reference = reference
    dispute.save(update_fields=["outcome", "failure_route", "court", "court_reference"])
    case.result = ctx.note
    ctx.data.update({"court_name": court.name, "court_reference": reference})


def court_result(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    dispute = _dispute(case, ctx)
    reference = inputs.text(
        payload, "court_reference", _("法庭案号"), 60, required=not dispute.court_reference
    )
    result = inputs.text(payload, "court_result", _("法庭处理结果"), 5000)
    dispute.court_reference = reference or dispute.court_reference
    dispute.court_result = result
    dispute.save(update_fields=["court_reference", "court_result"])
    case.closed_at = ctx.now
    ctx.data["court_reference"] = dispute.court_reference


def record_fulfilment(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    allowed = {k: v for k, v in Fulfilment.choices if k}
    value = inputs.choice(payload, "fulfilment", _("履行情况"), allowed)
    dispute = _dispute(case, ctx)
    dispute.fulfilment = value
    dispute.save(update_fields=["fulfilment"])
    ctx.data["fulfilment"] = value


def apply_confirmation(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    """司法确认申请: refused once the window (人民调解法 §33, 30 days from taking effect) has passed."""
    dispute = _dispute(case, ctx)
    applied = inputs.required_day(
        payload, "applied_on", _("申请日期"), not_before=dispute.agreement_effective
    )
    court = inputs.text(payload, "confirmation_court", _("受理法院"), 100)
    if dispute.confirmation_due is None:
        raise InvalidInput(_("该案件没有调解协议，不能申请司法确认。"))
    last_day = timezone.localdate(dispute.confirmation_due)
    if applied > last_day:
        days = get_profile(dispute.profile).rule(CONFIRMATION).amount
        raise InvalidInput(
            _("司法确认须自调解协议生效之日起%(n)d日内申请（截止 %(d)s），已超过申请期限。")
            % {"n": days, "d": last_day.isoformat()},
            code="confirmation_window",
            field="applied_on",
        )
    dispute.confirmation_applied_on = applied
    dispute.confirmation_court = court
    dispute.save(update_fields=["confirmation_applied_on", "confirmation_court"])
    case.due_at = None
    case.warn_at = None
    case.time_status = TimeStatus.GREEN
    ctx.data.update({"applied_on": applied.isoformat(), "confirmation_court": court})


def _ruling(case: Case, payload: dict[str, Any], ctx: EffectContext, ruling: str) -> None:
    dispute = _dispute(case, ctx)
    ruling_on = inputs.required_day(
        payload, "ruling_on", _("裁定日期"), not_before=dispute.confirmation_applied_on
    )
    reference = inputs.text(payload, "ruling_reference", _("裁定书文号"), 60, required=False)
    dispute.ruling = ruling
    dispute.ruling_on = ruling_on
    dispute.ruling_reference = reference
    dispute.save(update_fields=["ruling", "ruling_on", "ruling_reference"])
    ctx.data.update({"ruling": ruling, "ruling_on": ruling_on.isoformat()})


def confirmation_granted(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    _ruling(case, payload, ctx, Ruling.CONFIRMED)


def confirmation_denied(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    _ruling(case, payload, ctx, Ruling.DENIED)


def close(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    """归档 / 撤回: no clock runs any more; the time status keeps what it last said."""
    case.due_at = None
    case.warn_at = None
    case.closed_at = ctx.now
