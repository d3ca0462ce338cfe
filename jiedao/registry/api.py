"""Registry API (read-only): scoped, paginated lists and details; personal data always masked.

The lead mounts `router` at /api/registry/ and sets its authentication; handlers take the
user from `request.auth` when an authenticator set one, else from the session.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from jiedao.core.api.schemas import DbInt
from jiedao.core.fields import Protected
from jiedao.core.ints import PAGE_MAX
from jiedao.core.models import User
from jiedao.registry import queries
from jiedao.registry.models import Place, Resident

router = Router(tags=["registry"])
PAGE_SIZE_MAX = 100


def _user(request: HttpRequest) -> User:
    auth: Any = getattr(request, "auth", None)
    return auth if isinstance(auth, User) else request.user  # type: ignore[return-value]


def _masked(value: Protected | None) -> str | None:
    return value.masked if value else None


class ResidentOut(Schema):
    id: int
    name: str
    id_number: str | None  # masked: 330302********1234
    phone: str | None  # masked: 138****5678
    gender: str
    birth_date: dt.date | None
    residence_type: str
    jurisdiction_id: int
    community_id: int
    community: str
    grid_id: int | None
    grid: str | None
    household_id: int | None
    tags: list[str]
    archived: bool
    version: int


class ResidentPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ResidentOut]


class PlaceOut(Schema):
    id: int
    name: str
    kind: str
    address: str
    lat: float | None
    lng: float | None
    risk_colour: str
    community_id: int
    grid_id: int | None
    version: int


class PlacePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PlaceOut]


class ResidentParams(Schema):
    q: str = ""
    community: DbInt | None = None
    grid: DbInt | None = None
    tag: DbInt | None = None
    page: DbInt = 1
    page_size: DbInt = 20


class PlaceParams(Schema):
    q: str = ""
    kind: DbInt | None = None
    grid: DbInt | None = None
    page: DbInt = 1
    page_size: DbInt = 20


def _resident(r: Resident) -> dict[str, Any]:
    return {
        "id": r.pk,
        "name": r.name,
        "id_number": _masked(r.id_number),
        "phone": _masked(r.phone),
        "gender": r.gender,
        "birth_date": r.birth_date,
        "residence_type": r.residence_type,
        "jurisdiction_id": r.jurisdiction_id,
        "community_id": r.community_id,
        "community": r.community.name,
        "grid_id": r.grid_id,
        "grid": r.grid.name if r.grid else None,
        "household_id": r.household_id,
        "tags": [t.name for t in r.tags.all()],
        "archived": r.archived,
        "version": r.version,
    }


def _place(p: Place) -> dict[str, Any]:
    return {
        "id": p.pk,
        "name": p.name,
        "kind": p.kind.name,
        "address": p.address,
        "lat": p.lat,
        "lng": p.lng,
        "risk_colour": p.risk_colour,
        "community_id": p.community_id,
        "grid_id": p.grid_id,
        "version": p.version,
    }


def _window(page: int, page_size: int) -> tuple[int, int]:
    size = max(1, min(page_size, PAGE_SIZE_MAX))
    return max(1, min(page, PAGE_MAX)), size


@router.get("/residents", response=ResidentPage, summary="居民列表（号码已脱敏）")
def list_residents(request: HttpRequest, params: Query[ResidentParams]) -> dict[str, Any]:
    qs = queries.search_residents(
        _user(request), q=params.q, community=params.community, grid=params.grid, tag=params.tag
    )
    page, size = _window(params.page, params.page_size)
    rows = list(qs[(page - 1) * size : page * size])
    return {"count": qs.count(), "page": page, "page_size": size, "results": [_resident(r) for r in rows]}


@router.get("/residents/{resident_id}", response=ResidentOut, summary="居民详情（号码已脱敏）")
def get_resident(request: HttpRequest, resident_id: DbInt) -> dict[str, Any]:
    resident = queries.get_resident_for(_user(request), resident_id)
    return _resident(resident)


@router.get("/places", response=PlacePage, summary="场所列表")
def list_places(request: HttpRequest, params: Query[PlaceParams]) -> dict[str, Any]:
    qs = queries.places_for(_user(request), q=params.q, kind=params.kind, grid=params.grid)
    page, size = _window(params.page, params.page_size)
    rows = list(qs[(page - 1) * size : page * size])
    return {"count": qs.count(), "page": page, "page_size": size, "results": [_place(p) for p in rows]}
