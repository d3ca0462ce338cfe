"""What a user may see: their roles and scopes, computed once per request and cached on the user.

Every scoped read in the platform goes through `Scope` (rule 4 of ARCHITECTURE.md): querysets
call `scope.filter_q(...)` with the names of their jurisdiction/community/grid/department fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from jiedao.core.models import Role, RoleAssignment, User

# Roles that see every record of their jurisdiction.
JURISDICTION_WIDE = {Role.DISPATCHER, Role.LEADER, Role.ADMIN}


@dataclass
class Scope:
    """The union of a user's role scopes."""

    user_id: int | None
    roles: set[str] = field(default_factory=set)
    jurisdictions: set[int] = field(default_factory=set)  # roles seeing everything in these
    communities: set[int] = field(default_factory=set)
    grids: set[int] = field(default_factory=set)
    departments: set[int] = field(default_factory=set)
    member_of: set[int] = field(default_factory=set)  # every jurisdiction the user holds any role in
    reveal_in: set[int] = field(default_factory=set)  # jurisdictions where PII may be revealed
    superuser: bool = False

    def has(self, *roles: str) -> bool:
        return self.superuser or bool(self.roles.intersection(roles))

    def filter_q(
        self,
        *,
        jurisdiction: str = "jurisdiction",
        community: str | None = "community",
        grid: str | None = "grid",
        department: str | None = None,
        creator: str | None = None,
    ) -> Q:
        """A Q that keeps only rows this user may read. Matches nothing for a user with no roles."""
        if self.superuser:
            return Q()
        q = Q(pk__in=[])
        if self.jurisdictions:
            q |= Q(**{f"{jurisdiction}__in": self.jurisdictions})
        if community and self.communities:
            q |= Q(**{f"{community}__in": self.communities})
        if grid and self.grids:
            q |= Q(**{f"{grid}__in": self.grids})
        if department and self.departments:
            q |= Q(**{f"{department}__in": self.departments})
        # "What I created" only matters where the user does not already see everything: an OR
        # on every row would stop the database from using its list indexes.
        partial = self.member_of - self.jurisdictions
        if creator and self.user_id and partial:
            q |= Q(**{creator: self.user_id, f"{jurisdiction}__in": partial})
        return q

    def sees_jurisdiction(self, jurisdiction_id: int) -> bool:
        return self.superuser or jurisdiction_id in self.jurisdictions


def assignments_of(user: User) -> list[RoleAssignment]:
    """The user's role assignments (with their jurisdictions), read once per request."""
    cached: list[RoleAssignment] | None = getattr(user, "_jiedao_assignments", None)
    if cached is None:
        cached = list(RoleAssignment.objects.filter(user=user).select_related("jurisdiction"))
        user._jiedao_assignments = cached  # type: ignore[attr-defined]
    return cached


def scope_of(user: User | None) -> Scope:
    """The scope of `user`, cached on the instance for the rest of the request."""
    if user is None or not user.is_authenticated:
        return Scope(user_id=None)
    cached: Scope | None = getattr(user, "_jiedao_scope", None)
    if cached is not None:
        return cached
    scope = _build(user, assignments_of(user))
    user._jiedao_scope = scope  # type: ignore[attr-defined]
    return scope


def role_scope(user: User | None, roles: tuple[str, ...] | frozenset[str]) -> Scope:
    """The scope `user` holds through the given roles only (e.g. who may *edit* a register).

    `scope_of` is the union over every role; a leader's reading scope must not become an
    editing scope, so write checks build their scope from the writing roles alone.
    """
    if user is None or not user.is_authenticated:
        return Scope(user_id=None)
    return _build(user, [ra for ra in assignments_of(user) if ra.role in roles])


def _build(user: User, assignments: list[RoleAssignment]) -> Scope:
    scope = Scope(user_id=user.pk, superuser=user.is_superuser)
    for ra in assignments:
        scope.roles.add(ra.role)
        scope.member_of.add(ra.jurisdiction_id)
        if ra.can_reveal_pii:
            scope.reveal_in.add(ra.jurisdiction_id)
        if ra.role in JURISDICTION_WIDE:
            scope.jurisdictions.add(ra.jurisdiction_id)
        elif ra.grid_id:
            scope.grids.add(ra.grid_id)
        elif ra.community_id:
            scope.communities.add(ra.community_id)
        elif ra.department_id:
            scope.departments.add(ra.department_id)
        elif ra.role not in (Role.RESIDENT,):
            # A role with no narrower scope reads its whole jurisdiction (e.g. a leader).
            scope.jurisdictions.add(ra.jurisdiction_id)
    return scope
