"""Per unit × count = total: 为126户脱贫户每户发放1500元，共计发放18.9万元.

Computed when the sentence states exactly one count of the units 每X speaks of and one
total (共/合计/总额 …); 每人每月 and averages over other groups are left alone.  人均 is an
average, rounded at its last digit like any computed figure.
"""

from __future__ import annotations

from typing import Iterator

import regex

from .base import StatedRelation, register
from .figures import Figure, Scope, cues, has, operands
from .interval import Interval
from .show import MAGNITUDES, show_interval

_PER_TIME = regex.compile(r"每(?:年|月|季|季度|周|天|日|次|期|学期)|月均|年均|日均")


@register("per-head", ("ZJ205",), "per unit × count = total")
def find(scope: Scope) -> Iterator[StatedRelation]:
    total_cues = cues("per-head")["total_cues"]
    for x in operands(scope.figures):
        if not scope.per_unit(x):
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
        computed = per_head * n.iv
        expression = f"{n.text} × {x.text}"
        yield StatedRelation(
            "per-head", "ZJ205", total, (("count", n), ("per-unit", x)), computed,
            expression, show_interval(computed, total),
            (f"{expression} = {show_interval(computed, total)}，与文中 {total.text} 相符",
             f"{expression} = {show_interval(computed, total, True)}，文中写 {total.text}"),
            stated_role="total", legacy=(("heads", n.value), ("per_head", [per_head.lo, per_head.hi])))


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
