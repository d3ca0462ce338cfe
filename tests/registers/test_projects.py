"""项目招引库 through HTTP: create, stage moves (legal and illegal), scope, stale edits, history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from jiedao.core.models import AuditEntry
from jiedao.registers.models import Project, ProjectMilestone, StageChange

pytestmark = pytest.mark.django_db


def _form(**kw):
    base = {"name": "数字经济产业园", "kind": "investment", "investment": "32000", "since": "2022-01-10"}
    return {**base, **kw}


def test_officer_creates_project_and_moves_it_forward(client_for, reg_users):
    c = client_for(reg_users["project_officer"])
    r = c.post("/registers/projects/new/", _form())
    assert r.status_code == 302, r.content.decode()
    project = Project.objects.get(name="数字经济产业园")
    assert (project.stage, project.investment) == ("negotiating", 32000)
    r = c.post(
        f"/registers/projects/{project.pk}/stage/", {"stage": "signed", "on": "2022-03-01", "version": 1}
    )
    assert r.status_code == 302
    page = c.get(f"/registers/projects/{project.pk}/").content.decode()
    assert "签约" in page
    assert "2022-03-01" in page
    ms = ProjectMilestone.objects.get(record=project, stage="signed")
    assert str(ms.actual_date) == "2022-03-01"
    assert AuditEntry.objects.filter(
        object_type="registers.project", object_id=str(project.pk), action="stage"
    ).exists()


@pytest.mark.parametrize(
    ("payload", "status", "text"),
    [
        ({"stage": "started", "on": "2022-03-01"}, 409, "不能从"),  # skips 签约 and 落地
        ({"stage": "signed", "on": ""}, 400, "请填写实际日期"),
        ({"stage": "signed", "on": "FUTURE"}, 400, "不能晚于今天"),
        ({"stage": "signed", "on": "2021-12-31"}, 400, "不能早于"),  # before 在谈 on 2022-01-10
        ({"stage": "negotiating", "on": "2022-03-01"}, 409, "已处于"),
    ],
)
def test_illegal_stage_moves_write_nothing(client_for, reg_users, payload, status, text):
    c = client_for(reg_users["project_officer"])
    c.post("/registers/projects/new/", _form())
    project = Project.objects.get()
    if payload["on"] == "FUTURE":
        payload = {**payload, "on": (timezone.localdate() + timedelta(days=1)).isoformat()}
    audits = AuditEntry.objects.count()
    r = c.post(f"/registers/projects/{project.pk}/stage/", {**payload, "version": 1})
    assert r.status_code == status
    assert text in r.content.decode()
    project.refresh_from_db()
    assert (project.stage, project.version) == ("negotiating", 1)
    assert AuditEntry.objects.count() == audits
    assert not StageChange.objects.exists()


def test_moving_back_needs_a_reason_and_clears_later_dates(client_for, reg_users, make_project):
    from tests.registers.conftest import d

    project = make_project(
        dates={"negotiating": d("2022-01-01"), "signed": d("2022-02-01"), "landed": d("2022-03-01")}
    )
    assert project.stage == "landed"
    c = client_for(reg_users["project_officer"])
    url = f"/registers/projects/{project.pk}/stage/"
    r = c.post(url, {"stage": "negotiating", "version": project.version})
    assert r.status_code == 400
    assert "原因" in r.content.decode()
    r = c.post(url, {"stage": "signed", "reason": "落地协议作废", "version": project.version})
    assert r.status_code == 302
    dates = dict(ProjectMilestone.objects.filter(record=project).values_list("stage", "actual_date"))
    assert dates["landed"] is None
    assert str(dates["signed"]) == "2022-02-01"
    assert StageChange.objects.get().reason == "落地协议作废"


def test_stale_version_is_refused(client_for, reg_users, make_project):
    project = make_project()
    c = client_for(reg_users["project_officer"])
    r = c.post(f"/registers/projects/{project.pk}/edit/", {"name": "改名一", "investment": "1", "version": 1})
    assert r.status_code == 302
    r = c.post(f"/registers/projects/{project.pk}/edit/", {"name": "改名二", "investment": "1", "version": 1})
    assert r.status_code == 409
    assert "已被他人修改" in r.content.decode()
    project.refresh_from_db()
    assert project.name == "改名一"


def test_leader_reads_but_cannot_edit(client_for, reg_users, make_project):
    project = make_project()
    c = client_for(reg_users["leader"])
    assert c.get("/registers/projects/").status_code == 200
    assert c.get(f"/registers/projects/{project.pk}/").status_code == 200
    assert c.get(f"/registers/projects/{project.pk}/edit/").status_code == 403
    r = c.post(
        f"/registers/projects/{project.pk}/stage/", {"stage": "signed", "on": "2022-01-01", "version": 1}
    )
    assert r.status_code == 403
    project.refresh_from_db()
    assert project.stage == "negotiating"


def test_scope_404s(client_for, reg_users, make_project, other_officer):
    project = make_project()
    assert client_for(other_officer).get(f"/registers/projects/{project.pk}/").status_code == 404
    # A department-scoped officer sees only their department's projects.
    scoped = client_for(reg_users["project_officer_dept"])
    assert scoped.get(f"/registers/projects/{project.pk}/").status_code == 404
    assert project.name not in scoped.get("/registers/projects/").content.decode()
    # A grid worker has no project register at all.
    assert client_for(reg_users["grid_worker"]).get("/registers/projects/").status_code == 403
    assert (
        client_for(reg_users["grid_worker"])
        .get(f"/audit/history/registers.project/{project.pk}/")
        .status_code
        == 404
    )


def test_history_page_lists_changes(client_for, reg_users, make_project):
    project = make_project()
    r = client_for(reg_users["leader"]).get(f"/audit/history/registers.project/{project.pk}/")
    assert r.status_code == 200


def test_list_query_count_is_pinned(client_for, reg_users, make_project, django_assert_max_num_queries):
    for i in range(25):
        make_project(name=f"项目{i}")
    c = client_for(reg_users["leader"])
    with django_assert_max_num_queries(16):
        r = c.get("/registers/projects/")
    assert r.status_code == 200
    assert "项目24" in r.content.decode()
