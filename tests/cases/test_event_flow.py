"""The event kind's full flow through the API, each step as the right named user."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from jiedao.cases.models import Action, Case, DepartmentCard
from jiedao.cases.sweep import refresh_time_status
from jiedao.core.models import AuditEntry
from tests.cases.helpers import act, department_of, grid_of, post, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients(users, client_for):
    return {name: client_for(user) for name, user in users.items()}


def test_full_flow_reported_to_archived(users, clients):
    grid = grid_of(users["grid_worker"])
    dep = department_of(users["handler"])
    created = report(clients["grid_worker"], grid, reporter_phone="13812345678")
    eid = created["id"]
    assert created["state"] == "reported"
    assert created["grid"]["id"] == grid.pk
    assert created["reporter_phone"] == "138****5678"
    code = created["rating_code"]

    act(clients["dispatcher"], eid, "accept")
    dispatched = act(clients["dispatcher"], eid, "dispatch", department=dep.pk)
    assert dispatched["state"] == "dispatched"
    assert dispatched["resolve_due"] is not None
    assert dispatched["time_status"] == "green"
    act(clients["handler"], eid, "sign")
    act(clients["handler"], eid, "start")
    act(clients["handler"], eid, "resolve", result="已更换灯泡，恢复照明。")
    act(clients["grid_worker"], eid, "verify")
    rated = post(
        Client(),
        "/api/public/events/rate",
        {"number": created["number"], "code": code, "rating": 3},
    )
    assert rated.status_code == 200, rated.content
    archived = act(clients["dispatcher"], eid, "archive")
    assert archived["state"] == "archived"
    verbs = [e["verb"] for e in archived["timeline"]]
    assert verbs == ["report", "accept", "dispatch", "sign", "start", "resolve", "verify", "rate", "archive"]
    assert AuditEntry.objects.filter(object_type="cases.case", object_id=str(eid)).count() == 9


def test_illegal_transition_is_409_and_changes_nothing(users, clients):
    eid = report(clients["grid_worker"], grid_of(users["grid_worker"]))["id"]
    before = Case.objects.get(pk=eid)
    body = act(clients["dispatcher"], eid, "sign", expect=409)  # not dispatched yet
    assert body["code"] == "illegal_transition"
    assert "签收" in body["message"]
    # A handler may not accept; the grid worker may not dispatch.
    act(clients["dispatcher"], eid, "accept")
    act(clients["grid_worker"], eid, "dispatch", expect=403, department=department_of(users["handler"]).pk)
    after = Case.objects.get(pk=eid)
    assert after.state == "accepted"
    assert after.version == before.version + 1
    assert Action.objects.filter(case_id=eid).count() == 2


def test_wrong_department_cannot_sign(users, clients):
    eid = report(clients["grid_worker"], grid_of(users["grid_worker"]))["id"]
    act(clients["dispatcher"], eid, "accept")
    act(clients["dispatcher"], eid, "dispatch", department=department_of(users["handler"]).pk)
    # handler_b's department does not hold the case: it cannot even see it.
    act(clients["handler_b"], eid, "sign", expect=404)


def test_return_then_reassign(users, clients):
    eid = report(clients["grid_worker"], grid_of(users["grid_worker"]))["id"]
    act(clients["dispatcher"], eid, "accept")
    act(clients["dispatcher"], eid, "dispatch", department=department_of(users["handler"]).pk)
    body = act(clients["handler"], eid, "give_back", expect=400)
    assert body["field"] == "note"
    returned = act(clients["handler"], eid, "give_back", note="不属于本部门职责，应由市场监管所处理。")
    assert returned["state"] == "returned"
    assert returned["department"] is None
    other = department_of(users["handler_b"])
    reassigned = act(clients["dispatcher"], eid, "reassign", department=other.pk, note="改派市场监管")
    assert reassigned["department"]["id"] == other.pk
    act(clients["handler_b"], eid, "sign")


def test_extension_request_approve_and_deny(users, clients):
    eid = report(clients["grid_worker"], grid_of(users["grid_worker"]))["id"]
    act(clients["dispatcher"], eid, "accept")
    act(clients["dispatcher"], eid, "dispatch", department=department_of(users["handler"]).pk)
    act(clients["handler"], eid, "sign")
    due = Case.objects.get(pk=eid).resolve_due
    act(clients["handler"], eid, "request_extension", expect=400, days=99, note="工程量大")
    act(clients["handler"], eid, "request_extension", days=3, note="需协调供电公司")
    act(clients["handler"], eid, "request_extension", expect=409, days=2, note="again")
    act(clients["leader"], eid, "approve_extension")
    case = Case.objects.get(pk=eid)
    assert case.resolve_due is not None
    assert due is not None
    assert case.resolve_due > due
    assert case.extension_days == 3
    act(clients["handler"], eid, "request_extension", days=2, note="再延")
    act(clients["dispatcher"], eid, "deny_extension", note="不予延期")
    assert Case.objects.get(pk=eid).extension_days == 3


def test_unsatisfied_rating_reopens(users, clients):
    eid = report(clients["grid_worker"], grid_of(users["grid_worker"]))["id"]
    act(clients["dispatcher"], eid, "accept")
    act(clients["dispatcher"], eid, "dispatch", department=department_of(users["handler"]).pk)
    act(clients["handler"], eid, "sign")
    act(clients["handler"], eid, "resolve", result="已处理")
    act(clients["grid_worker"], eid, "verify")
    act(clients["dispatcher"], eid, "redo", expect=409, note="x")  # not rated yet
    act(clients["dispatcher"], eid, "rate", rating=1, rating_note="灯还是不亮")
    redone = act(clients["dispatcher"], eid, "redo", note="回访不满意，重办")
    assert redone["state"] == "dispatched"
    assert Case.objects.get(pk=eid).reopen_count == 1


def test_merge_escalate_supervise_self_resolve(users, clients):
    grid = grid_of(users["grid_worker"])
    first = report(clients["grid_worker"], grid)
    dup = report(clients["grid_worker"], grid)
    merged = act(clients["dispatcher"], dup["id"], "merge", target=first["number"])
    assert merged["state"] == "merged"
    assert merged["merged_into"] == first["number"]
    act(clients["dispatcher"], first["id"], "accept")
    act(clients["dispatcher"], first["id"], "escalate", note="涉及区级道路")
    back = act(clients["dispatcher"], first["id"], "district_return", note="区级退回，由街道处理")
    assert back["state"] == "accepted"
    act(clients["leader"], first["id"], "supervise", note="请加快办理")
    assert Case.objects.get(pk=first["id"]).supervision_count == 1
    own = report(clients["grid_worker"], grid)
    done = act(clients["grid_worker"], own["id"], "self_resolve", result="现场劝导，已清理")
    assert done["state"] == "verified"


def test_stale_version_is_409(users, clients):
    eid = report(clients["grid_worker"], grid_of(users["grid_worker"]))["id"]
    version = Case.objects.get(pk=eid).version
    act(clients["dispatcher"], eid, "accept", version=version)
    body = act(
        clients["dispatcher"],
        eid,
        "dispatch",
        expect=409,
        version=version,
        department=department_of(users["handler"]).pk,
    )
    assert body["code"] == "stale"
    assert Case.objects.get(pk=eid).state == "accepted"


def test_sweep_turns_cases_yellow_then_red_and_cards_departments(users, clients):
    eid = report(clients["grid_worker"], grid_of(users["grid_worker"]))["id"]
    act(clients["dispatcher"], eid, "accept")
    act(clients["dispatcher"], eid, "dispatch", department=department_of(users["handler"]).pk)
    case = Case.objects.get(pk=eid)
    assert case.warn_at is not None
    assert case.due_at is not None
    refresh_time_status(case.warn_at + timedelta(seconds=1))
    assert Case.objects.get(pk=eid).time_status == "yellow"
    refresh_time_status(case.due_at + timedelta(seconds=1))
    assert Case.objects.get(pk=eid).time_status == "red"
    colors = sorted(DepartmentCard.objects.filter(case_id=eid).values_list("color", flat=True))
    assert colors == ["red", "yellow"]
    refresh_time_status(timezone.now() + timedelta(days=400))
    assert DepartmentCard.objects.filter(case_id=eid).count() == 2
    # Each change is audited and shows on the timeline, like a person's action.
    changes = AuditEntry.objects.filter(object_type="cases.case", object_id=str(eid), action="time_status")
    assert [(e.before, e.after, e.user_id) for e in changes.order_by("id")] == [
        ({"time_status": "green"}, {"time_status": "yellow"}, None),
        ({"time_status": "yellow"}, {"time_status": "red"}, None),
    ]
    page = clients["dispatcher"].get(f"/events/{eid}/").content.decode()
    assert "临期预警" in page
    assert "已超期" in page
    assert "承办部门记红牌一张" in page


def test_cases_without_a_department_cannot_be_sent_back_to_one(users, clients):
    grid = grid_of(users["grid_worker"])
    eid = report(clients["grid_worker"], grid)["id"]
    act(clients["dispatcher"], eid, "accept")
    act(clients["dispatcher"], eid, "escalate", note="区级道路")
    done = act(clients["dispatcher"], eid, "district_done", result="区级已修复")
    assert "verify_fail" not in [a["action"] for a in done["actions"]]
    act(clients["dispatcher"], eid, "verify_fail", expect=409, note="没修好")
    own = report(clients["grid_worker"], grid)["id"]
    act(clients["grid_worker"], own, "self_resolve", result="现场处理")
    act(clients["dispatcher"], own, "rate", rating=1)
    body = act(clients["dispatcher"], own, "redo", expect=400, note="不满意")
    assert body["field"] == "department"
    dep = department_of(users["handler"])
    redone = act(clients["dispatcher"], own, "redo", department=dep.pk, note="不满意，派执法队")
    assert redone["state"] == "dispatched"
    assert redone["department"]["id"] == dep.pk
