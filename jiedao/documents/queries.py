"""Scoped reads of issued documents: a document is visible exactly when its case is."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from jiedao.cases.models import Case
from jiedao.cases.queries import get_case_for
from jiedao.core.models import User
from jiedao.documents.models import IssuedDocument
from jiedao.documents.permissions import may_issue, may_reveal
from jiedao.documents.registry import DocumentType, document_types_for


def documents_of(case: Case) -> QuerySet[IssuedDocument]:
    return case.documents.select_related("created_by").order_by("-created_at", "-id")


def get_document_for(user: User | None, pk: int | str) -> IssuedDocument:
    """The document if this user may read its case; 404 alike for missing and forbidden."""
    try:
        doc = IssuedDocument.objects.get(pk=int(pk))
    except (IssuedDocument.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    get_case_for(user, doc.case_id)
    return doc


@dataclass
class CaseDocuments:
    """What the case page's documents panel shows."""

    case: Case
    issued: list[IssuedDocument]
    types: list[DocumentType]  # the types this user may generate now (empty if they may not)
    can_reveal: bool = False  # may download the documents carrying full ID/phone numbers


def case_documents(user: User | None, case: Case) -> CaseDocuments:
    types = document_types_for(case) if may_issue(user, case) else []
    return CaseDocuments(
        case=case,
        issued=list(documents_of(case)),
        types=types,
        can_reveal=may_reveal(user, case.jurisdiction_id),
    )
