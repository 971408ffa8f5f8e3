"""Numbers never crash (issue 9, part 3): zero, huge, tiny and absurd figures in ordinary
text end as a correct result or a finding, never an exception, and stay linear in time.

Every text here is written for the test."""

from __future__ import annotations

import json
import math
import time

import pytest
from click.testing import CliRunner

import zongjie_nlp
from zongjie_nlp.relations import Interval
from zongjie_nlp.cli import main
from zongjie_nlp.numerals import MAX_NUMERAL_LENGTH, format_decimal, parse_chinese_percent, parse_numeral

INF = math.inf


def arithmetic(text: str) -> list:
    """The ZJ2xx findings of ``text``, verified relations included."""
    return zongjie_nlp.check(zongjie_nlp.parse(text), select=["ZJ2"], show_verified=True)


def errors(findings: list, rule: str) -> list:
    return [f for f in findings if f.rule == rule and not f.verified]


def verified(findings: list, rule: str) -> list:
    return [f for f in findings if f.rule == rule and f.verified]


def quantities(text: str) -> list:
    report = zongjie_nlp.parse(text)
    json.dumps(report.to_json(), allow_nan=False)  # every value a finite JSON number
    return [q for doc in report.documents for q in doc.quantities]


def lint_cli(tmp_path, text: str):
    path = tmp_path / "input.txt"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["lint", str(path), "--format", "json"])
    elapsed = time.perf_counter() - started
    out = (result.stdout or "") + (result.stderr or "")
    assert "Traceback" not in out, out
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), out
    return json.loads(result.stdout), elapsed


# --------------------------------------------------------------------------- the reproducers

ZERO_RATE = "应建工会企业0家，已有0家提交建会申请，组建率为0%。"
DEPOSIT = "存款余额6元，比年初增加2亿元，增长6%。"


def test_a_rate_of_zero_in_zero_is_not_computed(tmp_path):
    """0/0 has no value: no crash, no "verified" 0%, no error; one warning that the rate
    cannot be computed (the issue: a rate with a zero whole is a finding)."""
    rates = [f for f in arithmetic(ZERO_RATE) if f.rule == "ZJ201"]
    assert [(f.severity, f.verified) for f in rates] == [("warning", False)] and "无从计算" in rates[0].message
    findings, elapsed = lint_cli(tmp_path, ZERO_RATE)
    assert [f["severity"] for f in findings if f["rule"] == "ZJ201"] == ["warning"]
    assert elapsed < 5


def test_growth_from_a_negative_base_is_not_computed(tmp_path):
    """6元 after an increase of 2亿元 means a negative start: a growth rate from it is undefined."""
    assert [f for f in arithmetic(DEPOSIT) if f.rule == "ZJ206"] == []
    findings, elapsed = lint_cli(tmp_path, DEPOSIT)
    assert not [f for f in findings if f["rule"] == "ZJ206"]
    assert elapsed < 5


@pytest.mark.parametrize("digits", [308, 309, 4300, 4301])
def test_a_huge_count_is_a_quantity_or_nothing(tmp_path, digits):
    text = "全年共慰问困难职工" + "9" * digits + "名。"
    for q in quantities(text):
        assert math.isfinite(q.value) and math.isfinite(q.low) and math.isfinite(q.high)
    zongjie_nlp.check(text, show_verified=True)
    lint_cli(tmp_path, text)


@pytest.mark.parametrize("make", [lambda n: "9" * n + "名", lambda n: "二〇" * (n // 2) + "名",
                                  lambda n: "0." + "0" * n + "1%", lambda n: ("1" * 300 + "万") * (n // 301)])
def test_long_numerals_stay_linear(make):
    """Parse and check take time proportional to the text, however long a run of digits."""
    def seconds(n: int) -> float:
        text = "全年共有" + make(n) + "，比上年增加" + make(n) + "，增长" + make(n)
        started = time.perf_counter()
        zongjie_nlp.check(text, show_verified=True)
        return time.perf_counter() - started

    seconds(1000)  # warm the caches
    small, large = seconds(5_000), seconds(50_000)
    assert large < 5 and large < 25 * max(small, 0.02), (small, large)


# --------------------------------------------------------------------------- numerals


def test_a_numeral_longer_than_the_limit_is_no_numeral():
    assert parse_numeral("9" * (MAX_NUMERAL_LENGTH + 1)) is None
    assert parse_numeral("二〇" * MAX_NUMERAL_LENGTH) is None  # positional (years, codes)
    longest = parse_numeral("9" * MAX_NUMERAL_LENGTH)
    assert longest is not None and math.isfinite(longest.value) and longest.value > 1e99


@pytest.mark.parametrize("text", ["0", "0.0", "0.00", "00", "零", "零点零"])
def test_a_written_zero_never_stands_for_a_negative_value(text):
    n = parse_numeral(text)
    assert n is not None and n.value == 0 and n.low == 0 and n.high >= 0


def test_a_tiny_decimal_keeps_its_precision():
    n = parse_numeral("0.0000001")
    assert (n.value, n.decimals) == (1e-7, 7)
    assert math.isclose(n.low, 0.5e-7) and math.isclose(n.high, 1.5e-7)


def test_a_zero_percentage_is_not_below_zero():
    q, = quantities("满意率为0%。\n")
    assert (q.value, q.low, q.high) == (0, 0, 0.5)
    assert parse_chinese_percent("百分之零").low == 0


@pytest.mark.parametrize("value,decimals,expected", [
    (1e300, 2, "1" + "0" * 300 + ".00"),    # more digits than Decimal's default 28
    (1.5, 60, "1.5" + "0" * 59),            # more decimals than the default precision
    (1e-7, 8, "0.00000010"),
    (INF, 1, "∞"), (-INF, 1, "-∞"), (math.nan, 1, "NaN"),
])
def test_format_decimal_takes_any_float(value, decimals, expected):
    shown = format_decimal(value, decimals)
    if expected.startswith("1" + "0" * 10):
        assert shown.endswith(".00") and len(shown) == len(expected) and shown.startswith("1000000")
    else:
        assert shown == expected


# --------------------------------------------------------------------------- interval arithmetic


def test_division_by_an_interval_touching_zero():
    """[0, h] (a figure written 0.0 or 0%) may be any small positive value: the quotient of
    a positive dividend is unbounded above; a divisor that is exactly zero gives nothing."""
    assert Interval(45, 55) / Interval(0, 0.5) == Interval(90, INF)
    assert Interval(0, 0) / Interval(0, 0.5) == Interval(0, 0)
    assert not (Interval(3, 3) / Interval(0, 0)).determined
    assert not (Interval(0, 0) / Interval(0, 0)).determined
    assert (Interval(3, 3) / Interval(1, 2)) == Interval(1.5, 3)
    assert (Interval(3, 3) / Interval(1, 2)).determined


def test_an_interval_with_nan_or_the_whole_line_is_undetermined():
    assert not Interval(-INF, INF).determined
    assert not Interval(math.nan, 1).determined
    assert not Interval(INF, INF).determined
    assert Interval(2, INF).determined


# --------------------------------------------------------------------------- arithmetic stays right


def test_a_zero_part_of_a_stated_whole_is_checked():
    assert verified(arithmetic("应建工会企业40家，已有0家提交建会申请，组建率为0%。"), "ZJ201")
    assert errors(arithmetic("应建工会企业40家，已有0家提交建会申请，组建率为5%。"), "ZJ201")


def test_growth_from_zero_is_not_computed():
    assert not [f for f in arithmetic("会员人数由0人增至5人，增长50%。") if f.rule == "ZJ206"]


def test_growth_between_tiny_and_huge_figures():
    findings = arithmetic("存款余额0.0000002亿元，比年初增加0.0000001亿元，增长100%。")
    assert not errors(findings, "ZJ206")
    big = "9" * 90
    findings = arithmetic(f"全年完成产值{big}0万元，比上年的{big}万元增长900%。")
    assert verified(findings, "ZJ206") and not errors(findings, "ZJ206")


def test_a_rate_of_huge_counts():
    findings = arithmetic("应建工会企业" + "4" * 90 + "家，已有" + "2" * 90 + "家提交建会申请，组建率为50%。")
    assert verified(findings, "ZJ201") and not errors(findings, "ZJ201")


def test_points_from_a_zero_percentage():
    findings = arithmetic("满意率由0%提高到5%，提高了5个百分点。")
    assert verified(findings, "ZJ207") and not errors(findings, "ZJ207")


def test_a_run_of_digits_without_a_unit_is_read_once():
    """The measures (亩, 吨 …) are found numeral first, unit after: a million digits that no
    unit follows are one match, not a million failed attempts."""
    text = "全年共有" + "9" * 1_000_000 + "x，耕地3200亩，其中水田1200亩、旱地2000亩。"
    report = zongjie_nlp.parse(text)
    zongjie_nlp.check(report, select=["ZJ2"])  # warm
    started = time.perf_counter()
    findings = zongjie_nlp.check(report, select=["ZJ2"], show_verified=True)
    assert time.perf_counter() - started < 0.7
    assert verified(findings, "ZJ203")  # the measures after the run are still read


def test_a_whole_written_as_zero_point_zero_bounds_the_rate_from_below():
    """0.0万元 may be up to 500元, so 5万元 of it is at least 9000%: 50% is inconsistent."""
    finding, = errors(arithmetic("计划投资0.0万元，完成投资5万元，完成率为50%。"), "ZJ201")
    assert "≥9000%" in finding.message


def test_points_from_zero_are_shown_as_written():
    """0% stands for [0, 0.5]; the message still says 5 − 0 = 5 points, not the middle 4.75."""
    finding, = errors(arithmetic("满意率由0%提高到5%，提高了5%。"), "ZJ209")
    assert "提高5个百分点" in finding.message
