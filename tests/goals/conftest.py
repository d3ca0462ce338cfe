"""Events spread over two years: created through the engine, then dated back as history."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from jiedao.cases import actions
from jiedao.cases.models import Case, Channel, Rating, TimeStatus
from jiedao.core.models import Category, Department, Grid, Jurisdiction, User
from jiedao.events.intake import validate_event

START = datetime(2024, 1, 1, tzinfo=timezone.get_current_timezone())
SPAN_DAYS = 730


@dataclass
class History:
    cases: list[Case]
    self_resolved: set[int]


def new_event(jurisdiction: Jurisdiction, by: User, grid: Grid, title: str = "路灯不亮") -> Case:
    body = {
        "title": title,
        "description": "小区东门路灯连续三晚不亮。",
        "lat": grid.centroid_lat,
        "lng": grid.centroid_lng,
    }
    case, _code = actions.create_case(
        validate_event(body, jurisdiction=jurisdiction, user=by), acting_user=by
    )
    return case


@pytest.fixture
def history(jurisdiction: Jurisdiction, users: dict[str, User], grids: dict[str, Grid]) -> History:
    """48 events with created/resolved dates over 2024–2025, channels, ratings and time statuses
    chosen by a seeded random walk; six of them self-resolved by the grid worker."""
    rng = random.Random(20240101)
    dept = Department.objects.get(jurisdiction=jurisdiction, code="enforcement")
    self_resolved: set[int] = set()
    for i in range(48):
        case = new_event(jurisdiction, users["grid_worker"], grids["G1"], title=f"事件{i}")
        if i % 8 == 0:
            lamp = Category.objects.get(jurisdiction=jurisdiction, code="facility.streetlight")
            payload = {"result": "已处理", "category": lamp.pk}  # 自办自结 classifies the event
            actions.perform(case.pk, "self_resolve", acting_user=users["grid_worker"], payload=payload)
            self_resolved.add(case.pk)
        created = START + timedelta(days=rng.randrange(SPAN_DAYS), hours=rng.randrange(24))
        fields: dict[str, object] = {
            "created_at": created,
            "channel": rng.choice([Channel.HOTLINE, Channel.GRID, Channel.CALL]),
        }
        if case.pk in self_resolved or rng.random() < 0.6:
            fields["resolved_at"] = created + timedelta(days=rng.randrange(40), hours=rng.randrange(24))
            fields["time_status"] = rng.choice([TimeStatus.GREEN, TimeStatus.RED, TimeStatus.NONE])
            fields["rating"] = rng.choice([None, Rating.SATISFIED, Rating.BASIC, Rating.UNSATISFIED])
            fields["state"] = "rated" if fields["rating"] else "verified"
        else:
            fields["state"] = "processing"
            fields["department"] = dept
            fields["time_status"] = rng.choice([TimeStatus.GREEN, TimeStatus.RED, TimeStatus.YELLOW])
        Case.objects.filter(pk=case.pk).update(**fields)
    return History(list(Case.objects.filter(kind="event").order_by("pk")), self_resolved)
