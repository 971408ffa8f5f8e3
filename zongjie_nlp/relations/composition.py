"""Shares of one whole add up to 100%: 三次产业结构为3.6∶38.2∶58.2 / 第一、二、三产业增加值
分别占3.6%、38.2%、58.2% / 城镇占62%，农村占38%.

Checked (and reported when they do not add up) only where the words say the shares
divide one whole completely: a 结构/构成 ratio of three or more terms whose sum is near
100 (1∶2∶7 is a ratio, not percentages), or shares of a partition the text names (三次
产业, 男/女, 城镇/农村, a last 其他/其余 item).  Shares of several wholes (甲、乙、丙占比
分别为99.3%、93.8%、84.6%: each of its own total) or of overlapping groups are only
shown when they happen to add up to 100%.  Each share is read to its rounding: 3.6 is
[3.55, 3.65], so 33.3 + 33.3 + 33.3 adds up.
"""

from __future__ import annotations

from typing import Iterator

import regex

from ..cache import compile_regex
from ..numerals import format_decimal
from .base import StatedRelation, register
from .figures import Figure, Scope, cues, has
from .interval import Interval
from .interval import total as interval_total

_TERM = r"\d++(?:\.\d++)?"  # possessive: a run of digits is never backtracked into
# A ratio starts where a number starts: the lookbehind keeps a long run of digits linear
# (without it, every position inside the run would start a match and backtrack the run).
_RATIO = compile_regex(rf"(?<![\d.]){_TERM}(?:\s?[∶:：]\s?{_TERM}){{2,}}")
_NUMBER = compile_regex(_TERM)
_SEPARATOR = compile_regex(r"[∶:：]")
_RATIO_CHARS = set("0123456789.:：∶")
_SHARE_GAP = compile_regex(r"[、，,和及与]\s?占?")
_FIRST_GAP = compile_regex(r"[^、，,和及与]{0,16}?|[、，,和及与]\s?占?")
_SHARE_OF = compile_regex(r"占(?P<whole>\p{Han}{0,12}?)(?:的)?$")
_TERM_CHARS = set("0123456789. ")
MAX_TERM = 12  # characters of one term (58.2) and the space before its separator
_RESPECTIVELY = compile_regex(r"分别(?:占|为|是|达到?)")
_SHARE_STOPS = set("。！？!?；;\n")
WINDOW = 24  # characters before a ratio or 分别 where its cue words are looked for
NEAR = (90.0, 110.0)  # a ratio summing outside this is not a percentage breakdown


@register("composition", ("ZJ210",), "shares of one whole add up to 100%")
def find(scope: Scope) -> Iterator[StatedRelation]:
    yield from _ratios(scope)
    yield from _respectively(scope)
    yield from _each_share(scope)


# --------------------------------------------------------------------------- #
# 三次产业结构为3.6∶38.2∶58.2
# --------------------------------------------------------------------------- #


def _ratio_matches(scope: Scope) -> Iterator[regex.Match]:
    """Each ratio of the document, found from its separators (few) rather than by trying
    every position of the text (a run of a million digits would be tried a million times)."""
    done = scope.lo
    for sep in _SEPARATOR.finditer(scope.view, scope.lo, scope.hi):
        if sep.start() < done:
            continue
        start = sep.start()
        while start > max(scope.lo, sep.start() - MAX_TERM) and scope.view[start - 1] in _TERM_CHARS:
            start -= 1
        m = _RATIO.match(scope.view, start, scope.hi)
        if m is not None:
            done = m.end()
            yield m


def _ratios(scope: Scope) -> Iterator[StatedRelation]:
    lex = cues("composition")
    for m in _ratio_matches(scope):
        if m.start() > scope.lo and scope.view[m.start() - 1] in _RATIO_CHARS:
            continue
        terms = [_term(scope, n.start(), n.end()) for n in _NUMBER.finditer(scope.view, m.start(), m.end())]
        lead = scope.view[max(scope.lo, m.start() - WINDOW):m.start()]
        lead = lead[max(lead.rfind(c) for c in "。；;\n") + 1:]
        if not has(lead, lex["ratio_words"]):
            continue
        mid = sum(t.value for t in terms)
        if not NEAR[0] <= mid <= NEAR[1]:
            continue  # 1∶2∶7: a ratio, not percentages
        # 结构/构成 is a breakdown; 比例 with decimals (7.5∶37.8∶54.7) reads as percentages too.
        decimals = any(t.decimals for t in terms)
        yield _relation(terms, asserted=has(lead, lex["structure_words"]) or (decimals and has(lead, lex["proportion_words"])))


def _term(scope: Scope, start: int, end: int) -> Figure:
    """A ratio's term as a share in percent, read to its last digit."""
    text = scope.text[start:end]
    number = scope.view[start:end]
    decimals = len(number.split(".")[1]) if "." in number else 0
    value = float(number)
    half = 0.5 * 10 ** -decimals
    return Figure("percent", ("percent",), Interval(max(0.0, value - half), value + half), start, end, text,
                  text, decimals, value)


# --------------------------------------------------------------------------- #
# 第一、二、三产业增加值分别占3.6%、38.2%、58.2%
# --------------------------------------------------------------------------- #


def _percents_from(scope: Scope, start: int) -> list[Figure]:
    """The percentages listed from ``start`` (3.6%、38.2%和58.2%), nothing but separators
    and a repeated 占 between them."""
    _, s1 = scope.sentence(start)
    found: list[Figure] = []
    at = start
    for f in scope.figures_in(start, s1, near=start):
        gap = scope.view[at:f.start]
        if f.kind != "percent" or f.open or not _FIRST_GAP.fullmatch(gap) \
                or (found and not _SHARE_GAP.fullmatch(gap)):
            break
        found.append(f)
        at = f.end
    return found


def _respectively(scope: Scope) -> Iterator[StatedRelation]:
    lex = cues("composition")
    for m in _RESPECTIVELY.finditer(scope.view, scope.lo, scope.hi):
        shares = _percents_from(scope, m.end())
        if len(shares) < 2:
            continue
        s0, _ = scope.sentence(m.start())
        subject = scope.view[max(s0, m.start() - WINDOW * 2):m.start()]
        # 三次产业增加值分别增长/增速分别为3.5%、6.2%: rates, not shares.
        if ("占" not in m.group() and not has(subject, lex["share_words"])) \
                or has(subject.replace("增加值", ""), lex["rate_words"]):
            continue
        yield _relation(shares, asserted=_partition(subject, lex))


def _partition(subject: str, lex: dict) -> bool:
    """Do the subjects named before 分别 divide one whole completely (三次产业, 男女, 城乡)?"""
    if has(subject, lex["partition_words"]):
        return True
    return any(a in subject and b in subject for a, b in lex["partition_pairs"])


# --------------------------------------------------------------------------- #
# 城镇占62%，农村占38%
# --------------------------------------------------------------------------- #


def _each_share(scope: Scope) -> Iterator[StatedRelation]:
    """Clauses of one sentence that each say 占 + one percentage, of the same whole (the
    words between 占 and the figure agree).  Asserted when their subjects are a named
    partition (城镇/农村) or the last is the rest (其他占…)."""
    lex = cues("composition")
    pending: list[tuple[Figure, str, str]] = []
    sentence = None
    for f in scope.figures:
        if f.kind != "percent" or f.open:
            continue
        here = scope.sentence(f.start)
        c0, _ = scope.clause(f.start)
        lead = scope.view[c0:f.start]
        m = _SHARE_OF.search(lead) if "占" in lead else None  # (every match holds 占)
        if here != sentence:
            yield from _flush(pending, lex)
            pending, sentence = [], here
        if m is None or _RESPECTIVELY.search(lead) or "分别" in lead:
            yield from _flush(pending, lex)
            pending = []
            continue
        pending.append((f, lead[:m.start()], m.group("whole")))
    yield from _flush(pending, lex)


def _flush(pending: list[tuple[Figure, str, str]], lex: dict) -> Iterator[StatedRelation]:
    if len(pending) < 2 or len({whole for _, _, whole in pending}) != 1:
        return
    subjects = [s for _, s, _ in pending]
    rest = has(subjects[-1], lex["rest_words"])
    pair = len(subjects) == 2 and any(
        (a in subjects[0] and b in subjects[1]) or (b in subjects[0] and a in subjects[1])
        for a, b in lex["partition_pairs"])
    yield _relation([f for f, _, _ in pending], asserted=rest or pair)


# --------------------------------------------------------------------------- #


def _relation(shares: list[Figure], asserted: bool) -> StatedRelation:
    """The last share against 100% less the others: a list that adds up to 100% to the
    rounding of its shares."""
    *others, last = shares
    rest = Interval(100.0, 100.0) - interval_total(f.iv for f in others)
    names = " + ".join(f.numeral.rstrip("%") for f in shares)
    whole = sum(f.value for f in shares)
    decimals = max(f.decimals for f in shares)
    shown = format_decimal(whole, decimals)
    expression = "100 − " + " − ".join(f.numeral.rstrip("%") for f in others)
    return StatedRelation(
        "composition", "ZJ210", last, tuple(("share", f) for f in others), rest, expression,
        format_decimal(rest.mid, decimals),
        (f"各部分占比 {names} = 100%，相符",
         f"各部分占比之和 {names} = {shown}%，不等于 100%（同一整体的各部分应合计为 100%）"),
        asserted=asserted, span=(shares[0].start, last.end), stated_role="share",
        legacy=(("shares", [f.value for f in shares]),))
