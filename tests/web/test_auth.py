"""Signing in and out, and switching the interface language."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from jiedao.core.models import User
from tests.conftest import PASSWORD

Login = Callable[[str], Client]


def test_login_page_is_chinese_and_phone_ready(db) -> None:
    response = Client().get("/login/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in body
    assert 'name="viewport"' in body
    assert "用户名" in body
    assert "密码" in body


def test_good_password_lands_on_workbench(users: dict[str, User]) -> None:
    client = Client()
    response = client.post("/login/", {"username": "grid_worker", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "王网格，您好" in response.content.decode()


def test_wrong_password_shows_translated_error(users: dict[str, User]) -> None:
    client = Client()
    response = client.post("/login/", {"username": "grid_worker", "password": "nope"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()
    assert "_auth_user_id" not in client.session

    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    response = client.post("/login/", {"username": "grid_worker", "password": "nope"})
    assert "The username or password is incorrect" in response.content.decode()


def test_pages_need_login(db) -> None:
    for url in ("/", "/map/", "/map/grids.geojson"):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


def test_logout_is_post_only(login_as: Login) -> None:
    client = login_as("dispatcher")
    assert client.get("/logout/").status_code == 405
    assert client.get("/").status_code == 200  # still signed in

    response = client.post("/logout/", follow=True)
    assert response.redirect_chain[-1][0] == "/login/"
    assert "您已安全退出" in response.content.decode()
    assert client.get("/").status_code == 302


def test_logout_without_csrf_token_is_refused(web_users: dict[str, User]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(web_users["dispatcher"])
    assert client.post("/logout/").status_code == 403
    assert client.get("/").status_code == 200


def test_language_switch_turns_page_english_and_back(login_as: Login) -> None:
    client = login_as("grid_worker")
    page = client.get("/").content.decode()
    assert "我的待办" in page
    assert "English" in page

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "My to-dos" in page
    assert "Grid map" in page
    assert "我的待办" not in page

    page = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"}, follow=True).content.decode()
    assert "我的待办" in page
