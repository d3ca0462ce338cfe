"""Helpers for driving events through the API as named users."""

from __future__ import annotations

from typing import Any

from django.test import Client

from jiedao.core.models import Category, Department, Grid, RoleAssignment, User


def post(client: Client, url: str, data: dict[str, Any] | None = None) -> Any:
    return client.post(url, data or {}, content_type="application/json")


def grid_of(user: User) -> Grid:
    ra = RoleAssignment.objects.get(user=user, grid__isnull=False)
    assert ra.grid is not None
    return ra.grid


def department_of(user: User) -> Department:
    ra = RoleAssignment.objects.get(user=user, department__isnull=False)
    assert ra.department is not None
    return ra.department


def point_in(grid: Grid) -> dict[str, float]:
    return {"lat": grid.centroid_lat, "lng": grid.centroid_lng}


def streetlight(grid: Grid) -> int:
    """The category a 路灯不亮 report is filed under (受理 needs one; pass category="" for none)."""
    return Category.objects.get(jurisdiction_id=grid.jurisdiction_id, code="facility.streetlight").pk


def report(client: Client, grid: Grid, **extra: Any) -> dict[str, Any]:
    body = {
        "title": "路灯不亮",
        "description": "小区东门路灯连续三晚不亮。",
        "category": streetlight(grid),
        **point_in(grid),
        **extra,
    }
    response = post(client, "/api/events", body)
    assert response.status_code == 201, response.content
    return response.json()


def act(client: Client, event_id: int, action: str, expect: int = 200, **data: Any) -> dict[str, Any]:
    response = post(client, f"/api/events/{event_id}/{action}", data)
    assert response.status_code == expect, response.content
    return response.json()
