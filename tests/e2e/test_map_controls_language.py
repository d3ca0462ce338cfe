"""The interface speaks English all through: Leaflet's own controls (zoom buttons, attribution
prefix) and the event dashboard drawn from a snapshot the task worker counted in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from jiedao.core.models import Category, Grid, Jurisdiction, User
from jiedao.events.snapshots import refresh_snapshots
from tests.conftest import PASSWORD
from tests.e2e.conftest import login
from tests.events.conftest import new_event
from tests.web.test_english import HAN, jurisdiction_data

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(transactional_db, users: dict[str, User]) -> dict[str, User]:
    return users


def _controls(page: Page) -> dict[str, str]:
    page.wait_for_selector("#grid-map[data-grids-drawn]", timeout=10_000)
    prefix = page.locator("#grid-map .leaflet-control-attribution a").first
    return {
        "zoom_in": page.get_attribute("#grid-map .leaflet-control-zoom-in", "title") or "",
        "zoom_out": page.get_attribute("#grid-map .leaflet-control-zoom-out", "title") or "",
        "credit": prefix.inner_text(),
        "credit_title": prefix.get_attribute("title") or "",
    }


def test_map_controls_follow_the_language(world, live_server, page: Page, screenshot_dir: Path) -> None:
    login(page, live_server.url, "grid_worker", PASSWORD)
    page.goto(f"{live_server.url}/map/")
    assert _controls(page) == {
        "zoom_in": "放大",
        "zoom_out": "缩小",
        "credit": "Leaflet",
        "credit_title": "开源交互式地图库",
    }
    page.click("nav button[value=en]")
    page.wait_for_selector("html[lang=en]")
    assert _controls(page) == {
        "zoom_in": "Zoom in",
        "zoom_out": "Zoom out",
        "credit": "Leaflet",
        "credit_title": "An open-source library for interactive maps",
    }
    page.hover("#grid-map .leaflet-control-zoom-in")
    page.screenshot(path=str(screenshot_dir / "map-controls-en.png"))


def test_dashboard_in_english_from_a_chinese_snapshot(
    world, jurisdiction: Jurisdiction, grids: dict[str, Grid], live_server, page: Page, screenshot_dir: Path
) -> None:
    category = Category.objects.filter(jurisdiction=jurisdiction, children__isnull=True).first()
    assert category is not None
    for title in ("路灯不亮", "井盖缺失", "占道经营"):
        new_event(jurisdiction, world["grid_worker"], grids["G1"], title=title, category=category.pk)
    assert refresh_snapshots() > 0
    login(page, live_server.url, "leader", PASSWORD)
    page.goto(f"{live_server.url}/events/dashboard/")
    page.click("nav button[value=en]")
    page.wait_for_selector("html[lang=en]")
    page.wait_for_selector("#chart-state canvas, #chart-state svg")
    text = page.inner_text("main")
    assert "Overdue" in text
    for name in sorted(jurisdiction_data(jurisdiction), key=len, reverse=True):  # people, platforms
        text = text.replace(name, " ") if name else text
    assert not HAN.findall(text), text
    page.screenshot(path=str(screenshot_dir / "dashboard-en.png"), full_page=True)
