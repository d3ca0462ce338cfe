"""Background work of the event kind, run by the huey consumer."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from jiedao.events.snapshots import REFRESH_MINUTES, refresh_snapshots


@db_periodic_task(crontab(minute=f"*/{REFRESH_MINUTES}"))
def refresh_dashboard_snapshots() -> int:
    return refresh_snapshots()
