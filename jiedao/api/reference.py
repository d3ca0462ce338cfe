"""Reference data for clients: categories and grids of the caller's jurisdictions."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema

from jiedao.core.api.auth import AUTH, current_user
from jiedao.core.api.schemas import Ref
from jiedao.core.models import Category, Grid
from jiedao.core.scope import scope_of

router = Router(tags=["reference"], auth=AUTH)


class CategoryOut(Schema):
    id: int
    code: str
    name: str
    platform: Ref
    parent_id: int | None


class GridOut(Schema):
    id: int
    code: str
    name: str
    community: Ref
    geometry: dict[str, Any]


@router.get("/categories", response=list[CategoryOut], summary="事件分类")
def categories(request: HttpRequest) -> QuerySet[Category]:
    member = scope_of(current_user(request)).member_of
    return Category.objects.filter(jurisdiction_id__in=member).select_related("platform").order_by("code")


@router.get("/grids", response=list[GridOut], summary="网格（当前边界版本）")
def grids(request: HttpRequest) -> QuerySet[Grid]:
    scope = scope_of(current_user(request))
    return (
        Grid.objects.filter(boundary_set__active=True)
        .filter(scope.filter_q(jurisdiction="jurisdiction", community="community", grid="id"))
        .select_related("community")
        .order_by("code")
    )
