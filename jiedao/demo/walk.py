"""Walking one demo event through the event kind's transition table, step by step, in memory.

Every step is looked up in the kind's table (and its guard checked) exactly as the engine's
`perform` does, and the engine's own effect functions change the case. The four effects that
read the database (派发/改派/重办 look up a department and an SLA policy; 合并 looks up its target)
are mirrored here with in-memory lookups so 20,000 events need no query per step.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import gettext

from jiedao.cases import clocks
from jiedao.cases import effects as fx
from jiedao.cases.effects import EffectContext
from jiedao.cases.kinds import CaseKind
from jiedao.cases.models import Case, Rating
from jiedao.core.models import Department, SLAPolicy, User
from jiedao.demo import texts
from jiedao.demo.users import DemoStaff


class DemoPathError(RuntimeError):
    """The demo tried a step the kind's transition table does not allow (a bug in the demo)."""


@dataclass(slots=True)
class Step:
    """One timeline entry (a `cases.Action` row) as plain values, inserted in bulk later."""

    verb: str
    from_state: str
    to_state: str
    actor_id: int | None
    actor_name: str
    department_id: int | None
    at: datetime
    note: str
    data: dict[str, Any]


@dataclass
class Plan:
    """Which road an event takes through the flow; `stop_at` leaves it open in that state."""

    self_resolve: bool = False
    end: str = "archived"  # archived | rejected | merged
    early: bool = False  # reject or merge straight from 待受理
    escalate: str = ""  # "" | "done" (区级办结) | "return" (区级退回)
    give_back: bool = False
    reassign: bool = False
    extension: str = ""  # "" | "approve" | "deny"
    supervise: bool = False
    verify_fail: bool = False
    rated: bool = True
    unsatisfied: bool = False
    late_sign: bool = False
    late_resolve: bool = False
    stop_at: str = ""


def _tail(plan: Plan, *, in_district: bool = False) -> list[str]:
    # A failed check or a 重办 sends the case back to its department; a district-done case has none.
    steps = ["verify_fail", "resolve"] if plan.verify_fail and not in_district else []
    steps.append("verify")
    if plan.unsatisfied and not in_district:
        steps += ["rate", "redo", "sign", "start", "resolve", "verify"]
    if plan.rated:
        steps.append("rate")
    return [*steps, "archive"]


def steps_of(plan: Plan) -> list[str]:
    """The verbs of the plan, in order (each checked against the table when it is walked)."""
    if plan.self_resolve:
        return ["self_resolve", *(["rate"] if plan.rated else []), "archive"]
    closing = {"rejected": "reject", "merged": "merge"}.get(plan.end)
    if closing and plan.early:
        return [closing]
    steps = ["accept"]
    if closing:
        return [*steps, closing]
    if plan.escalate:
        steps.append("escalate")
        if plan.escalate == "done":
            return [*steps, "district_done", *_tail(plan, in_district=True)]
        steps.append("district_return")
    steps.append("dispatch")
    if plan.give_back:
        steps += ["give_back", "reassign"]
    elif plan.reassign:
        steps.append("reassign")
    steps.append("sign")
    if plan.supervise:
        steps.append("supervise")
    steps.append("start")
    if plan.extension:
        steps += ["request_extension", f"{plan.extension}_extension"]
    steps.append("resolve")
    return steps + _tail(plan)


@dataclass
class Context:
    """What every walk shares: the kind, the staff, departments and cached SLA policies."""

    kind: CaseKind
    staff: DemoStaff
    departments: list[Department]
    fallback_department: Department
    category_parent: dict[int, int | None]
    category_code: dict[int, str]
    category_department: dict[int, Department]
    policies: dict[tuple[int | None, str], SLAPolicy]

    def policy(self, case: Case) -> SLAPolicy:
        """The same resolution as `clocks.policy_for`: the category, its ancestors, then the default."""
        cat: int | None = case.category_id
        while cat is not None:
            found = self.policies.get((cat, case.urgency))
            if found is not None:
                return found
            cat = self.category_parent.get(cat)
        return self.policies[(None, case.urgency)]


@dataclass
class Walk:
    """One event's case and timeline being built."""

    ctx: Context
    case: Case
    rng: random.Random
    reporter: str
    actions: list[Step] = field(default_factory=list)
    rate_count: int = 0
    merge_at: datetime | None = None
    last_department: Department | None = None
    plan_unsatisfied: bool = False
    text_index: int = -1

    # --- mirrored effects that would otherwise query the database ----------------------------

    def _dispatch(self, dep: Department, ec: EffectContext) -> None:
        fx.hand_to(self.case, dep, ec, policy=self.ctx.policy(self.case))
        self.last_department = dep

    def _other_department(self) -> Department:
        current = self.last_department
        choices = [d for d in self.ctx.departments if current is None or d.pk != current.pk]
        return self.rng.choice(choices)

    def _custom(self, verb: str, ec: EffectContext) -> bool:
        case = self.case
        if verb == "dispatch":
            cat = case.category_id
            self._dispatch(self.ctx.category_department.get(cat or 0, self.ctx.fallback_department), ec)
        elif verb == "reassign":
            self._dispatch(self._other_department(), ec)
        elif verb == "redo":
            case.reopen_count += 1
            case.resolved_at = None
            case.rating = None
            if self.last_department is None:
                raise DemoPathError("redo without a department")
            self._dispatch(self.last_department, ec)
        elif verb == "merge":
            case.closed_at = ec.now
            clocks.clear_clocks(case)
            ec.data["target"] = ""  # the target's number is filled in once numbers are assigned
            self.merge_at = ec.now
        else:
            return False
        return True

    # --- one step ----------------------------------------------------------------------------

    def payload(self, verb: str) -> dict[str, Any]:
        code = self.ctx.category_code.get(self.case.category_id or 0, "")
        if verb in ("resolve", "district_done", "self_resolve"):
            return {"result": texts.result_text(self.rng, code, self.text_index)}
        if verb == "request_extension":
            return {"days": self.rng.choice((3, 5, 5, 10))}
        if verb == "rate":
            self.rate_count += 1
            value: int
            if self.rate_count == 1 and self.plan_unsatisfied:
                value = int(Rating.UNSATISFIED)
            else:
                value = self.rng.choices(list(Rating.values), (4, 22, 74))[0]
            return {"rating": value, "rating_note": self.rng.choice(texts.RATING_NOTES[value])}
        return {}

    def step(self, verb: str, at: datetime, actor: User | None) -> None:
        case, kind = self.case, self.ctx.kind
        transition = kind.find(case.state, verb)
        if transition is None or (transition.guard is not None and transition.guard(case, None) is not None):
            raise DemoPathError(f"{verb} from {case.state}")
        note = texts.note_for(self.rng, verb) if transition.needs_note else ""
        ec = EffectContext(acting_user=actor, now=at, note=note)
        if not self._custom(verb, ec):
            effect = kind.effects.get(verb)
            if effect is not None:
                effect(case, self.payload(verb), ec)
        from_state = case.state
        if transition.target is not None:
            case.state = transition.target
        case.version += 1
        self.actions.append(
            Step(
                verb,
                from_state,
                case.state,
                actor.pk if actor is not None else None,
                str(actor)[:60] if actor is not None else gettext("反映人"),
                ec.data.get("department", case.department_id),
                at,
                note,
                ec.data,
            )
        )

    # --- who acts and how long it takes ------------------------------------------------------

    def actor(self, verb: str) -> User | None:
        staff, case, rng = self.ctx.staff, self.case, self.rng
        if verb in ("sign", "give_back", "start", "resolve", "request_extension"):
            return staff.handlers.get(case.department_id or 0, staff.dispatchers[0])
        if verb == "self_resolve":
            return staff.grid_workers.get(case.grid_id or 0)
        if verb in ("verify", "verify_fail"):
            if rng.random() < 0.2:
                return staff.grid_leaders.get(case.community_id or 0)
            return staff.grid_workers.get(case.grid_id or 0)
        if verb == "supervise":
            return staff.leader
        if verb in ("approve_extension", "deny_extension"):
            return staff.leader if rng.random() < 0.7 else rng.choice(staff.dispatchers)
        if verb == "rate" and self.reporter and not case.anonymous and rng.random() < 0.6:
            return None  # the reporter rates with their code
        return rng.choice(staff.dispatchers)

    def delay(self, verb: str, t: datetime, plan: Plan) -> timedelta:
        rng, case = self.rng, self.case

        def hours(low: float, high: float) -> timedelta:
            return timedelta(hours=rng.uniform(low, high))

        def before(due: datetime | None, late: bool) -> timedelta:
            if due is None or due <= t:
                return hours(1, 48)
            if late:
                return (due - t) + hours(0.5, 72)
            return (due - t) * rng.uniform(0.1, 0.95)

        if verb == "sign":
            return before(case.sign_due, plan.late_sign)
        if verb == "resolve":
            return before(case.resolve_due, plan.late_resolve)
        table = {
            "accept": (0.1, 3),
            "reject": (0.5, 24),
            "merge": (0.2, 4),
            "self_resolve": (0.2, 2),
            "dispatch": (0.1, 2),
            "escalate": (2, 24),
            "district_done": (72, 480),
            "district_return": (48, 240),
            "give_back": (1, 24),
            "reassign": (0.5, 4),
            "start": (0.1, 3),
            "supervise": (1, 30),
            "request_extension": (4, 48),
            "approve_extension": (1, 24),
            "deny_extension": (1, 24),
            "verify": (2, 48),
            "verify_fail": (2, 48),
            "rate": (4, 96),
            "redo": (1, 24),
            "archive": (24, 168),
        }
        low, high = table[verb]
        return hours(low, high)


def run(
    ctx: Context,
    case: Case,
    plan: Plan,
    *,
    seed: int,
    reporter: str,
    created_by: User | None,
    limit: datetime | None,
    text_index: int = -1,
) -> tuple[Walk, bool]:
    """Walk `case` (fresh, in the kind's initial state) along `plan`.

    Stops early when a step would happen after `limit` (the case stays open where it is).
    Returns the walk and whether the plan was followed to its end or to its `stop_at` state.
    """
    walk = Walk(
        ctx, case, random.Random(seed), reporter, plan_unsatisfied=plan.unsatisfied, text_index=text_index
    )
    t = case.created_at
    by = str(created_by)[:60] if created_by is not None else reporter
    walk.actions.append(
        Step(
            "report",
            "",
            case.state,
            created_by.pk if created_by else None,
            by,
            None,
            t,
            "",
            {"channel": case.channel},
        )
    )
    if plan.stop_at == case.state:
        return walk, True
    for verb in steps_of(plan):
        actor = walk.actor(verb)
        at = t + walk.delay(verb, t, plan)
        if limit is not None and at > limit:
            return walk, False
        walk.step(verb, at, actor)
        t = at
        if plan.stop_at and case.state == plan.stop_at:
            return walk, True
    return walk, not plan.stop_at
