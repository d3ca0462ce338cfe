"""Petition endpoints, mounted at /api/petitions: the case router every kind gets (cases/api.py:
list, detail, intake, one endpoint per action of the petition table) and the figures for any
period."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from jiedao.cases.api import case_router
from jiedao.cases.queries import visible_cases
from jiedao.core.api.auth import current_user
from jiedao.core.errors import InvalidInput
from jiedao.core.indicators import Period
from jiedao.petitions import stats
from jiedao.petitions.kind import KIND
from jiedao.petitions.schemas import FigureOut
from jiedao.petitions.surface import SURFACE

router = case_router(SURFACE)


@router.get("/figures", response=list[FigureOut], summary="信访统计（任意期间，含同比）")
def figures(request: HttpRequest, start: date, end: date) -> list[dict[str, Any]]:
    if end < start:
        raise InvalidInput(_("结束日期不能早于开始日期。"), field="end")
    period = Period(start, end)
    rows = stats.figures(visible_cases(current_user(request), KIND), period)
    return [
        {
            "code": r.code,
            "label": r.label,
            "value": r.value,
            "last_year": r.last_year,
            "change": float(r.change) if r.change is not None else None,
            "description": r.description,
            "records": f"/api/petitions?figure={r.code}&date_from={start}&date_to={end}",
        }
        for r in rows
    ]
