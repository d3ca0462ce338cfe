"""Mediation's own pages beside the generic ones (mediation/surface.py): registration from an
event, and room workload. Thin: parse, call one scoped query or one action, render."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from jiedao.cases import views as case_views
from jiedao.core.access import page_access
from jiedao.core.indicators import Period
from jiedao.core.models import User
from jiedao.mediation import stats
from jiedao.mediation.kind import FROM_EVENT_ROLES, READERS
from jiedao.mediation.queries import room_workload
from jiedao.mediation.surface import FROM_EVENT, SURFACE


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# ---------------------------------------------------------------- from an event


@login_required
@require_http_methods(["GET", "POST"])
@page_access(*FROM_EVENT_ROLES)
def dispute_from_event(request: HttpRequest) -> HttpResponse:
    """从事件转调解: the generic registration page with the from-event intake."""
    return case_views.create(request, SURFACE, FROM_EVENT)


# ---------------------------------------------------------------- workload


def period_from(params: Any) -> Period:
    """date_from/date_to of the request; the current year by default; swapped if reversed."""
    today = timezone.localdate()
    start = _date(params.get("date_from")) or date(today.year, 1, 1)
    end = _date(params.get("date_to")) or date(today.year, 12, 31)
    return Period(min(start, end), max(start, end))


def _date(raw: Any) -> date | None:
    try:
        return date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return None


@login_required
@require_GET
@page_access(*READERS)
def workload_view(request: HttpRequest) -> HttpResponse:
    period = period_from(request.GET)
    rows = room_workload(_user(request), period)
    list_url = reverse("mediation:list")
    table = [
        {
            "row": row,
            "cells": [
                (
                    column,
                    row.figures[column],
                    f"{list_url}?{urlencode(stats.link_query(row, column, period))}",
                )
                for column in stats.COLUMNS
            ],
        }
        for row in rows
    ]
    context = {"table": table, "period": period}
    return render(request, "mediation/workload.html", context)
