"""To-do sources contributed by apps (rule 9): the workbench shows each role the work waiting for it.

An app calls `register_todo(TodoSource(...))` in its `AppConfig.ready()`. The workbench asks every
source whose roles the signed-in user holds for its counts; each count links to the list page that
shows exactly those records, filtered. `core` knows no app: a source brings its own query, filter
and list URL.

A source answers in one query (or none): `counted()` counts all of a source's conditions in one
aggregate over the user's scoped queryset, so the workbench's cost does not grow with the data.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import reduce
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet
from django.utils.functional import Promise

from jiedao.core.models import Role

if TYPE_CHECKING:
    from jiedao.core.models import User
    from jiedao.core.scope import Scope

# Tones of a count: how urgent the waiting work is (Bootstrap colour names).
TONE_NORMAL = "primary"
TONE_SOON = "warning"
TONE_LATE = "danger"


@dataclass(frozen=True)
class TodoItem:
    """One number on the workbench and the filtered list that shows the records behind it."""

    label: Promise | str
    count: int
    url: str
    tone: str = TONE_NORMAL


@dataclass(frozen=True)
class Want:
    """A count a source asks for: its label, the list's query parameters and its tone."""

    label: Promise | str
    params: Mapping[str, Any]
    tone: str = TONE_NORMAL
    url: str | None = None  # a list page of its own (e.g. 超期调解) instead of the source's list


@dataclass(frozen=True)
class TodoSource:
    """Work of one kind for some roles, e.g. the events a department must sign for and handle.

    `collect(user, scope)` returns the source's items (an empty list hides the source: e.g. a
    handler without a department has nothing to sign for).
    """

    key: str
    label: Promise | str
    roles: frozenset[str]
    collect: Callable[[User, Scope], list[TodoItem]]
    order: int = 100


@dataclass(frozen=True)
class TodoGroup:
    """A source's items as the workbench shows them."""

    key: str
    label: Promise | str
    items: list[TodoItem]


_SOURCES: dict[str, TodoSource] = {}


def register_todo(*sources: TodoSource) -> None:
    for source in sources:
        _SOURCES[source.key] = source


def roles_held(scope: Scope) -> set[str]:
    """The roles whose work a user is shown; a superuser without roles does an admin's."""
    if scope.superuser and not scope.roles:
        return {Role.ADMIN}
    return set(scope.roles)


def sources_for(scope: Scope) -> list[TodoSource]:
    """The sources for the roles the user actually holds (not every role a superuser may act in:
    the workbench shows the work of one's job, not everything one could open)."""
    if not scope.user_id:
        return []
    held = roles_held(scope)
    chosen = [s for s in _SOURCES.values() if s.roles & held]
    return sorted(chosen, key=lambda s: (s.order, s.key))


def todo_for(user: User, scope: Scope) -> list[TodoGroup]:
    """Every source's counts for this user, in display order; sources with no items are left out."""
    groups = []
    for source in sources_for(scope):
        items = source.collect(user, scope)
        if items:
            groups.append(TodoGroup(source.key, source.label, items))
    return groups


def link(url: str, params: Mapping[str, Any]) -> str:
    """`url` with `params` as its query string (values as text, in the given order)."""
    query = urlencode([(k, str(v)) for k, v in params.items() if v not in (None, "")])
    return f"{url}?{query}" if query else url


def count_each(qs: QuerySet[Any], conditions: Mapping[str, Q]) -> dict[str, int]:
    """How many rows of `qs` match each condition, in one query.

    Counts are distinct so that a condition reaching through a many-valued relation cannot count
    a row twice; the rows matching none of the conditions are not read at all.
    """
    if not conditions:
        return {}
    union = reduce(operator.or_, conditions.values())
    aggregates = {f"n{i}": Count("pk", filter=q, distinct=True) for i, q in enumerate(conditions.values())}
    row = qs.filter(union).order_by().aggregate(**aggregates)
    return {key: row[f"n{i}"] or 0 for i, key in enumerate(conditions)}


def counted(
    qs: QuerySet[Any], wants: list[Want], *, condition: Callable[[Mapping[str, Any]], Q], url: str
) -> list[TodoItem]:
    """The items for `wants`: each counted over `qs` with the list filter's own condition for its
    parameters, so a count is what its link shows (`qs` must be the list's scoped queryset)."""
    conditions = {str(i): condition(w.params) for i, w in enumerate(wants)}
    counts = count_each(qs, conditions)
    return [
        TodoItem(w.label, counts[str(i)], link(w.url or url, w.params), w.tone) for i, w in enumerate(wants)
    ]


def units_of(user: User, role: str, field: str) -> list[int]:
    """Ids of the units (`field`: "grid", "community", "department", "inspection_area") that the
    user's assignments of `role` are narrowed to, in assignment order; read from the cached
    assignments (no query)."""
    from jiedao.core.scope import assignments_of

    out: list[int] = []
    for ra in assignments_of(user):
        unit = getattr(ra, f"{field}_id", None)
        if ra.role == role and unit is not None and unit not in out:
            out.append(unit)
    return out


def per_unit(
    user: User, role: str, field: str, model: type[Any], wants: list[Want], *, param: str | None = None
) -> list[Want]:
    """`wants` once per unit the user's `role` is narrowed to (their grids, their departments …),
    each narrowed to its unit by the list parameter `param` (default: `field`). The unit's name
    joins the label only when there are several to tell apart (one query, then)."""
    units = units_of(user, role, field)
    names: dict[int, str] = {}
    if len(units) > 1:
        names = dict(model._default_manager.filter(pk__in=units).values_list("pk", "name"))
    key = param or field
    return [
        Want(
            f"{w.label} · {names[unit]}" if unit in names else w.label, {**w.params, key: unit}, w.tone, w.url
        )
        for unit in units
        for w in wants
    ]
