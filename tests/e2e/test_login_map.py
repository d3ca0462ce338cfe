"""Smoke test in a real browser: a grid worker signs in and sees the grid polygons on the map."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from jiedao.core.models import User
from tests.conftest import PASSWORD
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(transactional_db, users: dict[str, User]) -> dict[str, User]:
    """The shared test jurisdiction (four grids) and its users, committed for the live server."""
    return users


def _polygons_drawn(page: Page) -> int:
    page.wait_for_selector("#grid-map[data-grids-drawn]", timeout=10_000)
    drawn = page.locator("#grid-map path.leaflet-interactive").count()
    assert page.get_attribute("#grid-map", "data-grids-drawn") == str(drawn)
    return drawn


def test_grid_worker_sees_map_on_desktop(world, live_server, page: Page, screenshot_dir: Path) -> None:
    page.goto(f"{live_server.url}/login/")
    assert page.locator("h1").inner_text() == "街道智治"
    page.screenshot(path=str(screenshot_dir / "login-desktop.png"))

    login(page, live_server.url, "grid_worker", PASSWORD)
    assert "王网格，您好" in page.inner_text("main")
    page.screenshot(path=str(screenshot_dir / "workbench-desktop.png"))

    page.click("nav >> text=网格地图")
    page.wait_for_url(f"{live_server.url}/map/")
    assert _polygons_drawn(page) == 4
    own = page.locator('#grid-map path.leaflet-interactive[stroke="#0b5ed7"]')
    assert own.count() == 1
    own.hover()
    assert "第1网格" in page.inner_text(".leaflet-tooltip")
    assert "东湖社区" in page.inner_text(".leaflet-tooltip")
    page.screenshot(path=str(screenshot_dir / "map-desktop.png"), full_page=True)

    page.click("nav button[value=en]")
    page.wait_for_selector("html[lang=en]")
    assert page.inner_text("h1") == "Grid map"
    assert _polygons_drawn(page) == 4
    page.screenshot(path=str(screenshot_dir / "map-desktop-en.png"))


def test_grid_worker_sees_map_on_phone(world, live_server, phone_page: Page, screenshot_dir: Path) -> None:
    page = phone_page
    page.goto(f"{live_server.url}/login/")
    page.screenshot(path=str(screenshot_dir / "login-phone.png"))
    login(page, live_server.url, "grid_worker", PASSWORD)

    assert not page.is_visible("#jd-navbar")  # collapsed behind the menu button on a phone
    page.click(".navbar-toggler")
    page.wait_for_selector("#jd-navbar.show")
    page.screenshot(path=str(screenshot_dir / "nav-phone.png"))
    page.click("#jd-navbar >> text=网格地图")
    page.wait_for_url(f"{live_server.url}/map/")
    assert _polygons_drawn(page) == 4
    page.screenshot(path=str(screenshot_dir / "map-phone.png"))

    page.click(".navbar-toggler")
    page.wait_for_selector("#jd-navbar.show")
    page.click("#jd-navbar >> text=退出")
    page.wait_for_url(f"{live_server.url}/login/")
    assert "您已安全退出" in page.inner_text("main")


def test_mappick_sets_inputs_and_names_the_grid(world, live_server, page: Page) -> None:
    login(page, live_server.url, "grid_worker", PASSWORD)
    page.goto(f"{live_server.url}/map/")
    # The intake form embeds the picker the same way: a map element and two inputs.
    page.evaluate(
        """() => {
          const box = document.createElement("div");
          box.innerHTML = '<div id="pick" style="height:300px;width:600px"></div>' +
            '<input id="lat"><input id="lng">';
          document.querySelector("main").prepend(box);
          window.picked = null;
          const pick = document.getElementById("pick");
          pick.addEventListener("jiedao:pick", (e) => { window.picked = e.detail; });
          JiedaoMap.pick("pick", "lat", "lng", "/map/grids.geojson");
        }"""
    )
    page.wait_for_selector("#pick[data-grids-drawn='4']")
    own = page.locator('#pick path.leaflet-interactive[stroke="#0b5ed7"]')
    own.click()
    lat = float(page.input_value("#lat"))
    lng = float(page.input_value("#lng"))
    assert 28.0 < lat < 28.01
    assert 120.69 < lng < 120.70
    assert "第1网格" in page.inner_text(".jd-pick-status")
    assert page.evaluate("window.picked.grid.name") == "第1网格"
    assert page.locator("#pick .jd-locate").inner_text() == "使用我的位置"
    # "Use my location" on a phone: the browser's position becomes the picked point.
    page.context.grant_permissions(["geolocation"], origin=live_server.url)
    page.context.set_geolocation({"latitude": 27.995, "longitude": 120.705})
    page.click("#pick .jd-locate")
    # A function, not an expression: Playwright evals an expression, and the CSP blocks eval.
    page.wait_for_function("() => document.getElementById('lat').value === '27.995000'")
    assert page.input_value("#lng") == "120.705000"
    assert "第4网格（西山村）" in page.inner_text(".jd-pick-status")
