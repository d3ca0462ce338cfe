"""The indicator registry: periods for 同比/环比, and values computed from real rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Q

from jiedao.core.indicators import Count, IndicatorDef, Period, Rate, Sum, compute, records_for
from jiedao.core.models import Community, Jurisdiction


def test_periods_for_year_on_year_and_preceding() -> None:
    q3 = Period(date(2024, 7, 1), date(2024, 9, 30))
    assert q3.same_period_last_year() == Period(date(2023, 7, 1), date(2023, 9, 30))
    assert q3.preceding() == Period(date(2024, 4, 1), date(2024, 6, 30))
    assert Period.year(2024).preceding() == Period.year(2023)
    assert Period(date(2024, 3, 1), date(2024, 3, 31)).preceding() == Period(
        date(2024, 2, 1), date(2024, 2, 29)
    )
    assert Period(date(2024, 3, 5), date(2024, 3, 14)).preceding() == Period(
        date(2024, 2, 24), date(2024, 3, 4)
    )
    assert Period(date(2024, 2, 29), date(2024, 2, 29)).same_period_last_year().start == date(2023, 2, 28)
    lo, hi = Period.year(2024).bounds()
    assert (lo.year, lo.month, lo.day, hi.year, hi.month, hi.day) == (2024, 1, 1, 2025, 1, 1)
    with pytest.raises(ValueError):
        Period(date(2024, 2, 2), date(2024, 2, 1))


def _communities(jurisdiction_id: int, period: Period) -> object:
    return Community.objects.filter(jurisdiction_id=jurisdiction_id)


@pytest.mark.django_db
def test_count_sum_rate_and_filters(jurisdiction: Jurisdiction, communities: dict[str, Community]) -> None:
    rows = sorted(communities.values(), key=lambda c: c.pk)
    base = {"label": "x", "unit": "个", "area": "services", "description": "d", "records": _communities}
    period = Period.year(2024)
    count = IndicatorDef(code="t.count", aggregate=Count(), filters={"code": "code"}, **base)  # type: ignore[arg-type]
    total = len(rows)
    assert compute(count, jurisdiction.pk, period) == Decimal(total)
    assert compute(count, jurisdiction.pk, period, {"code": rows[0].code}) == 1
    assert records_for(count, jurisdiction.pk, period, {"code": rows[0].code}).get() == rows[0]
    with pytest.raises(ValueError):
        compute(count, jurisdiction.pk, period, {"name": "x"})
    sums = IndicatorDef(code="t.sum", aggregate=Sum("id"), **base)  # type: ignore[arg-type]
    assert compute(sums, jurisdiction.pk, period) == sum(c.pk for c in rows)
    rate = IndicatorDef(code="t.rate", aggregate=Rate(Q(code=rows[0].code)), decimals=1, **base)  # type: ignore[arg-type]
    assert compute(rate, jurisdiction.pk, period) == (Decimal(100) / total).quantize(Decimal("0.1"))
