"""Remainder and balance: total = stated part + the rest; base ± changes = now.

落户企业79家，除了10家已建工会外，还有69家未建 → 79 = 10 + 69 (``remainder``);
原有79家，注销10家，现有69家 / 收入38.5万元，支出36.2万元，结余2.3万元 (``change``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from ..cache import compile_regex
from .base import StatedRelation, register
from .figures import Figure, Scope, cues, has, operands
from .interval import total as interval_total
from .show import differed, show

_EXCEPT = compile_regex(r"除了?(?P<inner>[^。；;！？!?\n]{1,40}?)(?:以外|之外|外)")


@register("remainder", ("ZJ202",), "total = stated parts + the rest")
def find(scope: Scope) -> Iterator[StatedRelation]:
    for r in scope.figures_led_by(_rest_or_also()):
        yield from _remainder(scope, r, scope.lead(r))


@register("change", ("ZJ202",), "base ± changes = now")
def find_balance(scope: Scope) -> Iterator[StatedRelation]:
    for r in scope.figures_led_by(tuple(cues("change")["now_cues"])):
        if not has(scope.lead(r), _rest_or_also()):
            yield from _change_chain(scope, r)


@lru_cache(maxsize=1)
def _rest_or_also() -> tuple[str, ...]:
    """The words that make a figure the rest of a total (其余…, 还有…)."""
    lex = cues("remainder")
    return (*lex["rest_cues"], *lex["also_cues"])


def _remainder(scope: Scope, r: Figure, lead: str) -> Iterator[StatedRelation]:
    """With 其余/剩余 the rest is all the rest; with 还有 only when the predicates are
    complementary (已…/未…), otherwise a reading that is shown only when it adds up."""
    lex = cues("remainder")
    s0, _ = scope.sentence(r.start)
    before = [f for f in operands(scope.figures_in(s0, r.start, near=r.start), r.key) if not scope.per_unit(f)]
    m = None
    for m in _EXCEPT.finditer(scope.view, s0, r.start):
        pass
    if m is not None:
        excluded = [f for f in before if m.start("inner") <= f.start and f.end <= m.end("inner")]
        totals = [f for f in before if f.end <= m.start()]
        if not excluded or not totals:
            return
        total = totals[-1]
        exact = has(lead, lex["rest_cues"]) or (
            has(scope.view[m.start():m.end()], lex["done_cues"]) and has(scope.clause_text(r), lex["not_done_cues"]))
    else:
        if not has(lead, lex["rest_cues"]) or len(before) != 2 or "其中" in scope.view[s0:r.start]:
            return  # 共X，其中A…，其余B: a parts list
        total, excluded = before[0], [before[1]]
        exact = True
    computed = total.iv - interval_total(f.iv for f in excluded)
    parts = " + ".join(f.numeral for f in excluded)
    minus = " − ".join([total.numeral] + [f.numeral for f in excluded])
    yield StatedRelation(
        "remainder", "ZJ202", r, (("total", total), *(("part", f) for f in excluded)), computed,
        minus, show(computed.mid, r),
        (f"{total.numeral} = {parts} + {r.numeral}，相符",
         f"{minus} = {show(computed.mid, r, differed(computed, r))}，文中写 {r.text}"),
        asserted=exact, stated_role="rest",
        legacy=(("total", total.value), ("parts", [f.value for f in excluded])))


def _change_chain(scope: Scope, now: Figure) -> Iterator[StatedRelation]:
    """Every figure of the unit in the sentence must carry a cue (原有 / 新增 / 注销 /
    现有), else silent."""
    lex = cues("change")
    s0, _ = scope.sentence(now.start)
    chain = operands(scope.figures_in(s0, now.start, near=now.start), now.key)
    if not chain:
        return
    base, changes = None, []
    for fig in chain:
        lead = scope.lead(fig)
        if has(lead, lex["base_cues"]) and base is None and not changes:
            base = fig
        elif has(lead, lex["minus_cues"]):
            changes.append((-1, fig))
        elif has(lead, lex["plus_cues"]):
            changes.append((1, fig))
        else:
            return
    if base is None or not changes:
        return
    computed = base.iv
    for sign, fig in changes:
        computed = computed + fig.iv if sign > 0 else computed - fig.iv
    formula = base.numeral + "".join(f" {'+' if s > 0 else '−'} {f.numeral}" for s, f in changes)
    yield StatedRelation(
        "change", "ZJ202", now,
        (("base", base), *(("increase" if s > 0 else "decrease", f) for s, f in changes)), computed,
        formula, show(computed.mid, now),
        (f"{formula} = {now.numeral}，相符", f"{formula} = {show(computed.mid, now, differed(computed, now))}，文中写 {now.text}"),
        stated_role="now",
        legacy=(("base", base.value), ("changes", [s * f.value for s, f in changes])))
