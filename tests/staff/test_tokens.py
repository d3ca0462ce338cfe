"""API tokens on the staff pages and the `token` command: listed without the secret, revoked
with a button (POST, audited, on the person's history), refused on the very next request."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jiedao.core.api.tokens import create_token
from jiedao.core.models import ApiToken, AuditEntry

pytestmark = pytest.mark.django_db


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def test_the_admin_revokes_a_token_and_its_next_request_is_a_401(users, client_for) -> None:
    worker = users["grid_worker"]
    raw = create_token(acting_user=None, user=worker, name="巡查App")
    other = create_token(acting_user=None, user=worker, name="备用")
    api = Client()
    assert api.get("/api/grids", headers=bearer(raw)).status_code == 200

    admin = client_for(users["admin"])
    detail = admin.get(reverse("staff:detail", args=[worker.pk])).content.decode()
    tokens_url = reverse("staff:tokens", args=[worker.pk])
    assert f'href="{tokens_url}"' in detail  # 接口令牌 on the person page
    page = admin.get(tokens_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "巡查App" in text
    assert "备用" in text
    assert raw not in text
    assert raw[:8] not in text  # not even its first characters
    token = ApiToken.objects.get(user=worker, name="巡查App")
    assert admin.get(reverse("staff:token_revoke", args=[worker.pk, token.pk])).status_code == 405

    response = admin.post(reverse("staff:token_revoke", args=[worker.pk, token.pk]), follow=True)
    assert response.status_code == 200
    assert "已吊销令牌“巡查App”" in response.content.decode()

    refused = api.get("/api/grids", headers=bearer(raw))
    assert refused.status_code == 401
    assert refused["Content-Type"].startswith("application/json")
    assert refused.json()["code"] == "unauthenticated"
    assert api.get("/api/grids", headers=bearer(other)).status_code == 200  # the other one still works

    token.refresh_from_db()
    assert token.revoked
    assert token.revoked_at is not None
    entry = AuditEntry.objects.get(object_type="core.user", object_id=str(worker.pk), action="revoke_token")
    assert entry.user == users["admin"]
    assert entry.after == {"token": token.pk, "name": "巡查App", "revoked": True}
    history = admin.get(reverse("staff:detail", args=[worker.pk])).content.decode()
    assert "吊销接口令牌 · 吴管理" in history
    full = admin.get(reverse("core:history", args=["core.user", worker.pk])).content.decode()
    assert "revoke_token" in full

    again = admin.post(reverse("staff:token_revoke", args=[worker.pk, token.pk]), follow=True)
    assert "该令牌已吊销" in again.content.decode()
    assert AuditEntry.objects.filter(action="revoke_token").count() == 2  # the person's and the token's


def test_only_the_admin_of_the_holders_jurisdiction_sees_or_revokes(
    users, other_dispatcher, client_for
) -> None:
    raw = create_token(acting_user=None, user=users["dispatcher"])
    token = ApiToken.objects.get(user=users["dispatcher"])
    listing = reverse("staff:tokens", args=[users["dispatcher"].pk])
    revoke = reverse("staff:token_revoke", args=[users["dispatcher"].pk, token.pk])
    for key in ("dispatcher", "grid_worker", "leader"):
        client = client_for(users[key])
        assert client.get(listing).status_code == 403, key
        assert client.post(revoke).status_code == 403, key
    # A token of someone else is not found under this person.
    foreign = create_token(acting_user=None, user=other_dispatcher)
    foreign_token = ApiToken.objects.get(user=other_dispatcher)
    admin = client_for(users["admin"])
    assert admin.get(reverse("staff:tokens", args=[other_dispatcher.pk])).status_code == 404
    wrong = reverse("staff:token_revoke", args=[users["dispatcher"].pk, foreign_token.pk])
    assert admin.post(wrong).status_code == 404
    assert Client().get("/api/events", headers=bearer(raw)).status_code == 200
    assert Client().get("/api/events", headers=bearer(foreign)).status_code == 200
    assert not ApiToken.objects.filter(revoked=True).exists()


def test_the_tokens_page_costs_the_same_queries_for_many_tokens(users, client_for) -> None:
    worker = users["grid_worker"]
    admin = client_for(users["admin"])
    url = reverse("staff:tokens", args=[worker.pk])
    create_token(acting_user=None, user=worker)
    with CaptureQueriesContext(connection) as one:
        assert admin.get(url).status_code == 200
    for i in range(10):
        create_token(acting_user=None, user=worker, name=f"t{i}")
    with CaptureQueriesContext(connection) as many:
        assert admin.get(url).status_code == 200
    assert len(many) == len(one)


def test_last_use_is_recorded_at_most_once_a_minute(users) -> None:
    raw = create_token(acting_user=None, user=users["dispatcher"])
    token = ApiToken.objects.get(user=users["dispatcher"])
    assert token.last_used_at is None
    api = Client()

    def updates() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert api.get("/api/grids", headers=bearer(raw)).status_code == 200
        sql = [q["sql"] for q in ctx.captured_queries]
        return sum(1 for q in sql if q.startswith("UPDATE") and "apitoken" in q)

    assert updates() == 1  # first use
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    assert timezone.now() - first < timedelta(seconds=5)
    assert updates() == 0  # within the minute: no write
    assert updates() == 0
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(seconds=61))
    assert updates() == 1
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert token.last_used_at > first


def test_the_token_command_lists_without_the_secret_and_revokes(users) -> None:
    raw = create_token(acting_user=None, user=users["dispatcher"], name="12345对接")
    create_token(acting_user=None, user=users["leader"], name="大屏")
    token = ApiToken.objects.get(user=users["dispatcher"])
    assert Client().get("/api/events", headers=bearer(raw)).status_code == 200

    out = StringIO()
    call_command("token", "list", stdout=out)
    listing = out.getvalue()
    assert raw not in listing
    assert raw[3:8] not in listing
    lines = listing.splitlines()
    assert lines[0].split("\t") == ["编号", "用户", "名称", "创建时间", "最近使用", "吊销时间"]
    row = next(line.split("\t") for line in lines[1:] if line.startswith(f"{token.pk}\t"))
    assert row[1:3] == ["dispatcher", "12345对接"]
    assert row[4] != "-"  # used once above
    assert row[5] == "-"
    out = StringIO()
    call_command("token", "list", "--user", "leader", stdout=out)
    assert [line.split("\t")[1] for line in out.getvalue().splitlines()[1:]] == ["leader"]

    out = StringIO()
    call_command("token", "revoke", str(token.pk), stdout=out)
    assert f"已吊销令牌 {token.pk}（dispatcher）" in out.getvalue()
    assert Client().get("/api/events", headers=bearer(raw)).status_code == 401
    entry = AuditEntry.objects.get(object_type="core.user", action="revoke_token")
    assert entry.object_id == str(users["dispatcher"].pk)
    assert entry.user is None  # the command acts as the system
    out = StringIO()
    call_command("token", "list", "--user", "dispatcher", stdout=out)
    assert out.getvalue().splitlines()[1].split("\t")[5] != "-"

    out = StringIO()
    call_command("token", "revoke", str(token.pk), stdout=out)
    assert "早已吊销" in out.getvalue()
    assert AuditEntry.objects.filter(action="revoke_token").count() == 2
    with pytest.raises(CommandError, match="没有编号为 999999 的令牌"):
        call_command("token", "revoke", "999999")
    with pytest.raises(CommandError, match="nobody"):
        call_command("token", "list", "--user", "nobody")


def test_the_tokens_page_reads_in_english(jurisdiction, users, client_for) -> None:
    from tests.web.test_english import chinese_left, jurisdiction_data

    worker = users["grid_worker"]
    create_token(acting_user=None, user=worker, name="巡查App")
    create_token(acting_user=None, user=worker)
    admin = client_for(users["admin"])
    url = reverse("staff:tokens", args=[worker.pk])
    admin.post("/i18n/setlang/", {"language": "en", "next": url})
    token = ApiToken.objects.filter(user=worker).order_by("pk").first()
    assert token is not None
    page = admin.post(reverse("staff:token_revoke", args=[worker.pk, token.pk]), follow=True)
    text = page.content.decode()
    for phrase in ("API token", "Never used", "Revoked", "Revoke", "Unnamed"):
        assert phrase in text, phrase
    assert chinese_left(text, [*jurisdiction_data(jurisdiction), "巡查App"]) == []
