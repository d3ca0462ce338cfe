"""Hand-entered figures: entered with a source by leaders and admins, refused for a locked period
(form and API) with a clear message and nothing written."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from jiedao.core.indicators import Period
from jiedao.core.models import AuditEntry, Jurisdiction, User
from jiedao.goals.models import ManualIndicator, ManualValue, PeriodLock
from jiedao.goals.values import value_of

Clients = Callable[[User], Client]


@pytest.fixture
def gdp(jurisdiction: Jurisdiction) -> ManualIndicator:
    return ManualIndicator.objects.create(
        jurisdiction=jurisdiction,
        code="stats.high_tech_investment",
        label="高新投资",
        unit="万元",
        area="economy",
    )


def _enter(client: Client, code: str, **data: object) -> object:
    return client.post(f"/goals/manual/{code}/", {"month": 0, "note": "", **data})


@pytest.mark.django_db
def test_admin_creates_an_indicator_and_enters_values_with_source(
    users: dict[str, User], client_for: Clients, jurisdiction: Jurisdiction
) -> None:
    admin = client_for(users["admin"])
    r = admin.post(
        "/goals/manual/",
        {
            "form": "indicator",
            "code": "stats.gdp",
            "label": "地区生产总值",
            "unit": "亿元",
            "area": "economy",
        },
    )
    assert r.status_code == 302
    assert _enter(admin, "stats.gdp", year=2024, value="120.5", source="统计局").status_code == 302
    assert _enter(admin, "stats.gdp", year=2025, value="150", source="统计局").status_code == 302
    v = value_of("stats.gdp", jurisdiction, Period.year(2025))
    assert (v.value, v.source, v.kind, v.yoy_previous, v.yoy_change) == (
        Decimal(150),
        "统计局",
        "manual",
        Decimal("120.5"),
        Decimal("24.5"),
    )
    page = admin.get("/goals/indicators/stats.gdp/?start=2025-01-01&end=2025-12-31").content.decode()
    assert "统计局" in page
    assert "150" in page
    assert "吴管理" in page
    # a correction of an open period replaces the value and is audited
    assert _enter(admin, "stats.gdp", year=2025, value="151", source="统计局（修订）").status_code == 302
    assert ManualValue.objects.filter(indicator__code="stats.gdp").count() == 2
    assert value_of("stats.gdp", jurisdiction, Period.year(2025)).value == Decimal(151)


@pytest.mark.django_db
def test_no_source_or_clashing_code_is_refused(
    users: dict[str, User], client_for: Clients, gdp: ManualIndicator
) -> None:
    admin = client_for(users["admin"])
    r = _enter(admin, gdp.code, year=2025, value="9", source=" ")
    assert r.status_code == 200
    assert "必填" in r.content.decode()
    r = admin.post(
        "/goals/manual/",
        {"form": "indicator", "code": "events.received", "label": "x", "unit": "件", "area": "services"},
    )
    assert r.status_code == 200
    assert "系统内置指标" in r.content.decode()
    assert not ManualValue.objects.exists()
    assert ManualIndicator.objects.count() == 1


@pytest.mark.django_db
def test_locked_period_refused_through_the_form(
    users: dict[str, User], client_for: Clients, gdp: ManualIndicator
) -> None:
    admin = client_for(users["leader"])
    assert admin.post("/goals/manual/", {"form": "lock", "year": 2025, "month": 3}).status_code == 302
    assert PeriodLock.objects.filter(year=2025, month=3).exists()
    audits = AuditEntry.objects.count()
    for year, month in ((2025, 3), (2025, 0)):  # the month itself, and the year that contains it
        r = _enter(admin, gdp.code, year=year, month=month, value="10", source="统计局")
        assert r.status_code == 200
        assert "已锁定" in r.content.decode()
    assert not ManualValue.objects.exists()
    assert AuditEntry.objects.count() == audits
    # another month of the same year is open
    assert _enter(admin, gdp.code, year=2025, month=4, value="10", source="统计局").status_code == 302


@pytest.mark.django_db
def test_locked_period_refused_through_the_api(
    users: dict[str, User], client_for: Clients, gdp: ManualIndicator, jurisdiction: Jurisdiction
) -> None:
    admin = client_for(users["admin"])
    url = f"/api/goals/manual/{gdp.code}/values"
    ok = admin.post(url, {"year": 2024, "value": "7.5", "source": "统计局"}, content_type="application/json")
    assert ok.status_code == 201
    assert ok.json()["value"] == "7.5"
    PeriodLock.objects.create(
        jurisdiction=jurisdiction, year=2024, month=0, locked_at="2025-01-05T00:00:00+08:00"
    )
    before = list(ManualValue.objects.values_list("value", "source"))
    for month in (0, 6):
        r = admin.post(
            url,
            {"year": 2024, "month": month, "value": "99", "source": "统计局"},
            content_type="application/json",
        )
        assert r.status_code == 400
        body = r.json()
        assert body["code"] == "locked"
        assert "已锁定（2024年）" in body["message"]
    assert list(ManualValue.objects.values_list("value", "source")) == before
    en = admin.post(
        url,
        {"year": 2024, "value": "99", "source": "x"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert en.status_code == 400
    assert en.json()["message"].startswith("2024 is locked (2024)")


@pytest.mark.django_db
def test_only_leaders_and_admins_enter_figures(
    users: dict[str, User], client_for: Clients, gdp: ManualIndicator, other_dispatcher: User
) -> None:
    for name in ("dispatcher", "grid_worker", "handler"):
        c = client_for(users[name])
        assert _enter(c, gdp.code, year=2025, value="1", source="x").status_code == 404
        assert (
            c.post(
                f"/api/goals/manual/{gdp.code}/values",
                {"year": 2025, "value": "1", "source": "x"},
                content_type="application/json",
            ).status_code
            == 404
        )
    assert client_for(other_dispatcher).get("/goals/manual/").status_code == 404
    assert not ManualValue.objects.exists()
