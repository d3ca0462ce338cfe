"""Documents on case pages: generate (POST, htmx-friendly) and a scoped download."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jiedao.cases.queries import get_case_for
from jiedao.core.errors import DomainError
from jiedao.core.models import User
from jiedao.documents import actions
from jiedao.documents.models import IssuedDocument
from jiedao.documents.queries import case_documents

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(doc: IssuedDocument) -> FileResponse:
    """The .docx as a download named 〈label〉（〈文号〉）.docx (RFC 5987 filename*=)."""
    response = FileResponse(doc.file.open("rb"), content_type=DOCX, as_attachment=True, filename=doc.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    user: User = request.user  # type: ignore[assignment]
    return docx_response(actions.open_document(pk, acting_user=user))


@login_required
@require_POST
def generate(request: HttpRequest, case_id: int, code: str) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    case = get_case_for(user, case_id)
    extra: dict[str, Any] = {}
    try:
        issued = actions.generate(case.pk, code, acting_user=user)
        extra["document_issued"] = issued
    except DomainError as exc:
        extra["document_error"] = exc.message
    if request.htmx:  # type: ignore[attr-defined]
        context = {"case": case, "documents_panel": case_documents(user, case), **extra}
        return render(request, "documents/_case_documents.html", context)
    if "document_error" in extra:
        messages.error(request, extra["document_error"])
    else:
        messages.success(
            request, _("已出具%(label)s（%(number)s）。") % {"label": issued.title, "number": issued.number}
        )
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("web:workbench")
