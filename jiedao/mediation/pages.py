"""What mediation pages add to the shared case components: the action forms' fields (labels,
widgets, choices of rooms, mediators, courts) and timeline details for mediation actions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiedao.cases import pages
from jiedao.cases.models import Case
from jiedao.core.models import User
from jiedao.mediation.models import Dispute, Fulfilment, PartyRole, Room, RoomMember, SharedCourt

# name → (label, widget, required)
FIELDS: dict[str, tuple[Promise, str, bool]] = {
    "room": (gettext_lazy("调解室"), "select", True),
    "mediator": (gettext_lazy("调解员"), "select", True),
    "party_role": (gettext_lazy("当事人身份"), "select", True),
    "party_name": (gettext_lazy("姓名或名称"), "text", True),
    "party_id_number": (gettext_lazy("身份证号码"), "text", False),
    "party_phone": (gettext_lazy("联系电话"), "text", False),
    "party_address": (gettext_lazy("住址"), "text", False),
    "held_on": (gettext_lazy("调解日期"), "date", True),
    "place": (gettext_lazy("调解地点"), "text", False),
    "attendees": (gettext_lazy("参加人员"), "text", True),
    "record": (gettext_lazy("笔录内容"), "textarea", True),
    "terms": (gettext_lazy("协议内容（含履行方式、期限）"), "textarea", True),
    "effective_on": (gettext_lazy("协议生效日期"), "date", True),
    "court": (gettext_lazy("共享法庭"), "select", True),
    "court_reference": (gettext_lazy("法庭案号"), "text", False),
    "court_result": (gettext_lazy("法庭处理结果"), "textarea", True),
    "fulfilment": (gettext_lazy("履行情况"), "select", True),
    "applied_on": (gettext_lazy("申请日期"), "date", True),
    "confirmation_court": (gettext_lazy("受理法院"), "text", True),
    "ruling_on": (gettext_lazy("裁定日期"), "date", True),
    "ruling_reference": (gettext_lazy("裁定书文号"), "text", False),
}


def _choices(
    name: str, dispute: Dispute, rooms: list[Room], members: list[RoomMember]
) -> list[tuple[str, str]]:
    if name == "room":
        return [(str(r.pk), r.name) for r in rooms]
    if name == "mediator":
        return [(str(m.user_id), f"{m.user}（{m.room.name}）") for m in members]
    if name == "party_role":
        return [(str(v), str(label)) for v, label in PartyRole.choices]
    if name == "court":
        return [
            (str(c.pk), c.name)
            for c in SharedCourt.objects.filter(jurisdiction_id=dispute.case.jurisdiction_id)
        ]
    if name == "fulfilment":
        return [(str(v), str(label)) for v, label in Fulfilment.choices if v]
    return []


def _initial(name: str, dispute: Dispute) -> str:
    today = timezone.localdate().isoformat()
    initial = {
        "room": str(dispute.room_id or ""),
        "mediator": str(dispute.mediator_id or ""),
        "held_on": today,
        "effective_on": today,
        "applied_on": today,
        "ruling_on": today,
        "court_reference": dispute.court_reference,
        "fulfilment": dispute.fulfilment,
    }
    return initial.get(name, "")


def action_specs(
    user: User, case: Case, dispute: Dispute, posted: Mapping[str, Any] | None
) -> list[pages.ActionSpec]:
    """The engine's action specs with mediation's own field labels, widgets and choices."""
    specs = pages.action_specs(user, case, posted)
    wanted = {f.name for s in specs for f in s.fields}
    rooms = (
        list(Room.objects.filter(jurisdiction_id=case.jurisdiction_id, active=True))
        if wanted & {"room", "mediator"}
        else []
    )
    members = (
        list(
            RoomMember.objects.filter(room__in=rooms)
            .select_related("room", "user")
            .order_by("room__order", "user__username")
        )
        if "mediator" in wanted
        else []
    )
    for spec in specs:
        for f in spec.fields:
            label, widget, required = FIELDS.get(f.name, (f.label, f.widget, f.required))
            f.label, f.widget, f.required = str(label), widget, required
            f.choices = _choices(f.name, dispute, rooms, members)
            if not spec.open:
                f.initial = _initial(f.name, dispute)
    return specs


def _details(data: dict[str, Any]) -> list[str]:
    out = []
    if data.get("room_name"):
        out.append(
            _("调解室：%(room)s；调解员：%(who)s")
            % {"room": data["room_name"], "who": data.get("mediator_name", "")}
        )
    if data.get("party_name"):
        role = PartyRole(data["party_role"]).label if data.get("party_role") in PartyRole.values else ""
        out.append(f"{role}：{data['party_name']}")
    if data.get("session"):
        out.append(_("第%(n)s次调解，%(d)s") % {"n": data["session"], "d": data.get("held_on", "")})
    if data.get("effective_on"):
        out.append(_("协议生效日期：%(d)s") % {"d": data["effective_on"]})
    if data.get("court_name"):
        out.append(_("共享法庭：%(c)s") % {"c": data["court_name"]})
    if data.get("court_reference"):
        out.append(_("法庭案号：%(r)s") % {"r": data["court_reference"]})
    if data.get("fulfilment") in Fulfilment.values:
        out.append(_("履行情况：%(f)s") % {"f": Fulfilment(data["fulfilment"]).label})
    if data.get("applied_on"):
        out.append(
            _("申请日期：%(d)s；受理法院：%(c)s")
            % {"d": data["applied_on"], "c": data.get("confirmation_court", "")}
        )
    if data.get("ruling_on"):
        out.append(_("裁定日期：%(d)s") % {"d": data["ruling_on"]})
    return out


def timeline_entries(case: Case) -> list[pages.TimelineEntry]:
    entries = pages.timeline_entries(case)
    for e in entries:
        e.details = e.details + _details(e.action.data or {})
    return entries
