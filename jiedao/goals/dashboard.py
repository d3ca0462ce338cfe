"""The leadership dashboard's figures: targets' progress and, for a period, the computed indicators
under the sections the apps register (`jiedao.core.indicators.register_indicator_section`: the
registers' pipeline, events, petitions and mediation …) — so goals never names the apps that
count them (rule 9)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from jiedao.core.indicators import Period, indicator_sections
from jiedao.goals.progress import Progress, drilldown_url, progress_for_year
from jiedao.goals.values import COMPUTED, IndicatorValue, catalog, evaluate


def _row(v: IndicatorValue) -> dict[str, Any]:
    """A table row (exact Decimals) with `n`, the float a chart draws."""
    return {
        "code": v.code,
        "label": v.label,
        "unit": v.unit,
        "value": v.value,
        "n": float(v.value) if v.value is not None else None,
        "yoy_previous": v.yoy_previous,
        "yoy_change": v.yoy_change,
        "change_unit": v.change_unit,
        "url": drilldown_url(v.code, v.period),
    }


CHART_ROWS = 10
MIN_COMMON = 4  # shorter common parts ("件数") are part of the name, not a frame around it


def short_labels(labels: list[str]) -> tuple[list[str], str]:
    """The part that differs between labels and what they share ("期末处于签约阶段的项目数",
    "期末处于落地阶段的项目数" → ["签约", "落地"], "期末处于…阶段的项目数"): a chart's categories."""
    if len(labels) < 2:
        return labels, ""
    shortest = min(len(x) for x in labels)
    pre = 0
    while pre < shortest and len({x[pre] for x in labels}) == 1:
        pre += 1
    post = 0
    while post < shortest - pre and len({x[len(x) - 1 - post] for x in labels}) == 1:
        post += 1
    middles = [x[pre : len(x) - post] for x in labels]
    if not all(middles) or pre + post < MIN_COMMON:
        return labels, ""
    return middles, f"{labels[0][:pre]}…{labels[0][len(labels[0]) - post :]}"


def _charts(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One chart per unit (件 and 万元 and % do not share an axis), of at most CHART_ROWS bars:
    the largest values, in registry order; the table under it lists every row."""
    by_unit: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_unit.setdefault(r["unit"], []).append(r)
    charts = []
    for unit, rs in by_unit.items():
        if len(rs) > CHART_ROWS:
            keep = {id(r) for r in sorted(rs, key=lambda r: -(r["n"] or 0))[:CHART_ROWS]}
            rs = [r for r in rs if id(r) in keep]
        names, common = short_labels([r["label"] for r in rs])
        charts.append(
            {
                "unit": unit,
                "title": common,
                "rows": [{**r, "short": n} for r, n in zip(rs, names, strict=True)],
            }
        )
    return charts


def sections(jurisdiction_id: int, period: Period) -> list[dict[str, Any]]:
    """Each section's computed indicators for the period with 同比, in registry order."""
    found = indicator_sections()
    placed: dict[str, list[dict[str, Any]]] = {s.key: [] for s in found}
    for info in catalog(jurisdiction_id):
        if info.kind != COMPUTED:
            continue
        section = next((s for s in found if info.code.startswith(s.prefixes)), None)
        if section is not None:
            placed[section.key].append(_row(evaluate(info, jurisdiction_id, period, mom=False)))
    return [
        {
            "key": s.key,
            "label": str(s.label),
            "rows": placed[s.key],
            "charts": _charts(placed[s.key]) if s.chart else [],
        }
        for s in found
        if placed[s.key]
    ]


def target_rows(progress: list[Progress]) -> list[dict[str, Any]]:
    """What the targets chart draws: reached and expected-by-now percent of quantitative targets."""
    return [
        {
            "label": p.target.subject,
            "percent": float(p.percent),
            "expected": float(p.expected_percent),
            "status": p.status,
            "url": p.url,
        }
        for p in progress
        if p.percent is not None and p.target.kind == "quantitative"
    ]


def build(jurisdiction_id: int, period: Period, today: date) -> dict[str, Any]:
    progress = progress_for_year(jurisdiction_id, period.end.year, today)
    return {
        "year": period.end.year,
        "progress": progress,
        "targets_chart": target_rows(progress),
        "sections": sections(jurisdiction_id, period),
    }
