"""人员与权限 in a real browser: the admin creates a grid worker with a grid scope; the worker signs
in with the one-time password, must change it first, and sees their grid only; the admin
deactivates them; their very next request is refused and their case still shows their name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jiedao.core.models import User
from tests.e2e.test_event_flow import Shots, as_user  # noqa: F401  (as_user is a fixture)
from tests.events.conftest import new_event

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "Wang-2026-xin"


def test_admin_creates_a_grid_worker_who_then_leaves(
    jurisdiction: Any,
    users: Any,
    grids: Any,
    live_server: Any,
    as_user: Any,  # noqa: F811
    screenshot_dir: Path,
) -> None:
    shot = Shots(screenshot_dir, "test_admin_creates_a_grid_worker_who_then_leaves")
    base = live_server.url
    g2 = grids["G2"]
    new_event(jurisdiction, users["dispatcher"], g2, title="二号网格路面塌陷")
    new_event(jurisdiction, users["dispatcher"], grids["G1"], title="一号网格垃圾满溢")

    # The admin opens 人员与权限 from the menu and adds a person with one grid role.
    admin = as_user("admin")
    admin.click("nav >> text=系统管理")
    admin.click("nav >> text=人员与权限")
    admin.wait_for_url(f"{base}/staff/")
    shot(admin, "01-staff-list")
    admin.click("text=新增人员")
    admin.fill("#id_display_name", "马新网格")
    admin.fill("#id_username", "ma_g2")
    admin.fill("#id_phone", "13566667777")
    admin.fill("#id_post", "专职网格员")
    admin.select_option("#id_roles-0-role", "grid_worker")
    admin.select_option("#id_roles-0-scope", f"grid:{g2.pk}")
    admin.click("#add-role")  # htmx adds a third empty row without reloading
    admin.wait_for_selector("#id_roles-2-role")
    assert admin.input_value("#id_roles-TOTAL_FORMS") == "3"
    shot(admin, "02-create-form")
    admin.click("#person-form button[type=submit]")
    admin.wait_for_selector("#one-time-password")
    one_time = admin.inner_text("#one-time-password").strip()
    shot(admin, "03-one-time-password")
    person = User.objects.get(username="ma_g2")
    assert person.must_change_password
    admin.click("text=已告知，返回人员页面")
    assert "网格员 · 第2网格" in admin.inner_text("#person-roles")
    assert "135****7777" in admin.inner_text("main")
    assert one_time not in admin.content()

    # The worker signs in with it and must choose their own password before anything else.
    worker = as_user(None, phone=True)
    worker.goto(f"{base}/login/")
    worker.fill("#id_username", "ma_g2")
    worker.fill("#id_password", one_time)
    worker.click("button[type=submit]:not([name=language])")
    worker.wait_for_url(f"{base}/staff/password/**")
    assert worker.locator("#forced-notice").count() == 1
    worker.goto(f"{base}/events/")
    assert "/staff/password/" in worker.url
    worker.fill("#id_old_password", one_time)
    worker.fill("#id_new_password1", NEW_PASSWORD)
    worker.fill("#id_new_password2", NEW_PASSWORD)
    shot(worker, "04-forced-change-phone")
    worker.click("main button[type=submit]")
    worker.wait_for_url(f"{base}/events/")
    events = worker.inner_text("main")
    assert "二号网格路面塌陷" in events
    assert "一号网格垃圾满溢" not in events  # their grid only
    shot(worker, "05-own-grid-events-phone")
    mine, _code = new_event(jurisdiction, person, g2, title="三号楼井盖松动")
    worker.goto(f"{base}/events/")
    assert "三号楼井盖松动" in worker.inner_text("main")

    # The admin deactivates them; the worker's very next request is refused.
    admin.goto(f"{base}/staff/?q=ma_g2")
    admin.click("text=马新网格")
    admin.click("button[data-action=deactivate]")
    admin.wait_for_selector(".alert-success")
    assert "已停用" in admin.inner_text("#person-name")
    shot(admin, "06-deactivated")
    worker.goto(f"{base}/events/")
    worker.wait_for_url(f"{base}/login/**")
    assert "您的账号已被停用" in worker.inner_text("main")
    shot(worker, "07-refused-phone")

    # Their case keeps their name on its timeline.
    desk = as_user("dispatcher")
    desk.goto(f"{base}/events/{mine.pk}/")
    assert "马新网格" in desk.inner_text(".jd-timeline")
    shot(desk, "08-case-keeps-name")

    # The staff list on a 375 px phone: readable, no sideways scroll.
    phone_admin = as_user("admin", phone=True)
    phone_admin.goto(f"{base}/staff/")
    width = phone_admin.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the staff list scrolls sideways on a phone ({width}px)"
    assert "网格员 · 第2网格" in phone_admin.inner_text("main")
    shot(phone_admin, "09-staff-list-phone")
