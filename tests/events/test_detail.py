"""The event detail page: who may open it, what it shows, and actions performed through it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jiedao.cases.models import Action, Case
from jiedao.core.models import Department
from tests.events.conftest import dispatched, make_png, new_event, step

pytestmark = pytest.mark.django_db


def url(case: Case, suffix: str = "") -> str:
    return f"/events/{case.pk}/{suffix}"


def test_detail_visible_to_scope_and_404_otherwise(
    jurisdiction, users, grids, clients, other_dispatcher, client_for
):
    case, _code = new_event(jurisdiction, users["dispatcher"], grids["G1"], reporter_phone="13812345678")
    for who in ("grid_worker", "grid_leader", "dispatcher", "leader", "admin"):
        assert clients[who].get(url(case)).status_code == 200, who
    for who in ("grid_worker_b", "handler", "handler_b"):
        assert clients[who].get(url(case)).status_code == 404, who
    assert client_for(other_dispatcher).get(url(case)).status_code == 404
    assert clients["dispatcher"].get("/events/999999/").status_code == 404


def test_detail_shows_masked_phone_timeline_and_map(jurisdiction, users, grids, clients):
    case, _code = new_event(jurisdiction, users["dispatcher"], grids["G1"], reporter_phone="13812345678")
    page = clients["dispatcher"].get(url(case)).content.decode()
    assert "138****5678" in page
    assert "13812345678" not in page
    assert "待受理" in page  # state badge
    assert "上报" in page
    assert "赵受理" in page
    assert 'id="case-map"' in page
    assert 'id="case-grid"' in page


def test_estimated_deadline_warning(jurisdiction, users, grids, clients):
    case = dispatched(jurisdiction, users, grids["G1"])
    msg = "时限按周末估算：该年度节假日安排尚未录入"
    Case.objects.filter(pk=case.pk).update(due_estimated=False)
    assert msg not in clients["dispatcher"].get(url(case)).content.decode()
    Case.objects.filter(pk=case.pk).update(due_estimated=True)
    assert msg in clients["dispatcher"].get(url(case)).content.decode()


def test_buttons_follow_the_transition_table(jurisdiction, users, grids, clients):
    case, _code = new_event(jurisdiction, users["dispatcher"], grids["G1"])
    dispatcher = clients["dispatcher"].get(url(case)).content.decode()
    assert 'data-action="accept"' in dispatcher
    assert 'data-action="reject"' in dispatcher
    worker = clients["grid_worker"].get(url(case)).content.decode()
    assert 'data-action="accept"' not in worker
    assert 'data-action="self_resolve"' in worker
    leader = clients["leader"].get(url(case)).content.decode()
    assert 'data-action="supervise"' in leader
    assert 'data-action="accept"' not in leader


def test_dispatch_form_lists_departments_of_the_jurisdiction(
    jurisdiction, users, grids, clients, other_jurisdiction
):
    case, _code = new_event(jurisdiction, users["dispatcher"], grids["G1"])
    step(case, "accept", users["dispatcher"])
    page = clients["dispatcher"].get(url(case)).content.decode()
    assert "综合执法队" in page
    other = Department.objects.filter(jurisdiction=other_jurisdiction).first()
    assert other is not None
    form = page.split('data-action="dispatch"')[1].split("</details>")[0]
    assert f'value="{other.pk}"' not in form.split('name="department"')[1].split("</select>")[0]


def test_action_through_the_page(jurisdiction, users, grids, clients):
    case, _code = new_event(jurisdiction, users["dispatcher"], grids["G1"])
    c = clients["dispatcher"]
    response = c.post(url(case, "act/"), {"action": "accept", "version": case.version, "note": "受理"})
    assert response.status_code == 302
    assert response["Location"] == url(case)
    assert Case.objects.get(pk=case.pk).state == "accepted"
    dep = Department.objects.get(jurisdiction=jurisdiction, code="enforcement")
    version = Case.objects.get(pk=case.pk).version
    response = c.post(
        url(case, "act/"),
        {"action": "dispatch", "version": version, "department": dep.pk, "urgency": "urgent"},
    )
    assert response.status_code == 302
    moved = Case.objects.get(pk=case.pk)
    assert moved.state == "dispatched"
    assert moved.department_id == dep.pk
    assert moved.urgency == "urgent"
    assert "已完成“派发”" in c.get(url(case)).content.decode()


def test_resolve_with_photo_shows_thumbnail(jurisdiction, users, grids, clients):
    case = dispatched(jurisdiction, users, grids["G1"])
    step(case, "sign", users["handler"])
    photo = SimpleUploadedFile("done.png", make_png(), content_type="image/png")
    c = clients["handler"]
    version = Case.objects.get(pk=case.pk).version
    response = c.post(
        url(case, "act/"), {"action": "resolve", "version": version, "result": "已修复", "files": [photo]}
    )
    assert response.status_code == 302
    page = clients["grid_worker"].get(url(case)).content.decode()
    assert "done.png" in page
    assert "<img" in page
    att = Case.objects.get(pk=case.pk).attachments.get()
    assert clients["grid_worker"].get(att.get_absolute_url()).status_code == 200


def _unchanged(case: Case) -> None:
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.state, fresh.version) == (case.state, case.version)
    assert Action.objects.filter(case=case).count() == 1


def test_illegal_action_shows_error_and_changes_nothing(jurisdiction, users, grids, clients):
    case, _code = new_event(jurisdiction, users["dispatcher"], grids["G1"])
    response = clients["dispatcher"].post(url(case, "act/"), {"action": "sign", "version": case.version})
    assert response.status_code == 409
    assert "当前状态“待受理”下不能执行“签收”" in response.content.decode()
    response = clients["grid_worker"].post(url(case, "act/"), {"action": "accept", "version": case.version})
    assert response.status_code == 403
    assert "您无权" in response.content.decode()
    _unchanged(case)


def test_stale_form_shows_conflict_and_changes_nothing(jurisdiction, users, grids, clients):
    case, _code = new_event(jurisdiction, users["dispatcher"], grids["G1"])
    response = clients["dispatcher"].post(
        url(case, "act/"), {"action": "accept", "version": case.version - 1}
    )
    assert response.status_code == 409
    assert "该案件已被他人更新，请刷新后重试" in response.content.decode()
    _unchanged(case)


def test_missing_note_and_bad_file_are_refused(jurisdiction, users, grids, clients):
    case, _code = new_event(jurisdiction, users["dispatcher"], grids["G1"])
    response = clients["dispatcher"].post(url(case, "act/"), {"action": "reject", "version": case.version})
    assert response.status_code == 400
    assert "请填写“不予受理”的说明" in response.content.decode()
    bad = SimpleUploadedFile("result.png", b"MZ\x90\x00not an image", content_type="image/png")
    response = clients["grid_worker"].post(
        url(case, "act/"),
        {"action": "self_resolve", "version": case.version, "result": "已处理", "files": [bad]},
    )
    assert response.status_code == 400
    assert "不是允许的类型" in response.content.decode()
    _unchanged(case)


def test_out_of_scope_action_is_404(jurisdiction, users, grids, clients):
    case, _code = new_event(jurisdiction, users["dispatcher"], grids["G1"])
    response = clients["grid_worker_b"].post(url(case, "act/"), {"action": "self_resolve", "result": "x"})
    assert response.status_code == 404
    _unchanged(case)


def test_handler_returning_a_case_lands_on_the_list(jurisdiction, users, grids, clients):
    case = dispatched(jurisdiction, users, grids["G1"])
    response = clients["handler"].post(
        url(case, "act/"), {"action": "give_back", "version": case.version, "note": "不属于本部门"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/events/"
    assert Case.objects.get(pk=case.pk).state == "returned"


def test_refused_form_opens_again_with_what_was_typed(jurisdiction, users, grids, clients):
    case = dispatched(jurisdiction, users, grids["G1"])
    step(case, "sign", users["handler"])
    stale = Case.objects.get(pk=case.pk).version - 1
    data = {"action": "resolve", "version": stale, "result": "已清理完毕", "note": "附现场照片"}
    response = clients["handler"].post(url(case, "act/"), data)
    assert response.status_code == 409
    body = response.content.decode()
    assert '<details class="jd-action" data-action="resolve" open>' in body
    assert ">已清理完毕</textarea>" in body
    assert ">附现场照片</textarea>" in body
    assert '<details class="jd-action" data-action="give_back">' in body
