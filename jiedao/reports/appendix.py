"""The appendix: every number of the body with its indicator, period, exact value and query.

The indicator is named by its label: the report is read by people, and an internal code
(registers.land_acquired_area) means nothing to them; the web version links each row to its records.
"""

from __future__ import annotations

from decimal import Decimal

from jiedao.core.indicators import Period
from jiedao.nlp.formatting import POINTS_UNIT, RATE_UNIT, Change, format_percent_number, plain
from jiedao.reports.builder import Figure, Report

HEADER = ("序号", "正文表述", "指标", "统计周期", "数值", "查询口径")


def period_text(period: Period) -> str:
    return f"{period.start.isoformat()}至{period.end.isoformat()}"


def _exact(value: Decimal, unit: str) -> str:
    """The value as computed, unscaled (41600万元, not 4.16亿元); a rate with its one decimal."""
    number = format_percent_number(value) if unit == RATE_UNIT else f"{plain(value):f}"
    return f"{number}{unit}"


def value_text(fig: Figure) -> str:
    text = _exact(fig.value, fig.unit)
    if fig.form == "yoy" and fig.previous is not None:
        text = f"本期{text}，上年同期{_exact(fig.previous, fig.unit)}"
        if fig.change is not None:
            change = Change(fig.change, POINTS_UNIT if fig.unit == RATE_UNIT else RATE_UNIT)
            text += f"，变化{change.signed()}"
    return text


def period_cell(fig: Figure) -> str:
    text = period_text(fig.period)
    if fig.form == "yoy":
        text += f"\n对比 {period_text(fig.period.same_period_last_year())}"
    return text


def query_text(fig: Figure, report: Report) -> str:
    return f"{fig.description}（范围：{report.jurisdiction.name}）"


def appendix_rows(report: Report) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [HEADER]
    for fig in report.figures:
        rows.append(
            (
                str(fig.index),
                fig.text,
                fig.label,
                period_cell(fig),
                value_text(fig),
                query_text(fig, report),
            )
        )
    return rows
