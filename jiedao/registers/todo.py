"""The workbench's register counts (registered with `jiedao.core.todo`): rows whose milestones
wait for an update — planned before today with no actual date (节点逾期), or due within 30 days.

Each count is the register list's own filter over the rows the user may read, so a count and the
list its link opens agree; one query per register.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import Q
from django.urls import reverse

from jiedao.core.models import Role, User
from jiedao.core.scope import Scope
from jiedao.core.todo import TONE_LATE, TONE_SOON, TodoItem, TodoSource, Want, counted, register_todo
from jiedao.registers import access as acc
from jiedao.registers.catalog import PARCELS, PROJECTS, STRUCTURES, RegisterDef
from jiedao.registers.filters import DUE, RegisterFilter

# Whose workbench shows which register's pending milestones.
ROLES = {
    PROJECTS.key: frozenset({Role.PROJECT_OFFICER, Role.LEADER}),
    PARCELS.key: frozenset({Role.PROJECT_OFFICER}),
    STRUCTURES.key: frozenset({Role.INSPECTOR, Role.GRID_LEADER, Role.GRID_WORKER}),
}


def _collect(rdef: RegisterDef) -> Callable[[User, Scope], list[TodoItem]]:
    def condition(params: Mapping[str, Any]) -> Q:
        return RegisterFilter.parse(rdef.filter, params).condition(rdef.model)

    def collect(user: User, scope: Scope) -> list[TodoItem]:
        if not acc.can_read(user, rdef.access):
            return []
        wants = [
            Want(DUE["late"], {"due": "late"}, TONE_LATE),
            Want(DUE["soon"], {"due": "soon"}, TONE_SOON),
        ]
        rows = acc.readable(user, rdef.model, rdef.access)
        return counted(rows, wants, condition=condition, url=reverse(rdef.urls["list"]))

    return collect


def register() -> None:
    for order, rdef in enumerate((PROJECTS, PARCELS, STRUCTURES)):
        register_todo(
            TodoSource(f"registers.{rdef.key}", rdef.label, ROLES[rdef.key], _collect(rdef), 40 + order)
        )
