"""Growth and decline, percentage-point change, and a difference of percentages written
as a percent.

由A增至B，增长P% / B，比上年的A增长P% / B，比上年增加Δ，增长P%: P = (B − A)/A, computed only
when both values (or the value and its delta) are written just before the verb, in the
same sentence.  由86.2%提高到91.5%，提高D个百分点: D = 91.5 − 86.2.  由90%提高到95.1%，提高了
5.1%: the writer computed points and wrote %, which reads as a relative change (ZJ209).

The values may carry their years (从2020年的A增长到2025年的B); then 年均增长P% is the
compound annual rate over those years (a reading, shown when it holds: a writer may
average the yearly rates instead), and 五年增长P% the whole change when the years
agree.  A base stated a sentence or two before (以2024年的A为基数……到2027年达B，三年增长
P%) is a base only when the words say so (为基数/基期).  Real growth (实际增长, 可比价) is
not computed from nominal values; the growth of output (生产总值, 增加值), usually stated at
comparable prices, is not computed from its nominal values either.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterator, Optional

import regex

from .base import StatedRelation, register
from .figures import Figure, Scope, cues, has
from .interval import INF, Interval
from .show import as_written, percent

_CHANGE_WORD = regex.compile(
    r"(?P<verb>增长|增加|提高|上升|提升|增幅|扩大|下降|减少|降低|下滑|回落|缩减|缩小|降幅)"
    r"(?:了|为|达|达到|约|近)*$")
_YEAR = r"(?:19|20)\d\d年(?:末|底)?"
_BASE = rf"(?:上年|去年|上一年|年初|上年末|上年同期|同期|{_YEAR})"
_FROM = regex.compile(rf"(?:由|从)(?P<year>{_BASE})?的?$")
_TO = regex.compile(rf"\p{{Han}}{{0,4}}?(?:到|至)了?(?:(?P<year>{_YEAR})的?)?")
_COMPARED = regex.compile(rf"[，,]?\s*(?:比|较){_BASE}(?:的|同期的)?")
_DELTA = regex.compile(rf"[，,]?\s*(?:比|较){_BASE}(?P<verb>增加|增长|减少|下降|节约|多|少)了?")
_BEFORE_VERB = regex.compile(rf"[，,\s]*(?:同比|环比|比{_BASE}|较{_BASE}|与{_BASE}相比[，,]?)?")
# 年均增长 / 三年增长 / 五年累计增长: the period the rate covers, right before the verb.
_PERIOD = regex.compile(r"(?:(?P<annual>年均|年平均|平均每年)|(?<!\d)(?P<years>[两二三四五六七八九十]|\d{1,2})年(?:来|间)?(?:累计|共|合计)?)$")
_COMPARED_YEAR = regex.compile(rf"[，,\s]*(?:(?:比|较)(?P<year>{_YEAR})(?:的水平)?)?")
_YEAR_NUMBER = regex.compile(r"((?:19|20)\d\d)年")
_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@dataclass(frozen=True)
class Change:
    """What a change statement compares: the earlier and later values (由A到B), or the
    later value and its delta (B，比上年增加Δ: the earlier value is B − Δ)."""

    later: Figure
    earlier: Optional[Figure] = None
    delta: Optional[Figure] = None
    delta_sign: int = 0  # +1 增加Δ, −1 减少Δ
    years: Optional[tuple[int, int]] = None  # 从2020年的A增长到2025年的B: (2020, 2025)
    asserted: bool = True  # False: A is the base only by its year (2020年…A …… B，比2020年增长)


@register("growth", ("ZJ206", "ZJ207", "ZJ209"), "growth rate or points change between two stated values")
def find(scope: Scope) -> Iterator[StatedRelation]:
    lex = cues("growth")
    for g in scope.figures:
        if g.kind not in ("percent", "points"):
            continue
        s0, _ = scope.sentence(g.start)
        m = _CHANGE_WORD.search(scope.view, max(s0, g.start - 12), g.start)
        if not m:
            continue
        sign = 1 if m.group("verb") in lex["up"] else -1
        if has(scope.view[s0:g.start], lex["real_growth"]):
            continue  # 实际增长 / 按可比价格: not the change of the nominal values written
        period = _PERIOD.search(scope.view, max(s0, m.start() - 6), m.start())
        if period:
            yield from _over_period(scope, s0, period, g, sign)
            continue
        change = values_before(scope, s0, g.start - len(m.group()))
        if change is None:
            change = based(scope, s0, g.start - len(m.group()))
            if change and g.kind == "percent" and _nominal(scope, change.later):
                yield from growth(change.earlier, change.later, g, sign, asserted=change.asserted)
            continue
        a, b = change.earlier, change.later
        if a is None:
            if g.kind == "percent" and change.delta_sign == sign:
                yield from _delta_growth(change, g, sign)
        elif g.kind == "points":
            if a.kind == "percent":
                yield from _points(a, b, g, sign)
        elif a.kind == "percent":
            yield from _rate_change(a, b, g, sign)
        elif _nominal(scope, b):
            yield from growth(a, b, g, sign)


def _nominal(scope: Scope, b: Figure) -> bool:
    """Is a money growth rate the change of the values as written?  Not for output
    (生产总值, 增加值): its growth is stated at comparable prices, so it is not computed."""
    return b.kind != "money" or not has(scope.clause_text(b), cues("growth")["real_items"])


def _over_period(scope: Scope, s0: int, period: regex.Match, g: Figure, sign: int) -> Iterator[StatedRelation]:
    """年均增长P% (compound, over the years written with the values) or N年增长P% (the
    whole change, when N agrees with the years), from 由A到B just before, or from a base
    stated earlier in the paragraph (以A为基数……达B)."""
    if g.kind != "percent":
        return
    change = values_before(scope, s0, period.start()) or based(scope, s0, period.start())
    if change is None or change.earlier is None or change.earlier.kind == "percent":
        return
    a, b = change.earlier, change.later
    if not _nominal(scope, b):
        return
    span = change.years[1] - change.years[0] if change.years else None
    n = period.group("years")
    stated = (int(n) if n.isdigit() else _COUNT.get(n)) if n else None
    if span is not None and span <= 0:
        return
    if period.group("annual"):
        if span is not None and change.asserted:
            yield from _annual(a, b, g, sign, span)
    elif stated is not None and (span is None or span == stated):
        yield from growth(a, b, g, sign, asserted=change.asserted)


def based(scope: Scope, s0: int, end: int) -> Optional[Change]:
    """……到2027年达B，三年增长P%, with 以2024年的A为基数 (or 基数为A) earlier in the
    paragraph: B is the last figure before the rate, A the nearest figure of B's unit
    before it, and only when the words make A the base.  …B，比2020年增长P% with A written
    as 2020年's is a reading: nothing but the year says A is the base."""
    lex = cues("growth")
    figs = [f for f in scope.figures_in(s0, end, near=end) if f.kind in ("money", "count", "measure")]
    if not figs or figs[-1].open:
        return None
    b = figs[-1]
    joined = _COMPARED_YEAR.fullmatch(scope.view, b.end, end)
    if joined is None or (joined.group("year") is None and not has(scope.lead(b), lex["reach"])):
        return None
    p0, _ = scope.paragraph(b.start)
    earlier = [f for f in scope.figures_in(max(p0, b.start - lex["base_reach"]), b.start, near=b.start)
               if f.kind == b.kind and f.key == b.key and not f.open]
    if not earlier:
        return None
    a = earlier[-1]
    c0, _ = scope.clause(b.start)
    year_b = None
    for year_b in _YEAR_NUMBER.finditer(scope.view, c0, b.start):
        pass
    before = scope.view[max(p0, a.start - 12):a.start]
    after = scope.view[a.end:a.end + 6]
    m = regex.search(r"以(?P<year>(?:19|20)\d\d年(?:末|底)?)?的?$", before)
    if (m is not None and has(after, lex["base_after"])) or any(before.endswith(w) for w in lex["base_before"]):
        year_a = _YEAR_NUMBER.search(before) if m is None else _YEAR_NUMBER.search(m.group())
        years = (int(year_a.group(1)), int(year_b.group(1))) if year_a and year_b else None
        return Change(later=b, earlier=a, years=years)
    compared = joined.group("year")
    if compared and compared[:5] in scope.view[scope.sentence(a.start)[0]:a.start] and a.start < c0:
        years = (int(compared[:4]), int(year_b.group(1))) if year_b else None
        return Change(later=b, earlier=a, years=years, asserted=False)
    return None


def values_before(scope: Scope, s0: int, end: int, joiner: regex.Pattern = _BEFORE_VERB) -> Optional[Change]:
    """由A…到B，… / B，比上年的A… / B，比上年增加Δ，…: the last two figures before the verb
    (``joiner`` says what may stand between the later value and the verb)."""
    less = cues("growth")["less"]
    figs = [f for f in scope.figures_in(s0, end, near=end)
            if f.kind in ("money", "count", "measure", "percent") and not f.open]
    if len(figs) < 2:
        return None
    a, b = figs[-2], figs[-1]
    if a.key != b.key or not joiner.fullmatch(scope.view, b.end, end):
        return None
    between = scope.view[a.end:b.start]
    start = _FROM.search(scope.view, max(s0, a.start - 10), a.start)
    to = _TO.fullmatch(between)
    # 由上年的A增加到B，比2020年增长…: the rate is against another base than A.
    against = _YEAR_NUMBER.search(scope.view, b.end, end)
    if start and to:
        base_year = _YEAR_NUMBER.search(start.group())
        if against and (base_year is None or base_year.group(1) != against.group(1)):
            return None
        years = None
        if start.group("year") and to.group("year"):
            years = (int(start.group("year")[:4]), int(to.group("year")[:4]))
        return Change(later=b, earlier=a, years=years)
    if against and against.group() not in between:
        return None
    if _COMPARED.fullmatch(between):
        return Change(later=a, earlier=b)  # B，比上年的A增长…: the compared one is the earlier value
    m = _DELTA.fullmatch(between)
    if m and b.kind != "percent":
        return Change(later=a, delta=b, delta_sign=-1 if m.group("verb") in less else 1)
    return None


def growth(a: Figure, b: Figure, g: Figure, sign: int, asserted: bool = True) -> Iterator[StatedRelation]:
    """``g`` = (b − a)/a (or (a − b)/a for a decline), as a percentage."""
    computed = (b.iv / a.iv - Interval(1, 1)).scale(100 * sign)
    if not computed.determined:
        return  # growth from zero has no rate
    pct = percent(computed, g)
    formula = f"({b.numeral}−{a.numeral})/{a.numeral}" if sign > 0 else f"({a.numeral}−{b.numeral})/{a.numeral}"
    yield StatedRelation(
        "growth", "ZJ206", g, (("earlier", a), ("later", b)), computed, formula, f"{pct}%",
        (f"{formula} = {pct}%，与文中 {g.text} 相符", f"由{a.text}到{b.text}，{formula} = {pct}%，文中写 {g.text}"),
        asserted=asserted, legacy=(("earlier", a.value), ("later", b.value)))


def _annual(a: Figure, b: Figure, g: Figure, sign: int, years: int) -> Iterator[StatedRelation]:
    """年均增长P% from A to B over ``years`` years: P = (B/A)^(1/n) − 1 (compound).  The
    rate rises with B/A, so the bounds come from the ratio's bounds.  Only a reading: a
    writer may average the yearly rates instead, or count the years otherwise."""
    ratio = b.iv / a.iv
    if not (ratio.lo > 0 and math.isfinite(ratio.hi)):
        return
    computed = Interval(*sorted(100 * sign * (r ** (1 / years) - 1) for r in (ratio.lo, ratio.hi)))
    pct = percent(computed, g)
    formula = f"({b.numeral}/{a.numeral})^(1/{years})−1" if sign > 0 else f"1−({b.numeral}/{a.numeral})^(1/{years})"
    yield StatedRelation(
        "annual-growth", "ZJ206", g, (("earlier", a), ("later", b)), computed, formula, f"{pct}%",
        (f"{years}年由{a.text}到{b.text}，年均 {formula} = {pct}%，与文中 {g.text} 相符",
         f"{years}年由{a.text}到{b.text}，年均 {formula} = {pct}%，文中写 {g.text}"),
        asserted=False, legacy=(("earlier", a.value), ("later", b.value), ("years", years)))


def _delta_growth(change: Change, g: Figure, sign: int) -> Iterator[StatedRelation]:
    """B，比上年增加Δ，增长P%: P = Δ/(B − Δ) (or Δ/(B + Δ) for a decrease).  Written with
    B and Δ once each, the bounds are exact: the ratio rises with Δ and falls with B."""
    delta, b = change.delta, change.later
    d, v = delta.iv, b.iv

    def ratio(dx: float, bx: float) -> float:
        base = bx - dx if sign > 0 else bx + dx
        return INF if base <= 0 else 100 * dx / base

    computed = Interval(ratio(d.lo, v.hi), ratio(d.hi, v.lo))
    if not computed.determined:
        return  # 6元，比年初增加2亿元: the earlier value was not positive, no growth rate
    pct = percent(computed, g)
    base = f"{b.numeral}−{delta.numeral}" if sign > 0 else f"{b.numeral}+{delta.numeral}"
    expression = f"{delta.numeral}/({base})"
    formula = f"{expression} = {pct}%"
    yield StatedRelation(
        "growth-delta", "ZJ206", g, (("later", b), ("delta", delta)), computed, expression, f"{pct}%",
        (f"{formula}，与文中 {g.text} 相符",
         f"{b.text}（{'增加' if sign > 0 else '减少'}{delta.text}）：{formula}，文中写 {g.text}"),
        legacy=(("later", b.value), ("delta", delta.value)))


def _points(a: Figure, b: Figure, d: Figure, sign: int) -> Iterator[StatedRelation]:
    computed = (b.iv - a.iv).scale(sign)
    shown = percent(as_written(computed, sign * (b.value - a.value)), d)
    difference = f"{b.numeral} − {a.numeral}" if sign > 0 else f"{a.numeral} − {b.numeral}"
    yield StatedRelation(
        "points", "ZJ207", d, (("earlier", a), ("later", b)), computed, difference, f"{shown}个百分点",
        (f"{difference} = {shown}个百分点，与文中 {d.text} 相符",
         f"由{a.text}到{b.text}，变化 {shown} 个百分点，文中写 {d.text}"),
        legacy=(("earlier", a.value), ("later", b.value)))


def _rate_change(a: Figure, b: Figure, g: Figure, sign: int) -> Iterator[StatedRelation]:
    """由90%提高到95.1%，提高了X%: X is either the relative change (fine) or, more often,
    the difference in points written with % (ZJ209)."""
    relative = (b.iv / a.iv - Interval(1, 1)).scale(100 * sign)
    points = (b.iv - a.iv).scale(sign)
    # Read with the figures as written (90% as 90, not [89.5, 90.5]): which reading did
    # the writer compute?  5.1 = 95.1 − 90 says points, whatever rounding would allow.
    written = Interval(sign * (b.value - a.value), sign * (b.value - a.value))
    change = 100 * sign * (b.value / a.value - 1) if a.value else None
    relative_as_written = Interval(change, change) if change is not None else relative
    if points.meets(g.iv) and not relative.meets(g.iv) or (
            written.meets(g.iv) and not relative_as_written.meets(g.iv)):
        # The stated figure is compared with the relative change it will be read as, which
        # it is not (that is how this branch was reached): the relation fails.
        yield StatedRelation(
            "points-as-percent", "ZJ209", g, (("earlier", a), ("later", b)), relative_as_written,
            f"({b.numeral}−{a.numeral})/{a.numeral}", f"{percent(relative, g)}%",
            ("", f"由{a.text}到{b.text}是{'提高' if sign > 0 else '下降'}{percent(as_written(points, written.lo), g)}个百分点，"
                 f"应写“{g.numeral}个百分点”（写“{g.text}”会被读作相对变化，实为 {percent(relative, g)}%）"),
            legacy=(("relative", [relative.lo, relative.hi]),))
    else:
        yield from growth(a, b, g, sign)
