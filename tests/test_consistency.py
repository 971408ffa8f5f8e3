"""checks/consistency.py: mixed script (ZJ611) and number-format consistency (ZJ511–ZJ514)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zongjie_nlp.checks import run_checks
from zongjie_nlp.linter import apply_edits, fix_edits, lint_report
from zongjie_nlp.parser import parse

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed" / "union-annual-summaries.txt"
GOLD = sorted((ROOT / "corpora" / "gold").glob("*.txt")) + sorted((ROOT / "corpora" / "gold").glob("*.docx"))
CLEAN = sorted((ROOT / "corpora" / "lint" / "clean").glob("*.txt"))
FLAWED = ROOT / "corpora" / "lint" / "flawed"
MINE = ["ZJ611", "ZJ511", "ZJ512", "ZJ513", "ZJ514"]


def lint(source, select=MINE):
    report = parse(source)
    return report, run_checks(report, select=select)


# --------------------------------------------------------------------------- mixed script


@pytest.mark.parametrize("path", [SEED, *GOLD, *CLEAN], ids=lambda p: p.name)
def test_no_mixed_script_on_clean_texts(path):
    """3 traditional gold files + the traditional seed, the rest simplified: all single-script.
    (了 in 主動了解 on the seed's line 83 is a traditional character too.)"""
    _, findings = lint(path, select=["ZJ611"])
    assert findings == []


def test_one_finding_per_document_with_every_offender():
    report, findings = lint(FLAWED / "bank-branch.txt", select=["ZJ611"])
    assert len(findings) == 1
    f = findings[0]
    assert (f.line, f.col, report.text[f.start:f.end]) == (2, 34, "會")
    assert f.severity == "warning" and f.category == "script"
    assert [(d["line"], d["col"], d["text"]) for d in f.details] == [(2, 34, "會"), (2, 35, "議"), (2, 64, "發")]
    assert "3 处" in f.message and "“會”“議”“發”" in f.message
    fixed = apply_edits(report.text, fix_edits(findings))  # trad → simp is many-to-one: safe
    assert "会议" in fixed.split("\n")[1] and lint(fixed, select=["ZJ611"])[1] == []


def test_simplified_characters_in_a_traditional_document():
    text = "工會年度工作總結\n今年我們召開職工代表大會，会議審議通過了工作報告和財務報告，全年發放慰問金，發展會員一百人。"
    report, findings = lint(text, select=["ZJ611"])
    assert len(findings) == 1 and report.text[findings[0].start:findings[0].end] == "会"
    assert findings[0].fix.replacement == "會" and findings[0].fix.applicability == "unsafe"  # 发→發/髮: check by hand
    assert fix_edits(findings) == []


def test_traditional_message_quotes_the_offender_as_written():
    """linter/run.py converts messages of a traditional document to traditional script, except the
    document's own text quoted in them."""
    text = "工會年度工作總結\n今年我們召開職工代表大會，会議審議通過了工作報告和財務報告，全年發放慰問金，發展會員一百人。"
    report = parse(text)
    assert report.script == "traditional"
    findings = lint_report(report, select=["ZJ611"])
    assert "本篇是繁體" in findings[0].message and "“会”" in findings[0].message


@pytest.mark.parametrize("text", [
    "皇后、公里、干擾、台灣、著名、系統、范姓、方面、只有、頭髮、發展，主動了解其受傷情況，隨著發展，裡面的工作。",
    "我们看了著名的乾隆时期瞭望塔，覆盖全面，狼藉一片，只有一个面条，后来，里面，系统，范围，着力推进各项工作。",
])
def test_characters_valid_in_both_scripts_are_not_offenders(text):
    assert lint(text, select=["ZJ611"])[1] == []


def test_page_furniture_in_the_other_script_is_not_counted():
    text = "当前位置：首页>范文>工作总结>\n工會年度工作總結\n今年我們召開職工代表大會，會議審議通過了工作報告和財務報告，全年發放慰問金。"
    report, findings = lint(text, select=["ZJ611"])
    assert report.boilerplate and findings == []


def test_a_few_characters_are_not_a_document():
    assert lint("会議", select=["ZJ611"])[1] == []


# --------------------------------------------------------------------------- numeral form (N005)


def test_people_written_both_ways():
    report, findings = lint("全年慰问困难职工240人，资助51人，表彰先进个人十二名，另有十多名志愿者和两位老师参加。", ["ZJ511"])
    assert len(findings) == 1
    f = findings[0]
    assert report.text[f.start:f.end] == "十二" and f.severity == "info" and f.category == "number-format"
    assert f.fix.replacement == "12" and f.fix.applicability == "unsafe"


@pytest.mark.parametrize("text", [
    "全年慰问困难职工240人，另有十多名志愿者参加。",  # 十多: an approximation
    "全年慰问困难职工240人，资助51人，两位老师、四名学生参加。",  # small numbers
    "全年慰问困难职工240人，表彰先进个人十二名。",  # only one Arabic figure of the kind
    "全年慰问困难职工240人，资助51人，发放慰问品二十件。",  # another kind of figure
    "完成率95.1%，增长12.5%，其中六成来自新客户，满意度百分之百。",  # 成数, fixed phrase
])
def test_numeral_form_leaves_alone(text):
    assert lint(text, ["ZJ511"])[1] == []


def test_money_written_both_ways_in_one_document():
    text = "发放困难帮扶专项资金41320元，筹集资金13.02万元，为每位教师发放慰问金二百元。"
    report, findings = lint(text, ["ZJ511"])
    assert [report.text[f.start:f.end] for f in findings] == ["二百"]


def test_seed_documents_are_judged_one_by_one():
    """二百元 is in 篇3, 41320元 in 篇1: not one document, so no finding."""
    _, findings = lint(SEED, ["ZJ511"])
    assert findings == []


def test_chinese_percentages_among_arabic_ones():
    text = "组建率95.1%，增长12.5%，群众满意度达到百分之九十五点六。"
    report, findings = lint(text, ["ZJ511"])
    assert [report.text[f.start:f.end] for f in findings] == ["百分之九十五点六"]
    assert findings[0].fix is None


# --------------------------------------------------------------------------- ranges (N007)


@pytest.mark.parametrize("text, span, fixed", [
    ("预计总投资9～16亿元。", "9～16亿", "9亿～16亿"),
    ("增长幅度为15～30%。", "15～30%", "15%～30%"),
    ("每村投入5～8万元。", "5～8万", "5万～8万"),
])
def test_range_ends(text, span, fixed):
    report, findings = lint(text, ["ZJ512"])
    assert len(findings) == 1
    assert report.text[findings[0].start:findings[0].end] == span and findings[0].fix.replacement == fixed
    assert findings[0].fix.applicability == "unsafe"


def test_range_ends_leave_alone():
    text = "投资9亿～16亿元，增幅15%～30%，每次3～5人，补助3万元～5万元，7月—9月，2023—2024学年，电话0571-86552013。"
    assert lint(text, ["ZJ512", "ZJ513"])[1] == []


def test_mixed_range_marks():
    text = "每户补助3000元～5000元，每村投入10万元—20万元，每次培训30～50人。"
    report, findings = lint(text, ["ZJ513"])
    assert len(findings) == 1 and report.text[findings[0].start:findings[0].end] == "—"
    assert "～" in findings[0].message


def test_range_words_and_time_spans_are_not_marks():
    text = "每户补助3000元～5000元，每村3至5人，1至2个村，2023—2024学年，1—6月。"
    assert lint(text, ["ZJ513"])[1] == []


# --------------------------------------------------------------------------- thousands separators (N008)


def test_grouping_mixed():
    report, findings = lint("发放资金41,320元，慰问职工1,260人，另有奖励资金12000元。", ["ZJ514"])
    assert [report.text[f.start:f.end] for f in findings] == ["12000"]
    report, findings = lint("发放资金41,320元，另有奖励资金12000元，慰问职工38600人。", ["ZJ514"])
    assert [report.text[f.start:f.end] for f in findings] == ["41,320"]


def test_grouping_with_a_full_width_comma_in_the_minority():
    """A grouped figure written with a full-width comma (1，234) is read as grouped; when it is
    the minority its span is found on the same folding (it raised an AttributeError)."""
    report, findings = lint("全年完成产值1，234元，又完成10000元，另有20000元，以及30000元。", ["ZJ514"])
    assert [report.text[f.start:f.end] for f in findings] == ["1，234"]


@pytest.mark.parametrize("text", [
    "发放资金41320元，慰问职工1260人，另有奖励资金12000元。",
    "发放资金41,320元，慰问职工1260人。",  # four digits need no grouping
    "发放资金41,320元，热线12345全天接听，电话0571-86552013，2024年12月20日。",
])
def test_grouping_leaves_alone(text):
    assert lint(text, ["ZJ514"])[1] == []


# --------------------------------------------------------------------------- the corpora


@pytest.mark.parametrize("path", CLEAN + sorted(FLAWED.glob("*.txt")), ids=lambda p: p.name)
def test_no_number_format_noise_on_the_lint_corpus(path):
    """The lint corpus annotates no number-format inconsistency: every finding would be a false positive."""
    _, findings = lint(path, ["ZJ511", "ZJ512", "ZJ513", "ZJ514"])
    assert findings == []


def test_gold_findings_are_real_inconsistencies():
    """The gold texts write some percentages as 百分之九十六点三 among Arabic ones (GB/T 15835:
    measurements in Arabic digits), and one count as 一百二十个 among 9个/12次: those are reported,
    nothing else (no range or grouping noise, no script noise)."""
    for path in GOLD:
        report, findings = lint(path)
        for f in findings:
            assert f.rule == "ZJ511", (path.name, f.rule, f.message)
            written = report.text[f.start:f.end]
            assert written.startswith("百分之") or written == "一百二十", (path.name, written)


# --------------------------------------------------------------------------- speed pre-checks


def test_the_script_pre_tests_rule_out_only_what_counting_rules_out():
    """_check_script returns early when a body equals its view (no traditional-only character)
    or holds no simplified-only one: the counts must say 0 there, on pages of either script."""
    from zongjie_nlp.checks import consistency as C
    from zongjie_nlp.script import ScriptMarks

    texts = [SEED, *GOLD,
             "阳光社区2024年工作总结\n今年共开展活动12次，服務群眾300人。\n", "某某鎮工作總結\n全年完成任务，会议20次。\n"]
    seen = set()
    for source in texts:
        report = parse(source)
        marks = ScriptMarks(report.text, report.simplified)
        for doc in report.documents:
            trad, simp = marks.counts(doc.body)
            same, holds = C._same_as_view(report.text, report.simplified, doc.body), C._holds_simplified(marks, doc.body)
            assert not same or trad == 0
            assert holds == (simp > 0)
            seen.add((same, holds))
    assert {(True, True), (False, False)} <= seen


def test_the_separable_head_admits_every_grouped_or_long_figure():
    """_SEPARABLE_HEAD, tested on the figure as written, holds wherever GROUPED or PLAIN_LONG
    matches the folded figure (full-width digits and commas included)."""
    import random

    from zongjie_nlp.checks import consistency as C
    from zongjie_nlp.script import fold_digits

    rng = random.Random(5)
    chars = "0123456789,，１２３０万元.%"
    for _ in range(4000):
        written = "".join(rng.choice(chars) for _ in range(rng.randint(5, 12)))
        folded = fold_digits(written).replace("，", ",")
        if C.GROUPED.match(folded) or C.PLAIN_LONG.match(folded):
            assert C._SEPARABLE_HEAD.match(written, 0, len(written))
    assert C._SEPARABLE_HEAD.match("１，２３４") and C._SEPARABLE_HEAD.match("12,345") and not C._SEPARABLE_HEAD.match("3000万元")
