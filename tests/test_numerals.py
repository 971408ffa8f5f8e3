"""Tests for zongjie_nlp.numerals: values, precision, rounding-aware bounds, the matcher."""

from __future__ import annotations

import math

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from zongjie_nlp.numerals import (
    APPROX_AFTER,
    APPROX_BEFORE,
    MAGNITUDES,
    MORE_AFTER,
    NUMERAL_PATTERN,
    STATED_BEFORE,
    Numeral,
    apply_qualifiers,
    format_decimal,
    parse_chinese_percent,
    parse_numeral,
    read_digits,
    read_ordinal,
    to_chinese,
    to_chinese_digits,
)

INF = None  # unbounded high

# fmt: off
PARSE_CASES = [
    # text            value         decimals  low            high           approx  arabic
    ("二百",          200,          0,        200,           200,           False,  False),
    ("三千二百",      3200,         0,        3200,          3200,          False,  False),
    ("三千二百多",    3200,         0,        3200,          3300,          True,   False),
    ("一萬二千",      12000,        0,        12000,         12000,         False,  False),
    ("一万二千",      12000,        0,        12000,         12000,         False,  False),
    ("一万二",        12000,        0,        11500,         12500,         False,  False),
    ("兩",            2,            0,        2,             2,             False,  False),
    ("两",            2,            0,        2,             2,             False,  False),
    ("十",            10,           0,        10,            10,            False,  False),
    ("十五",          15,           0,        15,            15,            False,  False),
    ("二十",          20,           0,        20,            20,            False,  False),
    ("十多",          10,           0,        10,            20,            True,   False),
    ("廿",            20,           0,        20,            20,            False,  False),
    ("廿五",          25,           0,        25,            25,            False,  False),
    ("卅",            30,           0,        30,            30,            False,  False),
    ("二〇二四",      2024,         0,        2024,          2024,          False,  False),
    ("一九九八",      1998,         0,        1998,          1998,          False,  False),
    ("二○二四",      2024,         0,        2024,          2024,          False,  False),
    ("三千零五十二",  3052,         0,        3052,          3052,          False,  False),
    ("一千零五",      1005,         0,        1005,          1005,          False,  False),
    ("一万零五百",    10500,        0,        10500,         10500,         False,  False),
    ("十三万",        130000,       0,        125000,        135000,        False,  False),
    ("13.02萬",       130200,       2,        130150,        130250,        False,  True),
    ("13.02万",       130200,       2,        130150,        130250,        False,  True),
    ("1.2億",         120000000,    1,        115000000,     125000000,     False,  True),
    ("41,320",        41320,        0,        41320,         41320,         False,  True),
    ("41320",         41320,        0,        41320,         41320,         False,  True),
    ("1,234.5",       1234.5,       1,        1234.45,       1234.55,       False,  True),
    ("４１",          41,           0,        41,            41,            False,  True),
    ("３．５",        3.5,          1,        3.45,          3.55,          False,  True),
    ("15萬多",        150000,       0,        150000,        160000,        True,   True),
    ("10余万",        100000,       0,        100000,        200000,        True,   True),
    ("10万余",        100000,       0,        100000,        110000,        True,   True),
    ("10萬餘",        100000,       0,        100000,        110000,        True,   True),
    ("95.1",          95.1,         1,        95.05,         95.15,         False,  True),
    ("7.4萬",         74000,        1,        73500,         74500,         False,  True),
    ("27萬",          270000,       0,        265000,        275000,        False,  True),
    ("九十五點一",    95.1,         1,        95.05,         95.15,         False,  False),
    ("九十五点一",    95.1,         1,        95.05,         95.15,         False,  False),
    ("一百多",        100,          0,        100,           200,           True,   False),
    ("100多",         100,          0,        100,           200,           True,   True),
    ("120多",         120,          0,        120,           130,           True,   True),
    ("二十几",        20,           0,        20,            30,            True,   False),
    ("二十幾",        20,           0,        20,            30,            True,   False),
    ("十来",          10,           0,        10,            20,            True,   False),
    ("二十來",        20,           0,        20,            30,            True,   False),
    ("十多万",        100000,       0,        100000,        200000,        True,   False),
    ("3千",           3000,         0,        2500,          3500,          False,  True),
    ("240",           240,          0,        240,           240,           False,  True),
    ("1亿2000万",     120000000,    0,        119995000,     120005000,     False,  True),
    ("壹佰贰拾",      120,          0,        120,           120,           False,  False),
    ("三四十",        30,           0,        30,            40,            True,   False),
    ("零",            0,            0,        0,             0,             False,  False),
]

NOT_NUMERALS = ["", "多", "萬", "万", "abc", "第一", "百", "千", "几", "十两", "一百零", "1万23", "多十", "一来"]

PATTERN_CASES = [
    ("為我市11名省勞模發放41320元",   ["11", "41320"]),
    ("为我市11名省劳模发放41320元",   ["11", "41320"]),
    ("討回了15萬多元",                ["15萬多"]),
    ("讨回了15万多元",                ["15万多"]),
    ("三千二百多元",                  ["三千二百多"]),
    ("13.02萬元",                     ["13.02萬"]),
    ("41,320元",                      ["41,320"]),
    ("１２３人",                      ["１２３"]),
    ("十多萬人",                      ["十多萬"]),
    ("10余万元和10万余元",            ["10余万", "10万余"]),
    ("二十幾歲",                      ["二十幾"]),
    ("九十五點一分",                  ["九十五點一"]),
    ("兩千多萬元",                    ["兩千多萬"]),
    ("1亿2000万元",                   ["1亿2000万"]),
    ("多元化发展",                    []),
    ("一来二去",                      ["一", "二"]),
    ("三点建议",                      ["三"]),
    ("3千克",                         ["3"]),
    ("二〇二四年",                    ["二〇二四"]),
]
# fmt: on


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)


@pytest.mark.parametrize("text,value,decimals,low,high,approx,arabic", PARSE_CASES)
def test_parse_numeral(text, value, decimals, low, high, approx, arabic):
    n = parse_numeral(text)
    assert n is not None, text
    assert _close(n.value, value)
    assert n.decimals == decimals
    assert _close(n.low, low) and _close(n.high, high), (n.low, n.high)
    assert n.approx is approx
    assert n.arabic is arabic


@pytest.mark.parametrize("text", NOT_NUMERALS)
def test_not_numerals(text):
    assert parse_numeral(text) is None


@pytest.mark.parametrize("text,expected", PATTERN_CASES)
def test_pattern(text, expected):
    found = [m.group() for m in regex.finditer(NUMERAL_PATTERN, text)]
    assert found == expected
    for s in found:  # everything the matcher finds in these sentences parses
        assert parse_numeral(s) is not None, s


def test_pattern_never_matches_empty():
    assert regex.search(NUMERAL_PATTERN, "") is None
    assert all(m.group() for m in regex.finditer(NUMERAL_PATTERN, "多余来几万亿，。abc第"))


def test_pattern_embeds_in_verbose_pattern():
    # quantities.py embeds the source in a VERBOSE pattern with named groups.
    pat = regex.compile(rf"(?P<num>{NUMERAL_PATTERN}) (?P<unit>元)", regex.VERBOSE)
    assert pat.search("讨回了15萬多元").group("num") == "15萬多"


@pytest.mark.parametrize(
    "hostile",
    [
        "一" * 100_000 + "多" * 100_000,
        "1," * 100_000,
        "1万" * 100_000,
        "十多" * 100_000,
        "1." * 100_000,
        "9" * 200_000,
    ],
)
def test_pattern_is_linear(hostile):
    # Embedded in a pattern that then fails: restarts must not rescan the run.
    for source in (NUMERAL_PATTERN, rf"{NUMERAL_PATTERN}(?:元|人)"):
        for _ in regex.finditer(source, hostile, timeout=2):
            pass


@given(st.integers(min_value=0, max_value=10**9))
@settings(max_examples=500, deadline=None)
def test_roundtrip(n):
    chinese = parse_numeral(to_chinese(n))
    assert chinese is not None and chinese.value == n
    arabic = parse_numeral(str(n))
    assert arabic is not None and arabic.value == n
    if n:  # 零 alone is not matched in running text (零容忍, 零投诉)
        assert regex.fullmatch(NUMERAL_PATTERN, to_chinese(n))


# fmt: off
TO_CHINESE_CASES = [
    (0, "零"), (2, "二"), (10, "十"), (15, "十五"), (20, "二十"), (110, "一百一十"), (240, "二百四十"),
    (1005, "一千零五"), (1010, "一千零一十"), (3200, "三千二百"), (10500, "一万零五百"),
    (130000, "十三万"), (100000001, "一亿零一"), (1000000000, "十亿"),
    (1200000000000, "一万二千亿"),
]
# fmt: on


@pytest.mark.parametrize("n,expected", TO_CHINESE_CASES)
def test_to_chinese(n, expected):
    assert to_chinese(n) == expected
    assert parse_numeral(expected).value == n


def test_to_chinese_rejects_negative():
    with pytest.raises(ValueError):
        to_chinese(-1)


def test_to_chinese_zero_and_legal_forms():
    """One writer for text, Word's list labels and 大写 amounts: ``zero`` is 0 alone, ``legal``
    the financial digits (壹拾 keeps its 壹)."""
    assert to_chinese(0, zero="〇") == "〇" and to_chinese(101, zero="〇") == "一百零一"
    assert to_chinese(12, legal="simplified") == "壹拾贰"
    assert to_chinese(10500, legal="traditional") == "壹萬零伍佰"
    assert to_chinese(200000000, legal="traditional") == "貳億"
    with pytest.raises(ValueError):
        to_chinese(12, legal="financial")


@pytest.mark.parametrize("n", [0, 1, 99, 12345, 10**12 + 7])
def test_legal_forms_read_back(n):
    for legal in ("simplified", "traditional"):
        assert parse_numeral(to_chinese(n, legal=legal)).value == n


def test_to_chinese_digits():
    assert to_chinese_digits(2025) == "二〇二五" and read_digits(to_chinese_digits(2025)) == 2025
    assert to_chinese_digits(2025) != to_chinese(2025)  # 二千零二十五 is the counting form
    with pytest.raises(ValueError):
        to_chinese_digits(-1)


@pytest.mark.parametrize("text, expected", [
    ("三", 3), ("两", 2), ("兩", 2), ("十", 10), ("十二", 12), ("二十", 20), ("九十九", 99), ("拾贰", 12),
])
def test_read_ordinal(text, expected):
    assert read_ordinal(text) == expected


@pytest.mark.parametrize("text", ["零", "〇", "一百", "一二", "二〇", "二十零", "零十", "十十", "", "三十多", "第一"])
def test_read_ordinal_rejects_what_no_list_is_numbered_with(text):
    assert read_ordinal(text) is None


def test_words_around_a_figure_are_one_list():
    """The quantity matcher and the drafter read numerals' words (issue 12: four lists were one too many)."""
    from zongjie_nlp import quantities
    from zongjie_nlp.drafting import figures

    for word in ("最多", "不超过", "大概", "约"):
        assert word in APPROX_BEFORE and word in quantities.BEFORE_WORDS and word in figures.APPROX_BEFORE
    assert "以内" in APPROX_AFTER and set(APPROX_AFTER) <= set(quantities.AFTER_WORDS)
    assert figures.APPROX_AFTER_UNIT == APPROX_AFTER and figures.APPROX_AFTER_NUMBER == MORE_AFTER
    assert "达" in STATED_BEFORE and "达" not in APPROX_BEFORE  # 达 states a figure as it is
    assert list(APPROX_BEFORE) == sorted(APPROX_BEFORE, key=lambda w: (-len(w), w))  # longest first, stable


def test_magnitudes_in_both_scripts():
    assert MAGNITUDES["萬"] == MAGNITUDES["万"] == 10**4 and MAGNITUDES["仟"] == 1000
    assert "十" not in MAGNITUDES  # 十 is a unit inside a section, never a magnitude word after a figure


# fmt: off
FORMAT_CASES = [
    (95.1219, 1, "95.1"), (86.0, 1, "86.0"), (2.675, 2, "2.68"), (0.05, 1, "0.1"),
    (95.15, 1, "95.2"), (41320.0, 0, "41320"), (1e9, 0, "1000000000"), (-0.01, 1, "0.0"),
]
# fmt: on


@pytest.mark.parametrize("value,decimals,expected", FORMAT_CASES)
def test_format_decimal(value, decimals, expected):
    assert format_decimal(value, decimals) == expected


# fmt: off
PERCENT_CASES = [
    # text                 value          decimals  low            high           approx
    ("百分之九十五點一",   95.1,          1,        95.05,         95.15,         False),
    ("百分之九十五点一",   95.1,          1,        95.05,         95.15,         False),
    ("百分之五十",         50,            0,        50,            50,            False),
    ("百分之十五点五",     15.5,          1,        15.45,         15.55,         False),
    ("百分之百",           100,           0,        100,           100,           False),
    ("百分之三十多",       30,            0,        30,            40,            True),
    ("三分之二",           200 / 3,       0,        200 / 3,       200 / 3,       False),
    ("八成",               80,            0,        75,            85,            False),
    ("八成五",             85,            0,        84.5,          85.5,          False),
    ("七成多",             70,            0,        70,            80,            True),
    ("两成",               20,            0,        15,            25,            False),
    ("兩成",               20,            0,        15,            25,            False),
]
# fmt: on


@pytest.mark.parametrize("text,value,decimals,low,high,approx", PERCENT_CASES)
def test_parse_chinese_percent(text, value, decimals, low, high, approx):
    n = parse_chinese_percent(text)
    assert n is not None, text
    assert _close(n.value, value) and n.decimals == decimals
    assert _close(n.low, low) and _close(n.high, high), (n.low, n.high)
    assert n.approx is approx


@pytest.mark.parametrize("text", ["", "百分之", "成", "零分之一", "百分比", "八成立"])
def test_parse_chinese_percent_rejects(text):
    assert parse_chinese_percent(text) is None


EXACT_100 = Numeral(100.0, 0, 100.0, 100.0, False, True)

# fmt: off
QUALIFIER_CASES = [
    # before     after     low     high    approx
    ("约",       "",       90,     110,    True),
    ("約",       "",       90,     110,    True),
    ("大约",     "",       90,     110,    True),
    ("",         "左右",   90,     110,    True),
    ("",         "上下",   90,     110,    True),
    ("约",       "左右",   90,     110,    True),
    ("近",       "",       80,     100,    True),
    ("将近",     "",       80,     100,    True),
    ("將近",     "",       80,     100,    True),
    ("接近",     "",       80,     100,    True),
    ("不到",     "",       80,     100,    True),
    ("不足",     "",       80,     100,    True),
    ("",         "以下",   80,     100,    True),
    ("超过",     "",       100,    INF,    True),
    ("超過",     "",       100,    INF,    True),
    ("逾",       "",       100,    INF,    True),
    ("",         "以上",   100,    INF,    True),
    ("不少于",   "",       100,    INF,    True),
    ("不少於",   "",       100,    INF,    True),
    ("至少",     "",       100,    INF,    True),
    ("多达",     "",       100,    INF,    True),
    ("达",       "",       100,    100,    False),
    ("達",       "",       100,    100,    False),
    ("",         "多",     100,    200,    True),
    ("",         "余",     100,    200,    True),
    ("什么",     "",       100,    100,    False),
]
# fmt: on


@pytest.mark.parametrize("before,after,low,high,approx", QUALIFIER_CASES)
def test_apply_qualifiers(before, after, low, high, approx):
    n = apply_qualifiers(EXACT_100, before, after)
    assert n.value == 100.0
    assert _close(n.low, low) and _close(n.high, high), (n.low, n.high)
    assert n.approx is approx


def test_apply_qualifiers_widens_existing_bounds():
    n = apply_qualifiers(parse_numeral("95.1"), "约")
    assert _close(n.low, 95.05 * 0.9) and _close(n.high, 95.15 * 1.1)
    assert apply_qualifiers(parse_numeral("15"), "", "多").high == 16.0  # 15元多


def test_years_months_and_days_are_read_in_one_place():
    """Dates are read by numerals (the structure check and rebuild use it): a year digit by
    digit, a month or day as a counting numeral."""
    from zongjie_nlp.numerals import read_digits, read_small

    assert [read_digits(t) for t in ("2025", "二〇二五", "二零二四", "二千", "")] == [2025, 2025, 2024, None, None]
    assert [read_small(t) for t in ("12", "十二", "三十一", "十", "约十")] == [12, 12, 31, 10, None]
