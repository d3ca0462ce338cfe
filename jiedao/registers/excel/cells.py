"""Reading one Excel cell as the value a column expects, with a message naming what is wrong.

Quantities carry their unit: a column in 亩 takes 12 or "12亩" and refuses "12公顷"; a column
in 万元 takes 3000, "3000万" or "3000万元" and refuses "3亿" (with the figure it should be).
Nothing is converted silently.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from jiedao.core.excel import unescape

# unit of a column → the suffixes that mean it
UNIT_ALIASES = {
    "亩": ("", "亩"),
    "万元": ("", "万元", "万"),
    "平方米": ("", "平方米", "㎡", "m²", "m2"),
}
# suffix → (factor to the column's unit, column unit): used only to suggest the right figure
HINTS = {
    "亿": (Decimal(10000), "万元"),
    "亿元": (Decimal(10000), "万元"),
    "元": (Decimal("0.0001"), "万元"),
    "公顷": (Decimal(15), "亩"),
}
_NUMBER = re.compile(r"^([-+]?\d+(?:\.\d+)?)\s*(.*)$")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


class CellError(ValueError):
    """A cell that cannot be read; the message is shown with its row and column."""


def text(value: Any) -> str:
    value = unescape(value)  # our own export's quote before text that looked like a formula
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def quantity(value: Any, unit: str | None) -> Decimal | None:
    """A number in the column's unit (None for an empty cell)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError(_("应为数字。"))
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    raw = str(value).strip().replace(",", "").replace("，", "")
    match = _NUMBER.match(raw)
    if not match:
        raise CellError(_("“%(v)s”不是数字。") % {"v": raw})
    number, suffix = Decimal(match.group(1)), match.group(2).strip()
    allowed = UNIT_ALIASES.get(unit or "", ("",))
    if suffix in allowed:
        return number
    hint = HINTS.get(suffix)
    if hint and hint[1] == unit:
        raise CellError(
            _("单位应为%(unit)s，不能是“%(got)s”（%(v)s 应填写为 %(fixed)s）。")
            % {"unit": unit, "got": suffix, "v": raw, "fixed": format((number * hint[0]).normalize(), "f")}
        )
    if unit:
        raise CellError(_("单位应为%(unit)s，不能是“%(got)s”。") % {"unit": unit, "got": suffix})
    raise CellError(_("“%(v)s”不是数字。") % {"v": raw})


def integer(value: Any) -> int | None:
    number = quantity(value, None)
    if number is None:
        return None
    if number != number.to_integral():
        raise CellError(_("应为整数。"))
    return int(number)


def day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _DATE.match(str(value).strip())
    if match:
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            pass
    raise CellError(_("“%(v)s”不是有效日期（例如 2023-05-01）。") % {"v": value})


def choice(value: Any, options: dict[str, Any], label: Any) -> Any:
    """The option named by the cell (None for an empty cell)."""
    name = text(value)
    if not name:
        return None
    try:
        return options[name]
    except KeyError:
        raise CellError(
            _("“%(v)s”不是可选的%(label)s（可选：%(names)s）。")
            % {"v": name, "label": label, "names": "、".join(list(options)[:12])}
        ) from None
