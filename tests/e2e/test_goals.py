"""A project created and moved through its stages on the register pages shows on the goals
dashboard: the stage indicators and the target bound to them change, and the number opens to
its records, which open the project."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from jiedao.core.models import Jurisdiction, User
from jiedao.goals.models import Target
from tests.conftest import PASSWORD
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e

SIGNED = "registers.projects_signed"


def _target_row(page: Page) -> Any:
    return page.locator("#targets tr", has_text="签约招引项目")


def _move(page: Page, stage: str, on: str) -> None:
    form = page.locator("form.jd-stage-form")
    form.locator("#id_stage").select_option(stage)
    form.locator("#id_on").fill(on)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_project_through_stages_moves_the_dashboard(
    page: Page, live_server: Any, users: dict[str, User], jurisdiction: Jurisdiction, screenshot_dir: Path
) -> None:
    today = timezone.localdate()
    Target.objects.create(
        jurisdiction=jurisdiction,
        year=today.year,
        kind="quantitative",
        subject="签约招引项目",
        quantity=Decimal(2),
        unit="个",
        indicator_code=SIGNED,
        confirmed_by=users["leader"],
        confirmed_at=timezone.now(),
    )
    shots = screenshot_dir / "goals"
    shots.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    login(page, base, "admin", PASSWORD)

    page.goto(f"{base}/goals/dashboard/")
    row = _target_row(page)
    expect(row.locator("a.jd-value")).to_have_text("0")
    expect(row).to_contain_text("0.0%")

    page.goto(f"{base}/registers/projects/new/")
    page.fill("#id_name", "江心岛生命健康产业园")
    page.select_option("#id_kind", "investment")
    page.fill("#id_investment", "5000")
    page.click("form.jd-register-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/registers/projects/\d+/$"))
    project_url = page.url
    _move(page, "signed", today.isoformat())
    _move(page, "landed", today.isoformat())
    page.screenshot(path=str(shots / "project.png"), full_page=True)

    page.goto(f"{base}/goals/dashboard/")
    page.wait_for_selector("#chart-targets[data-ready]")
    row = _target_row(page)
    expect(row.locator("a.jd-value")).to_have_text("1")
    expect(row).to_contain_text("50.0%")
    pipeline = page.locator("#section-pipeline")
    expect(pipeline.locator("tr", has_text="落地").first.locator("a.jd-value")).to_have_text("1")
    expect(pipeline).to_contain_text("5000")
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)
    page.locator("#section-targets").screenshot(path=str(shots / "dashboard-targets.png"))
    page.locator("#section-pipeline").screenshot(path=str(shots / "dashboard-pipeline.png"))

    row.locator("a.jd-value").click()
    page.wait_for_url(re.compile(rf".*/goals/indicators/{re.escape(SIGNED)}/\?start={today.year}-01-01.*"))
    expect(page.locator("#indicator-value")).to_have_text("1")
    records = page.locator("#records a")
    expect(records).to_have_count(1)
    expect(records.first).to_contain_text("江心岛生命健康产业园")
    page.screenshot(path=str(shots / "drilldown.png"), full_page=True)
    records.first.click()
    page.wait_for_url(project_url)
    expect(page.locator("h1")).to_contain_text("江心岛生命健康产业园")
