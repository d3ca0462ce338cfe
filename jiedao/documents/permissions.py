"""Who may issue documents on a case (anyone holding a role that works cases of its kind there)
and who may see the personal data in full in the documents meant to be signed."""

from __future__ import annotations

from jiedao.cases.kinds import REPORTER, get_kind
from jiedao.cases.models import Case
from jiedao.cases.permissions import covers
from jiedao.core.models import User
from jiedao.core.scope import assignments_of, scope_of


def may_issue(user: User | None, case: Case) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    roles = {role for t in get_kind(case.kind).transitions for role in t.roles} - {REPORTER}
    return any(ra.role in roles and covers(ra, case) for ra in assignments_of(user))


def may_reveal(user: User | None, jurisdiction_id: int) -> bool:
    """The user's roles there carry the reveal permission (RoleAssignment.can_reveal_pii)."""
    if user is None or not user.is_authenticated:
        return False
    scope = scope_of(user)
    return scope.superuser or jurisdiction_id in scope.reveal_in
