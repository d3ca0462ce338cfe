"""One filter definition for mediation cases, shared by the list page, the API and the figures'
drill-down links (room, type, state, mediator, outcome, period)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from jiedao.cases.models import Case
from jiedao.core.indicators import Period
from jiedao.mediation.kind import OPEN

# Which date the period applies to: registration (登记) or the outcome (调结).
BASES = ("received", "concluded")


def _lenient(convert: Callable[[str], Any], value: Any) -> Any:
    """`convert(value)`, or None for an empty or malformed value (a filter never errors)."""
    if value in (None, ""):
        return None
    try:
        return convert(str(value))
    except ValueError:
        return None


@dataclass
class MediationFilter:
    """Parsed filter values; malformed values are ignored (never an error page)."""

    room: int | None = None
    dispute_type: int | None = None
    state: str = ""
    mediator: int | None = None
    outcome: str = ""
    route: str = ""
    time_status: str = ""
    overdue: bool = False
    basis: str = "received"
    date_from: date | None = None
    date_to: date | None = None
    q: str = ""

    @classmethod
    def parse(cls, params: Any) -> MediationFilter:
        get = params.get
        basis = str(get("basis") or "received")
        return cls(
            room=_lenient(int, get("room")),
            dispute_type=_lenient(int, get("dispute_type")),
            state=str(get("state") or "")[:20],
            mediator=_lenient(int, get("mediator")),
            outcome=str(get("outcome") or "")[:10],
            route=str(get("route") or "")[:12],
            time_status=str(get("time_status") or "")[:6],
            overdue=str(get("overdue") or "").lower() in ("1", "true", "on", "yes"),
            basis=basis if basis in BASES else "received",
            date_from=_lenient(date.fromisoformat, get("date_from")),
            date_to=_lenient(date.fromisoformat, get("date_to")),
            q=str(get("q") or "").strip()[:100],
        )

    def apply(self, qs: QuerySet[Case]) -> QuerySet[Case]:
        if self.room == 0:
            qs = qs.filter(mediation__room__isnull=True)
        exact = {
            "mediation__room_id": self.room or None,
            "mediation__dispute_type_id": self.dispute_type,
            "state": self.state,
            "mediation__mediator_id": self.mediator,
            "mediation__outcome": self.outcome,
            "mediation__failure_route": self.route,
            "time_status": self.time_status,
        }
        qs = qs.filter(**{k: v for k, v in exact.items() if v not in (None, "")})
        if self.overdue:
            qs = overdue(qs)
        if self.date_from or self.date_to:
            lo, hi = Period(self.date_from or date(1970, 1, 1), self.date_to or date(9999, 12, 30)).bounds()
            column = "created_at" if self.basis == "received" else "resolved_at"
            qs = qs.filter(**{f"{column}__gte": lo, f"{column}__lt": hi})
        if self.q:
            qs = qs.filter(Q(number=self.q.upper()) | Q(title__icontains=self.q))
        return qs

    def as_query(self) -> dict[str, str]:
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "basis" and value == "received":
                continue
            if value not in (None, "", False):
                out[f.name] = (
                    value.isoformat() if isinstance(value, date) else ("1" if value is True else str(value))
                )
        return out


def overdue(qs: QuerySet[Case]) -> QuerySet[Case]:
    """Open and red: past the one-month norm, or an agreement's 司法确认 window run out."""
    return qs.filter(time_status="red", state__in=OPEN)
