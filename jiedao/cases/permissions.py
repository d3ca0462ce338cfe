"""Who may perform a transition on a case: a role from the transition's list whose scope covers it."""

from __future__ import annotations

from jiedao.cases.kinds import Transition
from jiedao.cases.models import Case
from jiedao.core.models import RoleAssignment, User
from jiedao.core.scope import assignments_of


def covers(ra: RoleAssignment, case: Case) -> bool:
    """A role assignment covers a case when every scope level it names matches the case."""
    return (
        ra.jurisdiction_id == case.jurisdiction_id
        and (ra.community_id is None or ra.community_id == case.community_id)
        and (ra.grid_id is None or ra.grid_id == case.grid_id)
        and (ra.department_id is None or ra.department_id == case.department_id)
    )


def may_perform(user: User | None, case: Case, transition: Transition) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if transition.guard is not None and not transition.guard(case):
        return False
    if user.is_superuser:
        return True
    return any(ra.role in transition.roles and covers(ra, case) for ra in assignments_of(user))


def allowed_transitions(user: User | None, case: Case) -> list[Transition]:
    from jiedao.cases.kinds import get_kind

    kind = get_kind(case.kind)
    return [t for t in kind.actions_from(case.state) if may_perform(user, case, t)]
