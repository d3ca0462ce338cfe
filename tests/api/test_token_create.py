"""Creating events with an API token: the path `make bench` loads, checked row by row."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client

from jiedao.cases import actions
from jiedao.cases.models import Action, Case
from jiedao.cases.schemas import CaseCreated
from jiedao.core.api.tokens import create_token
from jiedao.core.models import ApiToken, AuditEntry, Category, Jurisdiction, Platform, User
from tests.cases.helpers import grid_of, point_in

pytestmark = pytest.mark.django_db

PHONE = "13800138000"


def _auth(user: User) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(acting_user=None, user=user)}"}


def _post(auth: dict[str, str], body: dict[str, Any], **headers: str) -> Any:
    return Client().post("/api/events", body, content_type="application/json", **auth, **headers)


def _body(users: dict[str, User], **extra: Any) -> dict[str, Any]:
    grid = grid_of(users["grid_worker"])
    return {"title": "井盖缺失", "description": "人行道井盖缺失，夜间危险。", **point_in(grid), **extra}


def test_revoked_token_and_inactive_user_are_refused(users):
    auth = _auth(users["dispatcher"])
    assert Client().get("/api/events", **auth).status_code == 200
    ApiToken.objects.filter(user=users["dispatcher"]).update(revoked=True)
    assert Client().get("/api/events", **auth).status_code == 401
    auth = _auth(users["leader"])
    User.objects.filter(pk=users["leader"].pk).update(is_active=False)
    assert _post(auth, _body(users)).status_code == 401
    assert Case.objects.count() == 0


def test_token_user_without_roles_may_not_report(users, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="pass12345")
    response = _post(_auth(nobody), _body(users))
    assert response.status_code in (400, 403), response.content
    assert "权限" in response.json()["message"]
    assert Case.objects.count() == 0


def test_token_create_writes_case_timeline_and_audit(users, jurisdiction):
    worker = users["grid_worker"]
    category = Category.objects.filter(jurisdiction=jurisdiction, children__isnull=True).order_by("id")[0]
    auth = _auth(worker)
    body = _body(users, category=category.pk, reporter_name="王伟", reporter_phone=PHONE)
    first = _post(auth, body, HTTP_X_REQUEST_ID="bench-req-1")
    assert first.status_code == 201, first.content
    assert first["X-Request-Id"] == "bench-req-1"
    data = first.json()
    assert set(data) == set(CaseCreated.model_fields)
    CaseCreated.model_validate(data)
    assert data["channel"] == "grid"  # a grid worker's own report, via the roles the token loaded
    assert data["grid"]["id"] == grid_of(worker).pk
    assert data["category"]["id"] == category.pk
    assert data["platform"]["id"] == category.platform_id
    assert data["reporter_phone"] == "138****8000"

    case = Case.objects.get(pk=data["id"])
    assert case.number == data["number"]
    assert case.number.startswith(f"SJ{case.created_at.year}")
    assert case.created_by == worker
    assert case.state == "reported"
    assert case.version == 1
    assert case.reporter_phone is not None
    assert case.reporter_phone.reveal() == PHONE
    assert case.updated_at is not None
    with connection.cursor() as cur:
        cur.execute("SELECT reporter_phone FROM cases_case WHERE id = %s", [case.pk])
        assert PHONE not in cur.fetchone()[0]
    action = Action.objects.get(case=case)
    assert (action.verb, action.to_state, action.actor, action.data) == (
        "report",
        "reported",
        worker,
        {"channel": "grid"},
    )
    entry = AuditEntry.objects.get(object_type="cases.case", object_id=str(case.pk))
    assert (entry.action, entry.user, entry.request_id) == ("create", worker, "bench-req-1")
    assert entry.jurisdiction_id == jurisdiction.pk
    assert entry.after["state"] == "reported"
    assert actions.find_by_code(jurisdiction.pk, case.number, data["rating_code"]) == case

    second = _post(auth, body).json()
    assert int(second["number"][-7:]) == int(data["number"][-7:]) + 1  # gap-free sequence


@pytest.mark.parametrize("category", [10**30, -1, "x"])
def test_unknown_category_by_token_is_refused(users, category):
    response = _post(_auth(users["dispatcher"]), _body(users, category=category))
    assert response.status_code in (400, 422), response.content
    if response.status_code == 400:
        assert response.json()["field"] == "category"
    assert Case.objects.count() == 0


def test_other_jurisdictions_category_is_refused_in_english(users, other_jurisdiction: Jurisdiction):
    foreign = Category.objects.filter(jurisdiction=other_jurisdiction).first()
    assert foreign is not None
    response = _post(_auth(users["dispatcher"]), _body(users, category=foreign.pk), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["field"] == "category"
    assert "categor" in response.json()["message"].lower()
    assert Case.objects.count() == 0


def test_a_category_moved_to_another_platform_files_new_events_there_at_once(users, jurisdiction):
    """Category rows are cached per process; saving one (as /admin/ and config loading do) clears it."""
    category = Category.objects.filter(jurisdiction=jurisdiction, children__isnull=True).order_by("id")[0]
    auth = _auth(users["dispatcher"])
    first = _post(auth, _body(users, category=category.pk)).json()
    assert first["platform"]["id"] == category.platform_id
    other = Platform.objects.filter(jurisdiction=jurisdiction).exclude(pk=category.platform_id)[0]
    category.platform = other
    category.save()
    second = _post(auth, _body(users, category=category.pk)).json()
    assert second["platform"]["id"] == other.pk
    assert Case.objects.get(pk=second["id"]).platform_id == other.pk
