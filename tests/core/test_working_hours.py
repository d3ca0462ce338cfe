"""Deadlines in hours count working hours: properties across nights, weekends, holidays and 调休."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiedao.core import calendar
from jiedao.core.actions import enter_holiday_schedule
from jiedao.core.calendar import Deadline, add_duration, add_working_time, is_workday, working_time_between
from jiedao.core.config import load_config
from jiedao.core.models import AuditEntry, Jurisdiction, SLAPolicy
from jiedao.core.workhours import DEFAULT, WorkingHours, parse_working_hours

SH = ZoneInfo("Asia/Shanghai")
H = "hours"
PROPS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def at(y: int, m: int, d: int, h: int = 10, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=SH)


# Any moment, to the microsecond, from 2023 to mid-2027 (2027's holidays are not known).
starts = st.datetimes(min_value=datetime(2023, 1, 1), max_value=datetime(2027, 6, 30), timezones=st.just(SH))
amounts = st.integers(min_value=1, max_value=60)


@st.composite
def office_hours(draw: st.DrawFn) -> WorkingHours:
    """The default, or one to four periods on five-minute marks (24:00 may end the day)."""
    if draw(st.booleans()):
        return DEFAULT
    pairs = draw(st.integers(1, 4))
    five_minute_marks = st.lists(st.integers(0, 288), min_size=2 * pairs, max_size=2 * pairs, unique=True)
    marks = sorted(m * 5 for m in draw(five_minute_marks))
    return WorkingHours(tuple(zip(marks[::2], marks[1::2], strict=True)))


def _inside_working_time_or_at_an_end(moment: datetime, hours: WorkingHours) -> bool:
    local = moment.astimezone(SH)
    for day in (local.date(), local.date() - timedelta(days=1)):  # a period may end at 24:00
        if not is_workday(day):
            continue
        midnight = datetime(day.year, day.month, day.day, tzinfo=SH)
        for a, b in hours.periods:
            if midnight + timedelta(minutes=a) <= local <= midnight + timedelta(minutes=b):
                return True
    return False


@PROPS
@given(start=starts, n=amounts, hours=office_hours())
def test_due_is_in_working_time_and_exactly_n_working_hours_away(db, start, n, hours):
    due = add_duration(start, n, H, hours).at
    assert _inside_working_time_or_at_an_end(due, hours)
    assert working_time_between(start, due, hours) == timedelta(hours=n)
    assert due >= start + timedelta(hours=n)  # working time never runs faster than the clock


@PROPS
@given(start=starts, n=amounts, hours=office_hours(), later=st.timedeltas(timedelta(0), timedelta(days=20)))
def test_later_start_is_never_due_sooner(db, start, n, hours, later):
    assert add_duration(start, n, H, hours).at <= add_duration(start + later, n, H, hours).at


@PROPS
@given(start=starts, n=amounts, hours=office_hours())
def test_more_hours_are_always_due_later(db, start, n, hours):
    assert add_duration(start, n, H, hours).at < add_duration(start, n + 1, H, hours).at


@PROPS
@given(start=starts, a=amounts, b=amounts, hours=office_hours())
def test_adding_a_then_b_is_adding_a_plus_b(db, start, a, b, hours):
    first = add_duration(start, a, H, hours).at
    assert add_duration(first, b, H, hours).at == add_duration(start, a + b, H, hours).at


@PROPS
@given(start=starts, n=amounts)
def test_estimated_exactly_when_the_count_touches_an_unknown_year(db, start, n):
    due = add_duration(start, n, H)
    assert due.estimated == (due.at.astimezone(SH).year == 2027)


@PROPS
@given(start=starts, n=amounts)
def test_clock_hours_run_round_the_clock(db, start, n):
    assert add_duration(start, n, "clock_hours") == Deadline(start + timedelta(hours=n), False)


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        (at(2024, 11, 12, 22, 18), 4, at(2024, 11, 13, 14)),  # Tuesday night → Wednesday 14:00
        (at(2024, 11, 13, 9), 3, at(2024, 11, 13, 12)),  # runs out exactly at the lunch break
        (at(2024, 11, 13, 9), 4, at(2024, 11, 13, 14, 30)),  # …and resumes at 13:30
        (at(2024, 11, 13, 12, 40), 1, at(2024, 11, 13, 14, 30)),  # started during lunch
        (at(2024, 11, 13, 7), 1, at(2024, 11, 13, 9, 30)),  # started before the office opens
        (at(2024, 11, 15, 16, 30), 4, at(2024, 11, 18, 11, 30)),  # Friday → Monday
        (at(2024, 9, 30, 16), 4, at(2024, 10, 8, 11)),  # 国庆 1–7 Oct are not counted
        (at(2024, 9, 27, 17), 2, at(2024, 9, 29, 10)),  # Sunday 29 Sep is a 调休 workday
        (at(2024, 10, 11, 17), 9, at(2024, 10, 14, 9, 30)),  # Saturday 12 Oct too: 7.5 h there
        (at(2025, 1, 27, 16), 2, at(2025, 2, 5, 9)),  # 春节 28 Jan – 4 Feb off
    ],
)
def test_known_days(db, start, n, due):
    assert add_duration(start, n, H) == Deadline(at=due, estimated=False)


def test_the_platform_counts_in_shanghai_time(db):
    # 14:18 UTC is 22:18 in Shanghai: after hours, whatever zone the moment is written in.
    utc = datetime(2024, 11, 12, 14, 18, tzinfo=ZoneInfo("UTC"))
    assert add_duration(utc, 4, H).at == at(2024, 11, 13, 14)
    assert add_duration(utc, 4, H).at.tzinfo == SH


def test_zero_hours_and_bad_spans(db):
    night = at(2024, 11, 12, 22, 18)
    assert add_duration(night, 0, H).at == night
    with pytest.raises(ValueError, match="negative"):
        add_working_time(night, timedelta(minutes=-1), DEFAULT)


def test_a_schedule_without_any_working_day_is_refused_not_looped(db, monkeypatch):
    monkeypatch.setattr(calendar, "MAX_SEARCH_DAYS", 40)
    days_off = [date(2027, 1, 1) + timedelta(days=i) for i in range(59)]  # all of January and February
    enter_holiday_schedule(acting_user=None, year=2027, holidays=days_off, workdays=[], note="")
    with pytest.raises(ValueError, match="no working time"):
        add_duration(at(2027, 1, 1), 1, H)
    assert add_duration(at(2027, 2, 20), 1, H).at == at(2027, 3, 1, 9, 30)


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("08:30-12:00,13:30-17:30", "08:30-12:00,13:30-17:30"),
        ("8:30 - 12:00，13:30～17:30", "08:30-12:00,13:30-17:30"),
        ("09：00-12：00、14:00-18:00", "09:00-12:00,14:00-18:00"),
        ("00:00-24:00", "00:00-24:00"),
    ],
)
def test_working_hours_are_read_as_offices_write_them(text, normal):
    assert str(parse_working_hours(text)) == normal


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "不能为空"),
        ("8点半到12点", "格式不正确"),
        ("08:30-12:60", "格式不正确"),
        ("25:00-26:00", "格式不正确"),
        ("12:00-08:30", "晚于开始时间"),
        ("22:00-02:00", "跨过午夜"),
        ("08:30-12:00,11:00-17:30", "互不重叠"),
        ("13:30-17:30,08:30-12:00", "先后排列"),
    ],
)
def test_unreadable_working_hours_say_why(text, fragment):
    with pytest.raises(ValidationError) as exc:
        parse_working_hours(text)
    assert fragment in " ".join(exc.value.messages)


def test_working_days_are_unchanged(db):
    assert is_workday(date(2024, 9, 29))
    assert add_duration(at(2024, 9, 30), 1, "working_days").at == datetime(2024, 10, 8, 23, 59, 59, tzinfo=SH)


def _config_with(tmp_path, settings, working_hours) -> str:
    shutil.copytree(Path(settings.BASE_DIR) / "config" / "default", tmp_path / "office")
    sla = tmp_path / "office" / "sla.json"
    data = json.loads(sla.read_text(encoding="utf-8"))
    data["working_hours"] = working_hours
    sla.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    settings.JIEDAO_CONFIG_DIR = tmp_path
    return "office"


def test_configuration_sets_the_working_hours_audited(jurisdiction, tmp_path, settings):
    assert calendar.working_hours_of(jurisdiction.pk) == DEFAULT
    summary = load_config(jurisdiction, _config_with(tmp_path, settings, ["09:00-12:00", "14:00-18:00"]))
    assert summary.updated == {"jurisdiction": 1}
    jurisdiction.refresh_from_db()
    assert jurisdiction.working_hours == "09:00-12:00,14:00-18:00"
    assert str(calendar.working_hours_of(jurisdiction.pk)) == "09:00-12:00,14:00-18:00"
    entry = AuditEntry.objects.get(object_type="core.jurisdiction", action="update")
    assert entry.after == {"working_hours": "09:00-12:00,14:00-18:00"}
    assert not load_config(jurisdiction, "office").changed  # loading again changes nothing


def test_bad_working_hours_in_a_configuration_write_nothing(jurisdiction, tmp_path, settings):
    audited = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        load_config(jurisdiction, _config_with(tmp_path, settings, ["17:30-08:30"]))
    assert "sla.json working_hours" in " ".join(exc.value.messages)
    assert "晚于开始时间" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError, match="时段列表"):
        load_config(jurisdiction, _config_with(tmp_path / "b", settings, "08:30-17:30"))
    jurisdiction.refresh_from_db()
    assert (jurisdiction.working_hours, jurisdiction.config_name) == ("08:30-12:00,13:30-17:30", "default")
    assert AuditEntry.objects.count() == audited


@pytest.mark.django_db(transaction=True)
def test_upgrade_keeps_urgent_rules_in_hours_round_the_clock():
    """Before 0004 every rule in "hours" counted clock hours; 紧急 ones must keep doing so."""
    executor = MigrationExecutor(connection)
    executor.migrate([("core", "0002_tag_set_name")])
    old = executor.loader.project_state([("core", "0002_tag_set_name")]).apps
    jur = old.get_model("core", "Jurisdiction").objects.create(code="old", name="升级前街道")
    policies = old.get_model("core", "SLAPolicy").objects
    for urgency in ("urgent", "normal"):
        policies.create(
            jurisdiction=jur,
            urgency=urgency,
            sign_amount=2,
            sign_unit="hours",
            resolve_amount=4,
            resolve_unit="hours",
        )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    units = dict(SLAPolicy.objects.filter(jurisdiction__code="old").values_list("urgency", "sign_unit"))
    assert units == {"urgent": "clock_hours", "normal": "hours"}
    assert SLAPolicy.objects.get(jurisdiction__code="old", urgency="urgent").resolve_unit == "clock_hours"
    assert Jurisdiction.objects.get(code="old").working_hours == "08:30-12:00,13:30-17:30"
