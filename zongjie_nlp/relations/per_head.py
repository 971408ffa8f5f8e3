"""Per unit × count = total: 为126户脱贫户每户发放1500元，共计发放18.9万元.

Computed when the sentence states exactly one count of the units 每X speaks of and one
total (共/合计/总额 …); 每人每月 and averages over other groups are left alone.  人均 is an
average, rounded at its last digit like any computed figure.

The same holds for a price: 单价650元，购置42台，计27300元 / 每亩租金800元 … 3200亩 …
共计256万元 / 650元/台 — the quantity is the one figure of the priced unit.

Two ratios per thousand people in one paragraph (卫技人员553人，每千人口2.4人；病床493张，
每千人口1.2张) speak of one population: the populations they imply must agree.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator, Optional

import regex

from ..cache import compile_regex
from ..numerals import format_decimal
from .base import StatedRelation, register
from .figures import Figure, Scope, cue_pattern, cues, has, operands
from .interval import Interval
from .show import MAGNITUDES, differed, show, show_interval

_HAN_RUN = compile_regex(r"\p{Han}{2,}")
_PER_TIME = compile_regex(r"每(?:年|月|季|季度|周|天|日|次|期|学期)|月均|年均|日均")
MAX_RATIO_GAP = 300  # characters between two per-thousand ratios of one paragraph


@register("per-head", ("ZJ205",), "per unit × count = total")
def find(scope: Scope) -> Iterator[StatedRelation]:
    total_cues = cues("per-head")["total_cues"]
    for x in scope.operand_figures:
        if not scope.per_unit(x):
            # The same test _price_unit makes first (only an amount is a price), repeated
            # here to spare the call for the counts and measures.
            if x.kind == "money":
                yield from _price(scope, x)
            continue
        cue = scope.per_unit_cue(x)
        if _PER_TIME.search(scope.lead(x)):
            continue
        s0, s1 = scope.sentence(x.start)
        sentence = [f for f in operands(scope.figures_in(s0, s1, near=x.start)) if f is not x]
        heads = [f for f in sentence if _counts_heads(scope, f, cue) and not scope.per_unit(f)]
        totals = [f for f in sentence if f.key == x.key and not scope.per_unit(f)
                  and has(scope.lead(f), total_cues)]
        if len(heads) != 1 or len(totals) != 1:
            continue
        n, total = heads[0], totals[0]
        per_head = _average(x) if cue.group(0) in ("人均", "户均") else x.iv
        yield _product(n, x, per_head, total, ("count", "per-unit"))
    yield from _per_thousand(scope)


def _product(n: Figure, x: Figure, per: Interval, total: Figure, roles: tuple[str, str]) -> StatedRelation:
    computed = per * n.iv
    expression = f"{n.text} × {x.text}"
    written = show_interval(computed, total)
    shown = show_interval(computed, total, True) if differed(computed, total) else written
    return StatedRelation(
        "per-head", "ZJ205", total, ((roles[0], n), (roles[1], x)), computed,
        expression, written,
        (f"{expression} = {written}，与文中 {total.text} 相符",
         f"{expression} = {shown}，文中写 {total.text}"),
        stated_role="total", legacy=(("heads", n.value), ("per_head", [per.lo, per.hi])))


def _average(x: Figure) -> Interval:
    """人均650元 is an average, rounded at its last digit like any computed figure."""
    if x.iv.lo != x.iv.hi:
        return x.iv
    half = 0.5 * 10 ** -x.decimals
    for _, factor, chars in MAGNITUDES:
        if any(c in x.number for c in chars):
            half *= factor
            break
    return Interval(x.iv.lo - half, x.iv.hi + half)


def _counts_heads(scope: Scope, fig: Figure, cue: regex.Match) -> bool:
    """Is ``fig`` the number of the units 每X speaks of (每人 ↔ 39名, 每户 ↔ 126户, 每个班组 ↔ 10个班组)?"""
    if fig.kind != "count":
        return False
    unit, word = cue.group("unit"), cue.group(0)
    if word == "人均" or unit in ("人", "名", "位"):
        return fig.key == ("people",)
    if word == "户均" or unit == "户":
        return fig.key == ("count", "户")
    written = scope.view[fig.start:fig.end + 2]
    if unit == "个":
        noun = cue.group("noun")
        return bool(noun) and "个" + noun[0] in written
    return unit in written  # 每家/每所/每村


# --------------------------------------------------------------------------- #
# 单价650元，购置42台，计27300元
# --------------------------------------------------------------------------- #


def _price_unit(scope: Scope, x: Figure) -> Optional[str]:
    """The unit a money figure is the price of: 每台 / 每亩租金 before it, 元/台 right after
    it, or "" for 单价 (the unit is then the one quantity of the sentence); None when the
    figure is no price."""
    if x.kind != "money":
        return None
    after_unit, per_unit, price_word = _price_patterns()
    after = after_unit.match(scope.view, x.end, min(x.end + 5, scope.hi))
    if after:
        return after.group()[1:]
    lead = scope.lead(x)
    m = None
    for m in per_unit.finditer(lead):
        pass
    if m is not None:
        return m.group("unit")
    if price_word.search(lead):
        return ""
    return None


@lru_cache(maxsize=1)
def _price_patterns() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    """元/台 after a figure, 每台 before it, 单价 before it: compiled once from the cues."""
    lex = cues("per-head")
    units = "|".join(sorted(lex["item_units"], key=len, reverse=True))
    return (compile_regex(rf"[/／](?:{units})"),
            compile_regex(rf"每(?P<unit>{units})(?=\p{{Han}}*$)"),
            compile_regex(rf"(?:{'|'.join(lex['price_words'])})\p{{Han}}{{0,4}}$"))


def _price(scope: Scope, x: Figure) -> Iterator[StatedRelation]:
    """Price × quantity = amount, when the sentence holds one quantity of the priced unit
    and one amount said to be the total (计/共计/合计/总价/金额)."""
    unit = _price_unit(scope, x)
    if unit is None or _PER_TIME.search(scope.lead(x)):
        return
    s0, s1 = scope.sentence(x.start)
    sentence = [f for f in operands(scope.figures_in(s0, s1, near=x.start)) if f is not x]
    if unit:
        quantities = [f for f in sentence if f.kind in ("count", "measure") and f.key[-1] == unit]
    else:
        units = cues("per-head")["item_units"]
        quantities = [f for f in sentence if f.kind in ("count", "measure") and f.key[-1] in units]
    total_cue = cue_pattern("per-head", "price_total_cue")
    totals = [f for f in sentence if f.key == x.key and total_cue.search(scope.lead(f))
              and _price_unit(scope, f) is None]
    if len(quantities) != 1 or len(totals) != 1:
        return
    if [f for f in sentence if f.kind == "money" and f is not totals[0]]:
        return  # another amount (运费50元, a second price): which one is multiplied is not said
    yield _product(quantities[0], x, x.iv, totals[0], ("quantity", "price"))


# --------------------------------------------------------------------------- #
# 每千人口拥有卫技人员2.4人 … 每千人口拥有病床1.2张: one population
# --------------------------------------------------------------------------- #


def _per_thousand(scope: Scope) -> Iterator[StatedRelation]:
    cue = cue_pattern("per-head", "per_thousand_cue")
    previous: Optional[tuple[Figure, Figure, str]] = None
    for fig in scope.figures_led_by(("每",)):  # every match of the cue starts with 每
        if fig.kind != "count":
            continue
        c0, _ = scope.clause(fig.start)
        m = None
        for m in cue.finditer(scope.view, c0, fig.start):
            pass
        if m is None or regex.search(r"[\d%]", scope.view[m.end():fig.start]):
            continue
        count = _counted(scope, fig, scope.view[m.end():fig.start])
        if count is None:
            continue
        here = (fig, count, m.group("base"))
        if previous is not None and previous[2] == here[2] and fig.start - previous[0].start <= MAX_RATIO_GAP \
                and scope.paragraph(fig.start) == scope.paragraph(previous[0].start):
            yield _populations(previous, here, m.group("scale"))
        previous = here


def _counted(scope: Scope, ratio: Figure, label: str) -> Optional[Figure]:
    """The count the ratio is computed from: the figure of its unit earlier in the
    sentence, named with the ratio's words (病床数493张 … 每千人口拥有病床数1.2张), not a
    change (新增) and not a remark in brackets."""
    lex = cues("per-head")
    s0, _ = scope.sentence(ratio.start)
    words = _words(label) - set(lex["ratio_generic"])
    found = []
    for f in operands(scope.figures_in(s0, ratio.start, near=ratio.start), ratio.key):
        lead = scope.lead(f)
        if scope.per_unit(f) or has(lead, lex["change_words"]) or _bracketed(scope, f):
            continue
        if words & _words(lead):
            found.append(f)
    return found[0] if len(found) == 1 else None


def _words(text: str) -> set[str]:
    return {run[i:i + 2] for run in _HAN_RUN.findall(text) for i in range(len(run) - 1)}


def _bracketed(scope: Scope, fig: Figure) -> bool:
    before = scope.view[max(scope.lo, fig.start - 30):fig.start]
    return max(before.rfind("("), before.rfind("（")) > max(before.rfind(")"), before.rfind("）"))


_SCALES = {"十": 10, "百": 100, "千": 1000, "万": 10000, "十万": 100000}


def _populations(first: tuple[Figure, Figure, str], second: tuple[Figure, Figure, str], scale: str) -> StatedRelation:
    """The first ratio recomputed from the population the second implies."""
    r1, n1, _ = first
    r2, n2, _ = second
    computed = n1.iv * r2.iv / n2.iv
    population = n2.iv / r2.iv
    per = _SCALES.get(scale, 1000)
    pop = format_decimal(population.mid * per / 1e4, 1) if population.determined else "?"
    expression = f"{n1.numeral} × {r2.numeral} ÷ {n2.numeral}"
    unit = r1.text.strip().removeprefix(r1.numeral)
    return StatedRelation(
        "per-thousand", "ZJ205", r1, (("count", n1), ("count", n2), ("ratio", r2)), computed,
        expression, show(computed.mid, r1),
        (f"{n1.text}、{n2.text} 与每{scale}人口 {r1.text}、{r2.text} 所推算的人口一致，相符",
         f"按 {n2.text} 与每{scale}人口 {r2.text} 推算人口约 {pop}万，{n1.text} 对应每{scale}人口 "
         f"约{show(computed.mid, r1, differed(computed, r1))}{unit}，文中写 {r1.text}"),
        span=(r1.start, r2.end), severity="warning", stated_role="stated",
        legacy=(("counts", [n1.value, n2.value]), ("ratios", [r1.value, r2.value])))
