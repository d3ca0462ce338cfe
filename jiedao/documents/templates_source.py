"""Which template text a document uses: the jurisdiction's override, else the repo file."""

from __future__ import annotations

from jiedao.documents.models import DocumentTemplate
from jiedao.documents.registry import DocumentType


def default_text(doc: DocumentType) -> str:
    return doc.template.read_text(encoding="utf-8")


def template_text(jurisdiction_id: int, doc: DocumentType) -> str:
    override = (
        DocumentTemplate.objects.filter(jurisdiction_id=jurisdiction_id, code=doc.code)
        .values_list("text", flat=True)
        .first()
    )
    return override if override is not None else default_text(doc)
