"""The petitions API as named users: create, actions, refusals that write nothing, scope."""

from __future__ import annotations

import pytest

from jiedao.cases.models import Action, Case
from jiedao.core.models import AuditEntry
from tests.petitions.helpers import ID_A, PHONE_A, department, petition_data

pytestmark = pytest.mark.django_db


def _create(c, **over):
    return c.post("/api/petitions", petition_data(**over), content_type="application/json")


def _act(c, pk, action, **body):
    return c.post(f"/api/petitions/{pk}/{action}", body, content_type="application/json")


def test_create_and_handle_through_the_api(users, client_for):
    d = client_for(users["dispatcher"])
    r = _create(d, person_count=7, over_level=True)
    assert r.status_code == 201
    pk = r.json()["id"]
    assert r.json()["state"] == "registered"
    assert ID_A not in r.content.decode()
    assert PHONE_A not in r.content.decode()
    body = d.get(f"/api/petitions/{pk}").json()
    assert body["extension"]["collective"] is True
    assert body["extension"]["over_level"] is True
    assert body["extension"]["person_count"] == 7
    assert ID_A not in str(body)
    assert [a["action"] for a in body["actions"]][:3] == ["accept", "reject", "transfer"]
    assert _act(d, pk, "accept").status_code == 200
    r = _act(d, pk, "assign", department=department(users).pk)
    assert r.json()["state"] == "assigned"
    h = client_for(users["handler"])
    r = _act(h, pk, "reply", result="已责成物业公司退还多收费用。")
    assert r.json()["state"] == "replied"
    assert r.json()["extension"]["stage"] == "initial"
    assert r.json()["extension"]["replied_at"] is not None


def test_bad_input_is_refused_and_nothing_written(users, client_for):
    d = client_for(users["dispatcher"])
    audits = AuditEntry.objects.count()
    r = _create(d, petitioners=[])
    assert r.status_code == 400
    assert "信访人" in r.json()["message"]
    r = _create(d, content_category="nowhere")
    assert r.status_code == 400
    assert r.json()["field"] == "content_category"
    assert not Case.objects.exists()
    assert AuditEntry.objects.count() == audits
    pk = _create(d).json()["id"]
    actions_before = Action.objects.filter(case_id=pk).count()
    r = _act(d, pk, "reply", result="x")
    assert r.status_code == 409  # not from 待受理
    r = _act(d, pk, "request_review")
    assert r.status_code == 409
    assert Action.objects.filter(case_id=pk).count() == actions_before


def test_scope_in_the_api(users, client_for, other_dispatcher):
    d = client_for(users["dispatcher"])
    pk = _create(d).json()["id"]
    assert client_for(other_dispatcher).get(f"/api/petitions/{pk}").status_code == 404
    assert _act(client_for(other_dispatcher), pk, "accept").status_code == 404
    assert client_for(other_dispatcher).get("/api/petitions").json()["count"] == 0
    assert client_for(users["handler"]).get(f"/api/petitions/{pk}").status_code == 404  # not their department
    assert client_for(users["leader"]).get(f"/api/petitions/{pk}").status_code == 200


def test_petition_history_opens_only_in_scope(users, client_for, other_dispatcher):
    pk = _create(client_for(users["dispatcher"])).json()["id"]
    page = client_for(users["dispatcher"]).get(f"/audit/history/petitions.petition/{pk}/")
    assert page.status_code == 200
    assert "create" in page.content.decode() or "创建" in page.content.decode()
    assert client_for(other_dispatcher).get(f"/audit/history/petitions.petition/{pk}/").status_code == 404
