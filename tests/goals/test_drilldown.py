"""Every value opens to exactly the records behind it, for the jurisdiction's leaders, admins and
dispatchers only; the library and the drill-down keep a fixed number of queries."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from jiedao.cases.models import Case
from jiedao.core.indicators import Period, all_indicators, get_indicator, records_for
from jiedao.core.models import Jurisdiction, User
from jiedao.goals.templatetags.goals_tags import num, signed
from jiedao.goals.values import value_of
from tests.goals.conftest import History

Clients = Callable[[User], Client]
PERIOD = "start=2024-01-01&end=2025-12-31"
LINK = re.compile(r'href="/events/(\d+)/"')


def _ids(client: Client, url: str) -> list[int]:
    out: list[int] = []
    page = 1
    while True:
        r = client.get(f"{url}&page={page}")
        assert r.status_code == 200
        out += [int(x) for x in LINK.findall(r.content.decode())]
        if "下一页" not in r.content.decode():
            return out
        page += 1


@pytest.mark.django_db
def test_drilldown_lists_exactly_the_records(
    history: History, users: dict[str, User], client_for: Clients, jurisdiction: Jurisdiction
) -> None:
    leader = client_for(users["leader"])
    p = Period(date(2024, 3, 1), date(2025, 8, 31))
    lo, hi = p.start, p.end
    from django.utils import timezone

    for code, pick in (
        ("events.received", lambda c: c.created_at),
        ("events.resolved", lambda c: c.resolved_at),
    ):
        want = sorted(c.pk for c in history.cases if pick(c) and lo <= timezone.localdate(pick(c)) <= hi)
        got = _ids(leader, f"/goals/indicators/{code}/?start={lo}&end={hi}")
        assert sorted(got) == want
        assert len(got) == len(set(got))
        r = leader.get(f"/goals/indicators/{code}/?start={lo}&end={hi}")
        value = value_of(code, jurisdiction, p).value
        assert f'id="indicator-value">{value}<' in r.content.decode()
    hotline = _ids(leader, f"/goals/indicators/events.received/?start={lo}&end={hi}&channel=hotline")
    assert sorted(hotline) == sorted(
        c.pk for c in history.cases if c.channel == "hotline" and lo <= timezone.localdate(c.created_at) <= hi
    )


@pytest.mark.django_db
def test_drilldown_shows_the_query_in_words_and_comparisons(
    history: History, users: dict[str, User], client_for: Clients, jurisdiction: Jurisdiction
) -> None:
    url = "/goals/indicators/events.on_time_rate/?start=2025-01-01&end=2025-06-30"
    page = client_for(users["dispatcher"]).get(url)
    html = page.content.decode()
    assert "办结时未超过办结时限的比例" in html
    v = value_of("events.on_time_rate", jurisdiction, Period(date(2025, 1, 1), date(2025, 6, 30)))
    assert "同比" in html
    assert "环比" in html
    assert "start=2024-01-01&amp;end=2024-06-30" in html  # the same period last year opens too
    assert f">{num(v.yoy_previous, '%')}</a>" in html  # a rate: one decimal (50.0)
    # A rate's change is in 个百分点 (percentage points), never a percentage of a percentage.
    assert v.change_unit == "百分点"
    assert signed(v.yoy_change, v.change_unit) in html
    assert signed(v.mom_change, v.change_unit) in html
    assert "个百分点" in signed(v.yoy_change, v.change_unit)


@pytest.mark.django_db
def test_outsiders_get_404(
    history: History,
    users: dict[str, User],
    client_for: Clients,
    other_dispatcher: User,
    jurisdiction: Jurisdiction,
) -> None:
    url = "/goals/indicators/events.received/?start=2024-01-01&end=2025-12-31"
    for name in ("grid_worker", "grid_leader", "handler"):
        c = client_for(users[name])
        assert c.get(url).status_code == 404
        assert c.get("/goals/indicators/").status_code == 404
        assert c.get("/goals/dashboard/").status_code == 404
        assert (
            c.get("/api/goals/indicators/events.received/records?start=2024-01-01&end=2025-12-31").status_code
            == 404
        )
    other = client_for(other_dispatcher)
    assert other.get(f"{url}&jurisdiction={jurisdiction.pk}").status_code == 404
    assert (
        other.get(f"/api/goals/indicators/events.received/value?jurisdiction={jurisdiction.pk}").status_code
        == 404
    )
    # their own jurisdiction answers, with none of ours
    own = other.get(url)
    assert own.status_code == 200
    assert not LINK.findall(own.content.decode())
    assert client_for(users["leader"]).get("/goals/indicators/no.such/").status_code == 404


@pytest.mark.django_db
def test_api_value_and_records(
    history: History, users: dict[str, User], client_for: Clients, jurisdiction: Jurisdiction
) -> None:
    c = client_for(users["leader"])
    codes = {row["code"] for row in c.get("/api/goals/indicators").json()}
    assert {d.code for d in all_indicators()} <= codes
    body = c.get("/api/goals/indicators/events.hotline/value?start=2025-01-01&end=2025-03-31").json()
    v = value_of("events.hotline", jurisdiction, Period(date(2025, 1, 1), date(2025, 3, 31)))
    assert (body["value"], body["yoy_previous"], body["mom_previous"]) == (
        str(v.value),
        str(v.yoy_previous),
        str(v.mom_previous),
    )
    rec = c.get(
        "/api/goals/indicators/events.hotline/records?start=2025-01-01&end=2025-12-31&page_size=100"
    ).json()
    qs = records_for(get_indicator("events.hotline"), jurisdiction.pk, Period.year(2025))
    assert rec["count"] == qs.count()
    assert sorted(r["id"] for r in rec["results"]) == sorted(qs.values_list("pk", flat=True))
    assert all(r["url"] == f"/events/{r['id']}/" for r in rec["results"])
    bad = c.get("/api/goals/indicators/events.hotline/value?start=2025-05-01&end=2025-01-01")
    assert bad.status_code == 400
    assert "结束不早于开始" in bad.json()["message"]


@pytest.mark.django_db
def test_pinned_query_counts(
    history: History, users: dict[str, User], client_for: Clients, django_assert_max_num_queries
) -> None:
    c = client_for(users["leader"])
    c.get("/goals/indicators/")  # warm the session and the user's roles
    n = len(all_indicators())
    # per computed indicator: the value and last year's (2); the rest fixed
    with django_assert_max_num_queries(2 * n + 8):
        assert c.get("/goals/indicators/?period=year").status_code == 200
    Case.objects.filter(pk__in=[x.pk for x in history.cases[:5]]).update(channel="hotline")
    with django_assert_max_num_queries(12):
        r = c.get("/goals/indicators/events.received/?start=2024-01-01&end=2025-12-31")
        assert r.status_code == 200
    with django_assert_max_num_queries(12):
        assert (
            c.get("/goals/indicators/events.received/?start=2024-01-01&end=2025-12-31&page=2").status_code
            == 200
        )


@pytest.mark.django_db
def test_drilldown_prints_the_number_as_the_report_writes_it(
    history: History, users: dict[str, User], client_for: Clients
) -> None:
    html = (
        client_for(users["leader"])
        .get("/goals/indicators/events.received/?period=last_year")
        .content.decode()
    )
    assert "公文写法" in html
    from django.utils import timezone

    year = timezone.localdate().year - 1
    n = sum(1 for c in history.cases if timezone.localdate(c.created_at).year == year)
    assert f"{n}件" in html


@pytest.mark.django_db
def test_a_rates_change_reads_in_english_too(
    history: History, users: dict[str, User], client_for: Clients, jurisdiction: Jurisdiction
) -> None:
    url = "/goals/indicators/events.on_time_rate/?start=2025-01-01&end=2025-06-30"
    html = client_for(users["dispatcher"]).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    v = value_of("events.on_time_rate", jurisdiction, Period(date(2025, 1, 1), date(2025, 6, 30)))
    assert v.yoy_change is not None
    # The comparison is in the page's language; the 公文写法 row stays the document's Chinese.
    change = f"{'+' if v.yoy_change > 0 else ''}{v.yoy_change}"
    assert f'<dd class="col-sm-10">{change} pp <span' in html
    assert "个百分点" in html.split('id="indicator-official">')[1].split("</dd>")[0]
