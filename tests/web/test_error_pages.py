"""403, 404 and 500 are pages of the platform — navigation, Chinese text, a way back — for a
signed-in user; under /api/ they are the API's JSON error body."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from jiedao.core.models import User
from jiedao.web import errors

pytestmark = pytest.mark.django_db

NAV = 'aria-label="主导航"'


def _page(response) -> str:
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def test_a_missing_record_is_a_platform_page(users: dict[str, User], client_for) -> None:
    handler = client_for(users["handler"])
    response = handler.get("/events/999999/", HTTP_REFERER="http://testserver/events/")
    assert response.status_code == 404
    page = _page(response)
    assert NAV in page  # the navigation bar, with the user's name and menu
    assert "钱执法" in page
    assert "页面不存在" in page
    assert "不在您的查看范围内" in page
    assert 'id="error-home" href="/"' in page  # back to 我的待办
    assert 'id="error-back" href="http://testserver/events/"' in page
    assert "Not Found" not in page


def test_an_unknown_address_is_a_platform_page(users: dict[str, User], client_for) -> None:
    response = client_for(users["handler"]).get("/no-such-page/")
    assert response.status_code == 404
    page = _page(response)
    assert NAV in page
    assert "页面不存在" in page


def test_a_forbidden_page_is_a_platform_page(users: dict[str, User], client_for) -> None:
    response = client_for(users["handler"]).get("/petitions/new/")  # a handler registers no petition
    assert response.status_code == 403
    page = _page(response)
    assert NAV in page
    assert "您无权访问此页面" in page
    assert "请联系本街道的系统管理员" in page
    assert 'id="error-home" href="/"' in page
    assert "403 Forbidden" not in page


def test_the_reason_a_view_gives_is_shown(web_users: dict[str, User], client_for) -> None:
    # A superuser without a role in any sub-district has nowhere to file an event into.
    response = client_for(web_users["root"]).get("/events/new/")
    assert response.status_code == 403
    page = _page(response)
    assert "您无权访问此页面" in page
    assert "您没有任何街道的上报权限。" in page


def test_an_outside_referer_is_no_way_back(users: dict[str, User], client_for) -> None:
    response = client_for(users["handler"]).get("/events/999999/", HTTP_REFERER="https://evil.example/")
    page = _page(response)
    assert "evil.example" not in page
    assert 'id="error-back"' not in page


def test_error_pages_read_in_english(users: dict[str, User], client_for) -> None:
    handler = client_for(users["handler"])
    handler.cookies["django_language"] = "en"
    page = _page(handler.get("/events/999999/"))
    assert "Page not found" in page
    assert "Back to my work" in page
    assert "Access denied" in _page(handler.get("/petitions/new/"))


def test_api_errors_stay_json(users: dict[str, User], client_for) -> None:
    handler = client_for(users["handler"])
    missing = handler.get("/api/no-such-endpoint")
    assert missing.status_code == 404
    assert missing.json() == {"code": "not_found", "message": "未找到，或您无权查看。"}
    record = handler.get("/api/events/999999")
    assert record.status_code == 404
    assert record.json()["code"] == "not_found"
    request = RequestFactory().get("/api/events")
    forbidden = errors.page_forbidden(request, None)
    assert forbidden.status_code == 403
    assert forbidden["Content-Type"] == "application/json"


def test_a_server_error_is_a_platform_page(users: dict[str, User], client_for, monkeypatch) -> None:
    from jiedao.web import queries

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(queries, "scope_summary", broken)
    client = client_for(users["handler"])
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    page = _page(response)
    assert NAV in page
    assert "系统暂时出现问题" in page
    assert "boom" not in page


def test_an_api_server_error_is_json(users: dict[str, User], client_for, monkeypatch) -> None:
    from jiedao.cases import api as case_api

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(case_api, "kind_list", broken)
    client = client_for(users["dispatcher"])
    client.raise_request_exception = False
    response = client.get("/api/events")
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert "boom" not in response.content.decode()


def test_the_500_page_survives_a_broken_page(monkeypatch) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(errors, "render", broken)
    response = errors.server_error(RequestFactory().get("/events/"))
    assert response.status_code == 500
    assert "系统暂时出现问题" in response.content.decode()


def test_anonymous_visitors_get_a_sign_in_link() -> None:
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    page = _page(response)
    assert "页面不存在" in page
    assert 'id="error-home" href="/login/?next=' in page
