"""The workbench's petition counts for each role (registered with `jiedao.core.todo`).

Each count is the petition list's own filter over the user's scoped petitions, so a count and the
list its link opens agree; each source counts all of its numbers in one query.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jiedao.cases.todo import kind_counts
from jiedao.core.models import Department, Role, User
from jiedao.core.scope import Scope
from jiedao.core.todo import (
    TONE_LATE,
    TONE_SOON,
    TodoItem,
    TodoSource,
    Want,
    per_unit,
    register_todo,
)
from jiedao.petitions.kind import KIND


def _count(user: User, wants: list[Want]) -> list[TodoItem]:
    return kind_counts(user, KIND, wants)


def dispatcher(user: User, scope: Scope) -> list[TodoItem]:
    return _count(
        user,
        [
            Want(_("待受理"), {"state": "registered"}),
            Want(_("待交办"), {"state": "accepted"}),
            Want(_("超期未办结"), {"flag": "overdue"}, TONE_LATE),
        ],
    )


def handler(user: User, scope: Scope) -> list[TodoItem]:
    """The petitions assigned (交办) to the handler's department: to answer, and those overdue."""
    wants = [
        Want(_("待办理"), {"state": "assigned"}),
        Want(_("超期未办结"), {"flag": "overdue"}, TONE_LATE),
    ]
    return _count(user, per_unit(user, Role.HANDLER, "department", Department, wants))


def leader(user: User, scope: Scope) -> list[TodoItem]:
    return _count(
        user,
        [
            Want(_("超期未办结"), {"flag": "overdue"}, TONE_LATE),
            Want(_("延期待审批"), {"flag": "extension"}, TONE_SOON),
            Want(_("积案未化解"), {"flag": "backlog_open"}),
        ],
    )


def register() -> None:
    R = Role
    register_todo(
        TodoSource("petitions.dispatcher", _("信访受理"), frozenset({R.DISPATCHER}), dispatcher, 20),
        TodoSource("petitions.handler", _("本部门信访件"), frozenset({R.HANDLER}), handler, 21),
        TodoSource("petitions.leader", _("信访督办"), frozenset({R.LEADER}), leader, 22),
    )
