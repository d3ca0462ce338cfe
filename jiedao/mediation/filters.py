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
from jiedao.core.ints import parse_int
from jiedao.mediation.kind import OPEN

# Which date the period applies to: registration (登记) or the outcome (调结).
BASES = ("received", "concluded")
# Open and red: past the one-month norm, or an agreement's 司法确认 window run out.
OVERDUE = Q(time_status="red", state__in=OPEN)
# Open and yellow: nearly due.
NEARLY_DUE = Q(time_status="yellow", state__in=OPEN)


def _lenient(convert: Callable[[str], Any], value: Any) -> Any:
    """`convert(value)`, or None for an empty or malformed value (a filter never errors)."""
    if value in (None, ""):
        return None
    try:
        return convert(str(value))
    except ValueError:
        return None


def _flag(value: Any) -> bool:
    return str(value or "").lower() in ("1", "true", "on", "yes")


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
    soon: bool = False
    basis: str = "received"
    date_from: date | None = None
    date_to: date | None = None
    q: str = ""

    @classmethod
    def parse(cls, params: Any) -> MediationFilter:
        get = params.get
        basis = str(get("basis") or "received")
        return cls(
            room=parse_int(get("room")),
            dispute_type=parse_int(get("dispute_type")),
            state=str(get("state") or "")[:20],
            mediator=parse_int(get("mediator")),
            outcome=str(get("outcome") or "")[:10],
            route=str(get("route") or "")[:12],
            time_status=str(get("time_status") or "")[:6],
            overdue=_flag(get("overdue")),
            soon=_flag(get("soon")),
            basis=basis if basis in BASES else "received",
            date_from=_lenient(date.fromisoformat, get("date_from")),
            date_to=_lenient(date.fromisoformat, get("date_to")),
            q=str(get("q") or "").strip()[:100],
        )

    def apply(self, qs: QuerySet[Case]) -> QuerySet[Case]:
        return qs.filter(self.condition())

    def condition(self) -> Q:
        """The filter as one condition (the workbench counts several of them in one query)."""
        cond = Q(mediation__room__isnull=True) if self.room == 0 else Q()
        exact = {
            "mediation__room_id": self.room or None,
            "mediation__dispute_type_id": self.dispute_type,
            "state": self.state,
            "mediation__mediator_id": self.mediator,
            "mediation__outcome": self.outcome,
            "mediation__failure_route": self.route,
            "time_status": self.time_status,
        }
        cond &= Q(**{k: v for k, v in exact.items() if v not in (None, "")})
        if self.overdue:
            cond &= OVERDUE
        if self.soon:
            cond &= NEARLY_DUE
        if self.date_from or self.date_to:
            lo, hi = Period(self.date_from or date(1970, 1, 1), self.date_to or date(9999, 12, 30)).bounds()
            column = "created_at" if self.basis == "received" else "resolved_at"
            cond &= Q(**{f"{column}__gte": lo, f"{column}__lt": hi})
        if self.q:
            cond &= Q(number=self.q.upper()) | Q(title__icontains=self.q)
        return cond

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
    return qs.filter(OVERDUE)
