"""A cumulative figure is at least this period's: 累计发放27万元 ≥ 本年度发放7.4万元.

Two ways a text states it:

* In one paragraph (累计 / 以来 / 四年共): compared for one unit and one thing (the clauses
  share at least two two-character words: 发放 alone does not make 慰问金 and 助学金 one
  thing).  A failure is reported only when the period figure is marked as this year's
  (本年度/今年/全年/新增); otherwise the pair is a reading, shown when it holds.
* Across paragraphs of a report that reviews both one year and several (过去一年 … /
  五年来 …): a paragraph opening with such a phrase sets the period of what follows, up to
  the next such phrase or top-level heading.  A several-year figure is compared with this
  year's figure of the same item (the same noun next to both numbers, the same unit),
  when this year's is a flow (新增/新建/建成 …): five years' new X include this year's new
  X, and the stock of X includes them too.  Only when both are written as the same flow in
  the same words is a failure an error; every other pairing is a reading.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Iterator, NamedTuple, Optional

import regex

from ..cache import compile_regex
from .base import StatedRelation, register
from .figures import Figure, Scope, cues, has, operands
from .interval import INF, total

# 四年共 / 多年来 are cumulative; 一年来 and 全年共 speak of this year.
_CUMULATIVE = compile_regex(r"累计|历年|以来|(?<=[二两三四五六七八九十几多\d])年(?:来|共|累计)")
_RESPECTIVELY = compile_regex(r"分别")

SEVERAL, ONE, OTHER = "several", "one", "other"  # the period a paragraph speaks of
_YEAR = compile_regex(r"((?:19|20)\d\d)年")


@register("cumulative", ("ZJ204",), "a cumulative figure is at least this period's")
def find(scope: Scope) -> Iterator[StatedRelation]:
    if not scope.figures:
        return
    yield from _in_paragraph(scope)
    yield from _across_paragraphs(scope)
    yield from _added_then_total(scope)


# -- one paragraph: 累计 / 以来 -------------------------------------------------------

def _in_paragraph(scope: Scope) -> Iterator[StatedRelation]:
    lex = cues("cumulative")
    cumulative: dict[int, Figure] = {}
    respective: list[Figure] = []
    for m in _CUMULATIVE.finditer(scope.view, scope.lo, scope.hi):
        before = scope.view[max(scope.lo, m.start() - 3):m.start()]
        if any(before.endswith(w) for w in lex["not_after"]):
            continue
        figures, each_its_own = _cumulative_figures(scope, m)
        cumulative.update((f.start, f) for f in figures)
        if each_its_own:
            respective.extend(figures)
    for cum in cumulative.values():
        if cum not in respective:  # which period figure goes with which is not ours to guess
            yield from _compare(scope, cum, cumulative)


def _cumulative_figures(scope: Scope, m: regex.Match) -> tuple[list[Figure], bool]:
    """以来/年来 cover the rest of the sentence; 累计/年共 the next figure of their clause,
    or every figure of it after 分别 (累计分别达到64项和288项: each of its own item).  The flag
    says the figures are such a 分别 list."""
    if m.group() in ("以来", "年来"):
        _, end = scope.sentence(m.start())
        return operands(scope.figures_in(m.end(), end, near=m.end())), False
    _, end = scope.clause(m.start())
    figures = operands(scope.figures_in(m.end(), end, near=m.end()))
    if _RESPECTIVELY.search(scope.view, m.end(), end):
        return figures, True
    return figures[:1], False


def _compare(scope: Scope, cum: Figure, cumulative: dict[int, Figure]) -> Iterator[StatedRelation]:
    """The figure compared is the one of this paragraph that speaks most of the same thing."""
    lex = cues("cumulative")
    p0, p1 = scope.paragraph(cum.start)
    cum_words = scope.bigrams(cum)
    best, best_score = None, 0
    s0, s1 = scope.sentence(cum.start)
    for fig in operands(scope.figures_in(p0, p1, near=cum.start), cum.key):
        if fig.start in cumulative or scope.per_unit(fig):
            continue
        if cum.start < fig.start < s1 and not has(scope.clause_text(fig), lex["period_markers"]):
            continue  # 累计治理A 8000平方公里、B 1033平方公里: the list goes on, not this year's
        score = len(scope.bigrams(fig) & cum_words)
        better = score >= 2 and (score, fig.iv.lo) > (best_score, best.iv.lo if best else -INF)
        if better and not has(scope.clause_text(fig), lex["plan_words"]):
            best, best_score = fig, score
    if best is None:
        return
    s0, s1 = scope.sentence(best.start)
    period_stated = has(scope.view[s0:s1], lex["period_markers"])
    yield _at_least(cum, best, period_stated)


def _at_least(cum: Figure, period: Figure, asserted: bool, what: str = "累计", item: str = "") -> StatedRelation:
    of = f"（{item}）" if item else ""
    return StatedRelation(
        "cumulative", "ZJ204", period, (("cumulative", cum),), cum.iv, f"{what} {cum.text}", "",
        (f"{what} {cum.text}{of} 不少于同一事项本期（本年）的 {period.text}，相符",
         f"{what} {cum.text}{of} 少于本期（本年）{period.text}，累计数不可能小于其中一年的数"),
        test="at-least", asserted=asserted, span=(cum.start, cum.end), stated_role="period",
        legacy=(("cumulative", cum.value), ("period", period.value)))


# -- one sentence: 新增里程30公里，总里程达909公里 --------------------------------------

def _added_then_total(scope: Scope) -> Iterator[StatedRelation]:
    """新增运营里程30公里，总里程达909公里: a stock (总 + its noun + 达/增至) right after what
    was added to it, the noun written in both, is at least the addition.  The stock holds
    the year's addition; less is a slip."""
    lex = cues("cumulative")["added_then_total"]
    total_cue = _added_total_cue()
    for stock in scope.figures_led_by(("总",)):  # every match of the cue holds 总
        m = total_cue.search(scope.lead(stock))
        if m is None or scope.per_unit(stock):
            continue
        s0, _ = scope.sentence(stock.start)
        c0, _ = scope.clause(stock.start)
        before = [f for f in operands(scope.figures_in(s0, c0, near=c0), stock.key) if not scope.per_unit(f)]
        if not before:
            continue
        added = before[-1]
        lead = scope.lead(added)
        if not has(lead, lex["flow_words"]) or m.group("noun") not in lead:
            continue
        if scope.clause(added.start)[1] + 1 < c0:
            continue  # the clause right before the stock's
        yield _at_least(stock, added, True, what="总数")


@lru_cache(maxsize=1)
def _added_total_cue() -> regex.Pattern:
    return compile_regex(cues("cumulative")["added_then_total"]["total_cue"])


# -- across paragraphs: 过去一年 … 五年来 … ---------------------------------------------

_SENTENCE_STOP = compile_regex(r"[。！？!?]")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, regex.Pattern]:
    """The period phrases of ``cumulative.yaml`` (``periods``), compiled once.  The
    ``several`` phrases hold no lookaround or anchor (a test keeps it so): one of them is
    found in a paragraph's opening only if it is found in the document, which lets a
    document without any skip the look at every line's opening."""
    periods = cues("cumulative")["periods"]
    return {name: compile_regex("|".join(f"(?:{p})" for p in periods[name]))
            for name in ("several", "one", "other", "one_at_start")}


def _paragraph_period(view: str, start: int, end: int) -> tuple[Optional[str], Optional[int]]:
    """The period the paragraph's opening words set (None when they set none) and the year
    its phrase names (刚刚过去的2025年): the last period phrase of the first two sentences
    wins (2025年是“十四五”收官之年。五年来… speaks of five years); a phrase looking ahead
    (“十五五”, 今后, 今年) ends a review."""
    lex = cues("cumulative")
    window = view[start:min(end, start + lex["opening_chars"])]
    stops = [m.end() for m in _SENTENCE_STOP.finditer(window)]
    if len(stops) >= 2:
        window = window[:stops[1]]
    pats = _patterns()
    if pats["other"].search(window):
        return OTHER, None
    found: list[tuple[int, str, str]] = []
    for name, period in (("several", SEVERAL), ("one", ONE)):
        found += [(m.start(), period, m.group()) for m in pats[name].finditer(window)]
    m = pats["one_at_start"].match(window)
    if m:
        found.append((m.start(), ONE, m.group()))
    if not found:
        return None, None
    _, period, phrase = max(found)
    year = _YEAR.search(phrase)
    return period, int(year.group(1)) if year else None


def _periods(scope: Scope) -> tuple[list[int], list[str]]:
    """Where each period starts and which it is, paragraph by paragraph (a top-level
    heading ends the previous one).  A year later than one already reviewed opens the
    plan (2026年重点工作 after 2025年工作回顾).  Linear: one look at the opening of every line."""
    view, index = scope.view, scope.report.index
    top = sorted(n.start for n in scope.outline()[0] if n.level == 1 and not n.inline)
    first = bisect.bisect_right(index.starts, scope.lo) - 1
    last = bisect.bisect_left(index.starts, scope.hi)
    starts, periods = [scope.lo], [OTHER]
    review_year: Optional[int] = None
    for line in range(first + 1, last + 1):
        a, b = max(index.line_start(line), scope.lo), min(index.line_end(line), scope.hi)
        if a >= b:
            continue
        k = bisect.bisect_left(top, a)
        heading = k < len(top) and top[k] < b
        period, year = _paragraph_period(view, a, b)
        if year is not None:
            if review_year is not None and year > review_year:
                period = OTHER
            else:
                review_year = year  # the earliest year reviewed so far
        if heading or period is not None:
            starts.append(a)
            periods.append(period or OTHER)
    return starts, periods


class Item(NamedTuple):
    """What a figure counts, from the words right next to it: ``phrase`` as written
    (城镇新增就业, 新增全国重点实验室), ``noun`` without the verbs around it (全国重点实验室),
    ``listed`` the words of a coordinated modifier (供热、供排水、燃气老旧管网)."""

    phrase: str
    noun: str
    flow: frozenset[str]  # 新增/新建/建成 … of its clause: what was added in the period
    stock: bool  # 增至/达到/总数 …: what there is at the end
    listed: str = ""


_SEPARATOR = compile_regex(r"[、，,；;：:（）()“”\"‘’]|和|及|与|以及|等|其中")
_HAN_RUN = compile_regex(r"\p{Han}+")


def _item(scope: Scope, fig: Figure) -> Optional[Item]:
    """The item next to the figure: the words before it back to the last separator
    (新增全国重点实验室12家), or, when they are only verbs or nothing, the words after it
    (建成25个国家级示范区, 29家全国重点实验室、…)."""
    lex = cues("cumulative")
    verbs = lex["flow_verbs"] + lex["stock_verbs"]
    c0, c1 = scope.clause(fig.start)
    before = scope.view[c0:fig.start]
    phrase = _SEPARATOR.split(before)[-1]
    noun = _strip(phrase, verbs, lex["after_verbs"])
    if len(noun) < 2:
        m = _HAN_RUN.match(_SEPARATOR.split(scope.view[fig.end:c1])[0])
        phrase = m.group() if m else ""
        noun = _strip(phrase, verbs, lex["after_verbs"])
    if len(noun) < 2 or not _HAN_RUN.fullmatch(phrase):
        return None
    listed = ""
    if "、" in before and phrase == _SEPARATOR.split(before)[-1]:
        tail = before[before.rfind("，") + 1:]
        words = tail.split("、")
        if len(words) > 1 and all(_HAN_RUN.fullmatch(w) for w in words):
            listed = tail  # 供热、供排水、燃气老旧管网6562公里: one amount for several kinds
    clause = scope.view[c0:c1]
    flow = frozenset(w for w in lex["flow_verbs"] if w in clause)
    stock = has(phrase, lex["stock_verbs"]) or has(phrase, lex["after_verbs"])
    return Item(phrase, noun, flow, stock, listed)


def _strip(phrase: str, leading: list[str], trailing: list[str]) -> str:
    """The noun of an item phrase: leading verbs (新增, 有序改造) and trailing ones (增至,
    达到) taken off; what is left may be nothing (the phrase was only a verb)."""
    noun, changed = phrase, True
    while changed and noun:
        changed = False
        for w in sorted(leading, key=len, reverse=True):
            if noun.startswith(w):
                noun, changed = noun[len(w):], True
                break
        for w in sorted(trailing, key=len, reverse=True):
            if noun.endswith(w):
                noun, changed = noun[:-len(w)], True
                break
    return noun


def _same_words(a: str, b: str) -> bool:
    """Equal, or the shorter the end of the longer under a short qualifier (易积水点位 and
    中心城区易积水点位): a long qualifier (综合片区类城市更新项目) names a narrower thing."""
    lex = cues("cumulative")
    short, long_ = sorted((a, b), key=len)
    if short == long_:
        return len(short) >= 2 and short not in lex["generic_items"]
    return (len(short) >= 4 and long_.endswith(short)
            and len(long_) - len(short) <= lex["max_qualifier"])


def _same_item(a: Item, b: Item) -> bool:
    return _same_words(a.noun, b.noun) or _same_words(a.phrase, b.phrase)


def _usable(scope: Scope, fig: Figure, period: str) -> bool:
    """A figure that states an amount of something: not per head, not a threshold
    (超/以上/突破), not in quotes, not one year's in a review of several (2025年新增…, 年均,
    每年) nor several years' in a review of one (累计, 以来)."""
    lex = cues("cumulative")
    if fig.key[-1] in lex["skip_units"] or scope.per_unit(fig):
        return False
    c0, c1 = scope.clause(fig.start)
    head = scope.view[max(c0, fig.start - 3):fig.start]
    tail = scope.view[fig.end:min(c1, fig.end + 3)]
    if has(head, lex["threshold_before"]) or has(tail, lex["threshold_after"]):
        return False
    if has(scope.view[c0:c1], lex["ratio_words"]):
        return False
    p0, _ = scope.paragraph(fig.start)
    opening = scope.view[p0:fig.start]
    if opening.count("“") > opening.count("”") or opening.count("「") > opening.count("」"):
        return False
    s0, _ = scope.sentence(fig.start)
    refuse = _refusals()[period]
    return not (refuse["sentence"].search(scope.view, s0, fig.start)
                or refuse["clause"].search(scope.view, c0, c1))


@lru_cache(maxsize=1)
def _refusals() -> dict[str, dict[str, regex.Pattern]]:
    """``not_in_several`` / ``not_in_one`` of ``cumulative.yaml``: the words that keep a
    figure out, looked for in its sentence (a time that sets the sentence: 2025年，…) or
    only in its clause (年均增长 speaks of its own clause)."""
    lex = cues("cumulative")
    return {period: {where: compile_regex("|".join(f"(?:{w})" for w in lex[name][where]))
                     for where in ("sentence", "clause")}
            for period, name in ((SEVERAL, "not_in_several"), (ONE, "not_in_one"))}


def _flows_and_items(scope: Scope, starts: list[int], periods: list[str]) -> tuple[list, list]:
    """The figures of several-year paragraphs and the flows of one-year paragraphs, each
    with its item."""
    lex = cues("cumulative")
    several, one = [], []
    for fig in scope.operand_figures:
        period = periods[bisect.bisect_right(starts, fig.start) - 1]
        if period == OTHER:
            continue
        if fig.kind == "money" and period == SEVERAL and not has(scope.clause_text(fig), lex["money_cumulative"]):
            continue  # 实际使用外资263亿美元: one year's or five years'? not said
        if not _usable(scope, fig, period):
            continue
        item = _item(scope, fig)
        if item is None:
            continue
        if period == SEVERAL:
            several.append((fig, item))
        elif item.flow and not item.stock:
            one.append((fig, item))
    return several, one


def _across_paragraphs(scope: Scope) -> Iterator[StatedRelation]:
    if _patterns()["several"].search(scope.view, scope.lo, scope.hi) is None:
        return  # no paragraph can speak of several years (most documents): skip the lines
    starts, periods = _periods(scope)
    if SEVERAL not in periods or ONE not in periods:
        return
    several, one = _flows_and_items(scope, starts, periods)
    # Items that can match end alike (the shorter is the end of the longer): indexed by
    # unit and last two characters, so each several-year figure looks at a few candidates.
    by_head: dict[tuple, list] = {}
    for fig, item in one:
        for head in {item.noun[-2:], item.phrase[-2:]}:
            by_head.setdefault((fig.key, head), []).append((fig, item))
    for cum, item in several:
        if item.listed:
            yield from _listed(scope, cum, item, by_head.get((cum.key, item.noun[-2:]), []))
            continue
        candidates = by_head.get((cum.key, item.noun[-2:]), []) + by_head.get((cum.key, item.phrase[-2:]), [])
        same = [(fig, it) for fig, it in candidates if _same_item(item, it)]
        if not same:
            continue
        fig, it = max(same, key=lambda p: p[0].iv.lo)
        # An error only when both are the same flow in the same words (新增X … 新增X).
        asserted = (bool(item.flow & it.flow) and not item.stock and it.phrase == item.phrase
                    and cum.iv.hi < INF and fig.iv.hi < INF)
        yield _at_least(cum, fig, asserted, what="多年", item=it.phrase)


def _listed(scope: Scope, cum: Figure, item: Item, candidates: list) -> Iterator[StatedRelation]:
    """改造供热、燃气管网6562公里 against this year's 改造供热管网1287公里、燃气管网810公里: the
    several kinds this year, listed in one sentence, add up to no more than the five years'."""
    lex = cues("cumulative")
    head = item.noun[-2:]
    words = [_strip(w, lex["flow_verbs"], []) for w in item.listed.split("、")]
    kinds = set("".join(words)) - set(head)  # the characters that tell the kinds apart
    groups: dict[int, list[Figure]] = {}
    for fig, it in candidates:
        modifier = it.noun[:-2]
        if it.noun.endswith(head) and modifier and set(modifier[:2]) & kinds:
            groups.setdefault(scope.sentence(fig.start)[0], []).append(fig)
    parts = max(groups.values(), key=len, default=[])
    if len(parts) < 2:
        return
    computed = total(f.iv for f in parts)
    expression = " + ".join(f.numeral for f in parts)
    yield StatedRelation(
        "cumulative", "ZJ204", cum, tuple(("period", f) for f in parts), computed, expression,
        "", (f"本年各项 {expression} 不超过多年合计 {cum.text}，相符",
             f"本年各项 {expression} 超过多年合计 {cum.text}，累计数不可能小于其中一年的数"),
        test="at-most", asserted=False, stated_role="cumulative", legacy=())  # a kind newer than the legacy keys
