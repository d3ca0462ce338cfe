"""Scopes that match the roles (issue 10 item 2), through HTTP as named users of each role.

The world: one event in each of the four test grids (第1–第4网格); the event of 第3网格 turned
into a dispute of 民调室, and a walk-in dispute of 工调室; one petition; a place and an illegal
structure in 第2网格 and in 第3网格; a resident in 第1网格; an investment project.

- 王调解, mediator of 民调室: the 民调室 dispute and the event it came from, nothing else;
- 何检查, inspector of 东片区 (第2 and 第4网格): those grids' events, places and structures; no
  petitions, no residents;
- 陈招商, project officer: the registers, no events, petitions or residents;
- 王网格, grid worker of 第1网格: reports into 第1网格 only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from jiedao.cases import actions as engine
from jiedao.cases.models import Case
from jiedao.core.models import Grid, InspectionArea, Jurisdiction, Role, RoleAssignment, Tag, User
from jiedao.events.intake import validate_event
from jiedao.mediation.actions import add_member
from jiedao.mediation.models import DisputeType, Room
from jiedao.petitions.intake import register_petition, validate_petition
from jiedao.registers import actions as registers
from jiedao.registry.models import Place, Resident
from tests.conftest import PASSWORD
from tests.petitions.helpers import petition_data

pytestmark = pytest.mark.django_db


@dataclass
class World:
    events: dict[str, Case]  # grid code → its event
    linked: Case  # the 民调室 dispute made from the event of G3
    other_dispute: Case  # a walk-in dispute of 工调室
    petition: Case
    places: dict[str, Place]  # G2, G3
    resident: Resident
    mediator: User
    inspector: User
    officer: User


def _person(username: str, display: str, role: str, jurisdiction: Jurisdiction, **scope: Any) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, display_name=display)
    RoleAssignment.objects.create(user=user, role=role, jurisdiction=jurisdiction, **scope)
    return user


def _event(jurisdiction: Jurisdiction, by: User, grid: Grid) -> Case:
    body = {
        "title": f"{grid.name}的事件",
        "description": "路灯不亮。",
        "lat": grid.centroid_lat,
        "lng": grid.centroid_lng,
    }
    case, _code = engine.create_case(validate_event(body, jurisdiction=jurisdiction, user=by), acting_user=by)
    return case


def _dispute(client: Client, **body: Any) -> Case:
    response = client.post("/api/mediation", body, content_type="application/json")
    assert response.status_code == 201, response.content
    return Case.objects.get(pk=response.json()["id"])


@pytest.fixture
def world(
    jurisdiction: Jurisdiction, users: dict[str, User], grids: dict[str, Grid], client_for: Any
) -> World:
    dispatcher = users["dispatcher"]
    events = {code: _event(jurisdiction, dispatcher, grid) for code, grid in grids.items()}
    rooms = {r.code: r for r in Room.objects.filter(jurisdiction=jurisdiction)}
    neighbour = DisputeType.objects.get(jurisdiction=jurisdiction, code="neighbour")
    desk = client_for(dispatcher)
    linked = _dispute(desk, event_number=events["G3"].number, dispute_type=neighbour.pk, room=rooms["min"].pk)
    other = _dispute(
        desk,
        title="工资拖欠纠纷",
        request="请求支付拖欠工资。",
        description="工地拖欠三个月工资。",
        dispute_type=neighbour.pk,
        room=rooms["gong"].pk,
        applicant_name="陈晓明",
        respondent_name="林国华",
    )
    petition = register_petition(
        validate_petition(petition_data(), jurisdiction=jurisdiction),
        acting_user=dispatcher,
        now=timezone.now(),
    )
    kind = Tag.objects.filter(jurisdiction=jurisdiction, tag_set="place_type").first()
    assert kind is not None
    places = {
        code: Place.objects.create(
            jurisdiction=jurisdiction,
            community=grids[code].community,
            grid=grids[code],
            name=f"{grids[code].name}的场所",
            kind=kind,
            address="人民路1号",
        )
        for code in ("G2", "G3")
    }
    for code in ("G2", "G3"):
        registers.create_structure(
            acting_user=dispatcher,
            data=registers.StructureInput(
                address=f"{grids[code].name}违建", area_m2=Decimal("50"), grid=grids[code]
            ),
        )
    resident = Resident.objects.create(
        jurisdiction=jurisdiction, community=grids["G1"].community, grid=grids["G1"], name="陈居民"
    )
    mediator = _person("mediator_min", "王调解", Role.MEDIATOR, jurisdiction)
    add_member(rooms["min"], mediator, acting_user=None)
    area = InspectionArea.objects.create(jurisdiction=jurisdiction, code="east", name="东片区")
    area.grids.set([grids["G2"], grids["G4"]])
    inspector = _person("inspector", "何检查", Role.INSPECTOR, jurisdiction, inspection_area=area)
    officer = _person("project_officer", "陈招商", Role.PROJECT_OFFICER, jurisdiction)
    registers.create_project(
        acting_user=officer, data=registers.ProjectInput(name="院士岛产业化项目", investment=Decimal("5000"))
    )
    return World(events, linked, other, petition, places, resident, mediator, inspector, officer)


def _status(client: Client, *urls: str) -> list[int]:
    return [client.get(url).status_code for url in urls]


def _titles(client: Client, url: str) -> list[str]:
    body = client.get(url).json()
    rows = body.get("results", body.get("items"))
    return sorted(str(row.get("title") or row.get("name") or row.get("address")) for row in rows)


def _nav(client: Client) -> str:
    """The navigation bar of the workbench (the top links and the app menus)."""
    page = client.get("/").content.decode()
    return page[page.index("<nav") : page.index("</nav>")]


# ------------------------------------------------------------------------------ mediator


def test_a_mediator_reads_their_rooms_disputes_and_the_events_they_came_from(
    world: World, client_for: Any
) -> None:
    c = client_for(world.mediator)
    ev = world.events
    # Lists of other kinds are refused on pages and empty through the API.
    assert _status(c, "/events/", "/petitions/", "/registry/residents/", "/registry/places/") == [403] * 4
    assert c.get("/api/petitions").json()["count"] == 0
    assert c.get("/api/registry/residents").json()["count"] == 0
    # Events: only the one their room's dispute came from, also through the API.
    assert _titles(c, "/api/events") == ["第3网格的事件"]
    assert _status(c, f"/events/{ev['G3'].pk}/", f"/api/events/{ev['G3'].pk}") == [200, 200]
    assert _status(c, f"/events/{ev['G1'].pk}/", f"/api/events/{ev['G1'].pk}") == [404, 404]
    assert _status(c, f"/petitions/{world.petition.pk}/", f"/api/petitions/{world.petition.pk}") == [404, 404]
    # Disputes: their room's only.
    assert _titles(c, "/api/mediation") == ["第3网格的事件"]
    assert c.get(f"/mediation/{world.other_dispute.pk}/").status_code == 404
    dispute = c.get(f"/mediation/{world.linked.pk}/").content.decode()
    assert f'href="/events/{ev["G3"].pk}/"' in dispute  # the link to the event it came from works
    page = c.get("/mediation/").content.decode()
    assert "第3网格的事件" in page
    assert "工资拖欠纠纷" not in page
    assert "/mediation/from-event/" not in page  # the command centre turns events into disputes
    nav = _nav(c)
    assert 'href="/mediation/"' in nav
    for href in (
        'href="/events/"',
        'href="/petitions/"',
        'href="/registry/residents/"',
        "/mediation/from-event/",
    ):
        assert href not in nav


# ------------------------------------------------------------------------------ inspector


def test_an_inspector_reads_what_their_inspection_area_holds(world: World, client_for: Any) -> None:
    c = client_for(world.inspector)
    ev = world.events
    assert _titles(c, "/api/events") == ["第2网格的事件", "第4网格的事件"]
    page = c.get("/events/").content.decode()
    assert "第2网格的事件" in page
    assert "第4网格的事件" in page
    assert "第1网格的事件" not in page
    assert "第3网格的事件" not in page
    assert _status(c, f"/events/{ev['G2'].pk}/", f"/events/{ev['G1'].pk}/") == [200, 404]
    # Places and structures of the area; the rest answers 404.
    places = c.get("/registry/places/").content.decode()
    assert "第2网格的场所" in places
    assert "第3网格的场所" not in places
    assert "/registry/places/new/" not in places  # an inspector reads places, the grid keeps them
    assert _titles(c, "/api/registry/places") == ["第2网格的场所"]
    assert _status(c, f"/registry/places/{world.places['G2'].pk}/") == [200]
    assert _status(c, f"/registry/places/{world.places['G3'].pk}/") == [404]
    assert _titles(c, "/api/registers/structures/") == ["第2网格违建"]
    # No petitions, no residents, no disputes.
    assert _status(c, "/petitions/", "/registry/residents/", "/mediation/") == [403, 403, 403]
    assert _status(c, f"/petitions/{world.petition.pk}/", f"/registry/residents/{world.resident.pk}/") == [
        404,
        403,
    ]
    assert c.get("/api/petitions").json()["count"] == 0
    assert c.get("/api/registry/residents").json()["count"] == 0
    nav = _nav(c)
    assert 'href="/events/"' in nav
    assert 'href="/registry/places/"' in nav
    assert 'href="/registry/residents/"' not in nav
    assert 'href="/petitions/"' not in nav


def test_an_inspector_of_the_whole_sub_district_reads_all_of_its_places(
    world: World, jurisdiction: Jurisdiction, client_for: Any
) -> None:
    wide = _person("inspector_all", "全街道检查员", Role.INSPECTOR, jurisdiction)
    assert _titles(client_for(wide), "/api/registry/places") == ["第2网格的场所", "第3网格的场所"]
    assert client_for(wide).get("/api/petitions").json()["count"] == 0


# ------------------------------------------------------------------------------ project officer


def test_a_project_officer_reads_registers_not_petitions_or_residents(world: World, client_for: Any) -> None:
    c = client_for(world.officer)
    assert c.get("/registers/projects/").status_code == 200
    assert _titles(c, "/api/registers/projects/") == ["院士岛产业化项目"]
    assert _status(c, "/events/", "/petitions/", "/registry/residents/", "/registry/places/") == [403] * 4
    assert _status(c, f"/events/{world.events['G1'].pk}/", f"/petitions/{world.petition.pk}/") == [404, 404]
    assert c.get(f"/registry/residents/{world.resident.pk}/").status_code == 403
    for url in ("/api/events", "/api/petitions", "/api/registry/residents", "/api/mediation"):
        assert c.get(url).json()["count"] == 0, url
    nav = _nav(c)
    assert 'href="/registers/projects/"' in nav
    for href in (
        'href="/events/"',
        'href="/petitions/"',
        'href="/registry/residents/"',
        'href="/registry/places/"',
    ):
        assert href not in nav


def test_the_command_centre_and_the_leader_still_read_everything(
    world: World, users: Any, client_for: Any
) -> None:
    for who in ("dispatcher", "leader"):
        c = client_for(users[who])
        assert c.get("/api/events").json()["count"] == 4
        assert c.get("/api/petitions").json()["count"] == 1
        assert c.get("/api/mediation").json()["count"] == 2
        assert c.get("/api/registry/places").json()["count"] == 2


# ------------------------------------------------------------------------------ grid worker


def _grid_options(client: Client) -> list[int]:
    page = client.get("/events/new/").content.decode()
    select = page[page.index('name="grid"') : page.index("</select>", page.index('name="grid"'))]
    return sorted(int(v) for v in re.findall(r'<option value="(\d+)"', select))


def test_the_report_form_offers_the_reporters_own_grids(
    jurisdiction: Jurisdiction, users: Any, grids: dict[str, Grid], client_for: Any
) -> None:
    pk = {code: g.pk for code, g in grids.items()}
    assert _grid_options(client_for(users["grid_worker"])) == [pk["G1"]]
    assert _grid_options(client_for(users["grid_leader"])) == sorted([pk["G1"], pk["G2"]])
    assert _grid_options(client_for(users["dispatcher"])) == sorted(pk.values())


def test_a_grid_worker_cannot_report_into_another_grid(
    jurisdiction: Jurisdiction, users: Any, grids: dict[str, Grid], client_for: Any
) -> None:
    c = client_for(users["grid_worker"])
    form = {"title": "井盖缺失", "description": "人民路口井盖缺失。", "urgency": "normal", "channel": "grid"}
    # Naming another grid on the page, or a point inside it, is refused and writes nothing.
    named = c.post("/events/new/", {**form, "address": "西山村5号", "grid": grids["G2"].pk})
    assert named.status_code == 403
    assert "您只能上报本人负责网格内的事件：“第2网格”不在您的网格范围内。" in named.content.decode()
    pointed = c.post(
        "/events/new/", {**form, "lat": grids["G3"].centroid_lat, "lng": grids["G3"].centroid_lng}
    )
    assert pointed.status_code == 403
    assert "“第3网格”不在您的网格范围内" in pointed.content.decode()
    api = c.post(
        "/api/events",
        {"title": "井盖缺失", "description": "人民路口井盖缺失。", "grid": grids["G4"].pk, "address": "x"},
        content_type="application/json",
    )
    assert api.status_code == 403
    assert api.json() == {
        "code": "forbidden",
        "message": "您只能上报本人负责网格内的事件：“第4网格”不在您的网格范围内。",
        "field": "grid",
    }
    assert not Case.objects.exists()
    # Their own grid is taken, from the list or from a point.
    assert c.post("/events/new/", {**form, "address": "东湖5号", "grid": grids["G1"].pk}).status_code == 302
    assert Case.objects.get().grid_id == grids["G1"].pk


def test_roles_that_do_not_report_are_refused_by_the_api(
    world: World, grids: dict[str, Grid], client_for: Any
) -> None:
    before = Case.objects.count()
    for user in (world.mediator, world.officer, world.inspector):
        response = client_for(user).post(
            "/api/events",
            {"title": "井盖缺失", "description": "井盖缺失。", "grid": grids["G1"].pk},
            content_type="application/json",
        )
        assert response.status_code == 403
        assert response.json()["message"] == "您没有上报事件的权限。"
    assert Case.objects.count() == before


# ------------------------------------------------------------------------------ query counts


@pytest.mark.parametrize("extra", [0, 9])
def test_scoped_lists_keep_their_query_counts(
    extra: int,
    world: World,
    jurisdiction: Jurisdiction,
    users: Any,
    grids: dict[str, Grid],
    client_for: Any,
    django_assert_max_num_queries: Any,
) -> None:
    for _ in range(extra):
        _event(jurisdiction, users["dispatcher"], grids["G2"])
    inspector, mediator = client_for(world.inspector), client_for(world.mediator)
    inspector.get("/")  # warm the sessions
    mediator.get("/")
    with django_assert_max_num_queries(QUERIES["inspector_events_page"]):
        assert inspector.get("/events/").status_code == 200
    with django_assert_max_num_queries(QUERIES["inspector_events_api"]):
        assert inspector.get("/api/events").json()["count"] == 2 + extra
    with django_assert_max_num_queries(QUERIES["inspector_places"]):
        assert inspector.get("/registry/places/").status_code == 200
    with django_assert_max_num_queries(QUERIES["mediator_events_api"]):
        assert mediator.get("/api/events").json()["count"] == 1
    with django_assert_max_num_queries(QUERIES["mediator_disputes"]):
        assert mediator.get("/mediation/").status_code == 200


# An inspector's scope costs one query more than a grid worker's (the grids of their area, read
# once per request with their roles); a mediator's rooms are a subquery of the list's own query.
QUERIES = {
    "inspector_events_page": 11,
    "inspector_events_api": 6,
    "inspector_places": 6,
    "mediator_events_api": 5,
    "mediator_disputes": 8,
}
