"""二、工作思路 from next year's confirmed targets, grouped by their indicators' areas."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from jiedao.core.models import Jurisdiction, User
from jiedao.goals.actions import create_manual_indicator
from jiedao.goals.models import ManualIndicator, Target, TargetKind
from jiedao.goals.targets import confirm_proposal, import_plan

from .conftest import YEAR
from .docxread import NUMBER, read_report

pytestmark = pytest.mark.django_db

PLAN = (
    "（一）强化核心要素驱动。一是加强空间保障。启动樟里村（一期）签约，实现600亩土地顺利征收。"
    "（二）激发基层治理活力。一是防范化解各类风险，实现辖区安全隐患数持续下降。"
)


def _manual(jurisdiction: Jurisdiction, code: str, unit: str, area: str, admin: User) -> ManualIndicator:
    data = {"code": code, "label": code, "unit": unit, "area": area, "description": "统计口径"}
    return create_manual_indicator(jurisdiction, data, acting_user=admin)


def test_plan_lists_next_years_confirmed_targets_by_area(
    jurisdiction: Jurisdiction, users: dict[str, User], tmp_path: Path
) -> None:
    admin = users["admin"]
    _manual(jurisdiction, "stats.land_acquired", "亩", "environment", admin)
    _manual(jurisdiction, "stats.hazards", "处", "safety", admin)
    plan = import_plan(jurisdiction, year=YEAR + 1, text=PLAN, title="", acting_user=admin)
    bind = {TargetKind.QUANTITATIVE: "stats.land_acquired", TargetKind.DIRECTION: "stats.hazards"}
    for p in plan.proposals.all():
        data = {
            "kind": p.kind,
            "subject": p.subject,
            "quantity": p.quantity,
            "unit": p.unit,
            "direction": p.direction,
            "indicator_code": bind.get(p.kind, ""),  # type: ignore[call-overload]
        }
        confirm_proposal(p, data, acting_user=admin)
    # A target of this year is not next year's plan.
    Target.objects.create(
        jurisdiction=jurisdiction,
        year=YEAR,
        kind=TargetKind.QUALITATIVE,
        subject="往年目标",
        source_text="往年目标",
        confirmed_at=plan.created_at,
    )
    out = tmp_path / "plan.docx"
    call_command("report", "year", str(YEAR), "--output", str(out))
    text = "".join(read_report(out, YEAR).plan)
    targets = list(Target.objects.filter(jurisdiction=jurisdiction, year=YEAR + 1).order_by("pk"))
    assert len(targets) == 3
    assert "往年目标" not in text
    sections = re.findall(r"（[一二三四]）([^。]+。)", text)
    assert sections == [
        "全域提升城市品质，擦亮幸福底色。",
        "激发基层治理活力，守牢平安底线。",
        "统筹推进其他重点工作。",
    ]
    for t in targets:
        assert f"是{t.source_text.rstrip('。')}。" in text
    # Every number of the plan is a confirmed target's quantity.
    printed = [Decimal(m.group(0)) for m in NUMBER.finditer(text)]
    assert printed == [t.quantity for t in targets if t.quantity is not None] == [Decimal(600)]
