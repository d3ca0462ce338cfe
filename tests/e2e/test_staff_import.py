"""批量导入 and 接口令牌 in a real browser, as the admin: a sheet with a bad row is refused with
row-level messages; the corrected sheet creates the accounts and shows their one-time passwords;
a person's token is revoked with the button and the API refuses it at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from jiedao.core.api.tokens import create_token
from jiedao.core.models import User
from tests.e2e.test_event_flow import Shots, as_user  # noqa: F401  (as_user is a fixture)
from tests.staff.test_import import GOOD, bad_sheet, xlsx

pytestmark = pytest.mark.e2e


def test_admin_imports_staff_and_revokes_a_token(
    jurisdiction: Any,
    users: Any,
    grids: Any,
    live_server: Any,
    as_user: Any,  # noqa: F811
    screenshot_dir: Path,
    tmp_path: Path,
) -> None:
    shot = Shots(screenshot_dir, "test_admin_imports_staff_and_revokes_a_token")
    base = live_server.url
    bad, good = tmp_path / "人员-有错.xlsx", tmp_path / "人员.xlsx"
    bad.write_bytes(bad_sheet())
    good.write_bytes(xlsx(GOOD))

    admin = as_user("admin")
    admin.goto(f"{base}/staff/")
    admin.click("text=批量导入")
    admin.wait_for_url(f"{base}/staff/import/")
    shot(admin, "01-import-page")
    with admin.expect_download() as download:
        admin.click("#template-link")
    assert download.value.suggested_filename == "staff-import-test-jd.xlsx"

    admin.set_input_files("#import-form input[type=file]", str(bad))
    admin.click("#import-form button[type=submit]")
    errors = admin.locator("#import-errors")
    errors.wait_for()
    text = errors.inner_text()
    assert "未导入任何数据" in text
    assert "第6行“网格代码”：未知的代码“G9”" in text
    assert "第7行“用户名”：与第2行的用户名“ZHOU_GW”重复" in text
    assert not User.objects.filter(username="zhou_gw").exists()
    shot(admin, "02-refused")

    admin.set_input_files("#import-form input[type=file]", str(good))
    admin.click("#import-form button[type=submit]")
    admin.locator("#created-accounts").wait_for()
    assert "新建 6 人" in admin.inner_text("#import-summary")
    assert admin.locator("#created-accounts [data-password]").count() == 6
    shot(admin, "03-imported")

    worker = users["grid_worker"]  # an account in use (a new one must first change its password)
    raw = create_token(acting_user=None, user=worker, name="巡查App")
    assert Client().get("/api/grids", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    admin.goto(f"{base}/staff/{worker.pk}/")
    admin.click("#tokens-link")
    admin.wait_for_url(f"{base}/staff/{worker.pk}/tokens/")
    shot(admin, "04-tokens")
    admin.click("button[data-action=revoke]")
    admin.locator(".alert-success").wait_for()
    assert "已吊销" in admin.inner_text("#token-table")
    shot(admin, "05-revoked")
    refused = Client().get("/api/grids", headers={"Authorization": f"Bearer {raw}"})
    assert refused.status_code == 401
    admin.goto(f"{base}/staff/{worker.pk}/")
    assert "吊销接口令牌" in admin.inner_text("#person-history")
    shot(admin, "06-history")
