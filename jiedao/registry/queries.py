"""Scoped reads of the registry: every list, search and fetch a page or API makes goes through here."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from jiedao.core import crypto
from jiedao.core.ints import parse_int
from jiedao.core.models import Community, Grid, Tag, User
from jiedao.core.scope import Scope, scope_of
from jiedao.registry import access
from jiedao.registry.models import (
    ORGANISATION_KIND_TAG_SETS,
    PLACE_KIND_TAG_SETS,
    RESIDENT_TAG_SETS,
    Household,
    Organisation,
    Place,
    Resident,
)

M = TypeVar("M", bound=Model)


def _scope_q(user: User | None, model: type[Model]) -> Q:
    scope = access.reading_scope(user, model)
    return scope.filter_q(jurisdiction="jurisdiction", community="community", grid="grid")


def _visible(model: type[M], user: User | None, *, include_archived: bool = False) -> QuerySet[M]:
    qs = model._default_manager.filter(_scope_q(user, model))
    return qs if include_archived else qs.filter(archived=False)


def _exact_match_q(term: str, fields: dict[str, str]) -> Q:
    """Exact-value match through blind indexes: {bidx column: crypto kind}."""
    q = Q(pk__in=[])
    for column, kind in fields.items():
        digest = crypto.blind_index(term, kind)
        if digest:
            q |= Q(**{column: digest})
    return q


def residents_for(user: User | None, *, include_archived: bool = False) -> QuerySet[Resident]:
    return _visible(Resident, user, include_archived=include_archived)


def search_residents(
    user: User | None,
    *,
    q: str = "",
    community: int | None = None,
    grid: int | None = None,
    tag: int | None = None,
    include_archived: bool = False,
) -> QuerySet[Resident]:
    """Residents the user may see; `q` matches a name fragment or an exact ID/phone number."""
    qs = residents_for(user, include_archived=include_archived)
    term = q.strip()
    if term:
        qs = qs.filter(
            Q(name__icontains=term)
            | _exact_match_q(term, {"id_number_bidx": crypto.KIND_ID_NUMBER, "phone_bidx": crypto.KIND_PHONE})
        )
    if community:
        qs = qs.filter(community_id=community)
    if grid:
        qs = qs.filter(grid_id=grid)
    if tag:
        qs = qs.filter(tags__id=tag).distinct()
    return qs.select_related("community", "grid", "household").prefetch_related("tags")


def get_resident_for(user: User | None, pk: Any) -> Resident:
    """The resident if it exists and the user may see it; Http404 for missing and forbidden alike."""
    return _get_for(Resident, user, pk, related=("community", "grid", "household", "jurisdiction"))


def resident_is_visible(user: User | None, resident: Resident) -> bool:
    return residents_for(user, include_archived=True).filter(pk=resident.pk).exists()


def households_for(user: User | None, *, q: str = "") -> QuerySet[Household]:
    qs = _visible(Household, user)
    if q.strip():
        qs = qs.filter(Q(address__icontains=q.strip()) | Q(number__icontains=q.strip()))
    return qs.select_related("community", "grid")


def get_household_for(user: User | None, pk: Any) -> Household:
    return _get_for(Household, user, pk, related=("community", "grid"))


def places_for(
    user: User | None, *, q: str = "", kind: int | None = None, grid: int | None = None
) -> QuerySet[Place]:
    qs = _visible(Place, user)
    if q.strip():
        qs = qs.filter(Q(name__icontains=q.strip()) | Q(address__icontains=q.strip()))
    if kind:
        qs = qs.filter(kind_id=kind)
    if grid:
        qs = qs.filter(grid_id=grid)
    return qs.select_related("community", "grid", "kind")


def get_place_for(user: User | None, pk: Any) -> Place:
    return _get_for(Place, user, pk, related=("community", "grid", "kind"))


def organisations_for(user: User | None, *, q: str = "") -> QuerySet[Organisation]:
    qs = _visible(Organisation, user)
    term = q.strip()
    if term:
        qs = qs.filter(
            Q(name__icontains=term)
            | Q(credit_code=term.upper())
            | _exact_match_q(term, {"phone_bidx": crypto.KIND_PHONE})
        )
    return qs.select_related("community", "grid", "kind")


def get_organisation_for(user: User | None, pk: Any) -> Organisation:
    return _get_for(Organisation, user, pk, related=("community", "grid", "kind"))


def _get_for(model: type[M], user: User | None, pk: Any, *, related: tuple[str, ...]) -> M:
    key = parse_int(pk)
    if key is None:
        raise Http404
    obj = _visible(model, user, include_archived=True).select_related(*related).filter(pk=key).first()
    if obj is None:
        raise Http404
    return obj


# --- choices for forms and filters -------------------------------------------------------------


def communities_for(user: User | None) -> QuerySet[Community]:
    """Communities the user works in: jurisdiction-wide, community-scoped or holding their grids."""
    scope: Scope = access.keeping_scope(user)
    qs = Community.objects.all()
    if not scope.superuser:
        qs = qs.filter(
            Q(jurisdiction_id__in=scope.jurisdictions)
            | Q(id__in=scope.communities)
            | Q(grids__id__in=scope.grids)
        ).distinct()
    return qs.order_by("jurisdiction_id", "code")


def grids_for(user: User | None) -> QuerySet[Grid]:
    """Grids of the active boundary generation that the user works in."""
    scope = access.keeping_scope(user)
    qs = Grid.objects.filter(boundary_set__active=True)
    if not scope.superuser:
        qs = qs.filter(
            Q(jurisdiction_id__in=scope.jurisdictions)
            | Q(community_id__in=scope.communities)
            | Q(id__in=scope.grids)
        )
    return qs.select_related("community").order_by("community__code", "code")


def _tags_for(user: User | None, tag_sets: tuple[str, ...]) -> QuerySet[Tag]:
    """Tags of the given sets in the user's jurisdictions, by set, then in configuration order."""
    scope = scope_of(user)
    qs = Tag.objects.filter(tag_set__in=tag_sets)
    if not scope.superuser:
        qs = qs.filter(jurisdiction_id__in=scope.member_of)
    return qs.order_by("tag_set", "pk")


def resident_tags_for(user: User | None) -> QuerySet[Tag]:
    return _tags_for(user, RESIDENT_TAG_SETS)


def place_kinds_for(user: User | None) -> QuerySet[Tag]:
    return _tags_for(user, PLACE_KIND_TAG_SETS)


def organisation_kinds_for(user: User | None) -> QuerySet[Tag]:
    return _tags_for(user, ORGANISATION_KIND_TAG_SETS)
