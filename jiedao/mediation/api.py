"""Mediation endpoints (mounted at /api/mediation): the case router every kind gets
(cases/api.py: list, detail, registration, one endpoint per action), and room workload."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from jiedao.cases.api import case_router
from jiedao.core.api.auth import current_user
from jiedao.mediation import stats
from jiedao.mediation.queries import room_workload
from jiedao.mediation.schemas import Workload
from jiedao.mediation.surface import SURFACE
from jiedao.mediation.views import period_from

router = case_router(SURFACE)


@router.get("/workload", response=Workload, summary="调解室工作量与成功率")
def workload(request: HttpRequest, date_from: str = "", date_to: str = "") -> dict[str, Any]:
    period = period_from({"date_from": date_from, "date_to": date_to})
    rows = room_workload(current_user(request), period)
    out = [_workload_row(r) for r in rows]
    return {"date_from": period.start, "date_to": period.end, "rows": out[:-1], "total": out[-1]}


def _workload_row(r: stats.Row) -> dict[str, Any]:
    return {
        "room_id": r.room_id if r.room_id > 0 else None,
        "room": r.name if r.room_id > 0 else "",
        **r.figures,
        "success_rate": float(r.success_rate),
    }
