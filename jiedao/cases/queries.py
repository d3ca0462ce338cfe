"""Scoped reads of cases: every list, detail, search and API read starts here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.http import Http404

from jiedao.cases.kinds import all_kinds, get_kind
from jiedao.cases.models import Action, Case
from jiedao.core.ints import parse_int
from jiedao.core.models import User
from jiedao.core.scope import Scope, scope_of

if TYPE_CHECKING:
    from jiedao.cases.surface import Surface

COUNT_CAP = 10000

# An app may grant a user cases of a kind that their core scope does not reach (a mediator the
# disputes of their rooms, and the events those disputes came from): `grant(user)` returns a Q
# of further cases of that kind the user reads, or None (no query cost for everyone else).
CaseGrant = Callable[[User], Q | None]
_GRANTS: dict[str, list[CaseGrant]] = {}


def register_case_grant(kind: str, grant: CaseGrant) -> None:
    held = _GRANTS.setdefault(kind, [])
    if grant not in held:
        held.append(grant)


def _readers_scope(scope: Scope, kind: str) -> Scope:
    try:
        readers = get_kind(kind).readers
    except KeyError:
        readers = None
    return scope if readers is None else scope.through(readers)


def _scope_q(scope: Scope) -> Q:
    return scope.filter_q(
        jurisdiction="jurisdiction",
        community="community",
        grid="grid",
        department="department",
        creator="created_by",
    )


def _granted_q(user: User | None, kind: str) -> Q | None:
    if user is None or not user.is_authenticated:
        return None
    q: Q | None = None
    for grant in _GRANTS.get(kind, ()):
        extra = grant(user)
        if extra is not None:
            q = extra if q is None else q | extra
    return q


def _kind_q(scope: Scope, user: User | None, kind: str) -> Q:
    """The cases of `kind` the user reads: their scope through the kind's readers, plus grants."""
    q = _scope_q(_readers_scope(scope, kind))
    granted = _granted_q(user, kind)
    return q if granted is None else q | granted


def visible_cases(user: User | None, kind: str | None = None) -> QuerySet[Case]:
    """Every read of cases starts here: the one permission filter (rule 4)."""
    return _visible(scope_of(user), user, kind)


def cases_in_scope(scope: Scope, kind: str | None = None) -> QuerySet[Case]:
    """The permission filter for a scope alone, e.g. a background job's whole jurisdiction."""
    return _visible(scope, None, kind)


def _visible(scope: Scope, user: User | None, kind: str | None) -> QuerySet[Case]:
    if kind:
        return Case.objects.filter(_kind_q(scope, user, kind), kind=kind)
    if scope.superuser:
        return Case.objects.all()
    # Any kind (an attachment, a document, a history by case id): when every kind reads alike
    # (a dispatcher, a leader) one filter; otherwise each kind with its own.
    parts = {kind.code: _readers_scope(scope, kind.code) for kind in all_kinds()}
    grants = {code: _granted_q(user, code) for code in parts}
    if len({part.reach for part in parts.values()}) <= 1 and all(g is None for g in grants.values()):
        return Case.objects.filter(_scope_q(next(iter(parts.values()), scope)))
    q = Q(pk__in=[])
    for code, part in parts.items():
        granted = grants[code]
        own = _scope_q(part) if granted is None else _scope_q(part) | granted
        q |= Q(kind=code) & own
    return Case.objects.filter(q)


def get_case_for(user: User | None, pk: int | str, kind: str | None = None) -> Case:
    """The case if this user may read it; 404 alike for missing and forbidden."""
    key = parse_int(pk)
    if key is None:
        raise Http404
    case = (
        visible_cases(user, kind)
        .select_related("category", "platform", "community", "grid", "department", "jurisdiction")
        .filter(pk=key)
        .first()
    )
    if case is None:
        raise Http404
    return case


def timeline(case: Case) -> QuerySet[Action]:
    return case.actions.select_related("department").prefetch_related("attachments").order_by("at", "id")


def kind_list(user: User | None, surface: Surface, flt: Any) -> QuerySet[Case]:
    """A kind's list: the user's cases of the kind, filtered, with the columns' related rows."""
    qs = flt.apply(visible_cases(user, surface.kind)).select_related(*surface.listing.related)
    return qs.order_by(*surface.listing.order)


def capped_count(qs: QuerySet[Case], cap: int = COUNT_CAP) -> tuple[int, bool]:
    """Count up to `cap` rows: (count, more). A full count over a million rows is not worth its cost."""
    n = qs.order_by().values("id")[: cap + 1].count()
    return min(n, cap), n > cap
