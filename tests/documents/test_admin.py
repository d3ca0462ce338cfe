"""Admins override a template per jurisdiction; a template that does not render is refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from docx import Document

from jiedao.cases.models import Case
from jiedao.core.models import AuditEntry, Jurisdiction, User
from jiedao.documents.actions import generate
from jiedao.documents.models import DocumentTemplate
from jiedao.documents.registry import DocumentType

pytestmark = pytest.mark.django_db
ADD = "/admin/documents/documenttemplate/add/"
OVERRIDE = (
    "# 告知书（{{ jurisdiction }}版）\n@number\n{{ reporter }}：\n"
    "你反映的“{{ title }}”已受理。\n>> {{ today }}\n"
)


def _post(client: Client, jurisdiction: Jurisdiction, text: str) -> str:
    response = client.post(ADD, {"jurisdiction": jurisdiction.pk, "code": "test.notice", "text": text})
    return response.content.decode() if response.status_code == 200 else ""


def _first_line(case: Case, user: User) -> str:
    issued = generate(case.pk, "test.notice", acting_user=user)
    return Document(issued.file.open("rb")).paragraphs[0].text


def test_override_is_used_and_reset_brings_back_the_default(
    notice_type: DocumentType,
    event_case: Case,
    jurisdiction: Jurisdiction,
    users: dict[str, User],
    client_for: Callable,
) -> None:
    client = client_for(users["admin"])
    page = client.get(ADD)
    assert page.status_code == 200
    assert "事件处理告知书（test.notice）" in page.content.decode()
    assert _post(client, jurisdiction, OVERRIDE) == ""
    tpl = DocumentTemplate.objects.get(jurisdiction=jurisdiction, code="test.notice")
    assert tpl.updated_by == users["admin"]
    assert AuditEntry.objects.filter(object_type="documents.documenttemplate", action="create").exists()
    assert _first_line(event_case, users["dispatcher"]) == "告知书（测试街道版）"

    change = client.get(f"/admin/documents/documenttemplate/{tpl.pk}/change/").content.decode()
    assert "告知书（测试街道版）" in change  # the preview, drawn from the newest case
    assert "事件处理告知书" in change  # the repository's default, to copy from

    response = client.post(f"/admin/documents/documenttemplate/{tpl.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not DocumentTemplate.objects.exists()
    assert AuditEntry.objects.filter(object_type="documents.documenttemplate", action="reset").exists()
    assert _first_line(event_case, users["dispatcher"]) == "事件处理告知书"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# 标题\n{% if title %}未结束的条件\n", "模板语法错误"),
        ("# 标题\n{{ title|no_such_filter }}\n", "模板语法错误"),
        ("# 标题\n你好，{{ petitioner_name }}\n", "模板引用了不存在的字段：petitioner_name"),
        ("# 标题\n@seal\n", "第2行：未知的标记 @seal。"),
        ("# 标题\n| 甲 | 乙 |\n| 丙 |\n", "第3行：表格每行的列数必须相同。"),
    ],
)
def test_a_template_that_does_not_render_is_refused(
    notice_type: DocumentType,
    event_case: Case,
    jurisdiction: Jurisdiction,
    users: dict[str, User],
    client_for: Callable,
    text: str,
    message: str,
) -> None:
    body = _post(client_for(users["admin"]), jurisdiction, text)
    assert message in body
    assert not DocumentTemplate.objects.exists()
    assert _first_line(event_case, users["dispatcher"]) == "事件处理告知书"


def test_other_roles_cannot_edit_templates(
    notice_type: DocumentType, users: dict[str, User], client_for: Callable
) -> None:
    assert client_for(users["dispatcher"]).get(ADD).status_code == 302  # to the admin login
