"""Core pages: the audit history of one object; the choice of the jurisdiction one acts in."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jiedao.core import acting
from jiedao.core.history import history_for


@login_required
def object_history(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    obj, entries = history_for(request.user, object_type, object_id)  # type: ignore[arg-type]
    return render(request, "core/history.html", {"object": obj, "entries": entries[:500]})


@login_required
@require_POST
def choose_jurisdiction(request: HttpRequest) -> HttpResponse:
    """The navigation's picker: act in another of one's jurisdictions (403 for one not held)."""
    chosen = acting.choose(request, request.POST.get("jurisdiction", ""))
    messages.success(request, _("已切换到“%(name)s”。") % {"name": chosen.name})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
        back = settings.LOGIN_REDIRECT_URL
    return redirect(back)
