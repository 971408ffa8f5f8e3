"""The figures a relation is computed from, and the text around them.

Every quantity of a document becomes a :class:`Figure` (its interval, a unit key that
says which figures may be compared, where it is written); areas and weights the parser
does not read as quantities yet (3200亩, 2600吨) are added, and a range (3至5名) is one
figure.  :class:`Scope` answers the questions every relation kind asks — the sentence,
clause, paragraph around an offset, the figures inside a span, the words before a figure
— by bisection over offsets computed once per document, so finding relations stays
linear in the text.
"""

from __future__ import annotations

import bisect
import re
from array import array
from functools import lru_cache
from itertools import compress
from operator import attrgetter
from typing import Iterable, Iterator, Optional

import regex

from ..cache import compile_re, compile_regex
from ..model import Document, Quantity, Record, Report
from ..numerals import NUMERAL_PATTERN, parse_numeral
from ..resources import load_yaml
from .interval import INF, Interval


@lru_cache(maxsize=None)
def cues(kind: str) -> dict:
    """The cue words of one relation kind (``rules/relations/<kind>.yaml``, key ``cues``)."""
    return load_yaml(f"relations/{kind}.yaml")["cues"]


@lru_cache(maxsize=None)
def cue_pattern(kind: str, key: str) -> regex.Pattern:
    """A cue of ``rules/relations/<kind>.yaml`` that is a pattern, or a list of words or
    patterns (a match of any), compiled once: kinds ask for it for every document, and a
    look-up in the compiled-pattern cache costs a few calls each time."""
    cue = cues(kind)[key]
    return compile_regex(cue if isinstance(cue, str) else "|".join(cue))


def has(text: str, words: Iterable[str]) -> bool:
    """Does ``text`` hold any of ``words``?  (A plain loop: asked for every figure by several
    kinds, and three times as fast as ``any()`` over a generator.)"""
    for w in words:
        if w in text:
            return True
    return False


# Sentence stops: 。！？；, newlines, and a period that is not a decimal point.
# (The stdlib engine finds these single characters faster than ``regex``.)  Written as one
# class, then the test that drops a period before a digit (the character just matched is
# the one looked behind at): a pattern that starts with a class lets the engine skip to its
# characters, where an alternation (``[。…]|[.．](?!\d)``) is tried at every offset.
_STOPS = compile_re(r"[。！？!?；;\n，,：:.．](?<![.．](?=\d))")
_SENTENCE_END = set("。！？!?；;\n.．")
MAX_SENTENCE = 200  # characters looked at on either side of a trigger
MAX_CLAUSE = 120  # characters of a clause looked at on either side of an offset
# Testing one figure's lead for a few words costs about as much as finding one word in
# this many characters of text (measured; it only chooses the cheaper of two exact ways).
_CHARS_PER_LEAD = 600
MAX_FIGURES = 16  # figures looked at on either side of a trigger
MAX_READINGS = 4  # figures of one unit tried as operands of an ambiguous rate
MAX_PARAGRAPH = 600  # a paragraph is a line; a runaway line is looked at in windows
MAX_LIST = 400  # outline nodes scanned for the items of one declared list
_HAN = compile_regex(r"\p{Han}")
_WRAP_STOPS = set("。！？；!?;：:")  # a line ending with one of these ends a paragraph
# Longer than any figure: a code, an id, or noise.  (``regex`` skips to the digits of a
# text that has few fifteen times as fast as the stdlib engine, and is as fast on a run.)
_DIGIT_RUN = compile_regex(r"[0-9]{16,}")
_RANGE_JOIN = compile_regex(r"\s?(?:至|到|～|~|〜|—|－|-)\s?")
_MEASURE_UNITS = "平方公里|平方米|立方米|公顷|千米|公里|公斤|千克|千瓦时|千瓦|兆瓦|亩|吨"
# A numeral, then its unit looked for where it ends: one pass over a run of digits, where a
# single pattern (numeral)(unit) would rescan it from every position when no unit follows.
_NUMERAL = compile_regex(NUMERAL_PATTERN)
_MEASURE_UNIT = compile_regex(_MEASURE_UNITS)
_UNIT_AT = compile_regex(rf"(?=(?:{_MEASURE_UNITS}))")  # every offset a unit starts at
# Every character a numeral can hold: those written in its pattern (no escapes, no wildcard;
# the digits written as ranges are spelt out; tests/test_relations.py keeps it so).  A
# numeral never runs across any other character, so a scan for numerals started right after
# one finds what a scan of the whole document finds from there on.
_NUMERAL_CHARS = frozenset(NUMERAL_PATTERN) | frozenset("0123456789０１２３４５６７８９")


class Figure(Record):
    """A figure as an operand: its interval, its unit key and where it is written.

    A range (3至5名, 10万元～30万元) is one figure spanning both ends.  Immutable, and a
    named tuple rather than a frozen dataclass for the same reason as :class:`Interval`:
    one is built for every quantity of every document."""

    kind: str
    key: tuple
    iv: Interval
    start: int
    end: int
    text: str  # as written
    number: str  # the numeral as written ("39", "13.02萬", "10万～30万")
    decimals: int = 0
    value: float = 0.0  # the value as written (the lower figure of 十多, the middle of a range)

    @property
    def open(self) -> bool:
        return self.iv.hi == INF

    @property
    def span(self) -> list[int]:
        return [self.start, self.end]

    @property
    def numeral(self) -> str:
        """The number as written, without its unit (what a formula shows: 39, 13.02萬)."""
        return self.number.strip()


def unit_key(q: Quantity, view: str) -> tuple:
    """Figures are compared only when their keys agree: 人/名/位 are one unit, 人次 and 户 others."""
    if q.kind == "money":
        return ("money", q.unit)
    if q.kind in ("percent", "points"):
        return (q.kind,)
    unit = view[q.end - len(q.unit): q.end]
    if unit in ("人", "名", "位"):
        return ("people",)
    if q.category == "orgs":
        return ("orgs",)
    return ("count", unit)


def figure_of(q: Quantity, view: str, keys: dict[tuple, tuple]) -> Figure:
    """``q`` as an operand.  ``keys``: the unit keys made so far, so that figures of one unit
    share one key (a long report has a few dozen keys for hundreds of thousands of figures)."""
    low = q.low if q.low is not None else q.value
    high = q.high if q.high is not None else INF
    key = unit_key(q, view)
    key = keys.setdefault(key, key)
    return _new_tuple(Figure, (q.kind, key, _new_tuple(Interval, (low, high)), q.start, q.end, q.text,
                               q.number_text or q.text, q.decimals, q.value))


_START = attrgetter("start")  # a sort key without a Python frame per figure (as a lambda has)


# A named tuple built from its fields in order, as ``Figure._make`` does: without the class
# call and its ``__new__`` (a Python function), which are half the cost of a figure, and a
# figure is built for every quantity of every document.
_new_tuple = tuple.__new__


def _merge_ranges(figures: list[Figure], view: str) -> list[Figure]:
    """3至5名 is parsed as two quantities; as an operand it is one interval [3, 5]."""
    merged: list[Figure] = []
    for fig in figures:
        prev = merged[-1] if merged else None
        if (prev is not None and prev.key == fig.key and prev.end < fig.start
                and _RANGE_JOIN.fullmatch(view, prev.end, fig.start)):
            merged[-1] = Figure(fig.kind, fig.key, Interval(prev.iv.lo, fig.iv.hi), prev.start, fig.end,
                                prev.text + view[prev.end:fig.start] + fig.text,
                                prev.number + "～" + fig.number, fig.decimals, (prev.value + fig.value) / 2)
        else:
            merged.append(fig)
    return merged


def _measures(text: str, view: str, document: Document, taken: list[Figure]) -> list[Figure]:
    """Areas, weights and lengths (3200亩, 2600吨) in the document's body: not yet parsed as
    quantities, but cumulative and parts relations are stated with them too."""
    lo, hi = document.start, document.end
    starts = [f.start for f in taken]
    found = []
    for m in _numerals_before_units(view, lo, hi):
        unit = _MEASURE_UNIT.match(view, m.end(), hi)
        start, end = m.start(), unit.end()
        i = bisect.bisect_right(starts, start)
        if (i and taken[i - 1].end > start) or (i < len(taken) and taken[i].start < end):
            continue  # the parser already has a quantity here
        if not document.in_body(start):
            continue  # page furniture
        if start and view[start - 1] in "第.0123456789":
            continue
        n = parse_numeral(m.group())
        if n is None:
            continue
        found.append(Figure("measure", ("measure", unit.group()),
                            Interval(n.low, n.high if n.high is not None else INF),
                            start, end, text[start:end], text[start:m.end()], n.decimals, n.value))
    return found


def _numerals_before_units(view: str, lo: int, hi: int) -> Iterator[regex.Match]:
    """The numerals of ``[lo, hi)`` that a unit of measure follows, as one scan of the whole
    span finds them.  Units are rare and numerals many: the scan starts only a little
    before each unit, after the last character no numeral can hold (linear: such a run
    holds at most one unit's start, as 千 is the only numeral character a unit starts with
    and what follows it in a unit ends the run)."""
    for at in _UNIT_AT.finditer(view, lo, hi):
        unit_start = start = at.start()
        while start > lo and view[start - 1] in _NUMERAL_CHARS:
            start -= 1
        if start == unit_start:
            continue
        for m in _NUMERAL.finditer(view, start, hi):
            if m.end() >= unit_start:
                if m.end() == unit_start:
                    yield m
                break


# 每户/人均 before a figure make it a per-unit amount (每户发放1500元, 人均650元).
PER = compile_regex(r"(?:人均|户均|每(?P<unit>人|户|名|位|家|所|个|村)(?P<noun>\p{Han}{0,4}))(?=\p{Han}*$)")
_PER_WORDS = ("人均", "户均", "每")  # every match of PER holds one of these


class Scope:
    """One document's figures with sentence/clause lookup by bisection (no rescans)."""

    def __init__(self, report: Report, document: Document):
        self.report = report
        self.text, self.view = report.text, report.simplified
        self.document = document
        self.lo, self.hi = document.start, document.end
        # The parser already leaves page furniture out of a document's quantities; the
        # measures are read from its body too.
        keys: dict[tuple, tuple] = {}
        figures = [figure_of(q, self.view, keys) for q in document.quantities]
        figures += _measures(self.text, self.view, document, figures)
        figures.sort(key=_START)
        self.figures = _merge_ranges(figures, self.view)
        self.starts = [f.start for f in self.figures]
        # Do the figures end in the order they start (none written inside another, as on
        # every page seen)?  Then the figures inside a span are a slice (see figures_in).
        ends = [f.end for f in self.figures]
        self._ends_ascend = ends == sorted(ends)
        # The figures that may be operands, once: most kinds walk all of them.
        self.operand_figures = operands(self.figures)
        # Each figure's clause, sentence and whether it is a per-head amount, found when first
        # asked (every kind asks them of the same figures), in arrays by the figure's index:
        # dicts of tuples held a quarter of a long report's relation finding.
        n = len(self.figures)
        self._index = dict(zip(self.starts, range(n)))  # (a later figure at one start wins, as in a loop)
        self._clause_starts, self._clause_ends = array("q", [-1]) * n, array("q", [0]) * n  # -1: not asked yet
        self._sentence_starts, self._sentence_ends = array("q", [-1]) * n, array("q", [0]) * n
        self._per_unit: Optional[array] = None  # made when first asked (see per_unit)
        self._led_by: dict[tuple[str, ...], list[int]] = {}
        self._bigrams: dict[int, set[str]] = {}
        self._spans: Optional[list[tuple[int, int]]] = None  # the document less its long digit runs
        self._nodes: Optional[tuple[list, list[int]]] = None  # the outline, walked when first asked
        # Offsets in arrays: a stop per clause of the document, a long report has hundreds of
        # thousands (a list would hold an int object for each, five times the memory).
        self.sentence_stops = array("q")
        self.clause_stops = array("q")
        if self.figures:
            # map() over the unbound method: no Python frame per stop, as a generator has.
            self.clause_stops = array("q", map(re.Match.start, _STOPS.finditer(self.view, self.lo, self.hi)))
            # The stops whose character ends a sentence, picked in C (a generator's frame per
            # stop cost as much as the scan that found them).
            at_stops = map(self.view.__getitem__, self.clause_stops)
            self.sentence_stops = array("q", compress(self.clause_stops, map(_SENTENCE_END.__contains__, at_stops)))

    def outline(self) -> tuple[list, list[int]]:
        """The document's outline nodes in document order, and their starts.  Walked once:
        several kinds ask (a walk of a long report's outline is a generator per node)."""
        if self._nodes is None:
            nodes = list(self.document.nodes())
            self._nodes = nodes, [n.start for n in nodes]
        return self._nodes

    # -- windows -------------------------------------------------------------
    def _bounds(self, stops: array, pos: int, reach: int) -> tuple[int, int]:
        i = bisect.bisect_left(stops, pos)
        start = stops[i - 1] + 1 if i else self.lo
        end = stops[i] if i < len(stops) else self.hi
        return max(start, pos - reach, self.lo), min(end, pos + reach, self.hi)

    def _kept_bounds(self, pos: int, stops: array, reach: int, starts: array, ends: array) -> tuple[int, int]:
        """:meth:`_bounds`, kept in ``starts``/``ends`` when ``pos`` is a figure's start."""
        i = self._index.get(pos)
        if i is None:
            return self._bounds(stops, pos, reach)
        if starts[i] < 0:
            starts[i], ends[i] = self._bounds(stops, pos, reach)
        return starts[i], ends[i]

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence around ``pos``: between 。！？；/newline, never outside the document.
        Kept for a figure's start: several kinds ask it of every figure."""
        return self._kept_bounds(pos, self.sentence_stops, MAX_SENTENCE, self._sentence_starts, self._sentence_ends)

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause around ``pos``: between commas, colons and sentence stops.  Kept for a
        figure's start: every kind asks it of the same figures."""
        return self._kept_bounds(pos, self.clause_stops, MAX_CLAUSE, self._clause_starts, self._clause_ends)

    def clause_text(self, fig: Figure) -> str:
        start, end = self.clause(fig.start)
        return self.view[start:end]

    def lead(self, fig: Figure) -> str:
        """The words of the clause before ``fig`` (its label: 应建工会企业, 其余 …).  Sliced
        when asked (the clause's start is cached): a cache of the strings held a copy of most
        of a long report's text."""
        start, _ = self.clause(fig.start)
        return self.view[start:fig.start]

    def per_unit_cue(self, fig: Figure) -> Optional[regex.Match]:
        """The last 每X/人均 of the figure's clause, when only words lie between it and the figure."""
        m = None
        for m in PER.finditer(self.lead(fig)):
            pass
        return m

    def per_unit(self, fig: Figure) -> bool:
        """Is ``fig`` a per-head amount (每人500元, 人均650元)?  Cached: asked often."""
        i = self._index.get(fig.start)
        if i is None:
            return self.per_unit_cue(fig) is not None
        if self._per_unit is None:
            # Every match of PER holds 人均, 户均 or 每: a figure whose lead holds none of them
            # is no per-head amount, known without slicing its lead (-1: not asked yet).
            self._per_unit = array("b", [0]) * len(self.figures)
            for k in self._led_by_indexes(_PER_WORDS):
                self._per_unit[k] = -1
        if self._per_unit[i] < 0:
            self._per_unit[i] = self.per_unit_cue(fig) is not None
        return self._per_unit[i] == 1

    def figures_led_by(self, words: tuple[str, ...]) -> list[Figure]:
        """The operand figures (:attr:`operand_figures`, in order) whose lead holds one of
        ``words``: those ``has(self.lead(f), words)`` is true of.  Most kinds look for the
        few figures their cue words lead: in a document dense with figures, finding where the
        words occur is cheaper than slicing every figure's lead; in a sparse one, the other
        way round."""
        if len(self.operand_figures) * _CHARS_PER_LEAD < (self.hi - self.lo) * len(words):
            return [f for f in self.operand_figures if has(self.lead(f), words)]
        figures = self.figures
        return [figures[i] for i in self._led_by_indexes(words) if _is_operand(figures[i])]

    def _led_by_indexes(self, words: tuple[str, ...]) -> list[int]:
        """The indexes (in :attr:`figures`, ascending) of the figures whose lead holds one of
        ``words``.  A lead is ``view[clause start:figure start]`` and the clause start is the
        latest of: just after the last clause stop before the figure, MAX_CLAUSE before it,
        the document's start.  So an occurrence of a word at [at, end) is in the lead of
        exactly the figures that start at or after ``end``, at or before the first stop at
        or after ``at`` (no stop between), and at most MAX_CLAUSE after ``at``."""
        cached = self._led_by.get(words)
        if cached is not None:
            return cached
        view, hi, starts, stops = self.view, self.hi, self.starts, self.clause_stops
        chosen: set[int] = set()
        for word in words:
            if not word:  # "" is in every lead
                chosen.update(range(len(starts)))
                continue
            for at in occurrences(view, word, self.lo, hi):
                k = bisect.bisect_left(stops, at)
                limit = min(stops[k] if k < len(stops) else hi, at + MAX_CLAUSE)
                chosen.update(range(bisect.bisect_left(starts, at + len(word)), bisect.bisect_right(starts, limit)))
        cached = self._led_by[words] = sorted(chosen)
        return cached

    def ends_before(self, pos: int, chars: frozenset[str]) -> bool:
        """Is the character before ``pos`` one of ``chars`` (and inside the document)?  A
        cue that ends right before a figure can end only with some characters: testing the
        one there is cheaper than searching the cue."""
        return pos > self.lo and self.view[pos - 1] in chars

    def operands_after(self, chars: frozenset[str]) -> list[Figure]:
        """The operand figures (:attr:`operand_figures`, in order) that :meth:`ends_before`
        is true of: picked in one pass, where a call per figure cost more than the test."""
        view, lo = self.view, self.lo
        return [f for f in self.operand_figures if f.start > lo and view[f.start - 1] in chars]

    def bigrams(self, fig: Figure) -> set[str]:
        """The two-character words of the figure's clause, figures blanked out (so 万元 or
        人次 never make two clauses alike).  Cached."""
        cached = self._bigrams.get(fig.start)
        if cached is None:
            start, end = self.clause(fig.start)
            pieces, at = [], start
            for other in self.figures_in(start, end, near=fig.start):
                pieces.append(self.view[at:other.start])
                at = other.end
            pieces.append(self.view[at:end])
            cached = self._bigrams[fig.start] = bigrams(" ".join(pieces))
        return cached

    def paragraph(self, pos: int) -> tuple[int, int]:
        """The line around ``pos`` (at most MAX_PARAGRAPH characters on either side)."""
        index = self.report.index
        line, _ = index.line_col(pos)
        start = max(index.line_start(line), self.lo, pos - MAX_PARAGRAPH)
        return start, min(index.line_end(line), self.hi, pos + MAX_PARAGRAPH)

    def finditer(self, pattern: regex.Pattern) -> Iterator[regex.Match]:
        """``pattern``'s matches in the document, its long runs of digits skipped: a pattern
        that may start at any digit would otherwise be tried at every digit of a run (a
        million-digit run cost a trigger pattern half a second); no figure a relation reads
        lies inside such a run."""
        for start, end in self._without_digit_runs():
            yield from pattern.finditer(self.view, start, end)

    def finditer_from(self, pattern: regex.Pattern, candidates: re.Pattern, back: int = 0) -> Iterator[regex.Match]:
        """What :meth:`finditer` yields, found faster: ``pattern`` is tried only at each match
        of ``candidates`` and the ``back`` characters before it, in order and never inside a
        match already found, which is what a scan does when every match of ``pattern`` starts
        there (and none is empty).  ``candidates`` is a stdlib pattern for a character or two (the stdlib engine
        finds those several times as fast as ``regex`` tries ``pattern`` at every offset)."""
        view = self.view
        for start, end in self._without_digit_runs():
            done = start
            for c in candidates.finditer(view, start, end):
                for at in range(max(done, c.start() - back), c.start() + 1):
                    m = pattern.match(view, at, end)
                    if m is not None:
                        yield m
                        done = m.end()
                        break

    def _without_digit_runs(self) -> list[tuple[int, int]]:
        """The document as spans between its long digit runs, found once."""
        if self._spans is None:
            self._spans, at = [], self.lo
            for run in _DIGIT_RUN.finditer(self.view, self.lo, self.hi):
                self._spans.append((at, run.start()))
                at = run.end()
            self._spans.append((at, self.hi))
        return self._spans

    def wrapped_paragraph_start(self, pos: int, reach: int) -> int:
        """The start of the paragraph around ``pos``, continued back over line breaks that
        fall inside a sentence (a line ending in a Chinese character and no stop: the text
        was wrapped, not paragraphed), never further back than ``reach``."""
        floor = max(self.lo, pos - reach)
        start, _ = self.paragraph(pos)
        while start > floor:
            end = start
            while end > floor and self.view[end - 1].isspace():
                end -= 1
            if end <= floor or self.view[end - 1] in _WRAP_STOPS or not _HAN.match(self.view, end - 1):
                break
            start = self.paragraph(end - 1)[0]
        return max(start, floor)

    def figures_in(self, start: int, end: int, near: Optional[int] = None) -> list[Figure]:
        """Figures inside [start, end).  With ``near``, only the MAX_FIGURES closest to that
        offset on either side: a relation is stated among a few neighbouring figures, and
        the cap keeps the work per trigger bounded on runaway text."""
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        if near is not None:
            k = bisect.bisect_left(self.starts, near)
            i, j = max(i, k - MAX_FIGURES), min(j, k + MAX_FIGURES)
        if not self._ends_ascend:
            return [f for f in self.figures[i:j] if f.end <= end]
        # The figures that end after ``end`` are the last ones: drop them from the end.
        while j > i and self.figures[j - 1].end > end:
            j -= 1
        return self.figures[i:j]

    def previous_sentence(self, pos: int) -> tuple[int, int]:
        start, _ = self.sentence(pos)
        if start <= self.lo:
            return start, start
        return self.sentence(start - 1)


_OPERAND_KINDS = ("money", "count", "measure")


def operands(figures: Iterable[Figure], key: Optional[tuple] = None) -> list[Figure]:
    """Figures that can be operands: amounts and counts (not percentages), bounded.  (The
    test of :func:`_is_operand` written out: asked of most figures by every kind, and a
    call per figure cost more than the test.)"""
    return [f for f in figures if f.kind in _OPERAND_KINDS and f.iv.hi != INF and (key is None or f.key == key)]


def _is_operand(f: Figure) -> bool:
    """What :func:`operands` keeps (without a key): not :attr:`Figure.open`."""
    return f.kind in _OPERAND_KINDS and f.iv.hi != INF


def occurrences(view: str, word: str, start: int, end: int) -> list[int]:
    """The offsets where ``word`` (not empty) starts in ``[start, end)``, in order
    (overlapping ones too), found with ``str.find``."""
    found = []
    at = view.find(word, start, end)
    while at >= 0:
        found.append(at)
        at = view.find(word, at + 1, end)
    return found


_HAN_RUN = compile_regex(r"\p{Han}{2,}")


@lru_cache(maxsize=1)
def _generic_bigrams() -> frozenset[str]:
    return frozenset(load_yaml("relations/shared.yaml")["generic_bigrams"])


def bigrams(text: str) -> set[str]:
    """The two-character words (every pair of adjacent Han characters) of ``text``, less
    the ones every summary uses (工作, 全年 …)."""
    grams = {run[i:i + 2] for run in _HAN_RUN.findall(text) for i in range(len(run) - 1)}
    return grams - _generic_bigrams()


def shares_words(a: str, b: str) -> bool:
    """Do two clauses speak of the same thing (a common two-character word)?"""
    return bool(bigrams(a) & bigrams(b))
