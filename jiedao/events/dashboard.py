"""The event dashboard of one jurisdiction, each of its numbers linked to the records behind it.

A number opens the indicator library's drill-down (ARCHITECTURE rule 6): every figure is an
event indicator (jiedao.events.indicators) for the dashboard's period with the filters that
make it — a state's count is `events.received` with `state=…`, a department's 响应率 is
`events.response_rate` with `department=…`. The links are added on reading, so a snapshot
counted by the task queue opens the same pages as a live count.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.http import Http404
from django.utils import timezone

from jiedao.core import acting
from jiedao.core.indicators import Period, drilldown_url
from jiedao.core.models import Jurisdiction, Role, User
from jiedao.events import rates
from jiedao.events.stats import period_of

DASHBOARD_ROLES = (Role.LEADER, Role.DISPATCHER, Role.ADMIN)
FIRST_DAY = date(2000, 1, 1)  # "全部": no event of the platform is older


def dashboard_jurisdictions(user: User) -> list[Jurisdiction]:
    """The jurisdictions whose dashboard the user reads: those they lead, dispatch or administer."""
    return acting.jurisdictions(user, DASHBOARD_ROLES)


def chosen_jurisdiction(user: User, params: Mapping[str, Any]) -> tuple[Jurisdiction, list[Jurisdiction]]:
    """The jurisdiction asked for (?jurisdiction=<id>, else the one the user acts in) and the
    choices; 404 for one they do not read."""
    allowed = dashboard_jurisdictions(user)
    wanted = str(params.get("jurisdiction") or "")
    if not wanted:
        current = acting.acting_jurisdiction(user, DASHBOARD_ROLES)
        if current is None:
            raise Http404
        return current, allowed
    found = next((j for j in allowed if str(j.pk) == wanted), None)
    if found is None:
        raise Http404
    return found, allowed


def indicator_period(period_code: str, today: date | None = None) -> Period:
    """The dashboard's period as the indicators read it: from its first day to today."""
    today = today or timezone.localdate()
    start = period_of(period_code).start
    return Period(timezone.localdate(start) if start is not None else FIRST_DAY, today)


def _month(key: str) -> Period:
    year, month = (int(x) for x in key.split("-"))
    end = date(year + month // 12, month % 12 + 1, 1)
    return Period(date(year, month, 1), date.fromordinal(end.toordinal() - 1))


def with_links(data: dict[str, Any], jurisdiction_id: int, today: date | None = None) -> dict[str, Any]:
    """The dashboard's figures with `url` beside each number (and `urls` where a row has several)."""
    period = indicator_period(data["period"]["code"], today)

    def url(code: str, **filters: Any) -> str:
        return drilldown_url(code, jurisdiction_id, period, filters)

    out = dict(data)
    out["total_url"] = url("events.received")
    out["by_state"] = [{**r, "url": url("events.received", state=r["key"])} for r in data["by_state"]]
    out["by_time_status"] = [
        {**r, "url": url("events.received", time_status=r["key"])} for r in data["by_time_status"]
    ]
    out["by_platform"] = [
        {**r, "url": url("events.received", **({"platform": r["key"]} if r["key"] else {"unclassified": 1}))}
        for r in data["by_platform"]
    ]
    out["departments"] = [
        {
            **r,
            "urls": {
                "red_cases": url("events.overdue", department=r["key"]),
                "red_cards": url("events.red_cards", department=r["key"]),
                "yellow_cards": url("events.yellow_cards", department=r["key"]),
            },
        }
        for r in data["departments"]
    ]
    out["trend"] = [
        {
            **r,
            "urls": {
                "reported": drilldown_url("events.received", jurisdiction_id, _month(r["key"])),
                "resolved": drilldown_url("events.resolved", jurisdiction_id, _month(r["key"])),
            },
        }
        for r in data["trend"]
    ]
    out["rates"] = [_rate_cell(c, url) for c in data.get("rates", [])]
    out["rankings"] = {
        dim: [
            {**row, "rates": [_rate_cell(c, url, **{dim: row["key"]}) for c in row["rates"]]} for row in rows
        ]
        for dim, rows in data.get("rankings", {}).items()
    }
    return out


def _rate_cell(cell: dict[str, Any], url: Any, **filters: Any) -> dict[str, Any]:
    return {**cell, "url": url(rates.BY_KEY[cell["key"]].code, **filters)}
