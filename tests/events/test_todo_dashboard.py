"""The workbench to-do panel per role and the dashboard's numbers against independent counts."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from jiedao.cases.models import Case, DepartmentCard
from jiedao.cases.sweep import refresh_time_status
from jiedao.core.models import Department
from tests.events.conftest import dispatched, new_event, step

pytestmark = pytest.mark.django_db
TODO = "/events/todo/"
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def world(jurisdiction, users, grids):
    """One event in each interesting place of the flow."""
    reported, _c = new_event(jurisdiction, users["dispatcher"], grids["G1"], title="待受理事件")
    to_sign = dispatched(jurisdiction, users, grids["G1"], title="待签收事件")
    in_hand = dispatched(jurisdiction, users, grids["G3"], title="处置中事件")
    step(in_hand, "sign", users["handler"])
    step(in_hand, "request_extension", users["handler"], days=3, note="需协调")
    resolved = dispatched(jurisdiction, users, grids["G1"], title="待核查事件")
    step(resolved, "sign", users["handler"])
    step(resolved, "resolve", users["handler"], result="已处理")
    other = dispatched(jurisdiction, users, grids["G3"], title="别的网格已办结")
    step(other, "sign", users["handler"])
    step(other, "resolve", users["handler"], result="已处理")
    late = Case.objects.get(pk=to_sign.pk)
    assert late.due_at is not None
    refresh_time_status(late.due_at + timedelta(minutes=1))
    return {"reported": reported, "to_sign": to_sign, "in_hand": in_hand, "resolved": resolved}


def test_workbench_loads_the_panel(users, clients):
    page = clients["dispatcher"].get("/").content.decode()
    assert 'hx-get="/events/todo/"' in page


def test_dispatcher_todo(world, clients):
    body = clients["dispatcher"].get(TODO, **HX).content.decode()
    assert "待受理事件" in body
    assert "延期申请待审批" in body
    assert "处置中事件" in body
    assert "<html" not in body


def test_handler_todo_red_first(world, clients):
    body = clients["handler"].get(TODO, **HX).content.decode()
    assert "待签收事件" in body
    assert "处置中事件" in body
    assert "待受理事件" not in body
    assert "text-bg-danger" in body.split("待签收事件")[0].rsplit("<li", 1)[1]


def test_grid_worker_todo_is_their_grid_only(world, clients):
    body = clients["grid_worker"].get(TODO, **HX).content.decode()
    assert "待核查事件" in body
    assert "别的网格已办结" not in body


def test_leader_todo_red_cases_and_departments(world, clients):
    body = clients["leader"].get(TODO, **HX).content.decode()
    assert "超期案件" in body
    assert "待签收事件" in body
    assert "超期最多的部门" in body
    assert "综合执法队" in body


def test_todo_without_htmx_is_a_page(world, clients):
    page = clients["grid_worker"].get(TODO).content.decode()
    assert "<html" in page
    assert "待核查事件" in page


@pytest.mark.parametrize(
    ("who", "status"),
    [("leader", 200), ("dispatcher", 200), ("admin", 200), ("grid_worker", 403), ("handler", 403)],
)
def test_dashboard_roles(users, clients, who, status):
    assert clients[who].get("/events/dashboard/").status_code == status
    assert clients[who].get("/events/dashboard/data.json").status_code == status


def test_dashboard_numbers_equal_orm_counts(world, jurisdiction, users, grids, clients, other_dispatcher):
    # Noise the dashboard must not count: another jurisdiction's event.
    from jiedao.cases import actions
    from jiedao.core.models import Grid
    from jiedao.events.intake import validate_event

    other_grid = Grid.objects.exclude(jurisdiction=jurisdiction).get()
    data = {
        "title": "别处",
        "description": "别处",
        "lat": other_grid.centroid_lat,
        "lng": other_grid.centroid_lng,
    }
    actions.create_case(
        validate_event(data, jurisdiction=other_grid.jurisdiction, user=other_dispatcher),
        acting_user=other_dispatcher,
    )
    got = clients["leader"].get("/events/dashboard/data.json", {"period": "all"}).json()
    mine = Case.objects.filter(jurisdiction=jurisdiction, kind="event")
    assert got["total"] == mine.count() == 5
    assert {r["key"]: r["value"] for r in got["by_state"]} == dict(
        Counter(mine.values_list("state", flat=True))
    )
    assert {r["key"]: r["value"] for r in got["by_time_status"] if r["value"]} == dict(
        Counter(mine.values_list("time_status", flat=True))
    )
    assert sum(r["value"] for r in got["by_platform"]) == mine.count()
    dep = Department.objects.get(jurisdiction=jurisdiction, code="enforcement")
    row = next(r for r in got["departments"] if r["key"] == dep.pk)
    assert row["red_cases"] == mine.filter(department=dep, time_status="red").count() == 1
    assert row["red_cards"] == DepartmentCard.objects.filter(department=dep, color="red").count()
    assert row["yellow_cards"] == DepartmentCard.objects.filter(department=dep, color="yellow").count()
    this_month = timezone.localtime().strftime("%Y-%m")
    month = next(r for r in got["trend"] if r["key"] == this_month)
    assert len(got["trend"]) == 12
    assert got["trend"][-1]["key"] == this_month
    assert month["reported"] == 5
    assert month["resolved"] == mine.filter(resolved_at__isnull=False).count() == 2
    page = clients["leader"].get("/events/dashboard/", {"period": "all"}).content.decode()
    assert "综合执法队" in page
    assert 'data-chart="trend"' in page


def test_dashboard_period_excludes_old_events(world, jurisdiction, clients):
    old = world["reported"]
    Case.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=60))
    got = clients["dispatcher"].get("/events/dashboard/data.json", {"period": "30d"}).json()
    assert got["total"] == 4
    assert got["period"]["code"] == "30d"
    assert clients["dispatcher"].get("/events/dashboard/data.json", {"period": "90d"}).json()["total"] == 5


def test_dashboard_query_count_is_fixed(
    world, jurisdiction, users, grids, clients, django_assert_num_queries
):
    # Pinned, whatever the number of events: session, user and roles; platforms; one grouped
    # pass for state/time status/platform; overdue by department, cards and department names;
    # 24 index range counts for the 12-month trend; the 三率 grouped by department, community
    # and grid, with the names of each (39). The page renders from the same figures.
    for url in ("/events/dashboard/data.json", "/events/dashboard/"):
        with django_assert_num_queries(39):
            clients["leader"].get(url)
    for i in range(6):
        dispatched(jurisdiction, users, grids["G2" if i % 2 else "G4"], title=f"更多事件{i}")
    with django_assert_num_queries(39):
        clients["leader"].get("/events/dashboard/")
