"""Demo registers for 江心岛: two years and this one of projects, public works, land, 拆违, ledger.

Bulk rows are not audited one by one (the demo load writes one summary entry).

Each record walks its stage flow with dates that never pass `now`; rows, milestones, stage
and stage history are written with bulk_create (one insert per table and kind).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from jiedao.core.geo import centroid_of
from jiedao.core.models import Tag
from jiedao.registers.models import (
    IllegalStructure,
    LandParcel,
    LedgerEntry,
    LedgerType,
    ParcelMilestone,
    Project,
    ProjectMilestone,
    StageChange,
    StructureMilestone,
)
from jiedao.registers.stages import INVESTMENT, LAND, PUBLIC_WORK, STRUCTURE, Flow

if TYPE_CHECKING:
    from jiedao.demo.extensions import DemoContext

# name, sector, source, investment (万元), furthest stage index in the investment flow
PROJECTS = [
    ("院士岛·潘院士智能感知产业化项目", "smart_manufacturing", "academician", 52000, 3),
    ("院士岛·徐院士生物医药产业化项目", "life_health", "academician", 38000, 2),
    ("院士岛·林院士新材料产业化项目", "smart_manufacturing", "academician", 26000, 1),
    ("国际智能制造产业化服务中心", "smart_manufacturing", "platform", 150000, 4),
    ("世界青年科学家学术交流中心二期", "digital_economy", "platform", 86000, 3),
    ("数字经济产业园", "digital_economy", "wenzhou_merchants", 64000, 2),
    ("华商中心", "digital_economy", "overseas_return", 45000, 1),
    ("鹿泰总部科创园", "smart_manufacturing", "overseas_return", 32000, 5),
    ("科技岛国际康养项目", "elderly_care", "overseas_return", 28000, 1),
    ("生命健康研究院", "life_health", "self", 18000, 2),
    ("江心文创街区", "cultural_creative", "self", 9000, 3),
    ("都市休闲观光农业项目", "modern_agriculture", "self", 3500, 1),
    ("房车营地与共享小院", "cultural_creative", "wenzhou_merchants", 2600, 0),
    ("乡村旅游集散中心", "cultural_creative", "self", 4200, 0),
    ("低碳研学馆", "cultural_creative", "self", 1800, 5),
    ("海外院士工作站", "life_health", "academician", 12000, 0),
]
# name, sector, investment, furthest stage index in the public-work flow
PUBLIC_WORKS = [
    ("建设小学江心分校", "education", 32000, 2),
    ("实验中学江心分校", "education", 41000, 2),
    ("江心国际康养中心", "elderly_care", 56000, 1),
    ("高端人才公寓", "infrastructure", 48000, 4),
    ("龙形公园", "infrastructure", 12000, 0),
    ("科技岛一号路", "infrastructure", 6000, 1),
    ("科技岛二号路", "infrastructure", 5200, 0),
    ("街道卫生服务中心", "elderly_care", 7800, 0),
]
# ledger type code → (entries per year, quantity range, titles)
LEDGER = {
    "articles": (48, (6, 14), ["掌上鹿城推文", "微信公众号推文", "“慢米”系列活动报道"]),
    "article_reads": (12, (60000, 110000), ["月度文章点击量"]),
    "media_coverage": (
        40,
        (1, 2),
        ["浙江在线报道拆征工作", "光明网转载", "《光明日报》报道山海协作", "温州日报专题", "鹿城新闻报道"],
    ),
    "activities": (
        30,
        (1, 2),
        ["世界青年科学家峰会", "“红色链人”跨界分享会", "慢米节", "海外小侨民假期快乐营"],
    ),
    "party_meetings": (36, (1, 1), ["支部党员大会", "支委会", "党小组会", "党课"]),
    "party_days": (12, (1, 1), ["主题党日：听党史、讲党课、跟党走"]),
    "volunteers": (6, (20, 60), ["晚晴亭义工队招募", "“同心为老”服务团队招募"]),
    "service_hours": (24, (80, 300), ["志愿服务时长登记"]),
    "honours": (4, (1, 1), ["省级未来社区创建名单", "省级优秀案例", "市级水美乡村", "无废村庄建设试点"]),
    "talents": (10, (1, 6), ["大学生招引", "硕士研究生招引", "省级人才计划引进"]),
}
LEVELS = {
    "media_coverage": ["central", "provincial", "provincial", "city", "city", "district"],
    "honours": ["provincial", "city", "city", "district"],
    "talents": ["bachelor", "bachelor", "master", "master", "provincial_talent"],
}


class _Book:
    """Collects rows, milestones and stage history, then writes each table with one insert."""

    def __init__(self, ctx: DemoContext, start: date, end: date):
        self.ctx, self.rng, self.start, self.end = ctx, ctx.rng, start, end
        self.jur = ctx.jurisdiction
        officer = next((u for u in ctx.staff.others if u.username.endswith("project_officer")), None)
        self.officer = officer or ctx.staff.admin

    def day(self, lo: date | None = None, hi: date | None = None) -> date:
        lo, hi = lo or self.start, hi or self.end
        return lo + timedelta(days=self.rng.randint(0, max(0, (hi - lo).days)))

    def walk(self, flow: Flow, steps: int, first: date, gap: tuple[int, int]) -> dict[str, date]:
        """Dates of the first `steps`+1 stages (one branch of a fork), stopping before `end`."""
        dates: dict[str, date] = {}
        day, order = first, 0
        for stage in flow.stages:
            if stage.order != order or order > steps:
                continue
            if day > self.end:
                break
            dates[stage.code] = day
            day += timedelta(days=self.rng.randint(*gap))
            order += 1
        return dates

    def save(
        self, model: type[Any], rows: list[tuple[Any, dict[str, date]]], milestone: type[Any], plan: int
    ) -> None:
        """Write the rows, their milestones and stage history. The stage after the one reached is
        planned `plan` days after it (no random draw: the other demo data stays as it was), so
        some rows are late with their next milestone and some have one coming up."""
        model.objects.bulk_create([obj for obj, _d in rows])
        ms, changes = [], []
        for obj, dates in rows:
            flow = obj.flow
            previous = flow.initial.code
            following = flow.following(obj.stage)
            planned = {following[0].code: dates[obj.stage] + timedelta(days=plan)} if following else {}
            for s in flow.stages:
                ms.append(
                    milestone(
                        record=obj,
                        stage=s.code,
                        actual_date=dates.get(s.code),
                        planned_date=planned.get(s.code),
                    )
                )
                if s.code in dates and s.order > 0:
                    changes.append(
                        StageChange(
                            jurisdiction=self.jur,
                            object_type=model._meta.label_lower,
                            object_id=obj.pk,
                            from_stage=previous,
                            to_stage=s.code,
                            on=dates[s.code],
                            user=obj.created_by,
                        )
                    )
                    previous = s.code
        milestone.objects.bulk_create(ms)
        StageChange.objects.bulk_create(changes)


def _projects(book: _Book) -> int:
    tags = {
        (t.tag_set, t.code): t
        for t in Tag.objects.filter(jurisdiction=book.jur, tag_set__startswith="project_")
    }
    depts = book.ctx.departments
    rows = []
    for name, sector, source, amount, steps in PROJECTS:
        first = book.day(hi=book.end - timedelta(days=60 * steps + 30))
        dates = book.walk(INVESTMENT, steps, first, (30, 110))
        stage = max(dates, key=lambda c: INVESTMENT.get(c).order)  # type: ignore[union-attr]
        rows.append(
            (
                Project(
                    jurisdiction=book.jur, name=name, kind="investment", stage=stage,
                    sector=tags.get(("project_sector", sector)), source=tags.get(("project_source", source)),
                    investment=Decimal(amount), leader=book.ctx.staff.leader, created_by=book.officer,
                    department=book.rng.choice(depts) if depts else None,
                ),
                dates,
            )
        )  # fmt: skip
    for name, sector, amount, steps in PUBLIC_WORKS:
        first = book.day(hi=book.end - timedelta(days=90 * steps + 30))
        dates = book.walk(PUBLIC_WORK, steps, first, (60, 200))
        stage = max(dates, key=lambda c: PUBLIC_WORK.get(c).order)  # type: ignore[union-attr]
        rows.append(
            (
                Project(
                    jurisdiction=book.jur, name=name, kind="public_work", stage=stage,
                    sector=tags.get(("project_sector", sector)),
                    source=tags.get(("project_source", "government")),
                    investment=Decimal(amount), leader=book.ctx.staff.leader, created_by=book.officer,
                ),
                dates,
            )
        )  # fmt: skip
    book.save(Project, rows, ProjectMilestone, plan=120)
    return len(rows)


def _parcels(book: _Book) -> int:
    rows = []
    villages = [c for c in book.ctx.communities if c.name.endswith("村")] or book.ctx.communities
    for i in range(24):
        village = villages[i % len(villages)]
        steps = book.rng.choice([1, 2, 3, 4, 4, 4])
        dates = book.walk(LAND, steps, book.day(hi=book.end - timedelta(days=40 * steps + 10)), (15, 80))
        if "sold" in dates and book.rng.random() < 0.5:
            dates["acquired"] = dates.pop("sold")
        stage = max(dates, key=lambda c: LAND.get(c).order)  # type: ignore[union-attr]
        area = Decimal(book.rng.randint(30, 110)) + Decimal(book.rng.randint(0, 99)) / 100
        parcel = LandParcel(
            jurisdiction=book.jur, name=f"{village.name}{i // len(villages) + 1}号地块", community=village,
            area_mu=area, stage=stage, created_by=book.officer,
        )  # fmt: skip
        rows.append((parcel, dates))
    book.save(LandParcel, rows, ParcelMilestone, plan=60)
    return len(rows)


def _structures(book: _Book) -> int:
    rows = []
    workers = book.ctx.staff.grid_workers
    for _n in range(420):
        grid = book.rng.choice(book.ctx.grids)
        steps = 3 if book.rng.random() < 0.85 else book.rng.randint(0, 2)
        dates = book.walk(STRUCTURE, steps, book.day(), (3, 25))
        stage = max(dates, key=lambda c: STRUCTURE.get(c).order)  # type: ignore[union-attr]
        lat, lng = centroid_of(grid.geometry)
        structure = IllegalStructure(
            jurisdiction=book.jur, community=grid.community, grid=grid, lat=lat, lng=lng, stage=stage,
            address=f"{grid.community.name}{book.rng.randint(1, 199)}号旁", description="违规搭建彩钢棚",
            area_m2=Decimal(book.rng.randint(20, 220)), created_by=workers.get(grid.pk, book.officer),
        )  # fmt: skip
        rows.append((structure, dates))
    book.save(IllegalStructure, rows, StructureMilestone, plan=20)
    return len(rows)


def _ledger(book: _Book) -> int:
    types = {t.code: t for t in LedgerType.objects.filter(jurisdiction=book.jur)}
    dispatcher = book.ctx.staff.dispatchers[0] if book.ctx.staff.dispatchers else book.officer
    years = (book.end - book.start).days / 365
    entries = []
    for code, (per_year, (lo, hi), titles) in LEDGER.items():
        kind = types.get(code)
        if kind is None:
            continue
        for _n in range(int(per_year * years)):
            entries.append(
                LedgerEntry(
                    jurisdiction=book.jur, type=kind, date=book.day(), title=book.rng.choice(titles),
                    quantity=Decimal(book.rng.randint(lo, hi)), unit=kind.unit,
                    level=book.rng.choice(LEVELS[code]) if code in LEVELS else "",
                    attendance=book.rng.randint(12, 80) if kind.attendance else None,
                    community=book.rng.choice(book.ctx.communities), created_by=dispatcher,
                )
            )  # fmt: skip
    return len(LedgerEntry.objects.bulk_create(entries))


def load(ctx: DemoContext) -> dict[str, int]:
    end = ctx.now.date()
    book = _Book(ctx, date(end.year - 2, 1, 1), end)
    return {
        "项目": _projects(book),
        "地块": _parcels(book),
        "违章建筑": _structures(book),
        "台账记录": _ledger(book),
    }
