"""The case lists on a 390 px phone: each row is a card whose title reads as a line of text, not a
column one character wide, and nothing scrolls sideways (events as a grid worker, petitions as
the dispatcher: both lists are drawn by the shared `cases/_list_results.html`)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, FloatRect, Page, ViewportSize

from jiedao.core.models import Grid, Jurisdiction, User
from tests.conftest import PASSWORD
from tests.e2e.conftest import login
from tests.events.conftest import new_event
from tests.petitions.helpers import register

pytestmark = pytest.mark.e2e

PHONE_390 = ViewportSize(width=390, height=844)
TITLES = [
    "小区东门路灯连续三晚不亮影响居民夜间出行",
    "3号楼楼道堆放大量杂物存在消防隐患",
    "菜场门口流动摊贩占道经营",
]


def _phone(browser: Browser, base: str, username: str) -> Page:
    context = browser.new_context(viewport=PHONE_390, locale="zh-CN", is_mobile=True, has_touch=True)
    page = context.new_page()
    login(page, base, username, PASSWORD)
    return page


def _readable(page: Page, rows: str, titles: str) -> list[FloatRect]:
    """Each row's title box; the page must not be wider than the phone."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_390["width"], f"the list scrolls sideways on a phone ({width}px)"
    boxes = []
    for i in range(page.locator(rows).count()):
        box = page.locator(rows).nth(i).locator(titles).bounding_box()
        assert box is not None
        boxes.append(box)
    return boxes


def test_event_list_on_a_phone_shows_cards(
    jurisdiction: Jurisdiction,
    users: dict[str, User],
    grids: dict[str, Grid],
    live_server: Any,
    browser: Browser,
    screenshot_dir: Path,
) -> None:
    for title in TITLES:
        new_event(jurisdiction, users["grid_worker"], grids["G1"], title=title)
    page = _phone(browser, live_server.url, "grid_worker")
    page.goto(f"{live_server.url}/events/")
    page.wait_for_selector("#case-results tbody tr")
    page.screenshot(path=str(screenshot_dir / "events-list-phone-390.png"), full_page=True)
    boxes = _readable(page, "#case-results tbody tr", "a.link-body-emphasis")
    assert len(boxes) == len(TITLES)
    for box in boxes:
        assert box["width"] > 200, f"the title is squeezed into {box['width']:.0f}px"
    shown = page.inner_text("#case-results")
    for title in TITLES:
        assert title in shown  # whole, not cut or hidden
    assert "待受理" in shown  # the state still shows on the card
    first = page.locator("#case-results tbody tr").first.bounding_box()
    assert first is not None
    assert first["y"] < PHONE_390["height"], "the filters push the list off the screen"
    assert not page.is_visible("#id_state")
    page.click("#jd-filter-toggle")
    page.wait_for_selector("#id_state", state="visible")
    page.screenshot(path=str(screenshot_dir / "events-list-phone-390-filters.png"), full_page=True)


def test_petition_list_on_a_phone_shows_cards(
    jurisdiction: Jurisdiction,
    users: dict[str, User],
    live_server: Any,
    browser: Browser,
    screenshot_dir: Path,
) -> None:
    for i, title in enumerate(["小区物业擅自上调停车费业主多次反映未果", "拆迁安置补偿款迟迟没有发放到位"]):
        register(users, jurisdiction, timezone.now() - timedelta(days=i), title=title)
    page = _phone(browser, live_server.url, "dispatcher")
    page.goto(f"{live_server.url}/petitions/")
    page.wait_for_selector("#petition-count")
    page.screenshot(path=str(screenshot_dir / "petitions-list-phone-390.png"), full_page=True)
    boxes = _readable(page, "main table tbody tr", "a.link-body-emphasis")
    assert len(boxes) == 2
    for box in boxes:
        assert box["width"] > 200, f"the title is squeezed into {box['width']:.0f}px"
