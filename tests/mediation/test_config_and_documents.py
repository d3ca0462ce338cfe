"""Rooms come from configuration; disputes start from events; the three mediation documents
come out as Word files with the right parties and 文号."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone
from docx import Document

from jiedao.cases import actions as engine
from jiedao.cases.models import Case
from jiedao.core.config import load_config
from jiedao.core.errors import IllegalTransition
from jiedao.core.models import AuditEntry, RoleAssignment
from jiedao.documents.actions import generate
from jiedao.documents.models import IssuedDocument
from jiedao.events.intake import validate_event
from jiedao.mediation.models import DisputeType, Party, Room, SharedCourt
from tests.mediation.conftest import dispute_type, post, valid_id
from tests.web.test_english import _in_english, chinese_left, jurisdiction_data

ROOT = Path(__file__).resolve().parents[2] / "config"


def test_default_rooms_types_and_court_are_loaded(jurisdiction: Any) -> None:
    rooms = list(Room.objects.filter(jurisdiction=jurisdiction).values_list("name", flat=True))
    assert rooms == ["侨调室", "民调室", "工调室", "书记调处室"]
    types = set(DisputeType.objects.filter(jurisdiction=jurisdiction).values_list("name", flat=True))
    assert {
        "婚姻家庭",
        "邻里纠纷",
        "劳资纠纷",
        "物业纠纷",
        "土地拆迁",
        "涉侨纠纷",
        "合同债务",
        "损害赔偿",
    } <= types
    assert SharedCourt.objects.filter(jurisdiction=jurisdiction).count() == 1
    # Loading again changes nothing.
    assert not load_config(jurisdiction, "default").changed


def test_a_broken_mediation_json_is_refused_whole(jurisdiction: Any, tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    for name in ("departments", "platforms", "sla", "tags"):
        (folder / f"{name}.json").write_text((ROOT / "default" / f"{name}.json").read_text("utf-8"), "utf-8")
    bad = {
        "rooms": [{"code": "new", "name": "新调解室"}, {"code": "new", "name": "重复"}],
        "dispute_types": [],
    }
    (folder / "mediation.json").write_text(json.dumps(bad, ensure_ascii=False), "utf-8")
    with override_settings(JIEDAO_CONFIG_DIR=tmp_path), pytest.raises(ValidationError) as err:
        load_config(jurisdiction, "broken")
    text = " ".join(err.value.messages)
    assert "代码重复：new" in text
    assert "dispute_types 必须是非空列表" in text
    assert not Room.objects.filter(jurisdiction=jurisdiction, code="new").exists()


def test_dispute_from_an_event(
    jurisdiction: Any, users: Any, mediators: Any, rooms: Any, client_for: Any, grids: Any
) -> None:
    raw = {"title": "邻居装修噪音", "description": "夜间施工扰民", "grid": grids["G1"].pk}
    raw.update(address="东湖小区", reporter_name="周敏", reporter_phone="13700002222")
    event, _code = engine.create_case(
        validate_event(raw, jurisdiction=jurisdiction, user=users["dispatcher"]),
        acting_user=users["dispatcher"],
    )
    # The command centre turns the event into a dispute for 民调室; a mediator reads no events
    # they are not linked to, so they cannot do it themselves.
    mediator = client_for(mediators["mediator_min"])
    assert mediator.get(f"/mediation/from-event/?event={event.number}").status_code == 403
    refused = post(
        mediator,
        "/api/mediation",
        {"event_number": event.number, "dispute_type": dispute_type(jurisdiction).pk},
    )
    assert refused.status_code == 403
    assert refused.json()["message"] == "您没有从事件转调解的权限。"
    assert mediator.get(f"/events/{event.pk}/").status_code == 404
    client = client_for(users["dispatcher"])
    form = client.get(f"/mediation/from-event/?event={event.number}").content.decode()
    assert f'value="{event.number}"' in form
    response = client.post(
        "/mediation/from-event/",
        {
            "event_number": event.number.lower(),
            "dispute_type": dispute_type(jurisdiction).pk,
            "room": rooms["min"].pk,
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(kind="mediation")
    assert case.title == "邻居装修噪音"
    assert case.grid_id == grids["G1"].pk
    party = Party.objects.get(dispute_id=case.pk)
    assert party.name == "周敏"
    assert party.phone is not None
    assert party.phone.reveal() == "13700002222"
    # The room's mediator reads the dispute, and from it the event it came from.
    page = mediator.get(response["Location"]).content.decode()
    assert event.number in page
    assert "137****2222" in page
    assert "民调室" in page
    assert mediator.get(f"/events/{event.pk}/").status_code == 200
    assert mediator.get(f"/api/events/{event.pk}").status_code == 200
    # The same event cannot become a second dispute; an unknown number is named.
    again = post(
        client,
        "/api/mediation",
        {"event_number": event.number, "dispute_type": dispute_type(jurisdiction).pk},
    )
    assert again.status_code == 400
    assert again.json()["message"] == f"事件 {event.number} 已转为调解案件 {case.number}。"
    missing = post(
        client,
        "/api/mediation",
        {"event_number": "JX000", "dispute_type": dispute_type(jurisdiction).pk},
    )
    assert missing.json()["message"] == "找不到编号为 JX000 的事件，或您无权查看。"
    assert Case.objects.filter(kind="mediation").count() == 1


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    return "\n".join(p.text for p in doc.paragraphs)


def test_documents_carry_parties_and_numbers(
    users: Any, mediators: Any, rooms: Any, client_for: Any, walk_in: Any, api: Any
) -> None:
    dispatcher = client_for(users["dispatcher"])
    case_id = walk_in(dispatcher)["id"]
    api(dispatcher, case_id, "assign", room=rooms["min"].pk, mediator=mediators["mediator_min"].pk)
    mediator = client_for(mediators["mediator_min"])
    today = timezone.localdate().isoformat()
    api(
        mediator,
        case_id,
        "record_session",
        held_on=today,
        attendees="陈晓明、林国华",
        record="第一次调解。\n双方同意维修。",
    )
    # Before the agreement the agreement document is not offered.
    before = mediator.get(f"/mediation/{case_id}/").content.decode()
    assert "生成调解笔录" in before
    assert "生成调解协议书" not in before
    with pytest.raises(IllegalTransition):
        generate(case_id, "mediation.agreement", acting_user=mediators["mediator_min"])
    api(mediator, case_id, "agree", terms="林国华赔偿陈晓明人民币3000元。", effective_on=today)
    year = timezone.localdate().year
    texts = {}
    for code in ("application", "record", "agreement"):
        response = mediator.post(f"/documents/cases/{case_id}/generate/mediation.{code}/")
        assert response.status_code == 302
    page = mediator.get(f"/mediation/{case_id}/").content.decode()
    for code, label, prefix in (
        ("application", "调解申请书", "调申"),
        ("record", "调解笔录", "调笔"),
        ("agreement", "调解协议书", "调协"),
    ):
        assert label in page
        doc = IssuedDocument.objects.get(case_id=case_id, code=f"mediation.{code}")
        assert doc.number == f"测试{prefix}〔{year}〕1号"
        content = b"".join(mediator.get(f"/documents/{doc.pk}/download/").streaming_content)  # type: ignore[attr-defined]
        texts[code] = _docx_text(content)
        assert doc.number in texts[code]
    agreement = texts["agreement"]
    assert "人民调解协议书" in agreement
    assert "申请人：陈晓明" in agreement
    assert "被申请人：林国华" in agreement
    assert "林国华赔偿陈晓明人民币3000元。" in agreement
    assert "30日内共同向人民法院申请司法确认" in agreement
    assert "13805771234" not in agreement
    assert "138****1234" in agreement
    # Without the reveal permission: masked numbers, nothing revealed, nothing audited as such.
    assert not IssuedDocument.objects.filter(case_id=case_id, revealed=True).exists()
    assert not AuditEntry.objects.filter(action="reveal").exists()
    assert "第1次调解" in texts["record"]
    assert "双方同意维修。" in texts["record"]
    assert "请求502室修复防水并赔偿装修损失。" in texts["application"]


@pytest.fixture
def revealers_case(
    users: Any, mediators: Any, rooms: Any, client_for: Any, walk_in: Any, api: Any
) -> tuple[int, Any, Any]:
    """An agreed case of 民调室 whose mediator holds the reveal permission: (id, mediator, client)."""
    mediator_user = mediators["mediator_min"]
    RoleAssignment.objects.filter(user=mediator_user).update(can_reveal_pii=True)
    dispatcher = client_for(users["dispatcher"])
    case_id = walk_in(dispatcher)["id"]
    api(dispatcher, case_id, "assign", room=rooms["min"].pk, mediator=mediator_user.pk)
    mediator = client_for(mediator_user)
    today = timezone.localdate().isoformat()
    api(mediator, case_id, "record_session", held_on=today, attendees="陈晓明、林国华", record="调解。")
    api(mediator, case_id, "agree", terms="林国华赔偿陈晓明人民币3000元。", effective_on=today)
    return case_id, mediator_user, mediator


def _download(client: Any, doc: IssuedDocument) -> Any:
    return client.get(f"/documents/{doc.pk}/download/")


def test_documents_to_sign_carry_full_numbers_for_a_user_who_may_reveal_them(
    users: Any, client_for: Any, revealers_case: tuple[int, Any, Any]
) -> None:
    case_id, revealer, mediator = revealers_case
    for code in ("application", "agreement"):
        assert mediator.post(f"/documents/cases/{case_id}/generate/mediation.{code}/").status_code == 302
    agreement = IssuedDocument.objects.get(case_id=case_id, code="mediation.agreement")
    assert agreement.revealed
    # The stored snapshot stays masked; the Word file has the numbers a court needs.
    assert "13805771234" not in json.dumps(agreement.context, ensure_ascii=False)
    text = _docx_text(b"".join(_download(mediator, agreement).streaming_content))
    applicant_id = valid_id("33030219900101123")
    assert f"申请人：陈晓明，身份证号码：{applicant_id}，联系电话：13805771234，住址：" in text
    assert "被申请人：林国华，联系电话：13905775678，住址：江心岛东湖小区4幢502室。" in text
    assert "****" not in text
    # One reveal entry per value printed in full, on the party, naming the document.
    applicant = Party.objects.get(dispute_id=case_id, role="applicant")
    respondent = Party.objects.get(dispute_id=case_id, role="respondent")
    reveals = AuditEntry.objects.filter(action="reveal", object_type="mediation.party", user=revealer)
    rows = {(r.object_id, r.after["field"], r.after["document"]) for r in reveals}
    application = IssuedDocument.objects.get(case_id=case_id, code="mediation.application")
    assert rows == {
        (str(party.pk), field, doc.number)
        for doc in (application, agreement)
        for party, field in ((applicant, "id_number"), (applicant, "phone"), (respondent, "phone"))
    }
    assert all(r.jurisdiction_id == agreement.jurisdiction_id for r in reveals)
    # Downloading it again is audited; someone without the permission cannot download it at all.
    downloads = AuditEntry.objects.filter(action="reveal", object_type="documents.issueddocument")
    assert downloads.filter(user=revealer, object_id=str(agreement.pk)).count() == 1
    dispatcher = client_for(users["dispatcher"])
    assert _download(dispatcher, agreement).status_code == 403
    api_refused = dispatcher.get(f"/api/documents/{agreement.pk}/download")
    assert api_refused.status_code == 403
    assert "您没有查看完整个人信息的权限" in api_refused.json()["message"]
    assert downloads.count() == 1
    page = dispatcher.get(f"/mediation/{case_id}/").content.decode()
    assert "含完整个人信息" in page
    assert f"/documents/{agreement.pk}/download/" not in page


def test_a_notice_not_for_signature_stays_masked_even_for_a_revealer(
    users: Any, client_for: Any, revealers_case: tuple[int, Any, Any]
) -> None:
    case_id, _revealer, mediator = revealers_case
    assert mediator.post(f"/documents/cases/{case_id}/generate/mediation.record/").status_code == 302
    record = IssuedDocument.objects.get(case_id=case_id, code="mediation.record")
    assert not record.revealed
    assert not AuditEntry.objects.filter(action="reveal").exists()
    assert _download(client_for(users["dispatcher"]), record).status_code == 200


def test_room_membership_command(jurisdiction: Any, users: Any, mediators: Any, rooms: Any) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    from jiedao.core.audit import AuditEntry
    from jiedao.mediation.models import RoomMember

    out = StringIO()
    call_command(
        "mediation_rooms", "--jurisdiction", "test-jd", "--add", "mediator_gong", "--room", "qiao", stdout=out
    )
    assert RoomMember.objects.filter(room=rooms["qiao"], user=mediators["mediator_gong"]).exists()
    assert "侨调室\t刘调解（mediator_gong）" in out.getvalue()
    assert AuditEntry.objects.filter(object_type="mediation.roommember", action="create").exists()
    with pytest.raises(CommandError, match="只有本街道的调解员才能加入调解室。"):
        call_command("mediation_rooms", "--jurisdiction", "test-jd", "--add", "handler", "--room", "qiao")
    call_command(
        "mediation_rooms",
        "--jurisdiction",
        "test-jd",
        "--remove",
        "mediator_gong",
        "--room",
        "qiao",
        stdout=out,
    )
    assert not RoomMember.objects.filter(room=rooms["qiao"], user=mediators["mediator_gong"]).exists()


def test_the_case_page_with_its_documents_reads_in_english(
    jurisdiction: Any, revealers_case: tuple[int, Any, Any]
) -> None:
    case_id, _revealer, mediator = revealers_case
    _in_english(mediator, "/")
    response = mediator.post(
        f"/documents/cases/{case_id}/generate/mediation.agreement/", HTTP_HX_REQUEST="true"
    )
    assert "Issued Mediation agreement" in response.content.decode()
    # The record keeps the documents' language, whoever issued it; pages show the reader's.
    issued = IssuedDocument.objects.get(case_id=case_id, code="mediation.agreement")
    assert issued.label == "调解协议书"
    assert issued.filename.startswith("调解协议书（")
    page = _in_english(mediator, f"/mediation/{case_id}/")
    assert ">Mediation agreement</a>" in page
    assert chinese_left(page, jurisdiction_data(jurisdiction)) == []
