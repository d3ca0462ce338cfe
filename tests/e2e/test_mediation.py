"""A walk-in dispute in a real browser: registration → room assignment → two sessions →
agreement → the 调解协议书 downloads and opens (python-docx, and a PDF made by LibreOffice) with
the right parties and 文号 → 司法确认 applied for and ruled on, each step as the right user."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import Page

from jiedao.cases.models import Case
from jiedao.documents.models import IssuedDocument
from jiedao.mediation.models import Dispute
from tests.e2e.test_event_flow import Shots, act, as_user  # noqa: F401  (as_user is a fixture)
from tests.mediation.conftest import mediators, rooms  # noqa: F401  (fixtures)

pytestmark = pytest.mark.e2e

FONTS = Path(__file__).resolve().parents[1] / "documents" / "fonts.conf"
TERMS = "一、林国华于十五日内修复卫生间防水；\n二、林国华赔偿陈晓明装修损失人民币3000元。"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _state(page: Page) -> str:
    return page.locator("h1 ~ .badge").first.inner_text()  # the state badge beside the title


def _pdf(docx: Path, out: Path) -> Path:
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS), "HOME": str(out)}
    profile = f"-env:UserInstallation=file://{out}/lo-profile"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
        env=env,
    )
    return out / f"{docx.stem}.pdf"


def test_walk_in_dispute_to_judicial_confirmation(
    users: Any,
    rooms: Any,  # noqa: F811
    mediators: Any,  # noqa: F811
    live_server: Any,
    as_user: Any,  # noqa: F811
    screenshot_dir: Path,
    tmp_path: Path,
) -> None:
    shot = Shots(screenshot_dir, "test_walk_in_dispute_to_judicial_confirmation")
    base = live_server.url
    today = timezone.localdate().isoformat()

    # 调解登记 by the command centre: a walk-in application with both parties.
    desk = as_user("dispatcher")
    desk.goto(f"{base}/mediation/new/")
    desk.select_option("#id_dispute_type", label="邻里纠纷")
    desk.fill("#id_title", "楼上漏水纠纷")
    desk.fill("#id_description", "502室卫生间漏水渗到402室天花板，双方就维修和赔偿协商不成。")
    desk.fill("#id_request", "请求502室修复防水并赔偿装修损失。")
    desk.fill("#id_applicant_name", "陈晓明")
    desk.fill("#id_applicant_id_number", "330302199001011235")
    desk.fill("#id_applicant_phone", "13805771234")
    desk.fill("#id_applicant_address", "东湖小区4幢402室")
    desk.fill("#id_respondent_name", "林国华")
    desk.fill("#id_respondent_phone", "13905775678")
    shot(desk, "01-walk-in-form")
    desk.click("form.jd-mediation-form button[type=submit]")
    desk.wait_for_url(f"{base}/mediation/*/")
    case = Case.objects.get(kind="mediation")
    assert _state(desk) == "待分派"
    parties = desk.inner_text(".jd-parties")
    assert "138****1234" in parties
    assert "13805771234" not in desk.content()

    # Room assignment.
    act(
        desk,
        "assign",
        {
            "select[name=room]": str(rooms["min"].pk),
            "select[name=mediator]": str(mediators["mediator_min"].pk),
        },
    )
    assert _state(desk) == "调解中"
    assert "民调室" in desk.inner_text("#room")
    shot(desk, "02-assigned")

    # Two sessions and the agreement, by the room's mediator.
    mediator = as_user("mediator_min")
    mediator.goto(f"{base}/mediation/{case.pk}/")
    sessions = [
        ("陈晓明、林国华、调解员王调解", "双方陈述各自意见，分歧在赔偿金额。"),
        ("陈晓明、林国华、物业代表、调解员王调解", "现场查看漏水点，林国华同意维修并赔偿。"),
    ]
    for attendees, record in sessions:
        act(
            mediator,
            "record_session",
            {
                "input[name=held_on]": today,
                "input[name=attendees]": attendees,
                "textarea[name=record]": record,
            },
        )
    assert mediator.locator(".jd-session").count() == 2
    act(
        mediator,
        "agree",
        {
            "textarea[name=terms]": TERMS,
            "input[name=effective_on]": today,
        },
    )
    assert _state(mediator) == "调解成功"
    shot(mediator, "03-agreed")

    # The 调解协议书: generated, downloaded, opened.
    mediator.click("text=生成调解协议书")
    link = mediator.locator(f"#case-documents-{case.pk} a[download]", has_text="调解协议书")
    link.wait_for()
    with mediator.expect_download() as info:
        link.click()
    saved = tmp_path / "agreement.docx"
    info.value.save_as(saved)
    issued = IssuedDocument.objects.get(case=case, code="mediation.agreement")
    year = timezone.localdate().year
    assert issued.number == f"测试调协〔{year}〕1号"
    text = "\n".join(p.text for p in Document(io.BytesIO(saved.read_bytes())).paragraphs)
    for expected in (
        "人民调解协议书",
        issued.number,
        "申请人：陈晓明",
        "被申请人：林国华",
        "人民币3000元",
        "王调解",
    ):
        assert expected in text, expected
    assert "13805771234" not in text
    pdf = _pdf(saved, tmp_path)
    flat = "".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    assert issued.number in flat
    assert "被申请人：林国华" in flat
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-singlefile", str(pdf), str(tmp_path / "page")], check=True
    )
    shutil.copy(tmp_path / "page.png", ARTIFACTS / "mediation-agreement.png")

    # 司法确认: applied for within the window, then the court's ruling.
    act(
        mediator,
        "apply_confirmation",
        {"input[name=applied_on]": today, "input[name=confirmation_court]": "鹿城区人民法院"},
    )
    assert _state(mediator) == "司法确认中"
    act(
        mediator,
        "confirmation_granted",
        {"input[name=ruling_on]": today, "input[name=ruling_reference]": "（2026）浙0302民特1号"},
    )
    assert _state(mediator) == "已司法确认"
    confirmation = mediator.inner_text("#confirmation")
    assert "鹿城区人民法院" in confirmation
    assert "确认有效" in confirmation
    shot(mediator, "04-confirmed")
    dispute = Dispute.objects.get(pk=case.pk)
    assert dispute.ruling == "confirmed"
    assert dispute.confirmation_applied_on == timezone.localdate()

    # The room workload counts it for 民调室 and links to it.
    leader = as_user("leader")
    leader.goto(f"{base}/mediation/workload/")
    cell = leader.locator(f'tr[data-room="{rooms["min"].pk}"] td[data-col="succeeded"] a')
    assert cell.inner_text() == "1"
    assert leader.inner_text(f'tr[data-room="{rooms["min"].pk}"] td[data-col="success_rate"]') == "100.0%"
    shot(leader, "05-workload")
    cell.click()
    leader.wait_for_load_state("domcontentloaded")
    assert leader.locator(".jd-mediation-table tbody tr").count() == 1

    # A mediator of another room does not find the case.
    other = as_user("mediator_gong")
    response = other.goto(f"{base}/mediation/{case.pk}/")
    assert response is not None
    assert response.status == 404
