"""The report pages as leaders, admins and others use them."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from docx import Document

from jiedao.core.models import Jurisdiction, Role, RoleAssignment, User
from jiedao.reports.models import GeneratedReport

from .conftest import YEAR
from .counts import independent

pytestmark = pytest.mark.django_db


def _member(username: str, role: str, jurisdiction: Jurisdiction, **scope: Any) -> User:
    user = User.objects.create_user(username=username, password="pass12345", display_name=username)
    RoleAssignment.objects.create(user=user, role=role, jurisdiction=jurisdiction, **scope)
    return user


@pytest.fixture
def demo_leader(demo: Jurisdiction) -> User:
    return _member("demo_leader", Role.LEADER, demo)


def test_leader_generates_lists_and_downloads(
    jurisdiction: Jurisdiction, users: dict[str, User], client_for: Callable[[User], Client]
) -> None:
    leader = users["leader"]
    client = client_for(leader)
    page = client.get("/reports/")
    assert page.status_code == 200
    assert "生成年度总结" in page.content.decode()
    response = client.post("/reports/generate/", {"jurisdiction": "test-jd", "year": str(YEAR)}, follow=True)
    assert response.status_code == 200
    stored = GeneratedReport.objects.get(jurisdiction=jurisdiction, year=YEAR)
    assert stored.created_by == leader
    assert f"已生成《测试街道{YEAR}年工作总结及{YEAR + 1}年工作思路》" in response.content.decode()
    assert f"/reports/{stored.pk}/download/" in client.get("/reports/").content.decode()
    download = client.get(f"/reports/{stored.pk}/download/")
    assert download.status_code == 200
    doc = Document(BytesIO(b"".join(download.streaming_content)))  # type: ignore[attr-defined]
    assert doc.paragraphs[0].text == stored.title


def test_bad_year_writes_nothing(
    jurisdiction: Jurisdiction, users: dict[str, User], client_for: Callable[[User], Client]
) -> None:
    client = client_for(users["leader"])
    for year in ("abc", "2999", ""):
        response = client.post("/reports/generate/", {"year": year}, follow=True)
        assert "请选择有效的年度。" in response.content.decode()
    assert not GeneratedReport.objects.exists()


def test_others_are_refused(
    jurisdiction: Jurisdiction,
    users: dict[str, User],
    other_jurisdiction: Jurisdiction,
    client_for: Callable[[User], Client],
) -> None:
    stored = client_for(users["leader"]).post("/reports/generate/", {"year": str(YEAR)})
    assert stored.status_code == 302
    report = GeneratedReport.objects.get()
    worker = users["grid_worker"]
    for url in ("/reports/", f"/reports/{report.pk}/download/", f"/reports/year/{YEAR}/"):
        assert client_for(worker).get(url).status_code == 403
    assert client_for(worker).post("/reports/generate/", {"year": str(YEAR)}).status_code == 403
    # A leader of another jurisdiction sees neither the report nor the demo's figures.
    other = client_for(_member("other_leader", Role.LEADER, other_jurisdiction))
    assert other.get(f"/reports/{report.pk}/download/").status_code == 404
    assert other.get(f"/reports/year/{YEAR}/?jurisdiction=test-jd").status_code == 404
    assert report.pk not in [r.pk for r in other.get("/reports/").context["reports"]]
    assert GeneratedReport.objects.count() == 1


def test_web_version_links_every_number_to_its_records(
    demo: Jurisdiction, demo_leader: User, client_for: Callable[[User], Client]
) -> None:
    html = client_for(demo_leader).get(f"/reports/year/{YEAR}/").content.decode()
    assert f"江心岛街道{YEAR}年工作总结及{YEAR + 1}年工作思路" in html
    links = re.findall(r'<a class="jd-figure" href="([^"]+)"[^>]*>([^<]+)</a>', html)
    rows = re.findall(r'<tr id="figure-(\d+)">', html)
    assert len(links) >= 5
    assert len(links) == len(rows)
    for href, _text in links:
        query = rf"\?start={YEAR}-01-01&amp;end={YEAR}-12-31&amp;jurisdiction={demo.pk}"
        assert re.fullmatch(rf"/goals/indicators/[a-z_]+\.[a-z_]+/{query}", href)
    # Opening a number lands on the records behind it.
    href, text = next((h, t) for h, t in links if "/events.received/" in h and t.endswith("件"))
    records = client_for(demo_leader).get(href.replace("&amp;", "&"))
    assert records.status_code == 200
    assert text.rstrip("件") in records.content.decode()


def test_list_page_query_count(
    jurisdiction: Jurisdiction,
    users: dict[str, User],
    client_for: Callable[[User], Client],
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(users["leader"])
    for _ in range(3):
        client.post("/reports/generate/", {"year": str(YEAR)})
    client.get("/reports/")
    with django_assert_max_num_queries(8):
        response = client.get("/reports/")
    assert len(response.context["reports"]) == 3


def test_api_gives_each_figure_with_its_query_and_link(
    demo: Jurisdiction,
    demo_leader: User,
    other_jurisdiction: Jurisdiction,
    client_for: Callable[[User], Client],
) -> None:
    client = client_for(demo_leader)
    data = client.get(f"/api/reports/year/{YEAR}").json()
    assert data["title"] == f"江心岛街道{YEAR}年工作总结及{YEAR + 1}年工作思路"
    received = next(f for f in data["figures"] if f["code"] == "events.received" and f["form"] == "value")
    assert Decimal(received["value"]) == independent("events.received", demo.pk, YEAR)
    assert received["url"].startswith("/goals/indicators/events.received/?start=")
    assert received["query"].startswith("期间内上报")
    assert [f["index"] for f in data["figures"]] == list(range(1, len(data["figures"]) + 1))
    assert client.get("/api/reports/year/2999").status_code == 400
    assert client.get(f"/api/reports/year/{YEAR}?jurisdiction=other-jd").status_code == 404
    worker = _member("demo_grid", Role.GRID_WORKER, demo)
    assert client_for(worker).get(f"/api/reports/year/{YEAR}").status_code == 403
    assert client_for(worker).get("/api/reports/").status_code == 403
    client.post("/reports/generate/", {"year": str(YEAR)})
    listed = client.get("/api/reports/").json()
    assert [r["year"] for r in listed] == [YEAR]


def test_web_version_reads_in_chinese_for_an_english_reader(demo: Jurisdiction, demo_leader: User) -> None:
    client = Client()
    client.force_login(demo_leader)
    page = client.get(f"/reports/year/{YEAR}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    received = independent("events.received", demo.pk, YEAR)
    assert f">{received}件</a>" in page
    assert "cases</a>" not in page
