"""Stand-in for jiedao.nlp.numbers until it lands: numbers the way officials write them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

# Units whose large values are written with 万 in front ("3.2万平方米", "2.65万人").
_TEN_THOUSAND = Decimal(10000)


def _plain(value: Decimal, places: int) -> str:
    q = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{q:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_quantity(value: Decimal | int | float, unit: str) -> str:
    """689 件 → "689件"; 32000 平方米 → "3.2万平方米"; 32000 万元 → "3.2亿元"; 95.46 % → "95.5%"."""
    v = Decimal(str(value))
    if unit == "%":
        return f"{_plain(v, 1)}%"
    if unit == "万元" and abs(v) >= _TEN_THOUSAND:
        return f"{_plain(v / _TEN_THOUSAND, 2)}亿元"
    if abs(v) >= _TEN_THOUSAND and unit != "万元":
        return f"{_plain(v / _TEN_THOUSAND, 2)}万{unit}"
    return f"{_plain(v, 2)}{unit}"


def format_change(current: Decimal | int | float, previous: Decimal | int | float) -> str | None:
    """同比 in words: "同比增长210%", "同比下降12.5%", "与上年持平"; None when last year was zero."""
    cur, prev = Decimal(str(current)), Decimal(str(previous))
    if prev == 0:
        return None
    change = (cur - prev) * 100 / abs(prev)
    text = _plain(abs(change), 1)
    if text == "0":
        return "与上年持平"
    return f"同比增长{text}%" if change > 0 else f"同比下降{text}%"
