"""Shared fixtures for every test area.

Fixtures (all function-scoped, all need the database):
- ``jurisdiction``: 测试街道 (code ``test-jd``, prefix ``SJ``) loaded with ``config/default`` via
  ``load_config``; communities ``C1`` 东湖社区 and ``C2`` 西山村; four 0.01° square grids imported
  with ``import_grids`` around lat 28.0 / lng 120.7: ``G1`` (NW) and ``G2`` (NE) in C1,
  ``G3`` (SW) and ``G4`` (SE) in C2.
- ``grids``: dict grid code → Grid of ``jurisdiction``; ``communities``: dict code → Community.
- ``grid_points``: dict grid code → (lat, lng) of a point inside that grid; ``outside_point``.
- ``other_jurisdiction``: 另一街道 (code ``other-jd``, prefix ``LJ``), same default config, its own
  community ``C1`` and one grid ``G1`` around lat 30.0 / lng 121.0 — fully isolated from the first.
- ``users``: dict role key → core.User (password ``Ceshi-2026x``) with one RoleAssignment each, in
  ``jurisdiction``: ``grid_worker`` (grid G1), ``grid_worker_b`` (grid G3, community C2),
  ``grid_leader`` (community C1), ``dispatcher``, ``handler`` (department ``enforcement``
  综合执法队), ``handler_b`` (department ``market_supervision`` 市场监管所), ``leader``,
  ``admin`` (role admin, is_staff so it can open /admin/).
- ``other_dispatcher``: a dispatcher of ``other_jurisdiction``.
- ``client_for``: ``client_for(user) -> django.test.Client`` already logged in as ``user``.
- autouse ``_fresh_caches``: clears the in-process calendar, grid and category caches before each test;
  autouse ``_default_language``: each test starts in zh-Hans whatever a previous request activated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from jiedao.core import calendar, geo
from jiedao.core.actions import import_grids
from jiedao.core.config import load_config
from jiedao.core.models import Community, Department, Grid, Jurisdiction, Role, RoleAssignment, User
from jiedao.events import categories

PASSWORD = "Ceshi-2026x"  # passes the password rules: create_superuser checks them
STEP = 0.01


def square(lng: float, lat: float, size: float = STEP) -> dict[str, Any]:
    """A GeoJSON Polygon: the square with south-west corner (lng, lat)."""
    ring = [[lng, lat], [lng + size, lat], [lng + size, lat + size], [lng, lat + size], [lng, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def feature(
    code: str, name: str, community: str, community_name: str, geometry: dict[str, Any]
) -> dict[str, Any]:
    props = {"code": code, "name": name, "community_code": community, "community_name": community_name}
    return {"type": "Feature", "properties": props, "geometry": geometry}


# South-west corners of the four test grids.
_CORNERS = {"G1": (120.69, 28.00), "G2": (120.70, 28.00), "G3": (120.69, 27.99), "G4": (120.70, 27.99)}
_COMMUNITY = {
    "G1": ("C1", "东湖社区"),
    "G2": ("C1", "东湖社区"),
    "G3": ("C2", "西山村"),
    "G4": ("C2", "西山村"),
}

TEST_GRIDS = {
    "type": "FeatureCollection",
    "features": [
        feature(code, f"第{code[1]}网格", *_COMMUNITY[code], square(*_CORNERS[code]))
        for code in sorted(_CORNERS)
    ],
}
GRID_POINTS = {code: (lat + STEP / 2, lng + STEP / 2) for code, (lng, lat) in _CORNERS.items()}
OUTSIDE_POINT = (28.5, 120.7)


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    # Test transactions roll back (and SQLite may reuse ids), so cached rows must not leak.
    calendar.invalidate()
    geo.invalidate()
    categories.forget_categories()


@pytest.fixture(autouse=True)
def _default_language() -> None:
    # A request through the test client leaves its language active in this thread (the locale
    # middleware activates it and nothing deactivates it), so a test after an English page
    # would read English messages. Every test starts in the platform's default language.
    translation.activate(settings.LANGUAGE_CODE)


def _make_jurisdiction(code: str, name: str, prefix: str) -> Jurisdiction:
    jur = Jurisdiction.objects.create(code=code, name=name, case_prefix=prefix)
    load_config(jur, "default")
    return jur


@pytest.fixture
def jurisdiction(db: None) -> Jurisdiction:
    jur = _make_jurisdiction("test-jd", "测试街道", "SJ")
    import_grids(acting_user=None, jurisdiction=jur, feature_collection=TEST_GRIDS, source="tests")
    return jur


@pytest.fixture
def grids(jurisdiction: Jurisdiction) -> dict[str, Grid]:
    return {g.code: g for g in Grid.objects.filter(jurisdiction=jurisdiction, boundary_set__active=True)}


@pytest.fixture
def communities(jurisdiction: Jurisdiction) -> dict[str, Community]:
    return {c.code: c for c in Community.objects.filter(jurisdiction=jurisdiction)}


@pytest.fixture
def grid_points() -> dict[str, tuple[float, float]]:
    return dict(GRID_POINTS)


@pytest.fixture
def outside_point() -> tuple[float, float]:
    return OUTSIDE_POINT


@pytest.fixture
def other_jurisdiction(db: None) -> Jurisdiction:
    jur = _make_jurisdiction("other-jd", "另一街道", "LJ")
    other = {
        "type": "FeatureCollection",
        "features": [feature("G1", "第1网格", "C1", "南山社区", square(121.0, 30.0))],
    }
    import_grids(acting_user=None, jurisdiction=jur, feature_collection=other, source="tests")
    return jur


def _user(username: str, display_name: str, *, staff: bool = False) -> User:
    return User.objects.create_user(
        username=username, password=PASSWORD, display_name=display_name, is_staff=staff
    )


@pytest.fixture
def users(jurisdiction: Jurisdiction, grids: dict[str, Grid]) -> dict[str, User]:
    depts = {d.code: d for d in Department.objects.filter(jurisdiction=jurisdiction)}
    spec: list[tuple[str, str, str, dict[str, Any]]] = [
        ("grid_worker", "王网格", Role.GRID_WORKER, {"grid": grids["G1"]}),
        ("grid_worker_b", "李网格", Role.GRID_WORKER, {"grid": grids["G3"]}),
        ("grid_leader", "张网格长", Role.GRID_LEADER, {"community": grids["G1"].community}),
        ("dispatcher", "赵受理", Role.DISPATCHER, {}),
        ("handler", "钱执法", Role.HANDLER, {"department": depts["enforcement"]}),
        ("handler_b", "孙市监", Role.HANDLER, {"department": depts["market_supervision"]}),
        ("leader", "周书记", Role.LEADER, {}),
        ("admin", "吴管理", Role.ADMIN, {}),
    ]
    out: dict[str, User] = {}
    assignments = []
    for key, display, role, scope in spec:
        user = _user(key, display, staff=role == Role.ADMIN)
        out[key] = user
        assignments.append(RoleAssignment(user=user, role=role, jurisdiction=jurisdiction, **scope))
    RoleAssignment.objects.bulk_create(assignments)
    return out


@pytest.fixture
def other_dispatcher(other_jurisdiction: Jurisdiction) -> User:
    user = _user("other_dispatcher", "郑受理")
    RoleAssignment.objects.create(user=user, role=Role.DISPATCHER, jurisdiction=other_jurisdiction)
    return user


@pytest.fixture
def client_for(db: None) -> Callable[[User], Client]:
    def make(user: User) -> Client:
        c = Client()
        c.force_login(user)
        return c

    return make
