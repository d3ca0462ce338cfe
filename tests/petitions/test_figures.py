"""The figures page and API count what the records say, for any period, and link to those records."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from jiedao.cases import actions
from jiedao.core.indicators import Period, compute, get_indicator
from tests.petitions.helpers import department, register

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
CHANNELS = ["letter", "visit", "call", "web", "superior"]


@dataclass
class Made:
    created: date
    channel: str
    collective: bool
    repeat: bool
    accepted: date | None = None
    replied: date | None = None
    on_time: bool = False
    backlog_resolved: date | None = None


def _make(users, jurisdiction) -> list[Made]:
    rng = random.Random(7)
    made: list[Made] = []
    dep = department(users)
    start = datetime(2024, 1, 5, 10, 0, tzinfo=TZ)
    offsets = sorted(rng.randint(0, 700) for _ in range(40))  # intake happens in time order
    for i, offset in enumerate(offsets):
        at = start + timedelta(days=offset, hours=rng.randint(0, 8))
        channel = rng.choice(CHANNELS)
        people = rng.choice([1, 1, 2, 6])
        # Every 8th petition comes from one petitioner on one matter: all but the first are repeats.
        same_matter = i % 8 == 7
        repeat = same_matter and i > 7
        case = register(
            users,
            jurisdiction,
            at,
            title="小区物业乱收停车费" if same_matter else f"信访事项{i}号",
            content="物业上调停车费" if same_matter else f"第{i}件信访内容，编号{i * 37}",
            channel=channel,
            person_count=people,
            repeat_of="" if same_matter else "none",
            petitioners=[{"name": "陈信访", "id_number": "110101199003074514"}]
            if same_matter
            else [{"name": f"人{i}"}],
        )
        m = Made(at.date(), channel, people >= 5, repeat)
        if rng.random() < 0.8:
            accepted = at + timedelta(days=rng.randint(0, 10))
            actions.perform(case.pk, "accept", acting_user=users["dispatcher"], now=accepted)
            actions.perform(
                case.pk,
                "assign",
                acting_user=users["dispatcher"],
                payload={"department": dep.pk},
                now=accepted,
            )
            m.accepted = accepted.date()
            if rng.random() < 0.8:
                replied = accepted + timedelta(days=rng.randint(5, 80))
                actions.perform(
                    case.pk, "reply", acting_user=users["handler"], payload={"result": "已答复"}, now=replied
                )
                m.replied = replied.date()
                m.on_time = replied.date() <= accepted.date() + timedelta(days=60)
        if i % 6 == 0:
            leader = users["leader"]
            actions.perform(
                case.pk,
                "mark_backlog",
                acting_user=leader,
                payload={"leader": leader.pk, "backlog_level": "区级"},
                now=at,
            )
            resolved = at.date() + timedelta(days=rng.randint(1, 90))
            actions.perform(
                case.pk,
                "resolve_backlog",
                acting_user=leader,
                payload={"outcome": "settled", "resolved_on": resolved.isoformat()},
                now=datetime(resolved.year, resolved.month, resolved.day, 18, 0, tzinfo=TZ),
            )
            m.backlog_resolved = resolved
        made.append(m)
    return made


def _expected(made: list[Made], p: Period) -> dict[str, int]:
    def inside(d: date | None) -> bool:
        return d is not None and p.start <= d <= p.end

    got = [m for m in made if inside(m.created)]
    out = {
        "received": len(got),
        "accepted": sum(inside(m.accepted) for m in made),
        "replied": sum(inside(m.replied) for m in made),
        "on_time": sum(inside(m.replied) and m.on_time for m in made),
        "repeats": sum(m.repeat for m in got),
        "collective": sum(m.collective for m in got),
        "backlog_resolved": sum(inside(m.backlog_resolved) for m in made),
    }
    for ch in CHANNELS:
        out[f"received_{ch}"] = sum(m.channel == ch for m in got)
    return out


PERIODS = [Period(date(2024, 1, 1), date(2024, 12, 31)), Period(date(2025, 3, 7), date(2025, 11, 2))]


def test_figures_page_and_api_match_the_records(users, jurisdiction, client_for):
    made = _make(users, jurisdiction)
    assert sum(m.repeat for m in made) == 4
    c = client_for(users["leader"])
    for p in PERIODS:
        want = _expected(made, p)
        page = c.get(f"/petitions/figures/?start={p.start}&end={p.end}").content.decode()
        shown = dict(re.findall(r'data-code="(\w+)">.*?data-value="(\d+)"', page, re.S))
        api = {r["code"]: r for r in c.get(f"/api/petitions/figures?start={p.start}&end={p.end}").json()}
        last = _expected(made, p.same_period_last_year())
        for code, value in want.items():
            assert int(shown[code]) == value, code
            assert api[code]["value"] == value, code
            assert api[code]["last_year"] == last[code], code
            assert compute(get_indicator(f"petitions.{code}"), jurisdiction.pk, p) == value
        # Each number opens the records behind it: the list shows exactly that many.
        listing = c.get(f"/petitions/?figure=received&date_from={p.start}&date_to={p.end}").content.decode()
        assert f'data-count="{want["received"]}"' in listing
        records = c.get(f"/api/petitions?figure=on_time&date_from={p.start}&date_to={p.end}").json()
        assert records["count"] == want["on_time"]


def test_figures_api_refuses_a_reversed_period(users, client_for):
    r = client_for(users["leader"]).get("/api/petitions/figures?start=2025-02-01&end=2025-01-01")
    assert r.status_code == 400
    assert "结束日期" in r.json()["message"]
