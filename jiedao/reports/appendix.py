"""The appendix: every number of the body with its indicator, period, exact value and query.

The indicator is named by its label: the report is read by people, and an internal code
(registers.land_acquired_area) means nothing to them; the web version links each row to its records.
"""

from __future__ import annotations

from decimal import Decimal

from jiedao.core.indicators import Period
from jiedao.nlp.formatting import plain
from jiedao.reports.builder import Figure, Report

HEADER = ("序号", "正文表述", "指标", "统计周期", "数值", "查询口径")


def period_text(period: Period) -> str:
    return f"{period.start.isoformat()}至{period.end.isoformat()}"


def _plain(value: Decimal) -> str:
    return f"{plain(value):f}"


def value_text(fig: Figure) -> str:
    text = f"{_plain(fig.value)}{fig.unit}"
    if fig.form == "yoy" and fig.previous is not None:
        text = f"本期{text}，上年同期{_plain(fig.previous)}{fig.unit}"
        if fig.change is not None:
            sign = "+" if fig.change > 0 else ""
            text += f"，变化{sign}{_plain(fig.change)}%"
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
