"""Control and direction-override characters are never stored: a title of only such
characters is missing (translated message), the rest of a text keeps its words and, in
multi-line text, its line breaks."""

from __future__ import annotations

import pytest

from jiedao.cases.models import Case
from tests.cases.helpers import grid_of, point_in

pytestmark = pytest.mark.django_db


def _post(client, users, accept="zh-CN", **fields):
    where = point_in(grid_of(users["grid_worker"]))
    body = {"title": "路灯不亮", "description": "东门路灯不亮。", **where, **fields}
    return client.post("/api/events", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE=accept)


@pytest.mark.parametrize("title", ["\x00\x00", " \u202e\u2066 ", "\x07\x1b"])
@pytest.mark.parametrize(("accept", "word"), [("zh-CN", "请填写标题"), ("en", "Please fill in Title")])
def test_a_title_of_control_characters_is_missing(users, client_for, title, accept, word):
    c = client_for(users["grid_worker"])
    r = _post(c, users, accept, title=title)
    assert r.status_code == 400, r.content
    assert r.json()["field"] == "title"
    assert word in r.json()["message"]
    assert not Case.objects.exists()


def test_controls_and_bidi_overrides_are_removed_and_line_breaks_kept(users, client_for):
    c = client_for(users["grid_worker"])
    r = _post(c, users, title="路灯\u202e不亮\x00", description="第一行\x1b\r\n第二行\u2067\t完")
    assert r.status_code == 201, r.content
    case = Case.objects.get(pk=r.json()["id"])
    assert case.title == "路灯不亮"
    assert case.description == "第一行\n第二行\t完"
    page = client_for(users["dispatcher"]).get(f"/events/{case.pk}/").content.decode()
    assert "\u202e" not in page
    assert "\x00" not in page
