"""The event dashboard on demo data, in a browser: the 三率 with their rankings, and numbers
(a table cell, a ranking's rate, a chart's bar) that open the records behind them."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from jiedao.demo.actions import DemoOptions, load_demo
from jiedao.demo.users import DEMO_PASSWORD
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


def _number(text: str) -> str:
    found = re.search(r"\d+(?:\.\d+)?", text)
    assert found, text
    return found.group(0)


@pytest.mark.django_db(transaction=True)
def test_dashboard_rates_and_drill_downs(page: Page, live_server: Any, screenshot_dir: Path) -> None:
    options = DemoOptions(events=400, residents=40, places=10, organisations=3, seed=11, now=timezone.now())
    load_demo(acting_user=None, options=options)
    shots = screenshot_dir / "events"
    shots.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    login(page, base, "leader", DEMO_PASSWORD)

    page.goto(f"{base}/events/dashboard/?period=year")
    page.wait_for_selector("#chart-trend[data-ready]")
    rates = page.locator("#three-rates .jd-rate a.jd-value")
    expect(rates).to_have_count(3)
    for i in range(3):
        expect(rates.nth(i)).to_have_text(re.compile(r"^\d+\.\d%$"))  # one decimal, always
    for dim in ("department", "community", "grid"):
        expect(
            page.locator(f"[data-ranking={dim}] tbody tr").first.locator("a.jd-value").first
        ).to_be_visible()
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)
    page.locator("#three-rates").screenshot(path=str(shots / "dashboard-rates.png"))

    # A department's 解决率 opens the events it is taken over, filtered to that department.
    row = page.locator("[data-ranking=department] tbody tr").first
    name = row.locator("td").first.inner_text()
    shown = row.locator("a.jd-value").nth(1)
    value = _number(shown.inner_text())
    shown.click()
    page.wait_for_url(re.compile(r".*/goals/indicators/events\.resolution_rate/.*department=\d+.*"))
    expect(page.locator("#indicator-query")).to_contain_text(f"部门：{name}")
    assert Decimal(_number(page.locator("#indicator-value").inner_text())) == Decimal(value)
    page.screenshot(path=str(shots / "drilldown-rate.png"), full_page=True)

    # A bar of the state chart opens that state's events.
    page.goto(f"{base}/events/dashboard/?period=year")
    page.wait_for_selector("#chart-state[data-ready]")
    # The tallest bar: the demo's counts follow the clock, and a state may hold no event today
    # (a bar of height 0 cannot be clicked).
    rows = page.locator('[data-chart="state"] tbody tr')
    bars = page.locator("#chart-state svg path[fill='#0d6efd']")
    assert bars.count() == rows.count()
    heights = [(bars.nth(i).bounding_box() or {"height": 0.0})["height"] for i in range(bars.count())]
    tallest = heights.index(max(heights))
    count = rows.nth(tallest).locator("a.jd-value").inner_text()
    bars.nth(tallest).click()
    page.wait_for_url(re.compile(r".*/goals/indicators/events\.received/.*state=.*"))
    expect(page.locator("#indicator-value")).to_have_text(count)
    page.screenshot(path=str(shots / "drilldown-state.png"), full_page=True)
