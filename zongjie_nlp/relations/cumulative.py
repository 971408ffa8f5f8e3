"""A cumulative figure is at least this period's: 累计发放27万元 ≥ 本年度发放7.4万元.

Compared only within one paragraph, for one unit and one thing (the clauses share at
least two two-character words: 发放 alone does not make 慰问金 and 助学金 one thing).  A
failure is reported only when the period figure is marked as this year's (本年度/今年/
全年/新增); otherwise the pair is a reading, shown when it holds.
"""

from __future__ import annotations

from typing import Iterator

import regex

from .base import StatedRelation, register
from .figures import Figure, Scope, cues, has, operands
from .interval import INF

# 四年共 / 多年来 are cumulative; 一年来 and 全年共 speak of this year.
_CUMULATIVE = regex.compile(r"累计|历年|以来|(?<=[二两三四五六七八九十几多\d])年(?:来|共|累计)")
_RESPECTIVELY = regex.compile(r"分别")


@register("cumulative", ("ZJ204",), "a cumulative figure is at least this period's")
def find(scope: Scope) -> Iterator[StatedRelation]:
    if not scope.figures:
        return
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
    for fig in operands(scope.figures_in(p0, p1, near=cum.start), cum.key):
        if fig.start in cumulative or scope.per_unit(fig):
            continue
        score = len(scope.bigrams(fig) & cum_words)
        better = score >= 2 and (score, fig.iv.lo) > (best_score, best.iv.lo if best else -INF)
        if better and not has(scope.clause_text(fig), lex["plan_words"]):
            best, best_score = fig, score
    if best is None:
        return
    s0, s1 = scope.sentence(best.start)
    period_stated = has(scope.view[s0:s1], lex["period_markers"])
    yield StatedRelation(
        "cumulative", "ZJ204", best, (("cumulative", cum),), cum.iv, f"累计 {cum.text}", "",
        (f"累计 {cum.text} 不少于同段同一事项的 {best.text}，相符",
         f"累计 {cum.text} 少于本期（本年）{best.text}，累计数不可能小于其中一年的数"),
        test="at-least", asserted=period_stated, span=(cum.start, cum.end), stated_role="period",
        legacy=(("cumulative", cum.value), ("period", best.value)))
