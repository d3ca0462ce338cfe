"""One event walked through the whole four-platform flow in a real browser, each step as the
right user signing in through the login page; another through 退回 → 改派 and 延期."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, FilePayload, Page

from jiedao.cases import actions
from jiedao.cases.models import Case
from jiedao.core.models import Category, Department
from jiedao.events.intake import validate_event
from tests.conftest import PASSWORD
from tests.e2e.conftest import DESKTOP, PHONE, login
from tests.events.conftest import make_png

pytestmark = pytest.mark.e2e

As = Callable[..., Page]


@pytest.fixture
def as_user(browser: Browser, live_server: Any) -> Iterator[As]:
    """`as_user(username, phone=False)`: a fresh browser context signed in through the login page."""
    contexts = []

    def open_page(username: str | None, *, phone: bool = False, **options: Any) -> Page:
        size = PHONE if phone else DESKTOP
        context = browser.new_context(
            viewport=size, locale="zh-CN", is_mobile=phone, has_touch=phone, **options
        )
        contexts.append(context)
        page = context.new_page()
        if username:
            login(page, live_server.url, username, PASSWORD)
        return page

    yield open_page
    for context in contexts:
        context.close()


class Shots:
    def __init__(self, root: Path, test: str) -> None:
        self.dir = root / test
        self.dir.mkdir(parents=True, exist_ok=True)

    def __call__(self, page: Page, step: str) -> None:
        page.screenshot(path=str(self.dir / f"{step}.png"), full_page=True)


def act(page: Page, action: str, fill: dict[str, str] | None = None, *, opened: bool = False) -> None:
    """Open the action's small form on the detail page (unless `opened`), fill it and submit;
    expect success."""
    box = f'details[data-action="{action}"]'
    if not opened:
        page.click(f"{box} > summary")
    for selector, value in (fill or {}).items():
        target = page.locator(f"{box} {selector}")
        if target.evaluate("el => el.tagName") == "SELECT":
            target.select_option(value)
        elif value == "check":
            target.check()
        else:
            target.fill(value)
    page.click(f"{box} button[type=submit]")
    page.wait_for_load_state("domcontentloaded")
    assert page.locator(".alert-success").count() == 1, page.inner_text("main")


def test_event_from_grid_report_to_archive(
    users: Any, grids: Any, live_server: Any, as_user: As, screenshot_dir: Path
) -> None:
    shot = Shots(screenshot_dir, "test_event_from_grid_report_to_archive")
    base = live_server.url
    g1 = grids["G1"]

    # 网格上报 on a phone, location from the geolocation button, photo from the camera input.
    phone = as_user(
        "grid_worker",
        phone=True,
        geolocation={"latitude": g1.centroid_lat, "longitude": g1.centroid_lng},
        permissions=["geolocation"],
    )
    phone.goto(f"{base}/events/new/")
    phone.wait_for_selector("#pick-map[data-grids-drawn]")
    phone.fill("#id_title", "楼道堆放杂物")
    phone.fill("#id_description", "3号楼楼道堆放大量杂物，存在消防隐患。")
    phone.click(".jd-locate")
    phone.wait_for_function("() => document.getElementById('id_lat').value !== ''")
    assert "第1网格" in phone.inner_text(".jd-pick-status")
    photo: FilePayload = {"name": "scene.png", "mimeType": "image/png", "buffer": make_png()}
    phone.set_input_files("#id_photo", files=[photo])
    phone.fill("#id_reporter_name", "陈先生")
    phone.fill("#id_reporter_phone", "13800138000")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the intake page scrolls sideways on a phone ({width}px)"
    shot(phone, "01-intake-phone")
    phone.click("#intake-form button[type=submit]")
    phone.wait_for_url(f"{base}/events/new/done/")
    number = phone.inner_text("#created-number")
    code = phone.inner_text("#created-code")
    shot(phone, "02-created-phone")
    case = Case.objects.get(number=number)
    assert case.grid_id == g1.pk
    assert case.attachments.count() == 1
    detail = f"{base}/events/{case.pk}/"

    # 受理 → 派发 by the dispatcher.
    desk = as_user("dispatcher")
    desk.goto(detail)
    assert "138****8000" in desk.inner_text("main")
    desk.wait_for_selector("#case-map[data-ready]")
    shot(desk, "03-detail-dispatcher")
    # 受理 asks for the category, pre-filled with the keyword suggestion (消防 → 消防隐患).
    fire = Category.objects.get(jurisdiction=case.jurisdiction, code="safety.fire")
    desk.click('details[data-action="accept"] > summary')
    chosen = desk.locator('details[data-action="accept"] select[name=category]')
    assert chosen.input_value() == str(fire.pk)
    assert chosen.evaluate("el => el.required")
    shot(desk, "03b-accept-with-category")
    act(desk, "accept", {"select[name=category]": str(fire.pk)}, opened=True)
    assert Case.objects.get(pk=case.pk).category_id == fire.pk
    dep = Department.objects.get(jurisdiction=case.jurisdiction, code="enforcement")
    act(desk, "dispatch", {"select[name=department]": str(dep.pk), "select[name=urgency]": "normal"})
    shot(desk, "04-dispatched")

    # 签收 → 办结 by the handler.
    handler = as_user("handler")
    handler.goto(f"{base}/")
    handler.wait_for_selector("#event-todo")
    assert "楼道堆放杂物" in handler.inner_text("#event-todo")
    shot(handler, "05-handler-workbench")
    handler.goto(detail)
    act(handler, "sign")
    act(handler, "resolve", {"textarea[name=result]": "已清理楼道杂物，恢复通行。"})
    shot(handler, "06-resolved")

    # 核查 by the grid worker (on the phone).
    phone.goto(detail)
    act(phone, "verify")
    shot(phone, "07-verified-phone")

    # 评价 by the reporter on the public page, with the code.
    resident = as_user(None, phone=True)
    resident.goto(f"{base}/events/rate/")
    resident.fill("#id_number", number)
    resident.fill("#id_code", code)
    resident.check("input[name=rating][value='3']")
    shot(resident, "08-rate-form")
    resident.click("main form button[type=submit]")
    resident.wait_for_selector("#rate-done")
    shot(resident, "09-rated")

    # 归档 by the dispatcher.
    desk.goto(detail)
    act(desk, "archive")
    shot(desk, "10-archived")
    case.refresh_from_db()
    assert case.state == "archived"
    assert case.rating == 3
    verbs = list(case.actions.values_list("verb", flat=True))
    assert verbs == ["report", "accept", "dispatch", "sign", "resolve", "verify", "rate", "archive"]
    desk.goto(f"{base}/events/?q={number}")
    assert "已归档" in desk.inner_text("#case-results")
    shot(desk, "11-list")

    # The leader's dashboard draws its charts from the same numbers as its tables.
    leader = as_user("leader")
    leader.goto(f"{base}/events/dashboard/")
    leader.wait_for_selector("#chart-trend[data-ready] svg")
    assert "已归档" in leader.inner_text('table[data-chart="state"]')
    shot(leader, "12-dashboard")


def test_event_returned_reassigned_and_extended(
    jurisdiction: Any, users: Any, grids: Any, live_server: Any, as_user: As, screenshot_dir: Path
) -> None:
    shot = Shots(screenshot_dir, "test_event_returned_reassigned_and_extended")
    base = live_server.url
    g3 = grids["G3"]
    data = {
        "title": "无证摊贩占道",
        "description": "菜场门口摊贩占道经营。",
        "lat": g3.centroid_lat,
        "lng": g3.centroid_lng,
    }
    case, _code = actions.create_case(
        validate_event(data, jurisdiction=jurisdiction, user=users["dispatcher"]),
        acting_user=users["dispatcher"],
    )
    enforcement = Department.objects.get(jurisdiction=jurisdiction, code="enforcement")
    market = Department.objects.get(jurisdiction=jurisdiction, code="market_supervision")
    stall = Category.objects.get(jurisdiction=jurisdiction, code="city.street_stall")
    actions.perform(case.pk, "accept", acting_user=users["dispatcher"], payload={"category": stall.pk})
    actions.perform(
        case.pk, "dispatch", acting_user=users["dispatcher"], payload={"department": enforcement.pk}
    )
    detail = f"{base}/events/{case.pk}/"

    handler = as_user("handler")
    handler.goto(detail)
    act(handler, "give_back", {"textarea[name=note]": "属于市场监管职责，退回改派。"})
    assert handler.url.rstrip("/").endswith("/events")  # out of the department's sight now
    shot(handler, "01-returned")

    desk = as_user("dispatcher")
    desk.goto(detail)
    act(
        desk, "reassign", {"select[name=department]": str(market.pk), "textarea[name=note]": "改派市场监管所"}
    )
    shot(desk, "02-reassigned")

    market_handler = as_user("handler_b")
    market_handler.goto(detail)
    act(market_handler, "sign")
    act(market_handler, "request_extension", {"input[name=days]": "3", "textarea[name=note]": "需联合执法"})
    assert "已申请延期 3 个工作日" in market_handler.inner_text("main")
    shot(market_handler, "03-extension-requested")

    leader = as_user("leader")
    leader.goto(f"{base}/")
    leader.wait_for_selector("#event-todo")
    leader.goto(detail)
    before = Case.objects.get(pk=case.pk).resolve_due
    act(leader, "approve_extension")
    shot(leader, "04-extension-approved")
    after = Case.objects.get(pk=case.pk)
    assert after.extension_days == 3
    assert before is not None
    assert after.resolve_due is not None
    assert after.resolve_due > before
    assert after.department_id == market.pk
    assert "含延期 3 个工作日" in leader.inner_text("main")

    # A stale form (opened before someone else acted) is refused with the conflict message.
    stale = as_user("handler_b")
    stale.goto(detail)
    market_handler.goto(detail)
    act(market_handler, "start")
    stale.click('details[data-action="resolve"] > summary')
    stale.fill('details[data-action="resolve"] textarea[name=result]', "已取缔")
    stale.click('details[data-action="resolve"] button[type=submit]')
    stale.wait_for_selector("#action-error")
    assert "该案件已被他人更新" in stale.inner_text("#action-error")
    shot(stale, "05-stale-conflict")
    assert Case.objects.get(pk=case.pk).state == "processing"
