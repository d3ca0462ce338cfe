"""A button the user cannot use is not shown: every link on the navigation, the workbench and the
list pages is drawn from the access its page declares, and the page still refuses the others."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from jiedao.core.models import Grid, User
from jiedao.registry import actions as registry
from tests.web.conftest import ROLE_KEYS

pytestmark = pytest.mark.django_db

Login = Callable[[str], Client]
# The pages whose buttons lead elsewhere: the workbench and each list a role may reach.
PAGES = ["/", "/events/", "/petitions/", "/mediation/", "/registry/residents/", "/registry/places/"]
SKIP = ("/logout/", "/i18n/", "/static/", "/admin/")


def _hrefs(body: str) -> set[str]:
    links = set(re.findall(r'<a [^>]*href="(/[^"#]*)"', body))
    return {href.replace("&amp;", "&") for href in links if not href.startswith(SKIP)}


@pytest.mark.parametrize("key", ROLE_KEYS)
def test_no_link_shown_leads_to_a_refusal(login_as: Login, key: str) -> None:
    client = login_as(key)
    seen: set[str] = set()
    for page in PAGES:
        response = client.get(page)
        if response.status_code != 200:
            continue  # a page this role is refused is not linked for it (checked from "/")
        for href in _hrefs(response.content.decode()) - seen:
            seen.add(href)
            status = client.get(href).status_code
            assert status not in (403, 404), (key, page, href, status)


def _main(body: str) -> str:
    return body.split("<main", 1)[1]


def test_the_handler_is_not_offered_petition_intake(login_as: Login) -> None:
    handler = login_as("handler")
    page = handler.get("/petitions/").content.decode()
    assert "登记信访件" not in page  # neither the list's button nor the menu entry
    assert 'href="/petitions/new/"' not in page
    assert 'href="/petitions/figures/"' not in page
    assert 'href="/petitions/overdue/"' in page  # the overdue list they may read stays
    assert handler.get("/petitions/new/").status_code == 403  # the page still refuses
    assert handler.get("/petitions/figures/").status_code == 403
    assert handler.post("/petitions/new/suggest/").status_code == 403


def test_the_handler_is_not_offered_event_intake(login_as: Login) -> None:
    handler = login_as("handler")
    for path in ("/", "/events/"):
        body = handler.get(path).content.decode()
        assert 'href="/events/new/"' not in body, path
        assert "上报事件" not in body, path
    assert handler.get("/events/new/").status_code == 403


def test_a_resident_is_not_offered_staff_intake(login_as: Login) -> None:
    body = login_as("resident").get("/").content.decode()
    assert 'href="/events/new/"' not in body  # the workbench offered it; the page refuses residents
    assert login_as("resident").get("/events/new/").status_code == 403


def test_the_leader_reads_disputes_but_is_not_offered_registration(login_as: Login) -> None:
    leader = login_as("leader")
    page = _main(leader.get("/mediation/").content.decode())
    assert 'href="/mediation/new/"' not in page
    assert 'href="/mediation/from-event/"' not in page
    assert 'href="/mediation/workload/"' in page
    assert leader.get("/mediation/new/").status_code == 403
    assert leader.get("/mediation/from-event/").status_code == 403
    mediator = _main(login_as("mediator").get("/mediation/").content.decode())
    assert 'href="/mediation/new/"' in mediator


def test_the_leader_reads_the_registry_but_is_not_offered_edits(
    login_as: Login, web_users: dict[str, User], grids: dict[str, Grid]
) -> None:
    resident = registry.create_resident(
        acting_user=web_users["dispatcher"], data=registry.ResidentInput(name="林海", grid=grids["G1"])
    )
    leader = login_as("leader")
    listing = leader.get("/registry/residents/").content.decode()
    assert "林海" in listing
    assert 'href="/registry/residents/new/"' not in listing
    assert leader.get("/registry/residents/new/").status_code == 403
    detail = leader.get(f"/registry/residents/{resident.pk}/").content.decode()
    assert "林海" in detail
    assert f'href="/registry/residents/{resident.pk}/edit/"' not in detail
    assert f'action="/registry/residents/{resident.pk}/archive/"' not in detail
    assert leader.get(f"/registry/residents/{resident.pk}/edit/").status_code == 403
    worker = login_as("grid_worker").get(f"/registry/residents/{resident.pk}/").content.decode()
    assert f'href="/registry/residents/{resident.pk}/edit/"' in worker  # their own grid's resident


def test_roles_without_registry_work_get_no_registry_pages(login_as: Login) -> None:
    handler = login_as("handler")
    assert "人口" not in handler.get("/").content.decode().split('id="jd-navbar"', 1)[1].split("</ul>", 1)[0]
    assert handler.get("/registry/residents/").status_code == 403


def test_every_menu_entry_is_governed_by_its_page() -> None:
    from jiedao.core import menu
    from jiedao.core.access import access_of

    for entry in menu._ENTRIES:
        if entry.roles is menu.FROM_VIEW:
            assert access_of(entry.url_name) is not None, f"{entry.url_name} declares no access"


def test_the_declaration_survives_the_outer_decorators() -> None:
    from django.urls import resolve

    from jiedao.core.access import ATTRIBUTE

    view = resolve("/petitions/new/").func  # under login_required and require_http_methods
    assert getattr(view, ATTRIBUTE).roles == frozenset({"dispatcher", "admin"})
