"""The pattern engine: rules that are a regex or a word list (``engine: pattern``, the
default, in ``rules/*.yaml``; loading and validating the files is :mod:`.registry`'s job).

A pattern rule is a regex (``regex`` module syntax) matched on the simplified view of the
text, so it is written once for both scripts, or a word list (``words: {wrong: right}``)
compiled into one alternation.  The finding's span is the named group ``hit`` when the
pattern has one, else the whole match.

Keys besides the common ones (``id name category severity summary why source norms
examples``): one of ``pattern``/``words``; optional ``message`` (``{match}``, ``{fix}``,
``{count}``), ``fix`` (a replacement template, ``{match}`` allowed, or ``{"map": {...}}``),
``applicability`` (safe | unsafe | display), ``scope`` (``chinese``: only where the
match touches Han text), ``matcher`` (``re``: compile with the stdlib engine, faster for long
word lists), ``aggregate`` (one finding per document-wide kind, each occurrence in
``details``), ``unless`` (a regex: no finding when the line matches it), ``trigger`` (a
stdlib-``re`` regex that starts wherever a match of the pattern may start: the pattern is tried
only there, a speed-up for patterns that open with a lookbehind), ``script``
(traditional | simplified: only in documents of that script), ``v1`` (compile with the regex
module's VERSION1) and ``view`` (``simplified``, the default, or ``original``: match the text
as written, for rules about the characters themselves, e.g. 髮展 left by an automatic
simplified→traditional conversion, which the simplified view cannot tell from 發展).

A fix written in simplified script (a rule on the simplified view) is converted to the
document's script (OpenCC ``s2tw``) when the document is traditional, so ``--fix`` never puts
simplified characters into a traditional text.

On a long text, one Hyperscan pass over each view first tells which rules can match at all
(:mod:`.prefilter`); the others are not run.  Most rules find nothing on a given page, and each
run is a scan of the whole text.
"""

from __future__ import annotations

import bisect
import re
import time
from functools import lru_cache
from typing import Any, Iterator, Optional

import regex

from ..cache import compile_re, compile_regex
from ..errors import RuleFileError
from ..model import Finding, Fix, Occurrences, Record, Rule
from . import prefilter
from .base import Context
from .scan_limit import ScanLimit

VIEWS = ("simplified", "original")
MATCHERS = ("regex", "re")
HAN = compile_regex(r"\p{Han}")


class PatternRule(Record):
    """A pattern rule as loaded: its sources, compiled when first used (:func:`compiled`)."""

    rule: Rule
    source: str  # the pattern (a word list already made into its alternation)
    flags: int  # as given to the engine: regex.VERSION1 with ``v1``, else 0
    matcher: str  # "regex", or "re" for the stdlib engine
    message: str
    fix: Any
    applicability: str
    scope: str
    aggregate: bool
    unless: Optional[regex.Pattern]
    script: Optional[str]
    words: Optional[dict]
    view: str = "simplified"
    # Where a match may start (stdlib ``re``, scanned first): the pattern is then tried only
    # at those offsets.  For patterns that open with a lookbehind the engine would try at
    # every offset of the text; the trigger finds the few candidates in one fast scan.
    trigger_source: Optional[str] = None

    @property
    def pattern(self):
        """The compiled pattern (``regex.Pattern``, or ``re.Pattern`` for ``matcher: re``)."""
        return compiled(self.matcher, self.source, self.flags)

    def engine_for(self, length: int) -> str:
        """The engine that scans a text of ``length`` characters: ``matcher: re`` pays off on
        long texts only; a short one is scanned by ``regex`` (the same matches: such patterns
        are literals and sets), whose pattern the start-up cache loads anyway; the stdlib's would
        be one more to build, for a scan too short to repay it."""
        return self.matcher if length >= STDLIB_FROM else "regex"

    @property
    def trigger(self) -> Optional[re.Pattern]:
        return compiled("re", self.trigger_source, 0) if self.trigger_source is not None else None


# Texts from this length are scanned by a rule's own ``matcher`` (see PatternRule.engine_for).
STDLIB_FROM = prefilter.MIN_CHARS


@lru_cache(maxsize=1024)
def compiled(matcher: str, source: str, flags: int):
    """A rule's pattern compiled, when a rule first needs it (both engines' from the start-up
    cache): on most pages most rules never run (:mod:`.prefilter`)."""
    return compile_re(source, flags) if matcher == "re" else compile_regex(source, flags)


def compile_pattern_rule(entry: dict, rule: Rule, where: str, validate: bool = False) -> PatternRule:
    """A pattern rule from its file entry (``rule`` is its validated metadata).  Its patterns
    are compiled when first used; ``validate`` compiles them now, so that a bad pattern in a
    user's rule file is reported when the file is loaded (the built-in patterns are compiled by
    the tests)."""
    if entry.get("view", "simplified") not in VIEWS:
        raise RuleFileError(f"{where}: view must be one of {VIEWS}")
    if entry.get("matcher", "regex") not in MATCHERS:
        raise RuleFileError(f"{where}: matcher must be one of {MATCHERS}")
    words = entry.get("words")
    if words:
        source = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
        if entry.get("pattern"):
            source = entry["pattern"].replace("{words}", source)
    elif entry.get("pattern"):
        source = entry["pattern"]
    else:
        raise RuleFileError(f"{where}: needs 'pattern' or 'words'")
    # The stdlib engine scans long literal alternations several times faster; only for
    # patterns it supports (no \p{…}, fixed-width lookbehind), chosen per rule.
    matcher = entry.get("matcher", "regex")
    flags = regex.VERSION1 if entry.get("v1") and matcher == "regex" else 0
    try:
        if validate or matcher == "regex":  # (a regex pattern comes from the start-up cache)
            compiled(matcher, source, flags)
        if validate and entry.get("trigger"):
            compiled("re", entry["trigger"], 0)
        unless = compile_regex(entry["unless"]) if entry.get("unless") else None
    except (regex.error, re.error) as err:
        raise RuleFileError(f"{where}: bad pattern: {err}") from None
    return PatternRule(
        rule=rule,
        source=source,
        flags=flags,
        matcher=matcher,
        message=entry.get("message", entry["summary"]),
        fix=entry.get("fix"),
        applicability=entry.get("applicability", "safe"),
        scope=entry.get("scope", "any"),
        aggregate=bool(entry.get("aggregate")),
        unless=unless,
        script=entry.get("script"),
        words=words,
        view=entry.get("view", "simplified"),
        trigger_source=entry.get("trigger"),
    )


def run_pattern_rules(ctx: Context, prules: tuple[PatternRule, ...], active: set[str],
                      deadline: float = float("inf")) -> list[str]:
    """Run the selected ones of ``prules`` over the documents' text (furniture excluded).
    Returns the rules left unfinished: past the ``deadline`` (time.perf_counter()) or over a
    regex's time limit."""
    report = ctx.report
    spans = _text_spans(report)
    possible = _possible_rules(ctx, prules, active, spans)
    unfinished = []
    with ScanLimit(SCAN_SECONDS) as limit:
        for number, prule in enumerate(prules):
            if prule.rule.id not in active:
                continue
            if time.perf_counter() > deadline:
                unfinished.append(prule.rule.id)
                continue
            if possible is not None and number not in possible:
                continue  # the rule cannot match: its scan would find nothing
            try:
                _run_one(ctx, prule, spans, limit)
            except TimeoutError:
                unfinished.append(prule.rule.id)
    return unfinished


# The CPU time one rule's scan of one text may take (see :mod:`.scan_limit`); the hostile-input
# tests hold every built-in pattern to well under it.
SCAN_SECONDS = 5


def _possible_rules(ctx: Context, prules: tuple[PatternRule, ...], active: set[str],
                    spans: "_Spans") -> Optional[set[int]]:
    """The positions in ``prules`` of the rules that may match the text they would scan, found by
    one Hyperscan pass per view (:mod:`.prefilter`); None when every rule must run: no Hyperscan,
    or a text too short to be worth it."""
    report = ctx.report
    start, end = spans.start, _scan_end(report, spans)
    views = {prule.view for prule in prules if prule.rule.id in active}
    if end - start < prefilter.MIN_CHARS or not views:
        return None
    texts = {view: ctx.text if view == "original" else ctx.view for view in views}
    scanned: dict[int, set[int]] = {}  # id of a view's text → the rules it may hold
    key = tuple(_prefilter_entry(prule) for prule in prules)
    for text in texts.values():
        if id(text) not in scanned:
            try:
                data = text[start:end].encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate: not UTF-8, not for Hyperscan
                return None
            found = prefilter.possible_rules(key, data)
            if found is None:
                return None
            scanned[id(text)] = found
    return {number for number, prule in enumerate(prules)
            if prule.view in texts and number in scanned[id(texts[prule.view])]}


def _prefilter_entry(prule: PatternRule) -> tuple[str, int, bool]:
    """What the prefilter needs of a rule: its pattern's source and flags, and its engine
    (the pattern is compiled only if the prefilter has to be built)."""
    return prule.source, prule.flags, prule.matcher == "re"


def _run_one(ctx: Context, prule: PatternRule, spans: "_Spans", limit: ScanLimit) -> None:
    """One pattern rule over the text: one scan, hits kept inside the document bodies; the
    findings are made once the scan is done (``limit`` may stop the scan, never the making)."""
    report = ctx.report
    if prule.script and report.script != prule.script:
        return
    with limit.scan():
        hits = _scan(ctx, prule, spans, limit.options)
    if not hits:
        return
    if prule.aggregate:
        _emit_aggregate(ctx, prule, hits)
    else:
        for start, end, replacement, found in hits:
            fix = _fix(prule, start, end, replacement)
            ctx.emit(prule.rule.id, start, end, _message(prule, found, fix, 1), fix=fix)


def _scan(ctx: Context, prule: PatternRule, spans: "_Spans", options: dict) -> list:
    """The hits of one rule: ``(start, end, replacement or None, matched text)`` in text order.
    ``options``: the keyword arguments of each ``regex`` call (a timeout, unless an alarm
    guards the scan)."""
    report = ctx.report
    text = ctx.text if prule.view == "original" else ctx.view
    original = ctx.text if prule.view != "original" and report.script == "traditional" else None
    excluded = _line_filter(prule, text, report, options) if prule.unless is not None and report.index else None
    # One scan of the whole text per rule; matches outside the document bodies (page
    # furniture, text between documents) are dropped.  Scanning span by span costs a
    # call per document and rule, which dominates on pages of hundreds of documents.
    scan_end = _scan_end(report, spans)
    engine = prule.engine_for(scan_end - spans.start)
    pattern = compiled(engine, prule.source, prule.flags)
    options = {} if engine == "re" else options  # (the stdlib engine has no timeout)
    replacements: dict = {}
    # The ``hit`` group by number: a lookup by name costs more than the rest of a span read,
    # and a page can hold tens of thousands of hits of one rule.
    hit_group = pattern.groupindex.get("hit")
    matches = spans.holding(_matches(prule, pattern, text, spans.start, scan_end, options))
    if excluded is None and prule.unless is None and prule.scope != "chinese":
        return _plain_hits(prule, matches, hit_group, original, replacements)
    hits = []
    for m, start, end in matches:
        hit = _hit(prule, m, start, end, hit_group, original, excluded, replacements)
        if hit is not None:
            hits.append(hit)
    return hits


# How far past its last document a segment of a long input is scanned: a pattern's lookahead
# at the end of a document sees the next document's first lines, as it does on the whole page.
SEGMENT_LOOKAHEAD = 10_000


def _scan_end(report, spans: "_Spans") -> int:
    """Where the scan of a report stops: the end of the last document body, or, for a segment
    followed by others, a little way into the next one."""
    if report.segment is None or report.segment[1] >= len(report.text):
        return spans.end
    return min(len(report.text), report.segment[1] + SEGMENT_LOOKAHEAD)


def _matches(prule: PatternRule, pattern, text: str, start: int, end: int, options: dict) -> Iterator:
    """The pattern's matches in ``text[start:end]``, left to right and not overlapping, as
    ``finditer`` gives them; with a trigger, the pattern is tried only where the trigger
    starts (the same matches, when every match starts where the trigger does:
    tests/test_pattern_rules.py checks that on the corpora and hostile inputs).  ``pattern`` is
    the rule's pattern compiled by the engine that scans this text.  (Without a trigger this is
    ``finditer`` itself, not a generator around it: a step per match less.)"""
    if prule.trigger is None:
        return pattern.finditer(text, start, end, **options)
    return _triggered_matches(prule.trigger, pattern, text, start, end, options)


# A candidate costs a call into the engine (and, where no alarm guards the scan, the clock
# reads of its time limit, see .scan_limit), a microsecond or more; a full scan costs tens of
# nanoseconds a character.  When the candidates so far have come closer than this, on average,
# the rest of the text is scanned in full instead: a trigger pays on text where its words are
# rare, and must not cost a hostile or odd text (a line of 约 or …) many times what the scan would.
MIN_CANDIDATE_GAP = 250
CANDIDATES_BEFORE_JUDGING = 256


def _triggered_matches(trigger: re.Pattern, pattern, text: str, start: int, end: int, options: dict) -> Iterator:
    """The matches of ``pattern`` tried where ``trigger`` starts (see :func:`_matches`).  Each
    candidate is searched from the offset after the previous one (or from the end of the
    latest match), so a trigger may consume characters (a plain alternation of words, which
    the stdlib engine finds by their first characters, several times faster than a lookahead)
    without hiding a candidate that overlaps it: 的的 found at 的的的 still leaves the next
    offset to try.  Where candidates are dense (:data:`MIN_CANDIDATE_GAP`), ``finditer`` takes
    over from the offset reached: the same matches, every match starting where the trigger does."""
    at = window = start
    tried = 0  # candidates since ``window``
    while True:
        if tried == CANDIDATES_BEFORE_JUDGING:
            if at - window < tried * MIN_CANDIDATE_GAP:
                yield from pattern.finditer(text, at, end, **options)
                return
            window, tried = at, 0  # (each run of candidates judged on the text it took)
        candidate = trigger.search(text, at, end)
        if candidate is None:
            return
        tried += 1
        at = candidate.start()
        m = pattern.match(text, at, end, **options)
        if m is None:
            at += 1
        else:
            yield m
            at = m.end() if m.end() > m.start() else m.end() + 1


def _line_filter(prule: PatternRule, text: str, report, options: dict):
    """``unless`` as a per-line verdict, computed once per line (a long line with many
    matches would otherwise be sliced and searched once per match: quadratic).  ``options``:
    as for the rule's own scan."""
    cache: dict[int, bool] = {}
    index = report.index

    def excluded(offset: int) -> bool:
        line = index.line_col(offset)[0]
        if line not in cache:
            cache[line] = bool(prule.unless.search(text[index.line_start(line): index.line_end(line)], **options))
        return cache[line]

    return excluded


def _hit(prule: PatternRule, m: regex.Match, start: int, end: int, hit_group: Optional[int] = None,
         original: Optional[str] = None, excluded=None, replacements: Optional[dict] = None):
    """The finding of one match (``start``, ``end``: its span) as ``(start, end, replacement or
    None, matched text)``, or None.  ``hit_group``: the number of the pattern's ``hit`` group,
    if it has one.  ``original`` (the document text) is given when the match ran on the
    simplified view of a traditional document: the fix then keeps the span's own characters for
    ``{match}`` and gets its literal text in traditional script.  (The :class:`Fix` is built only
    where a finding needs one: an aggregated finding lists its occurrences as plain data.)  A
    page can hold tens of thousands of hits of one rule, so this reads each match once and
    slices the text."""
    if hit_group is not None:
        hit_start, hit_end = m.span(hit_group)
        if hit_start >= 0:  # (else the ``hit`` group took no part in this match: the whole match)
            start, end = hit_start, hit_end
    if start == end:
        return None
    text = m.string  # the simplified view (or the original text, with ``view: original``)
    if prule.scope == "chinese" and not _touches_han(text, start, end):
        return None
    if excluded is not None:
        if excluded(start):
            return None
    elif prule.unless is not None:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start: line_end if line_end >= 0 else len(text)]
        if prule.unless.search(line):
            return None
    found = text[start:end]
    replacements = {} if replacements is None else replacements
    if original is None:
        # a rule's hits repeat the same few strings (，for ,): one replacement for each
        if found not in replacements:
            replacements[found] = _replacement(prule, found, found)
        return start, end, replacements[found], found
    as_written = original[start:end]
    key = (found, as_written)
    if key not in replacements:
        replacements[key] = _replacement(prule, found, as_written, _to_traditional)
    return start, end, replacements[key], found


def _plain_hits(prule: PatternRule, matches: Iterator[tuple[Any, int, int]], hit_group: Optional[int],
                original: Optional[str], replacements: dict) -> list:
    """What :func:`_hit` gives for each of ``matches`` when no ``unless`` or scope can drop a
    match: one loop without a call per match, for a rule can have tens of thousands of hits on
    a page (the half-width commas of a pasted page)."""
    convert = None if original is None else _to_traditional
    hits = []
    for m, start, end in matches:
        if hit_group is not None:
            hit_start, hit_end = m.span(hit_group)
            if hit_start >= 0:  # (else the ``hit`` group took no part in this match: the whole match)
                start, end = hit_start, hit_end
        if start == end:
            continue
        found = m.string[start:end]
        key = (found, found if original is None else original[start:end])
        if key not in replacements:
            replacements[key] = _replacement(prule, found, key[1], convert)
        hits.append((start, end, replacements[key], found))
    return hits


def _fix(prule: PatternRule, start: int, end: int, replacement: Optional[str]) -> Optional[Fix]:
    return Fix(start, end, replacement, prule.applicability) if replacement is not None else None


@lru_cache(maxsize=4096)
def _to_traditional(text: str) -> str:
    if not HAN.search(text):
        return text
    from ..script import to_traditional_chars

    return to_traditional_chars(text)


def _replacement(prule: PatternRule, found: str, as_written: str, convert=None) -> Optional[str]:
    """The fix text: a word-list or map value, or the template with ``{match}`` (the span as
    written in the document); ``convert`` turns the rule's own text into the document's script."""
    convert = convert or (lambda t: t)
    if prule.words is not None:
        value = prule.words.get(found)
        return None if value is None else convert(str(value))
    if prule.fix is None:
        return None
    if isinstance(prule.fix, dict):
        value = prule.fix.get("map", {}).get(found)
        return None if value is None else convert(str(value))
    return as_written.join(convert(part) for part in str(prule.fix).split("{match}"))


def _touches_han(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 1): end + 1]
    return bool(HAN.search(window))


def _message(prule: PatternRule, found: str, fix: Optional[Fix], count: int) -> str:
    return (
        prule.message.replace("{match}", found)
        .replace("{fix}", fix.replacement if fix else "")
        .replace("{count}", str(count))
    )


def _emit_aggregate(ctx: Context, prule: PatternRule, hits: list) -> None:
    """One finding per rule and input, at the first occurrence; every occurrence in details
    (a defect-heavy page has tens of thousands: the line of each is found by a bisect that
    starts from the previous one, the hits being in text order, and the occurrences are made
    a column at a time)."""
    text, line_starts = ctx.text, ctx.report.index.starts
    starts = [hit[0] for hit in hits]
    ends = [hit[1] for hit in hits]
    lines, cols = [], []
    line = 0
    for start in starts:
        line = bisect.bisect_right(line_starts, start, line) - 1
        lines.append(line + 1)
        cols.append(start - line_starts[line] + 1)
    details = Occurrences.from_columns(starts, ends, lines, cols, [text[s:e] for s, e in zip(starts, ends)],
                                       [hit[2] for hit in hits], prule.applicability)
    start, end, replacement, found = hits[0]
    fix = _fix(prule, start, end, replacement)
    ctx.emit(prule.rule.id, start, end, _message(prule, found, fix, len(hits)), fix=fix, details=details)


class _Spans:
    """The document bodies minus page furniture, as sorted disjoint ``[start, end)`` spans."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.start = self.starts[0] if spans else 0
        self.end = self.ends[-1] if spans else 0

    def holding(self, matches: Iterator) -> Iterator[tuple[Any, int, int]]:
        """Of ``matches`` (in text order), each that lies inside one span, with its span; none
        from the first that starts past the last span on.  The span a match starts in (the last
        that starts at or before it: a bisect) is looked up only when the match starts at or
        past the next span's start: most matches start in the span of the one before."""
        starts, ends = self.starts, self.ends
        current = -1  # bisect_right(starts, start) - 1, for the latest match's start
        next_start = starts[0] if starts else self.end  # where the span after ``current`` starts
        for m in matches:
            start, end = m.span()
            if start >= self.end:
                return
            if start >= next_start:
                current = bisect.bisect_right(starts, start) - 1
                next_start = starts[current + 1] if current + 1 < len(starts) else self.end
            if current >= 0 and end <= ends[current]:
                yield m, start, end


def _text_spans(report) -> _Spans:
    """The documents' bodies (page furniture left out by the parser); the whole text when
    there is no document."""
    spans = [span for doc in report.documents for span in doc.body]
    return _Spans(spans or [(0, len(report.text))])


def join_occurrences(prule: PatternRule, report, first: Finding, occurrences: Occurrences) -> Finding:
    """The aggregated finding of ``prule`` over the segments of one input: ``first`` (the
    earliest segment's) with ``occurrences``, those of every segment (its own first), its
    message counting them all."""
    text = report.text if prule.view == "original" else report.simplified
    found = text[first.start:first.end]
    return first._replace(details=occurrences, message=_message(prule, found, first.fix, len(occurrences)))
