"""A year of mediation for the demo 街道 (the seed report: "处置各类矛盾纠纷98件"), walked through
the engine on legal paths of the table: walk-ins and disputes from events across the four rooms,
sessions, agreements with fulfilment and 司法确认, failures guided to court or referred to the
共享法庭. Demo mediators (one per room, password Jiedao#2026) are placed in their rooms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from jiedao.cases import actions as engine
from jiedao.cases import clocks
from jiedao.cases.models import Case
from jiedao.core.crypto import id_check_char
from jiedao.core.models import Role, RoleAssignment, User
from jiedao.demo.extensions import DemoContext
from jiedao.mediation import intake
from jiedao.mediation.actions import register_dispute
from jiedao.mediation.kind import OPEN
from jiedao.mediation.models import DisputeType, Party, Room, RoomMember, SharedCourt

COUNT = 96
FROM_EVENTS = 20
# room code → (demo username, dispute types it mostly takes, matters)
ROOMS: dict[str, tuple[str, list[str], list[str]]] = {
    "qiao": ("mediator_qiao", ["overseas", "contract_debt", "marriage_family"],
             ["侨眷房屋继承分割争议", "归侨与亲属借款纠纷", "华侨委托代管房产租金争议"]),
    "min": ("mediator_min", ["neighbour", "marriage_family", "property_mgmt", "damages"],
            ["楼上漏水殃及楼下", "邻里占用公共通道堆放杂物", "物业费与停车位收费争议",
             "宠物咬伤邻居赔偿", "赡养老人费用分担"]),
    "gong": ("mediator_gong", ["labour", "contract_debt"],
             ["装修队拖欠工人工资", "工伤医疗费用赔偿争议", "未签劳动合同二倍工资争议"]),
    "shuji": ("mediator_shuji", ["land_demolition", "damages", "contract_debt"],
              ["拆迁安置房分配争议", "集体土地征收补偿分配", "工程施工损坏村民房屋"]),
}  # fmt: skip
OUTCOMES = [("success", 72), ("litigation", 9), ("court", 9), ("withdraw", 4), ("open", 6)]


@dataclass
class _Plan:
    room: str
    start: datetime
    outcome: str
    sessions: int


def _id_number(ctx: DemoContext) -> str:
    birth = date(1950, 1, 1) + timedelta(days=ctx.rng.randint(0, 365 * 50))
    first17 = f"330302{birth:%Y%m%d}{ctx.rng.randint(0, 999):03d}"
    return first17 + id_check_char(first17)


def _phone(ctx: DemoContext) -> str:
    return f"1{ctx.rng.choice('3589')}{ctx.rng.randint(0, 999999999):09d}"


def _mediators(ctx: DemoContext, rooms: dict[str, Room]) -> dict[str, User]:
    """One demo mediator per room; the generic demo mediator joins 民调室 and 书记调处室."""
    template = next(u for u in ctx.staff.others if u.username == "mediator")
    made = User.objects.bulk_create(
        User(username=ROOMS[code][0], password=template.password, display_name=ctx.names.person())
        for code in ROOMS
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=u, role=Role.MEDIATOR, jurisdiction=ctx.jurisdiction) for u in made
    )
    by_room = dict(zip(ROOMS, made, strict=True))
    members = [RoomMember(room=rooms[code], user=u) for code, u in by_room.items()]
    members += [RoomMember(room=rooms[code], user=template) for code in ("min", "shuji")]
    RoomMember.objects.bulk_create(members)
    return by_room


def _plans(ctx: DemoContext) -> list[_Plan]:
    rng = ctx.rng
    out = []
    for _ in range(COUNT):
        start = ctx.now - timedelta(days=rng.randint(1, 364), hours=rng.randint(0, 6))
        outcome = rng.choices([o for o, _w in OUTCOMES], weights=[w for _o, w in OUTCOMES])[0]
        if start > ctx.now - timedelta(days=10):
            outcome = "open"  # recent applications are still being mediated
        room = rng.choices(list(ROOMS), weights=[2, 5, 3, 2])[0]
        out.append(_Plan(room, start, outcome, rng.randint(1, 3)))
    return sorted(out, key=lambda p: p.start)


def _application(
    ctx: DemoContext, plan: _Plan, types: dict[str, DisputeType], rooms: dict[str, Room]
) -> dict[str, Any]:
    _user, type_codes, matters = ROOMS[plan.room]
    matter = ctx.rng.choice(matters)
    applicant, respondent = ctx.names.person(), ctx.names.person()
    community = ctx.rng.choice(ctx.communities).name
    return {
        "title": f"{community}{matter}",
        "description": f"{applicant}反映：与{respondent}因{matter}发生争议，多次协商未果，申请调解。",
        "request": f"请求依法调解{matter}。",
        "dispute_type": types[ctx.rng.choice(type_codes)].pk,
        "room": rooms[plan.room].pk,
        "applicant_name": applicant,
        "applicant_id_number": _id_number(ctx),
        "applicant_phone": _phone(ctx),
        "applicant_address": f"{community}{ctx.rng.randint(1, 30)}幢{ctx.rng.randint(101, 1802)}室",
        "respondent_name": respondent,
        "respondent_phone": _phone(ctx),
    }


def _perform(
    case: Case, action: str, who: User, at: datetime, payload: dict[str, Any] | None = None, note: str = ""
) -> None:
    engine.perform(case.pk, action, acting_user=who, payload=payload or {}, note=note, now=at)


def _day(at: datetime) -> str:
    return timezone.localdate(at).isoformat()


def _walk(
    ctx: DemoContext, case: Case, plan: _Plan, who: User, court: SharedCourt, counts: dict[str, int]
) -> None:
    """Sessions, then the planned outcome, stopping wherever `ctx.now` is reached."""
    rng = ctx.rng
    at = plan.start + timedelta(hours=2)
    room = RoomMember.objects.filter(user=who).values_list("room_id", flat=True).first()
    _perform(case, "assign", ctx.staff.dispatchers[0], at, {"room": room, "mediator": who.pk})
    for n in range(plan.sessions):
        at += timedelta(days=rng.randint(1, 12))
        if at >= ctx.now:
            return
        record = [
            "双方陈述争议经过，调解员释法说理。",
            "调解员分别做双方工作，提出初步方案。",
            "双方就方案细节协商，基本达成一致。",
        ][n]
        _perform(
            case,
            "record_session",
            who,
            at,
            {"held_on": _day(at), "attendees": "申请人、被申请人、调解员", "record": record},
        )
        counts["sessions"] += 1
    at += timedelta(days=rng.randint(0, 10), hours=1)
    if plan.outcome == "open" or at >= ctx.now:
        return
    if plan.outcome == "withdraw":
        _perform(case, "withdraw", who, at, note="申请人自行和解，撤回调解申请。")
    elif plan.outcome == "litigation":
        _perform(case, "fail_litigation", who, at, note="双方分歧较大，调解不成，引导当事人依法提起诉讼。")
    elif plan.outcome == "court":
        reference = f"（{at.year}）浙0302民诉前调{rng.randint(100, 999)}号"
        _perform(
            case,
            "refer_court",
            who,
            at,
            {"court": court.pk, "court_reference": reference},
            note="调解不成，转共享法庭。",
        )
        counts["court"] += 1
        if at + timedelta(days=20) < ctx.now:
            _perform(
                case,
                "court_result",
                who,
                at + timedelta(days=20),
                {"court_result": "经共享法庭线上调解，双方达成和解。"},
            )
    else:
        _agreement(ctx, case, who, at, counts)


def _agreement(ctx: DemoContext, case: Case, who: User, at: datetime, counts: dict[str, int]) -> None:
    rng = ctx.rng
    amount = rng.randint(2, 60) * 500
    terms = (
        f"一、被申请人于协议生效后十五日内一次性支付申请人人民币{amount}元；\n二、双方就本纠纷再无其他争议。"
    )
    _perform(case, "agree", who, at, {"terms": terms, "effective_on": _day(at)})
    counts["agreements"] += 1
    if rng.random() < 0.3 and at + timedelta(days=7) < ctx.now:
        applied = at + timedelta(days=rng.randint(2, 7))
        _perform(
            case,
            "apply_confirmation",
            who,
            applied,
            {"applied_on": _day(applied), "confirmation_court": "鹿城区人民法院"},
        )
        if applied + timedelta(days=15) < ctx.now:
            ruled = applied + timedelta(days=rng.randint(5, 15))
            action = "confirmation_granted" if rng.random() < 0.9 else "confirmation_denied"
            reference = f"（{ruled.year}）浙0302民特{rng.randint(1, 300)}号"
            _perform(
                case,
                action,
                who,
                ruled,
                {"ruling_on": _day(ruled), "ruling_reference": reference},
                note="法院裁定。",
            )
            counts["confirmed"] += action == "confirmation_granted"
    check = at + timedelta(days=20)
    if check < ctx.now:
        fulfilment = "fulfilled" if rng.random() < 0.9 else "unfulfilled"
        _perform(case, "record_fulfilment", who, check, {"fulfilment": fulfilment})
        if fulfilment == "fulfilled" and check + timedelta(days=15) < ctx.now:
            _perform(case, "archive", who, check + timedelta(days=15))


def _events(ctx: DemoContext) -> list[Case]:
    recent = ctx.now - timedelta(days=330)  # within the demo's year of mediation
    qs = Case.objects.filter(jurisdiction=ctx.jurisdiction, kind="event", created_at__gte=recent)
    qs = qs.exclude(state__in=["merged", "rejected"])
    picked = list(qs.order_by("id").values_list("id", flat=True))
    ids = ctx.rng.sample(picked, min(FROM_EVENTS, len(picked)))
    return list(Case.objects.filter(pk__in=ids).order_by("created_at"))


def load(ctx: DemoContext) -> dict[str, int]:
    rooms = {r.code: r for r in Room.objects.filter(jurisdiction=ctx.jurisdiction)}
    types = {t.code: t for t in DisputeType.objects.filter(jurisdiction=ctx.jurisdiction)}
    court = SharedCourt.objects.filter(jurisdiction=ctx.jurisdiction).first()
    if not rooms or not types or court is None:
        return {}
    mediators = _mediators(ctx, rooms)
    dispatcher = ctx.staff.dispatchers[0]
    counts = {"cases": 0, "sessions": 0, "agreements": 0, "court": 0, "confirmed": 0}
    plans = _plans(ctx)
    events = _events(ctx)
    for plan in plans:
        data = _application(ctx, plan, types, rooms)
        draft = intake.validate_walk_in(data, jurisdiction=ctx.jurisdiction, user=dispatcher, now=plan.start)
        case = register_dispute(draft, acting_user=dispatcher, now=plan.start)
        _walk(ctx, case, plan, mediators[plan.room], court, counts)
        counts["cases"] += 1
    for event in events:
        start = event.created_at + timedelta(days=1)
        if start >= ctx.now:
            continue
        plan = _Plan(
            ctx.rng.choice(list(ROOMS)), start, "success" if ctx.rng.random() < 0.8 else "litigation", 2
        )
        data = {
            "event_number": event.number,
            "dispute_type": types[ROOMS[plan.room][1][0]].pk,
            "room": rooms[plan.room].pk,
            "respondent_name": ctx.names.person(),
        }
        case = register_dispute(
            intake.validate_from_event(data, user=dispatcher, now=start), acting_user=dispatcher, now=start
        )
        if not Party.objects.filter(dispute_id=case.pk, role="applicant").exists():
            engine.perform(
                case.pk,
                "add_party",
                acting_user=dispatcher,
                payload={"party_role": "applicant", "party_name": ctx.names.person()},
                now=start,
            )
        _walk(ctx, case, plan, mediators[plan.room], court, counts)
        counts["cases"] += 1
    _colour(ctx)
    return {
        "矛盾纠纷": counts["cases"],
        "调解笔录": counts["sessions"],
        "调解协议": counts["agreements"],
        "转共享法庭": counts["court"],
        "司法确认": counts["confirmed"],
    }


def _colour(ctx: DemoContext) -> None:
    """What the sweep would say at the demo's `now` for disputes still open."""
    cases = list(
        Case.objects.filter(
            jurisdiction=ctx.jurisdiction, kind="mediation", state__in=OPEN, due_at__isnull=False
        )
    )
    for case in cases:
        case.time_status = clocks.status_at(case, ctx.now)
    Case.objects.bulk_update(cases, ["time_status"])
