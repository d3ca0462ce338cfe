"""Bad input is refused with a clear, translated message and writes nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from jiedao.cases import actions as engine
from jiedao.cases.models import Action, Case
from jiedao.core.audit import AuditEntry
from jiedao.mediation.models import Dispute, Party, Session
from tests.mediation.conftest import post


def _today() -> str:
    return timezone.localdate().isoformat()


def _snapshot(case_id: int) -> tuple[Any, ...]:
    case = Case.objects.get(pk=case_id)
    dispute = Dispute.objects.get(pk=case_id)
    return (
        case.state,
        case.version,
        case.due_at,
        Action.objects.filter(case_id=case_id).count(),
        AuditEntry.objects.count(),
        dispute.outcome,
        dispute.confirmation_applied_on,
        Party.objects.filter(dispute_id=case_id).count(),
        Session.objects.filter(dispute_id=case_id).count(),
    )


def _mediating(client: Any, walk_in: Any, api: Any, rooms: Any, mediators: Any, **overrides: Any) -> int:
    case_id: int = walk_in(client, **overrides)["id"]
    api(client, case_id, "assign", room=rooms["min"].pk, mediator=mediators["mediator_min"].pk)
    return case_id


def test_walk_in_without_applicant_or_with_bad_id_writes_nothing(
    users: Any, mediators: Any, client_for: Any, walk_in: Any
) -> None:
    client = client_for(users["dispatcher"])
    refused = walk_in(client, expect=400, applicant_name="")
    assert refused["message"] == "请填写申请人姓名或名称。"
    refused = walk_in(client, expect=400, applicant_id_number="330302199001011230")
    assert refused["field"] == "applicant_id_number"
    assert "身份证" in refused["message"]
    refused = walk_in(client, expect=400, respondent_phone="12345")
    assert refused["message"].startswith("电话号码格式不正确")
    refused = walk_in(client, expect=400, dispute_type=999999)
    assert refused["message"] == "请选择纠纷类型。"
    assert not Case.objects.filter(kind="mediation").exists()
    assert not Party.objects.exists()
    # The page says the same and keeps what was typed.
    page = client.post("/mediation/new/", {"title": "噪音", "applicant_name": "张三"})
    assert page.status_code == 400
    html = page.content.decode()
    assert "请填写纠纷事实。" in html
    assert 'value="噪音"' in html


def test_agreement_without_parties_is_refused(
    users: Any, mediators: Any, rooms: Any, client_for: Any, walk_in: Any, api: Any
) -> None:
    client = client_for(users["dispatcher"])
    case_id = _mediating(
        client, walk_in, api, rooms, mediators, respondent_name="", respondent_phone="", respondent_address=""
    )
    mediator = client_for(mediators["mediator_min"])
    api(mediator, case_id, "record_session", held_on=_today(), attendees="陈晓明", record="申请人陈述。")
    before = _snapshot(case_id)
    refused = api(mediator, case_id, "agree", expect=400, terms="赔偿3000元", effective_on=_today())
    assert refused["message"] == "调解协议须载明双方当事人：请先添加申请人和被申请人。"
    assert refused["code"] == "no_parties"
    assert _snapshot(case_id) == before
    # The page shows the same message in the user's language.
    page = mediator.post(
        f"/mediation/{case_id}/act/", {"action": "agree", "terms": "赔偿3000元", "effective_on": _today()}
    )
    assert page.status_code == 400
    assert "调解协议须载明双方当事人" in page.content.decode()
    assert _snapshot(case_id) == before
    # Once the respondent is added the agreement goes through.
    api(mediator, case_id, "add_party", party_role="respondent", party_name="林国华")
    assert api(mediator, case_id, "agree", terms="赔偿3000元", effective_on=_today())["state"] == "agreed"


def test_judicial_confirmation_after_the_window_is_refused(
    users: Any, mediators: Any, rooms: Any, client_for: Any, walk_in: Any, api: Any
) -> None:
    client = client_for(users["dispatcher"])
    case_id = _mediating(client, walk_in, api, rooms, mediators)
    mediator = client_for(mediators["mediator_min"])
    api(mediator, case_id, "record_session", held_on=_today(), attendees="双方", record="调解。")
    # An agreement that took effect 31 days ago (registered then; created_at moved back for the test).
    long_ago = timezone.localdate() - timedelta(days=40)
    Case.objects.filter(pk=case_id).update(created_at=timezone.now() - timedelta(days=40))
    effective = (long_ago + timedelta(days=9)).isoformat()  # 31 days before today
    api(mediator, case_id, "agree", terms="赔偿3000元", effective_on=effective)
    before = _snapshot(case_id)
    refused = api(
        mediator,
        case_id,
        "apply_confirmation",
        expect=400,
        applied_on=_today(),
        confirmation_court="鹿城法院",
    )
    last_day = (long_ago + timedelta(days=39)).isoformat()
    assert (
        refused["message"] == f"司法确认须自调解协议生效之日起30日内申请（截止 {last_day}），已超过申请期限。"
    )
    assert refused["field"] == "applied_on"
    assert _snapshot(case_id) == before
    # On the last day of the window it is accepted.
    ok = api(mediator, case_id, "apply_confirmation", applied_on=last_day, confirmation_court="鹿城法院")
    assert ok["state"] == "confirming"


def test_other_refusals(
    users: Any, mediators: Any, rooms: Any, client_for: Any, walk_in: Any, api: Any
) -> None:
    client = client_for(users["dispatcher"])
    case_id = walk_in(client)["id"]
    before = _snapshot(case_id)
    # A mediator of another room cannot be assigned to 民调室.
    refused = api(
        client, case_id, "assign", expect=400, room=rooms["min"].pk, mediator=mediators["mediator_gong"].pk
    )
    assert refused["message"] == "请选择民调室的调解员（须为该调解室成员）。"
    # Sessions only while mediating (409, the engine's table).
    refused = api(client, case_id, "record_session", expect=409, held_on=_today(), attendees="x", record="y")
    assert refused["message"] == "当前状态“待分派”下不能执行“记录调解”。"
    assert _snapshot(case_id) == before
    api(client, case_id, "assign", room=rooms["min"].pk, mediator=mediators["mediator_min"].pk)
    mediator = client_for(mediators["mediator_min"])
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    before = _snapshot(case_id)
    refused = api(
        mediator, case_id, "record_session", expect=400, held_on=tomorrow, attendees="x", record="y"
    )
    assert refused["message"] == "调解日期不能晚于今天。"
    # The action's body is typed from its declared inputs: a malformed date fails the schema.
    refused = api(
        mediator, case_id, "record_session", expect=422, held_on="2026/3/1", attendees="x", record="y"
    )
    assert "格式不正确" in refused["message"]
    assert refused["errors"][0]["field"] == "body.held_on"
    refused = api(mediator, case_id, "agree", expect=400, terms="赔偿", effective_on=_today())
    assert refused["message"] == "请先记录至少一次调解，再登记调解协议。"
    refused = api(mediator, case_id, "refer_court", expect=400, court=999999, note="双方分歧大")
    assert refused["message"] == "请选择共享法庭。"
    # A dispatcher may assign but not mediate.
    refused = api(client, case_id, "agree", expect=403, terms="赔偿", effective_on=_today())
    assert refused["code"] == "forbidden"
    assert _snapshot(case_id) == before
    # A stale version is refused too.
    response = post(mediator, f"/api/mediation/{case_id}/withdraw", {"note": "撤回", "version": 1})
    assert response.status_code == 409
    assert _snapshot(case_id) == before
    engine.perform(case_id, "withdraw", acting_user=mediators["mediator_min"], note="申请人撤回")
