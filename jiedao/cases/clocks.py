"""Deadlines of a case from its SLA policy, computed once by the calendar module and stored.

The sweep then only compares timestamps (rule 5 of ARCHITECTURE.md).
"""

from __future__ import annotations

from datetime import datetime, time

from django.utils.translation import gettext as _

from jiedao.cases.models import Case, TimeStatus
from jiedao.core.calendar import (
    LOCAL_TZ,
    Deadline,
    add_duration,
    add_working_time,
    working_hours_of,
    working_time_between,
)
from jiedao.core.errors import InvalidInput
from jiedao.core.models import SLAPolicy
from jiedao.core.models.org import DurationUnit
from jiedao.core.workhours import WorkingHours

# A clock turns yellow when this share of its time has passed: of its working time for a clock
# counted in working hours (a clock that stops overnight must not turn yellow at night),
# of the elapsed time otherwise.
WARN_SHARE = 0.8


def policy_for(case: Case) -> SLAPolicy:
    policies = SLAPolicy.objects.filter(jurisdiction_id=case.jurisdiction_id, urgency=case.urgency)
    category = case.category
    while category is not None:
        found = policies.filter(category=category).first()
        if found is not None:
            return found
        category = category.parent
    default = policies.filter(category__isnull=True).first()
    if default is None:
        raise InvalidInput(_("本街道未配置该紧急程度的时限规则，请联系管理员。"), code="no_sla")
    return default


def warn_time(start: datetime, due: datetime, hours: WorkingHours | None = None) -> datetime:
    """When a clock from `start` to `due` turns yellow; `hours` when it counts working hours."""
    if hours is None:
        return start + (due - start) * WARN_SHARE
    return add_working_time(start, working_time_between(start, due, hours) * WARN_SHARE, hours)


def start_clocks(case: Case, now: datetime, policy: SLAPolicy | None = None) -> None:
    """Set sign and resolve deadlines from `now` (dispatch, 改派, 重办).

    `policy` may be passed by a caller that already knows it (the demo loader); otherwise it is
    looked up for the case's category and urgency.
    """
    policy = policy or policy_for(case)
    hours = working_hours_of(case.jurisdiction_id)
    sign: Deadline = add_duration(now, policy.sign_amount, policy.sign_unit, hours)
    resolve = add_duration(now, policy.resolve_amount, policy.resolve_unit, hours)
    if case.extension_days:
        resolve = add_duration(resolve.at, case.extension_days, DurationUnit.WORKING_DAYS)
    case.sign_due = sign.at
    case.resolve_due = resolve.at
    case.due_estimated = sign.estimated or resolve.estimated
    watch(case, now, case.sign_due, unit=policy.sign_unit)


def watch(case: Case, start: datetime, due: datetime | None, *, unit: str | None = None) -> None:
    """Make `due` the deadline the sweep watches and set the time status for `now`=start.

    `unit` is the unit the deadline was given in; without it, the resolve deadline of an SLA
    clock looks its unit up in the case's policy (whole-day deadlines need no look-up).
    """
    case.due_at = due
    if due is None:
        case.warn_at = None
        return
    if unit is None and due == case.resolve_due:
        unit = _resolve_unit(case)
    hours = working_hours_of(case.jurisdiction_id) if unit == DurationUnit.HOURS else None
    case.warn_at = warn_time(start, due, hours)
    case.time_status = status_at(case, start)


def _resolve_unit(case: Case) -> str | None:
    """The policy unit of the case's resolve deadline, when it may have been given in hours."""
    due = case.resolve_due
    if due is None or case.sign_due is None or case.extension_days:
        return None  # not an SLA clock, or extended by working days
    if due.astimezone(LOCAL_TZ).time() == time(23, 59, 59):
        return None  # the end of a day: a rule in days
    try:
        return policy_for(case).resolve_unit
    except InvalidInput:
        return None


def stop_clock(case: Case, now: datetime) -> None:
    """Freeze the time status at resolution: on time stays green, late stays red."""
    if case.resolve_due is not None:
        case.time_status = TimeStatus.RED if now > case.resolve_due else TimeStatus.GREEN
    case.due_at = None
    case.warn_at = None


def clear_clocks(case: Case) -> None:
    case.due_at = None
    case.warn_at = None
    case.sign_due = None
    case.resolve_due = None
    case.time_status = TimeStatus.NONE


def extend(
    case: Case,
    days: int,
    now: datetime,
    *,
    unit: str = DurationUnit.WORKING_DAYS,
    start: datetime | None = None,
) -> None:
    """Push the resolve deadline back by `days` of `unit`; `start` is when the watched clock began
    (default: signing, as for events; statutory kinds pass their acceptance time)."""
    if case.resolve_due is None:
        raise InvalidInput(_("该案件没有办结时限，无法延期。"))
    extended = add_duration(case.resolve_due, days, unit)
    case.resolve_due = extended.at
    case.due_estimated = case.due_estimated or extended.estimated
    case.extension_days += days
    start = start or case.signed_at
    if case.due_at is not None and start is not None:
        watch(case, start, case.resolve_due)
        case.time_status = status_at(case, now)


def status_at(case: Case, now: datetime) -> str:
    if case.due_at is None:
        return case.time_status
    if now >= case.due_at:
        return TimeStatus.RED
    if case.warn_at is not None and now >= case.warn_at:
        return TimeStatus.YELLOW
    return TimeStatus.GREEN
