"""The seed's 2023 plan, pasted as a person would, gives the targets a leader expects."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiedao.nlp.evaluate import FIXTURES, evaluate, main
from jiedao.nlp.targets import extract_targets, split_plan

SEED_REPORT = Path("/work/shared/seed/work-report-2022.txt")
SEED_PLAN = (FIXTURES / "seed_plan_2023.txt").read_text(encoding="utf-8")


def _by_text(targets, fragment):
    found = [t for t in targets if fragment in t.text]
    assert found, f"no target from a clause with {fragment!r}: {[t.text for t in targets]}"
    return found[0]


@pytest.fixture(scope="module")
def seed_targets():
    return extract_targets(SEED_PLAN, 2023)


def test_land_acquisition_target(seed_targets):
    target = _by_text(seed_targets, "600亩")
    assert target.quantity == Decimal(600)
    assert target.unit == "亩"
    assert target.subject == "土地征收"
    assert target.direction == "reach"
    assert target.deadline == date(2023, 12, 31)
    assert not target.qualitative


def test_zhangli_signing_is_qualitative(seed_targets):
    target = _by_text(seed_targets, "樟里村（一期）签约")
    assert (target.direction, target.qualitative, target.quantity) == ("sign", True, None)
    assert target.subject == "樟里村（一期）签约"


def test_waste_sorting_retrofit_is_a_completion(seed_targets):
    target = _by_text(seed_targets, "垃圾分类智能化改造")
    assert (target.direction, target.qualitative, target.quantity, target.unit) == (
        "complete",
        True,
        None,
        "",
    )
    assert target.subject == "全岛垃圾分类智能化改造"


def test_hazards_keep_falling_has_a_direction_and_no_number(seed_targets):
    target = _by_text(seed_targets, "安全隐患数持续下降")
    assert (target.direction, target.quantity, target.qualitative) == ("decrease", None, True)
    assert target.subject == "辖区安全隐患数"


def test_only_real_quantities_are_proposed(seed_targets):
    quantities = sorted((t.quantity, t.unit) for t in seed_targets if t.quantity is not None)
    assert quantities == [(Decimal(5), "条"), (Decimal(600), "亩"), (Decimal(26500), "人")]


def test_items_sit_under_their_area_headings():
    items = split_plan(SEED_PLAN)
    assert len(items) == 12
    assert [i.index for i in items] == list(range(1, 13))
    assert items[0].area == "强化核心要素驱动，做强*产业底盘"
    assert items[0].text.startswith("一是加强空间保障。启动樟里村")
    assert items[11].area == "拓宽基层党建格局，厚植*红色底蕴"
    target = _by_text(extract_targets(SEED_PLAN, 2023), "600亩")
    assert "600亩" in items[target.item_index - 1].text


def test_pasting_the_whole_report_keeps_only_the_plan():
    """Last year's figures (689件, 260亩, 3.2万平方米) must not come back as targets."""
    whole = extract_targets(SEED_REPORT.read_text(encoding="utf-8"), 2023)
    assert whole == extract_targets(SEED_PLAN, 2023)


def test_a_plan_of_its_own_keeps_every_part():
    text = (
        "一、总体目标\n全年完成土地出让300亩。\n二、重点任务\n1.新增停车位200个。\n三、保障措施\n强化考核。"
    )
    items = split_plan(text)
    assert [(i.area, i.text) for i in items] == [
        ("总体目标", "全年完成土地出让300亩。"),
        ("重点任务", "1.新增停车位200个。"),
        ("保障措施", "强化考核。"),
    ]
    assert [t.quantity for t in extract_targets(text, 2024)] == [300, 200]


def test_numbered_plan_without_headings():
    text = (
        "1.全年完成土地出让不低于300亩；\n"
        "2.上半年，建成智能垃圾房4座，新增停车位200个。\n"
        "（3）重复信访件数持续下降。"
    )
    items = split_plan(text)
    assert [i.text[:2] for i in items] == ["1.", "2.", "（3"]
    assert {i.area for i in items} == {""}
    targets = extract_targets(text, 2024)
    assert [(t.item_index, t.quantity, t.unit, t.direction, t.deadline) for t in targets] == [
        (1, Decimal(300), "亩", "at_least", date(2024, 12, 31)),
        (2, Decimal(4), "座", "reach", date(2024, 6, 30)),
        (2, Decimal(200), "个", "reach", date(2024, 6, 30)),
        (3, None, "", "decrease", date(2024, 12, 31)),
    ]


@pytest.mark.parametrize(
    ("clause", "quantity", "unit", "direction", "subject", "deadline"),
    [
        ("出让土地不低于350亩", "350", "亩", "at_least", "出让土地", None),
        ("年度招商引资突破1.5亿元", "15000", "万元", "exceed", "年度招商引资", None),
        ("新签约项目总投资超过8000万元", "8000", "万元", "exceed", "新签约项目总投资", None),
        ("违建发生率控制在1%以内", "1", "%", "at_most", "违建发生率", None),
        ("生产安全事故死亡人数控制在3人以下", "3", "人", "at_most", "生产安全事故死亡人数", None),
        ("上半年完成拆违3.2万平方米", "32000", "平方米", "reach", "拆违", "2024-06-30"),
        ("年底前新增停车位1200个", "1200", "个", "reach", "新增停车位", "2024-12-31"),
        ("9月底前建成智能垃圾房10座", "10", "座", "reach", "建成智能垃圾房", "2024-09-30"),
        ("一季度完成土地征收二百亩", "200", "亩", "reach", "土地征收", "2024-03-31"),
        ("6月30日前收储土地2宗", "2", "宗", "reach", "收储土地", "2024-06-30"),
        ("到2025年底培育规上企业20家", "20", "家", "reach", "培育规上企业", "2025-12-31"),
        ("固定资产投资增长8%以上", "8", "%", "increase", "固定资产投资", None),
        ("垃圾总量同比下降一成", "10", "%", "decrease", "垃圾总量", None),
        ("群众满意度提高2个百分点", "2", "百分点", "increase", "群众满意度", None),
        ("信访事项按期办结率不低于百分之九十五", "95", "%", "at_least", "信访事项按期办结率", None),
        ("调解成功率达98%以上", "98", "%", "at_least", "调解成功率", None),
        ("惠及居民两千余户", "2000", "户", "at_least", "惠及居民", None),
        ("志愿者注册人数突破3万人", "30000", "人", "exceed", "志愿者注册人数", None),
        ("新增违法建筑控制在零增长", "0", "", "at_most", "新增违法建筑", None),
        ("招引大学生1.2万人", "12000", "人", "reach", "招引大学生", None),
        ("力争完成拆改面积5万平方米", "50000", "平方米", "reach", "拆改面积", None),
    ],
)
def test_phrasings(clause, quantity, unit, direction, subject, deadline):
    targets = extract_targets(f"一是重点工作。{clause}。", 2024)
    assert len(targets) == 1, targets
    target = targets[0]
    assert (target.quantity, target.unit, target.direction) == (Decimal(quantity), unit, direction)
    assert target.subject == subject
    assert target.deadline == date.fromisoformat(deadline or "2024-12-31")
    assert target.text == clause


@pytest.mark.parametrize(
    "clause",
    [
        "推进总投资12亿元的未来社区项目建设",  # describes a project
        "2023年已累计发布文章近500篇",  # last year
        "今年以来化解积案3起",  # the past
        "争创国家4A级旅游景区",  # a grade, and a qualitative target only
        "加快华商中心项目落地",  # pushes, commits to nothing
        "深化“三服务”活动",
        "2023年共受理群众诉求2.3万件，办结率98.6%",  # the whole sentence reports last year
        "PM2.5浓度下降，创成世界500强企业总部基地",
    ],
)
def test_no_quantitative_target_from(clause):
    targets = extract_targets(f"一是重点工作。{clause}。", 2024)
    assert [t for t in targets if t.quantity is not None] == []


def test_a_time_phrase_of_its_own_sets_the_rest_of_the_sentence():
    targets = extract_targets("上半年，完成老旧小区改造3个，实现樟里村签约。年内建成驿站2个。", 2024)
    assert [(t.direction, t.deadline) for t in targets] == [
        ("reach", date(2024, 6, 30)),
        ("sign", date(2024, 6, 30)),
        ("reach", date(2024, 12, 31)),
    ]


def test_extraction_reaches_the_floor_on_every_gold_list():
    for gold in sorted(FIXTURES.glob("*.gold.json")):
        result = evaluate(gold)
        assert result.precision >= 0.9, (gold.name, result.false_positives)
        assert result.recall >= 0.9, (gold.name, result.misses)
        assert result.exact_recall >= 0.9, (gold.name, result.wrong_fields)
        assert result.qualitative_found == result.qualitative_gold, result.qualitative_misses


def test_seed_gold_list_is_found_exactly():
    result = evaluate(FIXTURES / "seed_plan_2023.gold.json")
    assert (result.gold, result.found, result.exact, result.proposed) == (3, 3, 3, 3)


def test_evaluate_script_prints_precision_and_recall(capsys):
    assert main([str(FIXTURES / "seed_plan_2023.gold.json")]) == 0
    out = capsys.readouterr().out
    assert "precision 1.000  recall 1.000" in out
    assert "3 gold quantitative targets, 3 proposed" in out


def _only(clause):
    targets = extract_targets(f"一是重点工作。{clause}。", 2024)
    assert len(targets) == 1, targets
    return targets[0]


def test_a_range_commits_to_its_lower_bound():
    low = _only("培育3至5家规上企业")
    assert (low.quantity, low.unit, low.direction, low.subject) == (3, "家", "at_least", "规上企业")
    money = _only("引进项目投资10-20亿元")
    assert (money.quantity, money.unit, money.direction) == (100000, "万元", "at_least")


def test_each_amount_of_a_list_is_a_target():
    both = extract_targets("一是重点工作。建成4座智能垃圾房、23座智能垃圾亭。", 2024)
    found = [(t.subject, t.quantity, t.unit) for t in both]
    assert found == [("智能垃圾房", 4, "座"), ("智能垃圾亭", 23, "座")]


@pytest.mark.parametrize(
    ("clause", "direction"),
    [
        ("设立环岛驿站党员志愿服务点", "complete"),
        ("二期顺利进场", "start"),
        ("群众满意度持续提升", "increase"),
        ("华商中心项目加快落地", None),
        ("持续优化交通线路", None),
    ],
)
def test_qualitative_outcomes_but_not_mere_pushing(clause, direction):
    targets = extract_targets(f"一是重点工作。{clause}。", 2024)
    assert [t.direction for t in targets] == ([direction] if direction else [])
    assert all(t.qualitative and t.quantity is None for t in targets)


_PLAN_ALPHABET = (
    "一二三四五六七八九十百千万亿两零是成年月底前上半季度个亩元人件%％.,，。；、（）()0123456789"
    "完成实现突破不低于控制在以内下降增长签约启动持续余至-"
)


@given(st.text(alphabet=_PLAN_ALPHABET, max_size=80), st.integers(min_value=2000, max_value=2100))
def test_any_text_gives_well_formed_proposals(text, year):
    for target in extract_targets(text, year):
        assert target.text
        assert target.text in text
        assert (target.quantity is None) == target.qualitative
        assert target.deadline is not None
        assert target.deadline.year >= year
        if target.quantity is not None:
            assert target.quantity >= 0
