"""Page views: thin — parse, call one scoped query or action, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jiedao.core import menu
from jiedao.core.access import page_access
from jiedao.core.models import Role
from jiedao.core.scope import scope_of
from jiedao.core.todo import todo_for
from jiedao.web import queries
from jiedao.web.forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("您已安全退出。"))
    return redirect(settings.LOGOUT_REDIRECT_URL)


@login_required
def workbench(request: HttpRequest) -> HttpResponse:
    user = request.user
    scope = scope_of(user)  # type: ignore[arg-type]
    return render(
        request,
        "web/workbench.html",
        {
            "summary": queries.scope_summary(scope, user),  # type: ignore[arg-type]
            "todo": todo_for(user, scope),  # type: ignore[arg-type]
            "panels": menu.panels_for(scope),  # pages the apps register (a kind's to-do list)
            "shortcuts": menu.shortcuts_for(scope),
        },
    )


# The staff map: every role of the office (a resident reports through the public channels).
MAP_ROLES = tuple(role for role in Role.values if role != Role.RESIDENT)


@login_required
@require_GET
@page_access(*MAP_ROLES)
def grid_map(request: HttpRequest) -> HttpResponse:
    grids = list(queries.visible_grids(request.user))  # type: ignore[arg-type]
    own = queries.own_grid_ids(request.user)  # type: ignore[arg-type]
    return render(
        request,
        "web/grid_map.html",
        {"grids": grids, "own_ids": own, "own_count": sum(1 for g in grids if g.pk in own)},
    )


@login_required
@require_GET
def grids_geojson(request: HttpRequest) -> JsonResponse:
    return JsonResponse(queries.grids_feature_collection(request.user))  # type: ignore[arg-type]
