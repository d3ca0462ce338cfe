"""Scope units that apps above `core` contribute to a person's roles (rule 9: discovery).

A role assignment in `core` narrows a role to a community, grid, department or inspection area.
Some units live in apps above `core` (a mediator's 调解室 is the mediation app's `Room`): such an
app registers a `ScopeUnit` in its `AppConfig.ready()`, and the staff pages and the staff import
offer it for the roles it narrows, without `core` or `staff` importing the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.functional import Promise

if TYPE_CHECKING:
    from jiedao.core.models import Jurisdiction, User


@dataclass(frozen=True)
class ScopeUnit:
    """A kind of unit a role may be limited to, kept by the app that owns the unit."""

    key: str  # stable name used in forms and import sheets, e.g. "room"
    label: Promise | str  # e.g. _("调解室")
    roles: frozenset[str]  # the roles this unit narrows (e.g. the mediator)
    # (jurisdiction) -> [(id, label)] of the units an admin may pick, in display order
    choices: Callable[[Jurisdiction], list[tuple[int, str]]]
    # (jurisdiction) -> {code: id}, for import sheets that name units by code
    codes: Callable[[Jurisdiction], dict[str, int]]
    # (person, jurisdiction) -> ids of the units the person holds now
    held: Callable[[User, Jurisdiction], set[int]]
    # (acting_user, person, jurisdiction, ids): make the person hold exactly these units. Called
    # inside the caller's transaction; writes its own audit entries.
    assign: Callable[[User | None, User, Jurisdiction, set[int]], None]
    # (jurisdiction, unit id) -> a queryset of the ids of the users holding that unit (a subquery
    # for the staff list's filter, so filtering costs no extra query)
    holders: Callable[[Jurisdiction, int], QuerySet] | None = None
    # (jurisdiction, user ids) -> {user id: ids of the units held}, one query for a page of people
    held_by: Callable[[Jurisdiction, list[int]], dict[int, set[int]]] | None = None


_UNITS: dict[str, ScopeUnit] = {}


def register_scope_unit(unit: ScopeUnit) -> None:
    _UNITS[unit.key] = unit


def scope_units() -> list[ScopeUnit]:
    return list(_UNITS.values())


def scope_unit(key: str) -> ScopeUnit | None:
    return _UNITS.get(key)
