"""Scoped reads of cases: every list, detail, search and API read starts here."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from jiedao.cases.models import Action, Case
from jiedao.core.models import User
from jiedao.core.scope import Scope, scope_of


def visible_cases(user: User | None, kind: str | None = None) -> QuerySet[Case]:
    return cases_in_scope(scope_of(user), kind)


def cases_in_scope(scope: Scope, kind: str | None = None) -> QuerySet[Case]:
    """The one permission filter for cases, for a user's scope or a synthetic one (background jobs)."""
    qs = Case.objects.filter(
        scope.filter_q(
            jurisdiction="jurisdiction",
            community="community",
            grid="grid",
            department="department",
            creator="created_by",
        )
    )
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def get_case_for(user: User | None, pk: int | str, kind: str | None = None) -> Case:
    """The case if this user may read it; 404 alike for missing and forbidden."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    case = (
        visible_cases(user, kind)
        .select_related("category", "platform", "community", "grid", "department", "jurisdiction")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    return case


def timeline(case: Case) -> QuerySet[Action]:
    return case.actions.select_related("department").prefetch_related("attachments").order_by("at", "id")
