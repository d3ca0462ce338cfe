"""Under the CSP, every nav page of a few roles and /api/docs load only from this server, break
no policy, and still work (/api/docs lists its operations)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page

from jiedao.core.models import User
from tests.conftest import PASSWORD
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(transactional_db, users: dict[str, User]) -> dict[str, User]:
    return users


def _watch(page: Page, server: str) -> tuple[list[str], list[str]]:
    local = {"127.0.0.1", urlparse(server).hostname}  # the live server answers as localhost
    foreign: list[str] = []
    violations: list[str] = []
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlparse(r.url).scheme in ("http", "https") and urlparse(r.url).hostname not in local
            else None
        ),
    )
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda e: violations.append(str(e)))
    return foreign, violations


@pytest.mark.parametrize("role", ["dispatcher", "grid_worker", "leader"])
def test_nav_pages_load_only_from_this_server(world, live_server, page: Page, role: str) -> None:
    foreign, violations = _watch(page, live_server.url)
    login(page, live_server.url, role, PASSWORD)
    hrefs = {a.get_attribute("href") or "" for a in page.locator("nav a[href^='/']").all()}
    hrefs = {h for h in hrefs if not h.startswith(("/logout", "/admin"))}
    assert len(hrefs) >= 3, hrefs
    for href in sorted(hrefs):
        page.goto(live_server.url + href)
        page.wait_for_load_state("networkidle")
    assert foreign == []
    assert violations == []


def test_api_docs_render_their_operations_locally(world, live_server, page: Page) -> None:
    foreign, violations = _watch(page, live_server.url)
    page.goto(f"{live_server.url}/api/docs")
    page.wait_for_selector(".opblock", timeout=15_000)
    assert page.locator(".opblock").count() > 10
    assert foreign == []
    assert violations == []
