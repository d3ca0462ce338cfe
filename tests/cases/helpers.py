"""Helpers for driving events through the API as named users."""

from __future__ import annotations

from typing import Any

from django.test import Client

from jiedao.core.models import Department, Grid, RoleAssignment, User


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


def report(client: Client, grid: Grid, **extra: Any) -> dict[str, Any]:
    body = {"title": "路灯不亮", "description": "小区东门路灯连续三晚不亮。", **point_in(grid), **extra}
    response = post(client, "/api/events", body)
    assert response.status_code == 201, response.content
    return response.json()


def act(client: Client, event_id: int, action: str, expect: int = 200, **data: Any) -> dict[str, Any]:
    response = post(client, f"/api/events/{event_id}/{action}", data)
    assert response.status_code == expect, response.content
    return response.json()
