"""Working-day calendar: properties over many dates, and the holidays people actually remember."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiedao.core import calendar
from jiedao.core.actions import enter_holiday_schedule
from jiedao.core.calendar import Deadline, add_duration, is_workday, working_days_between, year_known
from jiedao.core.models import AuditEntry, HolidayDay, HolidayYear

SH = ZoneInfo("Asia/Shanghai")
WD = "working_days"
PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def at(y: int, m: int, d: int, h: int = 10) -> datetime:
    return datetime(y, m, d, h, 0, tzinfo=SH)


def eod(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 23, 59, 59, tzinfo=SH)


starts = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2027, 6, 30), timezones=st.just(SH))


@PROPS
@given(start=starts, n=st.integers(min_value=1, max_value=30))
def test_due_day_is_a_working_day_with_exactly_n_working_days(db, start, n):
    due = add_duration(start, n, WD)
    due_day = due.at.date()
    assert is_workday(due_day)
    assert due.at.time() == datetime(2000, 1, 1, 23, 59, 59).time()
    assert working_days_between(start.date(), due_day) == n


@PROPS
@given(start=starts, n=st.integers(min_value=1, max_value=25))
def test_more_working_days_never_come_sooner(db, start, n):
    assert add_duration(start, n, WD).at < add_duration(start, n + 1, WD).at


@PROPS
@given(start=starts, n=st.integers(min_value=0, max_value=60))
def test_estimated_exactly_when_a_counted_day_is_in_an_unknown_year(db, start, n):
    due = add_duration(start, n, WD)
    days = [start.date() + timedelta(days=i) for i in range(1, (due.at.date() - start.date()).days + 1)]
    assert due.estimated == any(d.year == 2027 for d in days)


@PROPS
@given(a=st.dates(date(2023, 1, 1), date(2027, 12, 31)), b=st.dates(date(2023, 1, 1), date(2027, 12, 31)))
def test_working_days_between_is_antisymmetric(db, a, b):
    assert working_days_between(a, b) == -working_days_between(b, a)


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        (at(2024, 9, 30), 1, eod(2024, 10, 8)),  # 国庆 1–7 Oct; 30 Sep's next working day is 8 Oct
        (at(2024, 9, 27), 1, eod(2024, 9, 29)),  # Sunday 29 Sep is a 调休 workday
        (at(2024, 10, 8), 4, eod(2024, 10, 12)),  # …and so is Saturday 12 Oct
        (at(2025, 1, 24), 1, eod(2025, 1, 26)),  # 春节 2025: Sunday 26 Jan is a 调休 workday
        (at(2025, 1, 27), 1, eod(2025, 2, 5)),  # 春节 28 Jan – 4 Feb off
        (at(2025, 2, 6), 2, eod(2025, 2, 8)),  # Saturday 8 Feb is a 调休 workday
        (at(2024, 4, 30), 1, eod(2024, 5, 6)),  # 劳动节 1–5 May
        (at(2024, 6, 7, 23), 1, eod(2024, 6, 11)),  # 端午 10 June (Monday) off
    ],
)
def test_known_holidays(db, start, n, due):
    assert add_duration(start, n, WD) == Deadline(at=due, estimated=False)


def test_make_up_days_and_holidays(db):
    assert is_workday(date(2024, 10, 12))  # Saturday 调休
    assert not is_workday(date(2024, 10, 1))
    assert not is_workday(date(2024, 10, 13))  # ordinary Sunday
    assert is_workday(date(2025, 2, 8))
    assert not is_workday(date(2025, 1, 29))


def test_hours_and_calendar_days(db):
    # Clock hours run through the night and the holiday; working hours wait for 8 Oct.
    assert add_duration(at(2024, 9, 30, 22), 4, "clock_hours") == Deadline(at(2024, 10, 1, 2), False)
    assert add_duration(at(2024, 9, 30, 22), 4, "hours") == Deadline(at(2024, 10, 8, 14), False)
    # Calendar days ignore the holiday: the 3rd day after 30 Sep ends on 3 Oct.
    assert add_duration(at(2024, 9, 30, 8), 3, "calendar_days") == Deadline(eod(2024, 10, 3), False)
    # The local date decides, not UTC: 20:00 UTC on 30 Sep is already 1 Oct in Shanghai.
    utc_evening = datetime(2024, 9, 30, 20, 0, tzinfo=ZoneInfo("UTC"))
    assert add_duration(utc_evening, 1, "calendar_days").at == eod(2024, 10, 2)


def test_bad_arguments_are_refused(db):
    with pytest.raises(ValueError, match="unit"):
        add_duration(at(2024, 1, 2), 1, "weeks")
    with pytest.raises(ValueError, match="negative"):
        add_duration(at(2024, 1, 2), -1, WD)


def test_working_days_between_counts_half_open_interval(db):
    assert working_days_between(date(2024, 9, 30), date(2024, 10, 8)) == 1
    assert working_days_between(date(2024, 10, 8), date(2024, 10, 8)) == 0
    assert working_days_between(date(2024, 10, 8), date(2024, 9, 30)) == -1


def test_unknown_year_counts_weekends_only_and_says_so(db):
    assert year_known(2026)
    assert not year_known(2027)
    due = add_duration(at(2026, 12, 31), 1, WD)  # 1 Jan 2027 is a Friday: unknown, so a workday
    assert due == Deadline(at=eod(2027, 1, 1), estimated=True)
    friday = add_duration(at(2027, 10, 1), 1, WD)  # Friday 1 Oct 2027 → Monday 4 Oct
    assert friday == Deadline(at=eod(2027, 10, 4), estimated=True)


def test_entering_a_schedule_makes_2027_known_and_fires_listeners(db, django_capture_on_commit_callbacks):
    heard: list[int] = []

    def listener(year: int) -> None:
        heard.append(year)

    calendar.on_schedule_changed(listener)
    try:
        national_day = [date(2027, 10, d) for d in range(1, 8)]
        new_year = [date(2027, 1, 1)]
        with django_capture_on_commit_callbacks(execute=True):
            enter_holiday_schedule(
                acting_user=None,
                year=2027,
                holidays=new_year + national_day,
                workdays=[date(2027, 9, 26), date(2027, 10, 9)],
                note="国务院办公厅通知",
            )
    finally:
        calendar.remove_schedule_listener(listener)
    assert heard == [2027]
    assert year_known(2027)
    assert add_duration(at(2026, 12, 31), 1, WD) == Deadline(at=eod(2027, 1, 4), estimated=False)
    assert add_duration(at(2027, 9, 30), 1, WD) == Deadline(at=eod(2027, 10, 8), estimated=False)
    assert is_workday(date(2027, 10, 9))  # Saturday make-up day
    assert AuditEntry.objects.filter(action="enter_schedule", object_type="core.holidayyear").count() == 1


def test_re_entering_a_schedule_replaces_it(db):
    enter_holiday_schedule(acting_user=None, year=2027, holidays=[date(2027, 5, 3)], workdays=[], note="")
    enter_holiday_schedule(acting_user=None, year=2027, holidays=[date(2027, 5, 4)], workdays=[], note="")
    assert list(HolidayDay.objects.values_list("date", flat=True)) == [date(2027, 5, 4)]
    assert is_workday(date(2027, 5, 3))
    assert not is_workday(date(2027, 5, 4))


def test_bad_schedule_is_refused_and_writes_nothing(db):
    with pytest.raises(ValidationError) as exc:
        enter_holiday_schedule(
            acting_user=None,
            year=2027,
            holidays=[date(2028, 1, 1), date(2027, 2, 6)],
            workdays=[date(2027, 2, 6)],
            note="",
        )
    text = " ".join(exc.value.messages)
    assert "2028-01-01" in text
    assert "2027-02-06" in text
    assert not HolidayDay.objects.exists()
    assert not HolidayYear.objects.exists()


def test_admin_override_of_a_library_year(db):
    # A sub-district that works on 2024-10-07 (say, typhoon recovery) overrides the package.
    HolidayDay.objects.create(date=date(2024, 10, 7), is_workday=True, name="调休")
    calendar.invalidate()
    assert add_duration(at(2024, 9, 30), 1, WD).at == eod(2024, 10, 7)


def test_cached_year_is_read_once(db, django_assert_num_queries):
    is_workday(date(2024, 3, 1))
    with django_assert_num_queries(0):
        for i in range(200):
            is_workday(date(2024, 1, 1) + timedelta(days=i))
