"""The jurisdiction a user acts in: one rule (jiedao.core.acting), a picker in the navigation for
a user whose roles span several, and the `X-Jurisdiction` header for API calls.

`both` is a dispatcher of 测试街道 (``jurisdiction``, the lower pk) and of 另一街道
(``other_jurisdiction``); ``third`` is a jurisdiction they hold nothing in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from jiedao.cases.models import Case
from jiedao.core.acting import SESSION_KEY
from jiedao.core.api.tokens import create_token
from jiedao.core.models import Grid, Jurisdiction, Role, RoleAssignment, User
from jiedao.mediation.models import DisputeType
from jiedao.registers.models import LedgerEntry, LedgerType
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
PICK = "/audit/acting/"
PICKER = 'id="acting-picker"'
Clients = Callable[[User], Client]


@pytest.fixture
def both(jurisdiction: Jurisdiction, other_jurisdiction: Jurisdiction) -> User:
    user = User.objects.create_user(username="both", password=PASSWORD, display_name="两街受理")
    for jur in (jurisdiction, other_jurisdiction):
        RoleAssignment.objects.create(user=user, role=Role.DISPATCHER, jurisdiction=jur)
    return user


@pytest.fixture
def third(db: None) -> Jurisdiction:
    return Jurisdiction.objects.create(code="third-jd", name="第三街道", case_prefix="TJ")


def other_grid(other_jurisdiction: Jurisdiction) -> Grid:
    return Grid.objects.get(jurisdiction=other_jurisdiction, boundary_set__active=True)


def options(page: str, name: str) -> set[str]:
    """The option values of the form's <select name=…>."""
    select = page.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
    return set(re.findall(r'<option value="(\d+)"', select))


def media_type(jur: Jurisdiction) -> LedgerType:
    return LedgerType.objects.get(jurisdiction=jur, code="media_coverage")


def event_form(grid: Grid) -> dict[str, str]:
    return {
        "title": "井盖缺失",
        "description": "人民路口井盖缺失，存在安全隐患。",
        "urgency": "normal",
        "channel": "call",
        "lat": f"{grid.centroid_lat:.6f}",
        "lng": f"{grid.centroid_lng:.6f}",
    }


def ledger_form(kind: LedgerType, title: str) -> dict[str, Any]:
    return {"type": kind.pk, "date": "2022-08-01", "title": title, "quantity": "1", "level": "central"}


def dispute_form(jur: Jurisdiction) -> dict[str, Any]:
    return {
        "title": "拖欠工资",
        "dispute_type": DisputeType.objects.get(jurisdiction=jur, code="labour").pk,
        "description": "某装修队拖欠工人三个月工资。",
        "request": "支付拖欠工资",
        "applicant_name": "赵大力",
        "applicant_phone": "13600001111",
        "respondent_name": "某装修队",
    }


# ---------------------------------------------------------------- the picker


def test_a_user_of_two_jurisdictions_sees_the_picker_on_the_lowest(
    both: User, jurisdiction: Jurisdiction, other_jurisdiction: Jurisdiction, client_for: Clients
) -> None:
    page = client_for(both).get("/").content.decode()
    assert PICKER in page
    picker = page.split(PICKER, 1)[1].split("</form>", 1)[0]
    assert re.search(r'id="acting-current"[^>]*>测试街道<', picker)
    assert re.search(rf'name="jurisdiction" value="{other_jurisdiction.pk}"[^>]*>另一街道<', picker)
    assert 'name="csrfmiddlewaretoken"' in picker


def test_a_user_of_one_jurisdiction_sees_no_picker(users: dict[str, User], client_for: Clients) -> None:
    page = client_for(users["dispatcher"]).get("/").content.decode()
    assert "街道智治" in page  # the navigation is drawn …
    assert PICKER not in page  # … without a choice to make


def test_a_single_jurisdiction_user_switching_to_another_is_refused(
    users: dict[str, User], other_jurisdiction: Jurisdiction, client_for: Clients
) -> None:
    client = client_for(users["dispatcher"])
    assert client.post(PICK, {"jurisdiction": other_jurisdiction.pk}).status_code == 403
    assert SESSION_KEY not in client.session


def test_switching_moves_event_intake_mediation_and_registers_to_the_chosen_jurisdiction(
    both: User, jurisdiction: Jurisdiction, other_jurisdiction: Jurisdiction, client_for: Clients
) -> None:
    client = client_for(both)
    grid = other_grid(other_jurisdiction)
    # Before: 测试街道. A point of 另一街道 is outside every grid there; its ledger types are not offered.
    assert client.post("/events/new/", event_form(grid)).status_code == 400
    before = client.get("/registers/ledger/new/").content.decode()
    assert options(before, "type") == {
        str(t.pk) for t in LedgerType.objects.filter(jurisdiction=jurisdiction)
    }

    response = client.post(PICK, {"jurisdiction": other_jurisdiction.pk, "next": "/registers/ledger/new/"})
    assert response.status_code == 302
    assert response["Location"] == "/registers/ledger/new/"
    page = client.get(response["Location"]).content.decode()
    assert "已切换到“另一街道”。" in page
    assert re.search(r'id="acting-current"[^>]*>另一街道<', page)
    assert options(page, "type") == {
        str(t.pk) for t in LedgerType.objects.filter(jurisdiction=other_jurisdiction)
    }

    # Event intake: the form offers the chosen jurisdiction's grids and files the event there.
    intake = client.get("/events/new/").content.decode()
    assert options(intake, "grid") == {str(grid.pk)}
    assert client.post("/events/new/", event_form(grid)).status_code == 302
    event = Case.objects.get(kind="event")
    assert (event.jurisdiction_id, event.grid_id) == (other_jurisdiction.pk, grid.pk)
    assert event.number.startswith("LJ")

    # Mediation registration: the chosen jurisdiction's dispute types, the dispute filed there.
    form = client.get("/mediation/new/").content.decode()
    assert options(form, "dispute_type") == {
        str(t.pk) for t in DisputeType.objects.filter(jurisdiction=other_jurisdiction)
    }
    assert client.post("/mediation/new/", dispute_form(other_jurisdiction)).status_code == 302
    assert Case.objects.get(kind="mediation").jurisdiction_id == other_jurisdiction.pk

    # Registers: a new ledger entry goes into the chosen jurisdiction.
    response = client.post(
        "/registers/ledger/new/", ledger_form(media_type(other_jurisdiction), "另一街道报道")
    )
    assert response.status_code == 302
    assert LedgerEntry.objects.get().jurisdiction_id == other_jurisdiction.pk


def test_a_forged_choice_is_refused_and_changes_nothing(
    both: User, other_jurisdiction: Jurisdiction, third: Jurisdiction, client_for: Clients
) -> None:
    client = client_for(both)
    assert client.post(PICK, {"jurisdiction": other_jurisdiction.pk}).status_code == 302
    for forged in (third.pk, 999999, "abc", ""):
        assert client.post(PICK, {"jurisdiction": forged, "next": "/"}).status_code == 403
        assert client.session[SESSION_KEY] == other_jurisdiction.pk
    page = client.get("/registers/ledger/new/").content.decode()
    assert re.search(r'id="acting-current"[^>]*>另一街道<', page)
    assert options(page, "type") == {
        str(t.pk) for t in LedgerType.objects.filter(jurisdiction=other_jurisdiction)
    }


def test_the_picker_needs_a_post_with_its_csrf_token(both: User, other_jurisdiction: Jurisdiction) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(both)
    assert client.get(PICK, {"jurisdiction": other_jurisdiction.pk}).status_code == 405
    assert client.post(PICK, {"jurisdiction": other_jurisdiction.pk}).status_code == 403  # no token
    assert SESSION_KEY not in client.session
    page = client.get("/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.split(PICKER, 1)[1])
    assert token is not None
    response = client.post(
        PICK, {"jurisdiction": other_jurisdiction.pk, "csrfmiddlewaretoken": token.group(1)}
    )
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == other_jurisdiction.pk


def test_the_way_back_stays_on_this_site(
    both: User, other_jurisdiction: Jurisdiction, client_for: Clients
) -> None:
    client = client_for(both)
    for elsewhere in ("https://evil.example/", "//evil.example/x", ""):
        response = client.post(PICK, {"jurisdiction": other_jurisdiction.pk, "next": elsewhere})
        assert response.status_code == 302
        assert response["Location"] == "/"
    assert client.post(PICK, {"jurisdiction": other_jurisdiction.pk}).status_code == 302


def test_a_choice_no_longer_held_is_forgotten(
    both: User, jurisdiction: Jurisdiction, other_jurisdiction: Jurisdiction, client_for: Clients
) -> None:
    client = client_for(both)
    client.post(PICK, {"jurisdiction": other_jurisdiction.pk})
    RoleAssignment.objects.filter(user=both, jurisdiction=other_jurisdiction).delete()
    page = client.get("/registers/ledger/new/").content.decode()
    assert PICKER not in page  # one jurisdiction left: nothing to choose
    assert options(page, "type") == {str(t.pk) for t in LedgerType.objects.filter(jurisdiction=jurisdiction)}
    assert SESSION_KEY not in client.session


def test_a_superuser_acts_in_every_jurisdiction(
    jurisdiction: Jurisdiction, other_jurisdiction: Jurisdiction, client_for: Clients
) -> None:
    root = User.objects.create_superuser(username="root", password=PASSWORD)
    client = client_for(root)
    assert PICKER in client.get("/").content.decode()
    assert client.post(PICK, {"jurisdiction": other_jurisdiction.pk}).status_code == 302
    assert client.session[SESSION_KEY] == other_jurisdiction.pk


# ---------------------------------------------------------------- the API


def _bearer(user: User) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(acting_user=None, user=user)}"}


def _api_event(grid: Grid) -> dict[str, Any]:
    return {
        "title": "井盖缺失",
        "description": "人行道井盖缺失，夜间危险。",
        "lat": grid.centroid_lat,
        "lng": grid.centroid_lng,
    }


def test_a_token_call_acts_in_the_lowest_jurisdiction_or_the_one_its_header_names(
    both: User, jurisdiction: Jurisdiction, other_jurisdiction: Jurisdiction, third: Jurisdiction
) -> None:
    api, auth, grid = Client(), _bearer(both), other_grid(other_jurisdiction)
    # No header: 测试街道, where a point of 另一街道 lies outside every grid.
    assert (
        api.post("/api/events", _api_event(grid), content_type="application/json", **auth).status_code == 400
    )
    response = api.post(
        "/api/events",
        _api_event(grid),
        content_type="application/json",
        HTTP_X_JURISDICTION=str(other_jurisdiction.pk),
        **auth,
    )
    assert response.status_code == 201, response.content
    assert Case.objects.get(pk=response.json()["id"]).jurisdiction_id == other_jurisdiction.pk
    refused = api.post(
        "/api/events",
        _api_event(grid),
        content_type="application/json",
        HTTP_X_JURISDICTION=str(third.pk),
        **auth,
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"
    assert "X-Jurisdiction" in refused.json()["message"]
    assert Case.objects.count() == 1


def test_a_token_call_registers_a_dispute_where_its_header_says(
    both: User, other_jurisdiction: Jurisdiction, third: Jurisdiction
) -> None:
    api, auth = Client(), _bearer(both)
    body = dispute_form(other_jurisdiction)
    ok = api.post(
        "/api/mediation",
        body,
        content_type="application/json",
        HTTP_X_JURISDICTION=str(other_jurisdiction.pk),
        **auth,
    )
    assert ok.status_code == 201, ok.content
    assert Case.objects.get(kind="mediation").jurisdiction_id == other_jurisdiction.pk
    forged = api.get("/api/mediation/workload", HTTP_X_JURISDICTION=str(third.pk), **auth)
    assert forged.status_code == 403
    assert forged.json()["code"] == "forbidden"


def test_a_browser_call_to_the_api_follows_the_picker(
    both: User, other_jurisdiction: Jurisdiction, client_for: Clients
) -> None:
    client = client_for(both)
    client.post(PICK, {"jurisdiction": other_jurisdiction.pk})
    response = client.post(
        "/api/events", _api_event(other_grid(other_jurisdiction)), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert Case.objects.get().jurisdiction_id == other_jurisdiction.pk


def test_the_api_description_names_the_header(db: None) -> None:
    schema = Client().get("/api/openapi.json").json()
    described = " ".join(
        str(s.get("description", "")) for s in schema["components"]["securitySchemes"].values()
    )
    assert "X-Jurisdiction" in described
