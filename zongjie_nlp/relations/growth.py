"""Growth and decline, percentage-point change, and a difference of percentages written
as a percent.

由A增至B，增长P% / B，比上年的A增长P% / B，比上年增加Δ，增长P%: P = (B − A)/A, computed only
when both values (or the value and its delta) are written just before the verb, in the
same sentence.  由86.2%提高到91.5%，提高D个百分点: D = 91.5 − 86.2.  由90%提高到95.1%，提高了
5.1%: the writer computed points and wrote %, which reads as a relative change (ZJ209).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

import regex

from .base import StatedRelation, register
from .figures import Figure, Scope, cues
from .interval import INF, Interval
from .show import as_written, percent

_CHANGE_WORD = regex.compile(
    r"(?P<verb>增长|增加|提高|上升|提升|增幅|扩大|下降|减少|降低|下滑|回落|缩减|缩小|降幅)"
    r"(?:了|为|达|达到|约|近)*$")
_BASE = r"(?:上年|去年|上一年|年初|上年末|上年同期|同期)"
_FROM = regex.compile(rf"(?:由|从){_BASE}?的?$")
_TO = regex.compile(r"\p{Han}{0,4}?(?:到|至)了?")
_COMPARED = regex.compile(rf"[，,]?\s*(?:比|较){_BASE}(?:的|同期的)?")
_DELTA = regex.compile(rf"[，,]?\s*(?:比|较){_BASE}(?P<verb>增加|增长|减少|下降|节约|多|少)了?")
_BEFORE_VERB = regex.compile(rf"[，,\s]*(?:同比|环比|比{_BASE}|较{_BASE}|与{_BASE}相比[，,]?)?")


@dataclass(frozen=True)
class Change:
    """What a change statement compares: the earlier and later values (由A到B), or the
    later value and its delta (B，比上年增加Δ: the earlier value is B − Δ)."""

    later: Figure
    earlier: Optional[Figure] = None
    delta: Optional[Figure] = None
    delta_sign: int = 0  # +1 增加Δ, −1 减少Δ


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
        change = values_before(scope, s0, g.start - len(m.group()))
        if change is None:
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
        else:
            yield from growth(a, b, g, sign)


def values_before(scope: Scope, s0: int, end: int) -> Optional[Change]:
    """由A…到B，… / B，比上年的A… / B，比上年增加Δ，…: the last two figures before the verb."""
    less = cues("growth")["less"]
    figs = [f for f in scope.figures_in(s0, end, near=end)
            if f.kind in ("money", "count", "measure", "percent") and not f.open]
    if len(figs) < 2:
        return None
    a, b = figs[-2], figs[-1]
    if a.key != b.key or not _BEFORE_VERB.fullmatch(scope.view, b.end, end):
        return None
    between = scope.view[a.end:b.start]
    if _FROM.search(scope.view, max(s0, a.start - 8), a.start) and _TO.fullmatch(between):
        return Change(later=b, earlier=a)
    if _COMPARED.fullmatch(between):
        return Change(later=a, earlier=b)  # B，比上年的A增长…: the compared one is the earlier value
    m = _DELTA.fullmatch(between)
    if m and b.kind != "percent":
        return Change(later=a, delta=b, delta_sign=-1 if m.group("verb") in less else 1)
    return None


def growth(a: Figure, b: Figure, g: Figure, sign: int) -> Iterator[StatedRelation]:
    """``g`` = (b − a)/a (or (a − b)/a for a decline), as a percentage."""
    computed = (b.iv / a.iv - Interval(1, 1)).scale(100 * sign)
    if not computed.determined:
        return  # growth from zero has no rate
    pct = percent(computed, g)
    formula = f"({b.numeral}−{a.numeral})/{a.numeral}" if sign > 0 else f"({a.numeral}−{b.numeral})/{a.numeral}"
    yield StatedRelation(
        "growth", "ZJ206", g, (("earlier", a), ("later", b)), computed, formula, f"{pct}%",
        (f"{formula} = {pct}%，与文中 {g.text} 相符", f"由{a.text}到{b.text}，{formula} = {pct}%，文中写 {g.text}"),
        legacy=(("earlier", a.value), ("later", b.value)))


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
