"""Documents through HTTP as named users: generate, download, open the .docx, scope, API."""

from __future__ import annotations

import io
from collections.abc import Callable
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from jiedao.cases.models import Action, Case
from jiedao.core.models import User
from jiedao.documents.markup import chinese_date
from jiedao.documents.models import IssuedDocument
from jiedao.documents.registry import DocumentType

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _east_asian(p: Paragraph) -> set[str | None]:
    return {r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in p.runs}


def _sizes(p: Paragraph) -> set[Pt | None]:
    return {r.font.size for r in p.runs}


def _generate(client: Client, case: Case, code: str = "test.notice", **headers: str) -> IssuedDocument:
    url = reverse("documents:generate", args=[case.pk, code])
    response = client.post(url, {"next": f"/events/{case.pk}/"}, **headers)  # type: ignore[arg-type]
    assert response.status_code in (200, 302), response.content[:300]
    return IssuedDocument.objects.filter(case=case).latest("id")


def test_dispatcher_generates_and_downloads_a_formatted_notice(
    notice_type: DocumentType, make_event: Callable[..., Case], users: dict[str, User], client_for: Callable
) -> None:
    case = make_event(
        title="东湖路灯不亮", description="东湖社区3幢旁路灯连续一周不亮。\n夜间行人看不清台阶。"
    )
    client = client_for(users["dispatcher"])
    issued = _generate(client, case)
    year = timezone.localtime().year
    assert issued.number == f"测试测告〔{year}〕1号"
    assert issued.created_by == users["dispatcher"]

    response = client.get(reverse("documents:download", args=[issued.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    expected_name = quote(f"事件处理告知书（测试测告〔{year}〕1号）.docx")
    assert f"filename*=utf-8''{expected_name}" in response["Content-Disposition"]
    doc = Document(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
    paras = [p for p in doc.paragraphs if p.text]
    by_text = {p.text: p for p in paras}

    title = paras[0]
    assert title.text == "事件处理告知书"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert _east_asian(title) == {"宋体"}
    assert _sizes(title) == {Pt(22)}
    assert all(r.font.bold for r in title.runs)

    number = paras[1]
    assert number.text == issued.number
    assert (number.alignment, _east_asian(number), _sizes(number)) == (
        WD_ALIGN_PARAGRAPH.CENTER,
        {"仿宋"},
        {Pt(16)},
    )

    heading = by_text["一、反映事项"]
    assert (_east_asian(heading), _sizes(heading)) == ({"黑体"}, {Pt(16)})

    body = by_text["东湖社区3幢旁路灯连续一周不亮。"]
    assert (_east_asian(body), _sizes(body)) == ({"仿宋"}, {Pt(16)})
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert body.paragraph_format.line_spacing == Pt(28)
    assert "夜间行人看不清台阶。" in by_text
    assert by_text["张三："].runs[0].text == "张三："

    date_line = paras[-2]
    assert date_line.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert date_line.text == chinese_date(timezone.now(), upper=True)
    assert paras[-3].text == "测试街道"
    seal = paras[-1]
    assert (seal.text, seal.alignment) == ("（盖章）", WD_ALIGN_PARAGRAPH.RIGHT)

    table = doc.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["姓名", "身份"],
        ["张三", "反映人"],
        ["王调解", "经办人"],
    ]
    section = doc.sections[0]
    assert (round(section.top_margin.cm, 1), round(section.left_margin.cm, 1)) == (3.7, 2.8)
    assert round(section.page_width.cm, 1) == 21.0


def test_data_cannot_turn_into_markup(
    notice_type: DocumentType, make_event: Callable[..., Case], users: dict[str, User], client_for: Callable
) -> None:
    case = make_event(title="标题", description="# 冒充标题\n| 冒充 | 表格 |\n[seal]\x07响铃")
    issued = _generate(client_for(users["dispatcher"]), case)
    doc = Document(issued.file.open("rb"))
    texts = [p.text for p in doc.paragraphs]
    assert "# 冒充标题" in texts
    assert "｜ 冒充 ｜ 表格 ｜" in texts
    assert "[seal]响铃" in texts
    assert len(doc.tables) == 1
    assert texts.count("（盖章）") == 1


def test_htmx_generate_answers_with_the_panel(
    notice_type: DocumentType, event_case: Case, users: dict[str, User], client_for: Callable
) -> None:
    client = client_for(users["dispatcher"])
    url = reverse("documents:generate", args=[event_case.pk, "test.notice"])
    response = client.post(url, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    issued = IssuedDocument.objects.get(case=event_case)
    assert response.status_code == 200
    assert f'id="case-documents-{event_case.pk}"' in body
    assert issued.number in body
    assert reverse("documents:download", args=[issued.pk]) in body
    assert "生成事件处理告知书" in body
    entry = Action.objects.get(case=event_case, verb="document")
    assert entry.actor == users["dispatcher"]


def test_refusal_shows_the_reason_and_writes_nothing(
    notice_type: DocumentType, make_event: Callable[..., Case], users: dict[str, User], client_for: Callable
) -> None:
    case = make_event(title="无当事人的纠纷")
    client = client_for(users["dispatcher"])
    url = reverse("documents:generate", args=[case.pk, "test.notice"])
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert "没有当事人，不能出具告知书。" in response.content.decode()
    response = client.post(url, {"next": "/events/"}, follow=True)
    assert "没有当事人，不能出具告知书。" in response.content.decode()
    assert not IssuedDocument.objects.exists()
    assert not Action.objects.filter(verb="document").exists()


def test_scope_hides_documents_and_generation(
    notice_type: DocumentType,
    event_case: Case,
    users: dict[str, User],
    other_dispatcher: User,
    client_for: Callable,
) -> None:
    issued = _generate(client_for(users["dispatcher"]), event_case)
    for outsider in (users["grid_worker_b"], other_dispatcher):
        client = client_for(outsider)
        assert client.get(reverse("documents:download", args=[issued.pk])).status_code == 404
        url = reverse("documents:generate", args=[event_case.pk, "test.notice"])
        assert client.post(url).status_code == 404
        assert client.get(f"/api/documents/cases/{event_case.pk}").status_code == 404
        assert client.get(f"/api/documents/{issued.pk}/download").status_code == 404
    assert IssuedDocument.objects.count() == 1


def test_api_lists_generates_and_downloads(
    notice_type: DocumentType,
    make_event: Callable[..., Case],
    users: dict[str, User],
    client_for: Callable,
    django_assert_max_num_queries: Callable,
) -> None:
    case = make_event()
    client = client_for(users["dispatcher"])
    created = client.post(f"/api/documents/cases/{case.pk}/test.notice")
    assert created.status_code == 201
    year = timezone.localtime().year
    assert created.json()["number"] == f"测试测告〔{year}〕1号"
    for _ in range(4):
        client.post(f"/api/documents/cases/{case.pk}/test.notice")
    with django_assert_max_num_queries(8):
        listed = client.get(f"/api/documents/cases/{case.pk}").json()
    assert [d["serial"] for d in listed["documents"]] == [5, 4, 3, 2, 1]
    assert listed["available"] == [{"code": "test.notice", "label": "事件处理告知书"}]
    download = client.get(listed["documents"][0]["download_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == DOCX
    refused = client.post(f"/api/documents/cases/{case.pk}/no.such.type")
    assert (refused.status_code, refused.json()["code"]) == (404, "not_found")


def test_api_refusal_is_json_and_writes_nothing(
    notice_type: DocumentType, make_event: Callable[..., Case], users: dict[str, User], client_for: Callable
) -> None:
    case = make_event(title="无当事人的纠纷")
    response = client_for(users["dispatcher"]).post(f"/api/documents/cases/{case.pk}/test.notice")
    assert response.status_code == 400
    assert response.json()["message"] == "没有当事人，不能出具告知书。"
    Case.objects.filter(pk=case.pk).update(state="rejected")
    response = client_for(users["dispatcher"]).post(f"/api/documents/cases/{case.pk}/test.notice")
    assert response.status_code == 409
    assert not IssuedDocument.objects.exists()
