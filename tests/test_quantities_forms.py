"""Numbers as people write them in work summaries: ranges, percentages in words and digits, 成,
approximate magnitudes, thousands separators, 元角分, signed figures, 大写 amounts, and the forms
that must not be read.  Every sentence here is written for the test in work-summary style."""

from __future__ import annotations

import pytest

import zongjie_nlp
from zongjie_nlp.numerals import find_numerals, parse_chinese_percent, parse_numeral


def read(text: str, kind: str | None = None):
    return [(q.text, q.value, q.unit) for q in zongjie_nlp.parse(text=text).quantities if kind is None or q.kind == kind]


def bounds(text: str):
    q, = zongjie_nlp.parse(text=text).quantities
    return q.value, q.low, q.high, q.approx


# --------------------------------------------------------------------------- ranges

@pytest.mark.parametrize("text, expected", [
    ("单笔补助1万-5万元不等。", [("1万", 10000, "元"), ("5万元", 50000, "元")]),
    ("单笔补助1万元--5万元不等。", [("1万元", 10000, "元"), ("5万元", 50000, "元")]),
    ("合格率提高5-20%。", [("5", 5, "%"), ("20%", 20, "%")]),
    ("每户补贴2——3万港币。", [("2", 20000, "港元"), ("3万港币", 30000, "港元")]),
    ("人均收入从8500到3万元不等。", [("8500", 8500, "元"), ("3万元", 30000, "元")]),
    ("每人奖励两到三千元。", [("两", 2000, "元"), ("三千元", 3000, "元")]),
    ("项目投资一千到两千万元。", [("一千", 10_000_000, "元"), ("两千万元", 20_000_000, "元")]),
    ("报销金额在1万(含)-5万元之间的由科室审批。", [("1万", 10000, "元"), ("5万元", 50000, "元")]),
])
def test_ranges_give_both_ends_with_the_shared_magnitude(text, expected):
    assert read(text) == expected


# --------------------------------------------------------------------------- percentages

@pytest.mark.parametrize("text, value", [
    ("参保率达到百分之22。", 22), ("利润上升了百分之2.2。", 2.2), ("完成率为百分之1,669。", 1669),
    ("差错率控制在千分之2.4以内。", 0.24), ("投诉率为万分之三。", 0.03), ("不良率低于百万分之五。", 0.0005),
    ("有九成职工参加。", 90), ("满意度达9.5成。", 95), ("覆盖面达三成半。", 35), ("回收率八点五成。", 85),
    ("增长-22.2%。", -22.2), ("同比增长负3.9%。", -3.9), ("比上年下降负2个百分点。", -2),
    ("利润增长十万零五十六点三三个百分点。", 100056.33),
])
def test_percentages_as_written(text, value):
    found = [q.value for q in zongjie_nlp.parse(text=text).quantities if q.kind in ("percent", "points")]
    assert found == [pytest.approx(value)]


def test_a_signed_percentage_keeps_its_interval_the_right_way_round():
    value, low, high, _ = bounds("产值同比增长-3.9%。")
    assert (value, low, high) == (-3.9, pytest.approx(-3.95), pytest.approx(-3.85))


def test_cheng_in_arabic_digits_and_a_half():
    assert parse_chinese_percent("9成").value == 90 and parse_chinese_percent("半成").value == 5
    assert parse_chinese_percent("三成半").low == 32.5


# --------------------------------------------------------------------------- approximate magnitudes

@pytest.mark.parametrize("text, low, high", [
    ("全年投入几十万元用于帮扶。", 100_000, 1_000_000),
    ("争取上级资金数十亿元。", 1e9, 1e10),
    ("慰问金三千多元。", 3000, 4000),
])
def test_shu_and_ji_with_a_magnitude_are_approximate(text, low, high):
    value, q_low, q_high, approx = bounds(text)
    assert approx and (q_low, q_high) == (low, high)


def test_about_does_not_widen_an_already_approximate_figure():
    _, low, high, approx = bounds("支出大约十多万元。")
    assert approx and (low, high) == (100_000, 200_000)


# --------------------------------------------------------------------------- money forms

@pytest.mark.parametrize("text, expected", [
    ("收到捐款82，225.00元。", [("82，225.00元", 82225, "元")]),
    ("共收取会费50元6角三分。", [("50元6角三分", 50.63, "元")]),
    ("每人每天补助十块三毛。", [("十块三毛", 10.3, "元")]),
    ("税款合计壹仟玖佰圆整。", [("壹仟玖佰圆整", 1900, "元")]),
    ("办公用品支出￥300。", [("￥300", 300, "元")]),
    ("收入港币两千九百六十元。", [("两千九百六十元", 2960, "港元")]),
    ("采购设备三万元欧元。", [("三万元欧元", 30000, "欧元")]),
    ("捐助5306亿台币。", [("5306亿台币", 530_600_000_000, "新台币")]),
    ("收支结余:-1万元。", [("-1万元", -10000, "元")]),
])
def test_money_as_written(text, expected):
    assert read(text, "money") == expected


def test_a_qualifier_after_inclusive_applies():
    q, = zongjie_nlp.parse(text="对50万元（含）以上的项目实行集体决策。").quantities
    assert (q.value, q.low, q.high) == (500000, 500000, None)


def test_a_decimal_after_a_zero_led_section():
    assert parse_numeral("一万零十二点一五").value == pytest.approx(10012.15)
    assert parse_numeral("零五十六点三三") is None  # a numeral never starts with 零


# --------------------------------------------------------------------------- not figures

@pytest.mark.parametrize("text", [
    "登陆部队顺利完成演练。",       # 陆 is 六 only in 大写 amounts
    "会后大家一起收拾会场。",
    "访问 https://example.org/q?a=%2872%25 查看。",
    "达成率百分之五 十。",           # spaced out: read as nothing, not as 5%
    "提成比例为百分之15k。",         # shorthand: not read rather than misread
    "共有三五百分之2.2的比例。",       # 五百分之 is no percentage
])
def test_forms_that_are_not_read(text):
    assert [q.text for q in zongjie_nlp.parse(text=text).quantities] == []


def test_a_dash_between_a_code_and_a_figure_is_not_a_range():
    assert read("批次号A-3个样本合格。") == []


def test_the_numeral_finder_reads_running_text_with_the_same_grammar():
    found = [(text[s:e], n.value) for text in ["这不是五这是二百零一，完成一万零十二点一五。"] for s, e, n in find_numerals(text)]
    assert found == [("五", 5), ("二百零一", 201), ("一万零十二点一五", pytest.approx(10012.15))]
    assert [n.value for _, _, n in find_numerals("占二十五分之一百四十四")] == [pytest.approx(5.76)]
    assert find_numerals("我家在四川，陆地上有许多动物。") == []


@pytest.mark.parametrize("numeral", ["二十二", "22", "一百二十点五", "1,669", "三千零五", "十万零五十六点三三", "12.56"])
def test_percent_phrases_and_the_numeral_reader_agree(numeral):
    """One grammar: the figure inside 百分之… and before 个百分点 reads as parse_numeral reads it."""
    expected = parse_numeral(numeral).value
    assert [q.value for q in zongjie_nlp.parse(text=f"比例为百分之{numeral}。").quantities] == [pytest.approx(expected)]
    assert [q.value for q in zongjie_nlp.parse(text=f"提高{numeral}个百分点。").quantities] == [pytest.approx(expected)]
