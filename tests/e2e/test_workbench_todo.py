"""我的待办 in a real browser on the demo data: every demo role signs in and lands on the work
waiting for it, with counts that are not all zero; the first count that is opens a list showing
as many records. Screenshots of each landing page are kept under test-artifacts/screenshots."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from jiedao.demo.actions import DemoOptions, load_demo
from jiedao.demo.users import DEMO_PASSWORD
from tests.e2e.conftest import DESKTOP, PHONE, login
from tests.e2e.test_event_flow import Shots

pytestmark = pytest.mark.e2e

# One demo account per role (the demo's own usernames), and the to-do group each must show.
ROLES = [
    ("admin", "staff.accounts"),
    ("leader", "events.leader"),
    ("dispatcher1", "events.dispatcher"),
    ("handler_enforcement", "events.handler"),
    ("gridlead_banqiao", "events.grid_leader"),
    ("grid_banqiao02", "events.grid_worker"),
    ("mediator", "mediation.mediator"),
    ("inspector", "events.inspector"),
    ("project_officer", "registers.projects"),
]


@pytest.fixture
def demo(transactional_db: None, tmp_path: Path) -> dict[str, Any]:
    """A smaller demo (2 000 events instead of 20 000) of the same generator, committed for the
    live server; its dates are relative to now, like `make run`'s."""
    options = DemoOptions(
        events=2000, residents=200, places=100, organisations=10, grids_file=tmp_path / "grids.geojson"
    )
    return load_demo(acting_user=None, options=options)


def test_every_demo_role_lands_on_waiting_work(
    demo: dict[str, Any], browser: Browser, live_server: Any, screenshot_dir: Path
) -> None:
    shot = Shots(screenshot_dir, "test_every_demo_role_lands_on_waiting_work")
    base = live_server.url
    for username, group in ROLES:
        phone = username.startswith("grid_")  # grid workers work from their phones
        context = browser.new_context(
            viewport=PHONE if phone else DESKTOP, locale="zh-CN", is_mobile=phone, has_touch=phone
        )
        page = context.new_page()
        login(page, base, username, DEMO_PASSWORD)
        page.wait_for_selector("#todo-counts")
        page.wait_for_load_state("networkidle")  # the event lists below the counts come by htmx
        assert page.locator(f'[data-todo="{group}"]').count() == 1, username
        numbers = page.locator(".jd-todo-tile").evaluate_all("tiles => tiles.map(t => +t.dataset.count)")
        assert any(numbers), (username, numbers)
        shot(page, f"{username}{'-phone' if phone else ''}")

        # The first non-zero count opens its records: a list that says it holds as many.
        tile = page.locator(".jd-todo-tile:not([data-count='0'])").first
        expected = int(tile.get_attribute("data-count") or 0)
        href = tile.get_attribute("href") or ""
        tile.click()
        page.wait_for_load_state("domcontentloaded")
        if not href.startswith("/admin/"):
            found = re.search(r"共 (\d+)", page.inner_text("main"))
            assert found, (username, href)
            assert int(found.group(1)) == expected, (username, href)
        shot(page, f"{username}-list")
        context.close()
