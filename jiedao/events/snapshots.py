"""Dashboard snapshots: at a million events the figures take seconds to count, so the task queue
counts them every few minutes per jurisdiction and period, and the page reads the latest one.

A snapshot older than MAX_AGE is ignored (the page then counts live), so a stopped worker
degrades to slow-but-correct, never to stale. The worker counts in its own language: the labels
that are code (period, states, time status, the 三率) are put back in the reader's language on reading.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jiedao.cases.models import Case, TimeStatus
from jiedao.events.kind import KIND, STATES
from jiedao.events.models import DashboardSnapshot
from jiedao.events.rates import RATES
from jiedao.events.stats import PERIODS, compute, jurisdiction_scope

REFRESH_MINUTES = 2
MAX_AGE = timedelta(minutes=REFRESH_MINUTES * 2 + 1)


def read_snapshot(jurisdiction_id: int, period: str) -> dict[str, Any] | None:
    snap = (
        DashboardSnapshot.objects.filter(
            jurisdiction_id=jurisdiction_id, period=period, computed_at__gte=timezone.now() - MAX_AGE
        )
        .only("data")
        .first()
    )
    return relabel(snap.data) if snap is not None else None


def _relabelled(rows: list[dict[str, Any]], labels: dict[Any, Any]) -> list[dict[str, Any]]:
    return [{**r, "label": str(labels[r["key"]])} if r.get("key") in labels else r for r in rows]


def relabel(data: dict[str, Any]) -> dict[str, Any]:
    """The snapshot with the labels the code defines in the current language (names that are
    data — platforms, departments — stay as stored; an unclassified platform row has key None)."""
    out = dict(data)
    period = data.get("period") or {}
    if period.get("code") in PERIODS:
        out["period"] = {**period, "label": str(PERIODS[period["code"]])}
    out["by_state"] = _relabelled(data.get("by_state", []), {code: st.label for code, st in STATES.items()})
    out["by_time_status"] = _relabelled(data.get("by_time_status", []), {str(t): t.label for t in TimeStatus})
    out["by_platform"] = _relabelled(data.get("by_platform", []), {None: _("未分类")})
    rate_labels = {r.key: r.label for r in RATES}
    out["rates"] = _relabelled(data.get("rates", []), rate_labels)
    out["rankings"] = {
        dim: [{**row, "rates": _relabelled(row["rates"], rate_labels)} for row in rows]
        for dim, rows in data.get("rankings", {}).items()
    }
    return out


def refresh_snapshots() -> int:
    """Recount every jurisdiction that has events, for every period. Returns snapshots written."""
    written = 0
    jurisdictions = (
        Case.objects.filter(kind=KIND).order_by().values_list("jurisdiction_id", flat=True).distinct()
    )
    for jid in list(jurisdictions):
        scope = jurisdiction_scope(jid)
        for period in PERIODS:
            now = timezone.now()
            data = compute(scope, period, now)
            with transaction.atomic():
                DashboardSnapshot.objects.update_or_create(
                    jurisdiction_id=jid, period=period, defaults={"computed_at": now, "data": data}
                )
            written += 1
    return written
