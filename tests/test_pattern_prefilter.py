"""The Hyperscan prefilter (zongjie_nlp/checks/prefilter.py) only skips rules that cannot match:
it must report every rule whose own scan finds something, and the findings must be the same
with it, without it, and when Hyperscan is not installed."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import SEED
from tests.test_pattern_triggers import TEXTS
from zongjie_nlp import check, parse
from zongjie_nlp.checks import load_pattern_rules, prefilter
from zongjie_nlp.checks.patterns import _prefilter_entry
from zongjie_nlp.script import simplified_view

PRULES = load_pattern_rules()
CORPUS = sorted((Path(__file__).resolve().parents[1] / "corpora" / "lint").glob("*/*.txt"))[:30]
KEY = tuple(_prefilter_entry(p) for p in PRULES)


@pytest.fixture
def always_prefilter(monkeypatch):
    """The prefilter used on texts of any length (it is skipped below MIN_CHARS)."""
    monkeypatch.setattr(prefilter, "MIN_CHARS", 0)


@pytest.fixture
def without_hyperscan(monkeypatch):
    """As if Hyperscan were not installed."""
    monkeypatch.setitem(sys.modules, "hyperscan", None)  # ``import hyperscan`` raises ImportError
    prefilter.prefilter_for.cache_clear()
    yield
    prefilter.prefilter_for.cache_clear()


def _findings(text: str) -> list[tuple]:
    return [(f.rule, f.start, f.end, f.message, f.fix, f.details) for f in check(parse(text))]


def test_every_rule_that_matches_is_reported():
    """On the corpora, the real-world pages and the hostile inputs: a rule whose pattern matches
    the view it scans is among those the prefilter says may match."""
    pytest.importorskip("hyperscan")
    for text in TEXTS:
        views = {"simplified": simplified_view(text), "original": text}
        possible = {view: prefilter.possible_rules(KEY, views[view].encode("utf-8", "replace"))
                    for view in ("simplified", "original")}
        for number, prule in enumerate(PRULES):
            if prule.pattern.search(views[prule.view]):
                assert number in possible[prule.view], f"{prule.rule.id} matches but was not reported"


def test_the_prefilter_skips_rules_on_a_page():
    """It earns its place: on the sample page most rules cannot match and are not run."""
    pytest.importorskip("hyperscan")
    possible = prefilter.possible_rules(KEY, parse(SEED.read_text(encoding="utf-8")).simplified.encode("utf-8"))
    assert len(possible) < len(PRULES) * 3 // 4


def test_findings_are_the_same_with_and_without_the_prefilter(always_prefilter, monkeypatch):
    pytest.importorskip("hyperscan")
    texts = [SEED.read_text(encoding="utf-8"), *(path.read_text(encoding="utf-8") for path in CORPUS)]
    with_prefilter = [_findings(text) for text in texts]
    monkeypatch.setattr(prefilter, "possible_rules", lambda patterns, data: None)
    assert [_findings(text) for text in texts] == with_prefilter


def test_without_hyperscan_every_rule_runs(always_prefilter, without_hyperscan):
    assert prefilter.hyperscan_module() is None
    assert prefilter.possible_rules(KEY, b"anything") is None
    seed = SEED.read_text(encoding="utf-8")
    assert _findings(seed) == _expected_seed_findings()


def _expected_seed_findings() -> list[tuple]:
    """The sample page's findings computed with every rule's own scan."""
    from unittest import mock

    with mock.patch.object(prefilter, "possible_rules", lambda patterns, data: None):
        return _findings(SEED.read_text(encoding="utf-8"))


def test_a_long_page_is_prefiltered_with_the_same_findings(monkeypatch):
    """Past MIN_CHARS the prefilter runs by default."""
    pytest.importorskip("hyperscan")
    page = SEED.read_text(encoding="utf-8")
    page = "\n\n".join([page] * (prefilter.MIN_CHARS // len(page) + 2))
    calls = []
    real = prefilter.possible_rules
    monkeypatch.setattr(prefilter, "possible_rules", lambda patterns, data: calls.append(1) or real(patterns, data))
    with_prefilter = _findings(page)
    assert calls
    monkeypatch.setattr(prefilter, "possible_rules", lambda patterns, data: None)
    assert _findings(page) == with_prefilter


def test_lookbehinds_need_no_text_before_the_scan():
    """A report's text is scanned from its first document on, while the rule's own scan sees what
    comes before (a lookbehind): a lookbehind matched as text may also lie before the data."""
    pytest.importorskip("hyperscan")
    key = ((r"(?<=前文)句", 0, False), (r"(?<![甲乙])句", 0, False), (r"(?<![甲乙])句(?=后文)", 0, False))
    assert prefilter.possible_rules(key, "句".encode("utf-8")) == {0, 1}
    assert prefilter.possible_rules(key, "文句".encode("utf-8")) == {0, 1}
    assert prefilter.possible_rules(key, "句后文".encode("utf-8")) == {0, 1, 2}
    assert prefilter.possible_rules(key, "无".encode("utf-8")) == set()


def test_lookarounds_at_the_ends_of_a_match_are_matched_as_text():
    """The data runs to the end of what the rule's scan sees: a lookahead there is text; a
    lookbehind is text, or the start of the data; a negated single character another one."""
    pytest.importorskip("hyperscan")
    key = ((r"支援(?=下)", 0, False), (r"(?<=的)支援", 0, False), (r"(?<!目)的的(?!确)", 0, False))
    assert prefilter.possible_rules(key, "大力支援。".encode("utf-8")) == set()
    assert prefilter.possible_rules(key, "各方支援下".encode("utf-8")) == {0}
    assert prefilter.possible_rules(key, "我们的支援".encode("utf-8")) == {1}
    assert prefilter.possible_rules(key, "目的的确".encode("utf-8")) == set()
    assert prefilter.possible_rules(key, "的的确".encode("utf-8")) == set()
    assert prefilter.possible_rules(key, "好的的".encode("utf-8")) == {2}


_EDGES = ["", r"(?<=b)", r"(?<!b)", r"(?<![b\v])", r"(?<=[[:digit:]])", r"(?<!\v)", r"(?<=^)", r"(?<=b|cc)"]
_ENDS = ["", r"(?=b)", r"(?!b)", r"(?!\v)", r"(?=[[:digit:]])", r"(?![^\v])", r"(?=$)", r"(?=\n)", r"(?!c|b)"]
_CORES = ["a", "a+", r"a[\vb]", "(?:a|c)", r"a\s"]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_EDGES), st.sampled_from(_CORES), st.sampled_from(_ENDS),
       st.lists(st.sampled_from(["a", "b", "c", "1", "\n", "\x0b", "\r", "\u2028", " "]), max_size=8))
def test_a_pattern_that_matches_is_never_ruled_out(before, core, after, pieces):
    """Whatever the lookarounds at a match's ends, a pattern that matches the scanned text is
    reported: a translation may let in more, never less (\\v is one character to Python,
    every vertical space to PCRE; [[:digit:]] is a POSIX class to ``regex``)."""
    pytest.importorskip("hyperscan")
    source, text = before + core + after, "".join(pieces)
    if regex.search(source, text):
        assert prefilter.possible_rules(((source, 0, False),), text.encode("utf-8")) == {0}, (source, text)


@pytest.mark.parametrize("source, expected", [
    (r"a(?=b)", r"a(?:b)"),
    (r"(?<=b{1,2})a", r"(?:b{1,2}|\A[\x{0}-\x{10ffff}]{0,2})a"),
    (r"(?<=b+)a", r"a"),  # no bound on the lookbehind: left out
    (r"(?<![bc])a(?!d)", r"(?:[^bc]|\A)a(?:[^d]|\z)"),
    (r"(?<!\d)a(?![^d])", r"a"),  # a class escape (wider in Hyperscan), a negated set: left out
    (r"(?<!x)(?<=yy)(?<hit>(?<=z)a|b(?=c))", r"(?:yy|\A[\x{0}-\x{10ffff}]{0,2})(a|b(?:c))"),
    (r"(?<!xy)(?<hit>(?<=z)a|b(?=c))", r"((?:z|\A[\x{0}-\x{10ffff}]{0,1})a|b(?:c))"),
    (r"x(?<=x)a(?=b)y", r"xay"),  # not at an end of the match: left out
    (r"(?:(?<=x)a)+", r"(?:a)+"),
    (r"(a)\1(?=b)", r"(a)\1(?=b)"),  # a back-reference: translated as it is
])
def test_translation_for_the_prefilter(source, expected):
    assert prefilter.translate_for_prefilter(source) == expected


@pytest.mark.parametrize("source, expected", [
    (r"\u3000x", r"\x{3000}x"),
    (r"(?<hit>a)|(?P<hit>b)", r"(a)|(b)"),
    (r"(?m)^a(?=b)(?<!c)(?<=d)", r"(?m)^a(?=b)(?<!c)(?<=d)"),
    (r"a{,3}", r"a{0,3}"),
    (r"[]a]", r"[\]a]"),
    (r"\d", r"[\x30-\x39\x{80}-\x{10ffff}]"),
    (r"[^()\p{Han}\n]", r"[^()\n]"),  # a class left out of a negated set: the set matches more
    (r"[a[]", r"[a\[]"),
])
def test_translation(source, expected):
    assert prefilter.translate(source) == expected


@pytest.mark.parametrize("source, flags", [
    (r"\N{DIGIT ONE}", 0), (r"(?i)a", re.IGNORECASE), (r"(?P=name)", 0), (r"[^\d]", 0), (r"\bword", 0), ("(?>a)", 0),
])
def test_untranslatable_patterns_always_run(source, flags):
    pytest.importorskip("hyperscan")
    key = ((source, flags, False), ("never", 0, False))
    assert prefilter.possible_rules(key, b"nothing") == {0}


def test_class_escapes_keep_their_ascii_members_and_let_in_the_rest():
    """What the rule's own engine matches is always let in (a superset, never fewer)."""
    for escape in (r"\d", r"\D", r"\s", r"\S", r"\w", r"\W", r"\p{Han}", r"\P{Han}", r"\p{N}"):
        translated = prefilter.translate(escape)
        members = re.compile(translated.replace(r"\x{80}-\x{10ffff}", "\x80-\U0010ffff"))
        for point in [*range(0x300), 0x3000, 0x4E2D, 0xFF10, 0x20000]:
            if regex.match(escape, chr(point)):
                assert members.match(chr(point)), (escape, hex(point))


def test_threads_scan_side_by_side():
    """A Hyperscan scratch space serves one scan at a time and scans release the GIL: each
    thread has its own, so the threads of `zongjie serve` can check long pages at once."""
    import threading

    hyperscan = prefilter.hyperscan_module()
    if hyperscan is None:
        pytest.skip("hyperscan is not installed")
    database, always = prefilter.build(hyperscan, [("a+b", 0, False), ("c.*d", 0, False)])
    shared = prefilter.Prefilter(hyperscan, database, always)
    data = b"x" * 5_000_000 + b"ab"
    results, errors = [], []

    def scan() -> None:
        try:
            for _ in range(4):
                results.append(shared.possible(data))
        except Exception as err:  # ScratchInUseError with one shared scratch space
            errors.append(err)

    threads = [threading.Thread(target=scan) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert results == [{0}] * 16
