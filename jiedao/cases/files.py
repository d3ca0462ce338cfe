"""Attachments are served only to users who may read their case (never as public media)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest

from jiedao.cases.models import Attachment
from jiedao.cases.queries import visible_cases


@login_required
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    att = Attachment.objects.filter(pk=pk, case__in=visible_cases(request.user)).first()  # type: ignore[arg-type]
    if att is None:
        raise Http404
    inline = att.content_type.startswith("image/") or att.content_type == "application/pdf"
    response = FileResponse(att.file.open("rb"), content_type=att.content_type, as_attachment=not inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    return response
