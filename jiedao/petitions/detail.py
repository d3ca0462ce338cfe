"""What a petition's detail page shows: the shared case components plus the petition's own facts,
its chain (repeats, 复查/复核) and the action forms with the petition-specific fields filled in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from jiedao.cases import pages
from jiedao.cases.models import Case
from jiedao.cases.rules import get_profile
from jiedao.core.models import User
from jiedao.petitions import categories
from jiedao.petitions.models import BacklogOutcome, Petition


def action_specs(
    user: User, case: Case, petition: Petition, posted: Mapping[str, Any] | None
) -> list[pages.ActionSpec]:
    return pages.action_specs(user, case, posted, extension=petition)


def _timeline_details(entries: list[pages.TimelineEntry]) -> None:
    for e in entries:
        data = e.action.data or {}
        if data.get("extension_days"):
            e.details.append(_("延期：%(n)s 日") % {"n": data["extension_days"]})
        if data.get("follow_up"):
            e.details.append(_("新立：%(n)s") % {"n": data["follow_up"]})
        if data.get("transferred_to"):
            e.details.append(_("转送：%(n)s") % {"n": data["transferred_to"]})
        if data.get("leader_name"):
            e.details.append(
                _("包案领导：%(n)s（%(l)s）") % {"n": data["leader_name"], "l": data.get("backlog_level", "")}
            )
        if data.get("outcome"):
            e.details.append(
                _("化解：%(o)s %(d)s")
                % {"o": BacklogOutcome(data["outcome"]).label, "d": data.get("resolved_on", "")}
            )


def context(user: User, case: Case, posted: Mapping[str, Any] | None = None) -> dict[str, Any]:
    petition = (
        Petition.objects.select_related(
            "repeat_of__case", "parent__case", "backlog_leader", "extension_approved_by"
        )
        .prefetch_related("petitioners")
        .get(pk=case.pk)
    )
    follow_ups = list(Petition.objects.filter(parent=petition).select_related("case"))
    root_id = petition.repeat_of_id or petition.pk
    chain = list(
        Petition.objects.filter(repeat_of_id=root_id)
        .exclude(pk=petition.pk)
        .select_related("case")
        .order_by("case__created_at")
    )
    petition.has_follow_up = bool(follow_ups)  # type: ignore[attr-defined]
    entries = pages.timeline_entries(case)
    _timeline_details(entries)
    return {
        "case": case,
        "petition": petition,
        "profile": get_profile(petition.profile),
        "category_label": categories.label_of(petition.content_category),
        "follow_ups": follow_ups,
        "repeats": chain,
        "state_badge": pages.state_badge(case.kind, case.state),
        "time_badge": pages.time_badge(case.time_status),
        "entries": entries,
        "attachments": pages.attachments_of(entries),
        "specs": action_specs(user, case, petition, posted),
        "act_url": reverse("petitions:act", args=[case.pk]),
    }
