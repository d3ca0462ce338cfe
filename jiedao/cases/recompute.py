"""Recompute stored deadlines of open cases once an admin enters a year's holiday schedule.

Deadlines that fell in a year nobody had entered were computed on weekends alone and flagged
`due_estimated`; when that year's schedule arrives they are computed again from the moments
their clocks started, and the change is audited.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from jiedao.cases import clocks
from jiedao.cases.models import Case
from jiedao.core import audit

FIELDS = ["sign_due", "resolve_due", "due_at", "warn_at", "due_estimated", "time_status"]


def recompute_estimated(year: int, now: datetime | None = None) -> int:
    """Recompute every open, estimated deadline that lands in `year`. Returns how many changed."""
    now = now or timezone.now()
    changed = 0
    candidates = Case.objects.filter(
        due_estimated=True, due_at__isnull=False, dispatched_at__isnull=False
    ).select_related("category")
    for case in candidates.iterator(chunk_size=500):
        dues = [d for d in (case.sign_due, case.resolve_due) if d is not None]
        if not any(d.year == year for d in dues):
            continue
        with transaction.atomic():
            locked = Case.objects.select_for_update().get(pk=case.pk)
            before = audit.snapshot(locked, FIELDS)
            assert locked.dispatched_at is not None
            clocks.start_clocks(locked, locked.dispatched_at)
            if locked.signed_at is not None:
                clocks.watch(locked, locked.dispatched_at, locked.resolve_due)
            locked.time_status = clocks.status_at(locked, now)
            locked.save(update_fields=FIELDS)
            audit.record(
                locked,
                "recompute_deadline",
                acting_user=None,
                before=before,
                after=audit.snapshot(locked, FIELDS),
            )
            changed += 1
    return changed
