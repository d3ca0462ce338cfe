"""Statutory rule profiles: files, the jurisdiction's choice, and deadlines across holidays and 调休."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from jiedao.cases import rules
from jiedao.cases.models import RuleProfileSetting
from jiedao.core.config import load_config
from jiedao.core.models import AuditEntry, Jurisdiction

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
# Years the bundled holiday data covers completely (no estimate involved).
moments = st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2026, 11, 30, 23, 59)).map(
    lambda d: d.replace(tzinfo=TZ)
)


def test_profiles_carry_every_key_with_units():
    national = rules.get_profile("national-2022")
    zhejiang = rules.get_profile("zhejiang")
    assert set(rules.KEYS) <= set(national.rules)
    assert set(rules.KEYS) <= set(zhejiang.rules)
    assert (national.rules["petition.accept"].amount, national.rules["petition.accept"].unit) == (
        15,
        "calendar_days",
    )
    assert national.rules["petition.handle"].amount == 60
    assert national.rules["petition.extension_max"].amount == 30
    assert (zhejiang.rules["petition.accept"].amount, zhejiang.rules["petition.accept"].unit) == (
        5,
        "working_days",
    )
    assert zhejiang.rules["petition.handle"].amount == 30
    assert zhejiang.rules["petition.extension_max"].amount == 60
    for profile in (national, zhejiang):
        for key in ("petition.review_request", "petition.review_decide", "petition.recheck_request"):
            assert (profile.rules[key].amount, profile.rules[key].unit) == (30, "calendar_days")
        assert profile.rules["mediation.norm"].amount == 30
        assert profile.rules["mediation.judicial_confirmation"].amount == 30


def test_unknown_profile_is_refused_with_a_message():
    with pytest.raises(ValidationError) as exc:
        rules.get_profile("atlantis")
    assert "atlantis" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        rules.get_profile("../default/sla")


def test_broken_profile_file_is_refused(tmp_path, settings):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "bad.json").write_text(
        json.dumps({"label": "x", "rules": {"petition.accept": {"amount": 5, "unit": "hours"}}}),
        encoding="utf-8",
    )
    settings.JIEDAO_CONFIG_DIR = tmp_path
    with pytest.raises(ValidationError) as exc:
        rules.get_profile("bad")
    assert "bad.json" in exc.value.messages[0]


@given(start=moments)
@settings(max_examples=150, deadline=None)
def test_national_acceptance_is_fifteen_calendar_days(start):
    due = rules.rule_deadline("national-2022", "petition.accept", start)
    assert due.at.astimezone(TZ).date() == start.date() + timedelta(days=15)
    assert (due.at.astimezone(TZ).hour, due.at.astimezone(TZ).minute) == (23, 59)
    assert due.estimated is False


@given(start=moments)
@settings(max_examples=150, deadline=None)
def test_zhejiang_acceptance_is_five_statutory_working_days(start):
    """Counted against chinese_calendar directly: holidays skipped, 调休 weekend workdays counted."""
    due = rules.rule_deadline("zhejiang", "petition.accept", start).at.astimezone(TZ).date()
    assert chinese_calendar.is_workday(due)
    days = [start.date() + timedelta(days=i) for i in range(1, (due - start.date()).days + 1)]
    assert sum(chinese_calendar.is_workday(d) for d in days) == 5


def test_zhejiang_acceptance_over_national_day_counts_the_makeup_sunday():
    # 2024-09-29 is a Sunday worked in lieu (调休); 10-01..10-07 are holidays.
    due = rules.rule_deadline("zhejiang", "petition.accept", datetime(2024, 9, 27, 16, 0, tzinfo=TZ))
    assert due.at.astimezone(TZ).date() == date(2024, 10, 10)


def test_admin_holiday_table_extends_a_year_the_library_does_not_know():
    from jiedao.core.actions import enter_holiday_schedule

    start = datetime(2026, 12, 30, 9, 0, tzinfo=TZ)
    estimated = rules.rule_deadline("zhejiang", "petition.accept", start)
    assert estimated.estimated is True  # 12-31, 01-01, 01-04, 01-05, 01-06 on weekends alone
    assert estimated.at.astimezone(TZ).date() == date(2027, 1, 6)
    enter_holiday_schedule(acting_user=None, year=2027, holidays=[date(2027, 1, 1)], workdays=[], note="测试")
    known = rules.rule_deadline("zhejiang", "petition.accept", start)
    assert (known.at.astimezone(TZ).date(), known.estimated) == (date(2027, 1, 7), False)


def test_configuration_chooses_the_profile_and_admin_can_switch_it(jurisdiction, users):
    assert rules.profile_code_for(jurisdiction.pk) == "national-2022"
    load_config(jurisdiction, "zhejiang-2023", acting_user=users["admin"])
    assert rules.profile_code_for(jurisdiction.pk) == "zhejiang"
    assert AuditEntry.objects.filter(action="set_rule_profile", jurisdiction_id=jurisdiction.pk).count() == 2
    with pytest.raises(ValidationError):
        rules.set_profile(jurisdiction, "atlantis", acting_user=users["admin"])
    assert rules.profile_code_for(jurisdiction.pk) == "zhejiang"


def test_jurisdiction_without_a_setting_follows_the_national_rules():
    jur = Jurisdiction.objects.create(code="bare", name="空街道")
    assert not RuleProfileSetting.objects.filter(jurisdiction=jur).exists()
    assert rules.profile_code_for(jur.pk) == "national-2022"


def test_admin_page_switches_the_profile(jurisdiction, users, client_for):
    c = client_for(users["admin"])
    url = f"/admin/cases/ruleprofilesetting/{jurisdiction.pk}/change/"
    page = c.get(url)
    assert page.status_code == 200
    assert "zhejiang" in page.content.decode()
    r = c.post(url, {"jurisdiction": jurisdiction.pk, "profile": "zhejiang"})
    assert r.status_code == 302
    assert rules.profile_code_for(jurisdiction.pk) == "zhejiang"
    r = c.post(url, {"jurisdiction": jurisdiction.pk, "profile": "atlantis"})
    assert r.status_code == 200
    assert rules.profile_code_for(jurisdiction.pk) == "zhejiang"
