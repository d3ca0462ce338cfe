"""Independent counts over the database, with plain ORM, for every indicator the report may print.

Written from the meaning of each figure (PRODUCT §2–§8), not from the indicator code: if an
indicator's query drifts from what its label says, the report test fails here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Model

from jiedao.cases.models import Action, Case
from jiedao.goals.models import ManualValue
from jiedao.mediation.models import Dispute
from jiedao.petitions.models import Petition
from jiedao.registers.models import LedgerEntry, ParcelMilestone, ProjectMilestone, StructureMilestone

Counter = Callable[[int, int], Decimal]  # (jurisdiction id, year) → value


def year_bounds(year: int) -> tuple[datetime, datetime]:
    tz = ZoneInfo(settings.TIME_ZONE)
    return (
        datetime.combine(date(year, 1, 1), time.min, tzinfo=tz),
        datetime.combine(date(year, 12, 31) + timedelta(days=1), time.min, tzinfo=tz),
    )


def _events_created(jid: int, year: int) -> list[Case]:
    lo, hi = year_bounds(year)
    return [c for c in Case.objects.filter(jurisdiction_id=jid, kind="event") if lo <= c.created_at < hi]


def _events_resolved(jid: int, year: int) -> list[Case]:
    lo, hi = year_bounds(year)
    return [
        c
        for c in Case.objects.filter(jurisdiction_id=jid, kind="event", resolved_at__isnull=False)
        if lo <= c.resolved_at < hi  # type: ignore[operator]
    ]


def _share(cases: list[Any], keep: Callable[[Any], bool]) -> Decimal:
    if not cases:
        return Decimal(0)
    return (Decimal(sum(1 for c in cases if keep(c))) * 100 / len(cases)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def _self_resolved(jid: int, year: int) -> Decimal:
    ids = {c.pk for c in _events_resolved(jid, year)}
    acted = set(Action.objects.filter(verb="self_resolve").values_list("case_id", flat=True))
    return Decimal(len(ids & acted))


COUNTS: dict[str, Counter] = {
    "events.received": lambda jid, y: Decimal(len(_events_created(jid, y))),
    "events.resolved": lambda jid, y: Decimal(len(_events_resolved(jid, y))),
    "events.hotline": lambda jid, y: Decimal(
        sum(1 for c in _events_created(jid, y) if c.channel == "hotline")
    ),
    "events.self_resolved": _self_resolved,
    "events.on_time_rate": lambda jid, y: _share(_events_resolved(jid, y), lambda c: c.time_status != "red"),
    "events.satisfaction_rate": lambda jid, y: _share(
        [c for c in _events_resolved(jid, y) if c.rating is not None], lambda c: c.rating in (2, 3)
    ),
}


def _manual(code: str) -> Counter:
    """A hand-entered yearly figure, as entered (goals.ManualValue, month 0 = the whole year)."""

    def read(jid: int, year: int) -> Decimal:
        row = ManualValue.objects.get(
            indicator__jurisdiction_id=jid, indicator__code=code, year=year, month=0
        )
        return row.value

    return read


COUNTS.update({c: _manual(c) for c in ("stats.high_tech_investment", "stats.private_investment")})


# ---------------------------------------------------------------- registers (PRODUCT §8)


def _reached(milestone: type[Model], stage: str, jid: int, year: int, **where: Any) -> list[Any]:
    """Records whose `stage` milestone actually happened in the year, each once."""
    rows: Any = milestone._default_manager.filter(
        stage=stage, actual_date__year=year, record__jurisdiction_id=jid
    ).select_related("record")
    found = {m.record_id: m.record for m in rows if all(_has(m.record, k, v) for k, v in where.items())}
    return list(found.values())


def _has(record: Any, key: str, value: Any) -> bool:
    if key == "source":
        return record.source is not None and record.source.code == value
    return bool(getattr(record, key) == value)


def _count(milestone: type[Model], stage: str, **where: Any) -> Counter:
    return lambda jid, y: Decimal(len(_reached(milestone, stage, jid, y, **where)))


def _total(milestone: type[Model], stage: str, field: str, **where: Any) -> Counter:
    return lambda jid, y: sum(
        (getattr(r, field) for r in _reached(milestone, stage, jid, y, **where)), Decimal(0)
    )


def _ledger(type_code: str, field: str = "quantity", levels: tuple[str, ...] = ()) -> Counter:
    def total(jid: int, year: int) -> Decimal:
        rows = LedgerEntry.objects.filter(jurisdiction_id=jid, type__code=type_code, date__year=year)
        return sum(
            (Decimal(getattr(r, field) or 0) for r in rows if not levels or r.level in levels), Decimal(0)
        )

    return total


for _stage in ("signed", "landed", "started", "topped", "in_use"):
    COUNTS[f"registers.projects_{_stage}"] = _count(ProjectMilestone, _stage, kind="investment")
    COUNTS[f"registers.projects_{_stage}_investment"] = _total(
        ProjectMilestone, _stage, "investment", kind="investment"
    )
    COUNTS[f"registers.public_works_{_stage}"] = _count(ProjectMilestone, _stage, kind="public_work")
for _source in ("academician", "overseas_return"):
    COUNTS[f"registers.{_source}_projects"] = _count(
        ProjectMilestone, "signed", kind="investment", source=_source
    )
for _stage in ("signed", "cleared", "stored", "sold", "acquired"):
    COUNTS[f"registers.land_{_stage}"] = _count(ParcelMilestone, _stage)
    COUNTS[f"registers.land_{_stage}_area"] = _total(ParcelMilestone, _stage, "area_mu")
COUNTS["registers.structures_demolished"] = _count(StructureMilestone, "demolished")
COUNTS["registers.structures_demolished_area"] = _total(StructureMilestone, "demolished", "area_m2")
COUNTS.update(
    {
        "registers.talents": _ledger("talents"),
        "registers.talents_provincial": _ledger("talents", levels=("provincial_talent",)),
        "registers.graduates": _ledger("talents", levels=("master", "bachelor")),
        "registers.honours": _ledger("honours"),
        "registers.honours_provincial_up": _ledger("honours", levels=("national", "provincial")),
        "registers.articles": _ledger("articles"),
        "registers.article_reads": _ledger("article_reads"),
        "registers.media_coverage_provincial_up": _ledger("media_coverage", levels=("central", "provincial")),
        "registers.activities": _ledger("activities"),
        "registers.activity_attendance": _ledger("activities", "attendance"),
        "registers.volunteers": _ledger("volunteers"),
        "registers.service_hours": _ledger("service_hours"),
    }
)


# ---------------------------------------------------------------- petitions and disputes (§3, §4)


def _within(moment: datetime | None, year: int) -> bool:
    lo, hi = year_bounds(year)
    return moment is not None and lo <= moment < hi


def _petitions(jid: int) -> list[Petition]:
    return list(Petition.objects.filter(case__jurisdiction_id=jid).select_related("case"))


def _disputes_concluded(jid: int, year: int) -> list[Dispute]:
    rows = Dispute.objects.filter(case__jurisdiction_id=jid).select_related("case")
    return [d for d in rows if d.outcome and _within(d.case.resolved_at, year)]


COUNTS.update(
    {
        "petitions.received": lambda jid, y: Decimal(
            sum(1 for p in _petitions(jid) if p.stage == "initial" and _within(p.case.created_at, y))
        ),
        "petitions.backlog_resolved": lambda jid, y: Decimal(
            sum(1 for p in _petitions(jid) if p.backlog_resolved_on and p.backlog_resolved_on.year == y)
        ),
        "petitions.on_time_rate": lambda jid, y: _share(
            [p for p in _petitions(jid) if _within(p.replied_at, y)],
            lambda p: p.on_time is True,
        ),
        "mediation.received": lambda jid, y: Decimal(
            sum(
                1
                for d in Dispute.objects.filter(case__jurisdiction_id=jid).select_related("case")
                if _within(d.case.created_at, y)
            )
        ),
        "mediation.success_rate": lambda jid, y: _share(
            _disputes_concluded(jid, y),
            lambda d: d.outcome == "success",
        ),
    }
)


def independent(code: str, jid: int, year: int) -> Decimal:
    assert code in COUNTS, f"the report printed {code}, which this test cannot count independently"
    return COUNTS[code](jid, year)
