"""Token authentication, the token command, OpenAPI, reference data."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from jiedao.core.models import ApiToken

pytestmark = pytest.mark.django_db


def test_token_command_prints_a_token_that_authenticates(users):
    out = StringIO()
    call_command("token", "create", "--user", users["dispatcher"].username, stdout=out)
    raw = out.getvalue().strip()
    assert raw.startswith("jd_")
    token = ApiToken.objects.get(user=users["dispatcher"])
    assert raw not in token.key_hash  # only the keyed hash is stored
    c = Client()
    assert c.get("/api/events", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    assert c.get("/api/events", HTTP_AUTHORIZATION="Bearer jd_wrong").status_code == 401


def test_token_for_grid_worker_keeps_grid_scope(users, grids):
    out = StringIO()
    call_command("token", "create", "--user", users["grid_worker"].username, stdout=out)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {out.getvalue().strip()}"}
    grid_ids = {g["id"] for g in Client().get("/api/grids", **auth).json()}
    assert grid_ids == {grids["G1"].pk}


def test_openapi_lists_one_endpoint_per_action():
    schema = Client().get("/api/openapi.json").json()
    paths = schema["paths"]
    for action in (
        "accept",
        "dispatch",
        "sign",
        "resolve",
        "verify",
        "rate",
        "archive",
        "give_back",
        "reassign",
    ):
        assert f"/api/events/{{case_id}}/{action}" in paths
    assert Client().get("/api/docs").status_code == 200


def test_categories_are_the_jurisdictions_config(users, client_for):
    cats = client_for(users["dispatcher"]).get("/api/categories").json()
    platforms = {c["platform"]["name"] for c in cats}
    assert platforms == {"综治工作", "市场监管", "综合执法", "便民服务"}


def test_registry_api_is_mounted_with_token_auth_and_masks(users):
    out = StringIO()
    call_command("token", "create", "--user", users["dispatcher"].username, stdout=out)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {out.getvalue().strip()}"}
    assert Client().get("/api/registry/residents").status_code == 401
    body = Client().get("/api/registry/residents", **auth)
    assert body.status_code == 200
    assert body.json()["results"] == []  # masking itself is covered in tests/registry/test_api.py
