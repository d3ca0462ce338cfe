"""The mediation documents (人民调解法 §17, §27–§29): 调解申请书, 调解笔录, 调解协议书.

Each registers with the documents engine. Names and addresses go in as text; ID numbers and
phones as `Personal` values: masked, except in the documents the parties sign (申请书, 协议书 —
a court needs the full numbers for 司法确认) when the user issuing them may reveal personal
data, which the documents engine audits (ARCHITECTURE rule 7).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

from jiedao.cases.models import Case
from jiedao.cases.rules import get_profile
from jiedao.core.errors import InvalidInput
from jiedao.documents.markup import chinese_date
from jiedao.documents.personal import Particulars, Personal
from jiedao.documents.registry import DocumentType, register_document
from jiedao.mediation.effects import CONFIRMATION, check_parties
from jiedao.mediation.kind import KIND
from jiedao.mediation.models import Dispute, Party, PartyRole

TEMPLATES = Path(__file__).parent / "doc_templates"


def _dispute(case: Case) -> Dispute:
    return Dispute.objects.select_related("room", "dispute_type", "mediator").get(pk=case.pk)


def _party(p: Party) -> dict[str, Any]:
    """Name, then whichever of ID number, phone and address are known (also one by one)."""
    id_number, phone = Personal(p, "id_number"), Personal(p, "phone")
    known: list[tuple[str, Personal | str]] = [
        ("身份证号码", id_number),
        ("联系电话", phone),
        ("住址", p.address),
    ]
    return {
        "name": p.name,
        "id_number": id_number,
        "phone": phone,
        "address": p.address,
        "details": Particulars(known),
    }


def _common(case: Case, dispute: Dispute) -> dict[str, Any]:
    parties = list(dispute.parties.all())
    return {
        "case_number": case.number,
        "committee": f"{case.jurisdiction.name}人民调解委员会",
        "room": dispute.room.name if dispute.room else "",
        "mediator": str(dispute.mediator) if dispute.mediator else "",
        "dispute_type": dispute.dispute_type.name,
        "title": case.title,
        "facts": case.description,
        "request": dispute.request or case.title,
        "registered_on": chinese_date(case.created_at),
        "applicants": [_party(p) for p in parties if p.role == PartyRole.APPLICANT],
        "respondents": [_party(p) for p in parties if p.role == PartyRole.RESPONDENT],
    }


def application_context(case: Case) -> dict[str, Any]:
    dispute = _dispute(case)
    context = _common(case, dispute)
    if not context["applicants"]:
        raise InvalidInput(_("调解申请书须载明申请人：请先添加申请人。"), code="no_parties")
    return context


def record_context(case: Case) -> dict[str, Any]:
    dispute = _dispute(case)
    sessions = [
        {
            "seq": s.seq,
            "held_on": chinese_date(s.held_on),
            "place": s.place or "—",
            "mediator": s.mediator_name or "—",
            "attendees": s.attendees,
            "record": s.record,
        }
        for s in dispute.sessions.all()
    ]
    return {**_common(case, dispute), "sessions": sessions}


def agreement_context(case: Case) -> dict[str, Any]:
    dispute = _dispute(case)
    check_parties(dispute)  # InvalidInput: an agreement without both sides is refused
    context = _common(case, dispute)
    effective = dispute.agreement_effective
    return {
        **context,
        "terms": dispute.agreement_terms,
        "effective_on": chinese_date(effective) if effective else "",
        "copies": len(context["applicants"]) + len(context["respondents"]) + 1,
        "confirmation_days": get_profile(dispute.profile).rule(CONFIRMATION).amount,
    }


def _has_sessions(case: Case) -> bool:
    return Dispute.objects.filter(pk=case.pk, sessions__isnull=False).exists()


def _has_agreement(case: Case) -> bool:
    return Dispute.objects.filter(pk=case.pk, outcome="success").exists()


DOCUMENTS = [
    DocumentType(
        code="mediation.application",
        label=_("调解申请书"),
        kind=KIND,
        template=TEMPLATES / "application.txt",
        number_prefix="调申",
        context=application_context,
        for_signature=True,
    ),
    DocumentType(
        code="mediation.record",
        label=_("调解笔录"),
        kind=KIND,
        template=TEMPLATES / "record.txt",
        number_prefix="调笔",
        context=record_context,
        available=_has_sessions,
    ),
    DocumentType(
        code="mediation.agreement",
        label=_("调解协议书"),
        kind=KIND,
        template=TEMPLATES / "agreement.txt",
        number_prefix="调协",
        context=agreement_context,
        available=_has_agreement,
        for_signature=True,
    ),
]


def register() -> None:
    for doc in DOCUMENTS:
        register_document(doc)
