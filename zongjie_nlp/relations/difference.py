"""A stated difference between two stated values (ZJ202: the change is the later value
less the earlier).

* 从A增加到B，增加Δ / 由A降至B，减少Δ / A增至B，新增Δ / B，比上年的A多Δ / B，上年为A，
  增加Δ: Δ = B − A (A − B for a fall), when both values are written just before the change,
  in one sentence (the same reading of 由…到… as growth rates use, ``growth.values_before``).
* 上年A，今年B，增加Δ: values labelled with consecutive years (``growth.based``); a
  sentence apart, or with a base only the year names, a reading shown when it holds.
* 从A增长到B、实现万亿级跃升: a jump "of the trillion order" is a change of at least a
  trillion and less than ten; the words may also mean crossing a trillion mark, so this is
  only a reading, shown when it holds.
* A table written one cell a line (项目 / 目标 / 达成 / 差额, then the rows): 差额 is what
  was achieved less the target, either sign.
"""

from __future__ import annotations

import bisect
from typing import Iterator, Optional

import regex

from ..cache import compile_regex
from ..numerals import format_decimal, parse_numeral
from .base import StatedRelation, register
from .figures import Figure, Scope, cue_pattern, cues, has, shares_words
from .growth import based, same_item, values_before
from .interval import Interval
from .show import show

_CLAUSE_MARK = compile_regex(r"[。，；：:]")
_SIGNED_NUMBER = compile_regex(r"(?P<sign>[-－−])?(?P<num>[\d,，.．]+(?:万|亿)?)")
_DIFF_VERBS = ("净增加", "净增", "新增", "增加", "增长", "增产", "提高", "上升", "多出", "多", "增",
               "净减少", "净减", "减少", "减产", "下降", "降低", "少", "减")
_DIFF_SUFFIXES = ("了", "为", "约")
_DIFF_WORD = compile_regex(rf"(?P<verb>{'|'.join(_DIFF_VERBS)})(?:{'|'.join(_DIFF_SUFFIXES)})?$")
# The characters a match of _DIFF_WORD can end with: a figure after any other is no change.
_DIFF_WORD_ENDS = frozenset(w[-1] for w in _DIFF_VERBS + _DIFF_SUFFIXES)
_MAGNITUDE = compile_regex(
    r"(?P<order>(?P<mag>万亿|千亿|百亿|十亿|亿|千万|百万|十万|万)(?:元|美元)?级)(?:的)?(?:跃升|跨越|增长|增量|提升)")
_JOIN = compile_regex(r"[，,、\s]*(?:实现了?|完成了?)?")
_ORDERS = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8,
           "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4}


@register("difference", ("ZJ202",), "a stated change equals the later value less the earlier")
def find(scope: Scope) -> Iterator[StatedRelation]:
    if not scope.figures:
        return
    yield from _stated_changes(scope)
    yield from _against_target(scope)
    yield from _balances(scope)
    yield from _magnitude_jumps(scope)
    yield from _table_differences(scope)


# -- 从A增加到B，增加Δ ------------------------------------------------------------------

def _stated_changes(scope: Scope) -> Iterator[StatedRelation]:
    less = cues("difference")["less"]
    # _DIFF_WORD ends right before d (the sentence has no line break to end it before):
    # a cheap test of the character there first.
    for d in scope.operands_after(_DIFF_WORD_ENDS):
        s0, _ = scope.sentence(d.start)
        m = _DIFF_WORD.search(scope.view, max(s0, d.start - 6), d.start)
        if not m:
            continue
        change = values_before(scope, s0, m.start()) or based(scope, s0, m.start()) \
            or same_item(scope, s0, m.start())
        if change is None or change.earlier is None or change.later.key != d.key:
            continue
        sign = -1 if m.group("verb") in less else 1
        # 新增Δ may count the additions only (new registrations, not less the closures):
        # a reading, shown when it is the net change.
        gross = m.group("verb") in cues("difference")["gross"]
        yield _difference(change.earlier, change.later, d, sign, asserted=change.asserted and not gross)


def _difference(a: Figure, b: Figure, d: Figure, sign: int, asserted: bool = True) -> StatedRelation:
    computed = (b.iv - a.iv).scale(sign)
    expression = f"{b.numeral} − {a.numeral}" if sign > 0 else f"{a.numeral} − {b.numeral}"
    shown = show(computed.mid, d, differ=not computed.meets(d.iv))
    word = "增加" if sign > 0 else "减少"
    return StatedRelation(
        "difference", "ZJ202", d, (("earlier", a), ("later", b)), computed, expression, shown,
        (f"由{a.text}到{b.text}，{word} {expression} = {shown}，与文中 {d.text} 相符",
         f"由{a.text}到{b.text}，{word} {expression} = {shown}，文中写 {d.text}"),
        asserted=asserted)


# -- 实际完成与任务相比亏Δ / 比计划超Δ ---------------------------------------------------

def _against_target(scope: Scope) -> Iterator[StatedRelation]:
    """……实际完成产值20亿元，与任务相比亏3亿元 (任务23亿元 written before): Δ is the
    target less what was done (超/多: what was done less the target).  What was done is the
    nearest figure of Δ's unit before it in its sentence, labelled with a word of doing; the
    target the nearest before that labelled with the cue's own word (任务, 计划 …), about the
    same item (a common two-character word), within the continued paragraph."""
    lex = cues("difference")
    pattern = _target_cue(tuple(lex["target_words"]), tuple(lex["short_words"]), tuple(lex["over_words"]))
    ends = _target_cue_ends(lex["short_words"], lex["over_words"])
    for d in scope.operands_after(ends):
        s0, _ = scope.sentence(d.start)
        m = pattern.search(scope.view, max(s0, d.start - 16), d.start)
        if not m:
            continue
        done = [f for f in scope.figures_in(s0, m.start(), near=m.start())
                if f.key == d.key and not f.open and has(scope.lead(f), lex["done_words"])]
        if not done:
            continue
        b = done[-1]
        start = scope.wrapped_paragraph_start(b.start, cues("growth")["base_reach"])
        target = [f for f in scope.figures_in(start, b.start, near=b.start)
                  if f.key == d.key and not f.open and m.group("target") in scope.lead(f)
                  and shares_words(scope.lead(f), scope.lead(b))]
        if not target:
            continue
        a = target[-1]
        sign = 1 if m.group("verb") in lex["over_words"] else -1
        yield _difference(a, b, d, sign)


def _target_cue_ends(short: list[str], over: list[str]) -> frozenset[str]:
    """The characters a match of :func:`_target_cue` can end with (it ends right before Δ):
    a figure after any other has no target cue."""
    return frozenset(w[-1] for w in short + over) | {"了"}


def _target_cue(targets: tuple, short: tuple, over: tuple) -> regex.Pattern:
    """与任务相比亏 / 比计划少 / 较目标超: the target word and the verb, right before Δ."""
    return compile_regex(
        rf"(?:与|同|比|较)(?P<target>{'|'.join(targets)})(?:数|值)?(?:相比|比较)?[，,]?"
        rf"(?P<verb>{'|'.join(sorted(short + over, key=len, reverse=True))})了?$")


# -- 总收入A … 总支出B … 收支结余Δ ------------------------------------------------------

def _balances(scope: Scope) -> Iterator[StatedRelation]:
    """1、总收入A…… 2、总支出B…… 3、收支结余：Δ: the balance is income less spending,
    signed (a deficit written −1万元).  Only the totals are taken (总收入, 收入合计), never a
    part (其中医疗收入), each the nearest of Δ's unit before it within the continued paragraph
    or the few lines of its list."""
    lex = cues("difference")
    for d in scope.figures:
        if d.kind != "money" or d.open:
            continue
        before = scope.view[max(scope.lo, d.start - 8):d.start]
        if not _BALANCE.search(before):
            continue
        reach = max(scope.lo, d.start - lex["balance_reach"])
        figs = [f for f in scope.figures_in(reach, d.start, near=d.start) if f.key == d.key and not f.open]
        income = next((f for f in reversed(figs) if _ends_with(scope.lead(f), lex["income_totals"])), None)
        spending = next((f for f in reversed(figs) if _ends_with(scope.lead(f), lex["spending_totals"])), None)
        if income is None or spending is None or income.start > spending.start:
            continue
        computed = income.iv - spending.iv
        expression = f"{income.numeral} − {spending.numeral}"
        shown = show(computed.mid, d, differ=not computed.meets(d.iv))
        yield StatedRelation(
            "balance", "ZJ202", d, (("income", income), ("spending", spending)), computed, expression, shown,
            (f"收入{income.text}减支出{spending.text}：{expression} = {shown}，与文中 {d.text} 相符",
             f"收入{income.text}减支出{spending.text}：{expression} = {shown}，文中写 {d.text}"))


# The balance of the period only: a 滚存/累计结余 carries the years before.
_BALANCE = compile_regex(r"(?<!滚存|累计|历年)(?:收支结余|收支差额|收支相抵后?|(?:当期|本期|当年|本年)结余)(?:为|是|[:：])?\s*$")


def _ends_with(text: str, words: list[str]) -> bool:
    text = text.rstrip(" :：为是达")
    return any(text.endswith(w) for w in words)


# -- 从A增长到B、实现万亿级跃升 -------------------------------------------------------------

def _magnitude_jumps(scope: Scope) -> Iterator[StatedRelation]:
    """A jump of the order written (万亿级: [1万亿, 10万亿)), right after 从A…到B."""
    for m in _MAGNITUDE.finditer(scope.view, scope.lo, scope.hi):
        s0, _ = scope.sentence(m.start())
        change = values_before(scope, s0, m.start(), joiner=_JOIN)
        if change is None or change.earlier is None or change.later.kind == "percent":
            continue
        a, b = change.earlier, change.later
        order = _ORDERS[m.group("mag")]
        if b.kind != "money" and not m.group().startswith(m.group("mag")):
            continue
        stated = Figure(b.kind, b.key, Interval(order, order * 10 * (1 - 1e-12)), m.start(), m.end("order"),
                        scope.text[m.start():m.end("order")], m.group("mag"), 0, order)
        computed = b.iv - a.iv
        expression = f"{b.numeral} − {a.numeral}"
        shown = _in_magnitude(computed.mid, m.group("mag"), order, b)
        yield StatedRelation(
            "difference", "ZJ202", stated, (("earlier", a), ("later", b)), computed, expression,
            shown, (f"由{a.text}到{b.text}，增加 {shown}，是{m.group('mag')}级的变化，与文中相符",
                    f"由{a.text}到{b.text}，增加 {shown}，不是{m.group('mag')}级的变化"),
            test="equal", asserted=False)


def _in_magnitude(value: float, word: str, order: float, like: Figure) -> str:
    """1.25万亿 (in the order's own word when the values are written with it), else as
    the later value is written."""
    if word in like.number:
        return f"{format_decimal(value / order, max(like.decimals, 2))}{word}"
    return show(value, like)


# -- a table one cell a line: 目标 / 达成 / 差额 -----------------------------------------

def _table_differences(scope: Scope) -> Iterator[StatedRelation]:
    lex = cues("difference")
    for m in cue_pattern("difference", "difference_columns").finditer(scope.view, scope.lo, scope.hi):
        if not _label(_line_text(scope, m.start()), lex):
            continue  # the word is no header cell (_header asks the same of pos's cell): most are prose
        cells = _cells(scope, m.start(), lex["max_cells"])
        header = _header(cells, m.start(), lex)
        if header is None:
            continue
        first, width = header
        columns = [c[2] for c in cells[first:first + width]]
        target = _column(columns, lex["target_columns"])
        done = _column(columns, lex["done_columns"])
        diff = _column(columns, lex["difference_columns"])
        if None in (target, done, diff):
            continue
        row = first + width
        while row + width <= len(cells) and not _number(cells[row][2]):
            values = [_figure(scope, cells[row + i]) for i in (target, done, diff)]
            if None in values:
                break
            a, b, d = values
            computed = _absolute(b.iv - a.iv)
            yield StatedRelation(
                "difference", "ZJ202", _absolute_figure(d), (("target", a), ("done", b)), computed,
                f"{b.numeral} − {a.numeral}", show(computed.mid, d),
                (f"差额 {b.numeral} − {a.numeral} 与表中 {d.text} 相符",
                 f"差额应为 {b.numeral} − {a.numeral} = {show(computed.mid, d, differ=True)}，表中写 {d.text}"))
            row += width


def _line_text(scope: Scope, pos: int) -> str:
    """The line holding ``pos`` within the document, stripped: the cell of ``pos`` that
    :func:`_cells` makes."""
    index = scope.report.index
    line = bisect.bisect_right(index.starts, pos)
    return _cell(scope, *_line_span(scope, line))[2]


def _line_span(scope: Scope, line: int) -> tuple[int, int]:
    """Line ``line`` (1-based) as offsets, cut to the document."""
    index = scope.report.index
    return max(index.line_start(line), scope.lo), min(index.line_end(line), scope.hi)


def _cell(scope: Scope, a: int, b: int) -> tuple[int, int, str]:
    """``view[a:b]`` stripped, and where the stripped text starts and ends."""
    text = scope.view[a:b].strip()
    lead = len(scope.view[a:b]) - len(scope.view[a:b].lstrip())
    return a + lead, a + lead + len(text), text


def _cells(scope: Scope, pos: int, reach: int) -> list[tuple[int, int, str]]:
    """The non-empty lines around ``pos`` (at most ``reach`` on either side), stripped."""
    index = scope.report.index
    line = bisect.bisect_right(index.starts, pos)  # 1-based line of pos
    found: list[tuple[int, int, str]] = []
    for step in (-1, 1):
        at, taken = line if step > 0 else line - 1, 0
        while 1 <= at <= len(index.starts) and taken < reach:
            a, b = _line_span(scope, at)
            if a >= scope.hi or b <= scope.lo:
                break
            cell = _cell(scope, a, b)
            if cell[2]:
                found.append(cell)
                taken += 1
            at += step
    return sorted(found)


def _header(cells: list[tuple[int, int, str]], pos: int, lex: dict) -> Optional[tuple[int, int]]:
    """The run of short word cells holding ``pos``: (index of its first cell, width)."""
    here = next((i for i, c in enumerate(cells) if c[0] <= pos < c[1]), None)
    if here is None or not _label(cells[here][2], lex):
        return None
    first = here
    while first > 0 and _label(cells[first - 1][2], lex):
        first -= 1
    last = here
    while last + 1 < len(cells) and _label(cells[last + 1][2], lex):
        last += 1
    if last + 1 < len(cells) and _number(cells[last + 1][2]) and not _is_column(cells[last][2], lex):
        last -= 1  # the first row's label (年度首年期) follows the header: its next cell is a number
    width = last - first + 1
    return (first, width) if width >= 3 else None


def _label(text: str, lex: dict) -> bool:
    return len(text) <= lex["max_label"] and _number(text) is None and not _CLAUSE_MARK.search(text)


def _is_column(text: str, lex: dict) -> bool:
    names = lex["target_columns"] + lex["done_columns"] + lex["difference_columns"] + lex["other_columns"]
    return any(text == n or text.startswith(n) for n in names)


def _column(columns: list[str], names: list[str]) -> Optional[int]:
    """The column named exactly so (完成, not 完成率)."""
    return next((i for i, c in enumerate(columns) if c in names), None)


def _number(text: str) -> Optional[tuple[float, Interval, int]]:
    """A cell that is one number (2576, -12, 3.5万): its value, interval and decimals."""
    m = _SIGNED_NUMBER.fullmatch(text)
    if not m:
        return None
    n = parse_numeral(m.group("num"))
    if n is None or n.high is None:
        return None
    if m.group("sign"):
        return -n.value, Interval(-n.high, -n.low), n.decimals
    return n.value, Interval(n.low, n.high), n.decimals


def _figure(scope: Scope, cell: tuple[int, int, str]) -> Optional[Figure]:
    parsed = _number(cell[2])
    if parsed is None:
        return None
    value, iv, decimals = parsed
    return Figure("count", ("count", ""), iv, cell[0], cell[1], scope.text[cell[0]:cell[1]],
                  scope.text[cell[0]:cell[1]], decimals, value)


def _absolute(iv: Interval) -> Interval:
    """|x| over an interval: 差额 is written with or without its sign."""
    if iv.lo >= 0:
        return iv
    if iv.hi <= 0:
        return Interval(-iv.hi, -iv.lo)
    return Interval(0.0, max(-iv.lo, iv.hi))


def _absolute_figure(f: Figure) -> Figure:
    if f.iv.lo >= 0:
        return f
    return Figure(f.kind, f.key, _absolute(f.iv), f.start, f.end, f.text, f.number, f.decimals, abs(f.value))
