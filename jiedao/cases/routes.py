"""A kind's page routes, from its Surface: list, each preset list, detail, act, new, new/done.

A kind's urls.py is `app_name = surface.slug; urlpatterns = kind_urls(SURFACE) + [its own pages]`.
Each view is declared with the roles that may open it (core.access), so menus and links show it
exactly to those it serves.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jiedao.cases import views
from jiedao.cases.kinds import get_kind
from jiedao.cases.surface import Surface
from jiedao.core.access import page_access


def _readers(surface: Surface) -> tuple[str, ...]:
    readers = get_kind(surface.kind).readers
    if readers is None:
        from jiedao.core.models import Role

        return tuple(Role.values)
    return tuple(readers)


def kind_urls(surface: Surface) -> list[URLPattern]:
    readers = _readers(surface)

    @login_required
    @require_GET
    @page_access(*readers)
    def list_view(request: HttpRequest) -> HttpResponse:
        return views.list_page(request, surface)

    @login_required
    @require_GET
    def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
        return views.detail_page(request, surface, pk)

    @login_required
    @require_POST
    def act_view(request: HttpRequest, pk: int) -> HttpResponse:
        return views.act(request, surface, pk)

    patterns = [
        path("", list_view, name="list"),
        path("<int:pk>/", detail_view, name="detail"),
        path("<int:pk>/act/", act_view, name="act"),
    ]
    for name in surface.listing.presets:
        patterns.append(path(f"{name}/", _preset_view(surface, name, readers), name=name))
    if surface.intake is not None:
        patterns += _intake_urls(surface)
    return patterns


def _preset_view(surface: Surface, preset: str, readers: tuple[str, ...]) -> Any:
    @login_required
    @require_GET
    @page_access(*readers)
    def preset_view(request: HttpRequest) -> HttpResponse:
        return views.list_page(request, surface, preset)

    return preset_view


def _intake_urls(surface: Surface) -> list[URLPattern]:
    intake = surface.intake
    assert intake is not None

    @login_required
    @require_http_methods(["GET", "POST"])
    @page_access(*intake.roles, check=intake.check, denied=intake.denied)
    def create_view(request: HttpRequest) -> HttpResponse:
        return views.create(request, surface)

    @login_required
    @require_GET
    def created_view(request: HttpRequest) -> HttpResponse:
        return views.created(request, surface)

    return [path("new/", create_view, name="create"), path("new/done/", created_view, name="created")]
