"""A pattern rule's ``trigger`` is a speed-up only: the pattern is tried where the trigger
starts instead of at every offset, and must give exactly the matches a full scan gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import SEED
from tests.test_pattern_rules import HOSTILE
from zongjie_nlp.checks import load_pattern_rules
from zongjie_nlp.checks.patterns import _matches
from zongjie_nlp.parser import parse

ROOT = Path(__file__).resolve().parents[1]
REALDEV = ROOT.parent / "shared" / "realdev"
TRIGGERED = [p for p in load_pattern_rules() if p.trigger is not None]


def _texts() -> list[str]:
    paths = [SEED, *sorted(ROOT.glob("corpora/**/*.txt")), *sorted(REALDEV.glob("**/*.txt"))]
    texts = list(HOSTILE.values())
    for path in paths:
        if path.exists() and not path.name.endswith(".gbk.txt"):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return texts


TEXTS = _texts()


def _full_scan(prule, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in prule.pattern.finditer(text)]


def _triggered(prule, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _matches(prule, prule.pattern, text, 0, len(text), {})]


def test_some_rules_have_a_trigger():
    assert {p.rule.id for p in TRIGGERED} >= {"ZJ804"}


@pytest.mark.parametrize("prule", TRIGGERED, ids=[p.rule.id for p in TRIGGERED])
def test_a_trigger_gives_the_matches_of_a_full_scan(prule):
    for text in TEXTS:
        view = text if prule.view == "original" else parse(text).simplified
        assert _triggered(prule, view) == _full_scan(prule, view)


def test_a_trigger_that_misses_match_starts_is_caught():
    """The comparison above can fail: a trigger that finds only every other candidate loses matches."""
    doubled = next(p for p in TRIGGERED if p.rule.id == "ZJ804")
    too_narrow = doubled._replace(trigger_source=r"的的")
    text = "我们的的确确要抓好抓好工作，认真认真学习，了了解情况，进行进行部署。"
    assert _triggered(too_narrow, text) != _full_scan(doubled, text)


def test_a_trigger_that_consumes_leaves_overlapping_candidates():
    """ZJ804's trigger takes the doubled pair itself: in 目的的的 its first candidate (的的 after
    目, excluded by the lookbehind) overlaps the match that starts one character later."""
    doubled = next(p for p in TRIGGERED if p.rule.id == "ZJ804")
    text = "实现目的的的重要性，了了了解。"
    assert _triggered(doubled, text) == _full_scan(doubled, text) != []


def test_dense_candidates_hand_over_to_a_full_scan_at_the_offset_reached():
    """Past CANDIDATES_BEFORE_JUDGING close candidates the rest of the text is scanned in full,
    from where the candidates had reached: no match is skipped or found twice, whether the
    candidates are dense from the start or only after a long stretch without any."""
    import re

    import regex

    from zongjie_nlp.checks.patterns import CANDIDATES_BEFORE_JUDGING, MIN_CANDIDATE_GAP, _triggered_matches

    trigger, pattern = re.compile("a"), regex.compile("a(?!b)")
    dense = "a" * (3 * CANDIDATES_BEFORE_JUDGING) + "ab" + "a" * 10
    later = "x" * (2 * CANDIDATES_BEFORE_JUDGING * MIN_CANDIDATE_GAP) + dense
    for text in (dense, later, "xa" * 50):
        found = [m.span() for m in _triggered_matches(trigger, pattern, text, 0, len(text), {})]
        assert found == [m.span() for m in pattern.finditer(text)]
