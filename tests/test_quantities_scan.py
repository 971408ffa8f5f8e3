"""The two ways a page is scanned for quantities find the same matches.

A long page is scanned with ``re`` behind a trigger of candidates (quantities._fast_scanner); a
short one with the ``regex`` pattern's own ``finditer``.  They must agree match for match, the
groups included, or a long page would read differently from its parts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from zongjie_nlp import quantities
from zongjie_nlp.numerals import NUMERAL_PATTERN
from zongjie_nlp.script import simplified_view
from zongjie_nlp.source import read_path

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def _page() -> str:
    texts = [read_path(p).text for p in sorted(CORPORA.rglob("*.txt"))]
    text = "\n".join(texts)
    while len(text) < quantities.FAST_SCAN_MIN:
        text += "\n" + text
    return text


def _spans(matches):
    return [(m.span(), m.groups()) for m in matches]


@pytest.mark.skipif(sys.version_info < (3, 11), reason="re has possessive quantifiers from 3.11")
def test_fast_scan_finds_what_finditer_finds():
    view = quantities.match_view(simplified_view(_page()))
    assert quantities._fast_scanner() is not None
    assert len(view) >= quantities.FAST_SCAN_MIN
    step = len(view) // 7  # seven spans that start and end anywhere, as document bodies do
    for start in range(0, 7 * step, step):
        end = min(len(view), start + step + 13)
        fast = _spans(quantities._matches(view, start, end))
        slow = _spans(quantities._pattern().finditer(view, start, end))
        assert fast == slow
        assert slow  # the corpora hold figures


def test_lead_chars_cover_the_numeral_pattern():
    """The trigger takes every character NUMERAL_PATTERN names; ranges other than the digits'
    and character-class escapes (\\d, \\p{…}) would name characters it does not see."""
    assert "\\" not in NUMERAL_PATTERN
    ranges = {NUMERAL_PATTERN[i - 1:i + 2] for i, c in enumerate(NUMERAL_PATTERN) if c == "-" and 0 < i < len(NUMERAL_PATTERN) - 1}
    assert ranges <= {"0-9", "０-９"}


# Runs the trigger must take whole or look into: digits with no unit, a ￥ after a word before
# figures, a unit whose first character is a numeral's (百分点), a match ending inside a run (多).
PIECES = ["1234567890", "约1", "约￥5，", "-￥5。", "3百分点", "收入约￥300元多3人", "a1人", "约100人左右4千三、四个.5 20几"]


@pytest.mark.skipif(sys.version_info < (3, 11), reason="re has possessive quantifiers from 3.11")
@pytest.mark.parametrize("piece", PIECES)
def test_fast_scan_on_repeated_pieces(piece):
    view = (piece * (quantities.FAST_SCAN_MIN // len(piece) + 1))[:quantities.FAST_SCAN_MIN + 7]
    for start, end in ((0, len(view)), (1, len(view) - 1), (5, 5000)):
        assert _spans(quantities._matches(view, start, end)) == _spans(quantities._pattern().finditer(view, start, end))
