"""Petition handling on the engine: clocks from the profile, extension, 复查/复核 windows, repeats."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from jiedao.cases import actions
from jiedao.cases.models import Action, Case
from jiedao.core.config import load_config
from jiedao.core.errors import Forbidden, IllegalTransition, InvalidInput
from jiedao.petitions.models import Petition
from tests.petitions.helpers import department, register, to_reply

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2025, 3, 3, 10, 0, tzinfo=TZ)


def _day(case_due: datetime | None) -> date:
    assert case_due is not None
    return case_due.astimezone(TZ).date()


def test_national_clocks_acceptance_then_handling(users, jurisdiction):
    case = register(users, jurisdiction, T0)
    assert case.number.startswith("XF2025")
    assert _day(case.due_at) == date(2025, 3, 18)  # 15 calendar days
    accepted = T0 + timedelta(days=3)
    actions.perform(case.pk, "accept", acting_user=users["dispatcher"], now=accepted)
    case.refresh_from_db()
    assert _day(case.resolve_due) == date(2025, 5, 5)  # 60 calendar days from 03-06
    assert case.due_at == case.resolve_due
    assert case.petition.profile == "national-2022"


def test_switching_profile_changes_new_cases_only(users, jurisdiction):
    old = register(users, jurisdiction, T0)
    load_config(jurisdiction, "zhejiang-2023", acting_user=users["admin"])
    new = register(users, jurisdiction, T0, title="另一件事", repeat_of="none")
    assert new.petition.profile == "zhejiang"
    assert _day(new.due_at) == date(2025, 3, 10)  # 5 working days
    for case in (old, new):
        actions.perform(case.pk, "accept", acting_user=users["dispatcher"], now=T0)
    old.refresh_from_db()
    new.refresh_from_db()
    assert _day(old.resolve_due) == date(2025, 5, 2)  # still 60 days: created under national-2022
    assert _day(new.resolve_due) == date(2025, 4, 2)  # 30 days


def test_extension_once_within_the_profile_maximum(users, jurisdiction):
    case = register(users, jurisdiction, T0)
    actions.perform(case.pk, "accept", acting_user=users["dispatcher"], now=T0)
    dep = department(users)
    actions.perform(
        case.pk, "assign", acting_user=users["dispatcher"], payload={"department": dep.pk}, now=T0
    )
    before = Action.objects.filter(case=case).count()
    with pytest.raises(InvalidInput, match="30"):
        actions.perform(
            case.pk,
            "request_extension",
            acting_user=users["handler"],
            payload={"extension_days": 31},
            note="复杂",
        )
    assert Action.objects.filter(case=case).count() == before
    assert Case.objects.get(pk=case.pk).pending_extension_days is None
    actions.perform(
        case.pk,
        "request_extension",
        acting_user=users["handler"],
        payload={"extension_days": 30},
        note="需现场核实",
    )
    with pytest.raises(Forbidden):
        actions.perform(case.pk, "approve_extension", acting_user=users["handler"])
    actions.perform(case.pk, "approve_extension", acting_user=users["leader"], now=T0)
    case.refresh_from_db()
    assert _day(case.resolve_due) == date(2025, 6, 1)  # 05-02 + 30 days
    assert Petition.objects.get(pk=case.pk).extension_approved_by == users["leader"]
    with pytest.raises(InvalidInput, match="一次"):
        actions.perform(
            case.pk,
            "request_extension",
            acting_user=users["handler"],
            payload={"extension_days": 1},
            note="再延",
        )


def test_review_window_and_recheck_chain(users, jurisdiction):
    case = register(users, jurisdiction, T0)
    replied = T0 + timedelta(days=20)
    to_reply(users, case, T0, replied)
    late = replied + timedelta(days=31)
    count = Case.objects.count()
    with pytest.raises(InvalidInput, match="已超过申请期限"):
        actions.perform(case.pk, "request_review", acting_user=users["dispatcher"], now=late)
    assert Case.objects.count() == count
    assert not Petition.objects.filter(parent_id=case.pk).exists()
    actions.perform(
        case.pk, "request_review", acting_user=users["dispatcher"], now=replied + timedelta(days=30)
    )
    review = Case.objects.get(petition__parent_id=case.pk)
    assert review.petition.stage == "review"
    assert _day(review.due_at) == _day(replied) + timedelta(days=60)
    to_reply(users, review, review.created_at, review.created_at + timedelta(days=10))
    # The stage rules are the transitions' guards: refused (409) with the reason, nothing written.
    with pytest.raises(IllegalTransition, match="本件应申请复核"):
        actions.perform(
            review.pk,
            "request_review",
            acting_user=users["dispatcher"],
            now=review.created_at + timedelta(days=11),
        )
    actions.perform(
        review.pk,
        "request_recheck",
        acting_user=users["dispatcher"],
        now=review.created_at + timedelta(days=11),
    )
    recheck = Case.objects.get(petition__parent_id=review.pk)
    to_reply(users, recheck, recheck.created_at, recheck.created_at + timedelta(days=5))
    with pytest.raises(IllegalTransition, match="不再受理"):
        actions.perform(
            recheck.pk,
            "request_recheck",
            acting_user=users["dispatcher"],
            now=recheck.created_at + timedelta(days=6),
        )
    # The same matter again from the same person: linked, and refused at acceptance.
    again = register(users, jurisdiction, recheck.created_at + timedelta(days=40))
    assert again.petition.repeat_of_id == case.pk
    with pytest.raises(InvalidInput, match="复核终结"):
        actions.perform(again.pk, "accept", acting_user=users["dispatcher"], now=again.created_at)
    actions.perform(
        again.pk, "reject", acting_user=users["dispatcher"], note="已复核终结", now=again.created_at
    )


def test_repeat_petition_linked_at_intake(users, jurisdiction):
    first = register(users, jurisdiction, T0)
    second = register(
        users,
        jurisdiction,
        T0 + timedelta(days=40),
        title="物业停车费问题再次反映",
        content="小区物业公司上调停车费的问题至今没有解决，业主再次反映。",
        petitioners=[{"name": "陈信访", "phone": "13800138000"}],
    )
    assert second.petition.repeat_of_id == first.pk
    stranger = register(
        users,
        jurisdiction,
        T0 + timedelta(days=41),
        title="道路积水",
        content="雨后道路积水严重。",
        content_category="transport",
        petitioners=[{"name": "林某"}],
    )
    assert stranger.petition.repeat_of_id is None


def test_what_an_effect_changes_in_the_petition_row_is_audited_before_and_after(users, jurisdiction):
    from jiedao.core.models import AuditEntry

    case = register(users, jurisdiction, T0)
    actions.perform(case.pk, "accept", acting_user=users["dispatcher"], now=T0)
    entry = AuditEntry.objects.get(object_type="petitions.petition", object_id=str(case.pk), action="accept")
    assert entry.user == users["dispatcher"]
    assert entry.jurisdiction_id == jurisdiction.pk
    assert entry.before == {"decided_at": None}
    assert entry.after["decided_at"].startswith("2025-03-03")
