"""Room workload and success rate match the records for arbitrary periods: the page, the API,
the indicators and the drill-down lists, each compared with counts kept by the test itself."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from jiedao.cases import actions as engine
from jiedao.core.indicators import Period, compute, get_indicator
from jiedao.mediation import intake
from jiedao.mediation.actions import register_dispute
from tests.mediation.conftest import dispute_type


@dataclass
class Made:
    room: str
    received: date
    concluded: date | None
    outcome: str  # "", success, failed
    route: str  # "", litigation, court


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def _make(jur: Any, rooms: Any, mediators: Any, users: Any, made: Made) -> None:
    who = mediators["mediator_min"] if made.room == "min" else mediators["mediator_gong"]
    data = {
        "title": f"{made.room}纠纷",
        "description": "事实",
        "request": "请求",
        "dispute_type": dispute_type(jur).pk,
        "applicant_name": "甲",
        "respondent_name": "乙",
    }
    now = _at(made.received)
    case = register_dispute(
        intake.validate_walk_in(data, jurisdiction=jur, user=users["dispatcher"], now=now),
        acting_user=users["dispatcher"],
        now=now,
    )
    engine.perform(
        case.pk,
        "assign",
        acting_user=users["dispatcher"],
        payload={"room": rooms[made.room].pk, "mediator": who.pk},
        now=now,
    )
    if made.concluded is None:
        return
    later = _at(made.concluded, 15)
    session = {"held_on": made.received.isoformat(), "attendees": "甲、乙", "record": "调解"}
    engine.perform(case.pk, "record_session", acting_user=who, payload=session, now=later)
    if made.outcome == "success":
        payload = {"terms": "赔偿", "effective_on": made.concluded.isoformat()}
        engine.perform(case.pk, "agree", acting_user=who, payload=payload, now=later)
    elif made.route == "court":
        payload = {"court": rooms["court"].pk}
        engine.perform(case.pk, "refer_court", acting_user=who, payload=payload, note="分歧大", now=later)
    else:
        engine.perform(case.pk, "fail_litigation", acting_user=who, note="引导诉讼", now=later)


def _records(rng: random.Random) -> list[Made]:
    today = timezone.localdate()
    out = []
    for _ in range(24):
        received = today - timedelta(days=rng.randint(5, 150))
        kind = rng.choice(["open", "success", "success", "litigation", "court"])
        concluded = None if kind == "open" else min(today, received + timedelta(days=rng.randint(0, 40)))
        outcome = {"open": "", "success": "success"}.get(kind, "failed")
        route = kind if kind in ("litigation", "court") else ""
        out.append(Made(rng.choice(["min", "gong"]), received, concluded, outcome, route))
    return out


def _expected(made: list[Made], period: Period, room: str) -> dict[str, int]:
    def inside(d: date | None) -> bool:
        return d is not None and period.start <= d <= period.end

    mine = [m for m in made if m.room == room]
    done = [m for m in mine if inside(m.concluded)]
    return {
        "received": sum(inside(m.received) for m in mine),
        "concluded": len(done),
        "succeeded": sum(m.outcome == "success" for m in done),
        "failed": sum(m.outcome == "failed" for m in done),
        "court": sum(m.route == "court" for m in done),
    }


def test_figures_match_records_for_arbitrary_periods(
    jurisdiction: Any, rooms: Any, mediators: Any, users: Any, client_for: Any
) -> None:
    from jiedao.mediation.models import SharedCourt

    rooms = {**rooms, "court": SharedCourt.objects.get(jurisdiction=jurisdiction)}
    rng = random.Random(20261126)
    made = _records(rng)
    for m in made:
        _make(jurisdiction, rooms, mediators, users, m)
    leader = client_for(users["leader"])
    today = timezone.localdate()
    for _ in range(4):
        a, b = sorted(today - timedelta(days=rng.randint(0, 160)) for _ in range(2))
        period = Period(a, b)
        query = f"date_from={a}&date_to={b}"
        answer = leader.get(f"/api/mediation/workload?{query}").json()
        api_rows = {r["room"]: r for r in answer["rows"]}
        html = leader.get(f"/mediation/workload/?{query}").content.decode()
        for code in ("min", "gong"):
            room = rooms[code]
            want = _expected(made, period, code)
            got = {k: api_rows[room.name][k] for k in want}
            assert got == want, (period, code)
            rate = (
                Decimal(want["succeeded"] * 100 / want["concluded"]).quantize(Decimal("0.1"))
                if want["concluded"]
                else Decimal("0.0")
            )
            assert Decimal(str(api_rows[room.name]["success_rate"])) == rate
            # The page shows the same numbers, each linking to a list with that many records.
            row = re.search(rf'<tr data-room="{room.pk}".*?</tr>', html, re.S)
            assert row is not None
            for column, value in want.items():
                cell = re.search(rf'data-col="{column}"><a href="([^"]+)">(\d+)</a>', row.group(0))
                assert cell is not None
                assert int(cell.group(2)) == value, (period, code, column)
                url = cell.group(1).replace("&amp;", "&").replace("/mediation/?", "/api/mediation?")
                assert leader.get(url).json()["count"] == value, (period, code, column, url)
            assert f'data-col="success_rate">{rate}%' in row.group(0)
            # The indicators count the same records.
            flt = {"room": room.pk}
            assert (
                compute(get_indicator("mediation.received"), jurisdiction.pk, period, flt) == want["received"]
            )
            assert (
                compute(get_indicator("mediation.succeeded"), jurisdiction.pk, period, flt)
                == want["succeeded"]
            )
            assert (
                compute(get_indicator("mediation.court_referrals"), jurisdiction.pk, period, flt)
                == want["court"]
            )
            assert compute(get_indicator("mediation.success_rate"), jurisdiction.pk, period, flt) == rate
        total = {
            k: sum(_expected(made, period, c)[k] for c in ("min", "gong")) for k in ("received", "concluded")
        }
        assert answer["total"]["received"] == total["received"]
        assert answer["total"]["concluded"] == total["concluded"]
