"""A jurisdiction's office hours: the daily periods in which deadlines given in hours count.

Written as text, local time (Asia/Shanghai), e.g. ``08:30-12:00,13:30-17:30``: periods sorted,
not overlapping, none crossing midnight (24:00 may end the last one). Which days are working
days is the calendar's business (statutory holidays and 调休), not this module's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_TEXT = "08:30-12:00,13:30-17:30"
MAX_PERIODS = 6
_PERIOD = re.compile(r"^(\d{1,2}):(\d{2})\s*[-–~～至]\s*(\d{1,2}):(\d{2})$")
_DASH = re.compile(r"\s*([-–~～至])\s*")
_SEPARATORS = re.compile(r"[,，、;；\s]+")


@dataclass(frozen=True)
class WorkingHours:
    """Periods of a working day as (start, end) minutes after midnight, half-open [start, end)."""

    periods: tuple[tuple[int, int], ...]

    def __str__(self) -> str:
        return ",".join(f"{_clock(a)}-{_clock(b)}" for a, b in self.periods)

    @property
    def minutes_per_day(self) -> int:
        return sum(b - a for a, b in self.periods)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes(hour: str, minute: str) -> int | None:
    h, m = int(hour), int(minute)
    if m > 59 or h > 24 or (h == 24 and m):
        return None
    return h * 60 + m


def parse_working_hours(text: str) -> WorkingHours:
    """The periods written in `text`; a ValidationError in Chinese naming what is wrong."""
    compact = _DASH.sub(r"\1", str(text).replace("：", ":"))  # "08:30 - 12:00" is one period
    parts = [p for p in _SEPARATORS.split(compact) if p]
    if not parts:
        raise ValidationError(_("工作时间不能为空，应写成如 08:30-12:00,13:30-17:30。"))
    if len(parts) > MAX_PERIODS:
        raise ValidationError(_("工作时间最多分 %(n)d 个时段。") % {"n": MAX_PERIODS})
    periods: list[tuple[int, int]] = []
    for part in parts:
        match = _PERIOD.match(part)
        start = _minutes(*match.groups()[:2]) if match else None
        end = _minutes(*match.groups()[2:]) if match else None
        if start is None or end is None:
            raise ValidationError(_("工作时段“%(part)s”格式不正确，应写成如 08:30-12:00。") % {"part": part})
        if start >= end:
            raise ValidationError(
                _("工作时段“%(part)s”的结束时间须晚于开始时间（不能跨过午夜）。") % {"part": part}
            )
        if periods and start < periods[-1][1]:
            raise ValidationError(_("工作时段须按时间先后排列且互不重叠：%(part)s。") % {"part": part})
        periods.append((start, end))
    return WorkingHours(tuple(periods))


def validate_working_hours(text: str) -> None:
    """Model-field validator: refuses text `parse_working_hours` cannot read."""
    parse_working_hours(text)


DEFAULT = parse_working_hours(DEFAULT_TEXT)
