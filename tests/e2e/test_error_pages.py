"""A signed-in handler meets a missing record and a page their role may not use: both are pages of
the platform, with its navigation, Chinese text and a way back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from jiedao.core.models import User
from tests.conftest import PASSWORD
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


def test_missing_and_forbidden_pages_belong_to_the_platform(
    users: dict[str, User], live_server: Any, page: Page, screenshot_dir: Path
) -> None:
    base = live_server.url
    login(page, base, "handler", PASSWORD)
    page.goto(f"{base}/events/")
    response = page.goto(f"{base}/events/999999/", referer=f"{base}/events/")
    assert response is not None
    assert response.status == 404
    assert page.is_visible("nav.jd-nav")
    assert "页面不存在" in page.inner_text("#error-page")
    page.screenshot(path=str(screenshot_dir / "error-404-handler.png"), full_page=True)
    page.click("#error-back")
    page.wait_for_url(f"{base}/events/")

    response = page.goto(f"{base}/petitions/new/")
    assert response is not None
    assert response.status == 403
    assert page.is_visible("nav.jd-nav")
    assert "您无权访问此页面" in page.inner_text("#error-page")
    page.screenshot(path=str(screenshot_dir / "error-403-handler.png"), full_page=True)
    page.click("#error-home")
    page.wait_for_url(f"{base}/")
    assert "钱执法，您好" in page.inner_text("main")
