"""The admin's configuration check on the workbench: holiday schedules still to be entered.

Deadlines in working days need the year's statutory holidays and 调休 days; the bundled calendar
covers the years published when it was released, and an admin enters the others. A clock started
today may end up to LOOKAHEAD days ahead (a petition: 60 days plus a 30-day extension), so every
year until then must be known, or the deadlines computed now are only estimates.
"""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiedao.core import calendar
from jiedao.core.models import Role, User
from jiedao.core.scope import Scope
from jiedao.core.todo import TONE_SOON, TodoItem, TodoSource, register_todo

LOOKAHEAD = timedelta(days=90)


def missing_holiday_years() -> list[int]:
    """The years from today to LOOKAHEAD whose holidays are known neither to the bundled
    calendar nor from a complete schedule an admin entered."""
    today = timezone.localdate()
    years = range(today.year, (today + LOOKAHEAD).year + 1)
    return [y for y in years if not calendar.year_known(y)]


def holidays(user: User, scope: Scope) -> list[TodoItem]:
    missing = missing_holiday_years()
    label = (
        _("%(years)s年节假日安排待录入") % {"years": "、".join(str(y) for y in missing)}
        if missing
        else _("节假日安排待录入")
    )
    url = reverse("admin:core_holidayyear_changelist")
    return [TodoItem(label, len(missing), url, TONE_SOON)]


def register() -> None:
    register_todo(TodoSource("core.config", gettext_lazy("配置检查"), frozenset({Role.ADMIN}), holidays, 95))
