"""受理 classifies the event: the form offers the keyword suggestion, the dispatcher may change it,
and no event goes on to 派发 or 归档 without a category — on the page and in the API alike."""

from __future__ import annotations

import re

import pytest

from jiedao.cases.models import Action, Case
from jiedao.core.models import AuditEntry, Category, Department
from tests.cases.helpers import post
from tests.events.conftest import new_event, step

pytestmark = pytest.mark.django_db


def url(case: Case, suffix: str = "") -> str:
    return f"/events/{case.pk}/{suffix}"


def category(jurisdiction, code: str) -> Category:
    return Category.objects.select_related("platform").get(jurisdiction=jurisdiction, code=code)


def uncategorised(jurisdiction, users, grids) -> Case:
    case, _code = new_event(jurisdiction, users["dispatcher"], grids["G1"], category="")
    assert case.category_id is None
    return case


def _form(page: str, action: str) -> str:
    return page.split(f'data-action="{action}"')[1].split("</details>")[0]


def _selected(form: str, name: str) -> str:
    select = form.split(f'name="{name}"')[1].split("</select>")[0]
    found = re.search(r'<option value="(\d+)" selected>', select)
    return found.group(1) if found else ""


def _written(case: Case) -> tuple[int, int]:
    actions = Action.objects.filter(case_id=case.pk).count()
    audit = AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk)).count()
    return actions, audit


def test_accept_form_offers_the_suggested_category_and_requires_one(jurisdiction, users, grids, clients):
    case = uncategorised(jurisdiction, users, grids)  # 路灯不亮 / 小区东门路灯连续三晚不亮
    form = _form(clients["dispatcher"].get(url(case)).content.decode(), "accept")
    assert "事件分类" in form
    assert re.search(r'<select[^>]*name="category"[^>]*required', form)
    assert _selected(form, "category") == str(category(jurisdiction, "facility.streetlight").pk)
    assert '<optgroup label="' in form  # the tree grouped by platform


def test_accept_form_offers_the_events_own_category(jurisdiction, users, grids, clients):
    noise = category(jurisdiction, "dispute.neighbour")
    case, _code = new_event(jurisdiction, users["dispatcher"], grids["G1"], category=noise.pk)
    form = _form(clients["dispatcher"].get(url(case)).content.decode(), "accept")
    assert _selected(form, "category") == str(noise.pk)


def test_accept_without_a_category_is_refused_on_the_page(jurisdiction, users, grids, clients):
    case = uncategorised(jurisdiction, users, grids)
    before = _written(case)
    response = clients["dispatcher"].post(
        url(case, "act/"), {"action": "accept", "version": case.version, "category": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "请选择事件分类。" in page
    assert 'data-action="accept" open' in page  # the form is shown again
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.state, fresh.version, fresh.category_id) == ("reported", case.version, None)
    assert _written(case) == before


def test_accept_with_a_changed_category_reclassifies(jurisdiction, users, grids, clients):
    case = uncategorised(jurisdiction, users, grids)
    noise = category(jurisdiction, "dispute.neighbour")
    response = clients["dispatcher"].post(
        url(case, "act/"), {"action": "accept", "version": case.version, "category": noise.pk}
    )
    assert response.status_code == 302
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.state, fresh.category_id, fresh.platform_id) == ("accepted", noise.pk, noise.platform_id)
    page = clients["dispatcher"].get(url(case)).content.decode()
    assert f"分类：{noise.name}" in page  # the timeline says what 受理 decided


def test_api_accept_without_a_category_is_400_and_writes_nothing(jurisdiction, users, grids, clients):
    case = uncategorised(jurisdiction, users, grids)
    before = _written(case)
    response = post(clients["dispatcher"], f"/api/events/{case.pk}/accept", {})
    assert response.status_code == 400
    body = response.json()
    assert (body["code"], body["field"], body["message"]) == ("invalid", "category", "请选择事件分类。")
    assert Case.objects.get(pk=case.pk).state == "reported"
    assert _written(case) == before
    foreign = post(clients["dispatcher"], f"/api/events/{case.pk}/accept", {"category": 10**9})
    assert foreign.status_code == 400
    assert foreign.json()["message"] == "事件分类不存在。"
    lamp = category(jurisdiction, "facility.streetlight")
    accepted = post(clients["dispatcher"], f"/api/events/{case.pk}/accept", {"category": lamp.pk})
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["category"]["id"] == lamp.pk


def test_an_uncategorised_event_is_not_dispatched(jurisdiction, users, grids, clients):
    case = uncategorised(jurisdiction, users, grids)
    Case.objects.filter(pk=case.pk).update(state="accepted")  # accepted before 受理 asked for one
    dep = Department.objects.get(jurisdiction=jurisdiction, code="enforcement")
    before = _written(case)
    response = post(clients["dispatcher"], f"/api/events/{case.pk}/dispatch", {"department": dep.pk})
    assert response.status_code == 400
    assert response.json()["field"] == "category"
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.state, fresh.department_id, fresh.sign_due) == ("accepted", None, None)
    assert _written(case) == before
    page = clients["dispatcher"].get(url(case)).content.decode()
    assert _selected(_form(page, "dispatch"), "category")  # the 派发 form offers the suggestion
    lamp = category(jurisdiction, "facility.streetlight")
    done = post(
        clients["dispatcher"], f"/api/events/{case.pk}/dispatch", {"department": dep.pk, "category": lamp.pk}
    )
    assert done.status_code == 200, done.content
    assert done.json()["state"] == "dispatched"


def test_an_uncategorised_event_is_not_archived(jurisdiction, users, grids, clients):
    case = uncategorised(jurisdiction, users, grids)
    Case.objects.filter(pk=case.pk).update(state="verified")
    before = _written(case)
    response = post(clients["dispatcher"], f"/api/events/{case.pk}/archive", {})
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "uncategorised"
    assert "该事件尚未分类，不能“归档”" in body["message"]
    assert Case.objects.get(pk=case.pk).state == "verified"
    assert _written(case) == before
    page = clients["dispatcher"].post(url(case, "act/"), {"action": "archive", "version": case.version})
    assert page.status_code == 409
    assert "该事件尚未分类，不能“归档”" in page.content.decode()


def test_self_resolve_classifies_the_event(jurisdiction, users, grids, clients):
    case = uncategorised(jurisdiction, users, grids)
    worker = clients["grid_worker"]
    form = _form(worker.get(url(case)).content.decode(), "self_resolve")
    assert _selected(form, "category") == str(category(jurisdiction, "facility.streetlight").pk)
    refused = worker.post(
        url(case, "act/"),
        {"action": "self_resolve", "version": case.version, "result": "已更换灯泡", "category": ""},
    )
    assert refused.status_code == 400
    assert "请选择事件分类。" in refused.content.decode()
    assert Case.objects.get(pk=case.pk).state == "reported"
    lamp = category(jurisdiction, "facility.streetlight")
    step(case, "self_resolve", users["grid_worker"], result="已更换灯泡", category=lamp.pk)
    archived = step(Case.objects.get(pk=case.pk), "archive", users["dispatcher"])
    assert (archived.state, archived.category_id) == ("archived", lamp.pk)
