"""Property tests: petition clocks under both rule profiles, across holidays and 调休, computed
independently here from the statute's figures and chinese_calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiedao.cases import actions
from jiedao.cases.models import Case
from jiedao.cases.rules import set_profile
from jiedao.core.errors import InvalidInput
from jiedao.petitions.models import Petition
from tests.petitions.helpers import department, register

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
# (acceptance: amount, working days?), handling days, extension maximum — from the statutes.
STATUTE = {"national-2022": ((15, False), 60, 30), "zhejiang": ((5, True), 30, 60)}
WINDOW = 30  # 复查/复核 request window and decision time, calendar days, in both profiles

moments = st.datetimes(min_value=datetime(2016, 1, 1), max_value=datetime(2026, 6, 30)).map(
    lambda d: d.replace(tzinfo=TZ)
)


def _working_day_after(start: date, n: int) -> date:
    d = start
    while n:
        d += timedelta(days=1)
        n -= chinese_calendar.is_workday(d)
    return d


def _local(moment: datetime | None) -> date:
    assert moment is not None
    return moment.astimezone(TZ).date()


@given(
    profile=st.sampled_from(sorted(STATUTE)),
    received=moments,
    accept_after=st.integers(0, 6),
    extension=st.integers(0, 60),
    reply_after=st.integers(1, 130),
    review_after=st.integers(0, 45),
)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_petition_clocks_follow_the_profile(
    users, jurisdiction, profile, received, accept_after, extension, reply_after, review_after
):
    (accept_n, working), handle_n, ext_max = STATUTE[profile]
    set_profile(jurisdiction, profile, acting_user=None)
    case = register(users, jurisdiction, received, repeat_of="none")
    day0 = received.date()
    want_accept = _working_day_after(day0, accept_n) if working else day0 + timedelta(days=accept_n)
    assert _local(case.due_at) == want_accept

    accepted = received + timedelta(days=accept_after)
    actions.perform(case.pk, "accept", acting_user=users["dispatcher"], now=accepted)
    actions.perform(
        case.pk,
        "assign",
        acting_user=users["dispatcher"],
        payload={"department": department(users).pk},
        now=accepted,
    )
    case.refresh_from_db()
    due = _local(accepted) + timedelta(days=handle_n)
    assert _local(case.resolve_due) == due
    # The handling clock now runs; whether the decision itself was late stays readable.
    assert case.time_status == "green"
    decided = Petition.objects.get(pk=case.pk)
    assert (decided.decided_at > decided.accept_due) == (accepted.date() > want_accept)

    if extension:
        ask = {"extension_days": extension}
        if extension > ext_max:
            with pytest.raises(InvalidInput):
                actions.perform(
                    case.pk, "request_extension", acting_user=users["handler"], payload=ask, note="复杂"
                )
            assert Case.objects.get(pk=case.pk).pending_extension_days is None
        else:
            actions.perform(
                case.pk, "request_extension", acting_user=users["handler"], payload=ask, note="复杂"
            )
            actions.perform(case.pk, "approve_extension", acting_user=users["leader"], now=accepted)
            due += timedelta(days=extension)
            assert _local(Case.objects.get(pk=case.pk).resolve_due) == due

    replied = accepted + timedelta(days=reply_after)
    actions.perform(case.pk, "reply", acting_user=users["handler"], payload={"result": "答复"}, now=replied)
    petition = Petition.objects.get(pk=case.pk)
    assert petition.on_time == (replied.astimezone(TZ).date() <= due)

    request = replied + timedelta(days=review_after)
    in_window = request.astimezone(TZ).date() <= replied.astimezone(TZ).date() + timedelta(days=WINDOW)
    before = Case.objects.count()
    if in_window:
        actions.perform(case.pk, "request_review", acting_user=users["dispatcher"], now=request)
        review = Case.objects.get(petition__parent_id=case.pk)
        assert _local(review.due_at) == request.astimezone(TZ).date() + timedelta(days=WINDOW)
        assert review.petition.profile == profile
    else:
        with pytest.raises(InvalidInput, match="已超过申请期限"):
            actions.perform(case.pk, "request_review", acting_user=users["dispatcher"], now=request)
        assert Case.objects.count() == before
