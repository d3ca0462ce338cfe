"""Reports API at /api/reports: a year's figures with their queries and drill-down links, and the
drafts generated so far. Leaders and admins only; another jurisdiction's report is "not found"."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from jiedao.core.api.auth import current_user
from jiedao.core.api.schemas import DbInt
from jiedao.core.models import User
from jiedao.reports.access import chosen, readable_reports, report_jurisdictions
from jiedao.reports.actions import check_year, report_for
from jiedao.reports.appendix import query_text

router = Router(tags=["reports"])
LIST_SIZE = 50


class FigureOut(Schema):
    index: int
    code: str
    label: str
    form: str
    text: str
    value: Decimal
    unit: str
    previous: Decimal | None
    change: Decimal | None
    start: date
    end: date
    query: str
    url: str


class ReportOut(Schema):
    title: str
    year: int
    jurisdiction: str
    figures: list[FigureOut]


class StoredOut(Schema):
    id: int
    title: str
    year: int
    jurisdiction: str
    figures: int
    created_at: datetime
    download: str


def _user(request: HttpRequest) -> User:
    user = current_user(request)
    if not report_jurisdictions(user):
        raise HttpError(403, _("只有街道领导和管理员可以查看年度总结。"))
    return user


@router.get("/", response=list[StoredOut])
def list_reports(request: HttpRequest) -> list[StoredOut]:
    rows = readable_reports(_user(request)).select_related("jurisdiction")
    return [
        StoredOut(
            id=r.pk,
            title=r.title,
            year=r.year,
            jurisdiction=r.jurisdiction.code,
            figures=r.figures,
            created_at=r.created_at,
            download=reverse("reports:download", args=[r.pk]),
        )
        for r in rows.order_by("-created_at", "-id")[:LIST_SIZE]
    ]


@router.get("/year/{year}", response=ReportOut)
def year_report(request: HttpRequest, year: DbInt, jurisdiction: str = "") -> ReportOut:
    found = chosen(_user(request), jurisdiction)
    if found is None:
        raise Http404
    try:
        check_year(year)
    except ValidationError as exc:
        raise HttpError(400, " ".join(exc.messages)) from None
    report = report_for(found, year)
    figures = [
        FigureOut(
            index=f.index,
            code=f.code,
            label=f.label,
            form=f.form,
            text=f.text,
            value=f.value,
            unit=f.unit,
            previous=f.previous,
            change=f.change,
            start=f.period.start,
            end=f.period.end,
            query=query_text(f, report),
            url=f.url,
        )
        for f in report.figures
    ]
    return ReportOut(title=report.title, year=year, jurisdiction=found.code, figures=figures)
