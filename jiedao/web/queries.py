"""Scoped reads for the pages in this app: which grids a user's map shows, and how they are labelled."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jiedao.core import staffing
from jiedao.core.models import Community, Department, Grid, InspectionArea, Jurisdiction, Role, User
from jiedao.core.scope import Scope, assignments_of, scope_of


def map_jurisdiction_ids(scope: Scope) -> set[int] | None:
    """Jurisdictions whose boundaries a user's map draws; None means every one (superuser).

    Grid boundaries are organisational, not personal, data: every member of a jurisdiction sees
    all of its grids so that a grid worker can tell on which side of a boundary a point lies.
    Whether a grid is *theirs* is reported separately (see `own_grid_ids`).
    """
    if scope.superuser:
        return None
    return set(scope.member_of)


def visible_grids(user: User) -> QuerySet[Grid]:
    """Grids of the active boundary set of every jurisdiction the user belongs to."""
    scope = scope_of(user)
    qs = Grid.objects.filter(boundary_set__active=True).select_related("community", "jurisdiction")
    jurisdictions = map_jurisdiction_ids(scope)
    if jurisdictions is not None:
        qs = qs.filter(jurisdiction_id__in=jurisdictions)
    return qs.order_by("jurisdiction_id", "code")


def own_grid_ids(user: User) -> set[int]:
    """Ids of the visible grids inside the user's working scope (their grid, community, jurisdiction)."""
    scope = scope_of(user)
    q = scope.filter_q(jurisdiction="jurisdiction", community="community", grid="id")
    return set(visible_grids(user).filter(q).values_list("id", flat=True))


def grids_feature_collection(user: User) -> dict[str, Any]:
    """The user's visible grids as a GeoJSON FeatureCollection; `own` marks their working scope."""
    own = own_grid_ids(user)
    features = [
        {
            "type": "Feature",
            "id": grid.pk,
            "geometry": grid.geometry,
            "properties": {
                "id": grid.pk,
                "code": grid.code,
                "name": grid.name,
                "community": grid.community.name,
                "jurisdiction": grid.jurisdiction.name,
                "own": grid.pk in own,
            },
        }
        for grid in visible_grids(user)
    ]
    return {"type": "FeatureCollection", "features": features}


def role_labels(scope: Scope) -> list[str]:
    """The user's roles as display labels, in the order roles are declared."""
    return [str(label) for value, label in Role.choices if value in scope.roles]


def scope_summary(scope: Scope, user: User | None = None) -> dict[str, Any]:
    """Names of the places and departments a user's scope covers, for the workbench greeting;
    `units` adds the narrower units their roles hold: inspection areas, and units kept by apps
    above core (a mediator's 调解室), as (label, names) pairs."""
    return {
        "jurisdictions": list(
            Jurisdiction.objects.filter(pk__in=scope.jurisdictions).values_list("name", flat=True)
        ),
        "communities": list(
            Community.objects.filter(pk__in=scope.communities).values_list("name", flat=True)
        ),
        "grids": list(Grid.objects.filter(pk__in=scope.grids).values_list("name", flat=True)),
        "departments": list(
            Department.objects.filter(pk__in=scope.departments).values_list("name", flat=True)
        ),
        "units": _units(scope, user) if user is not None else [],
    }


def _units(scope: Scope, user: User) -> list[tuple[str, list[str]]]:
    """(label, names) of the inspection areas and the registered scope units the user holds; no
    query for a user holding none (one for the areas, two per jurisdiction and unit otherwise)."""
    held = assignments_of(user)
    out: list[tuple[str, list[str]]] = []
    areas = {ra.inspection_area_id for ra in held if ra.inspection_area_id is not None}
    if areas:
        names = InspectionArea.objects.filter(pk__in=areas).values_list("name", flat=True)
        out.append((str(InspectionArea._meta.verbose_name), list(names)))
    for unit in staffing.scope_units():
        jurisdictions = {ra.jurisdiction_id: ra.jurisdiction for ra in held if ra.role in unit.roles}
        found: list[str] = []
        for jurisdiction in jurisdictions.values():
            ids = unit.held(user, jurisdiction)
            if ids:
                found += [label for pk, label in unit.choices(jurisdiction) if pk in ids]
        if found:
            out.append((str(unit.label), found))
    return out
