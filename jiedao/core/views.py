"""Core pages: the audit history of one object."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jiedao.core.history import history_for


@login_required
def object_history(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    obj, entries = history_for(request.user, object_type, object_id)  # type: ignore[arg-type]
    return render(request, "core/history.html", {"object": obj, "entries": entries[:500]})
