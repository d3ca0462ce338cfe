"""`jiedao report year Y` from demo data: the draft's title, structure, and every number in it
equals an independent count over the database; the appendix lists every number in order."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from jiedao.core.audit import history
from jiedao.core.indicators import get_indicator
from jiedao.core.models import Jurisdiction
from jiedao.reports.models import GeneratedReport, ReportTemplate

from .conftest import YEAR
from .counts import independent
from .docxread import NUMBER, printed_change, printed_value, read_report

pytestmark = pytest.mark.django_db


def _generate(tmp_path: Path, year: int = YEAR, *extra: str) -> Path:
    out = tmp_path / f"report-{year}.docx"
    call_command("report", "year", str(year), "--output", str(out), *extra)
    return out


def test_every_number_equals_an_independent_count(demo: Jurisdiction, tmp_path: Path) -> None:
    doc = read_report(_generate(tmp_path), YEAR)
    # The seed's shape: the title, then 一、 with (一)(二)… areas, each with 一是、二是… items.
    assert doc.paragraphs[0] == f"江心岛街道{YEAR}年工作总结及{YEAR + 1}年工作思路"
    sections = [p for p in doc.paragraphs if re.match(r"^（[一二三四五六七八九十]）", p)]
    assert [s[:3] for s in sections[:4]] == ["（一）", "（二）", "（三）", "（四）"]
    for s in sections[:4]:
        items = re.findall(r"([一二三四五六七八九十])是", s)
        assert items == list("一二三四五六"[: len(items)]), s
        assert items, s
    assert GeneratedReport.objects.filter(jurisdiction=demo, year=YEAR).count() == 1
    header, rows = doc.appendix[0], doc.appendix[1:]
    assert header == ["序号", "正文表述", "指标", "统计周期", "数值", "查询口径"]
    # The appendix names indicators by label; the audit entry keeps their codes, in body order.
    stored = GeneratedReport.objects.get(jurisdiction=demo, year=YEAR)
    codes = [code for code, _form, _value in history(stored).get().after["figures"]]
    found = list(NUMBER.finditer(doc.summary))
    assert len(found) >= 5
    # The appendix lists every number of the body, in the order the body prints them.
    assert len(found) == len(rows)
    for match, row in zip(found, rows, strict=True):
        assert doc.summary[match.start() :].startswith(row[1]), (match.group(0), row)
    assert len(codes) == len(rows)
    for n, (row, code) in enumerate(zip(rows, codes, strict=True), 1):
        index, text, indicator, period, _value, query = row
        if not code.startswith("stats."):
            assert indicator == str(get_indicator(code).label)
        assert index == str(n)
        assert period.startswith(f"{YEAR}-01-01至{YEAR}-12-31")
        assert query.strip()
        if code.startswith("stats."):  # hand-entered by the demo, with the source people gave
            assert "手工填报，数据来源：区统计局" in query
        now = independent(code, demo.pk, YEAR)
        if text.startswith(("同比", "与上年")):
            before = independent(code, demo.pk, YEAR - 1)
            change, half, unit = printed_change(text)
            rate = get_indicator(code).unit == "%" if not code.startswith("stats.") else False
            expected = now - before if rate else (now - before) * 100 / before
            assert unit in ("", "个百分点" if rate else "%"), (row, unit)  # a rate moves in points
            assert abs(change - expected) <= half, (row, now, before)
        else:
            value, half, unit = printed_value(text)
            assert abs(value - now) <= half, (row, now)
            if unit == "%":
                assert re.fullmatch(r"\d+\.\d%", text), text  # one decimal, always


def test_item_without_backing_records_is_left_out(demo: Jurisdiction, tmp_path: Path) -> None:
    ReportTemplate.objects.create(
        jurisdiction=demo,
        name="test",
        body={
            "title": "{jurisdiction}{year}年工作总结及{next}年工作思路",
            "summary_heading": "一、{year}年工作总结",
            "summary": [
                {
                    "area": "safety",
                    "heading": "平安建设。",
                    "items": [
                        {"title": "虚构指标。", "phrases": ["完成{nosuch.indicator}"]},
                        {"title": "部分缺失。", "phrases": ["受理{events.received}", "另有{nosuch.other}"]},
                    ],
                }
            ],
            "plan_heading": "二、{next}年工作思路",
            "plan": [],
        },
    )
    doc = read_report(_generate(tmp_path), YEAR)
    received = independent("events.received", demo.pk, YEAR)
    assert doc.summary == f"（一）平安建设。一是部分缺失。受理{received}件。"
    # A year before any record: no number at all, no section left empty.
    empty = read_report(_generate(tmp_path, 2010), 2010)
    assert empty.summary == ""
    assert empty.appendix[1:] == []


def test_command_refuses_bad_input(jurisdiction: Jurisdiction, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="年度须在"):
        _generate(tmp_path, 2999)
    with pytest.raises(CommandError, match="没有代码为 nowhere 的街道"):
        _generate(tmp_path, YEAR, "--jurisdiction", "nowhere")
    assert not GeneratedReport.objects.exists()


def test_the_draft_is_chinese_whatever_language_is_active(demo: Jurisdiction, tmp_path: Path) -> None:
    # An English page before (a leader reading in English) leaves English active in the thread:
    # the draft's units and the appendix's labels stay those of a Chinese document.
    with translation.override("en"):
        doc = read_report(_generate(tmp_path), YEAR)
    received = independent("events.received", demo.pk, YEAR)
    assert f"受理各类事件{received}件" in doc.summary
    assert "cases" not in doc.summary
    assert any(row[2] == "受理事件数" for row in doc.appendix[1:])


def test_phrases_read_as_an_office_writes_them(demo: Jurisdiction, tmp_path: Path) -> None:
    doc = read_report(_generate(tmp_path), YEAR)
    body = doc.summary
    assert "现行违章" not in body
    assert re.search(r"拆除违法建筑\d+处", body)
    # A phrase stands on its own when its neighbour has no records (no bare "结顶1个").
    assert re.search(r"引进侨商回归项目\d+个", body)
    assert not re.search(r"[，。]结顶\d", body)
    # Rates: one decimal, compared in 个百分点.
    assert re.search(r"事件按期办结率达\d+\.\d%，(同比(提高|下降)\d+\.\d个百分点|与上年持平)", body), body
    assert re.search(r"群众满意率达\d+\.\d%，(同比(提高|下降)\d+\.\d个百分点|与上年持平)", body), body
    for printed in re.findall(r"\d+(?:\.\d+)?(?:%|个百分点)", body):
        assert re.fullmatch(r"\d+\.\d(%|个百分点)", printed), printed


def test_migration_rewords_the_shared_template_stored_before(db: None) -> None:
    from django.apps import apps

    module = importlib.import_module("jiedao.reports.migrations.0002_default_template_wording")
    stored = ReportTemplate.objects.create(
        jurisdiction=None,
        name="default",
        body={
            "summary": [
                {
                    "area": "safety",
                    "heading": "民生。",
                    "items": [
                        {
                            "title": "甲。",
                            "phrases": ["拆除现行违章{registers.structures_demolished}", "自己的话"],
                        },
                        {"title": "乙。", "phrases": ["群众满意率达{events.satisfaction_rate}"]},
                    ],
                }
            ]
        },
    )
    module.reword(apps, None)
    module.reword(apps, None)  # twice changes nothing more
    items = ReportTemplate.objects.get(pk=stored.pk).body["summary"][0]["items"]
    assert items[0]["phrases"] == ["拆除违法建筑{registers.structures_demolished}", "自己的话"]
    assert items[1]["phrases"] == ["群众满意率达{events.satisfaction_rate}", "{events.satisfaction_rate|yoy}"]
