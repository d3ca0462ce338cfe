"""Reading a staff import sheet: the first worksheet of an .xlsx, headers in row 1.

Only the shape of the file is judged here (a workbook, known headers, the required columns,
a bounded number of rows); what the cells say is judged by `validate`.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from jiedao.staff.imports.columns import Column, columns, normalise_header
from jiedao.staff.imports.errors import ImportRefused

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000


@dataclass(frozen=True)
class Row:
    """One filled row: its Excel row number and its cells as text, by column key."""

    number: int
    cells: dict[str, str]

    def get(self, key: str) -> str:
        return self.cells.get(key, "")


@dataclass(frozen=True)
class Sheet:
    columns: dict[str, Column]  # the columns present, by key
    rows: list[Row]


def cell_text(value: Any) -> str:
    """A cell as the person typed it: Excel keeps 13800138000 as a number and 是 as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


def read_sheet(data: bytes) -> Sheet:
    """The sheet's known columns and filled rows, or ImportRefused with every file-level problem."""
    if not data:
        raise ImportRefused([_("文件是空的，请上传填写好的 Excel 表格（.xlsx）。")])
    if len(data) > MAX_BYTES:
        raise ImportRefused([_("文件过大：最大 5 MB。")])
    rows = _worksheet_rows(data)
    header = next(rows, None)
    present, errors = _header(header or ())
    if errors:
        raise ImportRefused(errors)
    filled: list[Row] = []
    for number, values in enumerate(rows, start=2):
        cells = {key: cell_text(values[i]) for i, key in present.items() if i < len(values)}
        if not any(cells.values()):
            continue
        if len(filled) == MAX_ROWS:
            raise ImportRefused([_("一次最多导入 %(n)d 行，请分成几个文件。") % {"n": MAX_ROWS}])
        filled.append(Row(number, cells))
    if not filled:
        raise ImportRefused([_("表格中没有人员：请从第2行起每行填写一人。")])
    known = {c.key: c for c in columns()}
    return Sheet({key: known[key] for key in present.values()}, filled)


def _worksheet_rows(data: bytes) -> Any:
    from openpyxl import load_workbook

    not_xlsx = _(
        "文件不是有效的 Excel 表格（.xlsx）。旧版 .xls 或 CSV 文件请在 Excel 中另存为 .xlsx 后再上传。"
    )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportRefused([not_xlsx])
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0] if book.worksheets else None
    except Exception:  # openpyxl raises many kinds for a damaged or foreign zip
        raise ImportRefused([not_xlsx]) from None
    if sheet is None:
        raise ImportRefused([not_xlsx])
    return iter(sheet.iter_rows(values_only=True))


def _header(values: tuple[Any, ...]) -> tuple[dict[int, str], list[str]]:
    """{cell index: column key} of row 1, and what is wrong with it."""
    by_header = {normalise_header(c.header): c for c in columns()}
    present: dict[int, str] = {}
    errors: list[str] = []
    seen: set[str] = set()
    for i, value in enumerate(values):
        text = cell_text(value)
        if not text:
            continue
        column = by_header.get(normalise_header(text))
        if column is None:
            errors.append(_("第1行：未知的列“%(header)s”") % {"header": text})
        elif column.key in seen:
            errors.append(_("第1行：列“%(header)s”出现了两次") % {"header": column.header})
        else:
            seen.add(column.key)
            present[i] = column.key
    if not present:
        return {}, [*errors, _("第1行应为表头（姓名、用户名、角色……）。请使用下载的导入模板。")]
    for column in columns():
        if column.required and column.key not in seen:
            errors.append(_("第1行：缺少必填列“%(header)s”") % {"header": column.header})
    if errors:
        errors.append(
            _("可用的列：%(headers)s。请使用下载的导入模板。")
            % {"headers": "、".join(c.header for c in columns())}
        )
    return present, errors
