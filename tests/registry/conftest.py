"""Registry test world: two communities with a grid each, tags, and users with different roles."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from jiedao.core.crypto import id_check_char
from jiedao.core.models import (
    BoundarySet,
    Community,
    Grid,
    Jurisdiction,
    Role,
    RoleAssignment,
    Tag,
    User,
)
from jiedao.registry import actions
from jiedao.registry.models import Resident


def square(west: float, south: float, size: float = 0.1) -> dict:
    ring = [
        [west, south],
        [west + size, south],
        [west + size, south + size],
        [west, south + size],
        [west, south],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def make_id(region: str = "330302", birth: str = "19900307", seq: str = "123") -> str:
    """A valid 18-digit ID number with the right check character."""
    first17 = region + birth + seq
    return first17 + id_check_char(first17)


@dataclass
class World:
    jurisdiction: Jurisdiction
    other_jurisdiction: Jurisdiction
    community_a: Community
    community_b: Community
    grid_a: Grid
    grid_b: Grid
    other_grid: Grid
    tag_overseas: Tag
    tag_key: Tag
    kind_rental: Tag
    kind_shop: Tag
    org_kind: Tag
    worker_a: User
    worker_b: User
    leader: User
    dispatcher: User
    outsider: User
    nobody: User


def _user(username: str, *roles: dict) -> User:
    user = User.objects.create_user(username=username, password="pw-12345678", display_name=username)
    for spec in roles:
        RoleAssignment.objects.create(user=user, **spec)
    return user


def _grid(j: Jurisdiction, c: Community, bs: BoundarySet, code: str, west: float) -> Grid:
    """A 0.1° square grid whose south-west corner is (28.0, west)."""
    return Grid.objects.create(
        jurisdiction=j,
        community=c,
        boundary_set=bs,
        code=code,
        name=f"{c.name}{code}网格",
        geometry=square(west, 28.0),
        centroid_lat=28.05,
        centroid_lng=west + 0.05,
    )


@pytest.fixture
def world(db) -> World:
    j = Jurisdiction.objects.create(code="dongtou", name="东屿街道")
    other = Jurisdiction.objects.create(code="xiyu", name="西屿街道")
    ca = Community.objects.create(jurisdiction=j, code="c1", name="北岙社区")
    cb = Community.objects.create(jurisdiction=j, code="c2", name="南岙社区")
    co = Community.objects.create(jurisdiction=other, code="c1", name="西门社区")
    bs = BoundarySet.objects.create(jurisdiction=j, version=1, active=True)
    bso = BoundarySet.objects.create(jurisdiction=other, version=1, active=True)
    ga, gb, go = (
        _grid(j, ca, bs, "g1", 121.0),
        _grid(j, cb, bs, "g2", 121.1),
        _grid(other, co, bso, "g1", 122.0),
    )

    def tag(tag_set: str, set_name: str, code: str, name: str, juris: Jurisdiction = j) -> Tag:
        return Tag.objects.create(
            jurisdiction=juris, tag_set=tag_set, tag_set_name=set_name, code=code, name=name
        )

    return World(
        jurisdiction=j,
        other_jurisdiction=other,
        community_a=ca,
        community_b=cb,
        grid_a=ga,
        grid_b=gb,
        other_grid=go,
        tag_overseas=tag("overseas_chinese", "侨胞", "overseas", "侨胞"),
        tag_key=tag("key_group", "重点人群", "elderly_alone", "独居老人"),
        kind_rental=tag("place_type", "场所类型", "rental", "出租房"),
        kind_shop=tag("place_type", "场所类型", "three_small", "三小场所"),
        org_kind=tag("organisation_type", "组织类型", "enterprise", "企业"),
        worker_a=_user(
            "worker_a", {"role": Role.GRID_WORKER, "jurisdiction": j, "community": ca, "grid": ga}
        ),
        worker_b=_user(
            "worker_b", {"role": Role.GRID_WORKER, "jurisdiction": j, "community": cb, "grid": gb}
        ),
        leader=_user("leader", {"role": Role.LEADER, "jurisdiction": j, "can_reveal_pii": True}),
        dispatcher=_user("dispatcher", {"role": Role.DISPATCHER, "jurisdiction": j}),
        outsider=_user("outsider", {"role": Role.ADMIN, "jurisdiction": other, "can_reveal_pii": True}),
        nobody=_user("nobody"),
    )


@pytest.fixture
def login() -> Callable[[User], Client]:
    """A logged-in test client for a user."""

    def _login(user: User) -> Client:
        c = Client()
        c.force_login(user)
        return c

    return _login


@pytest.fixture
def add_resident(world: World) -> Callable[..., Resident]:
    """Create a resident through the action as the dispatcher (jurisdiction-wide writer)."""

    def _add(name: str = "王小明", *, grid: Grid | None = None, **kw) -> Resident:
        data = actions.ResidentInput(name=name, grid=grid or world.grid_a, **kw)
        return actions.create_resident(acting_user=world.dispatcher, data=data)

    return _add
