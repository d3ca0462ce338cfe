"""Who sees which disputes (a mediator: their rooms only; 404 elsewhere, also for documents and
history), list filters, the overdue list and pinned query counts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from jiedao.cases.models import Case
from jiedao.cases.sweep import refresh_time_status
from jiedao.documents.actions import generate
from jiedao.mediation.queries import mediation_cases
from tests.mediation.conftest import post


def _assigned(client: Any, walk_in: Any, api: Any, room: Any, mediator: Any, **kw: Any) -> int:
    case_id: int = walk_in(client, **kw)["id"]
    api(client, case_id, "assign", room=room.pk, mediator=mediator.pk)
    return case_id


def test_a_mediator_of_another_room_gets_404(
    users: Any, mediators: Any, rooms: Any, client_for: Any, walk_in: Any, api: Any
) -> None:
    dispatcher = client_for(users["dispatcher"])
    mine = _assigned(dispatcher, walk_in, api, rooms["min"], mediators["mediator_min"], title="民调室的纠纷")
    theirs = _assigned(
        dispatcher, walk_in, api, rooms["gong"], mediators["mediator_gong"], title="工调室的纠纷"
    )
    doc = generate(theirs, "mediation.application", acting_user=users["dispatcher"])
    other = client_for(mediators["mediator_min"])
    assert other.get(f"/mediation/{mine}/").status_code == 200
    assert other.get(f"/mediation/{theirs}/").status_code == 404
    assert other.post(f"/mediation/{theirs}/act/", {"action": "withdraw", "note": "x"}).status_code == 404
    assert other.get(f"/api/mediation/{theirs}").status_code == 404
    assert post(other, f"/api/mediation/{theirs}/withdraw", {"note": "x"}).status_code == 404
    assert other.get(f"/documents/{doc.pk}/download/").status_code == 404
    assert other.get(f"/audit/history/cases.case/{theirs}/").status_code == 404
    listed = other.get("/api/mediation").json()
    assert [r["title"] for r in listed["results"]] == ["民调室的纠纷"]
    page = other.get("/mediation/").content.decode()
    assert "民调室的纠纷" in page
    assert "工调室的纠纷" not in page
    assert Case.objects.get(pk=theirs).state == "mediating"
    # The dispatcher and leader see both rooms (what a mediator reads of other kinds:
    # tests/core/test_role_scopes.py).
    assert mediation_cases(users["leader"]).count() == 2
    assert client_for(users["dispatcher"]).get("/api/mediation").json()["count"] == 2
    # Someone with no mediation role at all cannot open the pages.
    assert client_for(users["handler"]).get("/mediation/").status_code == 403


def test_list_filters_and_overdue(
    users: Any, mediators: Any, rooms: Any, client_for: Any, walk_in: Any, api: Any
) -> None:
    dispatcher = client_for(users["dispatcher"])
    a = _assigned(dispatcher, walk_in, api, rooms["min"], mediators["mediator_min"], title="甲")
    _assigned(dispatcher, walk_in, api, rooms["gong"], mediators["mediator_gong"], title="乙")
    walk_in(dispatcher, title="丙")
    leader = client_for(users["leader"])

    def titles(query: str) -> list[str]:
        return sorted(r["title"] for r in leader.get(f"/api/mediation?{query}").json()["results"])

    assert titles(f"room={rooms['min'].pk}") == ["甲"]
    assert titles("room=0") == ["丙"]
    assert titles(f"mediator={mediators['mediator_gong'].pk}") == ["乙"]
    assert titles("state=registered") == ["丙"]
    assert titles("state=mediating") == ["乙", "甲"]
    today = timezone.localdate()
    assert titles(f"date_from={today}&date_to={today}") == ["丙", "乙", "甲"]
    assert titles(f"date_to={today - timedelta(days=1)}") == []
    assert titles("room=nonsense&date_from=bad") == ["丙", "乙", "甲"]
    # Past the one-month norm the sweep turns the case red: it is on the overdue list.
    Case.objects.filter(pk=a).update(due_at=timezone.now() - timedelta(hours=1))
    refresh_time_status()
    assert titles("overdue=1") == ["甲"]
    page = leader.get("/mediation/overdue/").content.decode()
    assert "甲" in page
    assert "乙" not in page


@pytest.mark.parametrize("n", [3, 12])
def test_list_query_counts_are_pinned(
    n: int,
    users: Any,
    mediators: Any,
    rooms: Any,
    client_for: Any,
    walk_in: Any,
    api: Any,
    django_assert_max_num_queries: Any,
) -> None:
    dispatcher = client_for(users["dispatcher"])
    for i in range(n):
        _assigned(dispatcher, walk_in, api, rooms["min"], mediators["mediator_min"], title=f"纠纷{i}")
    client = client_for(mediators["mediator_min"])
    client.get("/mediation/")  # warm the session
    with django_assert_max_num_queries(8):
        assert client.get("/mediation/").status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get("/api/mediation").json()["count"] == n
    with django_assert_max_num_queries(6):
        assert client.get("/mediation/workload/").status_code == 200
