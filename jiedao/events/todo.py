"""The workbench's event counts for each role (registered with `jiedao.core.todo`).

Each count is the event list's own filter over the user's scoped events, so a count and the list
its link opens always agree; each source counts all of its numbers in one query.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from jiedao.cases.todo import kind_counts
from jiedao.core.models import Community, Department, Grid, InspectionArea, Role, User
from jiedao.core.scope import Scope
from jiedao.core.todo import (
    TONE_LATE,
    TONE_SOON,
    TodoItem,
    TodoSource,
    Want,
    per_unit,
    register_todo,
    units_of,
)
from jiedao.events.kind import KIND


def _count(user: User, wants: list[Want]) -> list[TodoItem]:
    return kind_counts(user, KIND, wants)


def _per_unit(
    user: User, role: str, field: str, model: type[Any], wants: list[Want], *, param: str | None = None
) -> list[TodoItem]:
    return _count(user, per_unit(user, role, field, model, wants, param=param))


def dispatcher(user: User, scope: Scope) -> list[TodoItem]:
    return _count(
        user,
        [
            Want(_("待受理"), {"state": "reported"}),
            Want(_("待派发"), {"state": "accepted"}),
            Want(_("被退回"), {"state": "returned"}, TONE_SOON),
            Want(_("延期待审批"), {"flag": "extension"}, TONE_SOON),
            Want(_("区级流转中"), {"state": "escalated"}),
            Want(_("待评价"), {"state": "verified"}),
            Want(_("待归档"), {"state": "rated"}),
        ],
    )


def handler(user: User, scope: Scope) -> list[TodoItem]:
    wants = [
        Want(_("待签收"), {"state": "dispatched"}),
        Want(_("已签收"), {"state": "signed"}),
        Want(_("处置中"), {"state": "processing"}),
        Want(_("超期"), {"flag": "overdue"}, TONE_LATE),
    ]
    return _per_unit(user, Role.HANDLER, "department", Department, wants)


def grid_leader(user: User, scope: Scope) -> list[TodoItem]:
    wants = [
        Want(_("超期"), {"flag": "overdue"}, TONE_LATE),
        Want(_("待核查"), {"state": "resolved"}),
        Want(_("未办结"), {"flag": "unresolved"}),
    ]
    return _per_unit(user, Role.GRID_LEADER, "community", Community, wants)


def grid_worker(user: User, scope: Scope) -> list[TodoItem]:
    wants = [
        Want(_("待核查"), {"state": "resolved"}),
        Want(_("待受理"), {"state": "reported"}),
        Want(_("超期"), {"flag": "overdue"}, TONE_LATE),
    ]
    return _per_unit(user, Role.GRID_WORKER, "grid", Grid, wants)


def leader(user: User, scope: Scope) -> list[TodoItem]:
    return _count(
        user,
        [
            Want(_("超期"), {"flag": "overdue"}, TONE_LATE),
            Want(_("督办中"), {"flag": "supervised"}),
            Want(_("延期待审批"), {"flag": "extension"}, TONE_SOON),
        ],
    )


def inspector(user: User, scope: Scope) -> list[TodoItem]:
    """Open events in the grids of the inspector's areas (inspection tasks are not modelled yet);
    an inspector without an area counts the events of their whole scope."""
    wants = [
        Want(_("未办结"), {"flag": "unresolved"}),
        Want(_("超期"), {"flag": "overdue"}, TONE_LATE),
    ]
    if not units_of(user, Role.INSPECTOR, "inspection_area"):
        return _count(user, wants)
    return _per_unit(user, Role.INSPECTOR, "inspection_area", InspectionArea, wants, param="area")


def register() -> None:
    R = Role
    register_todo(
        TodoSource("events.dispatcher", _("事件受理"), frozenset({R.DISPATCHER}), dispatcher, 10),
        TodoSource("events.handler", _("本部门事件"), frozenset({R.HANDLER}), handler, 11),
        TodoSource("events.grid_leader", _("本村社事件"), frozenset({R.GRID_LEADER}), grid_leader, 12),
        TodoSource("events.grid_worker", _("本网格事件"), frozenset({R.GRID_WORKER}), grid_worker, 13),
        TodoSource("events.leader", _("事件督办"), frozenset({R.LEADER}), leader, 14),
        TodoSource("events.inspector", _("检查片区事件"), frozenset({R.INSPECTOR}), inspector, 15),
    )
