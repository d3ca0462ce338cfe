"""Scoped reads of events for pages and the API."""

from __future__ import annotations

from django.db.models import QuerySet

from jiedao.cases.models import Case
from jiedao.cases.queries import visible_cases
from jiedao.core.models import User
from jiedao.events.filters import EventFilter
from jiedao.events.kind import KIND

LIST_RELATED = ("category", "platform", "community", "grid", "department")
COUNT_CAP = 10000


def event_list(user: User | None, flt: EventFilter) -> QuerySet[Case]:
    qs = flt.apply(visible_cases(user, KIND)).select_related(*LIST_RELATED)
    return qs.order_by("-created_at", "-id")


def capped_count(qs: QuerySet[Case], cap: int = COUNT_CAP) -> tuple[int, bool]:
    """Count up to `cap` rows: (count, more). A full count over a million rows is not worth its cost."""
    n = qs.order_by().values("id")[: cap + 1].count()
    return min(n, cap), n > cap
