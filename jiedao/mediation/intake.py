"""Mediation intake (调解登记): a walk-in application or an event turned into a dispute.

Everything is checked here before anything is written; `actions.register_dispute` then writes
the case, its dispute row and its parties in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from jiedao.cases import clocks
from jiedao.cases.actions import NewCase
from jiedao.cases.models import Case, Channel, TimeStatus
from jiedao.cases.queries import visible_cases
from jiedao.cases.rules import profile_code_for, rule_deadline
from jiedao.core.errors import InvalidInput
from jiedao.core.models import Jurisdiction, User
from jiedao.mediation import inputs
from jiedao.mediation.kind import KIND
from jiedao.mediation.models import DisputeType, PartyRole, Room, RoomMember

NORM = "mediation.norm"
PARTY_SLOTS = (("applicant", PartyRole.APPLICANT), ("respondent", PartyRole.RESPONDENT))


@dataclass
class PartyDraft:
    role: str
    name: str
    id_number: str = ""
    phone: str = ""
    address: str = ""


@dataclass
class DisputeDraft:
    """A validated application: the case, the dispute row's fields and the parties."""

    new: NewCase
    profile: str
    dispute_type: DisputeType
    room: Room | None
    request: str
    source_event: Case | None = None
    parties: list[PartyDraft] = field(default_factory=list)


def _party(data: dict[str, Any], prefix: str, role: str, *, required: bool) -> PartyDraft | None:
    label = PartyRole(role).label
    name = inputs.text(data, f"{prefix}_name", _("%(who)s姓名或名称") % {"who": label}, 60, required=required)
    if not name:
        for extra in ("id_number", "phone", "address"):
            if str(data.get(f"{prefix}_{extra}") or "").strip():
                raise InvalidInput(_("请填写%(who)s姓名或名称。") % {"who": label}, field=f"{prefix}_name")
        return None
    return PartyDraft(
        role=role,
        name=name,
        id_number=inputs.id_number(data, f"{prefix}_id_number"),
        phone=inputs.phone(data, f"{prefix}_phone"),
        address=inputs.text(data, f"{prefix}_address", _("住址"), 200, required=False),
    )


def _type_and_room(
    data: dict[str, Any], jurisdiction: Jurisdiction, user: User
) -> tuple[DisputeType, Room | None]:
    dtype = DisputeType.objects.filter(jurisdiction=jurisdiction, pk=inputs.pk(data, "dispute_type")).first()
    if dtype is None:
        raise InvalidInput(_("请选择纠纷类型。"), field="dispute_type")
    room = None
    if data.get("room") not in (None, ""):
        room = Room.objects.filter(jurisdiction=jurisdiction, pk=inputs.pk(data, "room"), active=True).first()
        if room is None:
            raise InvalidInput(_("调解室不存在。"), field="room")
    else:
        # A mediator who registers an application receives it in their own room.
        mine = list(
            RoomMember.objects.filter(user=user, room__jurisdiction=jurisdiction).select_related("room")[:2]
        )
        room = mine[0].room if len(mine) == 1 else None
    return dtype, room


def _clock(jurisdiction: Jurisdiction, now: datetime) -> tuple[str, dict[str, Any]]:
    """The one-month norm (soft): stored on the case from registration, coloured by the sweep."""
    profile = profile_code_for(jurisdiction.pk)
    due = rule_deadline(profile, NORM, now)
    return profile, {
        "resolve_due": due.at,
        "due_at": due.at,
        "warn_at": clocks.warn_time(now, due.at),
        "due_estimated": due.estimated,
        "time_status": TimeStatus.GREEN,
    }


def validate_walk_in(
    data: dict[str, Any], *, jurisdiction: Jurisdiction, user: User, now: datetime
) -> DisputeDraft:
    title = inputs.text(data, "title", _("纠纷概要"), 200)
    description = inputs.text(data, "description", _("纠纷事实"), 5000)
    request = inputs.text(data, "request", _("申请调解事项"), 2000)
    dtype, room = _type_and_room(data, jurisdiction, user)
    parties = [
        _party(data, prefix, role, required=role == PartyRole.APPLICANT) for prefix, role in PARTY_SLOTS
    ]
    applicant = parties[0]
    assert applicant is not None
    profile, clock = _clock(jurisdiction, now)
    new = NewCase(
        jurisdiction=jurisdiction,
        kind=KIND,
        title=title,
        description=description,
        channel=Channel.VISIT,
        fields={"reporter_name": applicant.name, "reporter_phone": applicant.phone, **clock},
    )
    return DisputeDraft(new, profile, dtype, room, request, parties=[p for p in parties if p is not None])


def validate_from_event(data: dict[str, Any], *, user: User, now: datetime) -> DisputeDraft:
    """从事件转调解: an event this user can read, not already turned into a dispute."""
    number = inputs.text(data, "event_number", _("事件编号"), 32).upper()
    event = (
        visible_cases(user, "event")
        .select_related("jurisdiction", "mediation_from__case")
        .filter(number=number)
        .first()
    )
    if event is None:
        raise InvalidInput(
            _("找不到编号为 %(n)s 的事件，或您无权查看。") % {"n": number}, field="event_number"
        )
    existing = getattr(event, "mediation_from", None)
    if existing is not None:
        raise InvalidInput(
            _("事件 %(n)s 已转为调解案件 %(m)s。") % {"n": number, "m": existing.case.number},
            field="event_number",
        )
    if event.state in ("merged", "rejected"):
        raise InvalidInput(_("已合并或不予受理的事件不能转调解。"), field="event_number")
    jurisdiction = event.jurisdiction
    dtype, room = _type_and_room(data, jurisdiction, user)
    request = inputs.text(data, "request", _("申请调解事项"), 2000, required=False) or event.title
    parties = [p for prefix, role in PARTY_SLOTS if (p := _party(data, prefix, role, required=False))]
    if not parties and event.reporter_name and not event.anonymous:
        parties = [PartyDraft(PartyRole.APPLICANT, event.reporter_name, phone=_plain(event.reporter_phone))]
    profile, clock = _clock(jurisdiction, now)
    new = NewCase(
        jurisdiction=jurisdiction,
        kind=KIND,
        title=event.title,
        description=event.description,
        channel=event.channel,
        fields={
            "grid": event.grid,
            "community": event.community,
            "address": event.address,
            "reporter_name": event.reporter_name,
            "reporter_phone": event.reporter_phone,
            "anonymous": event.anonymous,
            **clock,
        },
    )
    return DisputeDraft(new, profile, dtype, room, request, source_event=event, parties=parties)


def _plain(value: Any) -> str:
    # The event's phone moves from one encrypted column to another, never onto a page.
    return value.reveal() if value else ""
