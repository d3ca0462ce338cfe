"""Background work of the case engine, run by the huey consumer."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from jiedao.cases.sweep import refresh_time_status


@db_periodic_task(crontab(minute="*/5"))
def sweep_time_status() -> dict[str, int]:
    return refresh_time_status()
