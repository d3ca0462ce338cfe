"""An exported register holds no live formula: text a spreadsheet would run is written with a
leading quote (OWASP), numbers and dates stay numbers and dates, and the export imports again
as the text the user typed."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from jiedao.core.excel import append_row
from jiedao.registers import actions
from jiedao.registers.models import LedgerEntry, LedgerType
from tests.registers.conftest import d

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "=cmd|' /C calc'!A0"


def test_ledger_export_holds_no_formula(client_for, reg_users, jurisdiction):
    kind = LedgerType.objects.get(jurisdiction=jurisdiction, code="articles")
    for title in (HYPERLINK, DDE, "@SUM(A1)", "+1+1", "-2+3"):
        actions.create_entry(
            acting_user=reg_users["dispatcher"],
            data=actions.LedgerInput(type=kind, date=d("2022-05-01"), title=title, quantity=Decimal(12)),
        )
    response = client_for(reg_users["leader"]).get("/registers/ledger/export/")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in ws[1]]
    title_col = header.index("标题") if "标题" in header else 2
    titles = set()
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
        title = row[title_col]
        assert title.value.startswith("'"), title.value
        titles.add(title.value)
        assert row[0].value == datetime(2022, 5, 1)  # still a date
        assert row[3].value == 12  # still a number
    assert titles == {"'" + HYPERLINK, "'" + DDE, "'@SUM(A1)", "'+1+1", "'-2+3"}


def test_a_quoted_cell_imports_as_what_was_typed(client_for, reg_users, jurisdiction):
    kind = LedgerType.objects.get(jurisdiction=jurisdiction, code="articles")
    actions.create_entry(
        acting_user=reg_users["dispatcher"],
        data=actions.LedgerInput(type=kind, date=d("2022-05-01"), title=HYPERLINK, quantity=Decimal(1)),
    )
    client = client_for(reg_users["dispatcher"])
    exported = client.get("/registers/ledger/export/").content
    LedgerEntry.objects.all().delete()
    upload = io.BytesIO(exported)
    upload.name = "ledger.xlsx"
    response = client.post("/registers/ledger/import/", {"file": upload})
    assert response.status_code in (200, 302), response.content[:500]
    assert list(LedgerEntry.objects.values_list("title", flat=True)) == [HYPERLINK]


def test_append_row_keeps_numbers_and_dates():
    ws = Workbook().active
    assert append_row(ws, [-5, 2.5, d("2022-01-02"), "=1+1", "\tx", "普通"]) == [
        -5,
        2.5,
        d("2022-01-02"),
        "'=1+1",
        "'\tx",
        "普通",
    ]
