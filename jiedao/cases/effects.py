"""Reusable side effects of transitions. A kind maps its actions to these (or its own).

Each effect validates its payload first and raises InvalidInput before touching the case;
the engine runs it inside the transaction, so any error writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from jiedao.cases import clocks, inputs
from jiedao.cases.models import Case, Rating
from jiedao.core.errors import InvalidInput
from jiedao.core.ints import parse_int
from jiedao.core.models import Department, SLAPolicy, User

MAX_EXTENSION_DAYS = 30


@dataclass
class EffectContext:
    acting_user: User | None
    now: datetime
    note: str
    # The kind's row beside the case, read once by the engine (None for a kind without one):
    # effects change and save this object, so the engine's audit sees what they changed.
    extension: Any = None
    data: dict[str, Any] = field(default_factory=dict)  # written to the timeline entry


def _int(payload: dict[str, Any], name: str, label: str) -> int:
    value = parse_int(payload.get(name))
    if value is None:
        raise InvalidInput(_("%(label)s必须是整数。") % {"label": label}, field=name)
    return value


def _department(case: Case, payload: dict[str, Any]) -> Department:
    dep_id: Any = payload.get("department")
    dep = None
    if dep_id not in (None, ""):
        key = parse_int(dep_id)
        dep = Department.objects.filter(jurisdiction_id=case.jurisdiction_id, pk=key).first() if key else None
    if dep is None:
        raise InvalidInput(_("请选择本街道的处置部门。"), field="department")
    return dep


def accept(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    case.accepted_at = ctx.now


def close(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    """不予受理 / 归档: the case leaves the open states."""
    if case.due_at is not None:
        clocks.stop_clock(case, ctx.now)
    case.closed_at = ctx.now


def dispatch(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    """派发 and 改派: hand the case to a department and start its clocks."""
    dep = _department(case, payload)
    if payload.get("urgency"):
        from jiedao.core.models.org import Urgency

        if payload["urgency"] not in Urgency.values:
            raise InvalidInput(_("紧急程度不正确。"), field="urgency")
        case.urgency = payload["urgency"]
    hand_to(case, dep, ctx)


def hand_to(case: Case, dep: Department, ctx: EffectContext, *, policy: SLAPolicy | None = None) -> None:
    """The state change of 派发/改派/重办 once the department is known: fresh clocks from now."""
    previous = case.department_id
    case.department = dep
    case.dispatched_at = ctx.now
    case.signed_at = None
    case.extension_days = 0
    case.pending_extension_days = None
    clocks.start_clocks(case, ctx.now, policy)
    ctx.data.update({"department": dep.pk, "department_name": dep.name, "previous_department": previous})


def sign(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    case.signed_at = ctx.now
    clocks.watch(case, case.dispatched_at or ctx.now, case.resolve_due)
    case.time_status = clocks.status_at(case, ctx.now)


def give_back(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    """退回: the department hands the case back to the command centre."""
    ctx.data["department"] = case.department_id
    case.department = None
    case.signed_at = None
    clocks.clear_clocks(case)


def resolve(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    case.result = inputs.text(payload, "result", _("处置结果"), 2000)
    case.resolved_at = ctx.now
    case.pending_extension_days = None
    clocks.stop_clock(case, ctx.now)


def reopen_verification(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    """核查不通过: back to the department with the clock it had."""
    case.resolved_at = None
    if case.resolve_due is not None:
        clocks.watch(case, case.dispatched_at or ctx.now, case.resolve_due)
        case.time_status = clocks.status_at(case, ctx.now)


def rate(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    value = _int(payload, "rating", _("评价"))
    if value not in Rating.values:
        raise InvalidInput(_("评价只能是满意、基本满意或不满意。"), field="rating")
    case.rating = value
    case.rating_note = str(payload.get("rating_note") or "")[:500]
    ctx.data["rating"] = value


def redo(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    """重办 after an unsatisfied rating: same department, fresh clocks."""
    payload = {**payload, "department": payload.get("department") or case.department_id}
    case.reopen_count += 1
    case.resolved_at = None
    case.rating = None
    dispatch(case, payload, ctx)


def request_extension(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    days = _int(payload, "days", _("延期天数"))
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise InvalidInput(_("延期天数须在1至%(n)d个工作日之间。") % {"n": MAX_EXTENSION_DAYS}, field="days")
    case.pending_extension_days = days
    case.extension_reason = ctx.note[:500]
    ctx.data["days"] = days


def approve_extension(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    days = case.pending_extension_days or 0
    case.pending_extension_days = None
    clocks.extend(case, days, ctx.now)
    ctx.data.update({"days": days, "resolve_due": case.resolve_due.isoformat() if case.resolve_due else None})


def deny_extension(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    ctx.data["days"] = case.pending_extension_days
    case.pending_extension_days = None


def merge(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    number = inputs.text(payload, "target", _("合并到的案件编号"), 32)
    target = (
        Case.objects.filter(jurisdiction_id=case.jurisdiction_id, kind=case.kind, number=number)
        .exclude(pk=case.pk)
        .first()
    )
    if target is None:
        raise InvalidInput(_("找不到编号为 %(n)s 的同类案件。") % {"n": number}, field="target")
    if target.merged_into_id is not None or target.closed_at is not None:
        raise InvalidInput(_("不能合并到已关闭或已被合并的案件。"), field="target")
    case.merged_into = target
    case.closed_at = ctx.now
    clocks.clear_clocks(case)
    ctx.data["target"] = target.number


def escalate(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    clocks.clear_clocks(case)
    case.department = None


def supervise(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    case.supervision_count += 1


def self_resolve(case: Case, payload: dict[str, Any], ctx: EffectContext) -> None:
    """自办自结: solved on the spot by the grid worker."""
    case.result = inputs.text(payload, "result", _("处置结果"), 2000)
    case.accepted_at = ctx.now
    case.resolved_at = ctx.now
