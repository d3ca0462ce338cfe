"""Demo events over the last two years: drafted, walked through the flow, numbered, bulk-created.

Most events run their course (and whatever the present interrupts stays open); a share is
deliberately left open in each open state, some recent, some nearly due (yellow), some long
overdue (red), so every state, channel and time status shows up even in a small demo.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import Field
from django.utils.translation import gettext

from jiedao.cases import clocks
from jiedao.cases.actions import CODE_ALPHABET, hash_code
from jiedao.cases.models import Action, CardColor, Case, Channel, DepartmentCard, Sequence, TimeStatus
from jiedao.core.calendar import LOCAL_TZ
from jiedao.core.models import Category, Jurisdiction, User
from jiedao.core.models.org import Urgency
from jiedao.demo import texts
from jiedao.demo.names import NameBook
from jiedao.demo.people import GridInfo, mobile
from jiedao.demo.walk import Context, Plan, Step, Walk, run

DAYS = 730
BATCH = 2000
CHANNEL_WEIGHTS = {
    Channel.GRID: 45, Channel.HOTLINE: 20, Channel.CALL: 8, Channel.WEB: 8, Channel.VISIT: 5,
    Channel.LETTER: 2, Channel.DEPARTMENT: 4, Channel.SENSOR: 5, Channel.LEADER: 3,
}  # fmt: skip
CATEGORY_WEIGHTS = {
    "city.garbage": 12, "city.street_stall": 10, "city.parking": 8, "dispute.neighbour": 8,
    "building.illegal": 7, "facility.streetlight": 6, "building.noise": 5, "facility.road": 5,
    "safety.fire": 5, "building.dust": 4, "facility.water": 4, "food.unlicensed": 3, "food.hygiene": 3,
    "dispute.labour": 3, "dispute.property_mgmt": 3, "social.elderly": 3, "security.hazard": 3,
}  # fmt: skip
OPEN_SHARE = 0.04
# Open states an event is deliberately left in, with weights.
STOP_WEIGHTS = {
    "reported": 10, "accepted": 8, "returned": 4, "dispatched": 14, "signed": 12, "processing": 25,
    "resolved": 10, "verified": 8, "rated": 4, "escalated": 5,
}  # fmt: skip
CLOCK_STATES = {"dispatched", "signed", "processing"}
# How the first events, one per open state, are timed: one nearly due, one long overdue.
COVERAGE_TARGETS = {"signed": "yellow", "processing": "red", "accepted": "red"}
SALT = 1_000_003


@dataclass
class Draft:
    """An event before it is walked: its fixed fields, plan and the seed of its own random steps."""

    fields: dict[str, Any]
    created_at: datetime
    plan: Plan
    seed: int
    reporter: str
    created_by: User | None
    target: str = ""  # "", "recent", "yellow", "red" for events deliberately left open
    text_index: int = -1
    original: Draft | None = None
    walk: Walk | None = field(default=None, repr=False)


@dataclass
class EventSource:
    """Everything drafting needs about the jurisdiction."""

    jurisdiction: Jurisdiction
    grids: list[GridInfo]
    leaves: list[Category]
    ctx: Context
    now: datetime


def _plan(rng: random.Random, channel: str) -> Plan:
    p = Plan()
    if channel == Channel.GRID and rng.random() < 0.35:
        p.self_resolve = True
    else:
        roll = rng.random()
        if roll < 0.04:
            p.end, p.early = "rejected", rng.random() < 0.6
        p.escalate = rng.choices(("", "done", "return"), (97, 2, 1))[0]
        p.give_back = rng.random() < 0.04
        p.reassign = not p.give_back and rng.random() < 0.03
        p.extension = rng.choices(("", "approve", "deny"), (94, 5, 1))[0]
        p.supervise = rng.random() < 0.04
        p.verify_fail = rng.random() < 0.04
        p.late_sign = rng.random() < 0.06
        p.late_resolve = rng.random() < 0.09
    p.rated = rng.random() < 0.85
    p.unsatisfied = p.rated and not p.self_resolve and rng.random() < 0.03
    return p


def _open_plan(rng: random.Random, channel: str, stop_at: str) -> Plan:
    p = _plan(rng, channel)
    p.end, p.stop_at = "archived", stop_at
    p.self_resolve = p.self_resolve and stop_at in ("verified", "rated")
    if stop_at == "returned":
        p.give_back, p.escalate = True, ""
    if stop_at == "escalated":
        p.escalate = rng.choice(("done", "return"))
    if stop_at == "rated":
        p.rated = True
    return p


def _created(rng: random.Random, now: datetime, low_days: float, high_days: float) -> datetime:
    day = (now - timedelta(days=rng.uniform(low_days, high_days))).astimezone(LOCAL_TZ)
    hour = rng.choices(
        range(24), [1, 1, 1, 1, 1, 2, 4, 8, 12, 12, 12, 10, 8, 10, 12, 12, 11, 10, 9, 8, 6, 4, 2, 1]
    )[0]
    moment = day.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60), microsecond=0)
    return min(moment, now - timedelta(minutes=5))


def _draft(
    rng: random.Random, names: NameBook, src: EventSource, i: int, channel: str, created: datetime
) -> Draft:
    staff = src.ctx.staff
    info = rng.choice(src.grids)
    if channel == Channel.SENSOR:
        codes = [c for c in src.leaves if c.code in ("city.garbage", "safety.fire")] or src.leaves
        category = rng.choice(codes)
    else:
        category = rng.choices(src.leaves, [CATEGORY_WEIGHTS.get(c.code, 2) for c in src.leaves])[0]
    lat, lng = info.sampler.point()
    addr = info.address(rng)
    room = f"{info.community_name}智能垃圾房{rng.randint(1, 4)}号"
    title, description, text_index = texts.event_text(
        rng,
        category.code,
        category.name,
        addr=addr,
        place=texts.shop_name(rng, names.surname()),
        name=names.person(),
        room=room,
        company=f"温州{names.company()}",
        sensor=channel == Channel.SENSOR,
    )
    anonymous = channel == Channel.WEB and rng.random() < 0.2
    name, phone = ("", None) if anonymous else (names.person(), mobile(rng))
    created_by: User | None = rng.choice(staff.dispatchers)
    if channel == Channel.GRID:
        created_by = staff.grid_workers.get(info.grid.pk)
        name, phone = (name, phone) if rng.random() < 0.5 else ("", None)
    elif channel == Channel.SENSOR:
        created_by, name, phone = (
            None,
            room if category.code == "city.garbage" else f"烟感探测器（{addr}）",
            None,
        )
    elif channel == Channel.WEB:
        created_by = None
    elif channel == Channel.LEADER:
        created_by, name, phone = staff.leader, str(staff.leader), None
    elif channel == Channel.DEPARTMENT:
        name, phone = rng.choice(src.ctx.departments).name, None
    urgency = rng.choices(list(Urgency.values), (10, 80, 10))[0]
    if category.code in ("product.elevator", "safety.typhoon", "safety.fire") and rng.random() < 0.5:
        urgency = Urgency.URGENT
    fields = {
        "jurisdiction": src.jurisdiction, "kind": src.ctx.kind.code, "title": title,
        "description": description, "channel": channel, "urgency": urgency,
        "platform_id": category.platform_id, "category_id": category.pk,
        "community_id": info.grid.community_id, "grid_id": info.grid.pk, "lat": lat, "lng": lng,
        "address": addr, "reporter_name": name[:60], "reporter_phone": phone, "anonymous": anonymous,
        "rating_code_hash": hash_code("".join(rng.choice(CODE_ALPHABET) for _ in range(8))),
        "created_by": created_by,
    }  # fmt: skip
    seed = rng.randrange(2**31) * SALT + i
    return Draft(fields, created, Plan(), seed, name or "", created_by, text_index=text_index)


def _walk(d: Draft, src: EventSource, limit: datetime | None) -> Walk:
    case = Case(**d.fields, created_at=d.created_at, state=src.ctx.kind.initial)
    reporter = d.reporter or gettext("反映人")
    walk, _done = run(
        src.ctx,
        case,
        d.plan,
        seed=d.seed,
        reporter=reporter,
        created_by=d.created_by,
        limit=limit,
        text_index=d.text_index,
    )
    return walk


def _settle_open(d: Draft, src: EventSource, rng: random.Random) -> Walk:
    """Walk an event meant to stay open; move its start so it reaches its state before now."""
    now = src.now
    for attempt in range(5):
        walk = _walk(d, src, None)
        last = walk.actions[-1].at
        if last > now:
            d.created_at -= (last - now) + timedelta(hours=rng.uniform(0.5, 12))
            continue
        case = walk.case
        wanted = d.target == "yellow" and case.due_at and case.warn_at and attempt < 4
        if wanted and clocks.status_at(case, now) != TimeStatus.YELLOW:
            assert case.due_at is not None
            assert case.warn_at is not None
            d.created_at += now - (case.warn_at + (case.due_at - case.warn_at) / 2)
            continue
        return walk
    return _walk(d, src, now)


def draft_events(rng: random.Random, names: NameBook, src: EventSource, count: int) -> list[Draft]:
    channels = list(CHANNEL_WEIGHTS)
    stops = list(STOP_WEIGHTS)
    drafts: list[Draft] = []
    merges: list[int] = []
    for i in range(count):
        # The first events cover every channel and every open state; then the weights rule.
        channel = (
            channels[i] if i < len(channels) else rng.choices(channels, list(CHANNEL_WEIGHTS.values()))[0]
        )
        stop = stops[i] if i < len(stops) else ""
        if not stop and rng.random() < OPEN_SHARE:
            stop = rng.choices(stops, list(STOP_WEIGHTS.values()))[0]
        if stop:
            if i < len(stops):
                target = COVERAGE_TARGETS.get(stop, "recent")
            else:
                weights = (45, 30, 25) if stop in CLOCK_STATES else (70, 0, 30)
                target = rng.choices(("recent", "yellow", "red"), weights)[0]
            low, high = (10, 150) if target == "red" else (0.02, 4)
            d = _draft(rng, names, src, i, channel, _created(rng, src.now, low, high))
            d.plan, d.target = _open_plan(rng, channel, stop), target
        else:
            d = _draft(rng, names, src, i, channel, _created(rng, src.now, 0, DAYS))
            d.plan = _plan(rng, channel)
            if i == len(stops) + 1:  # at least one 不予受理 however few events are made
                d.plan.self_resolve, d.plan.end = False, "rejected"
            if i == len(stops) or (i > len(stops) and rng.random() < 0.03):
                merges.append(i)
        drafts.append(d)
    merge_set = set(merges)
    for i, d in enumerate(drafts):
        if d.target:
            d.walk = _settle_open(d, src, rng)
        elif i not in merge_set:
            d.walk = _walk(d, src, src.now)
    _duplicates(
        rng, src, [drafts[i] for i in merges], [d for i, d in enumerate(drafts) if i not in merge_set]
    )
    return drafts


def _duplicates(rng: random.Random, src: EventSource, dups: list[Draft], others: list[Draft]) -> None:
    """Each duplicate repeats an earlier event that is still open when the duplicate is merged."""
    originals = [
        d for d in others
        if d.walk is not None and not d.target and d.plan.end == "archived" and not d.plan.self_resolve
        and (d.walk.case.closed_at is None or d.walk.case.closed_at > d.created_at + timedelta(hours=40))
    ]  # fmt: skip
    for d in dups:
        if not originals:
            d.walk = _walk(d, src, src.now)
            continue
        original = rng.choice(originals)
        d.original = original
        d.plan.end, d.plan.early = "merged", rng.random() < 0.5
        d.plan.self_resolve, d.plan.stop_at = False, ""
        d.created_at = min(original.created_at + timedelta(hours=rng.uniform(0.5, 30)), src.now)
        d.text_index = original.text_index
        for key in (
            "description",
            "category_id",
            "platform_id",
            "grid_id",
            "community_id",
            "lat",
            "lng",
            "address",
            "title",
        ):
            d.fields[key] = original.fields[key]
        d.walk = _walk(d, src, src.now)


def save_events(drafts: list[Draft], src: EventSource) -> dict[str, int]:
    """Number the cases by creation time, finish their time status and bulk-create everything."""
    jur, kind, now = src.jurisdiction, src.ctx.kind, src.now
    ordered = sorted((d for d in drafts if d.walk is not None), key=lambda d: d.created_at)
    name = f"case:{kind.code}"
    seq = dict(Sequence.objects.filter(jurisdiction=jur, name=name).values_list("year", "value"))
    used: dict[int, int] = {}
    prefix = kind.number_prefix or jur.case_prefix
    for d in ordered:
        assert d.walk is not None
        case = d.walk.case
        year = case.created_at.astimezone(UTC).year  # as the engine: the year of its UTC "now"
        used[year] = used.get(year, seq.get(year, 0)) + 1
        case.number = f"{prefix}{year}{used[year]:07d}"
        if case.due_at is not None:
            case.time_status = clocks.status_at(case, now)
    for d in ordered:
        merge = next((a for a in d.walk.actions if a.verb == "merge"), None) if d.walk else None
        if merge is not None and d.original is not None and d.original.walk is not None:
            merge.data["target"] = d.original.walk.case.number
    cases = Case.objects.bulk_create([d.walk.case for d in ordered if d.walk], batch_size=BATCH)
    merged = []
    for d in ordered:
        if d.walk and d.original and d.original.walk and d.walk.merge_at is not None:
            d.walk.case.merged_into_id = d.original.walk.case.pk
            merged.append(d.walk.case)
    Case.objects.bulk_update(merged, ["merged_into"], batch_size=BATCH)
    actions = [(d.walk.case.pk, step) for d in ordered if d.walk for step in d.walk.actions]
    _insert_actions(actions)
    cards = _cards(cases, now)
    DepartmentCard.objects.bulk_create(cards, batch_size=BATCH)
    for year, value in used.items():
        Sequence.objects.update_or_create(jurisdiction=jur, name=name, year=year, defaults={"value": value})
    return {"events": len(cases), "actions": len(actions), "merged": len(merged), "cards": len(cards)}


def _insert_actions(rows: list[tuple[int, Step]]) -> None:
    """Insert the timeline rows with one `executemany` per batch.

    `bulk_create` would build ~150,000 model instances and compile every value through the ORM,
    most of the demo's run time. The values here are plain already; the two that need adapting
    (the timestamp and the JSON data) go through their own model fields, so the rows are exactly
    what `bulk_create` would send, on SQLite and PostgreSQL alike.
    """
    meta = Action._meta
    qn = connection.ops.quote_name
    names = (
        "case",
        "verb",
        "from_state",
        "to_state",
        "actor",
        "actor_name",
        "department",
        "at",
        "note",
        "data",
    )
    fields = [meta.get_field(n) for n in names]
    columns = ", ".join(qn(f.column) for f in fields if isinstance(f, Field))
    sql = f"INSERT INTO {qn(meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(names))})"
    at, data = meta.get_field("at"), meta.get_field("data")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                sql,
                [
                    (case_id, s.verb, s.from_state, s.to_state, s.actor_id, s.actor_name, s.department_id,
                     at.get_db_prep_save(s.at, connection), s.note, data.get_db_prep_save(s.data, connection))
                    for case_id, s in rows[start : start + BATCH]
                ],
            )  # fmt: skip


def _cards(cases: list[Case], now: datetime) -> list[DepartmentCard]:
    """The red and yellow cards the sweep would have issued for these cases."""
    cards = []
    for c in cases:
        if c.department_id is None:
            continue
        if c.time_status == TimeStatus.RED:
            color, at = CardColor.RED, c.due_at or c.resolve_due or now
        elif c.time_status == TimeStatus.YELLOW and c.warn_at is not None:
            color, at = CardColor.YELLOW, c.warn_at
        else:
            continue
        cards.append(
            DepartmentCard(
                jurisdiction_id=c.jurisdiction_id,
                department_id=c.department_id,
                case=c,
                color=color,
                issued_at=min(at, now),
            )
        )
    return cards
