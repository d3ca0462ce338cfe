"""Background work of the case engine, run by the huey consumer."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from jiedao.cases.recompute import recompute_estimated
from jiedao.cases.sweep import refresh_time_status


@db_periodic_task(crontab(minute="*/5"))
def sweep_time_status() -> dict[str, int]:
    return refresh_time_status()


@db_task()
def recompute_deadlines(year: int) -> int:
    return recompute_estimated(year)


def enqueue_recompute(year: int) -> None:
    """Calendar listener: recompute in the background once a year's schedule is committed."""
    recompute_deadlines(year)
