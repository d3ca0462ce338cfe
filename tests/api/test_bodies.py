"""A body the API cannot take (too large, broken) answers the JSON error, translated, never
Django's HTML 400 page; nothing is written."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings

from jiedao.cases.models import Case
from jiedao.core.api.tokens import create_token
from tests.api.test_lean_path import _call_raw, _event

pytestmark = pytest.mark.django_db


def _big(users) -> bytes:
    return json.dumps({**_event(users), "description": "井" * 2000}, ensure_ascii=False).encode()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2 * 2**20)
@pytest.mark.parametrize(("accept", "word"), [("zh-CN", "过大"), ("en", "too large")])
def test_an_oversize_body_with_a_token_is_a_translated_json_413(users, accept, word):
    token = create_token(acting_user=None, user=users["dispatcher"])
    raw = json.dumps({**_event(users), "description": "x" * (3 * 2**20)}).encode()
    status, headers, body = _call_raw(raw, Authorization=f"Bearer {token}", Accept_Language=accept)
    assert status == 413
    assert headers["Content-Type"].startswith("application/json")
    assert body["code"] == "too_large"
    assert word in body["message"]
    assert not Case.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_an_oversize_body_in_a_browser_session_is_the_json_413(users, client_for):
    c = client_for(users["dispatcher"])
    r = c.post("/api/events", _big(users), content_type="application/json")
    assert r.status_code == 413
    assert r.json()["code"] == "too_large"
    assert not Case.objects.exists()


def test_a_broken_multipart_body_is_the_json_400(users, client_for):
    c = client_for(users["dispatcher"])
    c.raise_request_exception = False
    r = c.generic("POST", "/api/events", b"--x\r\nbroken", content_type="multipart/form-data; boundary=")
    assert r.status_code == 400
    assert r["Content-Type"].startswith("application/json")
    assert r.json()["code"] in ("bad_body", "invalid")
