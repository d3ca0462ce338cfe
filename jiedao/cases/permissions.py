"""Who may perform a transition on a case: a role from the transition's list whose scope covers it,
when the transition's guard (which sees the case and the kind's row beside it) lets it apply."""

from __future__ import annotations

from typing import Any

from jiedao.cases.kinds import Transition, get_kind
from jiedao.cases.models import Case
from jiedao.core.models import RoleAssignment, User
from jiedao.core.scope import assignments_of

UNREAD = object()  # the extension row has not been read yet


def covers(ra: RoleAssignment, case: Case) -> bool:
    """A role assignment covers a case when every scope level it names matches the case."""
    return (
        ra.jurisdiction_id == case.jurisdiction_id
        and (ra.community_id is None or ra.community_id == case.community_id)
        and (ra.grid_id is None or ra.grid_id == case.grid_id)
        and (ra.department_id is None or ra.department_id == case.department_id)
    )


def refusal(transition: Transition, case: Case, extension: Any) -> str | None:
    """Why the transition does not apply to this case now (its guard's reason), or None."""
    return None if transition.guard is None else transition.guard(case, extension)


def applies(transition: Transition, case: Case, extension: Any) -> bool:
    return refusal(transition, case, extension) is None


def may_perform(user: User | None, case: Case, transition: Transition, extension: Any = None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if not applies(transition, case, extension):
        return False
    if user.is_superuser:
        return True
    return any(ra.role in transition.roles and covers(ra, case) for ra in assignments_of(user))


def allowed_transitions(user: User | None, case: Case, extension: Any = UNREAD) -> list[Transition]:
    """The transitions this user may perform on this case now. The kind's row is read (one
    query) only when a guard needs it and the caller has not passed it."""
    kind = get_kind(case.kind)
    candidates = kind.actions_from(case.state)
    if extension is UNREAD:
        guarded = any(t.guard is not None for t in candidates)
        extension = kind.extension_of(case) if guarded else None
    return [t for t in candidates if may_perform(user, case, t, extension)]
