"""The typed inputs of mediation's transitions (declared once: the action forms, the API bodies
and OpenAPI come from these). The effects (mediation/effects.py) check what the values mean."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiedao.cases.inputs import FormContext, Input
from jiedao.mediation.models import Fulfilment, PartyRole, Room, RoomMember, SharedCourt


def _rooms(ctx: FormContext) -> list[Room]:
    return ctx.once(
        "rooms", lambda: list(Room.objects.filter(jurisdiction_id=ctx.case.jurisdiction_id, active=True))
    )


def _room_choices(ctx: FormContext) -> list[tuple[str, str]]:
    return [(str(r.pk), r.name) for r in _rooms(ctx)]


def _mediator_choices(ctx: FormContext) -> list[tuple[str, str]]:
    members = (
        RoomMember.objects.filter(room__in=_rooms(ctx))
        .select_related("room", "user")
        .order_by("room__order", "user__username")
    )
    return [(str(m.user_id), f"{m.user}（{m.room.name}）") for m in members]


def _courts(ctx: FormContext) -> list[tuple[str, str]]:
    return [(str(c.pk), c.name) for c in SharedCourt.objects.filter(jurisdiction_id=ctx.case.jurisdiction_id)]


def _today(ctx: FormContext) -> str:
    return timezone.localdate().isoformat()


def _of_dispute(name: str) -> Any:
    """The initial value: the dispute's own field (its room, mediator, court reference …)."""
    return lambda ctx: getattr(ctx.extension, name, "") if ctx.extension is not None else ""


def _choices_of(enum: Any) -> Any:
    return lambda ctx: [(str(v), str(label)) for v, label in enum.choices if v]


ROOM = Input("room", _("调解室"), "select", "int", choices=_room_choices, initial=_of_dispute("room_id"))
MEDIATOR = Input(
    "mediator", _("调解员"), "select", "int", choices=_mediator_choices, initial=_of_dispute("mediator_id")
)
PARTY = (
    Input("party_role", _("当事人身份"), "select", choices=_choices_of(PartyRole)),
    Input("party_name", _("姓名或名称")),
    Input("party_id_number", _("身份证号码"), required=False),
    Input("party_phone", _("联系电话"), required=False),
    Input("party_address", _("住址"), required=False),
)
SESSION = (
    Input("held_on", _("调解日期"), "date", "date", initial=_today),
    Input("place", _("调解地点"), required=False),
    Input("attendees", _("参加人员")),
    Input("record", _("笔录内容"), "textarea"),
)
AGREEMENT = (
    Input("terms", _("协议内容（含履行方式、期限）"), "textarea"),
    Input("effective_on", _("协议生效日期"), "date", "date", initial=_today),
)
COURT = Input("court", _("共享法庭"), "select", "int", choices=_courts)
COURT_REFERENCE = Input(
    "court_reference", _("法庭案号"), required=False, initial=_of_dispute("court_reference")
)
COURT_RESULT = Input("court_result", _("法庭处理结果"), "textarea")
FULFILMENT = Input(
    "fulfilment", _("履行情况"), "select", choices=_choices_of(Fulfilment), initial=_of_dispute("fulfilment")
)
CONFIRMATION = (
    Input("applied_on", _("申请日期"), "date", "date", initial=_today),
    Input("confirmation_court", _("受理法院")),
)
RULING = (
    Input("ruling_on", _("裁定日期"), "date", "date", initial=_today),
    Input("ruling_reference", _("裁定书文号"), required=False),
)
