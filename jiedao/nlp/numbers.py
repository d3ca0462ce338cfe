"""Chinese numerals and quantities: "六百亩", "3.2万平方米", "1.5亿元", "百分之九十五", "三成".

Parsing normalises units so that numbers compare: money is held in 万元, areas in 平方米 (or 亩),
people in 人; a 万/亿 magnitude is folded into the value ("3.2万平方米" → 32000 平方米).
The reverse, `format_quantity` and `format_change`, live in `formatting` and are re-exported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jiedao.nlp.formatting import chinese_numeral, format_change, format_number, format_quantity, plain

__all__ = [
    "Quantity",
    "QuantityMatch",
    "chinese_numeral",
    "find_quantities",
    "format_change",
    "format_number",
    "format_quantity",
    "parse_number",
    "parse_quantity",
    "plain",
]

_DIGITS = {ch: n for n, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"

# Raw unit → (normalised unit, factor applied to the value). Longest spellings are tried first.
_UNITS: dict[str, tuple[str, Decimal]] = {
    "个百分点": ("百分点", Decimal(1)),
    "百分点": ("百分点", Decimal(1)),
    "平方公里": ("平方公里", Decimal(1)),
    "平方千米": ("平方公里", Decimal(1)),
    "平方米": ("平方米", Decimal(1)),
    "平米": ("平方米", Decimal(1)),
    "平方": ("平方米", Decimal(1)),
    "㎡": ("平方米", Decimal(1)),
    "m²": ("平方米", Decimal(1)),
    "个工作日": ("工作日", Decimal(1)),
    "工作日": ("工作日", Decimal(1)),
    "美元": ("万美元", Decimal("0.0001")),
    "元": ("万元", Decimal("0.0001")),
    "公顷": ("公顷", Decimal(1)),
    "公里": ("公里", Decimal(1)),
    "千米": ("公里", Decimal(1)),
    "千瓦": ("千瓦", Decimal(1)),
    "公斤": ("公斤", Decimal(1)),
    "人次": ("人次", Decimal(1)),
    "户次": ("户次", Decimal(1)),
    "家次": ("家次", Decimal(1)),
    "场次": ("场次", Decimal(1)),
    "台次": ("台次", Decimal(1)),
    "微克/立方米": ("微克/立方米", Decimal(1)),
    "毫克/立方米": ("毫克/立方米", Decimal(1)),
    "立方米": ("立方米", Decimal(1)),
    "小时": ("小时", Decimal(1)),
    "分钟": ("分钟", Decimal(1)),
    "%": ("%", Decimal(1)),
    "％": ("%", Decimal(1)),
    "成": ("%", Decimal(10)),
    "名": ("人", Decimal(1)),
    "位": ("人", Decimal(1)),
}
for _single in "亩米吨人户家个件次篇条座处所项宗起场支套栋幢辆台间张株棵床只份本倍天":
    _UNITS.setdefault(_single, (_single, Decimal(1)))
_UNIT_ALTERNATION = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))

# Nouns that make a bare "2.65万" a count of people.
_PERSON_NOUNS = (
    "人", "侨胞", "华侨", "乡贤", "居民", "群众", "党员", "志愿者", "游客", "人才", "学生", "岛民",
)  # fmt: skip

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CHINESE = rf"[{_CN_CHARS}]+(?:点[零〇一二三四五六七八九]+)?"
_QUANTITY_RE = re.compile(
    rf"(?P<pct>百分之)?(?:(?P<ar>{_ARABIC})(?P<mag>[十百千万亿]*)|(?P<cn>{_CHINESE}))"
    rf"(?P<approx>余|多)?(?P<unit>{_UNIT_ALTERNATION})?"
)
# A date or an ordinal is never a quantity: "2023年", "6月", "第5".
_DATE_AFTER = re.compile(r"[年月日号季]")


@dataclass(frozen=True)
class Quantity:
    """A number with its normalised unit ("" when the text names none)."""

    value: Decimal
    unit: str


@dataclass(frozen=True)
class QuantityMatch:
    """A quantity found in a text, with its span."""

    start: int
    end: int
    raw: str
    value: Decimal
    unit: str
    numeral: str = ""  # the number as written, without unit: "两千", "3.2万"
    approx: str = ""  # "余" or "多" between number and unit: "两千余户" means at least 2000


def _chinese_int(text: str) -> int:
    if all(ch in _DIGITS for ch in text):
        if len(text) == 1:
            return _DIGITS[text]
        return int("".join(str(_DIGITS[ch]) for ch in text))  # "二〇二三"
    total = section = number = 0
    for ch in text:
        if ch in _DIGITS:
            number = _DIGITS[ch]
        elif ch in _SMALL:
            section += (number or 1) * _SMALL[ch]
            number = 0
        elif ch == "万":
            total += (section + number or 1) * _BIG[ch]
            section = number = 0
        elif ch == "亿":
            total = (total + section + number or 1) * _BIG[ch]
            section = number = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + number


_LARGEST = Decimal(10) ** 16  # beyond any amount a plan states; Decimal keeps 28 digits exact


def _bounded(value: Decimal, text: str) -> Decimal:
    if value >= _LARGEST:
        raise ValueError(f"number too large: {text!r}")
    return value


def parse_number(text: str) -> Decimal:
    """A bare number as officials write it: "600", "1,250", "一千二百五十", "3.2万", "三点五"."""
    text = text.strip()
    if not text:
        raise ValueError("empty number")
    match = re.fullmatch(rf"(?P<ar>{_ARABIC})(?P<mag>[十百千万亿]*)", text)
    if match:
        try:
            value = Decimal(match["ar"].replace(",", ""))
        except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
            raise ValueError(text) from exc
        for ch in match["mag"]:
            value *= _SMALL.get(ch) or _BIG[ch]
        return _bounded(value, text)
    whole, _, fraction = text.partition("点")
    if not whole or any(ch not in _CN_CHARS for ch in whole):
        raise ValueError(f"not a number: {text!r}")
    value = _bounded(Decimal(_chinese_int(whole)), text)
    if fraction:
        if any(ch not in _DIGITS for ch in fraction):
            raise ValueError(f"not a number: {text!r}")
        value += Decimal("0." + "".join(str(_DIGITS[ch]) for ch in fraction))
    return value


def _normalise(value: Decimal, unit: str) -> tuple[Decimal, str]:
    norm, factor = _UNITS[unit]
    return value * factor, norm


def parse_quantity(text: str) -> Quantity:
    """A whole string that is one quantity: "3.2万平方米" → 32000 平方米, "1.5亿元" → 15000 万元."""
    found = _match_at(text.strip(), 0, whole=True)
    if found is None:
        raise ValueError(f"not a quantity: {text!r}")
    return Quantity(found.value, found.unit)


def _match_at(text: str, pos: int, *, whole: bool = False) -> QuantityMatch | None:
    m = _QUANTITY_RE.match(text, pos)
    if m is None or (whole and m.end() != len(text)):
        return None
    number = m["cn"] or (m["ar"] + m["mag"])
    try:
        value = parse_number(number)
    except ValueError:
        return None
    unit = m["unit"] or ""
    if m["approx"] and not unit:
        return None
    if m["pct"]:
        if unit:
            return None
        unit = "%"
    elif unit == "成" and m["ar"] is None and value > 10:
        return None
    if unit:
        value, unit = _normalise(value, unit)
    return QuantityMatch(m.start(), m.end(), m.group(0), plain(value), unit, number, m["approx"] or "")


def find_quantities(text: str) -> list[QuantityMatch]:
    """Every quantity in `text` that states an amount.

    A Chinese numeral counts only with a unit ("五条道路" yes; "五美创建", "一期", "十大能力" no);
    an Arabic number needs a unit, "%" or a 万/亿 magnitude ("2.65万的侨胞" → 26500 人), so
    grades ("5A级", "五星级"), versions ("3.0"), dates ("2023年") and ordinals ("第一") are skipped.
    """
    found: list[QuantityMatch] = []
    pos = 0
    while pos < len(text):
        m = _match_at(text, pos)
        if m is None or m.end == m.start:
            pos += 1
            continue
        pos = m.end
        if _is_quantity(text, m):
            found.append(_infer_unit(text, m))
    return found


def _is_quantity(text: str, m: QuantityMatch) -> bool:
    before = text[m.start - 1] if m.start else ""
    after = text[m.end] if m.end < len(text) else ""
    if before == "第" or (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum()):
        return False
    if m.unit:
        # "三个月" is a duration, "一张蓝图" a figure of speech, "千人计划" a programme's name.
        lone_one = m.numeral == "一" and m.unit not in ("%", "百分点")
        idiom = m.numeral[0] in "百千万亿" or lone_one
        return not idiom and not (m.unit == "个" and after == "月")
    if _DATE_AFTER.match(after):
        return False
    return m.numeral[-1] in "万亿" and m.numeral[0] not in "万亿"


def _infer_unit(text: str, m: QuantityMatch) -> QuantityMatch:
    if m.unit:
        return m
    tail = text[m.end : m.end + 8]
    if any(noun in tail for noun in _PERSON_NOUNS):
        return QuantityMatch(m.start, m.end, m.raw, m.value, "人", m.numeral, m.approx)
    return m
