"""Writing cells of an exported sheet safely (OWASP "CSV/formula injection").

A text cell that begins with ``= + - @`` (or a tab or carriage return, which some spreadsheet
programs strip before reading the rest as a formula) would run as a formula when the sheet is
opened: ``=HYPERLINK(...)`` leaks data, ``=cmd|...`` starts a program. Such text is written with a
leading ``'`` as OWASP recommends; numbers, dates and other text are written as they are, so a
number stays a number. Every export writes its rows through `append_row` or `safe_value`;
`unescape` undoes the prefix when our own export is imported again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PREFIX = "'"


def safe_value(value: Any) -> Any:
    """The value to store in a cell: text that a spreadsheet would read as a formula is prefixed."""
    # Text that already looks quoted ('=…, ''=…) gets one more quote, so that `unescape` is exact.
    if isinstance(value, str) and value.lstrip(PREFIX).startswith(FORMULA_STARTS):
        return PREFIX + value
    return value


def append_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """Append one row of neutralised values to an openpyxl worksheet; answers what was written."""
    row = [safe_value(v) for v in values]
    sheet.append(row)
    return row


def unescape(value: Any) -> Any:
    """The text a user meant, read back from a cell `safe_value` wrote (one prefix removed)."""
    if isinstance(value, str) and value[:1] == PREFIX and value.lstrip(PREFIX).startswith(FORMULA_STARTS):
        return value[1:]
    return value
