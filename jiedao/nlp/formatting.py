"""Numbers printed the way Chinese officials write them: "3.2万平方米", "1.5亿元", "同比增长210%".

The phrases are the wording of a Chinese government document (the report is written in
Chinese whatever the reader's interface language), so they are not gettext strings.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_TWO_PLACES = Decimal("0.01")
_WAN = Decimal(10_000)
_YI = Decimal(100_000_000)
_NUMERALS = "零一二三四五六七八九"


def plain(value: Decimal) -> Decimal:
    """`value` without trailing zeros and never in exponent form (600, not 6E+2)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def format_number(value: Decimal) -> str:
    """At most two decimals, no trailing zeros: 3.20 → "3.2", 1250.0 → "1250"."""
    rounded = plain(value.quantize(_TWO_PLACES, rounding=ROUND_HALF_UP))
    return f"{rounded:f}".replace("-0", "0") if rounded == 0 else f"{rounded:f}"


def _scaled(value: Decimal, unit: str) -> str:
    """Use 万/亿 when it loses nothing, or when the number is too long to read (≥ 10万 / 10亿)."""
    rounded = value.quantize(_TWO_PLACES, rounding=ROUND_HALF_UP)
    if abs(value) < _WAN <= abs(rounded):
        value = rounded  # 9999.995 would print as "10000": it is 1万, decided on what is printed
    size = abs(value)
    in_wan = (size / _WAN).quantize(_TWO_PLACES, rounding=ROUND_HALF_UP)
    # Decide on what is printed: 99999950 would print as "10000万", so it is "1亿".
    for magnitude, label, too_long in ((_YI, "亿", in_wan >= _WAN), (_WAN, "万", size >= _WAN * 10)):
        scaled = value / magnitude
        exact = scaled == scaled.quantize(_TWO_PLACES)
        if (size >= magnitude and (exact or too_long)) or (too_long and label == "亿"):
            return f"{format_number(scaled)}{label}{unit}"
    return f"{format_number(value)}{unit}"


def format_quantity(value: Decimal, unit: str) -> str:
    """A quantity in a normalised unit (see `numbers.parse_quantity`) as officials print it.

    32000 平方米 → "3.2万平方米", 15000 万元 → "1.5亿元", 0.3 万元 → "3000元", 689 件 → "689件",
    210 % → "210%", 0.5 百分点 → "0.5个百分点".
    """
    if unit == "%":
        return f"{format_number(value)}%"
    if unit == "百分点":
        return f"{format_number(value)}个百分点"
    if unit == "万元" or unit == "万美元":
        currency = unit[1:]
        if abs(value) >= _WAN:
            return _scaled(value * _WAN, currency)
        if value != 0 and abs(value) < 1:
            return f"{format_number(value * _WAN)}{currency}"
        return f"{format_number(value)}{unit}"
    return _scaled(value, unit)


def format_change(current: Decimal, previous: Decimal, *, unit: str = "", basis: str = "同比") -> str:
    """A change against a base period: "同比增长210%", "同比下降12.5%", "与上年持平".

    `basis` is "同比" (same period last year) or "环比" (preceding period). With a zero base a
    percentage means nothing, so the change is stated as an amount ("同比新增689件").
    """
    same = "与上年持平" if basis == "同比" else "与上期持平"
    if previous == 0:
        if current == 0:
            return same
        verb = "新增" if current > 0 else "减少"
        return f"{basis}{verb}{format_quantity(abs(current), unit)}"
    percent = (current - previous) / abs(previous) * 100
    shown = format_number(abs(percent))
    if shown == "0":
        return same
    return f"{basis}{'增长' if percent > 0 else '下降'}{shown}%"


def chinese_numeral(number: int) -> str:
    """An integer in Chinese numerals as written in prose: 600 → "六百", 12 → "十二"."""
    if number < 0:
        return "负" + chinese_numeral(-number)
    if number == 0:
        return "零"
    parts: list[str] = []
    for magnitude, label in ((10**8, "亿"), (10**4, "万"), (1, "")):
        group, number = divmod(number, magnitude)
        if group == 0:
            if parts and number:
                parts.append("零")
            continue
        if group >= 10_000:
            parts.append(chinese_numeral(group) + label)
        else:
            if parts and group < 1000 and parts[-1] != "零":
                parts.append("零")
            parts.append(_below_ten_thousand(group) + label)
    text = "".join(parts).rstrip("零")
    while "零零" in text:
        text = text.replace("零零", "零")
    return text[1:] if text.startswith("一十") else text


def _below_ten_thousand(number: int) -> str:
    out = ""
    zero = False
    for power, label in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, power)
        if digit:
            if zero and out:
                out += "零"
            out += _NUMERALS[digit] + label
            zero = False
        else:
            zero = True
    return out
