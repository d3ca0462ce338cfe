"""Bearer-token API calls through the production WSGI entry point take the lean stack.

The Django test client always uses the full middleware stack, so these call
`jiedao.wsgi.application` itself, as gunicorn does.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from jiedao.cases.models import Case
from jiedao.core.api.tokens import create_token
from jiedao.core.models import ApiToken, AuditEntry
from jiedao.wsgi import application
from tests.cases.helpers import grid_of, point_in

pytestmark = pytest.mark.django_db


def _call(method: str, path: str, body: Any = None, **headers: str) -> tuple[int, dict[str, str], Any]:
    raw = json.dumps(body, ensure_ascii=False).encode() if body is not None else b""
    return _wsgi(method, path, raw, **headers)


def _call_raw(raw: bytes, **headers: str) -> tuple[int, dict[str, str], Any]:
    return _wsgi("POST", "/api/events", raw, **headers)


def _wsgi(method: str, path: str, raw: bytes, **headers: str) -> tuple[int, dict[str, str], Any]:
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(raw),
        "wsgi.errors": io.StringIO(),
        "CONTENT_LENGTH": str(len(raw)),
        "CONTENT_TYPE": "application/json",
        **{"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()},
    }
    started: dict[str, Any] = {}

    def start_response(status: str, response_headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        started["status"] = int(status.split()[0])
        started["headers"] = dict(response_headers)

    # As Django's test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        chunks = application(environ, start_response)
        try:
            content = b"".join(chunks)
        finally:
            getattr(chunks, "close", lambda: None)()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return started["status"], started["headers"], json.loads(content) if content else None


def _event(users: dict[str, Any]) -> dict[str, Any]:
    grid = grid_of(users["grid_worker"])
    return {"title": "井盖缺失", "description": "人行道井盖缺失，夜间危险。", **point_in(grid)}


def test_an_event_created_with_a_token_is_written_with_its_request_id(users):
    token = create_token(acting_user=None, user=users["dispatcher"])
    status, headers, body = _call(
        "POST", "/api/events", _event(users), Authorization=f"Bearer {token}", X_Request_Id="req-lean-1"
    )
    assert status == 201, body
    assert headers["X-Request-Id"] == "req-lean-1"
    assert headers["X-Content-Type-Options"] == "nosniff"  # security headers still set
    case = Case.objects.get(pk=body["id"])
    assert case.created_by == users["dispatcher"]
    entry = AuditEntry.objects.get(object_type="cases.case", object_id=str(case.pk), action="create")
    assert entry.request_id == "req-lean-1"
    assert entry.user == users["dispatcher"]


def test_errors_speak_the_callers_language(users):
    token = create_token(acting_user=None, user=users["dispatcher"])
    bad = {**_event(users), "title": ""}
    status, _, zh = _call("POST", "/api/events", bad, Authorization=f"Bearer {token}")
    assert status in (400, 422)
    assert zh["field"] == "title"
    assert "标题" in zh["message"]
    status_en, _, en = _call(
        "POST", "/api/events", bad, Authorization=f"Bearer {token}", Accept_Language="en"
    )
    assert status_en == status
    assert en["field"] == "title"
    assert en["message"].isascii()
    assert "title" in en["message"].lower()
    assert not Case.objects.exists()


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER"])  # the scheme is case-insensitive
def test_a_wrong_token_is_refused_even_beside_a_logged_in_session(users, client_for, scheme):
    session = client_for(users["dispatcher"]).cookies["sessionid"].value
    for method in ("GET", "POST"):
        status, _, body = _call(
            method,
            "/api/events",
            _event(users) if method == "POST" else None,
            Authorization=f"{scheme} jd_wrong",
            Cookie=f"sessionid={session}",
        )
        assert status == 401, body
        assert body["code"] == "unauthenticated"
    assert not Case.objects.exists()
    # The same session without a bearer header is the browser's call: the full stack serves it.
    status, _, _ = _call("GET", "/api/events", Cookie=f"sessionid={session}")
    assert status == 200


@pytest.mark.parametrize("accept", ["zh-CN", "en"])
def test_a_write_with_a_wrong_or_revoked_token_is_a_translated_401(users, accept):
    token = create_token(acting_user=None, user=users["dispatcher"])
    ApiToken.objects.filter(user=users["dispatcher"]).update(revoked=True)
    for raw in ("jd_wrong", token):
        status, _, body = _call(
            "POST", "/api/events", _event(users), Authorization=f"Bearer {raw}", Accept_Language=accept
        )
        assert status == 401, body
        assert body["code"] == "unauthenticated"
        assert body["message"].isascii() == (accept == "en")
    assert not Case.objects.exists()


@pytest.mark.parametrize(("accept", "expected"), [("zh-CN", "JSON"), ("en", "not valid JSON")])
def test_a_body_that_is_not_json_gets_a_translated_400(users, accept, expected):
    token = create_token(acting_user=None, user=users["dispatcher"])
    status, _, body = _call_raw(b"{title: ", Authorization=f"Bearer {token}", Accept_Language=accept)
    assert status == 400
    assert body["code"] == "bad_body"
    assert expected in body["message"]
    assert body["message"].isascii() == (accept == "en")
    assert not Case.objects.exists()
