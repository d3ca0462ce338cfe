"""Discovery, not lists (ARCHITECTURE rule 10): the URL map, the API, the navigation and the
workbench are built from what each app's AppConfig contributes, so no central file names an app
and a new app (tests/core/tryout, outside INSTALLED_APPS) arrives with no edit outside its folder."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.apps import AppConfig, apps
from django.test import Client

from jiedao.core import discovery
from jiedao.core.indicators import indicator_sections
from jiedao.core.models import User
from tests.core.install import install_app

ROOT = Path(__file__).resolve().parents[2] / "jiedao"
SHELL = {"core", "api", "web"}  # the layers these files belong to
CENTRAL = {
    "urls.py": SHELL,
    "api/urls.py": SHELL,
    "templates/base.html": SHELL,
    "templates/web/workbench.html": SHELL,
    "templates/web/_todo_counts.html": SHELL,
    "web/views.py": SHELL,
    "web/context.py": SHELL,
    "goals/dashboard.py": {"core", "goals"},
}


def _ours() -> set[str]:
    return {c.label for c in apps.get_app_configs() if c.name.startswith("jiedao.")}


def _namings(label: str) -> re.Pattern[str]:
    """How a file names an app: a module path, a URL name, an indicator code or a page path."""
    return re.compile(rf"jiedao\.{label}\b|[\"']{label}[:.]|/{label}/")


@pytest.mark.parametrize("name", sorted(CENTRAL))
def test_central_files_name_no_app(name: str) -> None:
    text = (ROOT / name).read_text()
    forbidden = _ours() - CENTRAL[name]
    assert {"events", "petitions", "mediation", "registry", "staff"} <= forbidden
    named = {label for label in forbidden if _namings(label).search(text)}
    assert not named, f"{name} names {sorted(named)}"


def test_the_check_would_see_a_kind_named() -> None:
    assert _namings("events").search('{% may_open "events:list" as can %}')
    assert _namings("events").search("from jiedao.events import api as events")
    assert _namings("petitions").search('Section("petitions", _("信访"), ("petitions.",))')
    assert not _namings("events").search("the events of a day")


def test_every_app_with_pages_is_mounted_at_its_prefix() -> None:
    from django.urls import URLResolver, get_resolver

    mounted = [
        (str(p.pattern), getattr(p.urlconf_module, "__name__", None))
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver)
    ]
    for prefix, config in discovery.page_prefixes():
        assert (prefix, f"{config.name}.urls") in mounted
    assert ("events/", "jiedao.events.urls") in mounted
    assert mounted[-1] == ("", "jiedao.web.urls")  # the home comes last: it shadows no one


def test_dashboard_sections_come_from_the_apps_in_order() -> None:
    keys = [s.key for s in indicator_sections()]
    assert keys == ["pipeline", "land", "projects", "land_moves", "events", "petitions", "registers"]
    joined = next(s for s in indicator_sections() if s.key == "petitions")
    assert joined.prefixes == ("petitions.", "mediation.")


@pytest.fixture
def tryout(monkeypatch: pytest.MonkeyPatch, settings: Any) -> AppConfig:
    """The project with one more app, as if its line were added to INSTALLED_APPS."""
    return install_app("tests.core.tryout.apps.TryoutConfig", monkeypatch, settings)


def _bar(body: str) -> list[str]:
    nav = body.split('id="jd-navbar"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a class="nav-link[^"]*" href="[^"]+">([^<]+)</a>', nav)


def test_a_new_app_brings_its_page_and_menu_entry(
    tryout: AppConfig, users: dict[str, User], client_for: Callable[[User], Client]
) -> None:
    dispatcher = client_for(users["dispatcher"])
    body = dispatcher.get("/").content.decode()
    assert _bar(body) == ["我的待办", "事件", "上报事件", "网格地图", "驾驶舱", "试行件", "人口", "场所"]
    assert 'class="btn btn-outline-primary" href="/tryout/">试行件</a>' in body.split("常用功能", 1)[1]
    assert dispatcher.get("/tryout/").content.decode() == "试行件列表"
    worker = client_for(users["grid_worker"])  # the page declares dispatchers only
    assert "试行件" not in worker.get("/").content.decode()
    assert worker.get("/tryout/").status_code == 403


def test_a_new_app_brings_its_api_routers(
    tryout: AppConfig, users: dict[str, User], client_for: Callable[[User], Client]
) -> None:
    assert Client().get("/api/tryout/whoami").status_code == 401  # the project's authentication
    mine = client_for(users["leader"]).get("/api/tryout/whoami")
    assert mine.status_code == 200
    assert mine.json() == {"username": "leader"}
    assert Client().get("/api/tryout-public/hello").json() == {"hello": "world"}  # declared public
    events = Client().get("/api/events")  # the real apps' routers keep theirs
    assert events.status_code == 401
    assert Client().post("/api/public/events/rate", {}, content_type="application/json").status_code != 401
