"""One filter definition for events, shared by the list page, the API and exports."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from jiedao.cases.models import Case, TimeStatus
from jiedao.core.ints import parse_int
from jiedao.core.models import InspectionArea
from jiedao.events.kind import OPEN

# Open and not yet resolved: still with the command centre or a department.
UNRESOLVED = OPEN - {"resolved", "verified", "rated"}

# Named conditions a list can be narrowed to (the workbench's counts link to them).
FLAGS = {
    # Open, red and held by a department: what 超期 means on every page.
    "overdue": Q(time_status=TimeStatus.RED, state__in=OPEN, department__isnull=False),
    "supervised": Q(supervision_count__gt=0, state__in=OPEN),
    "extension": Q(pending_extension_days__isnull=False),
    "unresolved": Q(state__in=UNRESOLVED),
}


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
    flag: str = ""
    area: int | None = None  # an inspection area: cases in its grids
    date_from: date | None = None
    date_to: date | None = None
    q: str = ""

    @classmethod
    def parse(cls, params: Any) -> EventFilter:
        get = params.get
        return cls(
            state=str(get("state") or "")[:20],
            platform=parse_int(get("platform")),
            category=parse_int(get("category")),
            community=parse_int(get("community")),
            grid=parse_int(get("grid")),
            department=parse_int(get("department")),
            channel=str(get("channel") or "")[:20],
            time_status=str(get("time_status") or "")[:6],
            flag=str(get("flag") or "") if get("flag") in FLAGS else "",
            area=parse_int(get("area")),
            date_from=_date_or_none(get("date_from")),
            date_to=_date_or_none(get("date_to")),
            q=str(get("q") or "").strip()[:100],
        )

    def apply(self, qs: QuerySet[Case]) -> QuerySet[Case]:
        return qs.filter(self.condition())

    def condition(self) -> Q:
        """The filter as one condition (the workbench counts several of them in one query)."""
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
        cond = Q(**{k: v for k, v in exact.items() if v not in (None, "")})
        if self.flag:
            cond &= FLAGS[self.flag]
        if self.area is not None:
            # A subquery, not a join: a grid in several areas must not repeat its cases.
            grids = InspectionArea.grids.through.objects.filter(inspectionarea_id=self.area)
            cond &= Q(grid_id__in=grids.values("grid_id"))
        tz = timezone.get_current_timezone()
        if self.date_from:
            cond &= Q(created_at__gte=datetime.combine(self.date_from, time.min, tzinfo=tz))
        if self.date_to:
            end = datetime.combine(self.date_to + timedelta(days=1), time.min, tzinfo=tz)
            cond &= Q(created_at__lt=end)
        if self.q:
            cond &= Q(number=self.q.upper()) | Q(title__icontains=self.q) | Q(address__icontains=self.q)
        return cond

    def as_query(self) -> dict[str, str]:
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value not in (None, ""):
                out[f.name] = value.isoformat() if isinstance(value, date) else str(value)
        return out
