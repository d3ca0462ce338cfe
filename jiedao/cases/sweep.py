"""The time-status sweep: compares stored timestamps only, issues red/yellow cards.

Every change it makes is written like a person's: an audit entry per case (time_status before
and after) and a timeline entry (临期预警 / 已超期, naming the card if one was issued), in the
same transaction as the change, in batches.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from jiedao.cases.models import Action, CardColor, Case, DepartmentCard, TimeStatus
from jiedao.core import audit
from jiedao.core.models import AuditEntry

BATCH = 500
# Timeline verbs of the sweep (labels in cases.pages.ENGINE_VERBS).
VERBS: dict[str, str] = {TimeStatus.YELLOW: "time_yellow", TimeStatus.RED: "time_red"}
SYSTEM = gettext_lazy("系统")


def refresh_time_status(now: datetime | None = None) -> dict[str, int]:
    """Turn due cases red and nearly-due cases yellow; count a card against their department."""
    now = now or timezone.now()
    counts = {}
    with transaction.atomic():
        for status, color, qs in (
            (
                TimeStatus.RED,
                CardColor.RED,
                Case.objects.filter(due_at__lte=now).exclude(time_status=TimeStatus.RED),
            ),
            (
                TimeStatus.YELLOW,
                CardColor.YELLOW,
                Case.objects.filter(warn_at__lte=now, due_at__gt=now, time_status=TimeStatus.GREEN),
            ),
        ):
            fields = ("id", "jurisdiction_id", "department_id", "time_status", "state", "number", "title")
            rows = list(qs.values_list(*fields))
            for start in range(0, len(rows), BATCH):
                _apply(rows[start : start + BATCH], status, color, now)
            counts[str(status)] = len(rows)
    return counts


def _apply(rows: list[tuple[Any, ...]], status: str, color: str, now: datetime) -> None:
    Case.objects.filter(id__in=[r[0] for r in rows]).update(time_status=status)
    # A department holds at most one card of each colour per case (a re-opened case is not
    # carded twice): the timeline names the card the department holds.
    DepartmentCard.objects.bulk_create(
        [
            DepartmentCard(jurisdiction_id=j, department_id=d, case_id=c, color=color, issued_at=now)
            for c, j, d, *_rest in rows
            if d is not None
        ],
        ignore_conflicts=True,
    )
    system = str(SYSTEM)
    Action.objects.bulk_create(
        Action(
            case_id=c,
            verb=VERBS[status],
            from_state=state,
            to_state=state,
            actor=None,
            actor_name=system,
            department_id=d,
            at=now,
            data={"time_status": status, **({"card": color} if d is not None else {})},
        )
        for c, _j, d, _old, state, *_label in rows
    )
    AuditEntry.objects.bulk_create(
        audit.entry(
            Case(pk=c, jurisdiction_id=j, number=number, title=title),  # names the case as any entry does
            "time_status",
            acting_user=None,
            before={"time_status": old},
            after={"time_status": status},
        )
        for c, j, _d, old, _state, number, title in rows
    )
