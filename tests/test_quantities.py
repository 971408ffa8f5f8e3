"""Quantities, table-driven (both scripts): what is a figure, and what only looks like one."""

from __future__ import annotations

import pytest

import zongjie_nlp


def quantities(text: str):
    return [(q.kind, q.text, q.value, q.category, q.approx) for q in zongjie_nlp.parse(text).quantities]


# fmt: off
FOUND = [
    ("为困难职工讨回15万多元补助金。", ("money", "15万多元", 150000, None, True)),
    ("筹集资金13.02萬元。", ("money", "13.02萬元", 130200, None, False)),
    ("项目总投资1.2亿元。", ("money", "1.2亿元", 120000000, None, False)),
    ("发放慰问金三千二百多元。", ("money", "三千二百多元", 3200, None, True)),
    ("发放资金41,320元。", ("money", "41,320元", 41320, None, False)),
    ("引进外资860万美元。", ("money", "860万美元", 8600000, None, False)),
    ("走访慰问困难职工240人。", ("count", "240人", 240, "people", False)),
    ("为39 名学生发放助学金。", ("count", "39 名", 39, "people", False)),
    ("慰问十多名退休教师。", ("count", "十多名", 10, "people", True)),
    ("共有兩位教師受伤。", ("count", "兩位", 2, "people", False)),
    ("落户企业79家。", ("count", "79家", 79, "orgs", False)),
    ("10個單位被评为先进集体。", ("count", "10個單位", 10, "orgs", False)),
    ("征集提案11项。", ("count", "11项", 11, "items", False)),
    ("全年培训１２０人次。", ("count", "１２０人次", 120, "people", False)),
    ("组建率为95.1%。", ("percent", "95.1%", 95.1, None, False)),
    ("满意率达到百分之九十五点六。", ("percent", "百分之九十五点六", 95.6, None, False)),
    ("八成职工参加了体检。", ("percent", "八成", 80, None, False)),
    ("比上年提高2.3个百分点。", ("points", "2.3个百分点", 2.3, None, False)),
    ("比上年提高0.21個百分點。", ("points", "0.21個百分點", 0.21, None, False)),
    ("全年节约1.2万元。", ("money", "1.2万元", 12000, None, False)),
    ("压减一般性支出约320万元。", ("money", "320万元", 3200000, None, True)),
]
NOT_QUANTITIES = [
    "2024年3月5日召开会议。", "6月10日发放慰问金。", "20xx年工作总结。", "一位18岁的农民工。",
    "连续资助4年。", "荣获二等奖。", "召开二屆四次委员会议。", "与江津四中、四牌坊国小联谊。",
    "荣获五一劳动奖章。", "“三八”节慰问女职工。", "第一手资料。", "一位老师获奖。", "利用两个月的时间调查。",
    "县十八届人大三次会议。", "贯彻八项规定精神。", "一次性发放。", "元旦期间走访。",
]
# fmt: on


@pytest.mark.parametrize("text, expected", FOUND)
def test_found(text, expected):
    assert expected in quantities(text)


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_quantities(text):
    assert quantities(text) == []


def test_range_low_end_shares_the_unit():
    found = quantities("计划选派3至5人跟班学习，投入3～5万元。")
    assert ("count", "3", 3, "people", False) in found and ("count", "5人", 5, "people", False) in found
    assert ("money", "3", 30000, None, False) in found and ("money", "5万元", 50000, None, False) in found


def test_bounds_follow_precision_and_approximation():
    report = zongjie_nlp.parse("筹集13.02万元，发放27万元，资助51人，组建率95.1%，超过10万元。")
    by_text = {q.text: q for q in report.quantities}
    assert (by_text["13.02万元"].low, by_text["13.02万元"].high) == (130150, 130250)
    assert (by_text["27万元"].low, by_text["27万元"].high) == (265000, 275000)
    assert (by_text["51人"].low, by_text["51人"].high) == (51, 51)
    assert (by_text["95.1%"].low, by_text["95.1%"].high) == (95.05, 95.15)
    assert by_text["10万元"].high is None and by_text["10万元"].approx


def test_classifiers_come_from_the_lexicon():
    from zongjie_nlp.lexicon import classifiers

    lex = classifiers()
    assert lex.category["人次"] == "people" and lex.category["个单位"] == "orgs" and lex.category["项"] == "items"
    assert lex.longest_first().index("个单位") < lex.longest_first().index("个")
    assert "月" in lex.not_after_ge and "元" not in lex.category


def test_words_numerals_knows_qualify_a_quantity():
    """One list of approximation words: 最多, 不超过, 大概 before a figure and 以内 after it."""
    found = {q.text: (q.low, q.high, q.approx) for q in zongjie_nlp.parse(
        "接待最多100人，不超过200家，大概300项，参加人数在50人以内。").quantities}
    assert found["100人"] == (80.0, 100.0, True) and found["200家"] == (160.0, 200.0, True)
    assert found["300项"] == (270.0, 330.0, True) and found["50人"] == (40.0, 50.0, True)
    exact = zongjie_nlp.parse("参加人数为50人，以内部培训为主。").quantities[0]
    assert (exact.low, exact.high, exact.approx) == (50.0, 50.0, False)
