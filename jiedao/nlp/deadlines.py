"""Deadlines in plan wording: "上半年" → 30 June, "9月底前" → 30 September, "年底前" → 31 December."""

from __future__ import annotations

import calendar
import re
from datetime import date

_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_MONTH = r"1[0-2]|0?[1-9]|十[一二]|[一二三四五六七八九十]"
_QUARTER_RE = re.compile(r"(?:第)?(?P<q>[一二三四1-4])季度")
_DAY_RE = re.compile(rf"(?:(?P<y>\d{{4}})年)?(?P<m>{_MONTH})月(?P<d>[0-3]?\d)[日号]")
_MONTH_RE = re.compile(
    rf"(?:(?P<y>\d{{4}})年)?(?P<m>{_MONTH})月(?:份|底|末|中旬|上旬|下旬)?(?:前|之前|以前|内)"
)
_YEAR_RE = re.compile(r"(?:到|至|于|在)?(?P<y>\d{4})年(?:底|末)?(?:前|之前)?(?![\d上下一二三四第])")
_HALF = {"上半年": (6, 30), "年中": (6, 30), "下半年": (12, 31)}
_YEAR_END = ("年底", "年末", "年内", "全年", "年终")


def _month(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text.startswith("十") and len(text) == 2:
        return 10 + _CN_MONTH[text[1]]
    return _CN_MONTH[text]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def find_deadline(text: str, year: int) -> date | None:
    """The deadline a clause states, or None when it states none (the caller then uses year end).

    `year` is the plan's year; an explicit "2024年底" overrides it.
    """
    for regex in (_DAY_RE, _MONTH_RE):
        m = regex.search(text)
        if m:
            at_year = int(m["y"]) if m["y"] else year
            month = _month(m["m"])
            if regex is _DAY_RE:
                day = min(int(m["d"]), calendar.monthrange(at_year, month)[1])
                return date(at_year, month, max(day, 1))
            return _month_end(at_year, month)
    quarter = _QUARTER_RE.search(text)
    if quarter:
        q = quarter["q"]
        return _month_end(year, 3 * ("一二三四".index(q) + 1 if q in "一二三四" else int(q)))
    for phrase, (month, day) in _HALF.items():
        if phrase in text:
            return date(year, month, day)
    m = _YEAR_RE.search(text)
    if m and ("底" in m.group(0) or "前" in m.group(0) or m.group(0)[0] in "到至于在"):
        return date(int(m["y"]), 12, 31)
    if any(phrase in text for phrase in _YEAR_END):
        return date(year, 12, 31)
    return None


_TIME_FILLER = re.compile(r"[到至于在前之以内底末，,、\s]|力争|确保|争取|全力")


_TIME_LEAD = re.compile(r"^(?:到|至|于|在)|^(?:前|之前|以前|内)")


def strip_time(text: str) -> str:
    """`text` without its time phrases: "到2025年底培育规上企业" → "培育规上企业"."""
    rest = text
    for regex in (_DAY_RE, _MONTH_RE, _QUARTER_RE, _YEAR_RE):
        rest = regex.sub("", rest)
    for phrase in (*_HALF, *_YEAR_END):
        rest = rest.replace(phrase, "")
    return rest if rest == text else _TIME_LEAD.sub("", _TIME_LEAD.sub("", rest))


def is_time_phrase(text: str) -> bool:
    """True for a clause that says only when ("上半年", "到2024年底前"): it sets the sentence's deadline."""
    return not _TIME_FILLER.sub("", strip_time(text))
