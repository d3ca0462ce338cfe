"""A walk-in dispute through the whole mediation flow as the named users, over the API and pages:
registration, room assignment, sessions, agreement, fulfilment, 司法确认 and archiving."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from jiedao.cases.models import Action, Case, TimeStatus
from jiedao.cases.rules import rule_deadline
from jiedao.mediation.models import Dispute, Party


def _today() -> str:
    return timezone.localdate().isoformat()


def test_walk_in_to_confirmed_agreement(
    users: Any, mediators: Any, rooms: Any, client_for: Any, walk_in: Any, api: Any
) -> None:
    dispatcher = client_for(users["dispatcher"])
    created = walk_in(dispatcher)
    case_id = created["id"]
    assert created["state"] == "registered"
    assert created["number"].startswith("TJ")
    # PII masked in the API; names in full.
    detail = dispatcher.get(f"/api/mediation/{case_id}").json()
    assert detail["extension"]["dispute_type"] == "邻里纠纷"
    applicant = detail["extension"]["parties"][0]
    assert applicant["name"] == "陈晓明"
    assert applicant["phone"] == "138****1234"
    assert "*" in applicant["id_number"]
    case = Case.objects.get(pk=case_id)
    norm = rule_deadline("national-2022", "mediation.norm", case.created_at)
    assert case.resolve_due == norm.at
    assert case.due_at == norm.at
    assert case.time_status == TimeStatus.GREEN

    assigned = api(dispatcher, case_id, "assign", room=rooms["min"].pk, mediator=mediators["mediator_min"].pk)
    assert assigned["state"] == "mediating"
    assert assigned["extension"]["room"] == "民调室"

    mediator = client_for(mediators["mediator_min"])
    for n, text in enumerate(
        ["双方陈述各自意见，分歧在赔偿金额。", "现场查看漏水点，双方同意由502室维修。"], 1
    ):
        detail = api(
            mediator,
            case_id,
            "record_session",
            held_on=_today(),
            attendees="陈晓明、林国华、调解员王调解",
            record=text,
        )
        assert len(detail["extension"]["sessions"]) == n
    agreed = api(
        mediator,
        case_id,
        "agree",
        terms="一、林国华于2026年12月10日前修复卫生间防水；\n二、林国华赔偿陈晓明装修损失人民币3000元。",
        effective_on=_today(),
    )
    assert agreed["state"] == "agreed"
    dispute = Dispute.objects.get(pk=case_id)
    start = timezone.make_aware(timezone.datetime.combine(timezone.localdate(), timezone.datetime.min.time()))
    assert (
        dispute.confirmation_due
        == rule_deadline("national-2022", "mediation.judicial_confirmation", start).at
    )
    assert timezone.localdate(dispute.confirmation_due) == timezone.localdate() + timedelta(days=30)
    case.refresh_from_db()
    assert case.due_at == dispute.confirmation_due
    assert case.resolved_at is not None

    api(mediator, case_id, "record_fulfilment", fulfilment="fulfilling")
    confirming = api(
        mediator, case_id, "apply_confirmation", applied_on=_today(), confirmation_court="鹿城区人民法院"
    )
    assert confirming["state"] == "confirming"
    case.refresh_from_db()
    assert case.due_at is None
    done = api(
        mediator, case_id, "confirmation_granted", ruling_on=_today(), ruling_reference="(2026)浙0302民特1号"
    )
    assert done["state"] == "confirmed"
    assert done["extension"]["ruling"] == "confirmed"
    api(mediator, case_id, "record_fulfilment", fulfilment="fulfilled")
    archived = api(mediator, case_id, "archive")
    assert archived["state"] == "archived"
    verbs = list(Action.objects.filter(case_id=case_id).values_list("verb", flat=True))
    assert verbs[:5] == ["report", "assign", "record_session", "record_session", "agree"]

    # The detail page shows the masked parties, the sessions and the agreement.
    page = client_for(users["leader"]).get(f"/mediation/{case_id}/")
    html = page.content.decode()
    assert page.status_code == 200
    for shown in ("陈晓明", "138****1234", "第2次调解", "已司法确认"):
        assert shown in html
    assert "13805771234" not in html
    assert Party.objects.filter(dispute_id=case_id).count() == 2


def test_walk_in_through_the_page_assigns_the_mediators_room(
    jurisdiction: Any, mediators: Any, client_for: Any
) -> None:
    from tests.mediation.conftest import dispute_type

    client = client_for(mediators["mediator_gong"])
    response = client.post(
        "/mediation/new/",
        {
            "title": "拖欠工资",
            "dispute_type": dispute_type(jurisdiction, "labour").pk,
            "description": "某装修队拖欠工人三个月工资。",
            "request": "支付拖欠工资",
            "applicant_name": "赵大力",
            "applicant_phone": "13600001111",
            "respondent_name": "某装修队",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(kind="mediation")
    assert response["Location"] == f"/mediation/{case.pk}/"
    assert Dispute.objects.get(pk=case.pk).room.code == "gong"  # type: ignore[union-attr]
    page = client.get(response["Location"])
    assert "工调室" in page.content.decode()
