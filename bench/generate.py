"""Bulk generation of N events straight into SQLite, outside the HTTP path.

Runs inside a Django process set up by bench.fixture (it needs the bench jurisdiction). Rows are
built in Python with realistic, internally consistent distributions over two years and written
with `executemany` in large transactions while the tables' secondary indexes are dropped; the
timeline (cases_action) is then derived from the cases with INSERT … SELECT, the indexes are
rebuilt exactly as the migrations declared them, and ANALYZE runs.
"""

from __future__ import annotations

import bisect
import os
import random
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from time import perf_counter
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

from jiedao.cases.kinds import get_kind
from jiedao.cases.models import Case, Sequence
from jiedao.core import crypto
from jiedao.core.models import Category, Department, Grid, Jurisdiction, User

DAYS = 730
BATCH = 50_000
LOCAL = timedelta(hours=8)  # Asia/Shanghai, no DST
CLOCK_STATES = {"dispatched", "signed", "processing"}
DISPATCHED = CLOCK_STATES | {"resolved", "verified", "rated", "archived"}
RESOLVED = {"resolved", "verified", "rated", "archived"}
CLOSED = {"archived", "rejected", "merged"}

# (weight, state) by age bucket: fresh cases are spread over the flow, old ones mostly archived.
STATES_FRESH = {
    "reported": 25,
    "accepted": 10,
    "dispatched": 25,
    "signed": 10,
    "processing": 20,
    "resolved": 5,
    "rejected": 3,
    "merged": 2,
}
STATES_MONTH = {
    "reported": 2,
    "accepted": 2,
    "returned": 1,
    "dispatched": 5,
    "signed": 5,
    "processing": 25,
    "resolved": 15,
    "verified": 15,
    "rated": 10,
    "archived": 12,
    "escalated": 2,
    "rejected": 4,
    "merged": 2,
}
STATES_OLD = {
    "archived": 86,
    "rated": 3,
    "verified": 1,
    "processing": 1,
    "escalated": 1,
    "rejected": 5,
    "merged": 3,
}
CHANNELS = {
    "grid": 45,
    "hotline": 25,
    "call": 8,
    "web": 8,
    "visit": 4,
    "letter": 2,
    "department": 3,
    "sensor": 4,
    "leader": 1,
}
URGENCY = {"normal": 85, "urgent": 10, "complex": 5}
HOURS = [1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 15, 12, 8, 12, 15, 15, 13, 10, 7, 5, 4, 3, 2, 1]
ISSUES = [
    "垃圾堆放",
    "占道经营",
    "路灯损坏",
    "噪音扰民",
    "违章搭建",
    "井盖缺失",
    "油烟扰民",
    "消防通道堵塞",
    "污水外溢",
    "车辆乱停",
    "树木倒伏",
    "漏水",
    "流浪犬伤人隐患",
    "广告乱贴",
    "道路破损",
    "电线私拉",
    "邻里纠纷",
    "积水",
    "施工扰民",
    "食品摊贩无证经营",
]
ROADS = [
    "幸福路",
    "东湖路",
    "人民路",
    "解放街",
    "望江路",
    "新华街",
    "学院路",
    "滨海大道",
    "环城北路",
    "府前街",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超"]


@dataclass
class Refs:
    """The rows generated cases point at."""

    jurisdiction: Jurisdiction
    grids: list[dict[str, Any]]
    categories: list[dict[str, Any]]
    departments: list[int]
    users: list[int]
    prefix: str


def _refs() -> Refs:
    jur = Jurisdiction.objects.get(code="bench-jd")
    grids: list[dict[str, Any]] = []
    for g in Grid.objects.filter(jurisdiction=jur, boundary_set__active=True).order_by("code"):
        ring = g.geometry["coordinates"][0]
        lngs, lats = [p[0] for p in ring], [p[1] for p in ring]
        grids.append(
            {"id": g.pk, "community_id": g.community_id, "box": (min(lats), max(lats), min(lngs), max(lngs))}
        )
    leaves = Category.objects.filter(jurisdiction=jur, children__isnull=True)
    categories: list[dict[str, Any]] = [
        dict(row) for row in leaves.values("id", "platform_id", "default_department_id")
    ]
    departments = list(Department.objects.filter(jurisdiction=jur).values_list("id", flat=True))
    users = list(User.objects.filter(username__startswith="bench_").values_list("id", flat=True))
    prefix = get_kind("event").number_prefix or jur.case_prefix
    return Refs(jur, grids, categories, departments, users, prefix)


def _chooser(rng: random.Random, weights: dict[str, int]) -> Callable[[], str]:
    keys = list(weights)
    cum = []
    total = 0
    for k in keys:
        total += weights[k]
        cum.append(total)
    return lambda: keys[bisect.bisect_right(cum, rng.random() * total)]


def _ts(dt: datetime | None) -> str | None:
    # Django stores aware datetimes on SQLite as naive UTC text: str(datetime).
    return None if dt is None else str(dt)


def _created_times(rng: random.Random, n: int, now: datetime) -> list[datetime]:
    """Two years of report times, denser recently (growth) and in working hours (local time)."""
    hours_cum = []
    acc = 0
    for w in HOURS:
        acc += w
        hours_cum.append(acc)
    out = []
    for _ in range(n):
        age = DAYS * rng.random() ** 1.3
        local_day = (now + LOCAL - timedelta(days=age)).replace(hour=0, minute=0, second=0, microsecond=0)
        hour = bisect.bisect_right(hours_cum, rng.random() * acc)
        t = local_day + timedelta(hours=hour, seconds=rng.random() * 3600) - LOCAL
        out.append(min(t, now - timedelta(seconds=rng.random() * 600)))
    out.sort()
    return out


GEN_COLUMNS = [
    "number",
    "title",
    "description",
    "state",
    "channel",
    "urgency",
    "platform_id",
    "category_id",
    "community_id",
    "grid_id",
    "lat",
    "lng",
    "address",
    "reporter_name",
    "reporter_phone",
    "anonymous",
    "rating_code_hash",
    "created_by_id",
    "created_at",
    "supervision_count",
    "accepted_at",
    "dispatched_at",
    "signed_at",
    "resolved_at",
    "closed_at",
    "department_id",
    "sign_due",
    "resolve_due",
    "due_at",
    "warn_at",
    "time_status",
    "result",
    "rating",
    "updated_at",
    "version",
]
RESULT = "已到现场处置完毕，问题已解决，现场照片已上传。"


def _case_rows(refs: Refs, n: int, now: datetime, rng: random.Random) -> Any:
    """Yield one tuple per case (GEN_COLUMNS order), in created order, with consistent lifecycle times."""
    rand = rng.random
    choose = {
        "fresh": _chooser(rng, STATES_FRESH),
        "month": _chooser(rng, STATES_MONTH),
        "old": _chooser(rng, STATES_OLD),
    }
    channel_of = _chooser(rng, CHANNELS)
    urgency_of = _chooser(rng, URGENCY)
    cats = refs.categories
    cat_cum = []
    acc = 0.0
    for i in range(len(cats)):  # a few categories dominate (Zipf-like)
        acc += 1.0 / (i + 1)
        cat_cum.append(acc)
    grids = refs.grids
    phones = [crypto.encrypt(f"1{rng.randint(3, 9)}{rng.randint(0, 10**9 - 1):09d}") for _ in range(200)]
    names = [s + g1 + g2 for s in SURNAMES for g1 in GIVEN for g2 in GIVEN]
    roads = [f"{r}{k}号" for r in ROADS for k in range(1, 301)]
    dispatcher, worker = refs.users[0], refs.users[-1]
    hour = timedelta(hours=1)
    day = timedelta(days=1)
    seq_by_year: dict[int, int] = {}
    for created in _created_times(rng, n, now):
        age = (now - created).total_seconds() / 86400
        state = choose["fresh" if age < 2 else "month" if age < 30 else "old"]()
        cat = cats[bisect.bisect_right(cat_cum, rand() * acc)]
        grid = grids[int(rand() ** 1.5 * len(grids))]
        lat0, lat1, lng0, lng1 = grid["box"]
        year = (created + LOCAL).year
        seq = seq_by_year[year] = seq_by_year.get(year, 0) + 1
        issue = ISSUES[int(rand() * len(ISSUES))]
        road = roads[int(rand() * len(roads))]
        anonymous = rand() < 0.1
        channel = channel_of()
        urgency = urgency_of()
        # Lifecycle: each later stamp exists only if the state has reached it.
        accepted = dispatched = signed = resolved = closed = None
        if state not in ("reported", "merged"):
            accepted = min(created + rand() * 4 * hour, now)
            if state in DISPATCHED or state == "escalated":
                dispatched = min(accepted + rand() * 8 * hour, now)
                if state != "dispatched":
                    signed = min(dispatched + rand() * 3 * hour, now)
                    if state in RESOLVED:
                        resolved = min(signed + rand() * 6 * day, now)
                        if state == "archived":
                            closed = min(resolved + rand() * 10 * day, now)
        if state in ("rejected", "merged"):
            closed = min(created + rand() * day, now)
        department = sign_due = resolve_due = due = warn = None
        time_status = "none"
        if dispatched:
            department = cat["default_department_id"] or refs.departments[int(rand() * len(refs.departments))]
            sign_due = dispatched + (2 * hour if urgency == "urgent" else day)
            resolve_due = dispatched + (day if urgency == "urgent" else 7 * day)
            if state in CLOCK_STATES:
                due = sign_due if state == "dispatched" else resolve_due
                warn = due - day
                time_status = "red" if now >= due else "yellow" if now >= warn else "green"
        rating = None
        if state in ("rated", "archived"):
            r = rand()
            rating = 3 if r < 0.8 else 2 if r < 0.95 else 1
        stamps = [t for t in (created, accepted, dispatched, signed, resolved, closed) if t]
        yield (
            f"{refs.prefix}{year}{seq:07d}",
            f"{road}附近{issue}",
            f"群众反映{road}附近存在{issue}问题，已持续{1 + int(rand() * 20)}天，影响周边居民正常生活，"
            f"请相关部门尽快核实处理。联系人表示可配合上门查看。",
            state,
            channel,
            urgency,
            cat["platform_id"],
            cat["id"],
            grid["community_id"],
            grid["id"],
            lat0 + (lat1 - lat0) * rand(),
            lng0 + (lng1 - lng0) * rand(),
            road,
            "" if anonymous else names[int(rand() * len(names))],
            None if anonymous or rand() < 0.4 else phones[int(rand() * len(phones))],
            anonymous,
            os.urandom(32).hex(),
            worker if channel == "grid" else dispatcher,
            _ts(created),
            1 if rand() < 0.02 else 0,
            _ts(accepted),
            _ts(dispatched),
            _ts(signed),
            _ts(resolved),
            _ts(closed),
            department,
            _ts(sign_due),
            _ts(resolve_due),
            _ts(due),
            _ts(warn),
            time_status,
            RESULT if resolved else "",
            rating,
            _ts(max(stamps)),
            len(stamps),
        )


def _column_plan() -> tuple[list[str], dict[str, Any]]:
    """Every Case column but id, with the value a column gets when the generator leaves it out."""
    columns, defaults = [], {}
    for f in Case._meta.concrete_fields:
        if f.primary_key:
            continue
        columns.append(f.column)
        value = f.get_default() if f.has_default() else None
        if value is None and not f.null:
            value = "" if f.get_internal_type() in ("CharField", "TextField") else 0
        defaults[f.column] = value
    return columns, defaults


def _actions_sql(prefix_at: str) -> list[str]:
    """INSERT … SELECT statements deriving each case's timeline from its lifecycle stamps."""
    cols = "case_id, verb, from_state, to_state, actor_id, actor_name, department_id, at, note, data"
    steps = [
        ("report", "''", "'reported'", "created_at", "NULL", "json_object('channel', channel)"),
        ("accept", "'reported'", "'accepted'", "accepted_at", "NULL", "'{}'"),
        ("dispatch", "'accepted'", "'dispatched'", "dispatched_at", "department_id", "'{}'"),
        ("sign", "'dispatched'", "'signed'", "signed_at", "department_id", "'{}'"),
        ("resolve", "'processing'", "'resolved'", "resolved_at", "department_id", "'{}'"),
        ("archive", "'rated'", "state", "closed_at", "NULL", "'{}'"),
    ]
    return [
        f"INSERT INTO cases_action ({cols}) SELECT id, '{verb}', {src}, {dst}, created_by_id, "
        f"'压测', {dept}, {at}, '', {data} FROM cases_case WHERE {at} IS NOT NULL{prefix_at}"
        for verb, src, dst, at, dept, data in steps
    ]


def db_years(path: str) -> dict[int, int]:
    """Cases per local year of report, i.e. the sequence values the numbers used."""
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT CAST(strftime('%Y', created_at, '+8 hours') AS INTEGER), COUNT(*) "
            "FROM cases_case WHERE kind = 'event' GROUP BY 1"
        ).fetchall()
    return dict(rows)


def generate(n: int, *, seed: int = 20240501) -> dict[str, Any]:
    started = perf_counter()
    refs = _refs()
    now = timezone.now().astimezone(UTC).replace(tzinfo=None)
    columns, defaults = _column_plan()
    path = str(settings.DATABASES["default"]["NAME"])
    connection.close()
    db = sqlite3.connect(path, isolation_level=None)
    first_id = db.execute("SELECT COALESCE(MAX(id), 0) FROM cases_case").fetchone()[0]
    # Bulk-load mode on a throw-away benchmark database: no journal, no fsync, indexes afterwards.
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-262144")
    indexes = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
        "AND tbl_name IN ('cases_case', 'cases_action')"
    ).fetchall()
    for name, _sql in indexes:
        db.execute(f'DROP INDEX "{name}"')
    missing = [c for c in GEN_COLUMNS if c not in defaults]
    if missing:
        raise RuntimeError(f"cases_case has no column(s) {missing}: update bench/generate.py")
    rest = [c for c in columns if c not in {*GEN_COLUMNS, "jurisdiction_id", "kind"}]
    tail = (*tuple(defaults[c] for c in rest), refs.jurisdiction.pk, "event")
    names = [*GEN_COLUMNS, *rest, "jurisdiction_id", "kind"]
    insert = f"INSERT INTO cases_case ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    rng = random.Random(seed)
    batch: list[tuple[Any, ...]] = []
    rows_t0 = perf_counter()
    db.execute("BEGIN")
    for row in _case_rows(refs, n, now, rng):
        batch.append(row + tail)
        if len(batch) >= BATCH:
            db.executemany(insert, batch)
            batch.clear()
    if batch:
        db.executemany(insert, batch)
    db.execute("COMMIT")
    cases_s = perf_counter() - rows_t0
    t = perf_counter()
    db.execute("BEGIN")
    for stmt in _actions_sql(f" AND id > {first_id}"):
        db.execute(stmt)
    db.execute("COMMIT")
    actions_s = perf_counter() - t
    t = perf_counter()
    for _name, sql in indexes:
        db.execute(sql)
    index_s = perf_counter() - t
    t = perf_counter()
    db.execute("ANALYZE")
    analyze_s = perf_counter() - t
    n_actions = db.execute("SELECT COUNT(*) FROM cases_action").fetchone()[0]
    db.execute("PRAGMA journal_mode=WAL")
    db.close()
    years = db_years(path)
    for year, count in years.items():
        Sequence.objects.update_or_create(
            jurisdiction_id=refs.jurisdiction.pk, name="case:event", year=year, defaults={"value": count}
        )
    size = os.path.getsize(path)
    return {
        "events": n,
        "actions": n_actions,
        "seconds": round(perf_counter() - started, 2),
        "cases_insert_s": round(cases_s, 2),
        "actions_insert_s": round(actions_s, 2),
        "index_rebuild_s": round(index_s, 2),
        "analyze_s": round(analyze_s, 2),
        "db_bytes": size,
    }
