"""Numbering checks on the parsed outline (GB/T 9704-2012 §7.3.3 and 序次语 practice).

Sibling points of one style must count 1, 2, 3… without gaps or repeats; one level keeps
one way of writing its marker; markers follow the 公文 forms 一、 （一） 1. （1）.
"""

from __future__ import annotations

import bisect
from collections import Counter
from functools import lru_cache
from typing import Iterable, Optional

import regex

from ..cache import compile_regex
from ..levels import CANONICAL_RANK
from ..model import Fix, Occurrences, OutlineNode
from ..numerals import to_chinese
from .base import Context




class _Page:
    """What the gap checks look up across the page, built once: the offsets of the page's
    “此处隐藏…” notes and each document's points by offset (a scan of the page per gap was
    quadratic on pages of thousands of documents).  Each document's points are listed once
    here, in document order too, for the checks of every point (a walk of its outline each).
    Points are sorted by offset only for a document that asks (a gap with a point in another
    style between): most documents never do."""

    def __init__(self, report) -> None:
        self.hidden = [b.start for b in report.boilerplate if b.kind == "hidden-text"]  # in text order
        self.doc_starts = [doc.start for doc in report.documents]
        self.nodes: list[list[OutlineNode]] = [list(doc.nodes()) for doc in report.documents]
        # per document index, once asked: (starts, nodes) of its points, in text order
        self.points: dict[int, tuple[list[int], list[OutlineNode]]] = {}

    def hidden_between(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.hidden, start)
        return i < len(self.hidden) and self.hidden[i] < end

    def points_between(self, anchor: int, start: int, end: int) -> list[OutlineNode]:
        """The points of the document holding ``anchor`` that begin in ``[start, end)``."""
        d = bisect.bisect_right(self.doc_starts, anchor) - 1
        if d < 0:
            return []
        if d not in self.points:
            by_start = sorted(self.nodes[d], key=lambda n: n.start)
            self.points[d] = ([n.start for n in by_start], by_start)
        starts, nodes = self.points[d]
        return nodes[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]


def run(ctx: Context) -> None:
    page = _Page(ctx.report)
    for doc, nodes in zip(ctx.report.documents, page.nodes):
        # A text whose very first line is 二、 with no title above is the middle of a document
        # (an excerpt, a second page): its first point is elsewhere, not missing.
        cut_at = None if doc.title else doc.start
        for kind, start, outline in doc.outlines():  # numbering restarts in every annex and glossary
            _check_siblings(ctx, page, list(outline), doc.start if kind == "body" else start,
                            cut_at if kind == "body" else None)
        forms: dict[str, list[tuple[int, int, int, int, str, str]]] = {}
        for node in nodes:
            if node.children:  # (both check a point's children: most points have none)
                _check_siblings(ctx, page, list(node.children), node.start)
                _check_inverted(ctx, node)
            fix = _marker_fix(node.style, node.marker)
            if fix is not None:
                rule_id, replacement, message = fix
                forms.setdefault(rule_id, []).append(
                    (node.start, node.start + len(node.marker), node.line, node.col, replacement, message))
        for rule_id, hits in forms.items():
            _emit_form(ctx, rule_id, hits)


def _emit_form(ctx: Context, rule_id: str, hits: list[tuple[int, int, int, int, str, str]]) -> None:
    """Marker-form findings are repetitive (every 1、 in a document): one finding per rule
    and document, at the first marker, with every occurrence and its fix in ``details``.
    ``hits``: (start, end, line, col, replacement, message) of each marker; its line and column
    are its point's, which the outline read from the page's line index at the same offset."""
    start, end, _, _, replacement, message = hits[0]
    if len(hits) > 1:
        message += f"（本篇共 {len(hits)} 处）"
    text = ctx.text
    details = Occurrences((s, e, line, col, text[s:e], r) for s, e, line, col, r, _ in hits)
    ctx.emit(rule_id, start, end, message, fix=Fix(start, end, replacement), details=details)


def _series(nodes: Iterable[OutlineNode]) -> dict[tuple[str, bool], list[OutlineNode]]:
    """Siblings grouped by marker style; unnumbered headings have no numbering to check."""
    groups: dict[tuple[str, bool], list[OutlineNode]] = {}
    for node in nodes:
        if not node.marker:
            continue
        groups.setdefault((node.style, node.inline), []).append(node)
    return groups


def _check_siblings(ctx: Context, page: _Page, nodes: list[OutlineNode], parent_start: int,
                    cut_at: Optional[int] = None) -> None:
    """``parent_start``: where the point (or document) holding these nodes begins."""
    for (style, inline), series in _series(nodes).items():
        if inline:
            series_list = _inline_runs(series)
        else:
            series_list = [series]
        for run_nodes in series_list:
            _check_sequence(ctx, page, run_nodes, inline, parent_start, cut_at)
        if not inline:
            _check_variants(ctx, series)
            if len(series) == 1 and style == "cn-dun" and series[0].level == 1 and series[0].number == 1:
                node = series[0]
                ctx.emit("ZJ109", node.start, node.start + len(node.marker),
                         f"“{node.marker}”之后没有同级的第二项")


def _check_inverted(ctx: Context, parent: OutlineNode) -> None:
    """A series written in a style the standard puts above its parent's (一、 under （二）): once
    per series, at its first point."""
    if not parent.marker or parent.style not in CANONICAL_RANK:
        return
    seen = set()
    for child in parent.children:
        if child.inline or not child.marker or child.style in seen or child.style not in CANONICAL_RANK:
            continue
        seen.add(child.style)
        if CANONICAL_RANK[child.style] < CANONICAL_RANK[parent.style]:
            ctx.emit("ZJ111", child.start, child.start + len(child.marker),
                     f"“{child.marker}”用在“{parent.marker}”之下：这一层应使用比“{parent.marker}”低一层的序号")


def _inline_runs(series: list[OutlineNode]) -> list[list[OutlineNode]]:
    """Inline series restart at 1 in each paragraph: split where the number goes back to 1.
    Inside a paragraph a series may nest (一是…：一是…二是…。二是…): a number that continues
    an enclosing series closes the nested one instead of repeating it."""
    runs: list[list[OutlineNode]] = []
    open_runs: list[list[OutlineNode]] = []
    for node in series:
        if open_runs and node.line != open_runs[-1][-1].line:
            open_runs = []  # a new paragraph
        if not open_runs or node.number == 1:
            run = [node]
            runs.append(run)
            open_runs.append(run)
            continue
        for depth in range(len(open_runs) - 1, -1, -1):
            if open_runs[depth][-1].number + 1 == node.number:
                del open_runs[depth + 1:]
                open_runs[depth].append(node)
                break
        else:
            open_runs[-1].append(node)
    return runs


def _check_sequence(ctx: Context, page: _Page, series: list[OutlineNode], inline: bool, parent_start: int,
                    cut_at: Optional[int] = None) -> None:
    """Gaps, repeats and reversals.  ``expected`` advances one per point, so after a repeat
    (（二）（二）（四）) the next point is judged against its position, not reported twice.
    ``cut_at``: where a text that starts mid-document begins."""
    previous, expected = None, 0
    for node in series:
        span = (node.start, node.start + len(node.marker))
        if previous is None:
            if (node.number != 1 and not inline and node.style != "seq" and node.start != cut_at
                    and not _run_in(ctx, node, range(1, node.number), parent_start, node.start)):
                ctx.emit("ZJ103", *span, f"这一组编号从“{node.marker}”开始，没有第 1 项")
            previous, expected = node, node.number
            continue
        expected += 1
        if node.number == previous.number:
            ctx.emit("ZJ102", *span, f"编号重复：“{previous.marker}”（第 {previous.line} 行）之后又是“{node.marker}”")
        elif node.number < previous.number:
            ctx.emit("ZJ102", *span, f"编号倒退：“{previous.marker}”之后是“{node.marker}”")
        elif (node.number > previous.number + 1 and node.number != expected and not page.hidden_between(previous.start, node.start)
              and not _run_in(ctx, node, range(previous.number + 1, node.number), previous.start, node.start)):
            missing = list(range(previous.number + 1, node.number))
            misstyled = _misstyled_between(page, previous, node, missing)
            if misstyled is not None:
                ctx.emit("ZJ104", misstyled.start, misstyled.start + len(misstyled.marker),
                         f"“{misstyled.marker}”与同级的“{previous.marker}”“{node.marker}”写法不同，应为同一种编号")
            else:
                ctx.emit("ZJ101", *span,
                         f"编号跳号：“{previous.marker}”之后是“{node.marker}”，缺少第 {'、'.join(map(str, missing))} 项",
                         details=[{"previous_line": previous.line, "missing": missing}])
            expected = node.number
        previous = node


_RUN_IN_LEAD = r"(?<=[，,。；;：:！？!?])[ \t\u3000]*"
_RUN_IN_FORMS = {  # a point written inside a line, after a punctuation mark (…作用,一、深入学习…)
    "cn-dun": lambda n: _RUN_IN_LEAD + regex.escape(to_chinese(n)) + "[、.．]",
    "paren-cn": lambda n: _RUN_IN_LEAD + r"[（(]" + regex.escape(to_chinese(n)) + r"[）)]",
    "arabic": lambda n: _RUN_IN_LEAD + str(n) + "[、.．](?![0-9])",
    "paren-arabic": lambda n: _RUN_IN_LEAD + rf"[（(]{n}[）)]",
}


def _run_in(ctx: Context, node: OutlineNode, numbers: range, lo: int, hi: int) -> bool:
    """Whether every missing point is there after all, run in after a punctuation mark inside
    a line (a heading whose line break was lost): then nothing is missing."""
    if node.style not in _RUN_IN_FORMS or len(numbers) > 3:
        return False
    between = ctx.view[lo:hi]  # (a slice: the lookbehind must not see the text before lo)
    return all(_run_in_pattern(node.style, n).search(between) for n in numbers)


@lru_cache(maxsize=256)
def _run_in_pattern(style: str, number: int) -> regex.Pattern:
    """The pattern of point ``number`` of ``style`` run in after a punctuation mark, compiled
    once (a gap asks for the same few numbers again and again)."""
    return regex.compile(_RUN_IN_FORMS[style](number))


def _misstyled_between(page: _Page, previous: OutlineNode, node: OutlineNode, missing: list[int]):
    """（一）（二）（3）（四）: the missing point is there, written in another style.  (A page
    that hid text between two points, ……此处隐藏1695个字……, is not asked: the points in between
    are in what it hid.)"""
    if len(missing) != 1:
        return None
    for other in page.points_between(previous.start, previous.end, node.start):
        if other.number == missing[0] and other.style != node.style and not other.inline:
            return other
    return None


_NUMERAL_IN_MARKER = compile_regex(r"[0-9０-９]+|[零〇一二三四五六七八九十百两兩]+|[①-⑳⑴-⒇]")
_TRAILING_PUNCT = compile_regex(r"[、.．，,]$")


@lru_cache(maxsize=4096)  # a page repeats a few dozen markers (一、 （二） 3.) thousands of times
def _shape(marker: str) -> str:
    """The marker's form with the numeral abstracted: （一）、 → （N）、.  A line break inside a
    marker (（⏎三）) is a paste artefact, not another form."""
    return _NUMERAL_IN_MARKER.sub("N", "".join(marker.split()))


def _check_variants(ctx: Context, series: list[OutlineNode]) -> None:
    if len(series) < 2 or series[0].style in ("cn-shi", "di", "seq"):
        return
    node_shapes = [_shape(n.marker) for n in series]
    if node_shapes.count(node_shapes[0]) == len(node_shapes):
        return  # one shape (the usual case): nothing to count
    shapes = Counter(node_shapes)
    top = max(shapes.values())
    first = node_shapes[0]
    usual = first if shapes[first] == top else shapes.most_common(1)[0][0]
    for node, shape in zip(series, node_shapes):
        if shape != usual:
            ctx.emit("ZJ104", node.start, node.start + len(node.marker),
                     f"同级编号写法不一致：同级多写作“{_example(series, usual)}”，此处为“{node.marker}”")


def _example(series: list[OutlineNode], shape: str) -> str:
    return next(n.marker for n in series if _shape(n.marker) == shape)


@lru_cache(maxsize=4096)  # every point asks, and a page repeats a few dozen markers thousands of times
def _marker_fix(style: str, marker: str) -> Optional[tuple[str, str, str]]:
    """(rule, replacement, message) when a marker of ``style`` is not in its 公文 form (a
    finding at the marker, its fix the replacement), else None."""
    if style in ("paren-cn", "paren-arabic", "circled"):
        trailing = _TRAILING_PUNCT.search(marker)
        core = marker[:-1] if trailing else marker
        fixed = _full_width_brackets(core)
        if trailing:
            return "ZJ105", fixed, f"“{marker}”中{'圈码' if style == 'circled' else '括号'}后不加“{trailing.group()}”，应写作“{fixed}”"
        if "(" in core or ")" in core:
            return "ZJ106", fixed, f"编号“{marker}”用了半角括号，应为“{fixed}”"
    elif style == "arabic" and marker.endswith("、"):
        return "ZJ107", marker[:-1] + ".", f"“{marker}”公文写作“{marker[:-1]}.”"
    elif style == "cn-dun" and not marker.endswith("、"):
        return "ZJ108", marker[:-1] + "、", f"“{marker}”应写作“{marker[:-1]}、”"
    return None


def _full_width_brackets(text: str) -> str:
    return text.replace("(", "（").replace(")", "）")
