"""接口令牌 of one person, for the admin of their jurisdiction: list and revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jiedao.core.models import User
from jiedao.staff.access import person_for, require_manager
from jiedao.staff.tokens.actions import revoke_token
from jiedao.staff.tokens.queries import tokens_of


@login_required
@require_GET
def token_list(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    person, jurisdiction = person_for(user, pk, require_manager(user))
    return render(
        request,
        "staff/tokens.html",
        {"person": person, "jurisdiction": jurisdiction, "tokens": list(tokens_of(person))},
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int, token_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    person, jurisdiction = person_for(user, pk, require_manager(user))
    token = tokens_of(person).filter(pk=token_id).first()
    if token is None:
        raise Http404
    if revoke_token(acting_user=user, token=token, jurisdiction_id=jurisdiction.pk):
        name = token.name or _("未命名")
        messages.success(request, _("已吊销令牌“%(name)s”：使用它的下一个请求即被拒绝。") % {"name": name})
    else:
        messages.info(request, _("该令牌已吊销"))
    return redirect("staff:tokens", pk=person.pk)
