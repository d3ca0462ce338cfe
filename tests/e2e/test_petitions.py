"""A dispatcher registers a repeat petition in a real browser: the earlier petition is suggested
before saving, the new one is linked, accepted and assigned; the figures page links to records."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from jiedao.core.models import Jurisdiction, User
from tests.conftest import PASSWORD
from tests.e2e.conftest import login
from tests.petitions.helpers import PHONE_A, register

pytestmark = pytest.mark.e2e


@pytest.fixture
def earlier(transactional_db, users: dict[str, User], jurisdiction: Jurisdiction) -> str:
    case = register(users, jurisdiction, timezone.now() - timedelta(days=20))
    return case.number


def test_repeat_petition_suggested_linked_and_handled(
    earlier, users, live_server, page: Page, screenshot_dir: Path
) -> None:
    login(page, live_server.url, "dispatcher", PASSWORD)
    page.click("nav >> text=信访调解")
    page.click("nav >> text=登记信访件")
    page.wait_for_url(f"{live_server.url}/petitions/new/")
    page.fill("#id_title", "物业停车费问题再次反映")
    page.select_option("#id_channel", "call")
    page.select_option("#id_petition_type", "claim")
    page.fill("#id_content", "小区物业公司上调停车费的问题一直没有解决，请街道再次协调。")
    page.select_option("#id_content_category", "urban.property")
    page.locator("input[name=petitioner_name]").first.fill("陈信访")
    page.locator("input[name=petitioner_phone]").first.fill(PHONE_A)
    page.locator("input[name=petitioner_phone]").first.press("Tab")
    page.wait_for_selector(f".jd-repeat[data-number='{earlier}']")
    assert "将关联为重复信访" in page.inner_text("#repeat-suggestions")
    page.screenshot(path=str(screenshot_dir / "petitions-intake-repeat.png"), full_page=True)
    page.click("#petition-submit")
    page.wait_for_selector("#petition-chain")
    assert earlier in page.inner_text("#petition-chain")
    assert page.locator("main .badge", has_text="待受理").count() >= 1
    page.click("details[data-action=accept] summary")
    page.click("details[data-action=accept] button[type=submit]")
    page.wait_for_selector(".alert-success")
    page.click("details[data-action=assign] summary")
    page.select_option("details[data-action=assign] select[name=department]", label="综合执法队")
    page.click("details[data-action=assign] button[type=submit]")
    page.wait_for_selector("details[data-action=reassign]")
    assert "综合执法队" in page.inner_text(".jd-facts")
    page.screenshot(path=str(screenshot_dir / "petitions-detail.png"), full_page=True)

    page.goto(f"{live_server.url}/petitions/figures/")
    received = page.locator("tr[data-code=received] a.jd-figure")
    assert received.inner_text() == "2"
    assert page.locator("tr[data-code=repeats] a.jd-figure").inner_text() == "1"
    page.screenshot(path=str(screenshot_dir / "petitions-figures.png"), full_page=True)
    page.locator("tr[data-code=repeats] a.jd-figure").click()
    page.wait_for_selector("#petition-count")
    assert page.get_attribute("#petition-count", "data-count") == "1"
    page.screenshot(path=str(screenshot_dir / "petitions-list.png"), full_page=True)
