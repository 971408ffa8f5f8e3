"""Pattern rules beyond their own examples (those run in test_rule_examples.py):

- every word-list entry fires on a sentence holding it, and its right form does not;
- the rules the seed page needs fire where an editor would expect them;
- every pattern is linear: it finishes on hostile 300 KB inputs under the engine's regex timeout;
- fixes in a traditional document come back in traditional script.
"""

from __future__ import annotations

import re

import time
from pathlib import Path

import pytest

from zongjie_nlp.checks import load_pattern_rules, run_checks
from zongjie_nlp.parser import parse
from tests.helpers import SEED

ROOT = Path(__file__).resolve().parents[1]

RULES = {p.rule.id: p for p in load_pattern_rules()}
WORD_RULES = [p for p in load_pattern_rules() if p.words]


def _findings(text: str, rule_id: str):
    return run_checks(parse(text), select=[rule_id])


# --------------------------------------------------------------------------- word lists

WORD_CASES = [
    pytest.param(p.rule.id, wrong, str(right), id=f"{p.rule.id}-{wrong}")
    for p in WORD_RULES
    for wrong, right in p.words.items()
]

# A frame around the word: Han on both sides, as in running text.  Traditional-script word lists
# (view: original) get a traditional frame so the document is detected as traditional.
FRAME = {"simplified": ("我们认为", "很重要。"), "original": ("我們認為", "很重要。")}


@pytest.mark.parametrize("rule_id, wrong, right", WORD_CASES)
def test_word_entry_fires_and_right_form_does_not(rule_id, wrong, right):
    before, after = FRAME[RULES[rule_id].view]
    text = f"{before}{wrong}{after}"
    hits = [f for f in _findings(text, rule_id) if text[f.start:f.end] == wrong]
    assert hits, f"{rule_id}: {wrong!r} did not fire in {text!r}"
    fixes = {f.fix.replacement for f in hits if f.fix}
    assert not fixes or right in fixes, f"{rule_id}: {wrong!r} fixed to {fixes}, expected {right!r}"
    good = f"{before}{right}{after}"
    assert _findings(good, rule_id) == [], f"{rule_id}: the right form {right!r} fired"


def test_word_lists_have_no_entry_whose_right_form_is_another_wrong_form():
    for p in WORD_RULES:
        for right in map(str, p.words.values()):
            inside = [w for w in p.words if w in right]
            assert not inside, f"{p.rule.id}: right form {right!r} contains wrong form(s) {inside}"


def test_typo_list_is_long_enough():
    assert len(RULES["ZJ801"].words) >= 15


# --------------------------------------------------------------------------- the seed

@pytest.fixture(scope="module")
def seed_findings():
    report = parse(SEED)
    findings = run_checks(report, select=sorted(RULES))
    return report, findings


@pytest.mark.parametrize(
    "rule_id, line, text",
    [
        ("ZJ301", 23, "每年元"),
        ("ZJ311", 49, "20xx"),
        ("ZJ312", 73, "xx"),
        ("ZJ408", 19, "。,"),
        ("ZJ412", 23, " "),
        ("ZJ411", 13, " "),
        ("ZJ413", 37, "'"),
        ("ZJ601", 25, "髮展"),
        ("ZJ603", 39, "資訊化"),
        ("ZJ604", 49, "支援"),
        ("ZJ604", 93, "支援"),
        ("ZJ604", 107, "程序"),
        ("ZJ604", 53, "檔案"),
        ("ZJ604", 53, "稽核"),
        ("ZJ604", 115, "國小"),
        ("ZJ804", 39, "子子"),
    ],
)
def test_seed_finding(seed_findings, rule_id, line, text):
    report, findings = seed_findings
    assert any(f.rule == rule_id and f.line == line and report.text[f.start:f.end] == text for f in findings), (
        f"{rule_id} missing on seed line {line} ({text!r})"
    )


def test_seed_halfwidth_punctuation_is_aggregated_with_counts(seed_findings):
    _, findings = seed_findings
    by_rule = {f.rule: f for f in findings if f.rule in {"ZJ401", "ZJ402", "ZJ403", "ZJ404", "ZJ406"}}
    assert set(by_rule) == {"ZJ401", "ZJ402", "ZJ403", "ZJ404", "ZJ406"}
    assert len(by_rule["ZJ401"].details) == 185
    assert len(by_rule["ZJ404"].details) == 20
    assert "185" in by_rule["ZJ401"].message
    for f in by_rule.values():
        assert all(d["fix"] and d["fix"]["applicability"] == "safe" for d in f.details)


def test_gold_corpora_are_clean_of_format_findings():
    """The gold texts are clean documents: a finding there is a false positive (20xx is real)."""
    ids = sorted(RULES)  # the pattern rules (rules/*.yaml)
    unexpected = []
    for path in sorted((ROOT / "corpora" / "gold").glob("*.txt")):
        report = parse(path)
        for f in run_checks(report, select=ids):
            if (path.name, f.rule, report.text[f.start:f.end]) == ("two-summaries-page.txt", "ZJ311", "20xx"):
                continue
            unexpected.append((path.name, f.line, f.rule, report.text[f.start:f.end]))
    assert unexpected == []


# --------------------------------------------------------------------------- script of fixes

def test_fix_of_simplified_rule_is_traditional_in_traditional_document():
    text = "我們撤消了這項規定，繼續加強管理。隨著經濟發展，職工隊伍壯大。"
    findings = _findings(text, "ZJ801")
    assert [f.fix.replacement for f in findings] == ["撤銷"]


def test_keep_first_fix_keeps_the_original_characters():
    text = "解困難職工之所憂。,我們依託幫扶中心開展工作。"
    (finding,) = _findings(text, "ZJ408")
    assert finding.fix.replacement == "。"


# --------------------------------------------------------------------------- linear time

SIZE = 300_000


def _hostile() -> dict[str, str]:
    unit = {
        "digits": "1234567890",
        "dots": ".",
        "dots-digits": "1.",
        "spaces": " ",
        "han": "工作总结發展",
        "han-space": "中 ",
        "brackets": "((（（【【[[",
        "close-brackets": "))））】】]]",
        "open-han": "(中",
        "quotes": "'\"",
        "x": "xX×",
        "mou": "某",
        "punct": "，。、；：,.;:?!",
        "ellipsis": "…。",
        "mixed": "20xx年每年元(一)、 39 名。,约100人左右4千三、四个.5 20几【待核实】截止2024年",
        "underscore": "_",
        "newlines": "中\n",
        "line-markers": "\n(1)中 ,",
    }
    hostile = {name: (piece * (SIZE // len(piece) + 1))[:SIZE] for name, piece in unit.items()}
    for piece in ("(", "（", "“", "”", "《", "》", "，", "【", "某", "约1", "0", "…", "。"):
        hostile[f"only-{piece}"] = (piece * SIZE)[:SIZE]
    for tail in (")", "）", "”", "》", "。", "元", "%", "户"):
        hostile[f"latin-then-{tail}"] = "a" * (SIZE - 1) + tail
        hostile[f"han-then-{tail}"] = "中" * (SIZE - 1) + tail
    return hostile


HOSTILE = _hostile()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_every_pattern_is_linear_on_hostile_input(name):
    text = HOSTILE[name]
    view = parse(text).simplified
    for prule in load_pattern_rules():
        subject = text if prule.view == "original" else view
        start = time.perf_counter()
        options = {} if isinstance(prule.pattern, re.Pattern) else {"timeout": 5}  # the engine's timeout
        for _ in prule.pattern.finditer(subject, **options):
            pass
        if prule.unless is not None:
            prule.unless.search(subject, timeout=5)
        elapsed = time.perf_counter() - start
        assert elapsed < 2.0, f"{prule.rule.id} took {elapsed:.2f}s on hostile input {name!r}"


def test_engine_runs_all_pattern_rules_on_hostile_input_in_time():
    ids = [p.rule.id for p in load_pattern_rules()]
    for name in ("han-space", "mixed", "punct", "line-markers"):
        report = parse(HOSTILE[name])
        start = time.perf_counter()
        run_checks(report, select=ids)
        elapsed = time.perf_counter() - start
        assert elapsed < 30, f"pattern rules took {elapsed:.1f}s on hostile input {name!r}"


# --------------------------------------------------------------------------- fixes are final

def _corpus_files() -> list[Path]:
    files = [SEED] if SEED.exists() else []
    for pattern in ("corpora/gold/*.txt", "corpora/heldout/*.txt", "corpora/lint/*/*.txt"):
        files += sorted(ROOT.glob(pattern))
    return files


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_applying_the_fixes_creates_no_new_finding(unsafe):
    """STYLE §7.5.5: applying a fix never creates a diagnostic, and nothing fixable is left."""
    from zongjie_nlp.linter import apply_edits, fix_edits

    ids = sorted(RULES)
    problems = []
    for path in _corpus_files():
        report = parse(path)
        before = run_checks(report, select=ids)
        text = apply_edits(report.text, fix_edits(before, unsafe=unsafe))
        after = run_checks(parse(text), select=ids)
        kinds = {f.rule for f in before}
        allowed = {"safe", "unsafe"} if unsafe else {"safe"}
        for f in after:
            if f.rule not in kinds or (f.fix and f.fix.applicability in allowed):
                problems.append((path.name, f.rule, f.line, text[f.start:f.end]))
    assert problems == []


def test_a_rule_whose_examples_are_fixed_is_marked_fixable():
    """`zongjie rules` marks with * the rules --fix applies: a word list with replacements
    (布署: 部署) is as fixable as a fix template."""
    for prule in load_pattern_rules():
        fixed = any(e.bad and e.fix for e in prule.rule.examples)
        if fixed and prule.applicability == "safe":
            assert prule.rule.fixable, prule.rule.id
    assert RULES["ZJ801"].rule.fixable and RULES["ZJ801"].words


STDLIB_RULES = [p for p in load_pattern_rules() if p.matcher == "re"]


def test_stdlib_rules_match_alike_in_both_engines():
    """A ``matcher: re`` rule scans short texts with ``regex`` (its compiled pattern comes from
    the start-up cache) and long ones with the stdlib: both engines must find the same matches,
    on the corpora and on hostile input."""
    from zongjie_nlp.checks.patterns import compiled
    from zongjie_nlp.source import read_path

    assert STDLIB_RULES
    texts = [read_path(p).text for p in sorted((ROOT / "corpora").rglob("*.txt"))]
    texts += [text[:40_000] for text in HOSTILE.values()]
    texts += [e.text.replace("[[", "").replace("]]", "") for p in STDLIB_RULES for e in p.rule.examples]
    for text in texts:
        view = parse(text).simplified
        for prule in STDLIB_RULES:
            subject = text if prule.view == "original" else view
            spans = [m.span() for m in compiled("re", prule.source, prule.flags).finditer(subject)]
            assert [m.span() for m in compiled("regex", prule.source, prule.flags).finditer(subject)] == spans, \
                prule.rule.id


def test_the_plain_loop_gives_the_hits_the_general_one_gives():
    """``_plain_hits`` (no ``unless``, any scope) is the loop over ``_hit`` without a call per
    match: the same hits, spans of the ``hit`` group, replacements and traditional fixes (a
    template fix keeps the span as written: ZJ414's, its ``unless`` set aside)."""
    from zongjie_nlp.checks.patterns import _hit, _plain_hits

    seed = SEED.read_text(encoding="utf-8")
    texts = [seed, "全年接待来访群众1,300人次,发放慰问金;走访(困难)职工...共计约3000人左右。\n（一）资料更新\n",
             # a traditional line with no end stop: ZJ414's fix keeps the character as written
             "本年度我們圍繞中心工作，紮實推進各項任務，努力提升服務質量和水平，推動事業持續健康發展，圓滿完成全年任務\n下一段正文。\n"]
    compared = 0
    for text in texts:
        view = parse(text).simplified
        for prule in load_pattern_rules():
            if prule.scope == "chinese":
                continue
            prule = prule._replace(unless=None)  # (its lines are filtered before either loop)
            scanned = text if prule.view == "original" else view
            original = text if prule.view != "original" and view != text else None
            pattern = prule.pattern
            hit_group = pattern.groupindex.get("hit")
            matches = [(m, *m.span()) for m in pattern.finditer(scanned)]
            general = [_hit(prule, m, start, end, hit_group, original, None, {}) for m, start, end in matches]
            assert _plain_hits(prule, iter(matches), hit_group, original, {}) == [h for h in general if h is not None]
            compared += len(matches)
    assert compared > 100
