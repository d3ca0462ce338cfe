"""The demo's events: every state and channel, legal timelines, right clocks, numbers that fit."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC
from typing import Any

from django.db.models import QuerySet
from shapely.geometry import Point, shape

from jiedao.cases import clocks
from jiedao.cases.actions import NewCase, create_case, perform
from jiedao.cases.kinds import REPORTER, get_kind
from jiedao.cases.models import Action, Case, Channel, DepartmentCard, Sequence, TimeStatus
from jiedao.core import geo
from jiedao.core.models import AuditEntry, Department, Grid, Jurisdiction, Role, RoleAssignment, User
from jiedao.registry.models import Place
from tests.demo.conftest import NOW


def _events() -> QuerySet[Case]:
    """The demo's events (other apps' demo extensions add cases of their own kinds)."""
    return Case.objects.filter(kind="event")


def test_every_event_state_and_channel_appears(small_demo: dict[str, Any]) -> None:
    kind = get_kind("event")
    assert small_demo["events"] == _events().count() == 300
    assert set(_events().values_list("state", flat=True)) == set(kind.states)
    assert set(_events().values_list("channel", flat=True)) == set(Channel.values)
    verbs = set(Action.objects.values_list("verb", flat=True))
    for verb in ("merge", "escalate", "approve_extension", "supervise", "rate", "reject", "self_resolve"):
        assert verb in verbs


def test_every_point_lies_inside_its_grid(small_demo: dict[str, Any]) -> None:
    jur = Jurisdiction.objects.get(code="jiangxin")
    polygons = {g.pk: shape(g.geometry) for g in Grid.objects.filter(jurisdiction=jur)}
    assert len(polygons) == 30
    cases = list(_events().values_list("grid_id", "community_id", "lat", "lng"))
    places = list(Place.objects.values_list("grid_id", "community_id", "lat", "lng"))
    grid_community = dict(Grid.objects.values_list("id", "community_id"))
    for grid_id, community_id, lat, lng in cases + places:
        assert polygons[grid_id].contains(Point(lng, lat))
        assert grid_community[grid_id] == community_id
    # The platform's own point → grid lookup agrees.
    for grid_id, _c, lat, lng in cases[:40]:
        found = geo.locate_grid(jur.pk, float(lat or 0), float(lng or 0))
        assert found is not None
        assert found.pk == grid_id


def test_timelines_are_legal_paths_of_the_transition_table(small_demo: dict[str, Any]) -> None:
    kind = get_kind("event")
    roles: dict[int, set[str]] = defaultdict(set)
    departments: dict[int, int | None] = {}
    for user_id, role, department_id in RoleAssignment.objects.values_list("user_id", "role", "department"):
        roles[user_id].add(role)
        departments[user_id] = department_id
    timeline: dict[int, list[Action]] = defaultdict(list)
    for action in Action.objects.order_by("at", "id"):
        timeline[action.case_id].append(action)
    for case in _events():
        actions = timeline[case.pk]
        first = actions[0]
        assert (first.verb, first.from_state, first.to_state) == ("report", "", kind.initial)
        assert first.at == case.created_at
        state = kind.initial
        for a in actions[1:]:
            transition = kind.find(state, a.verb)
            assert transition is not None, (case.number, state, a.verb)
            assert a.from_state == state
            assert a.to_state == (transition.target or state)
            if a.actor_id is None:
                assert REPORTER in transition.roles
            else:
                assert roles[a.actor_id] & transition.roles, (a.verb, roles[a.actor_id])
                if transition.roles == {Role.HANDLER}:  # only the department holding the case acts
                    assert departments[a.actor_id] == a.department_id
            if transition.needs_note:
                assert a.note
            state = a.to_state
        assert state == case.state
        times = [a.at for a in actions]
        assert times == sorted(times)
        assert times[-1] <= NOW
        assert case.version == len(actions)


def test_deadlines_and_time_status_match_the_clock_code(small_demo: dict[str, Any]) -> None:
    kind = get_kind("event")
    open_with_clock = _events().filter(state__in=[s for s, st in kind.states.items() if st.clock])
    statuses = set()
    for case in open_with_clock:
        assert case.due_at is not None
        assert case.department_id is not None
        assert case.time_status == clocks.status_at(case, NOW)
        statuses.add(case.time_status)
    assert {TimeStatus.RED, TimeStatus.YELLOW} <= statuses
    for case in _events().exclude(dispatched_at=None).exclude(state="escalated"):
        if case.sign_due is not None:
            assert case.dispatched_at is not None
            assert case.resolve_due is not None
            assert case.sign_due > case.dispatched_at
            assert case.resolve_due >= case.sign_due
    red = _events().filter(time_status=TimeStatus.RED).exclude(department=None)
    assert red.exists()
    assert DepartmentCard.objects.filter(color="red").count() == red.count()
    assert _events().filter(extension_days__gt=0).exists()
    assert _events().filter(rating__isnull=False).exists()


def test_merged_events_point_at_an_earlier_case_open_at_the_time(small_demo: dict[str, Any]) -> None:
    merged = _events().filter(state="merged")
    assert merged.exists()
    for case in merged:
        target = case.merged_into
        assert target is not None
        assert target.merged_into_id is None
        merge = case.actions.get(verb="merge")
        assert merge.data["target"] == target.number
        assert target.created_at < merge.at
        assert target.closed_at is None or target.closed_at > merge.at


def test_case_numbers_are_unique_and_the_sequence_is_ahead(small_demo: dict[str, Any]) -> None:
    jur = Jurisdiction.objects.get(code="jiangxin")
    # Other kinds' demo extensions number their cases in their own series.
    rows = list(_events().order_by("created_at").values_list("number", "created_at"))
    numbers = [n for n, _at in rows]
    assert len(set(numbers)) == len(numbers)
    highest: dict[int, int] = {}
    for number, at in rows:
        m = re.fullmatch(r"JX(\d{4})(\d{7})", number)
        assert m is not None
        year, seq = int(m[1]), int(m[2])
        assert year == at.astimezone(UTC).year
        assert seq > highest.get(year, 0)  # numbered in order of creation
        highest[year] = seq
    stored = dict(Sequence.objects.filter(jurisdiction=jur, name="case:event").values_list("year", "value"))
    assert stored == highest
    # A real intake after the demo gets the next number, not a used one.
    case, _code = create_case(
        NewCase(
            jurisdiction=jur, kind="event", title="路灯不亮", description="测试", channel="call", fields={}
        ),
        acting_user=None,
        now=NOW,
    )
    assert case.number == f"JX2026{highest[2026] + 1:07d}"


def test_one_audit_entry_summarises_the_load(small_demo: dict[str, Any]) -> None:
    after = AuditEntry.objects.get(action="demo_load").after or {}
    assert after["events"] == 300
    assert after["seed"] == 7
    # Configuration and grid imports are audited by their own actions; the bulk rows are not.
    # (Other apps' demo extensions walk their cases through the engine, which audits each step.)
    others = {str(pk) for pk in Case.objects.exclude(kind="event").values_list("pk", flat=True)}
    base = [
        (kind, pk)
        for kind, pk in AuditEntry.objects.values_list("object_type", "object_id")
        if kind.split(".")[0] in ("core", "cases", "events", "registry")
        and not (kind == "cases.case" and pk in others)
    ]
    assert len(base) < 200


# state → (verb, who acts, payload) for carrying an open demo case one step further.
NEXT_STEP: dict[str, tuple[str, str, dict[str, Any]]] = {
    "reported": ("accept", "dispatcher1", {}),
    "accepted": ("dispatch", "dispatcher1", {"department": "enforcement", "urgency": "normal"}),
    "returned": ("reassign", "dispatcher1", {"department": "enforcement"}),
    "dispatched": ("sign", "handler", {}),
    "signed": ("start", "handler", {}),
    "processing": ("resolve", "handler", {"result": "已处置完毕。"}),
    "resolved": ("verify", "grid", {}),
    "verified": ("rate", "dispatcher1", {"rating": 3}),
    "rated": ("archive", "dispatcher1", {}),
    "escalated": ("district_done", "dispatcher1", {"result": "区级已办结。"}),
}


def test_open_demo_cases_carry_on_through_the_real_engine(small_demo: dict[str, Any]) -> None:
    kind = get_kind("event")
    departments = {d.code: d for d in Department.objects.all()}
    for state, (verb, who, payload) in NEXT_STEP.items():
        case = _events().filter(state=state).order_by("id").first()
        assert case is not None, state
        if who == "handler":
            assert case.department is not None
            who = f"handler_{case.department.code}"
        elif who == "grid":
            assert case.grid is not None
            who = f"grid_{case.grid.code}"
        if "department" in payload:
            payload = {**payload, "department": departments[payload["department"]].pk}
        transition = kind.find(state, verb)
        assert transition is not None
        done = perform(
            case.pk,
            verb,
            acting_user=User.objects.get(username=who),
            payload=payload,
            note="演示后续办理" if transition.needs_note else "",
            expected_version=case.version,
        )
        assert done.state == (transition.target or state)
        assert done.actions.order_by("-at", "-id").first().verb == verb  # type: ignore[union-attr]
