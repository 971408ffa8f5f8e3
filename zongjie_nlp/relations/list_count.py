"""A declared number of items against the list that follows: 以下五项工作：（一）…（二）…,
三个方面：一是…二是….

Checked only when the declaration ends with a colon or a line end (or follows 以下/如下/
下列) and a numbered run starts right after it; fewer items than declared with a next item
in a form the outline does not know (三要…, 最后，…) is left alone.
"""

from __future__ import annotations

import bisect
from typing import Iterator, Optional

import regex

from ..numerals import parse_numeral, to_chinese
from .base import StatedRelation, register
from .figures import MAX_LIST, MAX_PARAGRAPH, Figure, Scope
from .interval import Interval

_DECLARED = regex.compile(
    r"(?P<n>[一二两三四五六七八九十]{1,2}|[1-9]\d?)"
    r"(?P<cls>个方面|方面|项|条|点|类|大|个)(?P<noun>\p{Han}{0,6}?)(?:[：:]|(?=\n))")
_NUMBER_BEFORE = regex.compile(r"[\d一二两三四五六七八九十百千万第]")


@register("list-count", ("ZJ208",), "a declared number of items equals the items listed")
def find(scope: Scope) -> Iterator[StatedRelation]:
    nodes = list(scope.document.nodes())
    if not nodes:
        return
    node_starts = [n.start for n in nodes]
    for m in _DECLARED.finditer(scope.view, scope.lo, scope.hi):
        if m.start("n") and _NUMBER_BEFORE.match(scope.view[m.start("n") - 1]):
            continue
        colon = scope.view[m.end() - 1] in "：:"
        if not (colon or scope.view[max(scope.lo, m.start() - 2):m.start()] in ("以下", "如下", "下列")):
            continue
        n = parse_numeral(m.group("n"))
        if n is None:
            continue
        items = _items_after(scope, nodes, node_starts, m.end())
        if items is None or (len(items) < n.value and _more_items_follow(scope, items[-1])):
            continue
        yield declared_count(scope, m.start("n"), m.end("cls"), m.group("n"), int(n.value), items)


def declared_count(scope: Scope, start: int, end: int, numeral: str, declared: int, items: list) -> StatedRelation:
    """The relation between a declaration (三项, 四个) and the items listed (outline nodes
    or figures with ``start``/``end``)."""
    words = scope.text[start:end]
    stated = Figure("count", ("items",), Interval.exact(declared), start, end, words, numeral, 0, declared)
    listed = len(items)
    operands = tuple(("item", Figure("count", ("items",), Interval.exact(1), i.start, i.end,
                                     scope.text[i.start:i.end], "1", 0, 1)) for i in items)
    return StatedRelation(
        "list-count", "ZJ208", stated, operands, Interval.exact(listed), f"列出 {listed} 项", "",
        (f"声明{words}，其后列出 {listed} 项，相符", f"声明{words}，其后实际列出 {listed} 项"),
        stated_role="declared", legacy=(("declared", declared), ("listed", listed)))


def _items_after(scope: Scope, nodes: list, node_starts: list[int], at: int) -> Optional[list]:
    """The numbered run that starts right after ``at`` (1, 2, 3 … of one style); None when
    no run starts there or its numbering is irregular."""
    i = bisect.bisect_left(node_starts, at)
    if i >= len(nodes) or nodes[i].number != 1 or scope.view[at:nodes[i].start].strip() != "":
        return None
    first = nodes[i]
    run = [first]
    for node in nodes[i + 1:i + MAX_LIST]:
        if node.level > first.level:
            continue
        if node.level < first.level or node.style != first.style:
            break
        if node.number == 1:
            break
        if node.number != len(run) + 1:
            return None  # a gap or a repeat: the numbering check speaks, not this one
        run.append(node)
    return run


def _more_items_follow(scope: Scope, last) -> bool:
    """Fewer items than declared: is the next one there in a form the outline does not
    know (三要…, 最后，…, 此外)?  Then the list may well be complete: stay silent."""
    count = last.number
    end = min(last.body_end, scope.hi, last.end + MAX_PARAGRAPH)
    following = scope.view[last.end:end]
    ordinal = to_chinese(count + 1)
    return bool(regex.search(rf"(?:^|[。；;，,\s]){ordinal}[要则是来、，.．]|(?:^|[。；;，,\s])(?:最后|此外|另外|再次|第{ordinal})"
                             rf"|(?:^|[。；;\s]){count + 1}[.．、]", following))
