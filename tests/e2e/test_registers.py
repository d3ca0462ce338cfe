"""A project officer keeps the project register in a real browser: create, move a stage, see the
list and the milestone table; screenshots for review."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page

from jiedao.core.models import Jurisdiction, Role, RoleAssignment, User
from jiedao.registers import actions
from tests.conftest import PASSWORD
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


@pytest.fixture
def officer(transactional_db, users: dict[str, User], jurisdiction: Jurisdiction) -> User:
    user = User.objects.create_user(username="officer", password=PASSWORD, display_name="陈招商")
    RoleAssignment.objects.create(user=user, role=Role.PROJECT_OFFICER, jurisdiction=jurisdiction)
    for name, amount, dates in (
        ("国际智能制造产业化服务中心", 150000, {"negotiating": date(2022, 1, 5), "signed": date(2022, 3, 1)}),
        (
            "鹿泰总部科创园",
            32000,
            {"negotiating": date(2021, 6, 1), "signed": date(2021, 9, 1), "landed": date(2022, 2, 1)},
        ),
    ):
        actions.create_project(
            acting_user=user, data=actions.ProjectInput(name=name, investment=Decimal(amount), dates=dates)
        )
    return user


def test_officer_creates_and_moves_a_project(officer, live_server, page: Page, screenshot_dir: Path) -> None:
    login(page, live_server.url, "officer", PASSWORD)
    page.click("nav >> text=台账")
    page.click("nav >> text=项目招引库")
    page.wait_for_url(f"{live_server.url}/registers/projects/")
    page.click("text=新增")
    page.fill("#id_name", "院士岛产业化项目")
    page.fill("#id_investment", "52000")
    page.fill("#id_since", "2022-04-01")
    page.click("form.jd-register-form button[type=submit]")
    page.wait_for_selector("h1 .jd-stage")
    assert page.inner_text("h1 .jd-stage") == "在谈"
    page.select_option("#id_stage", "signed")
    page.fill("#id_on", "2022-05-20")
    page.click("form.jd-stage-form button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert page.inner_text("h1 .jd-stage") == "签约"
    assert "2022-05-20" in page.inner_text(".jd-milestones")
    page.screenshot(path=str(screenshot_dir / "registers-project-detail.png"), full_page=True)
    # Skipping 落地 is refused on the page with the reason.
    page.select_option("#id_stage", "started")
    page.fill("#id_on", "2022-06-01")
    page.click("form.jd-stage-form button[type=submit]")
    assert "下一阶段应为“落地”" in page.inner_text(".alert-danger")
    page.goto(f"{live_server.url}/registers/projects/")
    rows = page.locator("table.jd-register-table tbody tr")
    assert rows.count() == 3
    assert "院士岛产业化项目" in page.inner_text("table.jd-register-table")
    page.screenshot(path=str(screenshot_dir / "registers-project-list.png"), full_page=True)
