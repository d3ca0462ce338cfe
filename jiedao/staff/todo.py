"""The admin's staff counts on the workbench (registered with `jiedao.core.todo`): people still
to change the password they were given, and deactivated accounts, of the admin's jurisdictions.

Counted over the staff list's own reading (`search_staff`), one query for the jurisdictions the
admin manages and one for the counts; each count links to the list with the same status filter.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jiedao.core.models import Role, User
from jiedao.core.scope import Scope
from jiedao.core.todo import TONE_SOON, TodoItem, TodoSource, Want, counted, register_todo
from jiedao.staff.access import managed_jurisdictions
from jiedao.staff.queries import INACTIVE, MUST_CHANGE, StaffFilters, search_staff

STATUS = {"must_change": MUST_CHANGE, "inactive": INACTIVE}


def _condition(params: Mapping[str, Any]) -> Q:
    return STATUS[params["status"]]


def staff(user: User, scope: Scope) -> list[TodoItem]:
    managed = list(managed_jurisdictions(user).order_by("pk"))
    if not managed:
        return []
    wants = [
        Want(_("待修改密码"), {"status": "must_change"}, TONE_SOON),
        Want(_("已停用账号"), {"status": "inactive"}),
    ]
    return counted(
        search_staff(managed, StaffFilters()), wants, condition=_condition, url=reverse("staff:list")
    )


def register() -> None:
    from jiedao.core import configtodo

    register_todo(TodoSource("staff.accounts", _("人员与权限"), frozenset({Role.ADMIN}), staff, 90))
    # The platform's configuration checks (core) are the admin's work too: shown next to the staff.
    configtodo.register()
