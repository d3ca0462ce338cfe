"""The targets chart of the goals dashboard: its legend names the colours its bars wear, and no
axis label is cut off at the chart's edge (a long target subject, the percent axis)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from jiedao.core.models import Grid, Jurisdiction, User
from jiedao.goals.models import Target
from tests.conftest import PASSWORD
from tests.e2e.conftest import login
from tests.events.conftest import new_event

pytestmark = pytest.mark.e2e
LONG = "全年基层治理四平台受理各类事件一千件以上并持续提升群众满意度"
STATUS_COLOURS = {"已完成": "#198754", "进度正常": "#0d6efd", "进度滞后": "#fd7e14", "应完成进度": "#dc3545"}

# The chart's option as ECharts holds it, and the boxes of its texts against the chart's own box.
CHART_STATE = """() => {
  const el = document.getElementById("chart-targets");
  const o = echarts.getInstanceByDom(el).getOption();
  const box = el.getBoundingClientRect();
  const texts = Array.from(el.querySelectorAll("svg text")).map((t) => {
    const r = t.getBoundingClientRect();
    return { text: t.textContent, left: r.left - box.left, right: box.right - r.right };
  });
  return {
    legend: o.legend[0].data.map((d) => (typeof d === "string" ? d : d.name)),
    series: o.series.map((s) => ({ name: s.name, colour: s.itemStyle.color,
      items: s.data.map((d) => (d && typeof d === "object" ? (d.itemStyle || {}).color || null : null)) })),
    containLabel: o.grid[0].containLabel,
    texts: texts,
  };
}"""


def _target(
    jurisdiction: Jurisdiction, by: User, subject: str, quantity: int, code: str, direction: str
) -> None:
    Target.objects.create(
        jurisdiction=jurisdiction,
        year=timezone.localdate().year,
        kind="quantitative",
        subject=subject,
        quantity=Decimal(quantity),
        unit="件",
        direction=direction,
        indicator_code=code,
        deadline=timezone.localdate() + timedelta(days=60),
        confirmed_by=by,
        confirmed_at=timezone.now(),
    )


@pytest.mark.django_db(transaction=True)
def test_legend_matches_colours_and_labels_fit(
    page: Page,
    live_server: Any,
    jurisdiction: Jurisdiction,
    users: dict[str, User],
    grids: dict[str, Grid],
    screenshot_dir: Path,
) -> None:
    for i in range(3):
        new_event(jurisdiction, users["dispatcher"], grids["G1"], title=f"事件{i}")
    leader = users["leader"]
    _target(jurisdiction, leader, "受理事件", 2, "events.received", "reach")  # 3 of 2: done
    _target(jurisdiction, leader, "超期在办事件控制在10件以内", 10, "events.overdue", "at_most")  # on track
    _target(jurisdiction, leader, LONG, 1000, "events.received", "reach")  # 3 of 1000: behind
    shots = screenshot_dir / "goals"
    shots.mkdir(parents=True, exist_ok=True)
    login(page, live_server.url, "leader", PASSWORD)
    page.goto(f"{live_server.url}/goals/dashboard/")
    page.wait_for_selector("#chart-targets[data-ready]")
    page.locator("#section-targets").screenshot(path=str(shots / "targets-chart.png"))
    page.locator("#section-events").screenshot(path=str(shots / "dashboard-events.png"))
    state = page.evaluate(CHART_STATE)

    # Every legend entry is a series drawn in one colour, its status colour; no bar overrides it.
    assert state["legend"] == list(STATUS_COLOURS)
    for s in state["series"]:
        assert s["colour"] == STATUS_COLOURS[s["name"]], s
        assert set(s["items"]) == {None}, s
    # Each target's bar sits in the series of its status (the table's badge says the same).
    drawn = {
        s["name"]: [i for i, v in enumerate(p) if v is not None]
        for s, p in zip(
            state["series"],
            page.evaluate(
                "() => echarts.getInstanceByDom(document.getElementById('chart-targets'))"
                ".getOption().series.map((s) => s.data)"
            ),
            strict=True,
        )
    }
    # Rows are drawn bottom-up: the last target is the first category.
    assert drawn == {"已完成": [2], "进度正常": [1], "进度滞后": [0], "应完成进度": [0, 1, 2]}
    badges = page.locator("#targets tbody .badge").all_inner_texts()
    assert badges == ["已完成", "进度正常", "进度滞后"]

    # No text of the chart starts left of it or ends right of it: axis labels are inside.
    assert state["containLabel"] is True
    clipped = [t for t in state["texts"] if t["left"] < 0 or t["right"] < 0]
    assert clipped == [], clipped
    labels = [t["text"] for t in state["texts"]]
    assert "受理事件" in labels
    assert "150.0%" in labels  # the done target's bar label, one decimal

    page.goto(f"{live_server.url}/goals/targets/")
    page.screenshot(path=str(shots / "targets-page.png"), full_page=True)
    bars = page.locator("#targets .progress-bar")
    colours = [bars.nth(i).evaluate("(b) => getComputedStyle(b).backgroundColor") for i in range(3)]
    assert colours == ["rgb(25, 135, 84)", "rgb(13, 110, 253)", "rgb(253, 126, 20)"]
