"""Helpers for the event page tests: events created and moved through the engine directly."""

from __future__ import annotations

import struct
import zlib
from typing import Any

import pytest

from jiedao.cases import actions
from jiedao.cases.models import Case
from jiedao.core.models import Department, Grid, Jurisdiction, User
from jiedao.events.intake import validate_event
from tests.cases.helpers import streetlight


def make_png(width: int = 64, height: int = 48, rgb: tuple[int, int, int] = (220, 80, 60)) -> bytes:
    """A real, solid-colour PNG image built with zlib (no imaging library needed)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def new_event(
    jurisdiction: Jurisdiction, by: User, grid: Grid, *, title: str = "路灯不亮", **data: Any
) -> tuple[Case, str]:
    body = {
        "title": title,
        "description": "小区东门路灯连续三晚不亮。",
        "lat": grid.centroid_lat,
        "lng": grid.centroid_lng,
        "category": streetlight(grid),  # 受理 needs one; pass category="" for none
        **data,
    }
    new = validate_event(body, jurisdiction=jurisdiction, user=by)
    return actions.create_case(new, acting_user=by)


def step(case: Case, action: str, by: User, **payload: Any) -> Case:
    note = payload.pop("note", "")
    return actions.perform(case.pk, action, acting_user=by, payload=payload, note=note)


def dispatched(jurisdiction: Jurisdiction, users: dict[str, User], grid: Grid, **data: Any) -> Case:
    case, _code = new_event(jurisdiction, users["dispatcher"], grid, **data)
    step(case, "accept", users["dispatcher"])
    dep = Department.objects.get(jurisdiction=jurisdiction, code="enforcement")
    return step(case, "dispatch", users["dispatcher"], department=dep.pk)


@pytest.fixture
def clients(users, client_for):
    return {name: client_for(user) for name, user in users.items()}
