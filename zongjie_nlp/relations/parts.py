"""Parts of a total: 共X，其中A、B → A + B ≤ X; = X when the parts are exhaustive.

Exhaustive: 男/女, 已建/未建, a 其余 item, or 分别为 right after the total.  Subsets that
may overlap (学历 and 职称, thresholds such as 60岁以上) are not summed.  A sentence that
starts with 其中 speaks of the previous sentence's total; which of its figures is meant
is not said, so only a reading that adds up exactly is shown.
"""

from __future__ import annotations

from typing import Iterator

import regex

from .base import StatedRelation, register
from .figures import Figure, Scope, cues, has, operands, shares_words
from .interval import total as interval_total
from .show import show

_PARTS_TRIGGER = regex.compile(r"其中|分别[为是]")
_ITEM_STOPS = set("、，,；;：:。！？!?\n")
_HAN = regex.compile(r"\p{Han}")
_NESTED = regex.compile(r"中[有已]")


@register("parts", ("ZJ203",), "parts of a total add up to at most the total")
def find(scope: Scope) -> Iterator[StatedRelation]:
    if not scope.figures:
        return
    for m in _PARTS_TRIGGER.finditer(scope.view, scope.lo, scope.hi):
        s0, s1 = scope.sentence(m.start())
        after = [f for f in operands(scope.figures_in(m.end(), s1, near=m.end())) if not scope.per_unit(f)]
        if not after:
            continue
        at_start = not _HAN.search(scope.view, s0, m.start())
        for key in dict.fromkeys(f.key for f in after):
            parts = parts_list(scope, [f for f in after if f.key == key], m.end())
            if at_start:
                yield from _parts_of_previous(scope, parts, m.start())
                break
            totals = [f for f in operands(scope.figures_in(s0, m.start(), near=m.start()), key) if not scope.per_unit(f)]
            if totals and parts:
                total = totals[-1]
                # 共召开会议24次，分别为…: a list right after the total is all of it.
                listed = m.group().startswith("分别") and not scope.view[total.end:m.start()].strip("，, ")
                yield from _check_parts(scope, total, parts, exhaustive_list=listed)
                break


def parts_list(scope: Scope, figures: list[Figure], start: int) -> list[Figure]:
    """The enumeration right after 其中: the items of its own clause (A、B、C), then later
    clauses only while they are parallel to the first item (男职工…，女职工…; 已建…，未建…)
    or say "the rest" (其余…).  A clause about something else (…，已整改318项) ends it, and
    so does a nested 其中/…中有 (a part of a part)."""
    _, clause_end = scope.clause(start)
    parts: list[Figure] = []
    first = ""
    for fig in figures:
        between = scope.view[start:fig.start]
        if parts and ("其中" in between or _NESTED.search(between)):
            break
        label = item_label(scope, fig)
        if parts and fig.start >= clause_end and not (
                _parallel(first, label) or has(label, cues("remainder")["rest_cues"])):
            break
        if not parts:
            first = label
        parts.append(fig)
        start = fig.end
    return parts


def _parallel(a: str, b: str) -> bool:
    return shares_words(a, b) or _exhaustive([a, b], False)


def item_label(scope: Scope, fig: Figure) -> str:
    """The item's words around the figure: 专任教师 in 、专任教师108人、; 超过50万元的村 in
    其中超过50万元的村3个 (the words after a figure, up to the item's end, count too)."""
    i = fig.start
    while i > scope.lo and fig.start - i < 40 and scope.view[i - 1] not in _ITEM_STOPS:
        i -= 1
    j = fig.end
    while j < scope.hi and j - fig.end < 8 and scope.view[j] not in _ITEM_STOPS:
        j += 1
    words = scope.view[i:fig.start] + scope.view[fig.end:j]
    return words.removeprefix("其中")


def _disjoint(labels: list[str]) -> bool:
    """Could the parts overlap?  Not when all speak along one dimension (or none) and no
    threshold (以上/以下) nests one in another."""
    lex = cues("parts")
    if any(has(lab, lex["threshold_words"]) for lab in labels):
        return False
    dims = set()
    for lab in labels:
        found = {d for d, words in lex["dimensions"].items() if has(lab, words)}
        dims.add(frozenset(found))
    return len(dims) == 1


def _exhaustive(labels: list[str], rest_cue: bool) -> bool:
    if rest_cue:
        return True
    if len(labels) != 2:
        return False
    a, b = labels
    for x, y in cues("parts")["exhaustive_pairs"]:
        if (x in a and y in b and y not in a) or (y in a and x in b and y not in b):
            return True
    return False


def _check_parts(scope: Scope, total: Figure, parts: list[Figure], exhaustive_list: bool) -> Iterator[StatedRelation]:
    labels = [item_label(scope, f) for f in parts]
    rest_cue = has(labels[-1], cues("remainder")["rest_cues"])
    span = (total.start, parts[-1].end)
    names = " + ".join(f.numeral for f in parts)
    for part in parts:
        if part.iv.lo > total.iv.hi:
            yield StatedRelation("part", "ZJ203", total, (("part", part),), part.iv, part.numeral, "",
                                 ("", f"其中 {part.text} 超过总数 {total.text}"),
                                 test="at-most", span=span, stated_role="total", legacy=(("total", total.value),))
            return
    if len(parts) < 2:
        yield StatedRelation("parts", "ZJ203", total, (("part", parts[0]),), parts[0].iv, parts[0].numeral, "",
                             (f"其中 {parts[0].text} ≤ 总数 {total.text}，相符", ""),
                             test="at-most", span=span, stated_role="total", legacy=(("total", total.value),))
        return
    computed = interval_total(f.iv for f in parts)
    exact = exhaustive_list or _exhaustive(labels, rest_cue)
    roles = tuple(("part", f) for f in parts)
    legacy = (("total", total.value), ("parts", [f.value for f in parts]), ("exhaustive", exact))
    shown = show(computed.mid, total, True)
    if exact:
        yield StatedRelation("parts", "ZJ203", total, roles, computed, names, show(computed.mid, total),
                             (f"{names} = {total.numeral}，相符",
                              f"其中各项之和 {names} = {shown}，超过总数 {total.text}" if computed.lo > total.iv.hi
                              else f"各项之和 {names} = {shown}，不等于总数 {total.text}"),
                             span=span, stated_role="total", legacy=legacy)
        return
    exceeds = computed.lo > total.iv.hi and not computed.meets(total.iv)
    if exceeds and not _disjoint(labels):
        return  # subsets that may overlap: their sum says nothing
    yield StatedRelation("parts", "ZJ203", total, roles, computed, names, show(computed.mid, total),
                         (f"其中各项之和 {names} = {show(computed.mid, total)} ≤ {total.numeral}，相符",
                          f"其中各项之和 {names} = {shown}，超过总数 {total.text}"),
                         test="at-most", span=span, stated_role="total", legacy=legacy)


def _parts_of_previous(scope: Scope, parts: list[Figure], at: int) -> Iterator[StatedRelation]:
    if len(parts) < 2:
        return
    p0, p1 = scope.previous_sentence(at)
    computed = interval_total(f.iv for f in parts)
    for total in operands(scope.figures_in(p0, p1, near=p1), parts[0].key):
        if computed.meets(total.iv):
            names = " + ".join(f.numeral for f in parts)
            yield StatedRelation("parts", "ZJ203", total, tuple(("part", f) for f in parts), computed, names,
                                 show(computed.mid, total), (f"{names} = {total.numeral}，相符", ""),
                                 asserted=False, span=(total.start, parts[-1].end), stated_role="total",
                                 legacy=(("total", total.value), ("parts", [f.value for f in parts]), ("exhaustive", False)))
            return
