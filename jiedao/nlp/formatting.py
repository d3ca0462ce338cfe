"""Numbers printed the way Chinese officials write them: "3.2万平方米", "1.5亿元", "同比增长8.9%",
"91.4%，同比下降0.1个百分点".

The one place numbers are formatted for people, on pages and in the report alike:

- a percentage always has one decimal ("95.0%", "91.4%", "同比增长210.0%"), as statistical
  bulletins print them, so figures in one table or one sentence share a precision;
- a rate (a value in %) compares with another rate by their difference in 个百分点, never by a
  percentage of a percentage ("91.4%，同比下降0.1个百分点");
- any other amount compares by its change in percent ("同比增长8.9%"), or, from nothing, by the
  amount itself ("同比新增689件").

The phrases are the wording of a Chinese government document (the report is written in
Chinese whatever the reader's interface language), so they are not gettext strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PERCENT_PLACES = Decimal("0.1")  # every percentage and every 个百分点, everywhere
RATE_UNIT = "%"
POINTS_UNIT = "百分点"
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


def format_percent_number(value: Decimal) -> str:
    """A percentage's number with exactly one decimal: 95 → "95.0", 91.35 → "91.4"."""
    rounded = value.quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)
    return f"{rounded:f}".replace("-0.0", "0.0")


def format_percent(value: Decimal) -> str:
    """95 → "95.0%", 91.35 → "91.4%"."""
    return f"{format_percent_number(value)}%"


def format_points(value: Decimal) -> str:
    """A difference of two rates: 0.14 → "0.1个百分点"."""
    return f"{format_percent_number(value)}个百分点"


@dataclass(frozen=True)
class Change:
    """How a value moved against a base: `amount` in percent, or in 百分点 for a rate."""

    amount: Decimal  # signed, one decimal
    unit: str  # "%" or "百分点"

    @property
    def is_zero(self) -> bool:
        return self.amount == 0

    def signed(self, points: str = "个百分点") -> str:
        """With its sign: "+8.9%", "-0.1个百分点", "0.0%" (a page in another language passes its
        own word for percentage points)."""
        sign = "+" if self.amount > 0 else ""
        if self.unit == POINTS_UNIT:
            return f"{sign}{format_percent_number(self.amount)}{points}"
        return sign + format_percent(self.amount)


def change_of(current: Decimal | None, previous: Decimal | None, unit: str = "") -> Change | None:
    """The change from `previous` to `current`: in 百分点 when the values are rates (unit "%"),
    else in percent of the base; None when it cannot be said (a missing value, a zero base)."""
    if current is None or previous is None:
        return None
    if unit == RATE_UNIT:
        amount, kind = current - previous, POINTS_UNIT
    elif previous == 0:
        return None
    else:
        amount, kind = (current - previous) * 100 / abs(previous), RATE_UNIT
    return Change(amount.quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP), kind)


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
    210 % → "210.0%", 0.5 百分点 → "0.5个百分点".
    """
    if unit == RATE_UNIT:
        return format_percent(value)
    if unit == POINTS_UNIT:
        return format_points(value)
    if unit == "万元" or unit == "万美元":
        currency = unit[1:]
        if abs(value) >= _WAN:
            return _scaled(value * _WAN, currency)
        if value != 0 and abs(value) < 1:
            return f"{format_number(value * _WAN)}{currency}"
        return f"{format_number(value)}{unit}"
    return _scaled(value, unit)


def format_change(current: Decimal, previous: Decimal, *, unit: str = "", basis: str = "同比") -> str:
    """A change against a base period: "同比增长210.0%", "同比下降12.5%", "与上年持平"; for a rate
    "同比提高1.2个百分点", "同比下降0.1个百分点".

    `basis` is "同比" (same period last year) or "环比" (preceding period). With a zero base a
    percentage means nothing, so the change is stated as an amount ("同比新增689件").
    """
    same = "与上年持平" if basis == "同比" else "与上期持平"
    change = change_of(current, previous, unit)
    if change is None:  # a zero base (a rate always has a change in points)
        if current == 0:
            return same
        verb = "新增" if current > 0 else "减少"
        return f"{basis}{verb}{format_quantity(abs(current), unit)}"
    if change.is_zero:
        return same
    magnitude = abs(change.amount)
    if change.unit == POINTS_UNIT:
        return f"{basis}{'提高' if change.amount > 0 else '下降'}{format_points(magnitude)}"
    return f"{basis}{'增长' if change.amount > 0 else '下降'}{format_percent(magnitude)}"


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
