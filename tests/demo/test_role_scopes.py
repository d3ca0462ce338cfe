"""The demo shows each role's scope (`make run`): the inspector their 北片区, the mediator the
disputes of their rooms, the project officer the registers — through HTTP, as those users."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command
from django.test import Client

from jiedao.cases.models import Case
from jiedao.core.models import InspectionArea, Jurisdiction, User
from jiedao.demo.users import DEMO_PASSWORD
from jiedao.mediation.models import Dispute, RoomMember


def _login(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


def _count(client: Client, url: str) -> int:
    body = client.get(url).json()
    return int(body["count"])


def test_the_demo_roles_see_their_own_scopes(small_demo: dict[str, Any]) -> None:
    jur = Jurisdiction.objects.get(code="jiangxin")
    events = Case.objects.filter(jurisdiction=jur, kind="event")
    area = InspectionArea.objects.get(jurisdiction=jur)
    area_grids = set(area.grids.values_list("pk", flat=True))
    assert 0 < len(area_grids) < jur.grids.count()

    inspector = _login("inspector")
    in_area = events.filter(grid_id__in=area_grids).count()
    assert 0 < in_area < events.count()
    assert _count(inspector, "/api/events?page_size=1") == in_area
    assert _count(inspector, "/api/registry/places?page_size=1") > 0
    assert inspector.get("/petitions/").status_code == 403

    mediator = _login("mediator")
    rooms = set(RoomMember.objects.filter(user__username="mediator").values_list("room_id", flat=True))
    theirs = Dispute.objects.filter(room_id__in=rooms)
    assert _count(mediator, "/api/mediation?page_size=1") == theirs.count() > 0
    assert Dispute.objects.exclude(room_id__in=rooms).exists()
    assert _count(mediator, "/api/events?page_size=1") == theirs.exclude(source_event=None).count()
    assert [mediator.get(u).status_code for u in ("/events/", "/petitions/", "/registry/residents/")] == [
        403
    ] * 3

    officer = _login("project_officer")
    assert officer.get("/registers/projects/").status_code == 200
    assert officer.get("/api/registers/projects/").json()["count"] > 0
    assert _count(officer, "/api/events?page_size=1") == 0

    out = StringIO()
    call_command("demo_logins", stdout=out)
    lines = {line.split()[0]: line for line in out.getvalue().splitlines() if line.strip()}
    assert "北片区" in lines["inspector"]
    assert "民调室" in lines["mediator"]
    assert User.objects.filter(username="project_officer").exists()
