"""The navigation bar and workbench for each role."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template, engines
from django.test import Client, RequestFactory
from django.urls import reverse

from jiedao.core.models import User
from tests.web.conftest import ROLE_KEYS

Login = Callable[[str], Client]


@pytest.mark.parametrize("key", ROLE_KEYS)
def test_every_role_gets_a_working_page(login_as: Login, web_users: dict[str, User], key: str) -> None:
    response = login_as(key).get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "我的待办" in body
    assert str(web_users[key]) in body
    assert 'action="/logout/"' in body
    assert 'action="/i18n/setlang/"' in body


def _nav(login_as: Login, key: str) -> str:
    body = login_as(key).get("/").content.decode()
    return body.split('id="jd-navbar"', 1)[1].split('<div class="d-flex flex-column', 1)[0]


def test_grid_worker_nav(login_as: Login) -> None:
    nav = _nav(login_as, "grid_worker")
    for label in ("我的待办", "事件", "上报事件", "网格地图", "人口", "场所"):
        assert label in nav
    assert "驾驶舱" not in nav


def test_dispatcher_and_leader_see_dashboard(login_as: Login) -> None:
    assert "驾驶舱" in _nav(login_as, "dispatcher")
    assert "驾驶舱" in _nav(login_as, "leader")


def test_resident_gets_no_staff_pages(login_as: Login) -> None:
    # Event intake (events:create) is for staff; residents report through the public channels.
    nav = _nav(login_as, "resident")
    assert "我的待办" in nav
    for label in ("上报事件", "网格地图", "驾驶舱", "人口", "场所"):
        assert label not in nav


def _links(nav: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="(?:nav-link|dropdown-item)[^"]*" href="([^"]+)"[^>]*>([^<]+)</a>', nav)


def test_dashboard_link_opens_the_events_dashboard(login_as: Login) -> None:
    client = login_as("leader")
    links = {label: href for href, label in _links(_nav(login_as, "leader"))}
    assert links["驾驶舱"] == reverse("events:dashboard")
    response = client.get(links["驾驶舱"])
    assert response.status_code == 200
    assert 'class="nav-link active" href="/events/dashboard/"' in response.content.decode()


@pytest.mark.parametrize("key", ROLE_KEYS)
def test_every_nav_link_shown_opens(login_as: Login, key: str) -> None:
    client = login_as(key)
    nav = _nav(login_as, key)
    assert 'href="#"' not in nav
    assert "disabled" not in nav
    for href, label in _links(nav):
        assert client.get(href).status_code == 200, (key, label, href)


@pytest.mark.parametrize(
    "name",
    [
        "events:list",
        "events:create",
        "events:dashboard",
        "registry:resident_list",
        "registry:place_list",
        "web:grid_map",
    ],
)
def test_nav_url_resolves_every_nav_entry(db, name: str) -> None:
    request = RequestFactory().get("/")
    out = Template(f'{{% load jiedao_nav %}}{{% nav_url "{name}" %}}').render(Context({"request": request}))
    assert out == reverse(name)
    assert out != "#"


@pytest.mark.parametrize(
    ("path", "active"),
    [
        ("/events/", True),
        ("/events/12/", True),
        ("/events/12/act/", True),
        ("/events/new/", False),
        ("/events/dashboard/", False),
    ],
)
def test_the_events_entry_is_active_on_its_own_pages_only(db, path: str, active: bool) -> None:
    request = RequestFactory().get(path)
    out = Template('{% load jiedao_nav %}{% nav_active "/events/" %}').render(Context({"request": request}))
    assert (out == "active") is active


def test_roles_and_scope_are_shown(login_as: Login) -> None:
    body = login_as("grid_worker").get("/").content.decode()
    assert "网格员" in body
    assert "第1网格" in body
    body = login_as("dispatcher").get("/").content.decode()
    assert "受理员" in body
    assert "测试街道" in body
    body = login_as("handler").get("/").content.decode()
    assert "综合执法队" in body


def test_workbench_todo_block_can_be_filled_by_the_case_engine(web_users: dict[str, User]) -> None:
    request = RequestFactory().get("/")
    request.user = web_users["dispatcher"]
    child = engines["django"].from_string(
        '{% extends "web/workbench.html" %}{% block todo %}<p id="todo">待办列表</p>{% endblock %}'
    )
    body = child.render(request=request)
    assert '<p id="todo">待办列表</p>' in body
    assert "常用功能" not in body
    assert "受理员" in body


def test_nav_url_falls_back_to_hash_for_unknown_names(db) -> None:
    request = RequestFactory().get("/")
    out = Template('{% load jiedao_nav %}{% nav_url "nowhere:list" %}|{% nav_url "web:grid_map" %}').render(
        Context({"request": request})
    )
    assert out == "#|/map/"


def test_messages_render_as_alerts(login_as: Login) -> None:
    response = login_as("dispatcher").post("/logout/", follow=True)
    assert 'class="alert alert-info' in response.content.decode()


def test_print_stylesheet_hides_navigation(login_as: Login) -> None:
    body = login_as("dispatcher").get("/").content.decode()
    assert 'media="print"' in body
    assert "no-print" in body


def test_htmx_requests_carry_the_csrf_token(login_as: Login) -> None:
    body = login_as("dispatcher").get("/").content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in body
    assert "/static/vendor/htmx/htmx.min.js" in body
    assert "/static/vendor/bootstrap/js/bootstrap.bundle.min.js" in body


def test_anonymous_pages_offer_sign_in_and_language(db) -> None:
    request = RequestFactory().get("/public/")
    request.user = AnonymousUser()
    body = (
        engines["django"]
        .from_string('{% extends "base.html" %}{% block content %}公开{% endblock %}')
        .render(request=request)
    )
    assert 'href="/login/?next=/public/"' in body
    assert 'action="/i18n/setlang/"' in body
    assert 'action="/logout/"' not in body
    login_page = Client().get("/login/").content.decode()
    assert 'href="/login/' not in login_page  # the sign-in page does not link to itself


def test_apps_add_their_pages_as_menu_groups_by_role(login_as: Login) -> None:
    leader = login_as("leader").get("/").content.decode().split('id="jd-navbar"', 1)[1]
    for group in ("信访调解", "台账", "目标与报告"):
        assert f'data-bs-toggle="dropdown" aria-expanded="false">{group}</button>' in leader
    for url in ("/petitions/", "/mediation/", "/registers/projects/", "/goals/dashboard/", "/reports/"):
        assert f'href="{url}' in leader
    grid_worker = login_as("grid_worker").get("/").content.decode().split('id="jd-navbar"', 1)[1]
    assert "信访调解" not in grid_worker
    assert 'href="/reports/' not in grid_worker
