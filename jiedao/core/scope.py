"""What a user may see: their roles and scopes, computed once per request and cached on the user.

Every scoped read in the platform goes through `Scope` (rule 4 of ARCHITECTURE.md): querysets
call `scope.filter_q(...)` with the names of their jurisdiction/community/grid/department fields.

Each role assignment is one `Grant`: the unit it reaches (the whole jurisdiction, a community,
grids, a department, or nothing in `core` when the role's unit is kept by an app above, like a
mediator's rooms). `scope_of(user)` is the union of every grant. What a user reads of one *kind*
of record is the union of the grants of the roles that read that kind:
`scope_of(user).through(READERS)`, where the kind declares its READERS once (its pages, menu and
queries use the same tuple). A mediator therefore reads no petitions even though their role is
held in the whole jurisdiction, and a project officer's jurisdiction opens the registers only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.db.models import Q

from jiedao.core.models import InspectionArea, Role, RoleAssignment, User

# Roles that see every record of their jurisdiction.
JURISDICTION_WIDE = {Role.DISPATCHER, Role.LEADER, Role.ADMIN}


@dataclass(frozen=True)
class Grant:
    """What one role assignment reaches."""

    role: str
    jurisdiction_id: int
    wide: bool = False  # the whole jurisdiction
    community_id: int | None = None
    grid_ids: frozenset[int] = frozenset()
    department_id: int | None = None
    reveal: bool = False


@dataclass
class Scope:
    """The union of a user's role scopes (or of some of their roles: see `through`)."""

    user_id: int | None
    roles: set[str] = field(default_factory=set)
    jurisdictions: set[int] = field(default_factory=set)  # roles seeing everything in these
    communities: set[int] = field(default_factory=set)
    grids: set[int] = field(default_factory=set)
    departments: set[int] = field(default_factory=set)
    member_of: set[int] = field(default_factory=set)  # every jurisdiction the user holds any role in
    reveal_in: set[int] = field(default_factory=set)  # jurisdictions where PII may be revealed
    superuser: bool = False
    # The grants this scope was built from; None for a synthetic scope (a background job's
    # whole jurisdiction), which `through` leaves as it is.
    grants: tuple[Grant, ...] | None = None
    _through: dict[frozenset[str], Scope] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of_grants(cls, user_id: int | None, grants: Iterable[Grant], *, superuser: bool = False) -> Scope:
        grants = tuple(grants)
        scope = cls(user_id=user_id, superuser=superuser, grants=grants)
        for g in grants:
            scope.roles.add(g.role)
            scope.member_of.add(g.jurisdiction_id)
            if g.reveal:
                scope.reveal_in.add(g.jurisdiction_id)
            if g.wide:
                scope.jurisdictions.add(g.jurisdiction_id)
            if g.community_id is not None:
                scope.communities.add(g.community_id)
            scope.grids.update(g.grid_ids)
            if g.department_id is not None:
                scope.departments.add(g.department_id)
        return scope

    def has(self, *roles: str) -> bool:
        return self.superuser or bool(self.roles.intersection(roles))

    def through(self, roles: Iterable[str]) -> Scope:
        """What the user reaches through these roles only (e.g. the readers of one kind)."""
        if self.grants is None:
            return self
        key = frozenset(roles)
        cached = self._through.get(key)
        if cached is None:
            chosen = [g for g in self.grants if g.role in key]
            cached = Scope.of_grants(self.user_id, chosen, superuser=self.superuser)
            self._through[key] = cached
        return cached

    @property
    def reach(self) -> tuple[object, ...]:
        """What `filter_q` depends on: two scopes with the same reach filter alike."""
        return (
            self.superuser,
            self.user_id,
            frozenset(self.jurisdictions),
            frozenset(self.communities),
            frozenset(self.grids),
            frozenset(self.departments),
            frozenset(self.member_of),
        )

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

    def reaches(
        self,
        jurisdiction_id: int,
        *,
        community_id: int | None = None,
        grid_id: int | None = None,
        department_id: int | None = None,
    ) -> bool:
        """`filter_q` for one record held in memory (no query)."""
        return (
            self.superuser
            or jurisdiction_id in self.jurisdictions
            or (community_id is not None and community_id in self.communities)
            or (grid_id is not None and grid_id in self.grids)
            or (department_id is not None and department_id in self.departments)
        )

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
        return Scope(user_id=None, grants=())
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
    return scope_of(user).through(roles)


def _roles_with_units_above() -> frozenset[str]:
    """Roles narrowed by a unit an app above `core` keeps (a mediator's 调解室): without one of
    core's units such a role reaches nothing here; the app grants what its units hold."""
    from jiedao.core.staffing import scope_units

    return frozenset(role for unit in scope_units() for role in unit.roles)


def _area_grids(assignments: list[RoleAssignment]) -> dict[int, frozenset[int]]:
    """The grids of the inspection areas among the assignments (one query, only if any)."""
    ids = {ra.inspection_area_id for ra in assignments if ra.inspection_area_id is not None}
    if not ids:
        return {}
    out: dict[int, set[int]] = {pk: set() for pk in ids}
    rows = InspectionArea.grids.through.objects.filter(inspectionarea_id__in=ids)
    for area_id, grid_id in rows.values_list("inspectionarea_id", "grid_id"):
        out[area_id].add(grid_id)
    return {pk: frozenset(grids) for pk, grids in out.items()}


def grant_of(ra: RoleAssignment, area_grids: dict[int, frozenset[int]], units_above: frozenset[str]) -> Grant:
    """What one role assignment reaches (its narrowest unit; see the module docstring)."""
    base = Grant(role=ra.role, jurisdiction_id=ra.jurisdiction_id, reveal=ra.can_reveal_pii)
    if ra.role in JURISDICTION_WIDE:
        return replace(base, wide=True)
    if ra.grid_id:
        return replace(base, grid_ids=frozenset({ra.grid_id}))
    if ra.community_id:
        return replace(base, community_id=ra.community_id)
    if ra.department_id:
        return replace(base, department_id=ra.department_id)
    if ra.inspection_area_id:
        return replace(base, grid_ids=area_grids.get(ra.inspection_area_id, frozenset()))
    if ra.role == Role.RESIDENT or ra.role in units_above:
        return base
    # A role with no narrower scope reads its whole jurisdiction (an inspector of the whole
    # sub-district, a project officer) — but only the kinds its role reads (`through`).
    return replace(base, wide=True)


def _build(user: User, assignments: list[RoleAssignment]) -> Scope:
    area_grids = _area_grids(assignments)
    units_above = _roles_with_units_above()
    grants = [grant_of(ra, area_grids, units_above) for ra in assignments]
    return Scope.of_grants(user.pk, grants, superuser=user.is_superuser)
