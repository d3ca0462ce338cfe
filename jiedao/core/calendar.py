"""Working-day calendar: Chinese statutory holidays and 调休 make-up workdays, and working hours.

The `chinese_calendar` package knows a fixed range of years; admins extend or override it with
`HolidayDay` rows and mark a year whose schedule they entered completely with `HolidayYear`.
For a year nobody knows we count weekends only and say so: every `Deadline` carries `estimated`.

Deadlines in hours count only the jurisdiction's working hours (`Jurisdiction.working_hours`,
default 08:30–12:00 and 13:30–17:30) on working days; `clock_hours` count round the clock (紧急).

Year data is read once per year per process and kept for `CACHE_TTL` seconds (other processes
pick up an admin's change within that time); writes in this process call `invalidate()`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar
from django.core.exceptions import ValidationError

from jiedao.core.models import HolidayDay, HolidayYear, Jurisdiction
from jiedao.core.models.org import DurationUnit
from jiedao.core.workhours import DEFAULT, WorkingHours, parse_working_hours

log = logging.getLogger(__name__)

LOCAL_TZ = ZoneInfo("Asia/Shanghai")
CACHE_TTL = 60.0
# Looking further than this for working time means the schedule has none (every day a holiday).
MAX_SEARCH_DAYS = 3660


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
_hours: dict[int, tuple[WorkingHours, float]] = {}
ScheduleListener = Callable[[int], None]
_listeners: list[ScheduleListener] = []


def invalidate() -> None:
    """Forget all cached year data and working hours (call after writing them)."""
    with _lock:
        _years.clear()
        _hours.clear()


def working_hours_of(jurisdiction_id: int | None) -> WorkingHours:
    """The working hours of a jurisdiction (cached like year data; the default without one)."""
    if jurisdiction_id is None:
        return DEFAULT
    cached = _hours.get(jurisdiction_id)
    if cached is not None and time.monotonic() - cached[1] <= CACHE_TTL:
        return cached[0]
    text = Jurisdiction.objects.filter(pk=jurisdiction_id).values_list("working_hours", flat=True).first()
    try:
        hours = parse_working_hours(text) if text else DEFAULT
    except ValidationError:
        # The field's validator and the configuration check refuse such text; never stop a dispatch.
        log.error("jurisdiction %s has unreadable working hours %r; using the default", jurisdiction_id, text)
        hours = DEFAULT
    with _lock:
        _hours[jurisdiction_id] = (hours, time.monotonic())
    return hours


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


def _local(moment: datetime) -> datetime:
    """`moment` in Asia/Shanghai (a naive value is taken as local time)."""
    return moment.replace(tzinfo=LOCAL_TZ) if moment.tzinfo is None else moment.astimezone(LOCAL_TZ)


def working_periods(start: datetime, hours: WorkingHours) -> Iterator[tuple[datetime, datetime]]:
    """Working periods [from, to) that end after `start`, in order; the first may begin before it."""
    start = _local(start)
    d = start.date()
    for _day in range(MAX_SEARCH_DAYS):
        if is_workday(d):
            midnight = datetime(d.year, d.month, d.day, tzinfo=LOCAL_TZ)  # no DST in Shanghai
            for a, b in hours.periods:
                end = midnight + timedelta(minutes=b)
                if end > start:
                    yield midnight + timedelta(minutes=a), end
        d += timedelta(days=1)
    raise ValueError(f"no working time within {MAX_SEARCH_DAYS} days of {start}")


def add_working_time(start: datetime, span: timedelta, hours: WorkingHours) -> datetime:
    """The moment `span` of working time after `start` has passed.

    A clock started outside working time starts at the next period; one that runs out exactly at
    a period's end is due at that end (12:00, not 13:30). A zero span leaves `start` unchanged.
    """
    if span < timedelta(0):
        raise ValueError("span must not be negative")
    start = _local(start)
    if not span:
        return start
    remaining = span
    for a, b in working_periods(start, hours):
        begin = max(a, start)
        if remaining <= b - begin:
            return begin + remaining
        remaining -= b - begin
    raise AssertionError("unreachable: working_periods raises when it runs out")


def working_time_between(a: datetime, b: datetime, hours: WorkingHours) -> timedelta:
    """Working time inside [a, b) (zero when b is not after a)."""
    a, b = _local(a), _local(b)
    total = timedelta(0)
    if b <= a:
        return total
    for start, end in working_periods(a, hours):
        if start >= b:
            break
        total += min(end, b) - max(start, a)
    return total


def _years_known(first: date, last: date) -> bool:
    return all(year_known(y) for y in range(first.year, last.year + 1))


def add_duration(start: datetime, amount: int, unit: str, hours: WorkingHours | None = None) -> Deadline:
    """Due time `amount` units after `start`.

    hours: working hours (`hours`, default 08:30–12:00, 13:30–17:30) on working days;
    clock_hours: hours round the clock (24×7); calendar_days: end of the N-th calendar day after
    the start date; working_days: end of the N-th working day after the start date (the start day
    not counted).
    """
    if amount < 0:
        raise ValueError("amount must not be negative")
    if start.tzinfo is None:
        start = start.replace(tzinfo=LOCAL_TZ)
    if unit == DurationUnit.CLOCK_HOURS:
        return Deadline(at=start + timedelta(hours=amount), estimated=False)
    if unit == DurationUnit.HOURS:
        at = add_working_time(start, timedelta(hours=amount), hours or DEFAULT)
        return Deadline(at=at, estimated=not _years_known(local_date(start), local_date(at)))
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
