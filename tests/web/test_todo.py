"""我的待办: each role lands on the work waiting for it, with counts that open their records.

A small world with a known number of records in each place of every flow; each role's workbench
is read through HTTP and its counts compared with what was made, every count's link is followed to
its list (which must show as many records), and the workbench's query count is pinned per role.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jiedao.cases import actions
from jiedao.cases.models import Case
from jiedao.cases.sweep import refresh_time_status
from jiedao.core import configtodo
from jiedao.core.actions import enter_holiday_schedule
from jiedao.core.calendar import library_knows
from jiedao.core.models import Department, InspectionArea, Jurisdiction, Role, RoleAssignment, User
from jiedao.registers import actions as reg
from tests.conftest import PASSWORD
from tests.events.conftest import dispatched, new_event, step
from tests.mediation.conftest import api, mediators, rooms, walk_in  # noqa: F401  (fixtures)
from tests.petitions.helpers import department, register

pytestmark = pytest.mark.django_db

Tiles = dict[str, dict[str, tuple[int, str]]]


def tiles(body: str) -> Tiles:
    """{source key: {label: (count, url)}} as the workbench shows them."""
    out: Tiles = {}
    for part in body.split('data-todo="')[1:]:
        key = part.split('"', 1)[0]
        section = part.split("</section>", 1)[0]
        found = re.findall(
            r'href="([^"]+)" data-count="(\d+)">.*?<span class="jd-todo-label[^"]*">([^<]+)</span>',
            section,
            re.S,
        )
        out[key] = {html.unescape(label): (int(n), html.unescape(url)) for url, n, label in found}
    return out


def counts(t: Tiles) -> dict[str, dict[str, int]]:
    return {key: {label: n for label, (n, _url) in items.items()} for key, items in t.items()}


def listed(client: Client, url: str) -> int:
    """The number of records the list page at `url` says it shows (共 N 条/件/人)."""
    response = client.get(url)
    assert response.status_code == 200, url
    found = re.search(r"共 (\d+)", response.content.decode())
    assert found, url
    return int(found.group(1))


def _person(username: str, display: str, role: str, jurisdiction: Jurisdiction, **scope: Any) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, display_name=display)
    RoleAssignment.objects.create(user=user, role=role, jurisdiction=jurisdiction, **scope)
    return user


def _known_holidays() -> None:
    # The admin's configuration check is tested on its own; here every year a deadline may reach
    # has its schedule, so the admin's counts are the staff ones only.
    today = timezone.localdate()
    for year in range(today.year, (today + configtodo.LOOKAHEAD).year + 1):
        enter_holiday_schedule(acting_user=None, year=year, holidays=[], workdays=[])


@pytest.fixture
def world(
    jurisdiction: Jurisdiction,
    users: dict[str, User],
    grids: dict[str, Any],
    client_for: Callable[[User], Client],
    mediators: dict[str, User],  # noqa: F811
    rooms: dict[str, Any],  # noqa: F811
    walk_in: Callable[..., dict[str, Any]],  # noqa: F811
    api: Callable[..., dict[str, Any]],  # noqa: F811
) -> dict[str, User]:
    _known_holidays()
    u = dict(users)
    area = InspectionArea.objects.create(jurisdiction=jurisdiction, code="east", name="东片")
    area.grids.set([grids["G2"], grids["G3"]])
    u["inspector"] = _person("inspector", "何检查", Role.INSPECTOR, jurisdiction, inspection_area=area)
    u["project_officer"] = _person("project_officer", "陈招商", Role.PROJECT_OFFICER, jurisdiction)
    u.update(mediators)

    # Events. G1 and G2 are 东湖社区 (C1); G3 and G4 西山村 (C2); every dispatch goes to 综合执法队.
    new_event(jurisdiction, u["grid_worker"], grids["G1"], title="第1网格待受理")
    accepted, _code = new_event(jurisdiction, u["dispatcher"], grids["G4"], title="待派发")
    step(accepted, "accept", u["dispatcher"])
    late = [
        dispatched(jurisdiction, u, grids["G1"], title="第1网格超期"),
        dispatched(jurisdiction, u, grids["G2"], title="第2网格超期"),
    ]
    dispatched(jurisdiction, u, grids["G3"], title="西山待签收")
    for grid, title in ((grids["G1"], "第1网格已办结"), (grids["G3"], "第3网格已办结")):
        done = dispatched(jurisdiction, u, grid, title=title)
        step(done, "sign", u["handler"])
        step(done, "resolve", u["handler"], result="已处理")
    in_hand = dispatched(jurisdiction, u, grids["G4"], title="申请延期")
    step(in_hand, "sign", u["handler"])
    step(in_hand, "request_extension", u["handler"], days=3, note="需协调")
    step(in_hand, "supervise", u["leader"], note="请加快办理")
    # Two events pass their sign-for deadline; the sweep turns them red, as at night.
    past = timezone.now() - timedelta(hours=1)
    Case.objects.filter(pk__in=[c.pk for c in late]).update(due_at=past)
    refresh_time_status()

    # Petitions: one to accept, one to assign, one assigned to 综合执法队.
    now = timezone.now()
    register(u, jurisdiction, now, title="待受理信访")
    to_assign = register(u, jurisdiction, now, title="待交办信访")
    actions.perform(to_assign.pk, "accept", acting_user=u["dispatcher"], now=now)
    assigned = register(u, jurisdiction, now, title="已交办信访")
    actions.perform(assigned.pk, "accept", acting_user=u["dispatcher"], now=now)
    actions.perform(
        assigned.pk,
        "assign",
        acting_user=u["dispatcher"],
        payload={"department": department(u).pk},
        now=now,
    )

    # Disputes: one waiting to be assigned, one being mediated in 民调室.
    dispatcher = client_for(u["dispatcher"])
    walk_in(dispatcher, title="待分派纠纷")
    mediating = walk_in(dispatcher, title="调解中纠纷")
    api(dispatcher, mediating["id"], "assign", room=rooms["min"].pk, mediator=u["mediator_min"].pk)

    # Registers: a project late with its next milestone and one due soon; a structure in G1 late.
    today = timezone.localdate()
    plans = (("延误项目", today - timedelta(days=5)), ("将到期项目", today + timedelta(days=10)))
    for name, planned in plans:
        project = reg.create_project(
            acting_user=u["project_officer"],
            data=reg.ProjectInput(name=name, investment=Decimal(1000)),
        )
        reg.set_planned(
            project,
            acting_user=u["project_officer"],
            planned={"signed": planned},
            expected_version=project.version,
        )
    structure = reg.create_structure(
        acting_user=u["grid_worker"],
        data=reg.StructureInput(address="东湖路1号旁", area_m2=Decimal(40), grid=grids["G1"]),
    )
    reg.set_planned(
        structure,
        acting_user=u["grid_worker"],
        planned={"confirmed": today - timedelta(days=1)},
        expected_version=structure.version,
    )

    # Staff: one person still to change the password an admin set, one deactivated.
    forced = _person("forced", "郑新人", Role.GRID_WORKER, jurisdiction, grid=grids["G2"])
    User.objects.filter(pk=forced.pk).update(must_change_password=True)
    left = _person("left", "退休者", Role.HANDLER, jurisdiction, department=department(u))
    User.objects.filter(pk=left.pk).update(is_active=False)
    return u


NONE_LATE = {"节点逾期": 0, "30日内到期": 0}
EXPECTED: dict[str, dict[str, dict[str, int]]] = {
    "grid_worker": {
        "events.grid_worker": {"待核查": 1, "待受理": 1, "超期": 1},
        "registers.structures": {"节点逾期": 1, "30日内到期": 0},
    },
    "grid_worker_b": {
        "events.grid_worker": {"待核查": 1, "待受理": 0, "超期": 0},
        "registers.structures": NONE_LATE,
    },
    "grid_leader": {
        "events.grid_leader": {"超期": 2, "待核查": 1, "未办结": 3},
        "registers.structures": {"节点逾期": 1, "30日内到期": 0},
    },
    "dispatcher": {
        "events.dispatcher": {
            "待受理": 1,
            "待派发": 1,
            "被退回": 0,
            "延期待审批": 1,
            "区级流转中": 0,
            "待评价": 0,
            "待归档": 0,
        },
        "petitions.dispatcher": {"待受理": 1, "待交办": 1, "超期未办结": 0},
        "mediation.dispatcher": {"待分派": 1},
    },
    "handler": {
        "events.handler": {"待签收": 3, "已签收": 1, "处置中": 0, "超期": 2},
        "petitions.handler": {"待办理": 1, "超期未办结": 0},
    },
    "handler_b": {
        "events.handler": {"待签收": 0, "已签收": 0, "处置中": 0, "超期": 0},
        "petitions.handler": {"待办理": 0, "超期未办结": 0},
    },
    "leader": {
        "events.leader": {"超期": 2, "督办中": 1, "延期待审批": 1},
        "petitions.leader": {"超期未办结": 0, "延期待审批": 0, "积案未化解": 0},
        "mediation.leader": {"超期": 0, "临近期限": 0},
        "registers.projects": {"节点逾期": 1, "30日内到期": 1},
    },
    "mediator_min": {
        "mediation.mediator": {
            "调解中": 1,
            "临近期限": 0,
            "超期": 0,
            "待申请司法确认": 0,
            "司法确认中": 0,
            "待登记法庭结果": 0,
        }
    },
    "inspector": {
        # The area holds G2 and G3: the late structure in G1 is not the inspector's.
        "events.inspector": {"未办结": 2, "超期": 1},
        "registers.structures": NONE_LATE,
    },
    "project_officer": {
        "registers.projects": {"节点逾期": 1, "30日内到期": 1},
        "registers.land": NONE_LATE,
    },
    "admin": {
        "staff.accounts": {"待修改密码": 1, "已停用账号": 1},
        "core.config": {"节假日安排待录入": 0},
    },
}


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_each_role_lands_on_its_waiting_work(world, client_for, who):
    body = client_for(world[who]).get("/").content.decode()
    assert counts(tiles(body)) == EXPECTED[who]


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_every_count_opens_a_list_of_as_many_records(world, client_for, who):
    client = client_for(world[who])
    for items in tiles(client.get("/").content.decode()).values():
        for label, (n, url) in items.items():
            if url.startswith("/admin/"):
                continue  # Django's admin lists count differently; the link is checked on its own
            assert listed(client, url) == n, (who, label, url)


def test_the_mediator_of_another_room_has_nothing_waiting(world, client_for):
    got = counts(tiles(client_for(world["mediator_gong"]).get("/").content.decode()))
    assert set(got["mediation.mediator"].values()) == {0}


def test_my_scope_names_the_room_and_the_area(world, client_for):
    # 我的范围 names what a mediator and an inspector are narrowed to, not only places.
    mediator = client_for(world["mediator_min"]).get("/").content.decode()
    assert "调解室</span>：民调室" in mediator
    assert "暂无管辖范围" not in mediator
    inspector = client_for(world["inspector"]).get("/").content.decode()
    assert "检查片区</span>：东片" in inspector


def test_a_role_without_sources_is_told_so(jurisdiction, client_for):
    resident = _person("resident", "陈居民", Role.RESIDENT, jurisdiction)
    body = client_for(resident).get("/").content.decode()
    assert "您的角色暂无待办事项。" in body
    assert "data-todo=" not in body


def test_a_superuser_without_roles_does_an_admins_work(world, client_for):
    root = User.objects.create_superuser(username="root", password=PASSWORD)
    got = counts(tiles(client_for(root).get("/").content.decode()))
    assert set(got) == {"staff.accounts", "core.config"}
    assert got["staff.accounts"] == {"待修改密码": 1, "已停用账号": 1}


def test_a_superuser_admin_is_not_shown_every_departments_queue(world, jurisdiction, client_for):
    # Like the demo's admin: a superuser holding the admin role. The event lists under the counts
    # follow the roles held too, not everything a superuser may open.
    root = User.objects.create_superuser(username="root", password=PASSWORD)
    RoleAssignment.objects.create(user=root, role=Role.ADMIN, jurisdiction=jurisdiction)
    body = client_for(root).get("/events/todo/", HTTP_HX_REQUEST="true").content.decode()
    for queue in ("待签收", "待核查（本网格已办结）", "超期案件", "延期申请待审批"):
        assert queue not in body
    assert (
        "待签收" in client_for(world["handler"]).get("/events/todo/", HTTP_HX_REQUEST="true").content.decode()
    )


def test_a_handler_of_two_departments_sees_each_by_name(world, jurisdiction, client_for):
    market = Department.objects.get(jurisdiction=jurisdiction, code="market_supervision")
    RoleAssignment.objects.create(
        user=world["handler"], role=Role.HANDLER, jurisdiction=jurisdiction, department=market
    )
    got = counts(tiles(client_for(world["handler"]).get("/").content.decode()))
    assert got["events.handler"]["待签收 · 综合执法队"] == 3
    assert got["events.handler"]["待签收 · 市场监管所"] == 0
    assert got["petitions.handler"]["待办理 · 综合执法队"] == 1


def test_the_holiday_check_counts_the_years_still_to_enter(world, client_for, monkeypatch):
    # Look far enough ahead to reach years no calendar release knows yet.
    monkeypatch.setattr(configtodo, "LOOKAHEAD", timedelta(days=6 * 366))
    today = timezone.localdate()
    unknown = [
        y
        for y in range(today.year, (today + configtodo.LOOKAHEAD).year + 1)
        if not library_knows(y) and y > (today + timedelta(days=90)).year
    ]
    client = client_for(world["admin"])
    ((label, (n, url)),) = tiles(client.get("/").content.decode())["core.config"].items()
    assert n == len(unknown) > 1
    assert label == "、".join(map(str, unknown)) + "年节假日安排待录入"
    assert url == "/admin/core/holidayyear/"
    assert client.get(url).status_code == 200

    enter_holiday_schedule(acting_user=None, year=unknown[0], holidays=[], workdays=[])
    ((label, (n, _url)),) = tiles(client.get("/").content.decode())["core.config"].items()
    assert n == len(unknown) - 1
    assert str(unknown[0]) not in label


# The workbench reads the session, the user, their roles and the names of their scope ("我的范围"),
# then one query per to-do source (the admin: one more for the jurisdictions they manage). The
# inspector's scope reads the grids of their area and 我的范围 the area's name; a mediator's scope
# names no place, 我的范围 reads their rooms and the rooms' names. A handler or grid worker with
# one unit asks no more. Pinned per role; the next test shows that
# the number does not grow with the data.
QUERIES = {
    "grid_worker": 6,
    "grid_leader": 6,
    "dispatcher": 7,
    "handler": 6,
    "leader": 8,
    "mediator_min": 6,
    "inspector": 8,
    "project_officer": 6,
    "admin": 6,
}


@pytest.mark.parametrize("who", sorted(QUERIES))
def test_workbench_query_count_is_pinned(world, client_for, who, django_assert_num_queries):
    client = client_for(world[who])
    client.get("/")  # warm the per-process caches (calendar, categories) like a running server
    with django_assert_num_queries(QUERIES[who]):
        assert client.get("/").status_code == 200


def test_workbench_queries_do_not_grow_with_the_data(world, jurisdiction, grids, client_for):
    client = client_for(world["leader"])
    client.get("/")
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    for i in range(5):
        late = dispatched(jurisdiction, world, grids["G3"], title=f"又一件{i}")
        step(late, "supervise", world["leader"], note="督办")
    with CaptureQueriesContext(connection) as after:
        body = client.get("/").content.decode()
    assert len(after.captured_queries) == len(before.captured_queries)
    assert counts(tiles(body))["events.leader"]["督办中"] == 6
