"""The event dashboard's 三率 and its drill-downs: every number opens the records behind it."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from django.utils import timezone

from jiedao.cases.models import Case, Rating
from jiedao.core.indicators import all_indicators
from jiedao.core.models import Department
from jiedao.events.tasks import refresh_dashboard_snapshots
from tests.events.conftest import new_event, step

pytestmark = pytest.mark.django_db
DATA = "/events/dashboard/data.json"


def _dispatch(jurisdiction, users, grid, department: str, **data):
    case, _code = new_event(jurisdiction, users["dispatcher"], grid, **data)
    step(case, "accept", users["dispatcher"])
    dep = Department.objects.get(jurisdiction=jurisdiction, code=department)
    return step(case, "dispatch", users["dispatcher"], department=dep.pk)


def _handler(users, department: str):
    return users["handler"] if department == "enforcement" else users["handler_b"]


@pytest.fixture
def world(jurisdiction, users, grids):
    """Events signed on time, late and never; taken on and refused; rated well and badly."""
    now = timezone.now()
    out = {}
    # On time, resolved, verified and rated 满意 (G1, 综合执法队).
    e = _dispatch(jurisdiction, users, grids["G1"], "enforcement", title="按时签收")
    step(e, "sign", users["handler"])
    step(e, "resolve", users["handler"], result="已处理")
    step(e, "verify", users["grid_worker"])
    step(e, "rate", users["dispatcher"], rating=Rating.SATISFIED)
    out["good"] = e
    # Signed for after its limit, resolved, rated 不满意 (G3, 市场监管所).
    e = _dispatch(jurisdiction, users, grids["G3"], "market_supervision", title="逾时签收")
    step(e, "sign", users["handler_b"])
    Case.objects.filter(pk=e.pk).update(sign_due=now - timedelta(hours=3), signed_at=now - timedelta(hours=1))
    step(e, "resolve", users["handler_b"], result="已处理")
    step(e, "verify", users["grid_worker_b"])
    step(e, "rate", users["dispatcher"], rating=Rating.UNSATISFIED)
    # Never signed for, its limit passed (G3, 综合执法队).
    e = _dispatch(jurisdiction, users, grids["G3"], "enforcement", title="未签收超时")
    Case.objects.filter(pk=e.pk).update(sign_due=now - timedelta(hours=2))
    # Dispatched a moment ago: not yet due, so no rate counts it against anyone (G1, 市场监管所).
    _dispatch(jurisdiction, users, grids["G1"], "market_supervision", title="刚派发")
    # Refused (不予受理): no demand to resolve; and one waiting for acceptance.
    e, _c = new_event(jurisdiction, users["dispatcher"], grids["G2"], title="不予受理")
    step(e, "reject", users["dispatcher"], note="不属于受理范围")
    new_event(jurisdiction, users["dispatcher"], grids["G4"], title="待受理")
    return out


def _percent(hit: int, base: int) -> str | None:
    if not base:
        return None
    return str((Decimal(hit) * 100 / base).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _expected(cases: list[Case], now) -> dict[str, str | None]:
    """The 三率 counted in Python from the rows, as PRODUCT §13 states them."""
    responded = [
        c for c in cases if c.sign_due is not None and (c.signed_at is not None or c.sign_due <= now)
    ]
    on_time = [c for c in responded if c.signed_at is not None and c.signed_at <= c.sign_due]
    taken_on = [c for c in cases if c.state not in ("rejected", "merged")]
    resolved = [c for c in taken_on if c.resolved_at is not None]
    rated = [c for c in cases if c.resolved_at is not None and c.rating is not None]
    satisfied = [c for c in rated if c.rating in (Rating.SATISFIED, Rating.BASIC)]
    return {
        "response": _percent(len(on_time), len(responded)),
        "resolution": _percent(len(resolved), len(taken_on)),
        "satisfaction": _percent(len(satisfied), len(rated)),
    }


def _values(cells: list[dict[str, Any]]) -> dict[str, str | None]:
    return {c["key"]: c["value"] for c in cells}


def test_three_rates_overall_and_by_department_community_grid(world, jurisdiction, grids, clients):
    got = clients["leader"].get(DATA, {"period": "all"}).json()
    now = timezone.now()
    mine = list(Case.objects.filter(jurisdiction=jurisdiction, kind="event"))
    assert (
        _values(got["rates"])
        == _expected(mine, now)
        == {
            "response": "33.3",
            "resolution": "40.0",
            "satisfaction": "50.0",
        }
    )
    assert [c["label"] for c in got["rates"]] == ["响应率", "解决率", "满意率"]
    for dim in ("department", "community", "grid"):
        field = f"{dim}_id"
        keys = {getattr(c, field) for c in mine} - {None}
        rows = got["rankings"][dim]
        assert {r["key"] for r in rows} == keys, dim
        for row in rows:
            assert _values(row["rates"]) == _expected(
                [c for c in mine if getattr(c, field) == row["key"]], now
            )
    # Best 解决率 first, then 满意率: 第1网格 and 第3网格 both resolved 1 of 2, but 第1网格's
    # reporter was satisfied; 第4网格 resolved none; 第2网格 took nothing on (no 解决率 at all).
    assert [r["label"] for r in got["rankings"]["grid"]] == ["第1网格", "第3网格", "第4网格", "第2网格"]
    assert [r["label"] for r in got["rankings"]["department"]] == ["综合执法队", "市场监管所"]
    # Each rate is an indicator of the library.
    codes = {d.code for d in all_indicators()}
    assert {"events.response_rate", "events.resolution_rate", "events.satisfaction_rate"} <= codes


class _Links(HTMLParser):
    """Every jd-value link of the dashboard's body (the number it shows and where it goes)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.numbers_outside: list[str] = []
        self._href: str | None = None
        self._cell = False
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and "jd-value" in (a.get("class") or ""):
            self._href, self._text = a.get("href") or "", ""
        if tag == "td":
            self._cell = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._text.strip(), self._href))
            self._href = None
        if tag == "td":
            self._cell = False

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text += data
        elif self._cell and re.fullmatch(r"\s*\d+(\.\d+)?%?\s*", data):
            self.numbers_outside.append(data)


def _number(text: str) -> Decimal:
    return Decimal(re.search(r"\d+(?:\.\d+)?", text).group(0))  # type: ignore[union-attr]


@pytest.mark.parametrize("period", ["all", "year"])
def test_every_number_opens_its_records(world, clients, period):
    leader = clients["leader"]
    page = leader.get("/events/dashboard/", {"period": period}).content.decode()
    body = page.split('id="dashboard-data"')[0]
    parser = _Links()
    parser.feed(body)
    assert parser.numbers_outside == []  # no figure in a table cell without its link
    assert len(parser.links) > 40
    opened = set()
    for text, href in parser.links:
        if href in opened:
            continue
        opened.add(href)
        assert href.startswith("/goals/indicators/events."), href
        drill = leader.get(href.replace("&amp;", "&"))
        assert drill.status_code == 200, href
        shown = re.search(r'id="indicator-value">([^<]*)<', drill.content.decode())
        assert shown is not None, href
        assert _number(shown.group(1)) == _number(text), (text, href)


def test_drill_down_names_its_filters_in_words(world, jurisdiction, clients):
    data = clients["leader"].get(DATA, {"period": "all"}).json()
    row = next(r for r in data["rankings"]["department"] if r["label"] == "综合执法队")
    page = clients["leader"].get(row["rates"][0]["url"]).content.decode()
    assert "部门：综合执法队" in page
    state = next(r for r in data["by_state"] if r["key"] == "rejected")
    assert "状态：不予受理" in clients["leader"].get(state["url"]).content.decode()


def test_snapshot_carries_the_rates_in_the_readers_language(world, clients):
    live = clients["leader"].get(DATA, {"period": "all"}).json()
    refresh_dashboard_snapshots()
    snap = clients["leader"].get(DATA, {"period": "all"}).json()
    assert snap["rates"] == live["rates"]
    assert snap["rankings"] == live["rankings"]
    en = clients["leader"].get(DATA, {"period": "all"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert [c["label"] for c in en["rates"]] == ["Response rate", "Resolution rate", "Satisfaction rate"]
    assert en["rankings"]["grid"][0]["rates"][0]["label"] == "Response rate"


def test_one_jurisdiction_at_a_time(
    world, jurisdiction, other_jurisdiction, users, clients, other_dispatcher
):
    admin = users["admin"]
    admin.is_superuser = True
    admin.save()
    whole = clients["admin"].get(DATA, {"period": "all"}).json()
    assert whole["total"] == Case.objects.filter(jurisdiction=jurisdiction).count()
    other = clients["admin"].get(DATA, {"period": "all", "jurisdiction": other_jurisdiction.pk}).json()
    assert other["total"] == 0
    assert f"jurisdiction={other_jurisdiction.pk}" in other["total_url"]
    # A dispatcher reads their own jurisdiction only: another answers 404, as a missing one.
    assert clients["dispatcher"].get(DATA, {"jurisdiction": other_jurisdiction.pk}).status_code == 404
    assert clients["dispatcher"].get(DATA, {"jurisdiction": "x"}).status_code == 404
