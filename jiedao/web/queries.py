"""Scoped reads for the pages in this app: which grids a user's map shows, and how they are labelled."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jiedao.core.models import Community, Department, Grid, Jurisdiction, Role, User
from jiedao.core.scope import Scope, scope_of


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


def scope_summary(scope: Scope) -> dict[str, list[str]]:
    """Names of the places and departments a user's scope covers, for the workbench greeting."""
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
    }
