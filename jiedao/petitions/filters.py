"""One filter definition for petitions, shared by the list page, the overdue list, figures and the API."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date

from jiedao.cases.models import Case, TimeStatus
from jiedao.core import crypto
from jiedao.core.indicators import Period
from jiedao.core.ints import parse_int
from jiedao.petitions import stats
from jiedao.petitions.kind import OPEN
from jiedao.petitions.models import Petitioner

FLAGS = {
    "collective": Q(petition__collective=True),
    "over_level": Q(petition__over_level=True),
    "repeat": Q(petition__repeat_of__isnull=False),
    "backlog": Q(petition__backlog=True),
    "overdue": Q(state__in=OPEN, time_status=TimeStatus.RED),
    "extension": Q(pending_extension_days__isnull=False),
    "backlog_open": Q(petition__backlog=True, petition__backlog_resolved_on__isnull=True),
}


def _date(value: Any) -> date | None:
    with contextlib.suppress(ValueError):
        return parse_date(str(value or "").strip())
    return None


def _text(limit: int) -> Callable[[Any], str]:
    return lambda value: str(value or "").strip()[:limit]


def _one_of(allowed: Iterable[str]) -> Callable[[Any], str]:
    return lambda value: str(value) if value in allowed else ""


@dataclass
class PetitionFilter:
    """Parsed filter values; malformed ones are ignored, never an error page."""

    state: str = ""
    channel: str = ""
    petition_type: str = ""
    category: str = ""
    stage: str = ""
    department: int | None = None
    time_status: str = ""
    flag: str = ""
    figure: str = ""
    date_from: date | None = None
    date_to: date | None = None
    q: str = ""

    @classmethod
    def parse(cls, params: Any) -> PetitionFilter:
        return cls(**{name: read(params.get(name)) for name, read in PARSERS.items()})

    def condition(self) -> Q:
        """The record filters (state, channel, type, category, stage, unit, time status, flag) as
        one condition; figures, dates and search are applied by `apply` on top."""
        exact = {
            "state": self.state,
            "petition__channel": self.channel,
            "petition__petition_type": self.petition_type,
            "petition__stage": self.stage,
            "department_id": self.department,
            "time_status": self.time_status,
        }
        cond = Q(**{k: v for k, v in exact.items() if v not in (None, "")})
        if self.category:
            cond &= Q(petition__content_category=self.category) | Q(
                petition__content_category__startswith=f"{self.category}."
            )
        if self.flag:
            cond &= FLAGS[self.flag]
        return cond

    def apply(self, qs: QuerySet[Case]) -> QuerySet[Case]:
        qs = qs.filter(self.condition())
        if self.figure:
            # The records behind a number of the figures page: the figure's own definition.
            start = self.date_from or date(2000, 1, 1)
            end = self.date_to or timezone.localdate()
            if end >= start:
                qs = stats.BY_CODE[self.figure].select(qs, Period(start, end))
            return self._search(qs)
        tz = timezone.get_current_timezone()
        if self.date_from:
            qs = qs.filter(created_at__gte=datetime.combine(self.date_from, time.min, tzinfo=tz))
        if self.date_to:
            qs = qs.filter(
                created_at__lt=datetime.combine(self.date_to + timedelta(days=1), time.min, tzinfo=tz)
            )
        return self._search(qs)

    def _search(self, qs: QuerySet[Case]) -> QuerySet[Case]:
        """Case number, title, petitioner name; an ID number or phone matches exactly (blind index)."""
        if not self.q:
            return qs
        people = Petitioner.objects.filter(petition_id=OuterRef("pk"))
        by_name = Exists(people.filter(name=self.q))
        index = ""
        for kind in (crypto.KIND_ID_NUMBER, crypto.KIND_PHONE):
            try:
                value = (
                    crypto.validate_id_number(self.q)
                    if kind == crypto.KIND_ID_NUMBER
                    else crypto.validate_phone(self.q)
                )
            except ValidationError:  # not this kind of value
                continue
            index = crypto.blind_index(value, kind)
            break
        cond = Q(number=self.q.upper()) | Q(title__icontains=self.q) | Q(by_name)
        if index:
            cond |= Q(Exists(people.filter(Q(id_number_bidx=index) | Q(phone_bidx=index))))
        return qs.filter(cond)

    def as_query(self) -> dict[str, str]:
        """The non-empty values as query-string text (links keep the filter)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return {
            k: v.isoformat() if isinstance(v, date) else str(v)
            for k, v in values.items()
            if v not in (None, "")
        }


PARSERS: dict[str, Callable[[Any], Any]] = {
    "state": _text(20),
    "channel": _text(10),
    "petition_type": _text(12),
    "category": _text(40),
    "stage": _text(8),
    "department": parse_int,
    "time_status": _text(6),
    "flag": _one_of(FLAGS),
    "figure": _one_of(stats.BY_CODE),
    "date_from": _date,
    "date_to": _date,
    "q": _text(100),
}
