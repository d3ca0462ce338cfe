"""A token revoked by the admin is refused on the very next request through the production
entry point (the lean bearer path of jiedao.wsgi), with a JSON 401; its use is recorded there."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jiedao.core.api.tokens import create_token
from jiedao.core.models import ApiToken
from tests.api.test_lean_path import _call

pytestmark = pytest.mark.django_db


def test_a_revoked_token_gets_a_401_on_the_very_next_request(users, client_for) -> None:
    worker = users["grid_worker"]
    raw = create_token(acting_user=None, user=worker, name="巡查App")
    token = ApiToken.objects.get(user=worker)
    status, _headers, body = _call("GET", "/api/grids", Authorization=f"Bearer {raw}")
    assert status == 200, body
    token.refresh_from_db()
    assert token.last_used_at is not None  # recorded on the lean path too

    revoke = reverse("staff:token_revoke", args=[worker.pk, token.pk])
    assert client_for(users["admin"]).post(revoke).status_code == 302

    status, headers, body = _call("GET", "/api/grids", Authorization=f"Bearer {raw}")
    assert status == 401
    assert headers["Content-Type"].startswith("application/json")
    assert body["code"] == "unauthenticated"
    status, _headers, body = _call("GET", "/api/grids", Authorization=f"Bearer {raw}", Accept_Language="en")
    assert status == 401
    assert body["message"].isascii()
