"""Petition pages through HTTP as named users: intake with repeat suggestions, detail and actions,
lists with filters, scope, pinned query counts, and the written notices."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import docx
import pytest
from django.utils import timezone

from jiedao.cases.models import Action, Case
from jiedao.petitions.models import Petition, Petitioner
from tests.petitions.helpers import ID_A, PHONE_A, department, register, to_reply

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def _form(**over: str) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "小区物业乱收停车费",
        "content": "东湖社区某小区物业公司擅自上调停车费，业主多次反映未果。",
        "channel": "visit",
        "petition_type": "claim",
        "content_category": "urban.property",
        "person_count": "1",
        "petitioner_name": ["陈信访", ""],
        "petitioner_id_number": [ID_A, ""],
        "petitioner_phone": [PHONE_A, ""],
        "petitioner_address": ["东湖社区1幢", ""],
    }
    data.update(over)
    return data


def test_intake_registers_with_encrypted_identity_and_acceptance_deadline(users, client_for):
    c = client_for(users["dispatcher"])
    r = c.post("/petitions/new/", _form())
    assert r.status_code == 302
    case = Case.objects.get(kind="petition")
    person = Petitioner.objects.get(petition_id=case.pk)
    assert person.id_number.reveal() == ID_A
    assert person.id_number_bidx
    page = c.get(r["Location"]).content.decode()
    assert ID_A not in page
    assert PHONE_A not in page
    assert "待受理" in page
    assert case.number in page
    assert case.due_at is not None


def test_bad_intake_is_refused_and_writes_nothing(users, client_for):
    c = client_for(users["dispatcher"])
    r = c.post("/petitions/new/", _form(petitioner_id_number=["110101199003074515", ""]))
    assert r.status_code == 400
    assert "身份证" in r.content.decode()
    r = c.post("/petitions/new/", _form(channel="pigeon"))
    assert r.status_code == 400
    assert "信访形式" in r.content.decode()
    assert not Case.objects.filter(kind="petition").exists()
    assert not Action.objects.exists()


def test_repeat_is_suggested_before_saving_and_linked(users, jurisdiction, client_for):
    first = register(users, jurisdiction, timezone.now() - timedelta(days=30))
    c = client_for(users["dispatcher"])
    again = _form(
        title="物业停车费问题再次反映",
        content="小区物业公司上调停车费的问题一直没有解决。",
        petitioner_id_number=["", ""],
    )
    hint = c.post("/petitions/new/suggest/", again).content.decode()
    assert first.number in hint
    assert "同一信访人" in hint
    assert "将关联为重复信访" in hint
    c.post("/petitions/new/", again)
    second = Case.objects.filter(kind="petition").exclude(pk=first.pk).get()
    assert second.petition.repeat_of_id == first.pk
    page = c.get(f"/petitions/{first.pk}/").content.decode()
    assert second.number in page  # the first petition counts and links its repeats


def test_action_forms_and_refused_extension(users, jurisdiction, client_for):
    case = register(users, jurisdiction, timezone.now())
    d = client_for(users["dispatcher"])
    page = d.get(f"/petitions/{case.pk}/").content.decode()
    assert 'data-action="accept"' in page
    assert 'data-action="reject"' in page
    assert d.post(f"/petitions/{case.pk}/act/", {"action": "accept"}).status_code == 302
    dep = department(users)
    d.post(f"/petitions/{case.pk}/act/", {"action": "assign", "department": dep.pk})
    h = client_for(users["handler"])
    before = Action.objects.filter(case=case).count()
    r = h.post(
        f"/petitions/{case.pk}/act/", {"action": "request_extension", "extension_days": "45", "note": "复杂"}
    )
    assert r.status_code == 400
    assert "延期不得超过30日" in r.content.decode()
    assert Action.objects.filter(case=case).count() == before
    assert Case.objects.get(pk=case.pk).pending_extension_days is None


def test_handler_sees_only_their_departments_petitions(users, jurisdiction, client_for, other_dispatcher):
    mine = register(users, jurisdiction, timezone.now())
    other = register(users, jurisdiction, timezone.now(), title="另一件", repeat_of="none")
    for case, key in ((mine, "handler"), (other, "handler_b")):
        Case.objects.filter(pk=case.pk).update(department=department(users, key))
    h = client_for(users["handler"])
    assert h.get(f"/petitions/{mine.pk}/").status_code == 200
    assert h.get(f"/petitions/{other.pk}/").status_code == 404
    assert h.post(f"/petitions/{other.pk}/act/", {"action": "reply", "result": "x"}).status_code == 404
    listing = h.get("/petitions/").content.decode()
    assert mine.number in listing
    assert other.number not in listing
    assert client_for(other_dispatcher).get(f"/petitions/{mine.pk}/").status_code == 404
    assert client_for(users["grid_worker"]).get("/petitions/").status_code == 403


def test_list_filters_search_and_pinned_queries(
    users, jurisdiction, client_for, django_assert_max_num_queries
):
    now = timezone.now()
    for i in range(25):
        register(
            users,
            jurisdiction,
            now - timedelta(hours=i),
            title=f"第{i}件",
            repeat_of="none",
            person_count=6 if i % 5 == 0 else 1,
            petitioners=[{"name": f"信访人{i}"}],
        )
    c = client_for(users["dispatcher"])
    with django_assert_max_num_queries(12):
        r = c.get("/petitions/?page=2")
    assert r.status_code == 200
    assert 'data-count="25"' in r.content.decode()
    collective = c.get("/petitions/?flag=collective").content.decode()
    assert 'data-count="5"' in collective
    assert 'data-count="1"' in c.get("/petitions/?q=信访人7").content.decode()
    with_id = register(users, jurisdiction, now, repeat_of="none")
    found = c.get(f"/petitions/?q={ID_A}").content.decode()
    assert with_id.number in found
    assert 'data-count="1"' in found
    with django_assert_max_num_queries(8):
        assert c.get("/api/petitions?page_size=50").status_code == 200


def test_overdue_list_shows_only_red_open_petitions(users, jurisdiction, client_for):
    late = register(
        users, jurisdiction, timezone.now() - timedelta(days=20), title="超期件", repeat_of="none"
    )
    fresh = register(users, jurisdiction, timezone.now(), title="新件", repeat_of="none")
    from jiedao.cases.sweep import refresh_time_status

    refresh_time_status()
    page = client_for(users["leader"]).get("/petitions/overdue/").content.decode()
    assert late.number in page
    assert fresh.number not in page


def test_notices_download_with_the_right_facts(users, jurisdiction, client_for):
    t0 = datetime(2025, 4, 1, 9, 0, tzinfo=TZ)
    case = register(users, jurisdiction, t0)
    to_reply(users, case, t0, t0 + timedelta(days=10))
    c = client_for(users["dispatcher"])
    page = c.get(f"/petitions/{case.pk}/").content.decode()
    assert "petitions.acceptance_notice" in page
    assert "petitions.reply" in page
    r = c.post(f"/documents/cases/{case.pk}/generate/petitions.reply/")
    assert r.status_code in (200, 302)
    from jiedao.documents.models import IssuedDocument

    doc = IssuedDocument.objects.get(case=case)
    body = c.get(f"/documents/{doc.pk}/download/")
    data = b"".join(body.streaming_content)  # type: ignore[attr-defined]
    text = "\n".join(p.text for p in docx.Document(BytesIO(data)).paragraphs)
    assert "信访事项答复意见书" in text
    assert "陈信访" in text
    assert "2025年4月1日" in text
    assert "30日内" in text
    assert "复查" in text
    assert Petition.objects.get(pk=case.pk).replied_at is not None
