"""Levels of outline points: the standard's hierarchy as a prior, the document's own order as evidence.

GB/T 9704-2012 §7.3.3 orders the numbered styles 一、 > （一） > 1. > （1）; Taiwan documents put
壹、 above them and A. below.  A reader uses that order to place a point whose context is missing
(an excerpt that starts at （三）, a report whose first line is 二、) and uses the document's own
order everywhere else: a 1. list opened under 一、 sits under it, a 一、 written under （二） (a
misused style) is a sub-point there, and a new 一、 after a part heading starts that part's points.

Enumerations (一是…, 第一…, 首先…) are not levels of the hierarchy: each series sits one level below
the point, or unnumbered heading, whose section holds it.  Unnumbered headings take the level of the
numbered style they stand in for (see :func:`_heading_levels`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional

# Smaller rank = higher in the hierarchy.
CANONICAL_RANK = {
    "chapter": -1,       # 第一章 / 第一部分
    "cn-cap-dun": 0,     # 壹、 (Taiwan level 1)
    "cn-dun": 1,         # 一、
    "paren-cn": 2,       # （一）
    "arabic": 3,         # 1. 1、
    "paren-arabic": 4,   # （1） ⑴
    "bracket-arabic": 4,  # ［1］ [1] 【1】 (glossaries, notes)
    "circled": 5,        # ①
    "paren-roman": 5,    # (i) (Hong Kong)
    "latin": 6,          # A. (Taiwan level 6)
}
ENUMERATION_STYLES = ("cn-shi", "di", "seq")
HEADING_STYLES = ("line", "dash", "docx-style", "bold")
# A paragraph that opens by addressing the audience (各位代表！) steps back from the sub-point
# before it: what follows belongs to the top-level section again.  Not a point itself.
ADDRESS = "address"


@dataclass
class DraftNode:
    """An outline point while levels and the tree are being worked out."""

    marker: str
    number: int
    style: str
    start: int
    end: int
    title: str
    inline: bool
    paragraph_end: int = 0  # end of the line (paragraph) holding the point
    level: int = 0
    run_in: bool = False  # found after a sentence end inside a line; kept only where a series goes on
    children: list["DraftNode"] = field(default_factory=list)
    body_end: int = 0

    def __post_init__(self) -> None:
        # Plain attributes, not properties: they are read for every point in every pass.
        self.is_heading = self.style in HEADING_STYLES
        self.is_enumeration = self.style in ENUMERATION_STYLES
        self.is_numbered = not self.is_heading and not self.is_enumeration and self.style != ADDRESS

    @property
    def takes_level(self) -> bool:
        """Numbered points and enumerations that open their line (一是 ⏎ （1）… ⏎ 二是) form the
        hierarchy; an enumeration inside a paragraph hangs below it."""
        return self.is_numbered or (self.is_enumeration and not self.inline)


class _Series:
    """An open series of points: its style, the last number seen and its level."""

    __slots__ = ("style", "last", "level")

    def __init__(self, style: str, last: int, level: int) -> None:
        self.style = style
        self.last = last
        self.level = level


def assign_levels(points: list[DraftNode]) -> list[DraftNode]:
    """Set every point's level and nest the points into a tree; returns the roots."""
    numbered = [p for p in points if p.takes_level]
    _number_levels(points, numbered)
    _heading_levels(points)
    return _nest(points)


def _number_levels(points: list[DraftNode], numbered: list[DraftNode]) -> None:
    """Levels of the points that take one, with a stack of the open series: a point goes on
    the innermost series it continues, opens a new one under the innermost point, or (when
    nothing above it is open) takes the level the standard's order gives it."""
    stack: list[_Series] = []
    after_heading = False
    order = {id(p): i for i, p in enumerate(numbered)}  # the points that take a level, by identity
    later = _LaterStarts(numbered)
    for point in points:
        if point.is_heading:
            after_heading = True
            continue
        if point.style == ADDRESS:
            del stack[1:]
            continue
        at = order.get(id(point))
        if at is None:
            continue  # a point that takes no level (an enumeration inside a paragraph)
        style, n = point.style, point.number
        restart_allowed, after_heading = after_heading, False
        open_at = [i for i, s in enumerate(stack) if s.style == style]
        continuing = None  # the innermost open series of the style that this point goes on
        for i in reversed(open_at):  # (a loop, not next() over a generator: it runs for every point)
            if stack[i].last + 1 == n:
                continuing = i
                break
        if open_at and n == 1 and restart_allowed:
            i = open_at[0]  # a part heading restarts its points: 一、 after 2026年重点工作
            del stack[i:]
            level = stack[-1].level + 1 if stack else later.start_level(at)
        elif continuing is not None:
            del stack[continuing + 1:]
            stack[-1].last = n
            point.level = stack[-1].level
            continue
        elif n == 1 and stack and stack[-1].style == style:
            level = stack.pop().level  # a second list of the same kind under the same point
        elif n == 1 and open_at and _restarts(numbered, at, stack, open_at[-1]):
            i = open_at[-1]
            level = stack[i].level
            del stack[i:]
        elif n == 1 and stack:
            level = stack[-1].level + 1  # a new series opens under the innermost point
        elif open_at:
            i = open_at[-1]  # a gap (（二）→（四）): still the same series
            del stack[i + 1:]
            stack[-1].last = n
            point.level = stack[-1].level
            continue
        else:
            rank = CANONICAL_RANK.get(style, 9)
            while stack and CANONICAL_RANK.get(stack[-1].style, 9) >= rank:
                stack.pop()
            level = stack[-1].level + 1 if stack else later.start_level(at)
        point.level = level
        stack.append(_Series(style, n, level))


class _LaterStarts:
    """Where each style next appears after a point, by bisecting per-style position lists: the
    level of a point that opens with nothing above it is then found in constant time, not by
    scanning the rest of the document (which made a long alternation of （三） and 四、 quadratic)."""

    def __init__(self, numbered: list[DraftNode]) -> None:
        self.numbered = numbered
        self.at: dict[str, list[int]] = {}
        for i, point in enumerate(numbered):
            self.at.setdefault(point.style, []).append(i)

    def start_level(self, at: int) -> int:
        """1, unless a style higher in the standard's hierarchy appears later starting mid-way
        (（三）… then 四、: the text began inside a 三、 that is not there, so （三） is a second-level
        point)."""
        rank = CANONICAL_RANK.get(self.numbered[at].style, 9)
        level = 1
        for style, positions in self.at.items():
            if CANONICAL_RANK.get(style, 9) >= rank:
                continue
            k = bisect.bisect_right(positions, at)
            if k < len(positions) and self.numbered[positions[k]].number != 1:
                level += 1
        return level


def _restarts(numbered: list[DraftNode], at: int, stack: list[_Series], open_index: int) -> bool:
    """A new 1 of a style already open higher up: a restart of that series (a new part without a
    heading), unless the series between them goes on afterwards, which shows the new point was
    written inside them (一、 misused under （二）, followed by （三））."""
    between = {s.style: s.last for s in stack[open_index + 1:]}
    style = numbered[at].style
    for later in numbered[at + 1:]:
        if later.style in between:
            return later.number != between[later.style] + 1
        if later.style == style and later.number == 1:
            break
    return True


def _heading_levels(points: list[DraftNode]) -> None:
    """The level of the numbered style each unnumbered heading stands in for: the level of the
    series it opens (the next numbered point, when that starts at 1), else one below the
    numbered point whose section holds it, else 1.  One pass each way."""
    following: list[Optional[DraftNode]] = [None] * len(points)
    next_numbered = None
    for i in range(len(points) - 1, -1, -1):
        following[i] = next_numbered
        if points[i].is_numbered:
            next_numbered = points[i]
    previous = None
    for i, point in enumerate(points):
        if point.is_heading:
            after = following[i]
            if after is not None and after.number == 1:
                point.level = after.level
            else:
                point.level = previous.level + 1 if previous is not None else 1
        elif point.is_numbered:
            previous = point


def _nest(points: list[DraftNode]) -> list[DraftNode]:
    """Headings, numbered points and enumerations that open a line nest by level.  An enumeration
    inside a paragraph goes under the last line point before it, or beside it when it goes on
    that point's own series (a paragraph that opens with 一是 and goes on with 二是)."""
    roots: list[DraftNode] = []
    path: list[DraftNode] = []  # the open line points, outermost first
    parent_of: dict[int, Optional[DraftNode]] = {}
    last_line: Optional[DraftNode] = None
    for point in points:
        if point.style == ADDRESS:
            del path[1:]
            last_line = path[0] if path else None
            continue
        if point.is_enumeration and point.inline:
            parent = last_line
            if parent is not None and parent.is_enumeration and parent.style == point.style:
                parent = parent_of.get(id(parent))
            siblings = parent.children if parent is not None else roots
            point.level = parent.level + 1 if parent is not None else 1
            siblings.append(point)
            _number_last(point, siblings)
            continue
        while path and path[-1].level >= point.level:
            path.pop()
        parent = path[-1] if path else None
        if point.is_enumeration and parent is not None and point.level != parent.level + 1:
            point.level = parent.level + 1
        siblings = parent.children if parent is not None else roots
        siblings.append(point)
        _number_last(point, siblings)
        parent_of[id(point)] = parent
        path.append(point)
        last_line = point
    return roots


def _number_last(point: DraftNode, siblings: list[DraftNode]) -> None:
    """最后 numbers one past the previous 首先/其次/再次 sibling of the same kind."""
    if point.style == "seq" and point.number == 0:
        previous = [s for s in siblings[:-1] if s.style == "seq" and s.inline == point.inline]
        point.number = previous[-1].number + 1 if previous else 1


def set_body_ends(nodes: list[DraftNode], end: int) -> None:
    """A point's section runs to its next sibling that opens a line (or its parent's end); an
    inline enumeration's to the next one of its series, at most the end of its paragraph."""
    line_nodes = [n for n in nodes if not n.inline]
    for i, node in enumerate(line_nodes):
        node.body_end = line_nodes[i + 1].start if i + 1 < len(line_nodes) else end
        set_body_ends(node.children, node.body_end)
    inline = [n for n in nodes if n.inline]
    for i, node in enumerate(inline):
        node.body_end = node.paragraph_end
        if i + 1 < len(inline) and inline[i + 1].start < node.body_end:
            node.body_end = inline[i + 1].start
