"""Pages leaders read and the report itself show labels, never internal indicator codes."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from docx import Document

from jiedao.core.models import Jurisdiction, User
from jiedao.goals.models import Plan

from .conftest import YEAR

pytestmark = pytest.mark.django_db
CODE = re.compile(r"\b[a-z_]+\.[a-z_]+\b")


class _Visible(HTMLParser):
    """The text a reader sees: data outside script/style, plus titles, placeholders, values shown."""

    SHOWN_ATTRS = ("title", "alt", "aria-label", "placeholder", "data-bs-title")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        found = dict(attrs)
        self.parts.extend(v for k, v in attrs if k in self.SHOWN_ATTRS and v)
        if tag == "input" and found.get("type") not in ("hidden", "submit", "checkbox", "radio"):
            self.parts.append(found.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return "\n".join(p for p in parser.parts if p.strip())


def _codes(html: str) -> list[str]:
    return sorted(set(CODE.findall(visible_text(html))))


def test_pages_and_report_show_labels_not_codes(demo: Jurisdiction, tmp_path: Path) -> None:
    year = {"start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31"}
    plan = Plan.objects.get(jurisdiction=demo)
    leader_pages = [
        ("/events/dashboard/", {"period": "all"}),
        ("/goals/dashboard/", year),
        ("/goals/targets/", {"year": YEAR}),
        ("/goals/plans/", {}),
        (f"/goals/plans/{plan.pk}/", {}),
        ("/reports/", {}),
        (f"/reports/year/{YEAR}/", {}),
    ]
    leader = Client()
    leader.force_login(User.objects.get(username="leader"))
    for url, query in leader_pages:
        response = leader.get(url, query)
        assert response.status_code == 200, url
        assert _codes(response.content.decode()) == [], url
    # Every role's workbench and its to-do panel.
    for user in User.objects.filter(roles__jurisdiction=demo).distinct():
        client = Client()
        client.force_login(user)
        for url in ("/", "/events/todo/"):
            response = client.get(url)
            assert _codes(response.content.decode()) == [], (user.username, url)
    out = tmp_path / "report.docx"
    call_command("report", "year", str(YEAR), "--output", str(out))
    doc = Document(str(out))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    text = [p.text for p in doc.paragraphs] + cells
    assert sorted(set(CODE.findall("\n".join(text)))) == []


def test_the_library_still_names_codes_for_template_authors(demo: Jurisdiction) -> None:
    leader = Client()
    leader.force_login(User.objects.get(username="leader"))
    page = leader.get("/goals/indicators/", {"start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31"})
    assert "registers.land_acquired_area" in _codes(page.content.decode())
