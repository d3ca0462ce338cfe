"""Dashboard aggregates for events: a handful of single-pass queries over the user's scoped cases.

No pass over rows in Python and no per-row SQL function (SQLite's date truncation calls back
into Python): state, time status and platform come from one GROUP BY read from the covering
index case_dash_idx; departments from one GROUP BY over case_overdue_idx plus one over cards;
the 12-month trend from index range counts on created_at and resolved_at.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiedao.cases.models import CardColor, Case, DepartmentCard, TimeStatus
from jiedao.cases.queries import cases_in_scope
from jiedao.core.models import Community, Department, Grid, Platform
from jiedao.core.scope import Scope
from jiedao.events import rates
from jiedao.events.filters import FLAGS
from jiedao.events.kind import KIND, STATES

PERIODS = {
    "30d": gettext_lazy("近30天"),
    "90d": gettext_lazy("近90天"),
    "year": gettext_lazy("本年度"),
    "all": gettext_lazy("全部"),
}
DEFAULT_PERIOD = "year"
TOP_DEPARTMENTS = 10


@dataclass
class Period:
    code: str
    label: str
    start: datetime | None


def _local_midnight(d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=timezone.get_current_timezone())


def period_of(code: str, now: datetime | None = None) -> Period:
    code = code if code in PERIODS else DEFAULT_PERIOD
    today = timezone.localdate(now or timezone.now())
    start: datetime | None
    if code == "30d":
        start = _local_midnight(today - timedelta(days=29))
    elif code == "90d":
        start = _local_midnight(today - timedelta(days=89))
    elif code == "year":
        start = _local_midnight(today.replace(month=1, day=1))
    else:
        start = None
    return Period(code, str(PERIODS[code]), start)


def scoped_events(scope: Scope, period: Period | None = None) -> QuerySet[Case]:
    """The scope's events (the engine's permission filter), created in the period if one is given."""
    qs = cases_in_scope(scope, KIND)
    if period is not None and period.start is not None:
        qs = qs.filter(created_at__gte=period.start)
    return qs.order_by()


def _platforms(scope: Scope) -> dict[int, str]:
    qs = Platform.objects.order_by("order", "code")
    if not scope.superuser:
        qs = qs.filter(jurisdiction_id__in=scope.member_of)
    return dict(qs.values_list("id", "name"))


def breakdown(qs: QuerySet[Case], platforms: dict[int, str]) -> dict[str, Any]:
    """Counts by state, time status and platform from ONE grouped pass over the period.

    The pass reads only the covering index case_dash_idx; the few hundred groups are summed here.
    """
    by_state: Counter[str] = Counter()
    by_time: Counter[str] = Counter()
    by_plat: Counter[int | None] = Counter()
    total = 0
    rows = qs.values_list("state", "time_status", "platform_id").annotate(n=Count("*"))
    for state, ts, platform_id, n in rows:
        by_state[state] += n
        by_time[ts] += n
        by_plat[platform_id] += n
        total += n
    by_platform: list[dict[str, Any]] = [
        {"key": pk, "label": name, "value": by_plat[pk]}
        for pk, name in sorted(platforms.items(), key=lambda item: -by_plat[item[0]])
        if by_plat[pk]
    ]
    unclassified = total - sum(by_plat[pk] for pk in platforms)
    if unclassified:
        by_platform.append({"key": None, "label": _("未分类"), "value": unclassified})
    return {
        "total": total,
        "by_state": [
            {"key": code, "label": str(st.label), "value": by_state[code]}
            for code, st in STATES.items()
            if by_state[code]
        ],
        "by_time_status": [
            {"key": str(ts), "label": str(ts.label), "value": by_time[ts]}
            for ts in (TimeStatus.GREEN, TimeStatus.YELLOW, TimeStatus.RED, TimeStatus.NONE)
        ],
        "by_platform": by_platform,
    }


def overdue(qs: QuerySet[Case]) -> QuerySet[Case]:
    """Open overdue (red) cases held by a department: what 超期 means on every page."""
    return qs.filter(FLAGS["overdue"])


def overdue_by_department(qs: QuerySet[Case]) -> dict[int, int]:
    """Open overdue (red) cases per holding department."""
    return dict(
        overdue(qs)
        .order_by()
        .values_list("department_id")
        .annotate(n=Count("id"))
        .values_list("department_id", "n")
    )


def department_ranking(scope: Scope, qs: QuerySet[Case], period: Period) -> list[dict[str, Any]]:
    """Departments by open overdue (red) cases, then red and yellow cards issued in the period."""
    red_open = overdue_by_department(qs)
    cards = DepartmentCard.objects.filter(
        scope.filter_q(jurisdiction="jurisdiction", community=None, grid=None),
        case__kind=KIND,
    )
    if period.start is not None:
        cards = cards.filter(issued_at__gte=period.start)
    card_rows = (
        cards.order_by()
        .values_list("department_id")
        .annotate(
            red=Count("id", filter=Q(color=CardColor.RED)),
            yellow=Count("id", filter=Q(color=CardColor.YELLOW)),
        )
        .values_list("department_id", "red", "yellow")
    )
    card_counts = {d: (r, y) for d, r, y in card_rows}
    ids = set(red_open) | set(card_counts)
    names = dict(Department.objects.filter(pk__in=ids).values_list("id", "name"))
    out = [
        {
            "key": d,
            "label": names.get(d, "?"),
            "red_cases": red_open.get(d, 0),
            "red_cards": card_counts.get(d, (0, 0))[0],
            "yellow_cards": card_counts.get(d, (0, 0))[1],
        }
        for d in ids
    ]
    out.sort(key=lambda r: (-r["red_cases"], -r["red_cards"], -r["yellow_cards"], r["label"]))
    return out[:TOP_DEPARTMENTS]


def month_starts(now: datetime | None = None, months: int = 12) -> list[datetime]:
    """Local midnights of the first day of each of the last `months` months (oldest first, ending
    with the current month), followed by the first day of next month: `months + 1` boundaries."""
    today = timezone.localdate(now or timezone.now())
    index = today.year * 12 + today.month - 1  # months since year 0, current month
    firsts = [date(i // 12, i % 12 + 1, 1) for i in range(index - months + 1, index + 2)]
    return [_local_midnight(d) for d in firsts]


def monthly_trend(scope: Scope, now: datetime | None = None) -> list[dict[str, Any]]:
    """Reported vs resolved per month for the last 12 months.

    Each figure is one COUNT over an index range (created_at or resolved_at): 24 tiny queries
    cost less than one pass that evaluates a month expression on every row.
    """
    bounds = month_starts(now)
    base = scoped_events(scope)
    out = []
    for i in range(12):
        label = timezone.localtime(bounds[i]).strftime("%Y-%m")
        reported = base.filter(created_at__gte=bounds[i], created_at__lt=bounds[i + 1]).count()
        resolved = base.filter(resolved_at__gte=bounds[i], resolved_at__lt=bounds[i + 1]).count()
        out.append({"key": label, "label": label, "reported": reported, "resolved": resolved})
    return out


# The 三率 rankings: dimension → (the Case field grouped on, the model that names its ids).
RANKED: dict[str, tuple[str, Any]] = {
    "department": ("department_id", Department),
    "community": ("community_id", Community),
    "grid": ("grid_id", Grid),
}


def three_rates(scope: Scope, period: Period, now: datetime) -> dict[str, Any]:
    """响应率, 解决率, 满意率 overall and ranked by department, community and grid.

    One grouped query per dimension and one for the names of each: six, whatever the volume.
    """
    events = scoped_events(scope)
    rankings: dict[str, list[dict[str, Any]]] = {}
    overall: list[dict[str, Any]] = []
    for dim, (field, model) in RANKED.items():
        groups = rates.grouped(events, field, period.start, now)
        if not overall:  # every event is in exactly one department group (None included)
            overall = rates.totals(groups)
        ids = [k for k in groups if k is not None]
        names = dict(model._default_manager.filter(pk__in=ids).values_list("id", "name"))
        rankings[dim] = rates.ranking(groups, names)
    return {"rates": overall, "rankings": rankings}


def compute(scope: Scope, period_code: str, now: datetime | None = None) -> dict[str, Any]:
    """Every dashboard figure for a scope, computed now from the records."""
    now = now or timezone.now()
    period = period_of(period_code, now)
    qs = scoped_events(scope, period)
    return {
        "period": {"code": period.code, "label": period.label},
        "computed_at": timezone.localtime(now).isoformat(timespec="seconds"),
        **breakdown(qs, _platforms(scope)),
        "departments": department_ranking(scope, qs, period),
        "trend": monthly_trend(scope, now),
        **three_rates(scope, period, now),
    }


def dashboard(jurisdiction_id: int, period_code: str, now: datetime | None = None) -> dict[str, Any]:
    """The dashboard of one jurisdiction: its fresh snapshot when one exists (the task queue
    refreshes them every few minutes), otherwise computed from the records."""
    code = period_code if period_code in PERIODS else DEFAULT_PERIOD
    if now is None:
        from jiedao.events.snapshots import read_snapshot

        snap = read_snapshot(jurisdiction_id, code)
        if snap is not None:
            return snap
    return compute(jurisdiction_scope(jurisdiction_id), code, now)


def jurisdiction_scope(jurisdiction_id: int) -> Scope:
    """The scope of someone who reads one whole jurisdiction (for background snapshots)."""
    return Scope(user_id=None, jurisdictions={jurisdiction_id}, member_of={jurisdiction_id})
