"""Parts of a total: 共X，其中A、B → A + B ≤ X; = X when the parts are exhaustive.

Exhaustive: 男/女, 已建/未建, a 其余 item, or 分别为 right after the total.  Subsets that
may overlap (学历 and 职称, thresholds such as 60岁以上) are not summed.  A sentence that
starts with 其中 speaks of the previous sentence's total: its figure is the one of the
same unit about the same thing (已建工会13家 … 其中新建工会6家).

The total may also come after its parts: 甲49家，乙1家，丙5家，合计55家 (the items of
one sentence before 合计/共计/总计), or 一是…6项…五是…2项。以上共计28项 (the enumerated
sentences of the paragraph before 以上共计).  A total that changed (由50元提高到90元，其中
个人10元不变，补助由40元提高到80元) is split on both sides.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator, Optional

import regex

from ..cache import compile_regex
from .base import StatedRelation, register
from .figures import Figure, Scope, bigrams, cue_pattern, cues, has, operands, shares_words
from .interval import Interval
from .interval import total as interval_total
from .show import differed, show

_BRACKETED = compile_regex(r"[(（][^)）]*[)）]")
_CLAUSE_MARK = compile_regex(r"[，,；;。]")
_PARTS_TRIGGER = compile_regex(r"其中|分别[为是]")
_ITEM_STOPS = set("、，,；;：:。！？!?\n")
_HAN = compile_regex(r"\p{Han}")
_NESTED = compile_regex(r"中[有已]")
_SEGMENT = compile_regex(r"[^、，,；;：:。！？!?\n]+")
_OPEN, _CLOSE = "(（", ")）"
_BARE_LABEL = compile_regex(r"\p{Han}{1,10}")
_ENUMERATION = compile_regex(
    r"(?:^|[：:，,。；;\s])(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十]|第[一二三四五六七八九十]+[，,、]"
    r"|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])")
MAX_ITEMS = 12  # items looked at before a total, sentences before 以上共计


@register("parts", ("ZJ203",), "parts of a total add up to at most the total")
def find(scope: Scope) -> Iterator[StatedRelation]:
    if not scope.figures:
        return
    yield from _parts_after_trigger(scope)
    yield from _totals_after_parts(scope)
    yield from _stock_then_items(scope)
    yield from _noun_totals(scope)


# --------------------------------------------------------------------------- #
# 共X，其中A、B
# --------------------------------------------------------------------------- #


def _parts_after_trigger(scope: Scope) -> Iterator[StatedRelation]:
    for m in _PARTS_TRIGGER.finditer(scope.view, scope.lo, scope.hi):
        s0, s1 = scope.sentence(m.start())
        if m.group().startswith("分别") and "其中" in scope.view[scope.clause(m.start())[0]:m.start()]:
            continue  # 其中A、B分别为…: read once, from its 其中
        start = m.end()
        # 其中。甲5个，乙13个 / 其中：…: the list begins after the stray stop.
        if start < scope.hi and scope.view[start] in "。：:，,":
            start += 1
            s1 = max(s1, scope.sentence(start)[1])
        after = [f for f in operands(scope.figures_in(start, s1, near=start)) if not scope.per_unit(f)]
        if not after:
            continue
        at_start = not _HAN.search(scope.view, s0, m.start())
        if at_start:
            yield from _parts_of_previous(scope, after, start, m.start())
            continue
        before = operands(scope.figures_in(s0, m.start(), near=m.start()))
        for key in dict.fromkeys(f.key for f in after):
            # 人均补助由60元提高到100元，其中…: a standard per head that changed splits
            # into standards per head; otherwise a per-head figure is no total.
            pair = _change_pair(scope, [f for f in before if f.key == key])
            totals = [f for f in before if f.key == key and not scope.per_unit(f)]
            if pair is not None:
                found = list(_paired_parts(scope, pair, [f for f in after if f.key == key], start, s1))
                if found:
                    yield from found
                    break
            if not totals:
                continue
            total = totals[-1]
            parts, loose = parts_list(scope, [f for f in after if f.key == key], start, item_label(scope, total))
            if parts:
                # 共召开会议24次，分别为…: a list right after the total is all of it.
                listed = m.group().startswith("分别") and not scope.view[total.end:m.start()].strip("，, ")
                yield from _check_parts(scope, total, parts, exhaustive_list=listed, loose=loose,
                                        names=_respective_names(scope, start, parts))
                break


def parts_list(scope: Scope, figures: list[Figure], start: int, total_label: str = "") -> tuple[list[Figure], int]:
    """The enumeration right after 其中: the items of its own clause (A、B、C), then later
    clauses only while they are parallel to the first item (男职工…，女职工…; 已建…，未建…)
    or say "the rest" (其余…).  A clause about something else (…，已整改318项) ends it, and
    so does a nested 其中/…中有 (a part of a part), a figure that a 其中 of its own follows
    (乙类家庭38户，其中…: the next category) or an item named like the total rather than
    like the first part (甲类家庭45户，其中低保家庭…，乙类家庭…).

    Returns the parts and how many of them the words make parallel: the items after that
    are parallel only in form (其中。市直单位5个，乡级13个: bare "label + figure" clauses),
    which is a reading worth showing when it adds up, not one to report."""
    clause_start, clause_end = scope.clause(start)
    if figures and figures[0].start >= clause_end:
        return [], 0  # 其中 speaks of something else first (其中工业增加值增长6.2%，…收入3507亿元)
    parts: list[Figure] = []
    strict = 0
    first = ""
    for fig in figures:
        between = scope.view[start:fig.start]
        if parts and ("其中" in between or _NESTED.search(between)):
            break
        if parts and _opens_own_list(scope, fig):
            break
        label = item_label(scope, fig)
        if parts and fig.start >= clause_end:
            worded = _parallel(first, label) or has(label, cues("remainder")["rest_cues"])
            if worded and _names_total(total_label, first, label):
                break
            if not worded:
                if not (_bare_item(scope, parts[0]) and _bare_item(scope, fig)):
                    break
            elif strict == len(parts):
                strict += 1
        elif strict == len(parts):
            strict += 1
        if not parts:
            first = label
        parts.append(fig)
        start = fig.end
    return parts, strict


def _opens_own_list(scope: Scope, fig: Figure) -> bool:
    """乙类家庭38户，其中…: a figure a 其中 follows is a total of its own."""
    rest = scope.view[fig.end:min(fig.end + 6, scope.hi)].lstrip("，,：: ")
    return rest.startswith("其中")


def _names_total(total_label: str, first: str, label: str) -> bool:
    """Is the item named like the total rather than like the first part (甲类家庭 / 乙类家庭
    after 其中低保家庭)?  Then it is the next category, not a part."""
    if not total_label:
        return False
    shared = (bigrams(total_label) & bigrams(label)) - bigrams(first)
    return bool(shared)


def _bare_item(scope: Scope, fig: Figure) -> bool:
    """A clause that is only "label + figure" (市直单位5个, 乡级13个(含…)): items of one list
    in form, whatever their words."""
    c0, c1 = scope.clause(fig.start)
    head = scope.view[c0:fig.start].removeprefix("其中")
    tail = _strip_parens(scope.view[fig.end:c1]).strip()
    return bool(_BARE_LABEL.fullmatch(head.strip())) and not tail


def _strip_parens(text: str) -> str:
    return _BRACKETED.sub("", text)


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


def _legacy(total: Figure, parts: list[Figure], exact: bool) -> tuple:
    return (("total", total.value), ("parts", [f.value for f in parts]), ("exhaustive", exact))


def _sum_relation(total: Figure, parts: list[Figure], asserted: bool, span: tuple[int, int],
                  exceeds: str = "各项之和") -> StatedRelation:
    """The parts add up to the total exactly (an exhaustive list, or a reading shown when it holds)."""
    computed = interval_total(f.iv for f in parts)
    names = " + ".join(f.numeral for f in parts)
    written = show(computed.mid, total)
    shown = show(computed.mid, total, True) if differed(computed, total) else written
    failed = (f"{exceeds} {names} = {shown}，超过总数 {total.text}" if computed.lo > total.iv.hi
              else f"各项之和 {names} = {shown}，不等于总数 {total.text}")
    return StatedRelation("parts", "ZJ203", total, tuple(("part", f) for f in parts), computed, names,
                          written, (f"{names} = {total.numeral}，相符", failed),
                          asserted=asserted, span=span, stated_role="total", legacy=_legacy(total, parts, True))


_RESPECTIVE = compile_regex(r"分别(?:为|是|有|达到|达|占)?$")
_NAME_SPLIT = compile_regex(r"[、和与及]")


def _respective_names(scope: Scope, start: int, parts: list[Figure]) -> Optional[list[str]]:
    """其中城区、农村学校分别为12所、18所: the items are named before 分别, one name per
    figure; those names, not the words around each figure, say whether the list is all."""
    head = scope.view[start:parts[0].start]
    m = _RESPECTIVE.search(head)
    if m is None or _CLAUSE_MARK.search(head):
        return None
    names = [n for n in _NAME_SPLIT.split(head[:m.start()]) if n.strip()]
    return names if len(names) == len(parts) else None


def _check_parts(scope: Scope, total: Figure, parts: list[Figure], exhaustive_list: bool,
                 loose: Optional[int] = None, names: Optional[list[str]] = None) -> Iterator[StatedRelation]:
    if loose is not None and loose < len(parts):
        # Items parallel only in form: the whole list is shown when it adds up exactly,
        # otherwise only the items the words tie together are checked.
        if interval_total(f.iv for f in parts).meets(total.iv):
            yield _sum_relation(total, parts, False, (total.start, parts[-1].end))
            return
        parts = parts[:loose]
        if not parts:
            return
    labels = names or [item_label(scope, f) for f in parts]
    rest_cue = has(labels[-1], cues("remainder")["rest_cues"])
    span = (total.start, parts[-1].end)
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
    if exact:
        yield _sum_relation(total, parts, True, span, exceeds="其中各项之和")
        return
    exceeds = computed.lo > total.iv.hi and not computed.meets(total.iv)
    if exceeds and (names or not _disjoint(labels)):
        # 其中寄宿制、九年一贯制学校分别为…: attributes named side by side may overlap.
        return  # subsets that may overlap: their sum says nothing
    yield _at_most(total, parts, computed, span, _legacy(total, parts, False))


def _at_most(total: Figure, parts: list[Figure], computed: Interval, span: tuple[int, int],
             legacy: tuple, asserted: bool = True) -> StatedRelation:
    names = " + ".join(f.numeral for f in parts)
    computed_text = show(computed.mid, total)
    # (It fails only when the sum exceeds the total: see differed.)
    shown = show(computed.mid, total, True) if computed.lo > total.iv.hi else computed_text
    return StatedRelation("parts", "ZJ203", total, tuple(("part", f) for f in parts), computed, names,
                          computed_text,
                          (f"其中各项之和 {names} = {computed_text} ≤ {total.numeral}，相符",
                           f"其中各项之和 {names} = {shown}，超过总数 {total.text}"),
                          test="at-most", span=span, stated_role="total", legacy=legacy, asserted=asserted)


# --------------------------------------------------------------------------- #
# 。其中…: the previous sentence's total
# --------------------------------------------------------------------------- #


def _parts_of_previous(scope: Scope, after: list[Figure], start: int, at: int) -> Iterator[StatedRelation]:
    """其中 opening a sentence: for each unit, the previous sentence's figure of that unit
    about the same thing is the total.  One such figure, named with a word the part's
    clause shares (已建工会13家 … 其中新建工会6家), is the total the words point to;
    otherwise a list is shown only when it adds up exactly."""
    p0, p1 = scope.previous_sentence(at)
    if p0 >= p1:
        return
    previous = [f for f in operands(scope.figures_in(p0, p1, near=p1)) if not scope.per_unit(f)
                and not _in_parens(scope, f)]
    for key in dict.fromkeys(f.key for f in after):
        mine = [f for f in after if f.key == key]
        parts, strict = parts_list(scope, mine, start)
        if not parts:
            parts = _clause_parts(scope, mine)
            strict = len(parts)
        if not parts:
            continue
        candidates = [f for f in previous if f.key == key]
        if not candidates:
            continue
        computed = interval_total(f.iv for f in parts)
        named = [f for f in candidates if _same_thing(scope, f, parts[0])]
        if len(named) == 1 and strict == len(parts) and not _only_total_changed(scope, named[0], parts[0]):
            total = named[0]
            yield from _check_parts(scope, total, parts, exhaustive_list=False)
            continue
        if len(parts) < 2:
            continue
        for total in candidates:
            if computed.meets(total.iv):
                yield _sum_relation(total, parts, False, (total.start, parts[-1].end))
                break


def _clause_parts(scope: Scope, figures: list[Figure]) -> list[Figure]:
    """The first figure of a unit in a 其中 sentence, when it opens a later clause (其中
    新建工会6家，发展会员700人: 700人 is the part of its unit)."""
    if not figures:
        return []
    fig = figures[0]
    return [fig] if not _in_parens(scope, fig) else []


def _same_thing(scope: Scope, total: Figure, part: Figure) -> bool:
    """Do the total's clause and the part's clause share a word (发展会员 … 发展会员)?"""
    return bool(scope.bigrams(total) & scope.bigrams(part))


def _only_total_changed(scope: Scope, total: Figure, part: Figure) -> bool:
    """会员增加100人。其中女会员700人: a change as the "total" while the part is a stock
    (the part is of the whole, not of the change), or the other way round (存款余额28.6亿元。
    其中个人存款增加2.1亿元: a part of the increase, not of the balance)."""
    change = cues("parts")["change_words"]
    return has(scope.lead(total), change) != has(scope.lead(part), change)


def _in_parens(scope: Scope, fig: Figure) -> bool:
    """Is the figure inside brackets (590人(乡级294人))?  A remark on an item, not an item."""
    lo = max(scope.lo, fig.start - 40)
    before = scope.view[lo:fig.start]
    opened = max(before.rfind(c) for c in _OPEN)
    closed = max(before.rfind(c) for c in _CLOSE)
    return opened > closed


# --------------------------------------------------------------------------- #
# 由50元提高到90元，其中个人10元不变，补助由40元提高到80元
# --------------------------------------------------------------------------- #


def _change_pair(scope: Scope, totals: list[Figure]) -> Optional[tuple[Figure, Figure]]:
    """The total's two values when its clause says 由A…到B."""
    if len(totals) < 2:
        return None
    a, b = totals[-2], totals[-1]
    return (a, b) if _is_pair(scope, a, b) else None


def _is_pair(scope: Scope, a: Figure, b: Figure) -> bool:
    lex = cues("parts")
    c0, _ = scope.clause(a.start)
    if scope.clause(b.start)[0] != c0:
        return False
    lead = scope.view[c0:a.start]
    between = scope.view[a.end:b.start]
    return has(lead, lex["from_words"]) and has(between, lex["to_words"]) and len(between) <= 12


def _paired_parts(scope: Scope, pair: tuple[Figure, Figure], figures: list[Figure], start: int,
                  s1: int) -> Iterator[StatedRelation]:
    """Each part a pair too (由a到b), or one value that stayed (10元不变): the before-sum is
    at most the total before, the after-sum at most the total after."""
    lex = cues("parts")
    befores: list[Figure] = []
    afters: list[Figure] = []
    i = 0
    while i < len(figures):
        fig = figures[i]
        c0, c1 = scope.clause(fig.start)
        if not befores and fig.start >= scope.clause(start)[1]:
            return
        nxt = figures[i + 1] if i + 1 < len(figures) else None
        if nxt is not None and _is_pair(scope, fig, nxt):
            befores.append(fig)
            afters.append(nxt)
            i += 2
            continue
        if has(scope.view[fig.end:c1], lex["unchanged_words"]):
            befores.append(fig)
            afters.append(fig)
            i += 1
            continue
        break
    if len(befores) < 2:
        return
    labels = [item_label(scope, f) for f in befores]
    for total, parts in zip(pair, (befores, afters)):
        computed = interval_total(f.iv for f in parts)
        if computed.lo > total.iv.hi and not _disjoint(labels):
            return
    for total, parts in zip(pair, (befores, afters)):
        computed = interval_total(f.iv for f in parts)
        span = (total.start, total.end) if total is pair[0] else (total.start, afters[-1].end)
        yield _at_most(total, parts, computed, span, _legacy(total, parts, False))


# --------------------------------------------------------------------------- #
# 甲49家，乙1家，丙5家，合计55家 / 一是…6项…以上共计28项
# --------------------------------------------------------------------------- #


def _totals_after_parts(scope: Scope) -> Iterator[StatedRelation]:
    lex = cues("parts")
    strong, weak = cue_pattern("parts", "total_after_cues"), cue_pattern("parts", "weak_total_after_cue")
    above = cue_pattern("parts", "above_total_cue")
    # A match of a strong cue is one of its words, the weak cue's holds 共.
    for total in scope.figures_led_by((*lex["total_after_cues"], "共")):
        lead = scope.lead(total)
        cue = strong.search(lead)
        if cue is None and weak.search(lead) is None:
            continue
        if scope.per_unit(total) or _in_parens(scope, total):
            continue
        if above.search(lead):
            yield from _above_total(scope, total)
            continue
        yield from _sentence_total(scope, total, strong=cue is not None)


def _segments(scope: Scope, lo: int, hi: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SEGMENT.finditer(scope.view, lo, hi)]


def _segment_start(scope: Scope, pos: int, floor: int) -> int:
    """Where the item holding ``pos`` begins (after the last 、，；：)."""
    i = pos
    while i > floor and pos - i < 60 and scope.view[i - 1] not in _ITEM_STOPS:
        i -= 1
    return i


def _sentence_total(scope: Scope, total: Figure, strong: bool) -> Iterator[StatedRelation]:
    """甲49家，乙1家，丙5家(含企业97家)，合计55家[，成员151家]: the items of the sentence
    before the total, one figure of its unit each, back to the sentence's start or to an
    introducer without figures (我镇组建的工会组织中，).  With 合计/共计/总计 and a list
    that starts there, the sum must equal the total; otherwise it is a reading shown when
    it adds up."""
    s0, s1 = scope.sentence(total.start)
    c0 = _segment_start(scope, total.start, s0)
    if c0 <= s0:
        return
    segments = _segments(scope, max(s0, c0 - 400), c0)
    clean = len(segments) <= MAX_ITEMS and (not segments or segments[0][0] - s0 <= 1)
    segments = segments[-MAX_ITEMS:]
    parts: list[Figure] = []
    inner: list[Figure] = []
    generic = _generic_key(total)
    for a, b in reversed(segments):
        found = [f for f in operands(scope.figures_in(a, b, near=b)) if not scope.per_unit(f)]
        figs = [f for f in found if f.key == total.key]
        if not figs and generic is not None:
            # 教室7个，办公室1个，共8间: 个 may stand for any classifier; a reading only.
            figs = [f for f in found if f.key == generic]
            clean = clean and not figs
        outer = [f for f in figs if not _in_parens(scope, f)]
        if len(outer) != 1 or has(scope.view[a:b], cues("parts")["total_words"]):
            clean = not scope.figures_in(a, b, near=b)  # an introducer, or something else?
            break
        parts.append(outer[0])
        inside = [f for f in figs if f is not outer[0]]
        inner.append(inside[0] if len(inside) == 1 else outer[0])
        if scope.view[a:b].startswith("其中"):
            # 共50万亩，其中甲20万亩，乙30万亩，合计80万亩: whether 合计 adds the 其中
            # items or the total before them is not said.
            clean = False
            break
    declared = _declared_count(scope.lead(total))
    if declared is not None:
        # 两项合计18个: the words say how many items before are added, and which.
        if declared < 2 or len(parts) < declared:
            return
        parts, inner, clean, strong = parts[:declared], inner[:declared], True, True
    if len(parts) < 2:
        return
    parts.reverse()
    inner.reverse()
    change = cues("parts")["change_words"]
    if len({has(scope.lead(f), change) for f in parts}) > 1:
        clean = False  # 现有300家，今年新增50家，合计…: a stock and a change, maybe counted twice
    span = (parts[0].start, total.end)
    yield _sum_relation(total, parts, strong and clean, span)
    yield from _companion_total(scope, total, parts, inner, s1)


def _generic_key(total: Figure) -> Optional[tuple]:
    """The key of items counted with the all-purpose classifier 个 that a total counted
    with a specific one (间, 所, 座 …) may add up (None when the total is 个 already)."""
    generic = tuple(cues("parts")["generic_count_key"])
    if total.kind != "count" or total.key == generic or total.key[:1] != generic[:1]:
        return None
    return generic


# --------------------------------------------------------------------------- #
# 现有教师11人，专任教师10人，代课1人 (a stock, then its items without 其中)
# --------------------------------------------------------------------------- #


def _stock_then_items(scope: Scope) -> Iterator[StatedRelation]:
    """现有教师11人，专任教师10人，代课1人: a stock (现有/共有 …) followed, clause by
    clause, by bare "label + figure" items of its unit.  Nothing says the items are all of
    it, or that they are parts at all: a reading shown only when they add up exactly."""
    lex = cues("parts")
    for total in scope.figures_led_by(tuple(lex["stock_total_cues"])):
        if scope.per_unit(total):
            continue
        _, s1 = scope.sentence(total.start)
        _, c1 = scope.clause(total.start)
        if "其中" in scope.view[total.end:s1]:
            continue  # read from its 其中
        parts: list[Figure] = []
        for fig in operands(scope.figures_in(c1, s1, near=c1)):
            if fig.key != total.key:
                break
            f0, f1 = scope.clause(fig.start)
            prev_end = parts[-1].end if parts else total.end
            if scope.clause(prev_end - 1)[1] + 1 < f0 or not _bare_item(scope, fig):
                break  # the next clause, and only "label + figure" in it
            parts.append(fig)
        if len(parts) >= 2 and interval_total(f.iv for f in parts).meets(total.iv):
            yield _sum_relation(total, parts, False, (total.start, parts[-1].end))


# --------------------------------------------------------------------------- #
# 83个企业…，391个企业…。涉及换届的企业总数达到477个
# --------------------------------------------------------------------------- #


def _noun_totals(scope: Scope) -> Iterator[StatedRelation]:
    """…的企业总数达到477个 after a sentence that counts that noun item by item (83个企业
    单独…，…包含391个企业…): the total of the noun is the sum of the counts written with
    it (个企业), when every such count of the sentence before (or of its own sentence)
    shares the total's qualifier (涉及换届的 … 进行了换届选举)."""
    pattern = cue_pattern("parts", "noun_total_cue")
    for total in scope.figures_led_by(("总数",)):  # every match of the cue holds 总数
        m = pattern.search(scope.lead(total))
        if m is None or scope.per_unit(total) or _in_parens(scope, total):
            continue
        unit = total.text[len(total.number):].strip()
        qualifier = bigrams(m.group("qual")) - bigrams(" ".join(cues("parts")["noun_total_scope_words"]))
        if not unit or not qualifier:
            continue
        noun = _longest_noun(scope, total, m.group("noun"), unit)
        if noun is None:
            continue
        parts = _noun_counts(scope, total, unit + noun)
        if len(parts) < 2:
            continue
        if not all(scope.bigrams(f) & qualifier for f in parts):
            continue
        labels = [item_label(scope, f) for f in parts]
        change = cues("parts")["change_words"]
        asserted = (_disjoint(labels) and len({has(scope.lead(f), change) for f in parts}) == 1
                    and has(scope.lead(total), change) == has(scope.lead(parts[0]), change))
        yield _sum_relation(total, parts, asserted, (parts[0].start, total.end))


def _longest_noun(scope: Scope, total: Figure, run: str, unit: str) -> Optional[str]:
    """The longest tail of the words before 总数 (涉及换届的企业 → 企业) that some figure of
    the previous sentence is written with (83个企业)."""
    p0, _ = scope.previous_sentence(total.start)
    window = scope.view[p0:total.start]
    for i in range(max(0, len(run) - 6), len(run) - 1):
        if unit + run[i:] in window:
            return run[i:]
    return None


def _noun_counts(scope: Scope, total: Figure, written: str) -> list[Figure]:
    """The figures written as ``written`` (个企业) in the sentence before the total and in
    its own sentence before it; none if any is inside brackets or after a 其中."""
    p0, _ = scope.previous_sentence(total.start)
    found = []
    for f in operands(scope.figures_in(p0, total.start, near=total.start)):
        if _written_after(scope, f, len(written)) != written or scope.per_unit(f):
            continue
        if _in_parens(scope, f) or "其中" in scope.view[scope.sentence(f.start)[0]:f.start]:
            return []
        found.append(f)
    return found


def _written_after(scope: Scope, fig: Figure, size: int) -> str:
    """The ``size`` characters after the figure's number, spaces dropped (个企业 in 83个企业,
    所学校 in 35所学校: the noun may lie outside the figure)."""
    at = fig.start + max(fig.text.find(fig.number), 0) + len(fig.number)
    return scope.view[at:at + size + 4].replace(" ", "")[:size]


_DIGITS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _declared_count(lead: str) -> Optional[int]:
    """两项合计 / 二者共计 / 3类合计: how many items the total says it adds (None: not said)."""
    m = cue_pattern("parts", "declared_total_cue").search(lead)  # 两项合计 / 二者共计
    if m is None:
        return None
    n = m.group("n")
    return int(n) if n.isdigit() else _DIGITS.get(n)


def _companion_total(scope: Scope, total: Figure, parts: list[Figure], inner: list[Figure],
                     s1: int) -> Iterator[StatedRelation]:
    """合计建会组织62家，成员372家: the total's neighbour of the same unit counts what the
    items contain (单独建会企业49家 … 联合会5家(包含企业97家)).  Shown when it adds up."""
    if inner == parts:
        return
    nxt = [f for f in operands(scope.figures_in(total.end, s1, near=total.end), total.key)]
    if not nxt:
        return
    second = nxt[0]
    c0, c1 = scope.clause(second.start)
    if c0 <= total.end < c1 or c0 - total.end > 2 or scope.per_unit(second):
        return  # the very next clause, nothing between
    if interval_total(f.iv for f in inner).meets(second.iv):
        yield _sum_relation(second, inner, False, (parts[0].start, second.end))


def _above_total(scope: Scope, total: Figure) -> Iterator[StatedRelation]:
    """一是…提出6项指标…五是…提出2项指标。以上共计28项指标: one figure of the unit per
    sentence before, back to the paragraph's start.  Asserted when every item is an
    enumerated point and the list reaches the paragraph's start; the figures must name
    the same thing as the total (项指标)."""
    p0, _ = scope.paragraph(total.start)
    s0, _ = scope.sentence(total.start)
    if operands(scope.figures_in(s0, total.start, near=total.start), total.key):
        return  # items in the total's own sentence: the sentence reading
    noun = scope.view[total.end:total.end + 2]
    parts: list[Figure] = []
    marked = True
    at = s0
    reached = False
    for _ in range(MAX_ITEMS):
        if at <= p0:
            reached = True
            break
        a, b = scope.sentence(at - 1)
        figs = [f for f in operands(scope.figures_in(a, b, near=b), total.key)
                if not scope.per_unit(f) and not _in_parens(scope, f)]
        if len(figs) != 1:
            reached = not figs  # an introducing sentence without figures of the unit
            break
        fig = figs[0]
        if _HAN.match(noun or "") and scope.view[fig.end:fig.end + 2] != noun:
            break
        marked = marked and bool(_ENUMERATION.search(scope.view, a - 1 if a > scope.lo else a, fig.start))
        parts.append(fig)
        at = a
    else:
        return
    if len(parts) < 2:
        return
    parts.reverse()
    yield _sum_relation(total, parts, marked and reached, (parts[0].start, total.end))


@lru_cache(maxsize=1)
def _declared_total_cue() -> regex.Pattern:
    """两项合计 / 二者共计: the pattern of ``parts.yaml``, compiled once."""
    return compile_regex(cues("parts")["declared_total_cue"])
