"""The walk's handler saw 登记信访件 and got a bare 403: now the petition list and the 信访调解
menu offer them only what they may open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from jiedao.core.models import User
from tests.conftest import PASSWORD
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


def test_the_handler_sees_no_petition_intake(
    users: dict[str, User], live_server: Any, page: Page, screenshot_dir: Path
) -> None:
    base = live_server.url
    login(page, base, "handler", PASSWORD)
    page.goto(f"{base}/petitions/")
    page.click("nav >> text=信访调解")
    page.wait_for_selector(".dropdown-menu.show")
    menu = page.inner_text(".dropdown-menu.show")
    assert "信访件" in menu
    assert "登记信访件" not in menu
    assert "信访统计" not in menu
    main = page.inner_text("main")
    assert "登记信访件" not in main
    assert "超期信访件" in main
    page.screenshot(path=str(screenshot_dir / "handler-petitions-no-intake.png"), full_page=True)
    page.goto(f"{base}/events/")
    assert page.locator("main a[href='/events/new/']").count() == 0
    page.screenshot(path=str(screenshot_dir / "handler-events-no-intake.png"), full_page=True)
