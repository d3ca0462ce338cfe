"""A proposed target comes with the indicator that measures it, or with none."""

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from jiedao.nlp.targets import extract_targets, propose_indicator

# (code, label, unit) as the registers, events and ledger apps declare them (Chinese source strings).
INDICATORS = [
    ("registers.land_acquired_area", "土地征收面积", "亩"),
    ("registers.land_acquired_count", "土地征收宗数", "宗"),
    ("registers.land_sold_area", "土地出让面积", "亩"),
    ("registers.land_reserved_count", "土地收储宗数", "宗"),
    ("registers.structures_demolished", "拆除违章建筑数", "处"),
    ("registers.structures_demolished_area", "拆除违章建筑面积", "平方米"),
    ("registers.projects_signed", "签约项目数", "个"),
    ("registers.projects_signed_investment", "签约项目投资额", "万元"),
    ("ledger.volunteers", "志愿者人数", "人"),
    ("ledger.service_hours", "志愿服务时长", "小时"),
    ("ledger.graduates", "招引大学生、硕士研究生数", "人"),
    ("ledger.articles", "发布文章数", "篇"),
    ("events.received", "受理事件数", "件"),
    ("petitions.on_time_rate", "信访按期办结率", "%"),
]


def _one(clause, year=2024):
    targets = extract_targets(f"一是重点工作。{clause}。", year)
    assert len(targets) == 1, targets
    return targets[0]


@pytest.mark.parametrize(
    ("clause", "code"),
    [
        ("实现600亩土地顺利征收", "registers.land_acquired_area"),
        ("出让土地不低于350亩", "registers.land_sold_area"),
        ("收储土地2宗", "registers.land_reserved_count"),
        ("拆除违法建筑5万平方米", "registers.structures_demolished_area"),
        ("拆除违法建筑120处", "registers.structures_demolished"),
        ("新签约项目总投资突破30亿元", "registers.projects_signed_investment"),
        ("招引大学生1.2万人", "ledger.graduates"),
        ("志愿者注册人数突破3万人", "ledger.volunteers"),
        ("志愿服务时长超过50万小时", "ledger.service_hours"),
        ("信访事项按期办结率不低于95%", "petitions.on_time_rate"),
    ],
)
def test_best_indicator_is_proposed(clause, code):
    assert propose_indicator(_one(clause), INDICATORS) == code


def test_units_that_cannot_compare_are_never_bound():
    """An area target never binds to a count, a rate never to an amount, whatever the words."""
    land = _one("实现600亩土地顺利征收")
    assert propose_indicator(land, [("registers.land_acquired_count", "土地征收宗数", "宗")]) is None
    rate = _one("违建发生率控制在1%以内")
    assert propose_indicator(rate, [("registers.structures_found", "发现违章建筑数", "处")]) is None


def test_unrelated_target_gets_no_indicator():
    assert propose_indicator(_one("群众满意度提高2个百分点"), INDICATORS) is None
    assert propose_indicator(_one("完成全岛垃圾分类智能化改造"), INDICATORS) is None
    assert propose_indicator(_one("新增停车位1200个"), []) is None


def test_qualitative_target_may_bind_to_a_count():
    target = _one("上半年完成华商中心项目签约")
    assert target.qualitative
    assert propose_indicator(target, INDICATORS) == "registers.projects_signed"


def test_lazy_labels_are_compared_in_chinese_whatever_the_interface_language():
    label, unit = gettext_lazy("受理事件数"), gettext_lazy("件")
    target = _one("全年受理事件数不少于5000件")
    with translation.override("en"):
        assert str(label) != "受理事件数"  # the label has an English translation
        assert propose_indicator(target, [("events.received", label, unit)]) == "events.received"
