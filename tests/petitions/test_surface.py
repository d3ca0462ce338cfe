"""Petitions on the shared case surface, as named users: where an action that takes the petition
out of the user's scope lands them, the API's flat typed action bodies, the actions the API
offers as the petition's flags change, and pinned query counts of both lists."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from jiedao.petitions.effects import BACKLOG_LEVELS
from tests.petitions.helpers import department, register

pytestmark = pytest.mark.django_db


def _assigned(users, jurisdiction, **over):
    case = register(users, jurisdiction, timezone.now(), **over)
    from jiedao.cases import actions

    actions.perform(case.pk, "accept", acting_user=users["dispatcher"])
    actions.perform(
        case.pk, "assign", acting_user=users["dispatcher"], payload={"department": department(users).pk}
    )
    return case


def test_handler_giving_back_on_the_page_lands_on_their_list(users, jurisdiction, client_for):
    case = _assigned(users, jurisdiction)
    h = client_for(users["handler"])
    r = h.post(f"/petitions/{case.pk}/act/", {"action": "give_back", "note": "不属本单位职责"}, follow=True)
    assert r.status_code == 200
    assert r.redirect_chain[-1][0] == "/petitions/"
    assert "已完成“退回”" in r.content.decode()
    # The petition went back to the dispatcher: the handler no longer sees it.
    assert case.number not in r.content.decode()
    assert client_for(users["dispatcher"]).get(f"/petitions/{case.pk}/").status_code == 200


def test_give_back_through_the_api_answers_the_new_state(users, jurisdiction, client_for):
    case = _assigned(users, jurisdiction)
    h = client_for(users["handler"])
    r = h.post(
        f"/api/petitions/{case.pk}/give_back",
        {"note": "不属本单位职责"},
        content_type="application/json",
    )
    assert r.status_code == 200
    assert r.json()["state"] == "accepted"
    assert r.json()["department"] is None
    # Without its required note the same action is refused and nothing changes.
    again = _assigned(users, jurisdiction, title="另一件", repeat_of="none")
    refused = h.post(f"/api/petitions/{again.pk}/give_back", {}, content_type="application/json")
    assert refused.status_code == 400
    assert client_for(users["dispatcher"]).get(f"/api/petitions/{again.pk}").json()["state"] == "assigned"


def _offered(c, pk):
    return [a["action"] for a in c.get(f"/api/petitions/{pk}").json()["actions"]]


def test_backlog_actions_follow_the_petitions_flag(users, jurisdiction, client_for):
    case = register(users, jurisdiction, timezone.now())
    leader = client_for(users["leader"])
    offered = _offered(leader, case.pk)
    assert "mark_backlog" in offered
    assert "resolve_backlog" not in offered
    r = leader.post(
        f"/api/petitions/{case.pk}/mark_backlog",
        {"leader": users["leader"].pk, "backlog_level": BACKLOG_LEVELS[0]},
        content_type="application/json",
    )
    assert r.status_code == 200
    assert r.json()["extension"]["backlog"] is True
    offered = _offered(leader, case.pk)
    assert "resolve_backlog" in offered
    assert "mark_backlog" not in offered
    inputs = {a["action"]: a["inputs"] for a in leader.get(f"/api/petitions/{case.pk}").json()["actions"]}
    assert [i["name"] for i in inputs["resolve_backlog"]] == ["outcome", "resolved_on"]


def _many(users, jurisdiction, n):
    now = timezone.now()
    for i in range(n):
        register(
            users,
            jurisdiction,
            now - timedelta(hours=i),
            title=f"第{i}件",
            repeat_of="none",
            person_count=6 if i % 3 == 0 else 1,
            petitioners=[{"name": f"信访人{i}"}],
        )


def test_list_page_and_api_list_queries_do_not_grow_with_rows(
    users, jurisdiction, client_for, django_assert_max_num_queries
):
    _many(users, jurisdiction, 30)
    c = client_for(users["dispatcher"])
    with django_assert_max_num_queries(6):
        page = c.get("/petitions/")
    body = page.content.decode()
    assert 'data-count="30"' in body
    assert "集体访" in body  # the title's flags come with the row, not a query each
    assert "超期信访件" in body  # the heading links to the overdue list
    with django_assert_max_num_queries(5):
        r = c.get("/api/petitions?page_size=30")
    assert r.status_code == 200
    rows = r.json()["results"]
    assert len(rows) == 30
    assert sum(row["extension"]["collective"] for row in rows) == 10
    assert rows[0]["extension"]["content_category_label"]


def test_overdue_preset_keeps_its_url_name_and_title(users, jurisdiction, client_for):
    from django.urls import reverse

    assert reverse("petitions:overdue") == "/petitions/overdue/"
    page = client_for(users["leader"]).get("/petitions/overdue/").content.decode()
    assert '<h1 class="h4 mb-0">超期信访件</h1>' in page
