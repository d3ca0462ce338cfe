"""Room workload and success rate for a period: disputes by room and outcome, each figure with
the list query that shows its records. Counted from the same querysets as the indicators."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from jiedao.cases.models import Case
from jiedao.core.indicators import Period
from jiedao.mediation.models import FailureRoute, Outcome, Room

# Column → (basis of the period, extra list filters).
COLUMNS: dict[str, tuple[str, dict[str, str]]] = {
    "received": ("received", {}),
    "concluded": ("concluded", {}),
    "succeeded": ("concluded", {"outcome": Outcome.SUCCESS}),
    "failed": ("concluded", {"outcome": Outcome.FAILED}),
    "court": ("concluded", {"outcome": Outcome.FAILED, "route": FailureRoute.COURT}),
}
NO_ROOM = 0  # the list filter's value for "not yet assigned to a room"


def received_in(qs: QuerySet[Case], period: Period) -> QuerySet[Case]:
    lo, hi = period.bounds()
    return qs.filter(created_at__gte=lo, created_at__lt=hi)


def concluded_in(qs: QuerySet[Case], period: Period) -> QuerySet[Case]:
    lo, hi = period.bounds()
    return qs.filter(resolved_at__gte=lo, resolved_at__lt=hi).exclude(mediation__outcome="")


def rate(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Row:
    room_id: int
    name: str
    figures: dict[str, int] = field(default_factory=dict)

    @property
    def success_rate(self) -> Decimal:
        return rate(self.figures.get("succeeded", 0), self.figures.get("concluded", 0))


def workload(qs: QuerySet[Case], period: Period, rooms: list[Room]) -> list[Row]:
    """One row per room (and one for disputes not yet in a room), then the total row."""
    rows = {r.pk: Row(r.pk, r.name) for r in rooms}
    rows[NO_ROOM] = Row(NO_ROOM, "")
    for room_id, n in (
        received_in(qs, period).order_by().values_list("mediation__room_id").annotate(n=Count("id"))
    ):
        rows.setdefault(room_id or NO_ROOM, Row(room_id, "?")).figures["received"] = n
    outcomes = (
        concluded_in(qs, period)
        .order_by()
        .values_list("mediation__room_id")
        .annotate(
            concluded=Count("id"),
            succeeded=Count("id", filter=Q(mediation__outcome=Outcome.SUCCESS)),
            failed=Count("id", filter=Q(mediation__outcome=Outcome.FAILED)),
            court=Count("id", filter=Q(mediation__failure_route=FailureRoute.COURT)),
        )
    )
    for room_id, concluded, succeeded, failed, court in outcomes:
        row = rows.setdefault(room_id or NO_ROOM, Row(room_id, "?"))
        row.figures.update(concluded=concluded, succeeded=succeeded, failed=failed, court=court)
    out = [r for r in rows.values() if r.room_id != NO_ROOM or r.figures]
    for r in out:
        for column in COLUMNS:
            r.figures.setdefault(column, 0)
    total = Row(-1, "")
    total.figures = {c: sum(r.figures[c] for r in out) for c in COLUMNS}
    return [*out, total]


def link_query(row: Row, column: str, period: Period) -> dict[str, Any]:
    basis, extra = COLUMNS[column]
    query: dict[str, Any] = {
        "date_from": period.start.isoformat(),
        "date_to": period.end.isoformat(),
        **extra,
    }
    if basis != "received":
        query["basis"] = basis
    if row.room_id >= 0:
        query["room"] = row.room_id
    return query
