"""Login failures, lockout and its unlock, session limits and the sign-in audit, through HTTP."""

from __future__ import annotations

from django.test import Client, override_settings
from django.urls import reverse

from jiedao.core.api.tokens import create_token
from jiedao.core.models import AuditEntry
from jiedao.staff import sessions
from tests.conftest import PASSWORD

LOGIN = "/login/"
WORKBENCH = "/"


def attempt(client: Client, username: str, password: str, addr: str = "10.0.0.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=addr)


def entries(action: str, username: str) -> list[AuditEntry]:
    rows = AuditEntry.objects.filter(action=action).order_by("id")
    return [e for e in rows if (e.after or {}).get("username") == username]


def test_five_failures_lock_the_account_even_for_the_right_password(users) -> None:
    worker = users["grid_worker"]
    token = create_token(acting_user=None, user=worker)
    browser = Client()
    for _ in range(4):
        response = attempt(browser, "grid_worker", "wrong-Pass-1")
        assert response.status_code == 200
        assert "用户名或密码不正确" in response.content.decode()
    locked = attempt(browser, "grid_worker", "wrong-Pass-1")
    assert locked.status_code == 429
    assert "已被锁定 30 分钟" in locked.content.decode()
    # The right password, from another address too, does not sign in during the lockout.
    again = attempt(Client(), "grid_worker", PASSWORD, addr="10.0.0.99")
    assert again.status_code == 429
    assert "即使密码正确也无法登录" in again.content.decode()
    assert Client().get(WORKBENCH).status_code == 302
    # Each failure and the lockout are in the audit log with the source address.
    failed = entries("login_failed", "grid_worker")
    assert len(failed) == 6
    assert {e.after["ip"] for e in failed} == {"10.0.0.7", "10.0.0.99"}
    assert all(e.object_id == str(worker.pk) for e in failed)
    assert entries("login_locked", "grid_worker")[0].after["ip"] == "10.0.0.7"
    # An API token is not a login: it keeps working.
    api = Client().get("/api/events", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 200


def test_a_source_trying_many_accounts_is_throttled(users) -> None:
    for name in ("a1", "a2", "a3", "a4", "a5"):
        attempt(Client(), name, "wrong-Pass-1", addr="10.9.9.9")
    refused = attempt(Client(), "dispatcher", PASSWORD, addr="10.9.9.9")
    assert refused.status_code == 429
    assert entries("login_failed", "a1")[0].object_id == ""  # no such account, still recorded
    elsewhere = attempt(Client(), "dispatcher", PASSWORD, addr="10.9.9.10")
    assert elsewhere.status_code == 302  # the account itself is not locked


@override_settings(AXES_FAILURE_LIMIT=2)
def test_the_limit_is_configurable_and_a_success_resets_the_count(users) -> None:
    attempt(Client(), "handler", "wrong-Pass-1")
    assert attempt(Client(), "handler", PASSWORD).status_code == 302
    attempt(Client(), "handler", "wrong-Pass-1")
    assert attempt(Client(), "handler", "wrong-Pass-1").status_code == 429


def test_the_admin_unlocks_a_locked_account_from_the_person_page(users, client_for) -> None:
    worker = users["grid_worker"]
    for _ in range(5):
        attempt(Client(), "grid_worker", "wrong-Pass-1")
    admin = client_for(users["admin"])
    page = admin.get(reverse("staff:detail", args=[worker.pk])).content.decode()
    assert 'id="person-locked"' in page
    assert 'data-action="unlock"' in page
    # Not for anyone else.
    assert client_for(users["dispatcher"]).post(reverse("staff:unlock", args=[worker.pk])).status_code in {
        403,
        404,
    }
    assert attempt(Client(), "grid_worker", PASSWORD, addr="10.0.0.8").status_code == 429
    done = admin.post(reverse("staff:unlock", args=[worker.pk]), follow=True)
    assert "已解除锁定" in done.content.decode()
    assert 'id="person-locked"' not in done.content.decode()
    assert AuditEntry.objects.filter(action="unlock", object_id=str(worker.pk), user=users["admin"]).exists()
    assert attempt(Client(), "grid_worker", PASSWORD).status_code == 302


def test_login_logout_and_password_change_are_audited_with_the_address(users) -> None:
    browser = Client()
    assert attempt(browser, "leader", PASSWORD, addr="192.168.1.20").status_code == 302
    login = entries("login", "leader")[-1]
    assert login.user == users["leader"]
    assert login.after["ip"] == "192.168.1.20"
    changed = browser.post(
        "/staff/password/",
        {"old_password": PASSWORD, "new_password1": "Xin-mima-2026", "new_password2": "Xin-mima-2026"},
        REMOTE_ADDR="192.168.1.20",
    )
    assert changed.status_code == 302
    change = AuditEntry.objects.get(action="change_password", object_id=str(users["leader"].pk))
    assert change.after["ip"] == "192.168.1.20"
    browser.post(reverse("web:logout"), REMOTE_ADDR="192.168.1.20")
    assert entries("logout", "leader")[-1].after["ip"] == "192.168.1.20"


def _age(client: Client, *, started: int = 0, seen: int = 0) -> None:
    session = client.session
    session[sessions.STARTED] -= started
    session[sessions.SEEN] -= seen
    session.save()


def test_an_idle_session_ends_on_the_login_page_with_the_reason(users) -> None:
    browser = Client()
    assert attempt(browser, "dispatcher", PASSWORD).status_code == 302
    _age(browser, seen=29 * 60)
    assert browser.get(WORKBENCH).status_code == 200  # 29 minutes: still signed in
    _age(browser, seen=31 * 60)
    response = browser.get(reverse("events:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    page = browser.get(response["Location"]).content.decode()
    assert "分钟未操作" in page
    assert browser.get(WORKBENCH).status_code == 302


def test_a_session_ends_after_its_absolute_lifetime_even_when_busy(users) -> None:
    browser = Client()
    assert attempt(browser, "dispatcher", PASSWORD).status_code == 302
    _age(browser, started=12 * 3600 + 60)
    response = browser.get("/api/events")
    assert response.status_code == 401
    assert "重新登录" in response.json()["message"]
    assert browser.get(WORKBENCH).status_code == 302


@override_settings(SESSION_IDLE_SECONDS=5 * 60)
def test_the_idle_timeout_is_configurable(users) -> None:
    browser = Client()
    assert attempt(browser, "dispatcher", PASSWORD).status_code == 302
    _age(browser, seen=6 * 60)
    response = browser.get(WORKBENCH, follow=True)
    assert "您已 5 分钟未操作" in response.content.decode()
