"""Working-day calendar: Chinese statutory holidays and 调休 make-up workdays.

The `chinese_calendar` package knows a fixed range of years; admins extend or override it with
`HolidayDay` rows and mark a year whose schedule they entered completely with `HolidayYear`.
For a year nobody knows we count weekends only and say so: every `Deadline` carries `estimated`.

Year data is read once per year per process and kept for `CACHE_TTL` seconds (other processes
pick up an admin's change within that time); writes in this process call `invalidate()`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar

from jiedao.core.models import HolidayDay, HolidayYear
from jiedao.core.models.org import DurationUnit

log = logging.getLogger(__name__)

LOCAL_TZ = ZoneInfo("Asia/Shanghai")
CACHE_TTL = 60.0


@dataclass(frozen=True)
class Deadline:
    """A computed due time; `estimated` when some counted day fell in a year with no schedule."""

    at: datetime
    estimated: bool


@dataclass(frozen=True)
class _Year:
    known: bool
    overrides: dict[date, bool]  # date -> is_workday, where it differs from "Mon–Fri work"
    loaded_at: float


_lock = threading.Lock()
_years: dict[int, _Year] = {}
_lib_years: dict[int, bool] = {}
ScheduleListener = Callable[[int], None]
_listeners: list[ScheduleListener] = []


def invalidate() -> None:
    """Forget all cached year data (call after writing HolidayDay/HolidayYear rows)."""
    with _lock:
        _years.clear()


def library_knows(year: int) -> bool:
    """Whether the bundled chinese_calendar data covers `year`."""
    known = _lib_years.get(year)
    if known is None:
        try:
            chinese_calendar.is_workday(date(year, 6, 1))
            known = True
        except NotImplementedError:
            known = False
        _lib_years[year] = known
    return known


def _load(year: int) -> _Year:
    overrides: dict[date, bool] = {}
    lib = library_knows(year)
    if lib:
        for d in chinese_calendar.holidays:
            if d.year == year:
                overrides[d] = False
        for d in chinese_calendar.workdays:
            if d.year == year:
                overrides[d] = True
    for d, is_work in HolidayDay.objects.filter(date__year=year).values_list("date", "is_workday"):
        overrides[d] = is_work
    complete = HolidayYear.objects.filter(year=year, complete=True).exists()
    return _Year(known=lib or complete, overrides=overrides, loaded_at=time.monotonic())


def _year(year: int) -> _Year:
    data = _years.get(year)
    if data is None or time.monotonic() - data.loaded_at > CACHE_TTL:
        data = _load(year)
        with _lock:
            _years[year] = data
    return data


def year_known(year: int) -> bool:
    """Whether holidays of `year` are known (library data or a complete admin schedule)."""
    return _year(year).known


def is_workday(d: date) -> bool:
    """Whether `d` is a working day (unknown years: Monday to Friday)."""
    override = _year(d.year).overrides.get(d)
    if override is not None:
        return override
    return d.weekday() < 5


def local_date(moment: datetime) -> date:
    """The Asia/Shanghai calendar date of `moment` (a naive value is taken as local time)."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(LOCAL_TZ).date()


def end_of_day(d: date) -> datetime:
    """23:59:59 local time on `d`, as an aware datetime."""
    return datetime(d.year, d.month, d.day, 23, 59, 59, tzinfo=LOCAL_TZ)


def add_working_days(start: date, amount: int) -> tuple[date, bool]:
    """The `amount`-th working day after `start` (start not counted), and whether it is estimated."""
    d = start
    estimated = False
    remaining = amount
    while remaining > 0:
        d += timedelta(days=1)
        if not year_known(d.year):
            estimated = True
        if is_workday(d):
            remaining -= 1
    return d, estimated


def add_duration(start: datetime, amount: int, unit: str) -> Deadline:
    """Due time `amount` units after `start`.

    hours: clock hours; calendar_days: end of the N-th calendar day after the start date;
    working_days: end of the N-th working day after the start date (the start day not counted).
    """
    if amount < 0:
        raise ValueError("amount must not be negative")
    if start.tzinfo is None:
        start = start.replace(tzinfo=LOCAL_TZ)
    if unit == DurationUnit.HOURS:
        return Deadline(at=start + timedelta(hours=amount), estimated=False)
    first = local_date(start)
    if unit == DurationUnit.CALENDAR_DAYS:
        return Deadline(at=end_of_day(first + timedelta(days=amount)), estimated=False)
    if unit == DurationUnit.WORKING_DAYS:
        due, estimated = add_working_days(first, amount)
        if estimated:
            log.info("deadline %s estimated: holiday schedule unknown for %s", due, due.year)
        return Deadline(at=end_of_day(due), estimated=estimated)
    raise ValueError(f"unknown duration unit {unit!r}")


def working_days_between(a: date, b: date) -> int:
    """Number of working days d with a < d <= b (negative when b is before a)."""
    if b < a:
        return -working_days_between(b, a)
    count = 0
    d = a
    while d < b:
        d += timedelta(days=1)
        if is_workday(d):
            count += 1
    return count


def on_schedule_changed(listener: ScheduleListener) -> ScheduleListener:
    """Register `listener(year)`, called after an admin's schedule for that year is committed.

    Usable as a decorator; registering the same function twice has no further effect.
    """
    with _lock:
        if listener not in _listeners:
            _listeners.append(listener)
    return listener


def remove_schedule_listener(listener: ScheduleListener) -> None:
    with _lock:
        if listener in _listeners:
            _listeners.remove(listener)


def schedule_changed(year: int) -> None:
    """Drop cached data and tell every registered listener that `year`'s schedule changed."""
    invalidate()
    for listener in list(_listeners):
        try:
            listener(year)
        except Exception:
            # One app's failure to recompute must not hide the schedule from the others.
            log.exception("schedule listener %r failed for %s", listener, year)
