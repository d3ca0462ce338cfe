"""Indicator values equal independent counts over the rows, for an arbitrary period, and each
value opens to its records with links to the register pages."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest

from jiedao.core.indicators import Period, all_indicators, compute, get_indicator, records_for
from jiedao.core.models import Tag
from jiedao.registers import actions
from jiedao.registers.models import LedgerType
from jiedao.registers.stages import INVESTMENT, LAND

pytestmark = pytest.mark.django_db


def _walk(flow, start, rng, steps):
    """Milestone dates along the flow (land may end in 出让 or 征收)."""
    dates, day = {}, start
    stages = (
        [s for s in flow.stages if s.code != "acquired"]
        if rng.random() < 0.5
        else [s for s in flow.stages if s.code != "sold"]
    )
    for stage in stages[: steps + 1]:
        dates[stage.code] = day
        day += timedelta(days=rng.randint(5, 90))
    return dates


@pytest.fixture
def seeded(reg_users, communities, jurisdiction):
    rng = random.Random(7)
    officer = reg_users["project_officer"]
    academician = Tag.objects.get(jurisdiction=jurisdiction, tag_set="project_source", code="academician")
    projects, parcels = [], []
    for i in range(40):
        dates = _walk(
            INVESTMENT, date(2021, 1, 1) + timedelta(days=rng.randint(0, 500)), rng, rng.randint(0, 5)
        )
        dates = {k: v for k, v in dates.items() if v <= date(2023, 6, 30)}
        data = actions.ProjectInput(
            name=f"项目{i}",
            investment=Decimal(rng.randint(100, 90000)),
            source=academician if i % 4 == 0 else None,
            dates=dates,
        )
        projects.append((actions.create_project(acting_user=officer, data=data), dates))
    for i in range(30):
        dates = _walk(LAND, date(2021, 1, 1) + timedelta(days=rng.randint(0, 500)), rng, rng.randint(0, 4))
        dates = {k: v for k, v in dates.items() if v <= date(2023, 6, 30)}
        data = actions.ParcelInput(
            name=f"地块{i}",
            community=communities["C1"],
            area_mu=Decimal(rng.randint(5, 200)) / 2,
            dates=dates,
        )
        parcels.append((actions.create_parcel(acting_user=officer, data=data), dates))
    media = LedgerType.objects.get(jurisdiction=jurisdiction, code="media_coverage")
    entries = []
    for i in range(25):
        level = rng.choice(["central", "provincial", "city", "district"])
        data = actions.LedgerInput(
            type=media,
            date=date(2022, 1, 1) + timedelta(days=i * 20),
            title=f"报道{i}",
            quantity=Decimal(rng.randint(1, 3)),
            level=level,
        )
        entries.append(actions.create_entry(acting_user=reg_users["dispatcher"], data=data))
    return projects, parcels, entries


def _inside(day, period):
    return day is not None and period.start <= day <= period.end


@pytest.mark.parametrize(
    "period", [Period(date(2022, 1, 1), date(2022, 12, 31)), Period(date(2021, 7, 15), date(2022, 3, 9))]
)
def test_values_equal_independent_counts(seeded, jurisdiction, period):
    projects, parcels, entries = seeded
    jur = jurisdiction.pk
    signed = [p for p, dates in projects if _inside(dates.get("signed"), period)]
    assert compute(get_indicator("registers.projects_signed"), jur, period) == len(signed)
    assert compute(get_indicator("registers.projects_signed_investment"), jur, period) == sum(
        p.investment for p in signed
    )
    academician = [p for p in signed if p.source and p.source.code == "academician"]
    assert compute(get_indicator("registers.academician_projects"), jur, period) == len(academician)
    started = [p for p, dates in projects if _inside(dates.get("started"), period)]
    assert compute(get_indicator("registers.projects_started"), jur, period) == len(started)
    sold = [p for p, dates in parcels if _inside(dates.get("sold"), period)]
    assert compute(get_indicator("registers.land_sold_area"), jur, period) == sum(p.area_mu for p in sold)
    acquired = [p for p, dates in parcels if _inside(dates.get("acquired"), period)]
    assert compute(get_indicator("registers.land_acquired"), jur, period) == len(acquired)
    up = [e for e in entries if _inside(e.date, period) and e.level in ("central", "provincial")]
    assert compute(get_indicator("registers.media_coverage_provincial_up"), jur, period) == sum(
        e.quantity for e in up
    )

    # Pipeline: standing at the period's end.
    def stage_at(dates, end):
        reached = [s for s in INVESTMENT.stages if dates.get(s.code) and dates[s.code] <= end]
        return reached[-1].code if reached else None

    landed = [p for p, dates in projects if stage_at(dates, period.end) == "landed"]
    assert compute(get_indicator("registers.pipeline_landed"), jur, period) == len(landed)


def test_records_open_to_register_pages(seeded, jurisdiction, client_for, reg_users):
    defn = get_indicator("registers.projects_signed")
    period = Period.year(2022)
    rows = list(records_for(defn, jurisdiction.pk, period))
    assert rows
    url = defn.record_url(rows[0])
    assert url == f"/registers/projects/{rows[0].pk}/"
    assert client_for(reg_users["leader"]).get(url).status_code == 200


def test_filters_and_moved_back_rows(seeded, jurisdiction, reg_users):
    projects, _parcels, _e = seeded
    period = Period.year(2022)
    jur = jurisdiction.pk
    defn = get_indicator("registers.projects_signed")
    by_filter = compute(defn, jur, period, {"source": "academician"})
    assert by_filter == compute(get_indicator("registers.academician_projects"), jur, period)
    project = next(p for p, dates in projects if _inside(dates.get("signed"), period) and p.stage == "signed")
    before = compute(defn, jur, period)
    actions.move_stage(
        project,
        acting_user=reg_users["project_officer"],
        to_stage="negotiating",
        on=None,
        reason="签约作废",
        expected_version=project.version,
    )
    assert compute(defn, jur, period) == before - 1


def test_every_register_indicator_is_declared_well():
    ours = [d for d in all_indicators() if d.code.startswith("registers.")]
    assert len(ours) >= 50
    assert all(d.record_url is not None and d.description for d in ours)
