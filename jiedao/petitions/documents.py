"""The petition's written notices (受理告知书, 不予受理告知书, 答复意见书) for the documents engine."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiedao.cases.models import Case
from jiedao.cases.rules import get_profile
from jiedao.core.calendar import local_date
from jiedao.core.errors import InvalidInput
from jiedao.documents.registry import DocumentType, register_document
from jiedao.petitions.models import Petition, Stage

TEMPLATES = Path(__file__).parent / "doc_templates"
REPLY_TITLES = {Stage.INITIAL: "答复意见书", Stage.REVIEW: "复查意见书", Stage.RECHECK: "复核意见书"}


def _day(moment: datetime | None) -> str:
    if moment is None:
        raise InvalidInput(_("该信访件尚无相应日期，不能出具文书。"))
    d = local_date(moment)
    return f"{d.year}年{d.month}月{d.day}日"


def _petition(case: Case) -> Petition:
    return Petition.objects.prefetch_related("petitioners").get(pk=case.pk)


def _common(case: Case, petition: Petition) -> dict[str, Any]:
    profile = get_profile(petition.profile)
    return {
        "petitioners": "、".join(p.name for p in petition.petitioners.all()),
        "received": _day(case.created_at),
        "channel": petition.get_channel_display(),
        "title": case.title,
        "law": profile.label.split("（")[0],
        "stage": petition.stage,
    }


def acceptance_context(case: Case) -> dict[str, Any]:
    petition = _petition(case)
    rules = get_profile(petition.profile).rules
    return {
        **_common(case, petition),
        "department": case.department.name if case.department else "",
        "handle_days": rules["petition.handle"].amount,
        "extension_days": rules["petition.extension_max"].amount,
        "decided": _day(petition.decided_at),
    }


def rejection_context(case: Case) -> dict[str, Any]:
    petition = _petition(case)
    reason = case.actions.filter(verb="reject").values_list("note", flat=True).last() or ""
    return {**_common(case, petition), "reason": reason, "decided": _day(petition.decided_at)}


def reply_context(case: Case) -> dict[str, Any]:
    petition = _petition(case)
    stage = Stage(petition.stage)
    window = "petition.review_request" if stage == Stage.INITIAL else "petition.recheck_request"
    return {
        **_common(case, petition),
        "kind_title": REPLY_TITLES[stage],
        "opinion": {Stage.INITIAL: "处理意见", Stage.REVIEW: "复查意见", Stage.RECHECK: "复核意见"}[stage],
        "content": case.description,
        "reply": case.result,
        "window_days": get_profile(petition.profile).rules[window].amount,
        "replied": _day(petition.replied_at),
    }


# (code, label, template, 文号 prefix, context, when it may be issued)
TYPES = [
    (
        "petitions.acceptance_notice",
        gettext_lazy("受理告知书"),
        "acceptance_notice",
        "信受",
        acceptance_context,
        lambda case: case.accepted_at is not None,
    ),
    (
        "petitions.rejection_notice",
        gettext_lazy("不予受理告知书"),
        "rejection_notice",
        "信不受",
        rejection_context,
        lambda case: case.state == "rejected",
    ),
    (
        "petitions.reply",
        gettext_lazy("答复意见书"),
        "reply",
        "信复",
        reply_context,
        lambda case: case.resolved_at is not None,
    ),
]


def register() -> None:
    for code, label, template, prefix, context, available in TYPES:
        register_document(
            DocumentType(
                code=code,
                label=label,
                kind="petition",
                template=TEMPLATES / f"{template}.txt",
                number_prefix=prefix,
                context=context,
                available=available,
            )
        )
