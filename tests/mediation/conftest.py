"""Mediation fixtures: mediators placed in the configured rooms of the test jurisdiction.

- ``rooms``: dict room code (qiao, min, gong, shuji) → Room, loaded from config/default/mediation.json.
- ``mediators``: ``mediator_min`` (王调解, 民调室) and ``mediator_gong`` (刘调解, 工调室).
- ``walk_in(client, **overrides)``: registers a walk-in dispute through the API, returns its JSON.
- ``api(client, case_id, action, expect=200, **data)``: performs one action through the API.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from jiedao.core.models import Jurisdiction, Role, RoleAssignment, User
from jiedao.mediation.actions import add_member
from jiedao.mediation.models import DisputeType, Room
from tests.conftest import PASSWORD


def valid_id(first17: str) -> str:
    from jiedao.core.crypto import id_check_char

    return first17 + id_check_char(first17)


@pytest.fixture
def rooms(jurisdiction: Jurisdiction) -> dict[str, Room]:
    return {r.code: r for r in Room.objects.filter(jurisdiction=jurisdiction)}


@pytest.fixture
def mediators(jurisdiction: Jurisdiction, rooms: dict[str, Room], users: dict[str, User]) -> dict[str, User]:
    out = {}
    for key, display, room in (("mediator_min", "王调解", "min"), ("mediator_gong", "刘调解", "gong")):
        user = User.objects.create_user(username=key, password=PASSWORD, display_name=display)
        RoleAssignment.objects.create(user=user, role=Role.MEDIATOR, jurisdiction=jurisdiction)
        add_member(rooms[room], user, acting_user=None)
        out[key] = user
    return out


def post(client: Client, url: str, data: dict[str, Any] | None = None) -> Any:
    return client.post(url, data or {}, content_type="application/json")


def dispute_type(jurisdiction: Jurisdiction, code: str = "neighbour") -> DisputeType:
    return DisputeType.objects.get(jurisdiction=jurisdiction, code=code)


@pytest.fixture
def walk_in(jurisdiction: Jurisdiction) -> Callable[..., dict[str, Any]]:
    def make(client: Client, expect: int = 201, **overrides: Any) -> dict[str, Any]:
        body = {
            "title": "楼上漏水纠纷",
            "description": "502室卫生间漏水，渗到402室天花板，双方就维修和赔偿协商不成。",
            "request": "请求502室修复防水并赔偿装修损失。",
            "dispute_type": dispute_type(jurisdiction).pk,
            "applicant_name": "陈晓明",
            "applicant_id_number": valid_id("33030219900101123"),
            "applicant_phone": "13805771234",
            "applicant_address": "江心岛东湖小区4幢402室",
            "respondent_name": "林国华",
            "respondent_phone": "13905775678",
            "respondent_address": "江心岛东湖小区4幢502室",
            **overrides,
        }
        response = post(client, "/api/mediation", body)
        assert response.status_code == expect, response.content
        return response.json()

    return make


@pytest.fixture
def api() -> Callable[..., dict[str, Any]]:
    def act(client: Client, case_id: int, action: str, expect: int = 200, **data: Any) -> dict[str, Any]:
        response = post(client, f"/api/mediation/{case_id}/{action}", data)
        assert response.status_code == expect, response.content
        return response.json()

    return act
