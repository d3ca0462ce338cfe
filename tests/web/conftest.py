"""A small two-jurisdiction world for the page tests: grids with polygons and one user per role."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.test import Client

from jiedao.core.models import (
    BoundarySet,
    Community,
    Department,
    Grid,
    Jurisdiction,
    Role,
    RoleAssignment,
    User,
)

PASSWORD = "pw-for-tests-123"


def square(lng: float, lat: float, size: float = 0.01) -> dict:
    ring = [[lng, lat], [lng + size, lat], [lng + size, lat + size], [lng, lat + size], [lng, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


@dataclass
class WebWorld:
    home: Jurisdiction
    other: Jurisdiction
    grids: dict[str, Grid] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def client_for(self, key: str) -> Client:
        client = Client()
        client.force_login(self.users[key])
        return client


def _grid(js: Jurisdiction, community: Community, bs: BoundarySet, code: str, name: str, lng: float) -> Grid:
    return Grid.objects.create(
        jurisdiction=js,
        community=community,
        boundary_set=bs,
        code=code,
        name=name,
        geometry=square(lng, 30.0),
        centroid_lat=30.005,
        centroid_lng=lng + 0.005,
    )


def build_world() -> WebWorld:
    home = Jurisdiction.objects.create(code="web-home", name="东湖街道")
    other = Jurisdiction.objects.create(code="web-other", name="西山街道")
    east = Community.objects.create(jurisdiction=home, code="c1", name="东湖社区")
    lake = Community.objects.create(jurisdiction=home, code="c2", name="湖畔村")
    hill = Community.objects.create(jurisdiction=other, code="c1", name="西山社区")
    old = BoundarySet.objects.create(jurisdiction=home, version=1, active=False)
    current = BoundarySet.objects.create(jurisdiction=home, version=2, active=True)
    other_bs = BoundarySet.objects.create(jurisdiction=other, version=1, active=True)
    world = WebWorld(home=home, other=other)
    world.grids = {
        "old": _grid(home, east, old, "g1", "旧一网格", 120.00),
        "g1": _grid(home, east, current, "g1", "东湖一网格", 120.00),
        "g2": _grid(home, east, current, "g2", "东湖二网格", 120.01),
        "g3": _grid(home, lake, current, "g3", "湖畔网格", 120.02),
        "x1": _grid(other, hill, other_bs, "g1", "西山一网格", 121.00),
    }
    dept = Department.objects.create(jurisdiction=home, code="zf", name="综合执法队")
    specs: dict[str, tuple[str, Jurisdiction, dict[str, object]]] = {
        "grid_worker": (Role.GRID_WORKER, home, {"grid": world.grids["g1"]}),
        "grid_leader": (Role.GRID_LEADER, home, {"community": east}),
        "dispatcher": (Role.DISPATCHER, home, {}),
        "handler": (Role.HANDLER, home, {"department": dept}),
        "leader": (Role.LEADER, home, {}),
        "admin": (Role.ADMIN, home, {}),
        "resident": (Role.RESIDENT, home, {}),
        "mediator": (Role.MEDIATOR, home, {}),
        "other_dispatcher": (Role.DISPATCHER, other, {}),
    }
    for key, (role, js, extra) in specs.items():
        user = User.objects.create_user(username=key, password=PASSWORD, display_name=f"测试{key}")
        RoleAssignment.objects.create(user=user, role=role, jurisdiction=js, **extra)
        world.users[key] = user
    world.users["nobody"] = User.objects.create_user(username="nobody", password=PASSWORD)
    world.users["root"] = User.objects.create_superuser(username="root", password=PASSWORD)
    return world


@pytest.fixture
def web_world(db) -> WebWorld:
    return build_world()
