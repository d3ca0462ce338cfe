"""What mediation's timeline says under its entries (the surface's `timeline_details`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from jiedao.mediation.models import Fulfilment, PartyRole


def timeline_details(data: dict[str, Any]) -> list[str]:
    """The lines a mediation action adds under its timeline entry (room, party, session, court)."""
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
