"""The time-status sweep: compares stored timestamps only, issues red/yellow cards."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from jiedao.cases.models import CardColor, Case, DepartmentCard, TimeStatus


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
            rows = list(qs.values_list("id", "jurisdiction_id", "department_id"))
            ids = [r[0] for r in rows]
            for start in range(0, len(ids), 500):
                Case.objects.filter(id__in=ids[start : start + 500]).update(time_status=status)
            DepartmentCard.objects.bulk_create(
                [
                    DepartmentCard(jurisdiction_id=j, department_id=d, case_id=c, color=color, issued_at=now)
                    for c, j, d in rows
                    if d is not None
                ],
                ignore_conflicts=True,
                batch_size=500,
            )
            counts[str(status)] = len(ids)
    return counts
