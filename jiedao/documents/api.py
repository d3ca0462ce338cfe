"""API routes of this app, mounted at /api/documents by jiedao.api.urls (token or session auth).

GET  /api/documents/cases/{case_id}          the case's issued documents and the types one may generate
POST /api/documents/cases/{case_id}/{code}   generate one (201 with the document)
GET  /api/documents/{document_id}/download   the .docx
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest
from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from jiedao.cases.queries import get_case_for
from jiedao.core.api.auth import current_user
from jiedao.core.api.schemas import DbInt
from jiedao.documents import actions
from jiedao.documents.models import IssuedDocument
from jiedao.documents.queries import case_documents
from jiedao.documents.views import docx_response

router = Router(tags=["documents"])


class DocumentOut(Schema):
    id: int
    code: str
    label: str
    number: str
    year: int
    serial: int
    size: int
    revealed: bool
    created_at: datetime
    created_by: str
    download_url: str


class DocumentTypeOut(Schema):
    code: str
    label: str


class CaseDocumentsOut(Schema):
    documents: list[DocumentOut]
    available: list[DocumentTypeOut]


def document_out(doc: IssuedDocument) -> dict[str, Any]:
    return {
        "id": doc.pk,
        "code": doc.code,
        "label": doc.label,
        "number": doc.number,
        "year": doc.year,
        "serial": doc.serial,
        "size": doc.size,
        "revealed": doc.revealed,
        "created_at": doc.created_at,
        "created_by": str(doc.created_by or ""),
        "download_url": reverse("api:download_document", args=[doc.pk]),
    }


@router.get("/cases/{case_id}", response=CaseDocumentsOut, summary="案件的文书")
def list_documents(request: HttpRequest, case_id: DbInt) -> dict[str, Any]:
    user = current_user(request)
    panel = case_documents(user, get_case_for(user, case_id))
    return {
        "documents": [document_out(d) for d in panel.issued],
        "available": [{"code": t.code, "label": str(t.label)} for t in panel.types],
    }


@router.post("/cases/{case_id}/{code}", response={201: DocumentOut}, summary="生成文书")
def generate_document(request: HttpRequest, case_id: DbInt, code: str) -> Status:
    user = current_user(request)
    case = get_case_for(user, case_id)
    return Status(201, document_out(actions.generate(case.pk, code, acting_user=user)))


@router.get("/{document_id}/download", url_name="download_document", summary="下载文书")
def download_document(request: HttpRequest, document_id: DbInt) -> FileResponse:
    try:
        return docx_response(actions.open_document(document_id, acting_user=current_user(request)))
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from exc
