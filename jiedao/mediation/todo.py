"""The workbench's mediation counts for each role (registered with `jiedao.core.todo`).

A mediator's disputes are those of their rooms (the engine's filter, room-narrowed); each count
is the dispute list's own filter over them, so a count and the list its link opens agree.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jiedao.cases.todo import kind_counts
from jiedao.core.models import Role, User
from jiedao.core.scope import Scope
from jiedao.core.todo import TONE_LATE, TONE_SOON, TodoItem, TodoSource, Want, register_todo
from jiedao.mediation.kind import KIND


def _count(user: User, wants: list[Want]) -> list[TodoItem]:
    return kind_counts(user, KIND, wants)


def mediator(user: User, scope: Scope) -> list[TodoItem]:
    """Open disputes of the mediator's rooms by what they wait for, and those nearly or past due
    (the one-month norm of a mediation, the 30 days for applying for 司法确认)."""
    return _count(
        user,
        [
            Want(_("调解中"), {"state": "mediating"}),
            Want(_("临近期限"), {"soon": "1"}, TONE_SOON),
            Want(_("超期"), {"overdue": "1"}, TONE_LATE, reverse("mediation:overdue")),
            Want(_("待申请司法确认"), {"state": "agreed"}),
            Want(_("司法确认中"), {"state": "confirming"}),
            Want(_("待登记法庭结果"), {"state": "referred"}),
        ],
    )


def dispatcher(user: User, scope: Scope) -> list[TodoItem]:
    return _count(user, [Want(_("待分派"), {"state": "registered"})])


def leader(user: User, scope: Scope) -> list[TodoItem]:
    return _count(
        user,
        [
            Want(_("超期"), {"overdue": "1"}, TONE_LATE, reverse("mediation:overdue")),
            Want(_("临近期限"), {"soon": "1"}, TONE_SOON),
        ],
    )


def register() -> None:
    R = Role
    register_todo(
        TodoSource("mediation.mediator", _("我的调解"), frozenset({R.MEDIATOR}), mediator, 30),
        TodoSource("mediation.dispatcher", _("调解分派"), frozenset({R.DISPATCHER}), dispatcher, 31),
        TodoSource("mediation.leader", _("调解督办"), frozenset({R.LEADER}), leader, 32),
    )
