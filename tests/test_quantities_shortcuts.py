"""The pre-checks of quantities.find_quantities change no result.

find_quantities calls _with_split_head and _range_low_end only when the character before a
figure is one they read (_SPLIT_HEAD_LAST, _RANGE_LOW_LAST); each returns the figure
unchanged (or no low end) otherwise.  And a page from FAST_SCAN_MIN characters on is scanned by
the fast scanner, which must read the same quantities as the ``regex`` pattern."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zongjie_nlp import quantities as q
from zongjie_nlp.model import LineIndex
from zongjie_nlp.script import simplified_view

FIGURES = ["3.5万元", "12个", "8%", "两到三千元", "3。15亿元", "8 200元", "82，225.00元", "3～5人",
           "1万(含)-5万元", "233,333，333,434元", "从8500到3万元", "3至5人", "3 ～ 5人", "3至\n5人", "5-8%",
           "3个百分点", "百分之五", "￥300"]
JOINS = ["全县", "收入", "约", "，", ",", " ", "。", "\n", "其中", "到", "-"]


def _old_find_quantities(text, view, index, spans):
    """find_quantities as it was (336b136): both readers called on every figure."""
    found = []
    for span_start, span_end in spans:
        for match in q._matches(view, span_start, span_end):
            quantity = q._to_quantity(match, text, view, index)
            if quantity is not None:
                quantity = q._with_split_head(quantity, text, view, index, span_start)
            if quantity is not None and not q._in_short_quote(view, quantity.start, quantity.end):
                low_end = q._range_low_end(quantity, text, view, index, span_start)
                if low_end is not None and (not found or found[-1].end <= low_end.start):
                    found.append(low_end)
                found.append(quantity)
    return found


@settings(max_examples=400)
@given(st.lists(st.sampled_from(FIGURES + JOINS), max_size=12).map("".join), st.data())
def test_the_readers_are_skipped_only_where_they_change_nothing(text, data):
    """Over figures with units joined by text, commas, spaces, 。 and line breaks, cut into two
    spans anywhere, find_quantities gives what calling both readers on every figure gave."""
    view = q.match_view(simplified_view(text))
    cut = data.draw(st.integers(0, len(text)))  # two spans, the second starting anywhere
    spans = [(0, cut), (cut, len(text))]
    index = LineIndex(text)
    assert q.find_quantities(text, view, index, spans) == _old_find_quantities(text, view, index, spans)


@pytest.mark.skipif(sys.version_info < (3, 11), reason="re has possessive quantifiers from 3.11")
def test_the_fast_scanner_reads_the_same_quantities_below_100000_characters(monkeypatch):
    """From FAST_SCAN_MIN (10,000) characters the fast scanner is used, no longer from 100,000:
    a page of 30,000 characters gives the same quantities with it as with the regex pattern."""
    pieces = [f + j for f in FIGURES for j in JOINS]
    text = "".join(pieces[i * 7 % len(pieces)] for i in range(3000))[:30_000]
    assert q.FAST_SCAN_MIN <= len(text) < 100_000 and q._fast_scanner() is not None
    view, index = q.match_view(simplified_view(text)), LineIndex(text)
    spans = [(0, 9_000), (9_000, 20_001), (20_007, len(text))]
    fast = q.find_quantities(text, view, index, spans)
    monkeypatch.setattr(q, "FAST_SCAN_MIN", 10 ** 9)
    slow = q.find_quantities(text, view, index, spans)
    assert fast == slow and len(slow) > 1000
