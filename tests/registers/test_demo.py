"""The demo registers: 江心岛 figures of the seed's size, stages consistent with their dates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db.models import Sum

from jiedao.demo.actions import load_demo
from jiedao.registers.models import IllegalStructure, LandParcel, LedgerEntry, Project
from tests.demo.conftest import NOW, small_options


@pytest.fixture
def demo(db: None, tmp_path: Path) -> dict[str, Any]:
    return load_demo(acting_user=None, options=small_options(tmp_path))


def test_demo_registers_have_the_seed_scale_and_legal_stages(demo: dict[str, Any]) -> None:
    assert LandParcel.objects.aggregate(s=Sum("area_mu"))["s"] >= 600
    demolished = IllegalStructure.objects.filter(stage="demolished")
    assert demolished.aggregate(s=Sum("area_m2"))["s"] >= 30000
    assert Project.objects.filter(source__code="academician").count() >= 3
    assert Project.objects.filter(kind="public_work").exists()
    assert LedgerEntry.objects.values("type__code").distinct().count() >= 8
    for model in (Project, LandParcel, IllegalStructure):
        for obj in model.objects.prefetch_related("milestones"):
            dated = [m for m in obj.milestones.all() if m.actual_date]
            orders = sorted((obj.flow.get(m.stage).order, m.actual_date) for m in dated)
            assert [o for o, _d in orders] == list(range(len(orders))), obj
            assert [d for _o, d in orders] == sorted(d for _o, d in orders), obj
            assert max(d for _o, d in orders) <= NOW.date()
            assert obj.flow.get(obj.stage).order == orders[-1][0], obj
