"""The worked example of docs/adding-a-case-kind.md is real: its code blocks, written to their
paths in a temporary folder and installed as a new app would be (tests/core/install.py), give a
working kind — pages, API and menu entry — with no edit outside its folder."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import AppConfig
from django.test import Client

import jiedao
from jiedao.cases.models import Action, Case
from jiedao.core.models import User
from tests.cases.helpers import post
from tests.core.install import install_app

DOC = Path(__file__).resolve().parents[2] / "docs" / "adding-a-case-kind.md"
# A code block preceded by the heading that names its path.
BLOCK = re.compile(r"^#### (jiedao/suggestions/\S+)\n\n```\w*\n(.*?)^```$", re.M | re.S)
PACKAGE = "jiedao.suggestions"
BODY = {
    "title": "建议增设公交站",
    "description": "小区北门到地铁站没有公交，建议增设站点。",
    "reporter_name": "陈先生",
}


def doc_files() -> dict[str, str]:
    return dict(BLOCK.findall(DOC.read_text(encoding="utf-8")))


def test_the_doc_gives_each_file_of_the_kind_once() -> None:
    found = BLOCK.findall(DOC.read_text(encoding="utf-8"))
    names = [name for name, _ in found]
    assert len(names) == len(set(names))
    assert set(names) == {
        f"jiedao/suggestions/{n}"
        for n in (
            "__init__.py",
            "kind.py",
            "forms.py",
            "surface.py",
            "urls.py",
            "api.py",
            "apps.py",
            "templates/suggestions/detail.html",
        )
    }


@pytest.fixture
def suggestions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Any, db: None
) -> Iterator[AppConfig]:
    for name, text in doc_files().items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    # jiedao/suggestions/ beside the project's apps: the temporary folder is one more place
    # the `jiedao` package is looked for.
    monkeypatch.setattr(jiedao, "__path__", [*jiedao.__path__, str(tmp_path / "jiedao")])
    try:
        yield install_app(f"{PACKAGE}.apps.SuggestionsConfig", monkeypatch, settings)
    finally:
        for module in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[module]
        if hasattr(jiedao, "suggestions"):
            delattr(jiedao, "suggestions")


@pytest.fixture
def nobody(db: None) -> User:
    """A signed-in user holding no role anywhere."""
    return User.objects.create_user(username="nobody", password="x", display_name="无角色")


def _register(client: Client, **extra: Any) -> dict[str, Any]:
    response = post(client, "/api/suggestions", {**BODY, **extra})
    assert response.status_code == 201, response.content
    created: dict[str, Any] = response.json()
    return created


def test_a_dispatcher_registers_lists_and_answers_over_the_api(
    suggestions: AppConfig, users: dict[str, User], client_for: Callable[[User], Client]
) -> None:
    dispatcher = client_for(users["dispatcher"])
    created = _register(dispatcher)
    assert created["number"].startswith("YJ")
    assert created["state"] == "received"
    assert created["rating_code"] is None

    listed = dispatcher.get("/api/suggestions").json()
    assert listed["count"] == 1
    assert [r["number"] for r in listed["results"]] == [created["number"]]
    page = dispatcher.get("/suggestions/").content.decode()
    for shown in (created["number"], BODY["title"], "陈先生", "待答复"):
        assert shown in page
    assert "登记意见建议" in page  # the intake button, for who may register
    assert '">意见建议</a>' in dispatcher.get("/").content.decode()  # its entry on the bar

    detail = dispatcher.get(f"/suggestions/{created['id']}/").content.decode()
    assert '<summary class="btn btn-primary">答复</summary>' in detail
    assert "撤回</summary>" in detail
    assert BODY["description"] in detail

    answered = post(dispatcher, f"/api/suggestions/{created['id']}/answer", {"result": "已转公交公司研究。"})
    assert answered.status_code == 200, answered.content
    assert answered.json()["state"] == "answered"
    assert answered.json()["result"] == "已转公交公司研究。"
    assert dispatcher.get("/api/suggestions", {"state": "received"}).json()["count"] == 0
    assert dispatcher.get("/api/suggestions", {"state": "answered"}).json()["count"] == 1


def test_refused_actions_answer_403_409_or_400_and_write_nothing(
    suggestions: AppConfig, users: dict[str, User], client_for: Callable[[User], Client]
) -> None:
    dispatcher = client_for(users["dispatcher"])
    case_id = _register(dispatcher)["id"]
    no_note = post(dispatcher, f"/api/suggestions/{case_id}/withdraw")
    assert no_note.status_code == 400
    assert no_note.json()["field"] == "note"
    leader = client_for(users["leader"])  # reads suggestions, may not answer them
    assert "答复</summary>" not in leader.get(f"/suggestions/{case_id}/").content.decode()
    forbidden = post(leader, f"/api/suggestions/{case_id}/answer", {"result": "好"})
    assert forbidden.status_code == 403
    assert forbidden.json()["code"] == "forbidden"
    assert post(dispatcher, f"/api/suggestions/{case_id}/withdraw", {"note": "提出人撤回"}).status_code == 200
    again = post(dispatcher, f"/api/suggestions/{case_id}/answer", {"result": "好"})
    assert again.status_code == 409
    assert again["content-type"].startswith("application/json")
    assert "已撤回" in again.json()["message"]
    case = Case.objects.get(pk=case_id)
    assert (case.state, case.result) == ("withdrawn", "")
    assert list(Action.objects.filter(case=case).values_list("verb", flat=True)) == ["report", "withdraw"]


def test_a_dispatcher_registers_and_answers_on_the_pages(
    suggestions: AppConfig, users: dict[str, User], client_for: Callable[[User], Client]
) -> None:
    dispatcher = client_for(users["dispatcher"])
    form = dispatcher.get("/suggestions/new/")
    assert form.status_code == 200
    assert "建议内容" in form.content.decode()
    empty = dispatcher.post("/suggestions/new/", {"title": "", "description": "x"})
    assert empty.status_code == 400
    assert "标题" in empty.content.decode()
    assert not Case.objects.filter(kind="suggestion").exists()

    done = dispatcher.post("/suggestions/new/", BODY, follow=True)
    case = Case.objects.get(kind="suggestion")
    assert done.redirect_chain == [(f"/suggestions/{case.pk}/", 302)]
    assert f"已登记 {case.number}" in done.content.decode()

    version = str(case.version)
    answered = dispatcher.post(
        f"/suggestions/{case.pk}/act/",
        {"action": "answer", "version": version, "result": "下月起增设临时站点。"},
        follow=True,
    )
    body = answered.content.decode()
    for shown in ("已完成“答复”", "下月起增设临时站点。", "已答复"):
        assert shown in body
    assert "答复</summary>" not in body  # answered: nothing left to do


@pytest.mark.parametrize("who", ["other_dispatcher", "grid_worker", "handler", "nobody"])
def test_out_of_scope_users_do_not_see_it(
    who: str,
    suggestions: AppConfig,
    users: dict[str, User],
    other_dispatcher: User,
    nobody: User,
    client_for: Callable[[User], Client],
) -> None:
    case_id = _register(client_for(users["dispatcher"]))["id"]
    user = {"other_dispatcher": other_dispatcher, "nobody": nobody}.get(who) or users[who]
    client = client_for(user)
    assert client.get(f"/suggestions/{case_id}/").status_code == 404
    assert client.get(f"/api/suggestions/{case_id}").status_code == 404
    refused = post(client, f"/api/suggestions/{case_id}/answer", {"result": "好"})
    assert refused.status_code == 404
    assert Case.objects.get(pk=case_id).state == "received"
    if who == "other_dispatcher":  # a reader elsewhere: the list opens, without this case
        assert client.get("/api/suggestions").json()["count"] == 0
        assert BODY["title"] not in client.get("/suggestions/").content.decode()
    else:
        assert client.get("/suggestions/").status_code == 403
        assert client.get("/api/suggestions").json()["count"] == 0


def test_openapi_documents_each_action_with_its_inputs(
    suggestions: AppConfig, users: dict[str, User], client_for: Callable[[User], Client]
) -> None:
    schema = client_for(users["dispatcher"]).get("/api/openapi.json").json()
    paths = schema["paths"]
    assert {"/api/suggestions", "/api/suggestions/{case_id}"} <= set(paths)
    answer = paths["/api/suggestions/{case_id}/answer"]["post"]
    ref = answer["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert "result" in schema["components"]["schemas"][ref]["properties"]
    assert "/api/suggestions/{case_id}/withdraw" in paths
