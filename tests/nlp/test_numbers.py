"""Chinese numerals and quantities as plans write them, and the way reports print them."""

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from jiedao.nlp.numbers import (
    chinese_numeral,
    find_quantities,
    format_change,
    format_quantity,
    parse_number,
    parse_quantity,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("六百", 600),
        ("一千二百五十", 1250),
        ("一千零五", 1005),
        ("十二", 12),
        ("两", 2),
        ("二〇二三", 2023),
        ("一亿二千万", 120_000_000),
        ("3.2万", 32000),
        ("1,250", 1250),
        ("三点五", Decimal("3.5")),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("600亩", "600", "亩"),
        ("六百亩", "600", "亩"),
        ("3.2万平方米", "32000", "平方米"),
        ("2万平方", "20000", "平方米"),
        ("1.5亿元", "15000", "万元"),
        ("500万元", "500", "万元"),
        ("3000元", "0.3", "万元"),
        ("3万人", "30000", "人"),
        ("万人", "10000", "人"),
        ("15名", "15", "人"),
        ("三位", "3", "人"),
        ("百分之九十五", "95", "%"),
        ("95%", "95", "%"),
        ("95％", "95", "%"),
        ("三成", "30", "%"),
        ("0.5个百分点", "0.5", "百分点"),
        ("689件", "689", "件"),
        ("两千余户", "2000", "户"),
        ("14.8公里", "14.8", "公里"),
    ],
)
def test_parse_quantity(text, value, unit):
    quantity = parse_quantity(text)
    assert (quantity.value, quantity.unit) == (Decimal(value), unit)


@pytest.mark.parametrize("text", ["", "abc", "五美", "3.2万平方米多", "百分之五%"])
def test_parse_quantity_rejects_what_is_not_one(text):
    with pytest.raises(ValueError):
        parse_quantity(text)


def test_find_quantities_skips_grades_names_dates_and_phases():
    text = (
        "争创省5A级景区，运行省五星级文化礼堂和“全科网格 3.0”，启动区一期、二期，"
        "2023年一体化推进“五美”创建，十大能力建设，第一批，省千人才，一张蓝图"
    )
    assert find_quantities(text) == []


def test_find_quantities_reads_amounts_in_running_text():
    text = "实现600亩土地顺利征收，开工五条附属市政道路，海内外超2.65万的乡贤侨胞，总点击量破百万"
    found = [(q.value, q.unit) for q in find_quantities(text)]
    assert found == [
        (Decimal(600), "亩"),
        (Decimal(5), "条"),
        (Decimal(26500), "人"),
        (Decimal(1_000_000), ""),
    ]


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        ("32000", "平方米", "3.2万平方米"),
        ("15000", "万元", "1.5亿元"),
        ("500", "万元", "500万元"),
        ("0.3", "万元", "3000元"),
        ("689", "件", "689件"),
        ("210", "%", "210.0%"),  # every percentage with one decimal
        ("12.50", "%", "12.5%"),
        ("91.35", "%", "91.4%"),
        ("0", "%", "0.0%"),
        ("12345", "人", "12345人"),
        ("123456", "人", "12.35万人"),
        ("26500", "人", "2.65万人"),
        ("14.80", "公里", "14.8公里"),
        ("600", "亩", "600亩"),
        ("0.5", "百分点", "0.5个百分点"),
        ("2", "百分点", "2.0个百分点"),
        ("300000000", "", "3亿"),
    ],
)
def test_format_quantity(value, unit, text):
    assert format_quantity(Decimal(value), unit) == text


@pytest.mark.parametrize(
    ("current", "previous", "text"),
    [
        ("310", "100", "同比增长210.0%"),
        ("87.5", "100", "同比下降12.5%"),
        ("5", "5", "与上年持平"),
        ("100.001", "100", "与上年持平"),
        ("59.11", "1", "同比增长5811.0%"),
        ("2", "3", "同比下降33.3%"),
        ("-5", "-10", "同比增长50.0%"),
    ],
)
def test_format_change(current, previous, text):
    assert format_change(Decimal(current), Decimal(previous)) == text


def test_format_change_from_zero_states_the_amount():
    assert format_change(Decimal(689), Decimal(0), unit="件") == "同比新增689件"
    assert format_change(Decimal(0), Decimal(0)) == "与上年持平"
    assert format_change(Decimal(11), Decimal(10), basis="环比") == "环比增长10.0%"
    assert format_change(Decimal(10), Decimal(10), basis="环比") == "与上期持平"


@pytest.mark.parametrize(
    ("current", "previous", "text"),
    [
        ("91.4", "91.5", "同比下降0.1个百分点"),  # a rate compares in points, not in percent
        ("95", "90", "同比提高5.0个百分点"),
        ("90.04", "90", "与上年持平"),
        ("12.5", "0", "同比提高12.5个百分点"),
    ],
)
def test_a_rate_changes_in_percentage_points(current, previous, text):
    assert format_change(Decimal(current), Decimal(previous), unit="%") == text
    assert format_change(Decimal(current), Decimal(previous), unit="%", basis="环比").startswith(
        ("环比", "与上期")
    )


def test_a_figure_and_its_change_in_one_sentence():
    rate, before = Decimal("91.4"), Decimal("91.5")
    assert (
        f"{format_quantity(rate, '%')}，{format_change(rate, before, unit='%')}"
        == "91.4%，同比下降0.1个百分点"
    )


@given(st.integers(min_value=0, max_value=10**12))
def test_chinese_numerals_round_trip(number):
    assert parse_number(chinese_numeral(number)) == number


_UNITS = ["平方米", "亩", "人", "件", "万元", "%", "个", "公里", "吨", "人次", ""]


@given(
    mantissa=st.integers(min_value=0, max_value=99_999),
    # Up to ~10^11 of a unit: 万元 then reaches 10^15 元, below the parser's 10^16 bound.
    exponent=st.integers(min_value=-2, max_value=6),
    unit=st.sampled_from(_UNITS),
)
def test_format_then_parse_gives_the_value_back(mantissa, exponent, unit):
    value = Decimal(mantissa).scaleb(exponent)
    text = format_quantity(value, unit)
    if not unit and value < 10_000:
        parsed_value = parse_number(text)  # a bare small number carries no unit to parse
    else:
        parsed = parse_quantity(text)
        assert parsed.unit == unit
        parsed_value = parsed.value
    if unit == "%":  # a percentage prints one decimal
        assert abs(parsed_value - value) <= Decimal("0.05"), text
    elif value < 10_000:
        assert parsed_value == value, text
    else:  # two decimals of 万 or 亿 are printed (at least "1万"), so at most 0.5% is lost
        assert abs(parsed_value - value) <= value * Decimal("0.005"), text


@given(
    value=st.decimals(min_value=0, max_value=10**11, places=4, allow_nan=False, allow_infinity=False),
    unit=st.sampled_from(_UNITS[:-1]),
)
@example(value=Decimal("9999.995"), unit="平方米")  # rounds up to 1万, not "10000平方米"
def test_formatting_is_stable_after_a_round_trip(value, unit):
    text = format_quantity(value, unit)
    assert format_quantity(parse_quantity(text).value, unit) == text
