"""What mediation pages add to the shared case components: the action forms' fields (labels,
widgets, choices of rooms, mediators, courts) and timeline details for mediation actions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from jiedao.cases import pages
from jiedao.cases.models import Case
from jiedao.core.models import User
from jiedao.mediation.models import Dispute, Fulfilment, PartyRole


def action_specs(
    user: User, case: Case, dispute: Dispute, posted: Mapping[str, Any] | None
) -> list[pages.ActionSpec]:
    """The engine's action specs, drawn from mediation's declared inputs (mediation/fields.py)."""
    return pages.action_specs(user, case, posted, extension=dispute)


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
