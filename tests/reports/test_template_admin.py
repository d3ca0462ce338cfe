"""Admins edit the report template in /admin/; a template the report could not read is refused."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.test import Client

from jiedao.core.models import Jurisdiction, User
from jiedao.reports.models import ReportTemplate

pytestmark = pytest.mark.django_db
URL = "/admin/reports/reporttemplate/add/"


def _item(*phrases: str) -> dict[str, object]:
    return {"title": "一项。", "phrases": list(phrases)}


def _post(client: Client, jurisdiction: Jurisdiction, body: object) -> str:
    data = {
        "jurisdiction": str(jurisdiction.pk),
        "name": "本街道模板",
        "body": json.dumps(body, ensure_ascii=False),
    }
    response = client.post(URL, data)
    return response.content.decode() if response.status_code == 200 else ""


def test_bad_template_is_refused_with_every_problem_named(
    jurisdiction: Jurisdiction, users: dict[str, User], client_for: Callable[[User], Client]
) -> None:
    client = client_for(users["admin"])
    bad = {
        "title": "{jurisdiction}{year}年工作总结",
        "summary": [
            {
                "area": "nowhere",
                "heading": "（一）",
                "items": [{"title": "一是", "phrases": ["受理{events.received|mom}"]}],
            },
            {"area": "safety", "heading": "平安。", "items": [{"title": "空", "phrases": []}]},
        ],
    }
    page = _post(client, jurisdiction, bad)
    assert "未知的领域“nowhere”" in page
    assert "无法识别的占位符 {events.received|mom}" in page
    assert "须有至少一个短语" in page
    assert not ReportTemplate.objects.exists()


def test_good_template_is_saved_and_used(
    jurisdiction: Jurisdiction, users: dict[str, User], client_for: Callable[[User], Client]
) -> None:
    client = client_for(users["admin"])
    good = {
        "title": "{jurisdiction}{year}年工作总结及{next}年工作思路",
        "summary_heading": "一、{year}年工作总结",
        "summary": [
            {
                "area": "safety",
                "heading": "平安。",
                "items": [{"title": "一", "phrases": ["{events.received}"]}],
            }
        ],
        "plan_heading": "二、{next}年工作思路",
    }
    assert _post(client, jurisdiction, good) == ""
    saved = ReportTemplate.objects.get(jurisdiction=jurisdiction)
    assert saved.body["summary"][0]["heading"] == "平安。"
    page = client_for(users["leader"]).get("/reports/year/2025/").content.decode()
    assert "测试街道2025年工作总结及2026年工作思路" in page
