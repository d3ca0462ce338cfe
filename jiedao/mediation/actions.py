"""Writes of the mediation app that are not transitions: registering a dispute (the engine's
create_case plus the dispute row and its parties, in one transaction) and room membership.
Every state change of a dispute goes through `jiedao.cases.actions.perform`."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jiedao.cases.actions import create_case
from jiedao.cases.models import Case
from jiedao.core import audit
from jiedao.core.errors import InvalidInput
from jiedao.core.models import Role, RoleAssignment, User
from jiedao.mediation.intake import DisputeDraft
from jiedao.mediation.models import Dispute, Party, Room, RoomMember

DISPUTE_FIELDS = ["profile", "dispute_type", "room", "source_event", "request"]


def register_dispute(draft: DisputeDraft, *, acting_user: User | None, now: datetime | None = None) -> Case:
    """调解登记: the case in its initial state, its dispute row and parties; all or nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        case, _code = create_case(draft.new, acting_user=acting_user, now=now)
        dispute = Dispute.objects.create(
            case=case,
            profile=draft.profile,
            dispute_type=draft.dispute_type,
            room=draft.room,
            source_event=draft.source_event,
            request=draft.request,
        )
        Party.objects.bulk_create(
            Party(
                dispute=dispute,
                role=p.role,
                name=p.name,
                id_number=p.id_number,
                phone=p.phone,
                address=p.address,
                order=i,
            )
            for i, p in enumerate(draft.parties)
        )
        after = {**audit.snapshot(dispute, DISPUTE_FIELDS), "parties": [p.name for p in draft.parties]}
        audit.record(
            dispute, "create", acting_user=acting_user, jurisdiction_id=case.jurisdiction_id, after=after
        )
    return case


def add_member(room: Room, user: User, *, acting_user: User | None) -> RoomMember:
    """Put a mediator in a room (they must hold the mediator role in the room's jurisdiction)."""
    if not RoleAssignment.objects.filter(
        user=user, role=Role.MEDIATOR, jurisdiction_id=room.jurisdiction_id
    ).exists():
        raise InvalidInput(_("只有本街道的调解员才能加入调解室。"), field="user")
    with transaction.atomic():
        member, created = RoomMember.objects.get_or_create(room=room, user=user)
        if created:
            audit.record(
                member,
                "create",
                acting_user=acting_user,
                jurisdiction_id=room.jurisdiction_id,
                after={"room": room.pk, "user": user.pk},
            )
    return member


def remove_member(member: RoomMember, *, acting_user: User | None) -> None:
    with transaction.atomic():
        audit.record(
            member,
            "delete",
            acting_user=acting_user,
            jurisdiction_id=member.room.jurisdiction_id,
            before={"room": member.room_id, "user": member.user_id},
        )
        member.delete()
