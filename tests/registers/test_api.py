"""The register API: list/detail/create/update/stage-move as JSON, scope and pinned query counts."""

from __future__ import annotations

import pytest

from jiedao.core.models import AuditEntry
from jiedao.registers.models import Project
from jiedao.staff.signin_audit import SIGN_IN_ACTIONS

pytestmark = pytest.mark.django_db


def test_create_move_update_through_the_api(client_for, reg_users):
    c = client_for(reg_users["project_officer"])
    body = {"name": "世界青年科学家π社区", "investment": "12000", "dates": {"negotiating": "2022-01-03"}}
    r = c.post("/api/registers/projects/", body, content_type="application/json")
    assert r.status_code == 201, r.content
    pid = r.json()["id"]
    assert r.json()["stage"] == "negotiating"
    assert r.json()["investment"] == 12000
    r = c.post(
        f"/api/registers/projects/{pid}/stage",
        {"stage": "landed", "on": "2022-02-01", "version": 1},
        content_type="application/json",
    )
    assert r.status_code == 409
    assert r.json()["code"] == "illegal_transition"
    r = c.post(
        f"/api/registers/projects/{pid}/stage",
        {"stage": "signed", "version": 1},
        content_type="application/json",
    )
    assert r.status_code == 400
    assert r.json()["field"] == "on"
    r = c.post(
        f"/api/registers/projects/{pid}/stage",
        {"stage": "signed", "on": "2022-02-01", "version": 1},
        content_type="application/json",
    )
    assert r.status_code == 200
    assert [m["actual_date"] for m in r.json()["milestones"][:2]] == ["2022-01-03", "2022-02-01"]
    r = c.put(f"/api/registers/projects/{pid}", {**body, "version": 1}, content_type="application/json")
    assert r.status_code == 409
    assert r.json()["code"] == "stale"
    r = c.put(
        f"/api/registers/projects/{pid}",
        {**body, "investment": "15000", "version": 2},
        content_type="application/json",
    )
    assert r.status_code == 200
    assert r.json()["investment"] == 15000


def test_api_refusals_write_nothing(client_for, reg_users, other_officer, make_project):
    project = make_project()
    audits = AuditEntry.objects.exclude(action__in=SIGN_IN_ACTIONS).count()
    r = client_for(reg_users["leader"]).post(
        f"/api/registers/projects/{project.pk}/stage",
        {"stage": "signed", "on": "2022-01-01", "version": 1},
        content_type="application/json",
    )
    assert r.status_code == 403
    assert client_for(other_officer).get(f"/api/registers/projects/{project.pk}").status_code == 404
    r = client_for(reg_users["project_officer"]).post(
        "/api/registers/projects/", {"name": "", "investment": "1"}, content_type="application/json"
    )
    assert r.status_code == 400
    assert r.json()["field"] == "name"
    r = client_for(reg_users["project_officer"]).post(
        "/api/registers/land/",
        {"name": "地块", "area_mu": "-3", "community_id": None},
        content_type="application/json",
    )
    assert r.status_code == 400
    assert AuditEntry.objects.exclude(action__in=SIGN_IN_ACTIONS).count() == audits
    assert Project.objects.count() == 1


def test_api_list_filters_and_query_count(client_for, reg_users, make_project, django_assert_max_num_queries):
    from tests.registers.conftest import d

    for i in range(30):
        dates = {"negotiating": d("2022-01-01"), "signed": d("2022-03-01")} if i % 3 == 0 else {}
        make_project(name=f"项目{i}", dates=dates)
    c = client_for(reg_users["leader"])
    with django_assert_max_num_queries(8):
        r = c.get("/api/registers/projects/?stage=signed&limit=100")
    assert r.status_code == 200
    assert r.json()["count"] == 10
    assert len(r.json()["items"]) == 10
    assert {i["stage"] for i in r.json()["items"]} == {"signed"}
    with django_assert_max_num_queries(8):
        assert c.get("/api/registers/projects/?limit=100").json()["count"] == 30
