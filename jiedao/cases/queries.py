"""Scoped reads of cases: every list, detail, search and API read starts here."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.http import Http404

from jiedao.cases.models import Action, Case
from jiedao.core.models import User
from jiedao.core.scope import Scope, scope_of

# A kind may narrow the filter for some users (mediators see the disputes of their rooms only):
# `narrow(user)` returns a Q the kind's cases must also match, or None to leave the user alone.
KindScope = Callable[[User], Q | None]
_KIND_SCOPES: dict[str, KindScope] = {}


def register_kind_scope(kind: str, narrow: KindScope) -> None:
    _KIND_SCOPES[kind] = narrow


def visible_cases(user: User | None, kind: str | None = None) -> QuerySet[Case]:
    qs = cases_in_scope(scope_of(user), kind)
    if user is None:
        return qs
    for code, narrow in _KIND_SCOPES.items():
        if kind not in (None, code):
            continue
        q = narrow(user)
        if q is not None:
            qs = qs.filter(q if kind == code else ~Q(kind=code) | q)
    return qs


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
