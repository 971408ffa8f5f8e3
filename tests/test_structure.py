"""checks/structure.py: the parts of a 工作总结, its 落款 and dates, and page furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from zongjie_nlp.checks import run_checks
from zongjie_nlp.linter import apply_edits, fix_edits
from zongjie_nlp.parser import parse
from tests.helpers import COMPLETE_SUMMARY

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed" / "union-annual-summaries.txt"
GOLD = ROOT / "corpora" / "gold"
CLEAN = sorted((ROOT / "corpora" / "lint" / "clean").glob("*.txt"))
FAMILY = ["structure", "boilerplate"]
PART_RULES = {"ZJ711", "ZJ712", "ZJ713", "ZJ714", "ZJ715", "ZJ716", "ZJ717"}

COMPLETE = COMPLETE_SUMMARY


def lint(text_or_path, select=FAMILY):
    report = parse(text_or_path)
    return report, run_checks(report, select=select)


def rules_of(findings):
    return sorted(f.rule for f in findings)


def drop(text: str, *pieces: str) -> str:
    for piece in pieces:
        assert piece in text, piece
        text = text.replace(piece, "", 1)
    return text


# --------------------------------------------------------------------------- complete documents


def test_a_complete_summary_gives_nothing():
    _, findings = lint(COMPLETE)
    assert findings == []


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_lint_corpus_gives_nothing(path):
    _, findings = lint(path)
    assert [(f.line, f.rule, f.message) for f in findings] == []


def test_gold_corpus_findings_are_the_justified_ones():
    """The gold texts are real-world shaped: most have no 经验体会 part (an info note), and the
    web page's second summary is cut off (no 存在问题, 下步打算, 落款).  Nothing else."""
    seen = set()
    for path in sorted(GOLD.glob("*.txt")) + sorted(GOLD.glob("*.docx")):
        report, findings = lint(path)
        for f in findings:
            seen.add((path.name, f.line, f.rule))
            if f.rule == "ZJ731":
                assert path.name == "two-summaries-page.txt"
            elif f.rule == "ZJ715":
                assert f.severity == "info"
            else:
                assert path.name == "two-summaries-page.txt", (path.name, f.rule, f.message)
    assert ("two-summaries-page.txt", 16, "ZJ714") in seen and ("two-summaries-page.txt", 16, "ZJ716") in seen
    assert ("two-summaries-page.txt", 5, "ZJ714") not in seen  # 篇1 says 不足 under 三、不足和打算
    assert not any(rule in ("ZJ714", "ZJ716") and name != "two-summaries-page.txt" for name, _, rule in seen)


# --------------------------------------------------------------------------- the seed page


def test_seed_one_finding_per_missing_part_per_document_on_its_title():
    report, findings = lint(SEED)
    parts = [f for f in findings if f.rule in PART_RULES]
    titles = {d.line: d.title for d in report.documents}
    assert set(titles) == {11, 47, 109}
    for f in parts:
        assert f.line in titles and report.text[f.start:f.end] == titles[f.line]
    by_doc = {}
    for f in parts:
        by_doc.setdefault(f.line, []).append(f.rule)
    for line, rules in by_doc.items():
        assert len(rules) == len(set(rules)), (line, rules)  # at most one per missing part
        assert {"ZJ714", "ZJ716"} <= set(rules)  # web excerpts: no 存在问题, no 下步打算
    assert set(by_doc) == {11, 47, 109}
    severities = {f.rule: f.severity for f in parts}
    assert severities["ZJ714"] == severities["ZJ716"] == "warning"
    assert severities["ZJ715"] == severities["ZJ717"] == "info"
    # 篇1 and 篇2 open with an overview paragraph; every document has its title and its main work
    assert not any(f.rule in ("ZJ711", "ZJ712", "ZJ713") for f in parts)


def test_seed_page_furniture_lines_1_5_7():
    report, findings = lint(SEED)
    furniture = [f for f in findings if f.rule == "ZJ731"]
    assert [f.line for f in furniture] == [1, 5, 7]
    assert all(f.category == "boilerplate" and f.severity == "warning" for f in furniture)
    lines = report.text.split("\n")
    for f in furniture:
        assert report.text[f.start:f.end] == lines[f.line - 1].strip()
        assert f.fix is not None and f.fix.replacement == ""
    # deleting the breadcrumb and the counter is an unsafe fix; the blurb is a paragraph: shown only
    assert [f.fix.applicability for f in furniture] == ["unsafe", "unsafe", "display"]
    messages = [f.message for f in furniture]
    assert "當前位置" in messages[0]
    assert "閱讀(1.64W)" in messages[1]
    assert "僅供參考" in messages[2]


def test_furniture_in_a_simplified_page():
    _, findings = lint(GOLD / "two-summaries-page.txt", select=["boilerplate"])
    # the page title (line 2) belongs to no document: said once, as unchecked
    assert [(f.line, f.rule) for f in findings] == [(1, "ZJ731"), (2, "ZJ733"), (3, "ZJ731"), (4, "ZJ731")]
    assert "阅读(2.3W)" in findings[2].message and "仅供参考" in findings[3].message


# --------------------------------------------------------------------------- the parts


def test_problems_in_a_paragraph_without_heading_count():
    text = drop(COMPLETE, "二、存在的问题\n")
    text = text.replace("一是部分非公企业", "工作中还存在一些不足：一是部分非公企业")
    _, findings = lint(text)
    assert "ZJ714" not in rules_of(findings)


@pytest.mark.parametrize("removed, rule", [
    ("二、存在的问题\n一是部分非公企业工会作用发挥不够充分；二是基层工会干部多为兼职，业务能力有待提高。\n", "ZJ714"),
    ("四、2025年工作打算\n巩固建会成果，深化精准帮扶，加强队伍建设。\n", "ZJ716"),
    ("三、经验体会\n必须始终坚持党的领导，必须始终坚持以职工为中心，必须始终坚持改革创新。\n", "ZJ715"),
    ("2024年，临江市总工会在市委的坚强领导下，坚持以职工为中心，扎实推进各项工作，全年目标任务全面完成。现将一年来的工作总结如下。\n", "ZJ712"),
])
def test_each_missing_part_is_reported_once_on_the_title(removed, rule):
    _, findings = lint(drop(COMPLETE, removed))
    hits = [f for f in findings if f.rule == rule]
    assert len(hits) == 1 and (hits[0].line, hits[0].col) == (1, 1)
    assert hits[0].end - hits[0].start == len("临江市总工会2024年工作总结")
    assert [f.rule for f in findings] == [rule]


@pytest.mark.parametrize("heading", ["四、下一步工作打算", "四、明年工作思路", "四、努力方向", "四、2025年工作计划",
                                     "四、今后努力方向"])
def test_next_step_headings(heading):
    _, findings = lint(COMPLETE.replace("四、2025年工作打算", heading))
    assert "ZJ716" not in rules_of(findings)


def test_next_steps_in_body_text():
    text = COMPLETE.replace("四、2025年工作打算\n", "").replace("巩固建会成果", "新的一年，我们将巩固建会成果")
    _, findings = lint(text)
    assert "ZJ716" not in rules_of(findings)


def test_the_words_of_the_achievements_are_not_next_steps():
    # “工作思路”“今后工会工作” in an achievements paragraph (seed 篇1) are not a 下步打算 part
    text = drop(COMPLETE, "四、2025年工作打算\n巩固建会成果，深化精准帮扶，加强队伍建设。\n")
    text = text.replace("坚持以职工为中心，扎实", "坚持“务实、创新”的工会工作思路，为今后工会工作打下基础，扎实")
    _, findings = lint(text)
    assert "ZJ716" in rules_of(findings)


def test_traditional_headings_are_recognised():
    from zongjie_nlp.script import to_traditional

    _, findings = lint(to_traditional(COMPLETE, "s2tw"))
    assert findings == []


def test_untitled_document_anchors_on_its_first_line():
    text = COMPLETE.split("\n", 1)[1]
    report, findings = lint(text)
    assert rules_of(findings) == ["ZJ711"]
    first_line = text.split("\n", 1)[0]
    assert report.text[findings[0].start:findings[0].end] == first_line


def test_a_fragment_is_not_judged_for_missing_parts():
    _, findings = lint("全年共开展活动12次，慰问困难职工240人。")
    assert findings == []
    _, findings = lint("一、总体情况\n二、存在问题\n")
    assert findings == []


# --------------------------------------------------------------------------- 落款


@pytest.mark.parametrize("ending", [
    "临江市总工会\n2024年12月20日",
    "临江市总工会　2024年12月20日",
    "临江市总工会\n二〇二四年十二月二十日",
    "述职人：王立新\n2024年12月20日",
    "临江市总工会\n\n　　2024年12月20日　",
])
def test_signature_and_date_forms(ending):
    _, findings = lint(COMPLETE.replace("临江市总工会\n2024年12月20日", ending), select=["ZJ717"])
    assert findings == []


@pytest.mark.parametrize("ending, missing", [
    ("临江市总工会", "成文日期"),
    ("2024年12月20日", "署名"),
    ("", "署名和成文日期"),
])
def test_missing_signature_or_date(ending, missing):
    text = COMPLETE.replace("\n临江市总工会\n2024年12月20日", "\n" + ending if ending else "")
    _, findings = lint(text, select=["ZJ717"])
    assert len(findings) == 1 and findings[0].severity == "info"
    assert findings[0].message.endswith(f"没有落款的{missing}") and findings[0].line == 1


# --------------------------------------------------------------------------- dates


def test_leading_zeros_fixed_safely():
    text = COMPLETE.replace("2024年12月20日", "2024年12月05日").replace("春节期间", "2024年03月15日前后")
    report, findings = lint(text, select=["ZJ721"])
    spans = [report.text[f.start:f.end] for f in findings]
    assert spans == ["03月", "05日"]
    fixed = apply_edits(report.text, fix_edits(findings))
    assert "2024年3月15日" in fixed and fixed.endswith("2024年12月5日")
    assert lint(fixed, select=["ZJ721"])[1] == []


def test_abbreviated_year_in_the_closing_date():
    report, findings = lint(COMPLETE.replace("2024年12月20日", "24年12月20日"), select=["ZJ721"])
    assert len(findings) == 1 and report.text[findings[0].start:findings[0].end] == "24年12月20日"
    assert "2024年" in findings[0].message and findings[0].severity == "warning"


def test_chinese_numeral_closing_date_is_an_info_with_an_unsafe_fix():
    report, findings = lint(COMPLETE.replace("2024年12月20日", "二〇二四年十二月二十日"), select=["ZJ721"])
    assert len(findings) == 1 and findings[0].severity == "info"
    assert findings[0].fix.replacement == "2024年12月20日" and findings[0].fix.applicability == "unsafe"


def test_chinese_numeral_dates_in_the_body_are_left_alone():
    _, findings = lint("二〇二四年十二月二十日，召开了职工代表大会。", select=["ZJ721"])
    assert findings == []


@pytest.mark.parametrize("text, fires", [
    ("定于2026年5月21日（星期四）召开。", False),
    ("定于2026年5月21日（星期五）召开。", True),
    ("定于2026年5月24日(星期日)召开。", False),
    ("定于2026年5月24日（星期天）召开。", False),
    ("定于2026年5月24日周一召开。", True),
    ("定于2024年2月29日（星期四）召开。", False),
])
def test_weekday(text, fires):
    report, findings = lint(text, select=["ZJ722"])
    assert bool(findings) == fires
    if fires:
        assert report.text[findings[0].start:findings[0].end] in ("星期五", "周一")


@pytest.mark.parametrize("text, fires", [
    ("活动于2023年2月29日结束。", True),
    ("活动于2024年4月31日结束。", True),
    ("活动于2024年13月1日结束。", True),
    ("活动于2024年12月31日结束，3月5日至3月15日开展。", False),
])
def test_invalid_dates(text, fires):
    _, findings = lint(text, select=["ZJ723"])
    assert bool(findings) == fires


def test_no_date_noise_on_the_corpora():
    for path in [SEED, *CLEAN, *sorted(GOLD.glob("*.txt"))]:
        _, findings = lint(path, select=["ZJ721", "ZJ722", "ZJ723"])
        assert findings == [], path.name


# --------------------------------------------------------------------------- speed pre-checks


def _first_chars(items) -> set:
    """Every character a match of the parsed pattern ``items`` can begin with (the constructs
    the body cues use; anything else fails the test)."""
    from re import _constants as C

    op, arg = items[0]
    if op is C.LITERAL:
        return {chr(arg)}
    if op is C.IN:
        assert all(kind is C.LITERAL or kind is C.RANGE for kind, _ in arg), arg
        return {chr(c) for kind, v in arg for c in ([v] if kind is C.LITERAL else range(v[0], v[1] + 1))}
    if op is C.BRANCH:
        return set().union(*(_first_chars(branch) for branch in arg[1]))
    if op is C.SUBPATTERN:
        return _first_chars(arg[-1])
    assert op in (C.MAX_REPEAT, C.MIN_REPEAT) and arg[0] >= 1, (op, arg)
    return _first_chars(arg[2])


def test_a_body_cue_led_by_its_first_characters_lists_them_all():
    """_led_by's lookahead must admit every character a cue can begin with, or a cue would go
    unseen and a part be reported missing."""
    import re
    from re import _parser

    from zongjie_nlp.checks import structure as S

    led = [p for p in S._BODY.values() if p.pattern.startswith("(?=[")]
    assert led
    for pattern in led:
        m = re.fullmatch(r"\(\?=\[(.*?)\]\)\(\?:(.*)\)", pattern.pattern, re.S)
        first, source = m.group(1).replace("\\", ""), m.group(2)
        assert _first_chars(_parser.parse(source)) <= set(first), source


def test_han_counts_by_one_match_agree_with_counting():
    """_is_fragment and the overview test (one match each) against counting every Han character,
    across spans, empty and reversed ranges and astral characters."""
    import random

    from zongjie_nlp.checks import structure as S

    rng = random.Random(7)
    chars = "中文字a1，。 \n\U00020000"
    for _ in range(1000):
        view = "".join(rng.choice(chars) for _ in range(rng.randint(0, 260)))
        cuts = sorted(rng.sample(range(len(view) + 1), min(len(view) + 1, 2 * rng.randint(0, 3))))
        spans = list(zip(cuts[::2], cuts[1::2]))
        counted = sum(len(S._HAN.findall(view, s, e)) for s, e in spans)
        assert S._is_fragment(view, spans) == (counted < S.MIN_HAN_FOR_PARTS)
        a, b = rng.randint(0, len(view)), rng.randint(0, len(view))
        between = view[a:b]
        assert bool(S._OVERVIEW_HAN.match(view, a, max(a, b))) == (len(S._HAN.findall(between)) >= 8)
