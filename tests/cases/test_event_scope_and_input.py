"""Each role sees exactly its scope; bad input gets a translated error and writes nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from jiedao.cases import actions
from jiedao.cases.models import Action, Case
from jiedao.core.errors import InvalidInput
from jiedao.core.models import AuditEntry
from jiedao.events.intake import validate_event
from tests.cases.helpers import grid_of, post, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_events(users, client_for):
    mine = report(client_for(users["grid_worker"]), grid_of(users["grid_worker"]), title="本网格事件")
    theirs = report(client_for(users["grid_worker_b"]), grid_of(users["grid_worker_b"]), title="他网格事件")
    return mine, theirs


def test_grid_worker_cannot_reach_another_grids_event(users, client_for, two_events):
    mine, theirs = two_events
    c = client_for(users["grid_worker"])
    listed = c.get("/api/events").json()
    assert [e["id"] for e in listed["results"]] == [mine["id"]]
    assert c.get(f"/api/events/{theirs['id']}").status_code == 404
    assert c.get("/api/events", {"q": "他网格"}).json()["results"] == []
    assert c.get("/api/events", {"q": theirs["number"]}).json()["results"] == []
    assert c.get("/api/events/999999").status_code == 404
    assert post(c, f"/api/events/{theirs['id']}/verify").status_code == 404


def test_dispatcher_and_leader_see_everything_in_their_jurisdiction(users, client_for, two_events):
    for role in ("dispatcher", "leader"):
        ids = {e["id"] for e in client_for(users[role]).get("/api/events").json()["results"]}
        assert ids == {two_events[0]["id"], two_events[1]["id"]}


def test_grid_leader_sees_own_community_only(users, client_for, two_events):
    ids = {e["id"] for e in client_for(users["grid_leader"]).get("/api/events").json()["results"]}
    assert ids == {two_events[0]["id"]}


def test_other_jurisdiction_sees_nothing(other_jurisdiction, client_for, two_events, django_user_model):
    from jiedao.core.models import Role, RoleAssignment

    outsider = django_user_model.objects.create_user("outsider", password="pass12345")
    RoleAssignment.objects.create(user=outsider, role=Role.DISPATCHER, jurisdiction=other_jurisdiction)
    c = client_for(outsider)
    assert c.get("/api/events").json()["results"] == []
    assert c.get(f"/api/events/{two_events[0]['id']}").status_code == 404


def test_anonymous_api_is_401_in_json():
    body = Client().get("/api/events")
    assert body.status_code == 401
    assert body.json()["code"] == "unauthenticated"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"description": "缺标题"}, "title"),
        ({"title": "缺描述", "description": ""}, "description"),
        ({"title": "t", "description": "d", "lat": "abc", "lng": 120.7}, "lat"),
        ({"title": "t", "description": "d", "lat": 95, "lng": 120.7}, "lat"),
        ({"title": "t", "description": "d", "lat": 30.5, "lng": 114.3}, "lat"),  # outside every grid
        ({"title": "t", "description": "d", "category": 999999}, "category"),
        (
            {"title": "t", "description": "d", "lat": 28.005, "lng": 120.695, "reporter_phone": "12345"},
            "reporter_phone",
        ),
    ],
)
def test_bad_intake_is_refused_and_writes_nothing(users, client_for, body, field):
    c = client_for(users["dispatcher"])
    before = (Case.objects.count(), Action.objects.count(), AuditEntry.objects.count())
    response = post(c, "/api/events", body)
    assert response.status_code in (400, 422), response.content
    payload = response.json()
    assert payload["message"]
    if response.status_code == 400:
        assert payload["field"] == field
    assert (Case.objects.count(), Action.objects.count(), AuditEntry.objects.count()) == before


def test_outside_point_message_is_translated(users, client_for):
    c = client_for(users["dispatcher"])
    zh = post(c, "/api/events", {"title": "t", "description": "d", "lat": 30.5, "lng": 114.3}).json()
    assert "网格" in zh["message"]
    en = c.post(
        "/api/events",
        {"title": "t", "description": "d", "lat": 30.5, "lng": 114.3},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    ).json()
    assert "grid" in en["message"].lower()


def _new(users):
    from jiedao.core.models import Jurisdiction

    grid = grid_of(users["grid_worker"])
    return validate_event(
        {
            "title": "占道经营",
            "description": "菜市场门口占道",
            "lat": grid.centroid_lat,
            "lng": grid.centroid_lng,
        },
        jurisdiction=Jurisdiction.objects.get(pk=grid.jurisdiction_id),
        user=users["grid_worker"],
    )


def test_attachments_must_be_images_or_pdf(users):
    exe = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00" + b"\x00" * 100, content_type="image/jpeg")
    with pytest.raises(InvalidInput) as err:
        actions.create_case(_new(users), acting_user=users["grid_worker"], files=[exe])
    assert err.value.code == "bad_file_type"
    assert Case.objects.count() == 0
    png = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, content_type="image/png")
    case, _code = actions.create_case(_new(users), acting_user=users["grid_worker"], files=[png])
    assert case.attachments.get().content_type == "image/png"


@override_settings(MAX_UPLOAD_BYTES=1000)
def test_oversized_upload_is_refused(users):
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n" + b"0" * 2000, content_type="application/pdf")
    with pytest.raises(InvalidInput) as err:
        actions.create_case(_new(users), acting_user=users["grid_worker"], files=[big])
    assert err.value.code == "too_large"
    assert Case.objects.count() == 0
