"""The speed shortcuts of building documents change no result.

* LineIndex.line_col remembers the last line it found: it answers as the bisect alone does, for
  offsets in any order (before the text, past its end, on a line end).
* find_quantities bisects a span's opening quotes before calling _in_short_quote: it finds what
  calling _in_short_quote on every figure found, a figure read from just before its span included.
* outline's RUN_IN_CANDIDATE is compiled by ``re`` and checks the Han character after a number
  and spaces on the match: it finds what the ``regex`` pattern with a lookahead found.
"""

from __future__ import annotations

import bisect

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from zongjie_nlp import outline
from zongjie_nlp import quantities as q
from zongjie_nlp.model import LineIndex
from zongjie_nlp.script import simplified_view


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab\n", max_size=40), st.lists(st.integers(-3, 45), max_size=30))
def test_line_col_answers_as_the_bisect(text, offsets):
    index = LineIndex(text)
    starts = list(index.starts)
    for offset in offsets:
        line = bisect.bisect_right(starts, offset) - 1
        assert index.line_col(offset) == (line + 1, offset - starts[line] + 1)


FIGURES = ["3.5万元", "12个", "8%", "几十万元", "数十亿元", "百分之五", "3至5人", "六个百分之百"]
JOINS = ["“", "”", "「", "」", "『", "』", '"', "金税", "，", "。", "\n", " ", "其中"]


def _old_find_quantities(text, view, index, spans):
    """find_quantities before the quote pre-check: _in_short_quote asked of every figure."""
    found = []
    for span_start, span_end in spans:
        for match in q._matches(view, span_start, span_end):
            quantity = q._to_quantity(match, text, view, index)
            if quantity is None:
                continue
            quantity = q._with_split_head(quantity, text, view, index, span_start)
            if q._in_short_quote(view, quantity.start, quantity.end):
                continue
            low_end = q._range_low_end(quantity, text, view, index, span_start)
            if low_end is not None and (not found or found[-1].end <= low_end.start):
                found.append(low_end)
            found.append(quantity)
    return found


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FIGURES + JOINS), max_size=14).map("".join), st.data())
def test_the_quote_pre_check_changes_no_quantity(text, data):
    """Figures in and out of short quotes, cut into two spans anywhere (a span may start between
    几 and 十万元, whose figure then starts before its span)."""
    view = q.match_view(simplified_view(text))
    cut = data.draw(st.integers(0, len(text)))
    spans = [(0, cut), (cut, len(text))]
    assert q.find_quantities(text, view, LineIndex(text), spans) == \
        _old_find_quantities(text, view, LineIndex(text), spans)


# The pattern as it was, with the Han character after a number and spaces looked ahead at.
_OLD_RUN_IN = regex.compile(outline.RUN_IN_CANDIDATE.pattern[:-1] + r"(?=\p{Han}))")
RUN_IN_PIECES = ["。", "；", "!", "二、", "（三）", "(4)", "3.", "12", "1", " ", "\u3000", "\t", "中", "a", "，",
                 "壹、", "3.5"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(RUN_IN_PIECES), max_size=16).map("".join), st.data())
def test_run_in_candidates_are_the_lookahead_patterns(view, data):
    """The part's candidates and those handed out between any two offsets are the matches of the
    pattern with the lookahead, over the same stretches."""
    start = data.draw(st.integers(0, len(view)))
    end = data.draw(st.integers(start, len(view)))
    candidates = outline._Candidates(outline.RUN_IN_CANDIDATE, view, start, end, keep=outline._run_in_kept)
    assert [m.span() for m in candidates.matches] == [m.span() for m in _OLD_RUN_IN.finditer(view, start, end)]
    assert [m.span() for m in candidates._scan(start, end)] == [m.span() for m in _OLD_RUN_IN.finditer(view, start, end)]
