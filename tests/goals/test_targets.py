"""Plan → proposals → targets, and each target's progress against the expected-by-now line."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from jiedao.core.indicators import Period
from jiedao.core.models import AuditEntry, Jurisdiction, User
from jiedao.goals.models import Plan, Proposal, Target
from jiedao.goals.progress import elapsed_percent, progress_of
from jiedao.goals.values import value_of
from tests.goals.conftest import History, new_event

Clients = Callable[[User], Client]
PLAN_2023 = """二、2023年工作思路
（一）强化核心要素驱动，做强*产业底盘。一是加强空间保障。启动樟里村（一期）签约，完成老涂村旧村拆改项目清零，实现600亩土地顺利征收。
（二）全域提升城市品质。二是推进岛西品质蝶变。完成全岛垃圾分类智能化改造，全域创成省级高标准示范片区。
（三）激发基层治理活力。三是防范化解各类风险。实现辖区安全隐患数持续下降。"""


def _plan(client: Client, text: str = PLAN_2023, year: int = 2023) -> Plan:
    r = client.post("/goals/plans/", {"year": year, "title": "", "text": text})
    assert r.status_code == 302
    return Plan.objects.latest("pk")


def _confirm(client: Client, p: Proposal, **changes: object) -> object:
    data = {
        "kind": p.kind,
        "subject": p.subject,
        "quantity": "" if p.quantity is None else str(p.quantity),
        "unit": p.unit,
        "direction": p.direction,
        "deadline": p.deadline.isoformat() if p.deadline else "",
        "indicator_code": p.indicator_code,
        **changes,
    }
    return client.post(
        f"/goals/proposals/{p.pk}/", {f"p{p.pk}-{k}": v for k, v in data.items()} | {"decision": "confirm"}
    )


@pytest.mark.django_db
def test_pasted_plan_yields_proposals_a_person_confirms_edits_or_rejects(
    users: dict[str, User], client_for: Clients
) -> None:
    leader = client_for(users["leader"])
    plan = _plan(leader)
    props = {p.subject: p for p in plan.proposals.all()}
    land = next(p for s, p in props.items() if "征收" in s)
    assert (land.kind, land.quantity, land.unit, land.deadline) == (
        "quantitative",
        600,
        "亩",
        date(2023, 12, 31),
    )
    assert any("樟里村" in s for s in props)
    assert any("垃圾分类智能化改造" in s for s in props)
    hazards = next(p for s, p in props.items() if "安全隐患" in s)
    assert (hazards.kind, hazards.direction, hazards.quantity) == ("direction", "decrease", None)
    page = leader.get(f"/goals/plans/{plan.pk}/").content.decode()
    assert "600" in page
    assert "土地征收" in page
    assert re.search(r'name="p\d+-deadline" value="2023-12-31"', page)  # the deadline shows in the date field
    # binding the land target to an indicator, with the quantity corrected
    assert _confirm(leader, land, quantity="650", indicator_code="events.resolved").status_code == 302
    target = Target.objects.get(proposal=land)
    assert (target.quantity, target.unit, target.year, target.indicator_code) == (
        650,
        "亩",
        2023,
        "events.resolved",
    )
    land.refresh_from_db()
    assert land.status == "confirmed"
    # a second confirmation of the same proposal writes nothing
    _confirm(leader, land)
    assert Target.objects.count() == 1
    sorting = next(p for s, p in props.items() if "垃圾分类" in s)
    leader.post(f"/goals/proposals/{sorting.pk}/", {"decision": "reject"})
    sorting.refresh_from_db()
    assert sorting.status == "rejected"
    assert not Target.objects.filter(proposal=sorting).exists()


@pytest.mark.django_db
def test_a_quantitative_target_without_indicator_is_refused_and_nothing_written(
    users: dict[str, User], client_for: Clients
) -> None:
    leader = client_for(users["leader"])
    plan = _plan(leader)
    land = plan.proposals.get(unit="亩")
    audits = AuditEntry.objects.count()
    r = _confirm(leader, land, indicator_code="")
    assert r.status_code == 302
    follow = leader.get(r["Location"]).content.decode()
    assert "量化目标须有大于零的目标值，并对应一个指标" in follow
    r = _confirm(leader, land, quantity="abc", indicator_code="events.resolved")
    assert "未保存" in leader.get(r["Location"]).content.decode()
    land.refresh_from_db()
    assert land.status == "pending"
    assert not Target.objects.exists()
    assert AuditEntry.objects.count() == audits
    assert leader.post("/goals/plans/", {"year": 2023, "text": "  "}).status_code == 200
    assert Plan.objects.count() == 1


@pytest.mark.django_db
def test_plans_are_for_leaders_and_admins_of_the_jurisdiction(
    users: dict[str, User], client_for: Clients, other_dispatcher: User
) -> None:
    plan = _plan(client_for(users["admin"]))
    p = plan.proposals.first()
    assert p is not None
    for user in (users["dispatcher"], users["grid_worker"], other_dispatcher):
        c = client_for(user)
        assert c.get(f"/goals/plans/{plan.pk}/").status_code == 404
        assert c.post(f"/goals/proposals/{p.pk}/", {"decision": "reject"}).status_code == 404
    p.refresh_from_db()
    assert p.status == "pending"


def _target(jurisdiction: Jurisdiction, user: User, **fields: object) -> Target:
    base: dict[str, object] = {
        "year": 2025,
        "unit": "件",
        "confirmed_by": user,
        "confirmed_at": timezone.now(),
    }
    return Target.objects.create(jurisdiction=jurisdiction, **(base | fields))


@pytest.mark.django_db
def test_progress_against_the_expected_by_now_line(
    history: History, users: dict[str, User], jurisdiction: Jurisdiction
) -> None:
    today = date(2025, 7, 1)
    t = _target(
        jurisdiction,
        users["leader"],
        kind="quantitative",
        subject="办结事件",
        quantity=Decimal(20),
        indicator_code="events.resolved",
    )
    p = progress_of(t, today)
    so_far = value_of("events.resolved", jurisdiction, Period(date(2025, 1, 1), today), compare=False).value
    assert so_far is not None
    assert p.value == so_far
    assert p.percent == (so_far * 100 / 20).quantize(Decimal("0.1"))
    assert p.expected_percent == elapsed_percent(2025, None, today) == Decimal("49.9")  # 182 of 365 days
    assert p.expected_value == Decimal("10.0")
    assert p.status == ("done" if so_far >= 20 else "on_track" if p.percent >= Decimal("49.9") else "behind")
    assert "start=2025-01-01&end=2025-07-01" in p.url
    # a deadline of 30 June makes the whole target due by then
    t.deadline = date(2025, 6, 30)
    assert progress_of(t, today).expected_percent == 100
    down = _target(
        jurisdiction,
        users["leader"],
        kind="direction",
        subject="超期事件持续下降",
        direction="decrease",
        indicator_code="events.overdue",
    )
    d = progress_of(down, today)
    last = value_of(
        "events.overdue", jurisdiction, Period(date(2024, 1, 1), date(2024, 7, 1)), compare=False
    ).value
    assert d.reading is not None
    assert d.reading.yoy_previous == last
    assert d.status == ("on_track" if d.value < last else "behind")  # type: ignore[operator]


@pytest.mark.django_db
def test_qualitative_targets_are_marked_done_by_hand_with_evidence(
    users: dict[str, User], client_for: Clients, jurisdiction: Jurisdiction
) -> None:
    t = _target(
        jurisdiction,
        users["leader"],
        kind="qualitative",
        subject="完成全岛垃圾分类智能化改造",
        unit="",
        year=timezone.localdate().year,
    )
    leader = client_for(users["leader"])
    r = leader.post(f"/goals/targets/{t.pk}/done/", {f"t{t.pk}-done": "on", f"t{t.pk}-evidence": ""})
    assert "标记完成时请说明完成情况" in leader.get(r["Location"]).content.decode()
    t.refresh_from_db()
    assert not t.done
    leader.post(
        f"/goals/targets/{t.pk}/done/", {f"t{t.pk}-done": "on", f"t{t.pk}-evidence": "4座智能垃圾房已验收"}
    )
    t.refresh_from_db()
    assert t.done
    assert t.evidence == "4座智能垃圾房已验收"
    page = leader.get("/goals/targets/").content.decode()
    assert "已完成" in page
    assert client_for(users["dispatcher"]).post(f"/goals/targets/{t.pk}/done/", {}).status_code == 404


@pytest.mark.django_db
def test_dashboard_shows_target_progress_and_links_every_number(
    users: dict[str, User], client_for: Clients, jurisdiction: Jurisdiction, grids: dict
) -> None:
    year = timezone.localdate().year
    _target(
        jurisdiction,
        users["leader"],
        kind="quantitative",
        subject="受理事件",
        quantity=Decimal(10),
        indicator_code="events.received",
        year=year,
    )
    for i in range(3):
        new_event(jurisdiction, users["grid_worker"], grids["G1"], title=f"新事件{i}")
    c = client_for(users["leader"])
    html = c.get("/goals/dashboard/").content.decode()
    today = timezone.localdate()
    link = f'href="/goals/indicators/events.received/?start={year}-01-01&amp;end={today.isoformat()}">3</a>'
    assert link in html
    assert ">30.0%<" in html  # every percentage with one decimal
    r = c.get(f"/goals/indicators/events.received/?start={year}-01-01&end={today.isoformat()}")
    assert len(re.findall(r'href="/events/\d+/"', r.content.decode())) == 3


@pytest.mark.django_db
def test_a_rate_target_is_a_level_to_hold_not_an_amount_to_accumulate(
    history: History, users: dict[str, User], jurisdiction: Jurisdiction
) -> None:
    today = date(2025, 3, 31)
    t = _target(
        jurisdiction,
        users["leader"],
        kind="quantitative",
        subject="按期办结率不低于95%",
        quantity=Decimal(95),
        unit="%",
        indicator_code="events.on_time_rate",
    )
    p = progress_of(t, today)
    rate = value_of("events.on_time_rate", jurisdiction, Period(date(2025, 1, 1), today), compare=False).value
    assert rate is not None
    assert p.expected_percent == 100
    assert p.expected_value == 95
    assert p.status == ("on_track" if rate >= 95 else "behind")


@pytest.mark.django_db
def test_a_ceiling_target_is_kept_under_not_reached(users: dict[str, User], client_for: Clients) -> None:
    """控制在…以内 is a ceiling: the proposal says so, and staying under it is on track."""
    leader = client_for(users["leader"])
    leader.post("/i18n/setlang/", {"language": "en", "next": "/"})  # the plan stays Chinese
    plan = _plan(leader, "二、2023年工作思路\n（一）平安。一是全年超期事件控制在30件以内。", 2023)
    ceiling = plan.proposals.get()
    assert (ceiling.quantity, ceiling.unit, ceiling.direction) == (30, "件", "at_most")
    assert ceiling.indicator_code.startswith("events.")  # proposed from the Chinese labels
    _confirm(leader, ceiling, indicator_code="events.overdue")
    target = Target.objects.get()
    assert target.direction == "at_most"
    today = date(2023, 6, 30)
    assert progress_of(target, today).status == "on_track"  # no events at all: 0 ≤ 30
    target.quantity = Decimal(0)
    assert progress_of(target, today).status == "on_track"
