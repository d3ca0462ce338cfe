"""Deactivation, forced and reset passwords and the own 修改密码, as the people concerned see them."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from jiedao.core.api.tokens import create_token
from jiedao.core.models import AuditEntry
from tests.conftest import PASSWORD
from tests.events.conftest import new_event

WORKBENCH = "/"
CHANGE = "/staff/password/"


def test_a_deactivated_person_is_refused_at_once_and_keeps_their_name_on_cases(
    jurisdiction, users, grids, client_for
) -> None:
    worker = users["grid_worker"]
    case, _code = new_event(jurisdiction, worker, grids["G1"], title="井盖松动")
    session = client_for(worker)
    assert session.get(WORKBENCH).status_code == 200
    token = create_token(acting_user=None, user=worker)
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert Client().get("/api/events", **bearer).status_code == 200

    admin = client_for(users["admin"])
    assert admin.post(reverse("staff:deactivate", args=[worker.pk])).status_code == 302

    response = session.get(reverse("events:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:login")
    login_page = session.get(response["Location"]).content.decode()
    assert "您的账号已被停用" in login_page
    assert session.get(WORKBENCH).status_code == 302  # the session is gone for good
    assert Client().get("/api/events", **bearer).status_code == 401
    assert not Client().login(username="grid_worker", password=PASSWORD)

    detail = client_for(users["dispatcher"]).get(reverse("events:detail", args=[case.pk])).content.decode()
    assert "王网格" in detail.split("jd-timeline", 1)[1]  # the timeline keeps the actor

    admin.post(reverse("staff:reactivate", args=[worker.pk]))
    assert Client().login(username="grid_worker", password=PASSWORD)


def test_a_reset_password_is_shown_once_and_must_be_changed_first(users, client_for) -> None:
    worker = users["grid_worker"]
    admin = client_for(users["admin"])
    response = admin.post(reverse("staff:reset_password", args=[worker.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    raw = response.content.decode().split('id="one-time-password">')[1].split("<")[0].strip()
    entry = AuditEntry.objects.get(object_id=str(worker.pk), object_type="core.user", action="reset_password")
    assert raw not in f"{entry.before}{entry.after}"
    assert raw not in admin.get(reverse("staff:detail", args=[worker.pk])).content.decode()
    token = create_token(acting_user=None, user=worker)

    person = Client()
    assert not person.login(username="grid_worker", password=PASSWORD)
    assert person.login(username="grid_worker", password=raw)
    response = person.get(reverse("events:list"))
    assert response.status_code == 302
    assert response["Location"] == f"{CHANGE}?next=%2Fevents%2F"
    page = person.get(response["Location"]).content.decode()
    assert "一次性密码" in page
    assert 'id="forced-notice"' in page
    api = person.get("/api/events")
    assert api.status_code == 403
    assert api.json()["code"] == "password_change_required"
    by_token = Client().get("/api/events", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert by_token.status_code == 403
    assert "修改密码" in by_token.json()["message"]

    # The one-time password itself, or a short one, is refused with the reason in Chinese.
    same = person.post(CHANGE, {"old_password": raw, "new_password1": raw, "new_password2": raw})
    assert same.status_code == 400
    assert "新密码不能与当前密码相同" in same.content.decode()
    short = person.post(CHANGE, {"old_password": raw, "new_password1": "a1", "new_password2": "a1"})
    assert short.status_code == 400
    assert "密码太短" in short.content.decode()
    worker.refresh_from_db()
    assert worker.must_change_password

    done = person.post(
        CHANGE,
        {
            "old_password": raw,
            "new_password1": "Xin-mima-2026",
            "new_password2": "Xin-mima-2026",
            "next": "/events/",
        },
    )
    assert done.status_code == 302
    assert done["Location"] == "/events/"
    assert person.get(reverse("events:list")).status_code == 200  # still signed in
    assert Client().get("/api/events", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    worker.refresh_from_db()
    assert not worker.must_change_password
    assert worker.check_password("Xin-mima-2026")
    assert AuditEntry.objects.filter(object_id=str(worker.pk), action="change_password").exists()


def test_an_admin_can_demand_a_change_at_next_sign_in(users, client_for) -> None:
    worker = users["grid_worker"]
    session = client_for(worker)
    client_for(users["admin"]).post(reverse("staff:require_password_change", args=[worker.pk]))
    response = session.get(WORKBENCH)
    assert response.status_code == 302
    assert response["Location"].startswith(CHANGE)
    assert session.get(CHANGE).status_code == 200
    assert session.post(reverse("web:logout")).status_code == 302  # signing out stays possible


def test_everyone_changes_their_own_password_from_the_nav(users, client_for) -> None:
    handler = client_for(users["handler"])
    page = handler.get(WORKBENCH).content.decode()
    assert f'href="{CHANGE}"' in page
    assert "修改密码" in page
    wrong = handler.post(
        CHANGE, {"old_password": "nope", "new_password1": "Abc-12345x", "new_password2": "Abc-12345x"}
    )
    assert wrong.status_code == 400
    assert "旧密码" in wrong.content.decode()
    users["handler"].refresh_from_db()
    assert users["handler"].check_password(PASSWORD)
    ok = handler.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": "Abc-12345x", "new_password2": "Abc-12345x"}
    )
    assert ok.status_code == 302
    assert ok["Location"] == WORKBENCH
    # An outside address in `next` is not followed.
    again = handler.post(
        CHANGE,
        {
            "old_password": "Abc-12345x",
            "new_password1": "Def-12345x",
            "new_password2": "Def-12345x",
            "next": "https://evil.example/",
        },
    )
    assert again["Location"] == WORKBENCH
