"""Event deadlines from SLA policies across holidays and working hours, and their recomputation."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from jiedao.cases import actions
from jiedao.cases.models import Case, TimeStatus
from jiedao.cases.sweep import refresh_time_status
from jiedao.core.actions import enter_holiday_schedule
from jiedao.core.models import AuditEntry, SLAPolicy
from tests.cases.helpers import department_of, grid_of, report

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def at(y: int, m: int, d: int, h: int, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, s, tzinfo=TZ)


def _dispatch_at(users, client_for, moment: datetime, **payload: Any) -> Case:
    eid = report(client_for(users["grid_worker"]), grid_of(users["grid_worker"]))["id"]
    d = users["dispatcher"]
    actions.perform(eid, "accept", acting_user=d, now=moment)
    dep = department_of(users["handler"])
    return actions.perform(
        eid, "dispatch", acting_user=d, payload={"department": dep.pk, **payload}, now=moment
    )


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


def test_normal_event_dispatched_at_2218_is_due_to_be_signed_at_1400_next_working_day(users, client_for):
    # Tuesday 12 Nov 2024, 22:18: the clock waits for 08:30; 3.5 h until lunch, 0.5 h after it.
    case = _dispatch_at(users, client_for, at(2024, 11, 12, 22, 18))
    assert case.sign_due == at(2024, 11, 13, 14, 0)
    assert case.warn_at == at(2024, 11, 13, 11, 42)  # 80% of the 4 working hours
    assert case.resolve_due == at(2024, 11, 19, 23, 59, 59)  # 5 working days, as before
    assert case.due_estimated is False
    shown = client_for(users["dispatcher"]).get(f"/api/events/{case.pk}").json()
    assert datetime.fromisoformat(shown["sign_due"]) == at(2024, 11, 13, 14, 0)
    page = client_for(users["dispatcher"]).get(f"/events/{case.pk}/").content.decode()
    assert "2024-11-13 14:00" in page


def test_the_night_does_not_turn_a_working_hour_clock_yellow_or_red(users, client_for):
    case = _dispatch_at(users, client_for, at(2024, 11, 12, 22, 18))
    for moment, status in [
        (at(2024, 11, 13, 2, 20), TimeStatus.GREEN),  # where the clock-hour deadline was
        (at(2024, 11, 13, 11, 43), TimeStatus.YELLOW),
        (at(2024, 11, 13, 14, 1), TimeStatus.RED),
    ]:
        refresh_time_status(moment)
        case.refresh_from_db()
        assert case.time_status == status, moment


def test_urgent_event_counts_round_the_clock(users, client_for):
    case = _dispatch_at(users, client_for, at(2024, 11, 12, 22, 18), urgency="urgent")
    assert case.sign_due == at(2024, 11, 13, 0, 18)  # 紧急: 2 hours, 24×7
    assert case.warn_at == at(2024, 11, 12, 23, 54)


def test_resolve_clock_in_working_hours_turns_yellow_in_working_time(users, client_for, jurisdiction):
    SLAPolicy.objects.filter(jurisdiction=jurisdiction, category=None, urgency="normal").update(
        resolve_amount=8, resolve_unit="hours"
    )
    # Friday 16:30: 1 h on Friday, then Monday 08:30–12:00 and 13:30–17:00.
    case = _dispatch_at(users, client_for, at(2024, 11, 15, 16, 30))
    assert case.sign_due == at(2024, 11, 18, 11, 30)
    assert case.resolve_due == at(2024, 11, 18, 17, 0)
    signed = actions.perform(case.pk, "sign", acting_user=users["handler"], now=at(2024, 11, 18, 9))
    assert signed.due_at == at(2024, 11, 18, 17, 0)
    assert signed.warn_at == at(2024, 11, 18, 15, 24)  # 6.4 of the 8 working hours, not Sunday night


def test_working_hour_deadline_in_unknown_year_is_recomputed_with_the_schedule(
    users, client_for, django_capture_on_commit_callbacks
):
    # Thursday 31 Dec 2026, 22:18; nobody knows yet that Friday 1 Jan 2027 is a holiday.
    case = _dispatch_at(users, client_for, at(2026, 12, 31, 22, 18))
    assert case.sign_due == at(2027, 1, 1, 14, 0)
    assert case.due_estimated is True
    with django_capture_on_commit_callbacks(execute=True):
        enter_holiday_schedule(
            acting_user=users["admin"], year=2027, holidays=[date(2027, 1, 1)], workdays=[], note="元旦"
        )
    case.refresh_from_db()
    assert case.sign_due == at(2027, 1, 4, 14, 0)
    assert case.warn_at == at(2027, 1, 4, 11, 42)
    assert case.due_estimated is False


def test_admin_changes_working_hours_for_clocks_started_afterwards(
    users, client_for, jurisdiction, django_capture_on_commit_callbacks
):
    before = _dispatch_at(users, client_for, at(2024, 11, 12, 22, 18))
    c = client_for(users["admin"])
    url = f"/admin/core/jurisdiction/{jurisdiction.pk}/change/"
    assert "08:30-12:00,13:30-17:30" in c.get(url).content.decode()
    assert "08:30-12:00,13:30-17:30" in c.get("/admin/core/jurisdiction/").content.decode()
    form = {
        "code": jurisdiction.code,
        "name": jurisdiction.name,
        "config_name": jurisdiction.config_name,
        "case_prefix": jurisdiction.case_prefix,
    }
    refused = c.post(url, {**form, "working_hours": "09:00-12:00,11:00-18:00"})
    assert refused.status_code == 200
    assert "互不重叠" in refused.content.decode()
    jurisdiction.refresh_from_db()
    assert jurisdiction.working_hours == "08:30-12:00,13:30-17:30"
    with django_capture_on_commit_callbacks(execute=True):
        saved = c.post(url, {**form, "working_hours": "9:00-12:00，14:00-18:00"})
    assert saved.status_code == 302
    entry = AuditEntry.objects.filter(object_type="core.jurisdiction", action="update").latest("pk")
    assert entry.user == users["admin"]
    assert entry.before is not None
    assert entry.before["working_hours"] == "08:30-12:00,13:30-17:30"
    after = _dispatch_at(users, client_for, at(2024, 11, 12, 22, 18))
    assert after.sign_due == at(2024, 11, 13, 15, 0)  # 09:00–12:00, then 14:00–15:00
    before.refresh_from_db()
    assert before.sign_due == at(2024, 11, 13, 14, 0)  # stored once, not moved
    assert before.sign_due - timedelta(hours=1) < after.sign_due
