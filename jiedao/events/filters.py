"""One filter definition for events, shared by the list page, the API and exports."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from jiedao.cases.models import Case


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _date_or_none(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


@dataclass
class EventFilter:
    """Parsed filter values; unknown or malformed values are ignored, never an error page."""

    state: str = ""
    platform: int | None = None
    category: int | None = None
    community: int | None = None
    grid: int | None = None
    department: int | None = None
    channel: str = ""
    time_status: str = ""
    date_from: date | None = None
    date_to: date | None = None
    q: str = ""

    @classmethod
    def parse(cls, params: Any) -> EventFilter:
        get = params.get
        return cls(
            state=str(get("state") or "")[:20],
            platform=_int_or_none(get("platform")),
            category=_int_or_none(get("category")),
            community=_int_or_none(get("community")),
            grid=_int_or_none(get("grid")),
            department=_int_or_none(get("department")),
            channel=str(get("channel") or "")[:20],
            time_status=str(get("time_status") or "")[:6],
            date_from=_date_or_none(get("date_from")),
            date_to=_date_or_none(get("date_to")),
            q=str(get("q") or "").strip()[:100],
        )

    def apply(self, qs: QuerySet[Case]) -> QuerySet[Case]:
        exact = {
            "state": self.state,
            "platform_id": self.platform,
            "category_id": self.category,
            "community_id": self.community,
            "grid_id": self.grid,
            "department_id": self.department,
            "channel": self.channel,
            "time_status": self.time_status,
        }
        qs = qs.filter(**{k: v for k, v in exact.items() if v not in (None, "")})
        tz = timezone.get_current_timezone()
        if self.date_from:
            qs = qs.filter(created_at__gte=datetime.combine(self.date_from, time.min, tzinfo=tz))
        if self.date_to:
            end = datetime.combine(self.date_to + timedelta(days=1), time.min, tzinfo=tz)
            qs = qs.filter(created_at__lt=end)
        if self.q:
            qs = qs.filter(
                Q(number=self.q.upper()) | Q(title__icontains=self.q) | Q(address__icontains=self.q)
            )
        return qs

    def as_query(self) -> dict[str, str]:
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value not in (None, ""):
                out[f.name] = value.isoformat() if isinstance(value, date) else str(value)
        return out
