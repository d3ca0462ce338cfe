"""Excel export of a filtered register list: Chinese headers, numbers as numbers, dates as dates.

No personal data of residents lives in the registers; staff names (责任领导) are shown as on
the pages.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from jiedao.core.excel import append_row
from jiedao.registers.catalog import RegisterDef

MAX_ROWS = 50_000


def _value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    return value


def export_workbook(rdef: RegisterDef, qs: QuerySet[Any]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = str(rdef.label)[:31]
    headers = [str(c.header) for c in rdef.columns]
    append_row(ws, headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [max(8, len(h) * 2 + 2) for h in headers]
    for n, obj in enumerate(
        qs[:MAX_ROWS].iterator(chunk_size=500) if not rdef.prefetch else qs[:MAX_ROWS], 2
    ):
        values = append_row(ws, (_value(c.value(obj)) for c in rdef.columns))
        for i, v in enumerate(values):
            cell = ws.cell(row=n, column=i + 1)
            if isinstance(v, date):
                cell.number_format = "yyyy-mm-dd"
                widths[i] = max(widths[i], 12)
            elif isinstance(v, str):
                widths[i] = min(60, max(widths[i], len(v) * 2))
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
