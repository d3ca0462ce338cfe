"""Each role's scope in a real browser: the mediator's menu and their dispute's event, the
inspector's places of their area, the grid worker's report form offering their own grid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.core.test_role_scopes import World, world  # noqa: F401  (world is a fixture)
from tests.e2e.test_event_flow import Shots, as_user  # noqa: F401  (as_user is a fixture)

pytestmark = pytest.mark.e2e


def test_each_role_sees_its_own_scope(
    world: World,  # noqa: F811
    live_server: Any,
    as_user: Any,  # noqa: F811
    screenshot_dir: Path,
) -> None:
    shot = Shots(screenshot_dir, "test_each_role_sees_its_own_scope")
    base = live_server.url

    # The mediator's menu holds mediation only; from their dispute they open its event.
    mediator = as_user("mediator_min")
    nav = mediator.locator("nav.jd-nav")
    assert nav.locator("text=人口").count() == 0
    assert nav.locator("a.nav-link", has_text="事件").count() == 0
    mediator.click("nav >> text=信访调解")
    shot(mediator, "01-mediator-menu")
    assert nav.locator("text=从事件转调解").count() == 0
    assert nav.locator("text=信访件").count() == 0
    mediator.click("nav >> text=矛盾纠纷调解")
    mediator.wait_for_url(f"{base}/mediation/")
    assert "工资拖欠纠纷" not in mediator.inner_text("main")
    mediator.click("main >> text=第3网格的事件")
    mediator.click(f"main >> text={world.events['G3'].number}")
    mediator.wait_for_url(f"{base}/events/{world.events['G3'].pk}/")
    assert mediator.locator("main >> text=事件列表").count() == 0  # a list they may not open
    shot(mediator, "02-mediator-linked-event")
    refused = mediator.goto(f"{base}/events/")
    assert refused is not None
    assert refused.status == 403
    shot(mediator, "03-mediator-event-list-refused")

    # The inspector's places are those of 东片区.
    inspector = as_user("inspector")
    inspector.click("nav >> text=场所")
    inspector.wait_for_url(f"{base}/registry/places/")
    main = inspector.inner_text("main")
    assert "第2网格的场所" in main
    assert "第3网格的场所" not in main
    assert inspector.locator("nav.jd-nav >> text=人口").count() == 0
    shot(inspector, "04-inspector-places")

    # The grid worker's report form offers their own grid only.
    worker = as_user("grid_worker")
    worker.goto(f"{base}/events/new/")
    options = worker.locator("#id_grid option").all_inner_texts()
    assert options[1:] == ["东湖社区 · 第1网格"]
    shot(worker, "05-grid-worker-report-form")
