"""等保 password rules and maximum age, as the person choosing a password sees them."""

from __future__ import annotations

import os
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from jiedao.core.models import User
from jiedao.staff import actions
from jiedao.staff.checks import PersonData, RoleSpec
from tests.conftest import PASSWORD

CHANGE = "/staff/password/"


def change(client: Client, new: str, old: str = PASSWORD) -> str:
    response = client.post(CHANGE, {"old_password": old, "new_password1": new, "new_password2": new})
    assert response.status_code == 400, new
    return response.content.decode()


def test_each_rule_is_refused_with_its_reason_on_the_change_page(users, client_for) -> None:
    handler = users["handler"]
    session = client_for(handler)
    assert "密码太短：至少需要 10 个字符" in change(session, "Ab1-xyz")
    assert "四类中的至少 3 类" in change(session, "abcdefgh12345")
    assert "不能是登录账号，也不能包含登录账号" in change(session, f"X-{handler.username.upper()}-2026")
    assert "这个密码太常见" in change(session, "Qwerty12345")
    handler.refresh_from_db()
    assert handler.check_password(PASSWORD)
    ok = session.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": "Lan-tian-2026", "new_password2": "Lan-tian-2026"}
    )
    assert ok.status_code == 302
    handler.refresh_from_db()
    assert handler.check_password("Lan-tian-2026")
    assert handler.password_changed_at is not None


def test_the_reasons_read_in_english_too(users, client_for) -> None:
    session = client_for(users["handler"])
    session.cookies["django_language"] = "en"
    page = change(session, "abcdefgh12345")
    assert "at least 3 of the four kinds" in page


def test_a_weak_superuser_password_is_refused_even_without_prompts(db) -> None:
    for weak in ("12345678", "Qwerty12345", "root-Root-2026"):
        with (
            mock.patch.dict(os.environ, {"DJANGO_SUPERUSER_PASSWORD": weak}),
            pytest.raises(CommandError),
        ):
            call_command("createsuperuser", "--noinput", username="root", email="")
    assert not User.objects.filter(username="root").exists()
    with mock.patch.dict(os.environ, {"DJANGO_SUPERUSER_PASSWORD": "Gu-ding-2026"}):
        call_command("createsuperuser", "--noinput", username="root", email="")
    assert User.objects.get(username="root").check_password("Gu-ding-2026")


def test_a_password_chosen_for_a_new_person_follows_the_rules(jurisdiction, users) -> None:
    data = PersonData(username="xiaoli", display_name="小李")
    roles = [RoleSpec(role="dispatcher")]
    with pytest.raises(ValidationError) as refused:
        actions.create_person(
            acting_user=users["admin"], jurisdiction=jurisdiction, data=data, roles=roles, password="12345678"
        )
    assert "password" in refused.value.message_dict
    assert not User.objects.filter(username="xiaoli").exists()
    _person, raw = actions.create_person(
        acting_user=users["admin"], jurisdiction=jurisdiction, data=data, roles=roles
    )
    assert Client().login(username="xiaoli", password=raw)  # the drawn one passes the rules


def test_an_old_password_must_be_changed_before_anything_else(users, client_for) -> None:
    worker = users["grid_worker"]
    User.objects.filter(pk=worker.pk).update(password_changed_at=timezone.now() - timedelta(days=91))
    session = client_for(worker)
    response = session.get(reverse("events:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(CHANGE)
    page = session.get(response["Location"]).content.decode()
    assert 'id="expired-notice"' in page
    assert "已使用超过 90 天" in page
    assert session.get("/api/events").status_code == 403
    done = session.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": "Hai-yang-2026", "new_password2": "Hai-yang-2026"}
    )
    assert done.status_code == 302
    assert session.get(reverse("events:list")).status_code == 200


def test_the_maximum_age_is_configurable(users, client_for) -> None:
    worker = users["grid_worker"]
    User.objects.filter(pk=worker.pk).update(password_changed_at=timezone.now() - timedelta(days=40))
    assert client_for(worker).get(reverse("events:list")).status_code == 200
    with override_settings(PASSWORD_MAX_AGE_DAYS=30):
        assert client_for(worker).get(reverse("events:list")).status_code == 302
    with override_settings(PASSWORD_MAX_AGE_DAYS=0):
        User.objects.filter(pk=worker.pk).update(password_changed_at=timezone.now() - timedelta(days=4000))
        assert client_for(worker).get(reverse("events:list")).status_code == 200
