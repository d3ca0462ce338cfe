"""Every sheet we write goes through core.excel: a name an administrator typed that looks like a
formula is text in the staff import template too (the register exports: tests/registers)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from jiedao.core.excel import safe_value, unescape
from jiedao.core.models import Department

HYPERLINK = '=HYPERLINK("http://x","y")'


@pytest.mark.django_db
def test_the_staff_template_holds_no_formula(tmp_path, jurisdiction) -> None:
    Department.objects.filter(jurisdiction=jurisdiction, code="enforcement").update(name=HYPERLINK)
    path = tmp_path / "template.xlsx"
    call_command("staff", "template", str(path), "--jurisdiction", "test-jd", stdout=StringIO())
    cells = [c for sheet in load_workbook(path).worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert "'" + HYPERLINK in {c.value for c in cells}


@pytest.mark.parametrize("text", ["=1", "+1", "-1", "@a", "\t=1", "\r=1", "'=1", "''-1"])
def test_unescape_gives_back_what_safe_value_was_given(text: str) -> None:
    assert safe_value(text) == "'" + text
    assert unescape(safe_value(text)) == text


def test_numbers_and_plain_text_are_left_alone() -> None:
    assert [safe_value(v) for v in (-1, 0.5, None, "东湖", "a=b", "'quoted")] == [
        -1,
        0.5,
        None,
        "东湖",
        "a=b",
        "'quoted",
    ]
