"""How the staff import refuses a sheet: every problem at once, each naming its row and column."""

from __future__ import annotations

from django.utils.translation import gettext as _


class ImportRefused(Exception):
    """The sheet is not imported and nothing was written; `errors` are shown one per line."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def row_error(row: int, header: str, reason: str) -> str:
    """第3行“网格代码”：未知的网格代码“G9” (the row number as Excel shows it)."""
    return _("第%(row)d行“%(column)s”：%(reason)s") % {"row": row, "column": header, "reason": reason}
