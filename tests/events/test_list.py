"""The event list page: who may open it, what each user sees, filters, paging and query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.events.conftest import dispatched, new_event

pytestmark = pytest.mark.django_db
URL = "/events/"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("grid_worker", 200),
        ("grid_leader", 200),
        ("dispatcher", 200),
        ("handler", 200),
        ("leader", 200),
        ("admin", 200),
    ],
)
def test_list_opens_for_staff_roles(users, clients, who, status):
    assert clients[who].get(URL).status_code == status


def test_list_needs_login(client, jurisdiction):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_user_without_role_is_refused(client_for, django_user_model, jurisdiction):
    nobody = django_user_model.objects.create_user(username="nobody", password="x-pass-123")
    assert client_for(nobody).get(URL).status_code == 403


def test_grid_worker_sees_only_own_grid_in_list_and_search(jurisdiction, users, grids, clients):
    new_event(jurisdiction, users["dispatcher"], grids["G1"], title="东湖路灯不亮")
    new_event(jurisdiction, users["dispatcher"], grids["G3"], title="西山垃圾满溢")
    page = clients["grid_worker"].get(URL).content.decode()
    assert "东湖路灯不亮" in page
    assert "西山垃圾满溢" not in page
    searched = clients["grid_worker"].get(URL, {"q": "西山"}).content.decode()
    assert "西山垃圾满溢" not in searched
    assert "没有符合条件的事件" in searched
    everything = clients["dispatcher"].get(URL).content.decode()
    assert "东湖路灯不亮" in everything
    assert "西山垃圾满溢" in everything


def test_handler_sees_only_cases_of_their_department(jurisdiction, users, grids, clients):
    dispatched(jurisdiction, users, grids["G1"], title="东门摆摊甲")
    new_event(jurisdiction, users["dispatcher"], grids["G2"], title="尚未派发")
    page = clients["handler"].get(URL).content.decode()
    assert "东门摆摊甲" in page
    assert "尚未派发" not in page
    assert "东门摆摊甲" not in clients["handler_b"].get(URL).content.decode()


def test_filters_by_state_time_status_and_text(jurisdiction, users, grids, clients):
    dispatched(jurisdiction, users, grids["G1"], title="已派发的事件")
    new_event(jurisdiction, users["dispatcher"], grids["G2"], title="刚上报的事件")
    c = clients["dispatcher"]
    by_state = c.get(URL, {"state": "dispatched"}).content.decode()
    assert "已派发的事件" in by_state
    assert "刚上报的事件" not in by_state
    green = c.get(URL, {"time_status": "green"}).content.decode()
    assert "已派发的事件" in green
    assert "刚上报的事件" not in green
    text = c.get(URL, {"q": "刚上报"}).content.decode()
    assert "刚上报的事件" in text
    assert "已派发的事件" not in text
    # A malformed value is ignored rather than an error page.
    assert c.get(URL, {"grid": "abc", "date_from": "not-a-date"}).status_code == 200


def test_htmx_request_gets_only_the_results(jurisdiction, users, grids, clients):
    new_event(jurisdiction, users["dispatcher"], grids["G1"], title="只要结果")
    response = clients["dispatcher"].get(URL, {"q": "结果"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "只要结果" in body
    assert "<html" not in body
    assert 'name="state"' not in body


def test_paginates_twenty_per_page(jurisdiction, users, grids, clients):
    for i in range(23):
        new_event(jurisdiction, users["dispatcher"], grids["G1"], title=f"第{i:02d}件")
    first = clients["dispatcher"].get(URL).content.decode()
    assert "共 23 条" in first
    assert "第 1 / 2 页" in first
    assert first.count("jd-time-") == 20
    second = clients["dispatcher"].get(URL, {"page": 2}).content.decode()
    assert second.count("jd-time-") == 3
    assert "第00件" in second


def test_count_is_capped(jurisdiction, users, grids, clients, monkeypatch):
    from jiedao.cases import queries, views

    for i in range(4):
        new_event(jurisdiction, users["dispatcher"], grids["G1"], title=f"件{i}")
    monkeypatch.setattr(views, "capped_count", lambda qs: queries.capped_count(qs, cap=3))
    page = clients["dispatcher"].get(URL).content.decode()
    assert "共 3+ 条" in page


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx.captured_queries)


def test_rows_do_not_add_queries(jurisdiction, users, grids, clients, django_assert_max_num_queries):
    c = clients["dispatcher"]
    new_event(jurisdiction, users["dispatcher"], grids["G1"])
    few = _queries(c)
    for i in range(15):
        grid = grids["G1" if i % 2 else "G3"]
        dispatched(jurisdiction, users, grid, title=f"批量{i}")
    assert _queries(c) == few
    with django_assert_max_num_queries(12):
        c.get(URL)


def test_filters_by_category_and_department(jurisdiction, users, grids, clients):
    from jiedao.core.models import Category

    lamp = Category.objects.filter(jurisdiction=jurisdiction).exclude(keywords="").first()
    assert lamp is not None
    new_event(jurisdiction, users["dispatcher"], grids["G1"], title="有分类的事件", category=lamp.pk)
    dispatched(jurisdiction, users, grids["G2"], title="已派给执法队")
    c = clients["dispatcher"]
    page = c.get(URL, {"category": lamp.pk}).content.decode()
    assert "有分类的事件" in page
    assert "已派给执法队" not in page
    assert f'<option value="{lamp.pk}" selected>' in page
    dep = users["handler"].roles.get().department
    page = c.get(URL, {"department": dep.pk}).content.decode()
    assert "已派给执法队" in page
    assert "有分类的事件" not in page
