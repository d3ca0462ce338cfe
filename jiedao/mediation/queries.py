"""Scoped reads of mediation cases: the engine's permission filter, plus the mediators' rooms.

A mediator's role reaches nothing in `jiedao.core.scope` (their unit, the 调解室, is kept here):
the grants below, registered with the engine, give them the disputes of the rooms they belong
to, and the events those disputes came from (to read the event's page from the dispute, not the
event list). Documents, history and attachments that read through `visible_cases` obey them too.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from jiedao.cases.models import Case
from jiedao.cases.queries import visible_cases
from jiedao.core.acting import acting_jurisdiction
from jiedao.core.indicators import Period
from jiedao.core.models import Role, User
from jiedao.core.scope import scope_of
from jiedao.mediation import stats
from jiedao.mediation.filters import MediationFilter
from jiedao.mediation.kind import KIND
from jiedao.mediation.models import Room, RoomMember

LIST_RELATED = ("mediation__room", "mediation__dispute_type", "mediation__mediator")


def _rooms(user: User) -> QuerySet[RoomMember, Any] | None:
    """A subquery of the user's rooms when they hold the mediator role (None: no grant)."""
    scope = scope_of(user)
    if scope.superuser or Role.MEDIATOR not in scope.roles:
        return None
    return RoomMember.objects.filter(user=user).values("room_id")


def room_grant(user: User) -> Q | None:
    """Disputes of the mediator's rooms (registered for the mediation kind)."""
    rooms = _rooms(user)
    return None if rooms is None else Q(mediation__room_id__in=rooms)


def linked_event_grant(user: User) -> Q | None:
    """Events that disputes of the mediator's rooms came from (registered for the event kind)."""
    rooms = _rooms(user)
    return None if rooms is None else Q(mediation_from__room_id__in=rooms)


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


def room_workload(user: User, period: Period) -> list[stats.Row]:
    """The workload of the rooms of the jurisdiction the user acts in, counted over the disputes
    they may read there (the last row is the total); 403 for a user who acts in none."""
    jurisdiction = acting_jurisdiction(user)
    if jurisdiction is None:
        raise PermissionDenied
    rooms = list(Room.objects.filter(jurisdiction=jurisdiction))
    return stats.workload(mediation_cases(user).filter(jurisdiction=jurisdiction), period, rooms)
