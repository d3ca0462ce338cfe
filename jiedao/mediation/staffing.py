"""The mediator's 调解室 as a scope unit the staff pages and import offer (see core.staffing)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from jiedao.core.models import Jurisdiction, Role, User
from jiedao.core.staffing import ScopeUnit, register_scope_unit
from jiedao.mediation import actions
from jiedao.mediation.models import Room, RoomMember


def _choices(jurisdiction: Jurisdiction) -> list[tuple[int, str]]:
    return [(r.pk, r.name) for r in Room.objects.filter(jurisdiction=jurisdiction, active=True)]


def _codes(jurisdiction: Jurisdiction) -> dict[str, int]:
    return dict(Room.objects.filter(jurisdiction=jurisdiction, active=True).values_list("code", "pk"))


def _held(person: User, jurisdiction: Jurisdiction) -> set[int]:
    return set(
        RoomMember.objects.filter(user=person, room__jurisdiction=jurisdiction).values_list(
            "room_id", flat=True
        )
    )


def _holders(jurisdiction: Jurisdiction, room_id: int) -> QuerySet:
    return RoomMember.objects.filter(room_id=room_id, room__jurisdiction=jurisdiction).values("user_id")


def _held_by(jurisdiction: Jurisdiction, user_ids: list[int]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    rows = RoomMember.objects.filter(user_id__in=user_ids, room__jurisdiction=jurisdiction)
    for user_id, room_id in rows.values_list("user_id", "room_id"):
        out.setdefault(user_id, set()).add(room_id)
    return out


def _assign(acting_user: User | None, person: User, jurisdiction: Jurisdiction, ids: set[int]) -> None:
    members = RoomMember.objects.filter(user=person, room__jurisdiction=jurisdiction).select_related("room")
    for member in members:
        if member.room_id not in ids:
            actions.remove_member(member, acting_user=acting_user)
    held = {m.room_id for m in members}
    for room in Room.objects.filter(jurisdiction=jurisdiction, pk__in=ids - held):
        actions.add_member(room, person, acting_user=acting_user)


def register() -> None:
    register_scope_unit(
        ScopeUnit(
            key="room",
            label=_("调解室"),
            roles=frozenset({Role.MEDIATOR}),
            choices=_choices,
            codes=_codes,
            held=_held,
            assign=_assign,
            holders=_holders,
            held_by=_held_by,
        )
    )
