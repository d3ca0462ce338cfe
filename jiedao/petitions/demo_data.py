"""A year of petitions for the demo 街道: walked through the engine on legal paths of the table.

Repeats (the same person on the same matter), collective visits, 越级访, extensions, late replies,
复查/复核 chains and 积案 with 包案领导 (three 国家级 backlog cases settled, as the seed report says).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from jiedao.cases import actions
from jiedao.cases.models import Case
from jiedao.core.crypto import id_check_char
from jiedao.core.errors import InvalidInput
from jiedao.core.models import User
from jiedao.demo.extensions import DemoContext
from jiedao.petitions import categories
from jiedao.petitions.intake import PetitionDraft, PetitionerInput, register_petition
from jiedao.petitions.repeats import tokens

COUNT = 320
CHANNELS = [("visit", 35), ("letter", 25), ("call", 25), ("web", 10), ("superior", 5)]
TYPES = [("claim", 70), ("accusation", 15), ("suggestion", 15)]
MATTERS = {
    "wage": ["{c}工地拖欠农民工工资", "包工头拖欠{c}务工人员工资"],
    "rural": ["{c}集体资产收益分配不公开", "{c}村务公开不及时"],
    "land": ["{c}征地拆迁补偿款未到位", "{c}宅基地审批迟迟未办"],
    "urban": ["{c}小区物业乱收停车费", "{c}违章搭建影响采光", "{c}老旧小区加装电梯协调难"],
    "labour": ["{c}企业未缴纳社会保险", "{c}劳动合同纠纷"],
    "civil": ["{c}低保资格认定有异议", "{c}养老服务补贴未发放"],
    "environment": ["{c}夜间施工噪声扰民", "{c}餐饮油烟污染"],
    "transport": ["{c}公交线路调整不便出行"],
    "health": ["{c}社区卫生服务站服务态度差"],
    "education": ["{c}适龄儿童入学安排有异议"],
}


@dataclass
class _Person:
    name: str
    id_number: str
    phone: str


def _weighted(ctx: DemoContext, pairs: list[tuple[str, int]]) -> str:
    return ctx.rng.choices([v for v, _w in pairs], weights=[w for _v, w in pairs])[0]


def _person(ctx: DemoContext) -> _Person:
    rng = ctx.rng
    birth = datetime(1950, 1, 1) + timedelta(days=rng.randint(0, 365 * 50))
    first17 = f"330302{birth:%Y%m%d}{rng.randint(0, 999):03d}"
    phone = f"1{rng.choice('35789')}{rng.randint(0, 999999999):09d}"
    return _Person(ctx.names.person(), first17 + id_check_char(first17), phone)


def _category(ctx: DemoContext, top: str) -> str:
    children = [c.code for c in categories.all_categories() if c.parent == top]
    return ctx.rng.choice(children) if children else top


class _Walk:
    """Moves one petition along the table, never past `now`."""

    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.dispatcher = ctx.staff.dispatchers[0]
        self.leader = ctx.staff.leader
        self.deps = [d for d in ctx.departments if d.pk in ctx.staff.handlers]
        self.counts = {"replied": 0, "reviews": 0, "rechecks": 0, "extended": 0}

    def act(self, case: Case, action: str, at: datetime, user: User, **kw: Any) -> bool:
        if at >= self.ctx.now:
            return False
        actions.perform(case.pk, action, acting_user=user, now=at, **kw)
        return True

    def handle(self, case: Case, start: datetime, limit: int) -> datetime | None:
        """受理 → 交办 → (延期) → 答复; returns when the reply was given, if it was."""
        rng = self.ctx.rng
        dep = rng.choice(self.deps)
        handler = self.ctx.staff.handlers[dep.pk]
        if not self.act(case, "accept", start, self.dispatcher):
            return None
        self.act(case, "assign", start + timedelta(hours=2), self.dispatcher, payload={"department": dep.pk})
        if rng.random() < 0.06 and self.act(
            case,
            "request_extension",
            start + timedelta(days=20),
            handler,
            payload={"extension_days": rng.randint(10, 30)},
            note="涉及多个部门，需进一步调查核实",
        ):
            self.act(case, "approve_extension", start + timedelta(days=21), self.leader)
            self.counts["extended"] += 1
            limit += 30
        replied = start + timedelta(days=rng.randint(4, limit + 8), hours=rng.randint(1, 6))
        result = "经调查核实，已责成相关单位依法处理，并将处理情况当面告知信访人。"
        if self.act(case, "reply", replied, handler, payload={"result": result}):
            self.counts["replied"] += 1
            return replied
        return None

    def follow(self, case: Case, replied: datetime, action: str, limit: int) -> None:
        rng = self.ctx.rng
        asked = replied + timedelta(days=rng.randint(3, 25))
        if not self.act(case, action, asked, self.dispatcher):
            return
        self.counts["reviews" if action == "request_review" else "rechecks"] += 1
        child = Case.objects.get(petition__parent_id=case.pk)
        again = self.handle(child, asked + timedelta(days=1), limit)
        if again and action == "request_review" and rng.random() < 0.35:
            self.follow(child, again, "request_recheck", 25)


def load(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng
    walk = _Walk(ctx)
    people = [_person(ctx) for _ in range(COUNT)]
    communities = [c.name for c in ctx.communities] or ["江心岛"]
    moments = sorted(ctx.now - timedelta(days=rng.uniform(0.2, 365)) for _ in range(COUNT))
    earlier: list[tuple[Case, _Person, str, str, str]] = []
    cases: list[Case] = []
    for i, at in enumerate(moments):
        repeat = earlier and rng.random() < 0.12
        if repeat:
            first, person, title, content, category = rng.choice(earlier[-150:])
            title = f"{title}（再次反映）"
            choice = first.number
        else:
            person = people[i]
            top = rng.choice(list(MATTERS))
            title = rng.choice(MATTERS[top]).format(c=rng.choice(communities))
            content = f"{person.name}反映：{title}，多次向有关单位反映未果，请求街道协调解决。"
            category = _category(ctx, top)
            choice = "none"
        count = rng.randint(5, 18) if rng.random() < 0.04 else rng.choice([1, 1, 1, 2])
        draft = PetitionDraft(
            jurisdiction=ctx.jurisdiction,
            title=title,
            content=content,
            channel=_weighted(ctx, CHANNELS),
            petition_type=_weighted(ctx, TYPES),
            content_category=category,
            person_count=count,
            over_level=rng.random() < 0.03,
            petitioners=[PetitionerInput(person.name, person.id_number, person.phone)],
            repeat_choice=choice,
            tokens=tokens(f"{title} {content}"),
        )
        case = register_petition(draft, acting_user=walk.dispatcher, now=at)
        cases.append(case)
        if not repeat:
            earlier.append((case, person, title, content, category))
        decided = at + timedelta(days=rng.uniform(0.1, 4))
        roll = rng.random()
        if roll < 0.07:
            walk.act(
                case,
                "reject",
                decided,
                walk.dispatcher,
                note="该事项已经依法处理，信访人以同一事实和理由再次提出",
            )
        elif roll < 0.13:
            walk.act(case, "transfer", decided, walk.dispatcher, payload={"transferred_to": "区人力社保局"})
        else:
            try:
                replied = walk.handle(case, decided, 55)
            except InvalidInput as exc:  # the matter ended with a 复核 opinion: not accepted again
                if exc.code != "terminated":
                    raise
                walk.act(case, "reject", decided, walk.dispatcher, note="该信访事项已经复核终结，不再受理")
                continue
            if replied and rng.random() < 0.1:
                walk.follow(case, replied, "request_review", 25)
            elif replied and rng.random() < 0.25:
                walk.act(case, "archive", replied + timedelta(days=31), walk.dispatcher)
    backlog = _backlog(ctx, walk, cases[:60])
    return {
        "信访件": len(cases),
        "信访件·已答复": walk.counts["replied"],
        "信访件·复查": walk.counts["reviews"],
        "信访件·复核": walk.counts["rechecks"],
        "信访件·延期": walk.counts["extended"],
        "信访积案": backlog,
    }


def _backlog(ctx: DemoContext, walk: _Walk, old: list[Case]) -> int:
    """Six long-running matters become 积案 with the 街道 leader as 包案领导; three 国家级 are settled."""
    picked = ctx.rng.sample(old, min(6, len(old)))
    for n, case in enumerate(picked):
        level = "国家级" if n < 3 else "区级"
        at = case.created_at + timedelta(days=5)
        walk.act(
            case, "mark_backlog", at, walk.leader, payload={"leader": walk.leader.pk, "backlog_level": level}
        )
        settled = case.created_at + timedelta(days=ctx.rng.randint(60, 200))
        if n < 4 and settled < ctx.now:
            walk.act(
                case,
                "resolve_backlog",
                settled,
                walk.leader,
                payload={
                    "outcome": "settled" if n < 3 else "other",
                    "resolved_on": settled.date().isoformat(),
                },
            )
    return len(picked)
