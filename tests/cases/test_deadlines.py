"""Event deadlines from SLA policies across holidays, and their recomputation for a new year."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from jiedao.cases import actions
from jiedao.cases.models import Case
from jiedao.core.actions import enter_holiday_schedule
from jiedao.core.models import AuditEntry
from tests.cases.helpers import department_of, grid_of, report

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def _dispatch_at(users, client_for, moment: datetime) -> Case:
    eid = report(client_for(users["grid_worker"]), grid_of(users["grid_worker"]))["id"]
    d = users["dispatcher"]
    actions.perform(eid, "accept", acting_user=d, now=moment)
    dep = department_of(users["handler"])
    return actions.perform(eid, "dispatch", acting_user=d, payload={"department": dep.pk}, now=moment)


def test_normal_event_due_in_five_working_days_across_national_day(users, client_for):
    case = _dispatch_at(users, client_for, datetime(2024, 9, 29, 10, 0, tzinfo=TZ))
    # 9-29 (Sun, 调休 workday) dispatched; 9-30 is day 1; 10-1..7 holidays; 10-8..10-11 days 2–5.
    assert case.resolve_due is not None
    assert case.resolve_due.astimezone(TZ).date() == date(2024, 10, 11)
    assert case.due_estimated is False


def test_deadline_in_unknown_year_is_flagged_then_recomputed(
    users, client_for, django_capture_on_commit_callbacks
):
    case = _dispatch_at(users, client_for, datetime(2026, 12, 28, 9, 0, tzinfo=TZ))
    assert case.due_estimated is True
    assert case.resolve_due is not None
    # Weekends only: 12-29, 30, 31, 2027-01-01, 01-04.
    assert case.resolve_due.astimezone(TZ).date() == date(2027, 1, 4)
    with django_capture_on_commit_callbacks(execute=True):
        enter_holiday_schedule(
            acting_user=users["admin"],
            year=2027,
            holidays=[date(2027, 1, 1)],
            workdays=[],
            note="国务院办公厅通知（测试）",
        )
    case.refresh_from_db()
    assert case.due_estimated is False
    assert case.resolve_due is not None
    assert case.resolve_due.astimezone(TZ).date() == date(2027, 1, 5)
    assert AuditEntry.objects.filter(object_id=str(case.pk), action="recompute_deadline").exists()
