"""A generated document converts to PDF with LibreOffice and reads as one page of Chinese text;
its first page is saved to test-artifacts/documents-notice.png for a person to look at."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings

from jiedao.cases.models import Case
from jiedao.core.models import User
from jiedao.documents.actions import generate
from jiedao.documents.registry import DocumentType

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


def test_notice_converts_to_a_one_page_pdf_with_chinese_text(
    notice_type: DocumentType, make_event: Callable[..., Case], users: dict[str, User], tmp_path: Path
) -> None:
    case = make_event(
        title="东湖路灯不亮",
        description="东湖社区3幢旁路灯连续一周不亮，夜间行人看不清台阶，存在安全隐患，请尽快维修。",
    )
    issued = generate(case.pk, notice_type.code, acting_user=users["dispatcher"])
    source = tmp_path / "notice.docx"
    source.write_bytes(issued.file.open("rb").read())
    env = {**os.environ, "FONTCONFIG_FILE": str(Path(__file__).parent / "fonts.conf"), "HOME": str(tmp_path)}
    profile = f"-env:UserInstallation=file://{tmp_path}/lo-profile"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
        env=env,
    )
    pdf = tmp_path / "notice.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "Pages:           1" in info
    assert "595.3" in info  # A4 width in points
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
    flat = "".join(text.stdout.split())
    assert "事件处理告知书" in flat
    assert issued.number in flat
    assert "夜间行人看不清台阶" in flat
    assert "（盖章）" in flat
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "NotoSerifCJK" in fonts

    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(tmp_path / "page")], check=True
    )
    shutil.copy(tmp_path / "page.png", ARTIFACTS / "documents-notice.png")
