"""A whole named by its noun: the figure an earlier sentence gave for 低保户, 孕产妇 …

A share is often stated sentences after its whole: 全街道共有低保户356户。……其中城镇低保户
150户，占低保户总数的42.1% — or a rate follows a subset count whose label repeats the
population's noun (支部现有党员120人。……参训党员118人，参训率98.3%).  The whole is then
found by its *noun* — the words right before its number (共有低保户356户 → 低保户) or, when
only scope words stand there, right after it (共有356户低保户) — never by position.  A noun
is a referent only when exactly one earlier figure of the section carries it.

This module is not a relation kind (it registers nothing); the rate finder uses it.  Its
cue words are the ``referents`` block of ``rules/relations/rate.yaml``.
"""

from __future__ import annotations

import bisect
import weakref
from functools import lru_cache
from typing import Iterable, Optional


from ..cache import compile_regex
from .figures import Figure, Scope, cues, operands

REACH = 600  # characters looked back for a whole named by its noun

_PUNCT = compile_regex(r"[\s，,、：:（）()\[\]【】“”\"'《》。；;！？!?…—-]+")
# The words of a label that name it: a run of Han and digits (7岁以下儿童, 高危孕产妇).
_NOUN_RUN = compile_regex(r"[\p{Han}0-9]+$")
_HEAD_RUN = compile_regex(r"\p{Han}+")


@lru_cache(maxsize=1)
def _lex() -> dict:
    return cues("rate")["referents"]


@lru_cache(maxsize=1)
def _label_tails() -> tuple[str, ...]:
    """The filler and count words a label's noun is stripped of, longest first (as
    :func:`strip_tail` orders them), ordered once."""
    lex = _lex()
    return tuple(sorted([*lex["fillers"], *lex["count_suffixes"]], key=len, reverse=True))


def label(scope: Scope, fig: Figure) -> str:
    """The words naming ``fig``: from the end of the figure before it (or the start of its
    sentence) to the figure, punctuation trimmed (孕产妇数为484人 → 孕产妇数为)."""
    s0, _ = scope.sentence(fig.start)
    i = bisect.bisect_left(scope.starts, fig.start)
    start = max(s0, scope.figures[i - 1].end) if i else s0
    return _PUNCT.sub(" ", scope.view[start:fig.start]).strip()


def strip_tail(words: str, tails: Iterable[str]) -> str:
    """Drop trailing filler and count words (数为, 总数达, 有 …), longest first, repeatedly."""
    return _strip_ordered(words, sorted(tails, key=len, reverse=True))


def _strip_ordered(words: str, ordered: Iterable[str]) -> str:
    """:func:`strip_tail` with ``ordered`` longest first."""
    changed = True
    while changed and words:
        changed = False
        for t in ordered:
            if words.endswith(t) and len(words) > len(t):
                words, changed = words[: -len(t)], True
                break
    return words


def noun_of_label(text: str) -> str:
    """The noun a label gives its figure: 全镇共有低保户 → 低保户, 孕产妇数为 → 孕产妇,
    全乡已婚育龄妇女数 → 已婚育龄妇女.  Empty when the label names nothing."""
    lex = _lex()
    text = text.split(" ")[-1] if text else ""
    text = _strip_ordered(text, _label_tails())
    m = _NOUN_RUN.search(text)
    if not m:
        return ""
    noun = m.group()
    cut = 0
    for word in lex["scope_words"]:
        at = noun.rfind(word)
        if at >= 0:
            cut = max(cut, at + len(word))
    noun = noun[cut:].lstrip("0123456789")
    return noun if len(noun) >= 2 else ""


def noun_after(scope: Scope, fig: Figure) -> str:
    """共有356户低保户: the noun written right after the figure's unit."""
    m = _HEAD_RUN.match(scope.view, fig.end, min(fig.end + 12, scope.hi))
    if not m:
        return ""
    noun = m.group()
    for verb in _lex()["after_stops"]:
        at = noun.find(verb)
        if at >= 0:
            noun = noun[:at]
    return noun if len(noun) >= 2 else ""


def nouns(scope: Scope, fig: Figure) -> str:
    """The noun of a figure as a whole: the label's, else the words after it."""
    own = noun_of_label(label(scope, fig))
    return own or noun_after(scope, fig)


def is_count_label(text: str) -> bool:
    """Does a label name a population (活产数, 在册党员总数, 全镇共有)?"""
    lex = _lex()
    bare = strip_tail(text.split(" ")[-1] if text else "", lex["fillers"])
    return any(bare.endswith(s) for s in lex["count_suffixes"]) or any(w in text for w in lex["population_words"])


_SECTIONS: "weakref.WeakKeyDictionary[Scope, tuple[list[int], list[int]]]" = weakref.WeakKeyDictionary()


def section_start(scope: Scope, pos: int) -> int:
    """Where the innermost outline section holding ``pos`` starts (the document's start
    when no numbered heading precedes it): a whole is looked for inside it only."""
    cached = _SECTIONS.get(scope)
    if cached is None:
        spans = sorted((n.start, n.body_end) for n in scope.outline()[0])
        cached = _SECTIONS[scope] = ([a for a, _ in spans], [b for _, b in spans])
    starts, ends = cached
    i = bisect.bisect_right(starts, pos)
    best = scope.lo
    # The innermost node holding pos is the latest-starting one whose section covers it;
    # nodes are nested, so walking back stops at the first that covers pos.
    for k in range(i - 1, max(-1, i - 1 - 64), -1):
        if ends[k] > pos:
            best = starts[k]
            break
    return best


def earlier(scope: Scope, pos: int, key: tuple, reach: int = REACH) -> list[Figure]:
    """Operands of unit ``key`` written before ``pos`` in its section (at most ``reach``
    characters back), not per-head amounts."""
    lo = max(section_start(scope, pos), pos - reach, scope.lo)
    return [f for f in operands(scope.figures_in(lo, pos), key) if not scope.per_unit(f)]


def named_in(scope: Scope, text: str, figures: list[Figure], part: Figure) -> Optional[Figure]:
    """The one earlier figure whose noun ``text`` mentions (低保户 in 占低保户总数的, 孕产妇
    in 孕产妇建卡数), when it can be ``part``'s whole (not smaller).  A noun inside a longer
    matched noun (产妇 in 孕产妇) does not count; two figures with the same noun, or none,
    give None."""
    found: list[tuple[str, Figure]] = []
    for fig in figures:
        noun = nouns(scope, fig)
        if noun and noun in text:
            found.append((noun, fig))
    longest = [(n, f) for n, f in found if not any(n != m and n in m for m, _ in found)]
    if len(longest) != 1:
        return None  # none, or two earlier figures carry the noun
    whole = longest[0][1]
    return whole if whole.iv.lo >= part.iv.hi else None
