"""Scoped reads of petitions for pages and the API."""

from __future__ import annotations

from django.db.models import QuerySet

from jiedao.cases.models import Case
from jiedao.cases.queries import visible_cases
from jiedao.core.models import User
from jiedao.petitions.filters import PetitionFilter
from jiedao.petitions.kind import KIND

COUNT_CAP = 10000


def petition_list(user: User | None, flt: PetitionFilter) -> QuerySet[Case]:
    qs = flt.apply(visible_cases(user, KIND)).select_related("petition", "department")
    return qs.order_by("-created_at", "-id")
