"""Who reads goals pages and for which jurisdiction; the period a request asks for.

Indicator values cover a whole jurisdiction, so only the roles that see all of it read them
(leader, admin, dispatcher); changing manual figures, locks, plans and targets is for leaders
and admins. A jurisdiction the user holds none of these roles in answers 404.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiedao.core import acting
from jiedao.core.indicators import Period
from jiedao.core.models import Jurisdiction, Role, User

READ_ROLES = frozenset({Role.LEADER, Role.ADMIN, Role.DISPATCHER})
EDIT_ROLES = frozenset({Role.LEADER, Role.ADMIN})


def may(user: User, jurisdiction_id: int, roles: frozenset[str] = READ_ROLES) -> bool:
    return acting.may_act_in(user, jurisdiction_id, roles)


def jurisdiction_for(
    user: User, params: Mapping[str, Any], roles: frozenset[str] = READ_ROLES
) -> Jurisdiction:
    """The jurisdiction a request reads: ?jurisdiction=<id>, else the one the user acts in
    (`jiedao.core.acting`); 404 for one where they hold none of `roles`."""
    wanted = params.get("jurisdiction")
    if not wanted:
        found = acting.acting_jurisdiction(user, roles)
        if found is None:
            raise Http404
        return found
    try:
        jid = int(wanted)
    except (TypeError, ValueError):
        raise Http404 from None
    found = next((j for j in acting.jurisdictions(user, roles) if j.pk == jid), None)
    if found is None:
        raise Http404
    return found


PRESETS = {
    "ytd": gettext_lazy("本年至今"),
    "year": gettext_lazy("本年全年"),
    "month": gettext_lazy("本月"),
    "last_month": gettext_lazy("上月"),
    "last_year": gettext_lazy("上年全年"),
}


def preset(code: str, today: date) -> Period:
    first = today.replace(day=1)
    if code == "year":
        return Period.year(today.year)
    if code == "month":
        return Period(first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1))
    if code == "last_month":
        end = first - timedelta(days=1)
        return Period(end.replace(day=1), end)
    if code == "last_year":
        return Period.year(today.year - 1)
    return Period(date(today.year, 1, 1), today)


@dataclass(frozen=True)
class PeriodChoice:
    period: Period
    preset: str  # "" when start/end were given


def period_from(params: Mapping[str, Any], today: date | None = None) -> PeriodChoice:
    """?start=&end= (ISO dates), or ?period=<preset>; default the year to date. Bad dates → 404-free
    fallback is not silent: a ValueError with a translated message the page shows."""
    today = today or timezone.localdate()
    start, end = params.get("start"), params.get("end")
    if start or end:
        try:
            return PeriodChoice(Period(date.fromisoformat(str(start)), date.fromisoformat(str(end))), "")
        except ValueError:
            raise ValueError(_("期间不正确：请填写开始和结束日期，且结束不早于开始。")) from None
    code = str(params.get("period") or "ytd")
    code = code if code in PRESETS else "ytd"
    return PeriodChoice(preset(code, today), code)


def filters_from(params: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, str]:
    """The indicator's declared filters present in the query string."""
    return {n: str(params[n]) for n in names if params.get(n) not in (None, "")}
