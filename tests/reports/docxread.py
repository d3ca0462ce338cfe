"""Reading a generated report back: paragraphs, the appendix table, printed numbers as values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from docx import Document

# A number as the body prints it; years ("2024年") are names, not figures.
NUMBER = re.compile(
    r"同比(?:增长|提高|下降)\d+(?:\.\d+)?(?:%|个百分点)|与上年持平|(?<![\d.])\d+(?:\.\d+)?(?![\d.])(?!年)"
)
PRINTED = re.compile(r"^(\d+(?:\.\d+)?)(万|亿)?(.*)$")
CHANGE = re.compile(r"^同比(增长|提高|下降)(\d+(?:\.\d+)?)(%|个百分点)$")


@dataclass
class ReadReport:
    paragraphs: list[str]  # the body, before the appendix
    appendix: list[list[str]]  # header first
    summary: str  # the text of 一、 (between its heading and 二、)
    plan: list[str]  # the paragraphs of 二、


def read_report(path: Path, year: int) -> ReadReport:
    doc = Document(str(path))
    paragraphs = [p.text for p in doc.paragraphs]
    body = paragraphs[: paragraphs.index("附表")]
    start = body.index(f"一、{year}年工作总结")
    plan_at = body.index(f"二、{year + 1}年工作思路")
    table = doc.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    return ReadReport(body, rows, "".join(body[start + 1 : plan_at]), body[plan_at + 1 :])


def printed_value(text: str) -> tuple[Decimal, Decimal, str]:
    """("3.2万平方米") → (32000, tolerance 500, "平方米"): the value and half its last printed digit."""
    m = PRINTED.match(text)
    assert m, text
    number, mag, unit = m.groups()
    places = len(number.partition(".")[2])
    value, half = Decimal(number), Decimal(5).scaleb(-places - 1)
    factor = Decimal(1)
    if mag == "亿" and unit == "元":
        factor, unit = Decimal(10000), "万元"
    elif mag == "万" and unit != "元":
        factor = Decimal(10000)
    elif mag == "万":
        unit = "万元"
    return value * factor, half * factor, unit


def printed_change(text: str) -> tuple[Decimal, Decimal, str]:
    """("同比增长25.2%") → (25.2, 0.05, "%"): the change, half its last printed digit, and its
    unit: "%" of last year's value, or "个百分点" between two rates."""
    if text == "与上年持平":
        return Decimal(0), Decimal("0.05"), ""
    m = CHANGE.match(text)
    assert m, text
    sign = -1 if m.group(1) == "下降" else 1
    places = len(m.group(2).partition(".")[2])
    assert places == 1, text  # every percentage and 个百分点 with one decimal
    return sign * Decimal(m.group(2)), Decimal(5).scaleb(-places - 1), m.group(3)
