"""Rate or share = part ÷ whole (应建41家，已有39家，组建率95.1%; 占…的38.2%).

A percentage right after a 率/占比 word, or after 占…的, is part ÷ whole of counts stated
before it in the same sentence.  Only computed when the words say which figure is the
part (已有/完成/the rate's own verb) and which the whole (应建/共/全部); with three or more
candidates, only a unique consistent reading is shown (as verified).
"""

from __future__ import annotations

from typing import Iterator, Optional

import regex

from .base import StatedRelation, register
from .figures import MAX_READINGS, Figure, Scope, cues, has, operands, shares_words
from .show import percent

_FILL = r"(?:为|是|达|到|已|约|保持在|稳定在|高达|仅为|只有|均|都|全部|了)*"
_RATE_WORD = regex.compile(rf"(?P<stem>\p{{Han}}{{2}})率{_FILL}$")
_SHARE_WORD = regex.compile(rf"(?P<stem>\p{{Han}}{{1,2}})(?:占比|比例|比重){_FILL}$")
_HAN2 = regex.compile(r"\p{Han}{2}")
_OF_WORD = regex.compile(r"(?P<verb>占|完成)(?P<desc>[^，,。；;：:！？!?\n]{0,24}?)的$")


@register("rate", ("ZJ201",), "rate or share = part ÷ whole")
def find(scope: Scope) -> Iterator[StatedRelation]:
    lex = cues("rate")
    for p in scope.figures:
        if p.kind != "percent":
            continue
        s0, _ = scope.sentence(p.start)
        head_start = max(s0, p.start - 30)
        head = scope.view[head_start:p.start]
        m = _RATE_WORD.search(head) or _SHARE_WORD.search(head)
        if m:
            stem = m.group("stem")
            if any(stem.endswith(w) for w in lex["not_part_whole"]):
                continue
            yield from _rate_from_counts(scope, p, stem, s0, head_start + m.start())
            continue
        m = _OF_WORD.search(head)
        if m:
            yield from _rate_of(scope, p, m, s0, head_start)


def _rate_from_counts(scope: Scope, p: Figure, stem: str, s0: int, word_start: int) -> Iterator[StatedRelation]:
    candidates = operands(scope.figures_in(s0, word_start, near=word_start))
    by_key: dict[tuple, list[Figure]] = {}
    for fig in candidates:
        if not scope.per_unit(fig):
            by_key.setdefault(fig.key, []).append(fig)
    groups = [figs for figs in by_key.values() if len(figs) >= 2]
    if len(groups) != 1:
        return
    figs = groups[0]
    if len(figs) == 2:
        pair = _whole_and_part(scope, figs[0], figs[1], word_start)
        if pair and _part_evidence(scope, stem, *pair):
            yield from rate(p, *pair)
        return
    # Three or more candidates: only a unique consistent reading is reported (verified).
    figs = figs[-MAX_READINGS:]
    readings = []
    for i, a in enumerate(figs):
        for b in figs[i + 1:]:
            if not ((a.iv / b.iv).scale(100).meets(p.iv) or (b.iv / a.iv).scale(100).meets(p.iv)):
                continue  # cheap test first: neither way round gives the stated rate
            pair = _whole_and_part(scope, a, b, word_start)
            if pair and _part_evidence(scope, stem, *pair) and (pair[1].iv / pair[0].iv).scale(100).meets(p.iv):
                readings.append(pair)
    if len(readings) == 1:
        yield from rate(p, *readings[0])


def _whole_and_part(scope: Scope, a: Figure, b: Figure, word_start: int) -> Optional[tuple[Figure, Figure]]:
    """(whole, part) of two figures in text order: the whole comes first (应建41家，已有39家),
    unless the later one is the rate's own population (全镇5077户农户的…普及率)."""
    clause_start, _ = scope.clause(word_start)
    if clause_start <= b.start and "的" in scope.view[b.end:word_start]:
        return b, a
    lead = scope.lead(a)
    first_is_whole = has(lead, cues("rate")["whole_cues"]) or a.iv.lo >= b.iv.hi or scope.view[a.end:a.end + 1] == "中"
    # A part larger than its whole only against a target (计划500万元，完成525万元，完成率105%).
    fits = b.iv.lo <= a.iv.hi or has(lead, ("计划", "目标", "任务", "预算"))
    return (a, b) if first_is_whole and fits else None


def _part_evidence(scope: Scope, stem: str, whole: Figure, part: Figure) -> bool:
    """Is ``part`` what the rate counts?  Its clause names the rate's action (立案18件 …
    立案率), or says it was achieved (已有/实到) against a stated target (应建/全区…中)."""
    lex = cues("rate")
    part_clause = scope.clause_text(part)
    if has(part_clause, lex["increment_cues"]) and not has(stem, lex["increment_cues"]):
        return False
    words = [stem, *lex["aliases"].get(stem, ())]
    if has(part_clause, words):
        return True
    return has(scope.lead(part), lex["part_cues"]) and has(scope.clause_text(whole), lex["whole_cues"])


def rate(p: Figure, whole: Figure, part: Figure) -> Iterator[StatedRelation]:
    """The relation ``p`` = ``part`` ÷ ``whole`` (as a percentage)."""
    computed = (part.iv / whole.iv).scale(100)
    legacy = (("part", part.value), ("whole", whole.value), ("stated_text", p.text))
    roles = (("part", part), ("whole", whole))
    expression = f"{part.numeral} ÷ {whole.numeral}"
    if not computed.determined:
        if whole.iv.hi == 0:  # 应建0家…组建率0%: a rate of nothing cannot be stated; say so, softly
            yield StatedRelation(
                "rate", "ZJ201", p, roles, computed, expression, "", (
                    "", f"总数是 {whole.text}，比率 {p.text} 无从计算（{part.text}/{whole.text}），请核对"),
                test="undefined", severity="warning", legacy=legacy)
        return
    pct = percent(computed, p)
    formula = f"{part.numeral}/{whole.numeral} = {pct}%"
    yield StatedRelation(
        "rate", "ZJ201", p, roles, computed, expression, f"{pct}%",
        (f"{formula}，与文中 {p.text} 相符", f"{formula}（{whole.text}中的{part.text}），文中写 {p.text}"),
        legacy=legacy)


def _rate_of(scope: Scope, p: Figure, m: regex.Match, s0: int, head_start: int) -> Iterator[StatedRelation]:
    """占…的X% / 完成…的X%: the part is the figure before the verb; the whole is written in
    the 的-phrase (完成年初预算12.4亿元的) or, for 占, is the one earlier figure that the
    phrase names (完成住院手术8960台，其中…3420台，占住院手术的38.2%)."""
    verb_at = head_start + m.start("verb")
    desc_lo, desc_hi = head_start + m.start("desc"), head_start + m.end("desc")
    before = operands(scope.figures_in(s0, verb_at, near=verb_at))
    before = [f for f in before if not scope.per_unit(f)]
    if not before:
        return
    part = before[-1]
    clause_start, _ = scope.clause(verb_at)
    if part.end <= clause_start and _HAN2.search(scope.view, clause_start, verb_at):
        return  # 冻鳟鱼出口占…的98.5%: the clause names its own subject, and states no figure for it
    inner = operands(scope.figures_in(desc_lo, desc_hi), part.key)
    if inner:
        yield from rate(p, inner[-1], part)
        return
    if m.group("verb") != "占":
        return
    others = [f for f in before[:-1] if f.key == part.key]
    if len(others) == 1 and shares_words(scope.view[desc_lo:desc_hi], scope.clause_text(others[0])):
        yield from rate(p, others[0], part)
