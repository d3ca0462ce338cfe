"""The draft opens in LibreOffice: converted to PDF, its pages saved as PNG in
test-artifacts/reports/ for a person to look at (Chinese glyphs, the seed's layout)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from jiedao.core.models import Jurisdiction, User
from jiedao.goals.actions import create_manual_indicator
from jiedao.goals.models import TargetKind
from jiedao.goals.targets import confirm_proposal, import_plan

from .conftest import YEAR

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "reports"
# The office fonts the draft names (宋体, 仿宋, 黑体) mapped to the Noto CJK faces installed here.
FONTS = Path(settings.BASE_DIR) / "tests" / "documents" / "fonts.conf"


def _plan(demo: Jurisdiction) -> None:
    admin = User.objects.get(username="admin")
    data = {"code": "stats.land_acquired", "label": "土地征收面积", "unit": "亩", "area": "environment"}
    create_manual_indicator(demo, data, acting_user=admin)
    text = "启动樟里村（一期）签约，实现600亩土地顺利征收，完成全岛垃圾分类智能化改造。"
    for p in import_plan(demo, year=YEAR + 1, text=text, title="", acting_user=admin).proposals.all():
        code = "stats.land_acquired" if p.kind == TargetKind.QUANTITATIVE else ""
        fields = {"kind": p.kind, "subject": p.subject, "quantity": p.quantity, "unit": p.unit}
        confirm_proposal(p, {**fields, "indicator_code": code}, acting_user=admin)


def _run(*args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(list(args), check=True, capture_output=True, text=True, timeout=180, env=env)
    return done.stdout


def test_draft_converts_to_pdf_with_chinese_text(demo: Jurisdiction, tmp_path: Path) -> None:
    _plan(demo)
    source = tmp_path / "report.docx"
    call_command("report", "year", str(YEAR), "--output", str(source))
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS), "HOME": str(tmp_path)}
    profile = f"-env:UserInstallation=file://{tmp_path}/lo-profile"
    _run(
        "soffice",
        profile,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        str(source),
        env=env,
    )
    pdf = tmp_path / "report.pdf"
    info = _run("pdfinfo", str(pdf))
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 2  # the body, then the landscape appendix
    flat = "".join(_run("pdftotext", "-layout", str(pdf), "-").split())
    for words in (
        f"江心岛街道{YEAR}年工作总结及{YEAR + 1}年工作思路",
        f"一、{YEAR}年工作总结",
        "（一）",
        "一是",
        f"二、{YEAR + 1}年工作思路",
        "实现600亩土地顺利征收",
        "报告数字来源表",
        "受理事件数",  # the appendix names its indicators by label, not by code
    ):
        assert words in flat, words
    fonts = _run("pdffonts", str(pdf))
    assert "NotoSerifCJK" in fonts  # 仿宋 / 宋体 drawn with real CJK glyphs
    assert "NotoSansCJK" in fonts  # 黑体 headings

    if ARTIFACTS.exists():
        shutil.rmtree(ARTIFACTS)
    ARTIFACTS.mkdir(parents=True)
    shutil.copy(source, ARTIFACTS / "report.docx")
    shutil.copy(pdf, ARTIFACTS / "report.pdf")
    _run("pdftoppm", "-png", "-r", "70", str(pdf), str(ARTIFACTS / "page"))
    assert len(list(ARTIFACTS.glob("page-*.png"))) == pages
