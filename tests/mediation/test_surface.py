"""Mediation on the shared case surface, through HTTP as the named users: the list (columns,
links, pagination, the overdue preset), the detail page, transitions allowed and refused on the
page and over the API (/api/mediation/{id}/{action}), registration from an event through the
generic create flow, scope 404s, and pinned query counts for the list page and the API list."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from jiedao.cases import actions as engine
from jiedao.cases.models import Case
from jiedao.events.intake import validate_event
from tests.mediation.conftest import dispute_type, post


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_shows_the_columns_and_the_links(
    users: Any, mediators: Any, rooms: Any, client_for: Any, walk_in: Any, api: Any
) -> None:
    dispatcher = client_for(users["dispatcher"])
    case_id = walk_in(dispatcher, title="楼道堆物纠纷")["id"]
    api(dispatcher, case_id, "assign", room=rooms["min"].pk, mediator=mediators["mediator_min"].pk)
    page = dispatcher.get("/mediation/").content.decode()
    assert "楼道堆物纠纷" in page
    assert "邻里纠纷" in page  # 类型
    assert "民调室 · 王调解" in page  # 调解室 / 调解员
    assert 'href="/mediation/new/"' in page
    assert 'href="/mediation/from-event/"' in page
    assert 'href="/mediation/workload/"' in page
    # A mediator registers walk-ins but does not turn events into disputes: no such link.
    mine = client_for(mediators["mediator_min"]).get("/mediation/").content.decode()
    assert 'href="/mediation/new/"' in mine
    assert 'href="/mediation/from-event/"' not in mine
    # The overdue preset keeps its page, title and explanation.
    overdue = dispatcher.get("/mediation/overdue/").content.decode()
    assert "超期调解" in overdue
    assert "楼道堆物纠纷" not in overdue
    assert "仍在办且已超期" in overdue
    assert "仍在办且临近期限" in dispatcher.get("/mediation/?soon=1").content.decode()


def test_pagination_and_pinned_query_counts(users: Any, client_for: Any, walk_in: Any) -> None:
    dispatcher = client_for(users["dispatcher"])
    walk_in(dispatcher, title="第一件纠纷")
    few_page = _queries(dispatcher, "/mediation/")
    few_api = _queries(dispatcher, "/api/mediation")
    for i in range(20):
        walk_in(dispatcher, title=f"批量纠纷{i:02d}")
    assert _queries(dispatcher, "/mediation/") == few_page
    assert _queries(dispatcher, "/api/mediation") == few_api
    first = dispatcher.get("/mediation/").content.decode()
    assert "共 21 条" in first
    assert "第 1 / 2 页" in first
    assert "第一件纠纷" not in first
    assert "第一件纠纷" in dispatcher.get("/mediation/", {"page": 2}).content.decode()
    listed = dispatcher.get("/api/mediation", {"page": 2, "page_size": 20}).json()
    assert listed["count"] == 21
    assert [r["title"] for r in listed["results"]] == ["第一件纠纷"]
    assert listed["results"][0]["extension"]["dispute_type"] == "邻里纠纷"


def test_detail_and_transitions_on_the_page(
    users: Any, mediators: Any, rooms: Any, client_for: Any, walk_in: Any
) -> None:
    dispatcher = client_for(users["dispatcher"])
    case_id = walk_in(dispatcher)["id"]
    page = dispatcher.get(f"/mediation/{case_id}/").content.decode()
    for shown in ("楼上漏水纠纷", "陈晓明", "138****1234", "申请调解事项", "← 矛盾纠纷调解"):
        assert shown in page
    # Refused: sessions only while mediating (the table), shown on the page, nothing written.
    refused = dispatcher.post(
        f"/mediation/{case_id}/act/",
        {"action": "record_session", "held_on": "2026-01-05", "attendees": "x", "record": "y", "version": 1},
    )
    assert refused.status_code == 409
    assert "不能执行“记录调解”" in refused.content.decode()
    # Refused by the effect: a mediator of another room (the form keeps the page, says why).
    wrong = dispatcher.post(
        f"/mediation/{case_id}/act/",
        {
            "action": "assign",
            "room": rooms["min"].pk,
            "mediator": mediators["mediator_gong"].pk,
            "version": 1,
        },
    )
    assert wrong.status_code == 400
    assert "请选择民调室的调解员" in wrong.content.decode()
    assert Case.objects.get(pk=case_id).state == "registered"
    # Allowed: assign, then the detail shows the room and the timeline says who.
    done = dispatcher.post(
        f"/mediation/{case_id}/act/",
        {"action": "assign", "room": rooms["min"].pk, "mediator": mediators["mediator_min"].pk, "version": 1},
    )
    assert done.status_code == 302
    assert done["Location"] == f"/mediation/{case_id}/"
    page = dispatcher.get(done["Location"]).content.decode()
    assert "调解室：民调室；调解员：王调解" in page
    assert Case.objects.get(pk=case_id).state == "mediating"


def test_transitions_over_the_api(
    users: Any, mediators: Any, rooms: Any, client_for: Any, walk_in: Any, api: Any
) -> None:
    dispatcher = client_for(users["dispatcher"])
    case_id = walk_in(dispatcher)["id"]
    assigned = api(dispatcher, case_id, "assign", room=rooms["min"].pk, mediator=mediators["mediator_min"].pk)
    assert assigned["state"] == "mediating"
    assert assigned["extension"]["mediator"] == "王调解"
    # A dispatcher may assign but not mediate: the engine's table answers 403 with a reason.
    refused = api(dispatcher, case_id, "agree", expect=403, terms="赔偿", effective_on="2026-01-05")
    assert refused["code"] == "forbidden"
    mediator = client_for(mediators["mediator_min"])
    withdrawn = api(mediator, case_id, "withdraw", note="申请人撤回")
    assert withdrawn["state"] == "withdrawn"
    # Now nothing mediates it any more.
    again = api(
        mediator, case_id, "record_session", expect=409, held_on="2026-01-05", attendees="x", record="y"
    )
    assert again["code"] == "illegal_transition"


def test_registration_refusals_and_from_event(
    jurisdiction: Any, users: Any, mediators: Any, client_for: Any, walk_in: Any, grids: Any
) -> None:
    # The API refuses with 403 JSON who may not register, and a mediator turning an event over.
    refused = walk_in(client_for(users["handler"]), expect=403)
    assert refused["message"] == "您没有调解登记的权限。"
    raw = {"title": "邻居噪音扰民", "description": "夜间施工扰民", "grid": grids["G1"].pk}
    event, _code = engine.create_case(
        validate_event(raw, jurisdiction=jurisdiction, user=users["dispatcher"]),
        acting_user=users["dispatcher"],
    )
    body = {"event_number": event.number, "dispute_type": dispute_type(jurisdiction).pk}
    no = post(client_for(mediators["mediator_min"]), "/api/mediation", body)
    assert no.status_code == 403
    assert no.json()["message"] == "您没有从事件转调解的权限。"
    # The from-event page is the generic create flow with its own form and title.
    dispatcher = client_for(users["dispatcher"])
    page = dispatcher.get(f"/mediation/from-event/?event={event.number}").content.decode()
    assert "从事件转调解" in page
    assert event.number in page
    bad = dispatcher.post(
        "/mediation/from-event/", {"event_number": "SJ000", "dispute_type": body["dispute_type"]}
    )
    assert bad.status_code == 400
    assert "找不到编号为 SJ000 的事件" in bad.content.decode()
    made = dispatcher.post("/mediation/from-event/", body)
    assert made.status_code == 302
    case = Case.objects.get(kind="mediation")
    assert made["Location"] == f"/mediation/{case.pk}/"
    detail = dispatcher.get(made["Location"]).content.decode()
    assert "邻居噪音扰民" in detail
    assert f"/events/{event.pk}/" in detail


def test_scope_404_for_a_user_outside(
    users: Any, mediators: Any, rooms: Any, client_for: Any, walk_in: Any, api: Any
) -> None:
    dispatcher = client_for(users["dispatcher"])
    case_id = walk_in(dispatcher)["id"]
    api(dispatcher, case_id, "assign", room=rooms["gong"].pk, mediator=mediators["mediator_gong"].pk)
    outside = client_for(mediators["mediator_min"])
    assert outside.get(f"/mediation/{case_id}/").status_code == 404
    assert outside.post(f"/mediation/{case_id}/act/", {"action": "withdraw", "note": "x"}).status_code == 404
    assert outside.get(f"/api/mediation/{case_id}").status_code == 404
    assert post(outside, f"/api/mediation/{case_id}/withdraw", {"note": "x"}).status_code == 404
    assert outside.get("/api/mediation").json()["count"] == 0
