"""The demo's year of mediation: every room busy, legal paths of the table, figures that add up,
the demo mediators see their own room, and open disputes carry on through the real engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from jiedao.cases import actions as engine
from jiedao.cases.models import Case
from jiedao.core.indicators import Period, compute, get_indicator
from jiedao.core.models import Jurisdiction, User
from jiedao.demo.actions import load_demo
from jiedao.mediation.kind import MEDIATION_KIND
from jiedao.mediation.models import Dispute, Room
from tests.demo.conftest import NOW, small_options


@pytest.fixture
def demo(db: None, tmp_path: Path) -> dict[str, Any]:
    return load_demo(acting_user=None, options=small_options(tmp_path))


def test_demo_mediation(demo: dict[str, Any]) -> None:
    jur = Jurisdiction.objects.get(code="jiangxin")
    cases = Case.objects.filter(jurisdiction=jur, kind="mediation")
    assert 100 <= cases.count() <= 160
    assert demo["extensions"]["矛盾纠纷"] == cases.count()
    per_room = {r.name: Dispute.objects.filter(room=r).count() for r in Room.objects.filter(jurisdiction=jur)}
    assert all(n >= 10 for n in per_room.values()), per_room
    states = set(cases.values_list("state", flat=True))
    assert {"mediating", "agreed", "confirmed", "archived", "litigation", "court_done"} <= states
    assert Dispute.objects.filter(case__jurisdiction=jur, source_event__isnull=False).count() >= 10
    # Every timeline is a legal path of the table.
    for case in cases.prefetch_related("actions"):
        state = MEDIATION_KIND.initial
        for action in case.actions.all():
            if action.verb in ("report", "document"):
                continue
            transition = MEDIATION_KIND.find(state, action.verb)
            assert transition is not None, (case.number, state, action.verb)
            state = transition.target or state
        assert state == case.state
    # The year's figures: success rate between the mediation norms of a busy room.
    year = Period(NOW.date().replace(year=NOW.year - 1), NOW.date())
    received = compute(get_indicator("mediation.received"), jur.pk, year)
    assert received == cases.count()
    rate = compute(get_indicator("mediation.success_rate"), jur.pk, year)
    assert 60 <= rate <= 95
    # A demo mediator sees their own room only, and an open dispute carries on.
    mediator = User.objects.get(username="mediator_gong")
    client = Client()
    client.force_login(mediator)
    listed = client.get("/api/mediation?page_size=100").json()
    assert listed["count"] == per_room["工调室"]
    open_case = cases.filter(state="mediating", mediation__room__code="gong").first()
    assert open_case is not None
    today = timezone.localdate().isoformat()
    payload = {"held_on": today, "attendees": "双方", "record": "继续调解。"}
    engine.perform(open_case.pk, "record_session", acting_user=mediator, payload=payload)
