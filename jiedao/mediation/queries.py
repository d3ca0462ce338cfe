"""Scoped reads of mediation cases: the engine's permission filter, narrowed for mediators.

A mediator's role assignment covers their whole jurisdiction in `jiedao.core.scope`; for
mediation cases that is too wide: a mediator sees the disputes of the rooms they belong to (and
the ones they registered). Their other roles (grid worker, leader …) still count as usual. The
narrowing is registered with the engine's filter, so documents, history and attachments that
read through `visible_cases` obey it too.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from jiedao.cases.models import Case
from jiedao.cases.queries import visible_cases
from jiedao.core.models import Role, User
from jiedao.core.scope import JURISDICTION_WIDE, Scope, assignments_of, scope_of
from jiedao.mediation.filters import MediationFilter
from jiedao.mediation.kind import KIND
from jiedao.mediation.models import RoomMember

LIST_RELATED = ("mediation__room", "mediation__dispute_type", "mediation__mediator")


def _room_only_jurisdictions(user: User) -> set[int]:
    """Jurisdictions where the user reads cases only through the mediator role."""
    held = assignments_of(user)
    mediating = {ra.jurisdiction_id for ra in held if ra.role == Role.MEDIATOR}
    wide = {
        ra.jurisdiction_id
        for ra in held
        if ra.role != Role.MEDIATOR
        and (ra.role in JURISDICTION_WIDE or not (ra.grid_id or ra.community_id or ra.department_id))
        and ra.role != Role.RESIDENT
    }
    return mediating - wide


def room_scope(user: User) -> Q | None:
    """Registered with the engine (`register_kind_scope`): None leaves the user's scope as it is."""
    if not user.is_authenticated or scope_of(user).superuser:
        return None
    narrowed = _room_only_jurisdictions(user)
    if not narrowed:
        return None
    scope = scope_of(user)
    # What the user's narrower roles (grid, community, department) show, plus their rooms.
    narrow = Scope(
        user_id=user.pk, communities=scope.communities, grids=scope.grids, departments=scope.departments
    ).filter_q(department="department")
    rooms = RoomMember.objects.filter(user=user).values("room_id")
    return ~Q(jurisdiction_id__in=narrowed) | narrow | Q(mediation__room_id__in=rooms) | Q(created_by=user)


def mediation_cases(user: User | None) -> QuerySet[Case]:
    """Every read of disputes starts here (the engine's filter, room-narrowed for mediators)."""
    return visible_cases(user, KIND)


def get_dispute_case(user: User | None, pk: int | str) -> Case:
    """The case if this user may read it; 404 alike for missing and forbidden."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    case = (
        mediation_cases(user)
        .select_related("jurisdiction", "community", "grid", *LIST_RELATED, "mediation__court")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    return case


def dispute_list(user: User | None, flt: MediationFilter) -> QuerySet[Case]:
    return flt.apply(mediation_cases(user)).select_related(*LIST_RELATED).order_by("-created_at", "-id")
