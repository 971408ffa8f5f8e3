"""Rate or share = part ÷ whole (应建41家，已有39家，组建率95.1%; 占…的38.2%).

A percentage right after a 率/占比 word, or after 占…的, is part ÷ whole of counts stated
before it in the same sentence.  Only computed when the words say which figure is the
part (已有/完成/the rate's own verb) and which the whole (应建/共/全部); with three or more
candidates, only a unique consistent reading is shown (as verified).

Beyond that: a target and what was achieved (目标1871万，达成2394万，达成率128%; also a
table flattened one cell per line), and a rate whose whole is a population named
sentences earlier (孕产妇数484人。……孕产妇建卡数480人，覆盖率…; 占低保户总数的…).  Such a
whole is found by its noun (``referents``) or, for a rate of three or more digits, as the
one earlier population count that gives it.  A reading over a whole found sentences away
is reported when it fails only if both counts are exact and the rate misses by a slip,
not by a different base.
"""

from __future__ import annotations

from typing import Iterator, Optional

import regex

from ..cache import compile_regex
from ..numerals import NUMERAL_PATTERN, parse_numeral
from . import referents
from .base import StatedRelation, register
from .figures import MAX_READINGS, Figure, Scope, bigrams, cues, has, operands, shares_words
from .interval import Interval
from .show import as_written, percent

_FILL = r"(?:为|是|达|到|已|约|保持在|稳定在|高达|仅为|只有|均|都|全部|了)*"
_HAN_RUNS = compile_regex(r"\p{Han}+")
_NOT_DIGIT = compile_regex(r"\D")
_RATE_WORD = compile_regex(rf"(?P<stem>\p{{Han}}{{2}})率{_FILL}$")
_SHARE_WORD = compile_regex(rf"(?P<stem>\p{{Han}}{{1,2}})(?:占比|比例|比重){_FILL}$")
_HAN2 = compile_regex(r"\p{Han}{2}")
# 、占比达44.7% / ，比重为…: a share word with no name of its own speaks of the figure
# just before it, as a share of the total its sentence named (总装机9157万千瓦).
_BARE_SHARE = compile_regex(rf"[，,、](?:占比|比重|占){_FILL}$")
_OF_WORD = compile_regex(r"(?P<verb>占|完成)(?P<desc>[^，,。；;：:！？!?\n]{0,24}?)的$")
_NUMERAL = compile_regex(NUMERAL_PATTERN)
_PUNCT_ONLY = compile_regex(r"[\s，,、：:；;]*")
_MAGNITUDE = compile_regex(r"[百千万亿佰仟萬億]")


@register("rate", ("ZJ201",), "rate or share = part ÷ whole")
def find(scope: Scope) -> Iterator[StatedRelation]:
    lex = cues("rate")
    not_part_whole = tuple(lex["not_part_whole"])  # str.endswith takes a tuple
    for p in scope.figures:
        if p.kind != "percent":
            continue
        s0, _ = scope.sentence(p.start)
        head_start = max(s0, p.start - 30)
        head = scope.view[head_start:p.start]
        cue = _respective_cue(scope, p, s0)
        if cue is not None:
            yield from _respective_shares(scope, p, s0, *cue)
            continue
        targets = _respective_targets(scope, p, s0)
        if targets is not None:
            yield from targets
            continue
        # (率 and 比 are in every match of the two patterns: most heads hold neither.)
        m = ("率" in head and _RATE_WORD.search(head)) or ("比" in head and _SHARE_WORD.search(head)) or None
        if m:
            stem = m.group("stem")
            if stem.endswith(not_part_whole) and stem not in lex["part_whole_stems"]:
                continue
            word_start = head_start + m.start()
            found = list(_achievement(scope, p, stem, s0, word_start))
            found = found or list(_rate_from_counts(scope, p, stem, s0, word_start))
            found = found or list(_rate_across(scope, p, stem, s0, word_start))
            yield from found
            continue
        m = _BARE_SHARE.search(head)
        if m:
            yield from _bare_share(scope, p, s0, head_start + m.start())
            continue
        m = _OF_WORD.search(head)
        if m:
            yield from _rate_of(scope, p, m, s0, head_start)
        else:
            yield from _table_rate(scope, p)


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
        elif (pair and pair[1] is figs[1] and _next_to(scope, pair[1], word_start)
              and (pair[1].iv / pair[0].iv).scale(100).meets(p.iv)):
            # 儿童2231人，建卡2068人，管理率92.69%: the order says whole then part, the
            # words do not; shown when it holds (only then is it yielded), never reported.
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
    if _names_another_thing(scope, stem, whole, part):
        return False
    words = [stem, *lex["aliases"].get(stem, ())]
    if has(part_clause, words):
        return True
    return has(scope.lead(part), lex["part_cues"]) and has(scope.clause_text(whole), lex["whole_cues"])


def _names_another_thing(scope: Scope, stem: str, whole: Figure, part: Figure) -> bool:
    """完成率 of 营业收入3.2亿元 and 完成利润2100万元: what was completed (利润) is not what the
    whole counts, so the two are not target and achievement."""
    if stem not in cues("rate")["target_verbs"]:
        return False
    name = referents.label(scope, part)
    at = name.rfind(stem)
    if at < 0:
        return False
    thing = "".join(_HAN_RUNS.findall(name[at + len(stem):]))
    return len(thing) >= 2 and thing not in scope.clause_text(whole)


def rate(p: Figure, whole: Figure, part: Figure, asserted: bool = True) -> Iterator[StatedRelation]:
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
                test="undefined", severity="warning", asserted=asserted, legacy=legacy)
        return
    pct = percent(as_written(computed, part.value / whole.value * 100) if whole.value else computed, p)
    formula = f"{part.numeral}/{whole.numeral} = {pct}%"
    yield StatedRelation(
        "rate", "ZJ201", p, roles, computed, expression, f"{pct}%",
        (f"{formula}，与文中 {p.text} 相符", f"{formula}（{_of(whole, part)}），文中写 {p.text}"),
        asserted=asserted, legacy=legacy)


def _of(whole: Figure, part: Figure) -> str:
    """How the message names the pair: 41家中的39家, or 目标 and achievement (924人对772人)."""
    return f"{part.text}对{whole.text}" if part.iv.lo > whole.iv.hi else f"{whole.text}中的{part.text}"


def _rate_of(scope: Scope, p: Figure, m: regex.Match, s0: int, head_start: int) -> Iterator[StatedRelation]:
    """占…的X% / 完成…的X%: the part is the figure before the verb; the whole is written in
    the 的-phrase (完成年初预算12.4亿元的) or, for 占, is the one earlier figure that the
    phrase names (完成住院手术8960台，其中…3420台，占住院手术的38.2%) — in the sentence, or
    sentences before it by its noun (共有低保户356户。……占低保户总数的41.6%)."""
    verb_at = head_start + m.start("verb")
    desc_lo, desc_hi = head_start + m.start("desc"), head_start + m.end("desc")
    before = operands(scope.figures_in(s0, verb_at, near=verb_at))
    before = [f for f in before if not scope.per_unit(f)]
    if not before:
        return
    part = before[-1]
    clause_start, _ = scope.clause(verb_at)
    subject = scope.view[clause_start:verb_at]
    if part.end <= clause_start and _HAN2.search(subject) and not _abbreviates(subject, referents.label(scope, part)):
        return  # 冻鳟鱼出口占…的98.5%: the clause names its own subject, and states no figure for it
    inner = operands(scope.figures_in(desc_lo, desc_hi), part.key)
    if inner:
        yield from rate(p, inner[-1], part)
        return
    if m.group("verb") != "占":
        return
    desc = scope.view[desc_lo:desc_hi]
    others = [f for f in before[:-1] if f.key == part.key]
    if len(others) == 1 and shares_words(desc, scope.clause_text(others[0])):
        yield from rate(p, others[0], part)
        return
    named = [f for f in others if shares_words(desc, referents.label(scope, f))]
    if not named and desc.strip() in cues("rate")["generic_wholes"]:
        named = _whole_before_qizhong(scope, part, others)  # 其中…150户，占总数的42.1%
    if len(named) == 1:  # 职工总数590人(乡级294人)…占职工总数的: the one the phrase names
        yield from rate(p, named[0], part)
        return
    if others:
        return
    whole = referents.named_in(scope, desc, referents.earlier(scope, s0, part.key), part)
    if whole is not None:
        yield from _referent_rate(p, whole, part)


def _bare_share(scope: Scope, p: Figure, s0: int, word_start: int) -> Iterator[StatedRelation]:
    """总装机9157万千瓦，新能源装机4091万千瓦、占比44.7%: the share word names nothing, so
    the part is the figure right before it and the whole the one figure of the sentence
    that its words call a total (总装机, 合计 …) and whose noun the part's label repeats
    (装机).  A stock is never a share of a change, nor a change of a stock."""
    ops = [f for f in operands(scope.figures_in(s0, word_start, near=word_start)) if not scope.per_unit(f)]
    if len(ops) < 2 or not _PUNCT_ONLY.fullmatch(scope.view, ops[-1].end, word_start):
        return
    part = ops[-1]
    lex = cues("rate")
    part_name = referents.label(scope, part)
    change = has(part_name, lex["increment_cues"])
    wholes = []
    for fig in ops[:-1]:
        name = referents.label(scope, fig)
        if fig.key != part.key or not has(name, lex["share_whole_cues"]):
            continue
        if has(name, lex["increment_cues"]) != change or not shares_words(name, part_name):
            continue
        wholes.append(fig)
    if not wholes:
        wholes = _whole_before_qizhong(scope, part, ops[:-1])
    if len(wholes) == 1 and wholes[0].iv.lo >= part.iv.hi:
        yield from rate(p, wholes[0], part)


_RESPECTIVE = compile_regex(rf"[，,、]分别占(?:比)?{_FILL}$")
_PERCENT_LIST = compile_regex(r"[、和及与,，]?")


def _respective_cue(scope: Scope, p: Figure, s0: int) -> Optional[tuple[int, int]]:
    """男职工60人、女职工40人，分别占60%、40%: where 分别占 stands before the list of
    shares that ``p`` belongs to, and ``p``'s place in that list (0 for the first)."""
    if scope.view.find("分别占", s0, p.start) < 0:
        return None  # (the cue _RESPECTIVE finds below lies in this span: most sentences have none)
    percents = [f for f in scope.figures_in(s0, p.start) if f.kind == "percent"]
    index, at = 0, p.start
    for prev in reversed(percents):
        if not _PUNCT_ONLY.fullmatch(scope.view, prev.end, at) or scope.view[prev.end:at].strip() == "":
            break
        index, at = index + 1, prev.start
    m = _RESPECTIVE.search(scope.view, max(s0, at - 12), at)
    return (m.start(), index) if m else None


def _respective_shares(scope: Scope, p: Figure, s0: int, cue_at: int, index: int) -> Iterator[StatedRelation]:
    """The shares after 分别占 pair, in order, with the parts listed right before it (as
    many as there are shares); the whole is the figure a 其中 divides, or the one figure
    the sentence calls a total."""
    shares = [f for f in scope.figures_in(cue_at, scope.sentence(p.start)[1]) if f.kind == "percent"]
    run = [shares[0]] if shares else []
    for f in shares[1:]:
        if not _PUNCT_ONLY.fullmatch(scope.view, run[-1].end, f.start) or run[-1].end == f.start:
            break
        run.append(f)
    n = len(run)
    ops = [f for f in operands(scope.figures_in(s0, cue_at, near=cue_at)) if not scope.per_unit(f)]
    if n < 2 or len(ops) < n + 1 or index >= n:
        return
    parts = ops[-n:]
    if len({f.key for f in parts}) != 1:
        return
    before = ops[:-n]
    wholes = _whole_before_qizhong(scope, parts[0], before)
    if not wholes:
        lex = cues("rate")
        wholes = [f for f in before if f.key == parts[0].key and has(referents.label(scope, f), lex["share_whole_cues"])]
    if len(wholes) == 1 and all(wholes[0].iv.lo >= f.iv.hi for f in parts):
        yield from rate(p, wholes[0], parts[index])


_RESPECTIVE_OF = compile_regex(r"分别(?P<verb>完成|达到|达成|实现)(?P<desc>[^，,。；;：:、\d]{0,16}?)的")
# A run of percentages (41.2%、61.2%和63.8%), counted as written: an item whose digits were
# garbled (.3%) is no figure, but still holds its place in the list.
_PCT_ITEM = r"\s*[\d.．]+\s*[%％]\s*"
_PCT_SEP = r"(?:、|和|及|与|以及|，|,)"
_PCTS_BEFORE = compile_regex(rf"(?:{_PCT_ITEM}{_PCT_SEP})*\s*")
_PCTS_AFTER = compile_regex(rf"(?:{_PCT_SEP}{_PCT_ITEM})*")
_PCT_SIGN = compile_regex(r"[%％]")
RESPECTIVE_SENTENCES = 3  # sentences looked back for the targets a 分别完成…任务的 list is of


def _respective_targets(scope: Scope, p: Figure, s0: int) -> Optional[Iterator[StatedRelation]]:
    """产值任务42亿元，销售收入40亿元。……完成产值27亿元，销售收入完成24.5亿元，分别完成全年任务
    的64.3%、61.2%: each share pairs, in order, with the achieved figures listed right
    before 分别 and the targets a sentence before listed as many, item by item named
    alike (产值 … 产值).  None when ``p`` is not in such a list."""
    if scope.view.find("分别", max(s0, p.start - 120), p.start) < 0:
        return None  # what the search below finds when no 分别 is there (most figures)
    window = scope.view[max(s0, p.start - 120):p.start]
    cue = None
    for cue in _RESPECTIVE_OF.finditer(window):
        pass
    if cue is None:
        return None
    cue_at = p.start - len(window) + cue.start()
    list_at = p.start - len(window) + cue.end()
    if not _PCTS_BEFORE.fullmatch(scope.view, list_at, p.start):
        return None
    if not has(cue.group("desc"), cues("rate")["table_wholes"]):
        return iter(())
    index = len(_PCT_SIGN.findall(scope.view, list_at, p.start))
    tail = _PCTS_AFTER.match(scope.view, p.end, scope.sentence(p.start)[1])
    n = index + 1 + len(_PCT_SIGN.findall(tail.group()))
    return _paired_targets(scope, p, s0, cue_at, cue.group(), index, n)


def _paired_targets(scope: Scope, p: Figure, s0: int, cue_at: int, cue_words: str, index: int,
                    n: int) -> Iterator[StatedRelation]:
    """The ``index``-th of ``n`` achieved figures against the ``index``-th target."""
    if n < 2:
        return
    ops = [f for f in operands(scope.figures_in(s0, cue_at, near=cue_at)) if not scope.per_unit(f)]
    if len(ops) < n or len({f.key for f in ops[-n:]}) != 1:
        return
    parts = ops[-n:]
    if len({scope.clause(f.start) for f in parts}) != n:
        return  # one achieved figure per clause: 产值27亿元，销售收入完成24.5亿元
    at = s0
    for _ in range(RESPECTIVE_SENTENCES):
        a, b = scope.previous_sentence(at)
        if a >= b:
            return
        figs = [f for f in operands(scope.figures_in(a, b, near=b), parts[0].key) if not scope.per_unit(f)]
        if len(figs) == n:
            break
        at = a
    else:
        return
    skip = bigrams(cue_words)
    for whole, part in zip(figs, parts):
        if not (bigrams(referents.label(scope, whole)) & bigrams(referents.label(scope, part))) - skip:
            return  # the items are not named alike: the order says nothing
    yield from rate(p, figs[index], parts[index])


def _whole_before_qizhong(scope: Scope, part: Figure, before: list[Figure]) -> list[Figure]:
    """营业收入50亿元，其中出口12亿元，占比24%: a part introduced by 其中 is a share of the
    figure of its unit right before the 其中."""
    c0, _ = scope.clause(part.start)
    at = scope.view.find("其中", c0, part.start)
    if at < 0:
        return []
    same = [f for f in before if f.key == part.key and f.end <= at]
    return same[-1:]


def _abbreviates(subject: str, name: str) -> bool:
    """Is the clause's subject a short form of the figure's label (卫技人员 for 卫生技术人员)?
    Its characters appear in the label in order, and it ends with the label's head noun."""
    subject = subject.strip()
    if len(subject) < 2 or not name.endswith(subject[-2:]):
        return False
    at = 0
    for ch in subject:
        at = name.find(ch, at)
        if at < 0:
            return False
        at += 1
    return True


def _referent_rate(p: Figure, whole: Figure, part: Figure) -> Iterator[StatedRelation]:
    """A rate over a whole found sentences away: reported when it fails only when both
    counts are exact (a share of rounded totals was computed from the unrounded ones) and
    the rate misses by a slip — a far miss says the text meant another base."""
    computed = (part.iv / whole.iv).scale(100)
    asserted = _exact(part) and _exact(whole) and _slip(computed, p.iv)
    yield from rate(p, whole, part, asserted=asserted)


def _exact(fig: Figure) -> bool:
    """A count written in full (484人), not rounded (2.4万人, 300余人)."""
    return fig.kind == "count" and fig.iv.lo == fig.iv.hi and not _MAGNITUDE.search(fig.number)


def _slip(computed: Interval, stated: Interval) -> bool:
    """Does the computed rate miss the stated one by a slip (a point at most, and a
    twentieth of the rate)?"""
    lex = cues("rate")["referents"]
    gap = max(computed.lo - stated.hi, stated.lo - computed.hi, 0.0)
    return gap <= lex["slip_points"] and gap <= lex["slip_share"] * max(stated.hi, 0.0)


def _next_to(scope: Scope, part: Figure, word_start: int) -> bool:
    """Is ``part`` in the clause right before the rate word (or in its clause)?"""
    clause_start, _ = scope.clause(word_start)
    if part.start >= clause_start:
        return True
    _, part_end = scope.clause(part.start)
    return part_end >= clause_start - 1


def _rate_across(scope: Scope, p: Figure, stem: str, s0: int, word_start: int) -> Iterator[StatedRelation]:
    """The rate's sentence states only its part (孕产妇建卡数480人，覆盖率99.38%); the whole
    is a population count of an earlier sentence: the one whose noun the part's label
    repeats (孕产妇数484人), or — for a rate of three or more digits — the one earlier
    population count that gives the rate (活产数398人 … 新生儿访视397人，访视率99.75%)."""
    ops = [f for f in operands(scope.figures_in(s0, word_start, near=word_start)) if not scope.per_unit(f)]
    if len(ops) != 1 or not _next_to(scope, ops[0], word_start):
        return
    part = ops[0]
    lex = cues("rate")
    name = referents.label(scope, part)
    if has(name, lex["increment_cues"]) and not has(stem, lex["increment_cues"]):
        return  # 新增参保120户: an increment is not the numerator of a cumulative rate
    figures = referents.earlier(scope, s0, part.key)
    candidates = [f for f in figures if f.iv.lo >= part.iv.hi]
    if not candidates:
        return
    if has(name, [stem, *lex["aliases"].get(stem, ())]) and _precise(p):
        matches = [w for w in candidates if referents.is_count_label(referents.label(scope, w))
                   and (part.iv / w.iv).scale(100).meets(p.iv)]
        if len(matches) == 1:  # yielded only because it holds: never reported
            yield from rate(p, matches[0], part)
            return
        if matches:
            return
    whole = referents.named_in(scope, name, figures, part)
    if whole is not None:
        yield from _referent_rate(p, whole, part)


def _precise(p: Figure) -> bool:
    """A rate written to three significant digits or more (99.75%, 79.9%): one that an
    unrelated pair of counts is very unlikely to give."""
    digits = _NOT_DIGIT.sub("", p.number).lstrip("0")
    return len(digits) >= 3 and not digits.endswith("00")


def _achievement(scope: Scope, p: Figure, stem: str, s0: int, word_start: int) -> Iterator[StatedRelation]:
    """目标1871万，达成2394万，达成率128% / 月均增员率8%，达成14.5%，达成率181%: the figure
    after the rate's own verb, alone (达成2394万), is the part; the figure right before it,
    of the same unit, is the target — the whole, which the part may exceed."""
    if stem not in cues("rate")["target_verbs"]:
        return
    figs = sorted([*scope.figures_in(s0, word_start, near=word_start), *_bare_amounts(scope, s0, word_start)],
                  key=lambda f: f.start)
    figs = [f for f in figs if not f.open and not scope.per_unit(f)]
    if len(figs) < 2:
        return
    whole, part = figs[-2], figs[-1]
    if whole.key != part.key or whole.kind != part.kind:
        return
    fillers = cues("rate")["referents"]["fillers"]
    verb = scope.view[whole.end:part.start].strip("，,、：: ")
    if referents.strip_tail(verb, fillers) != stem and verb != stem:
        return
    if not _PUNCT_ONLY.fullmatch(scope.view, part.end, word_start):
        return
    yield from rate(p, whole, part)


def _bare_amounts(scope: Scope, lo: int, hi: int) -> list[Figure]:
    """1871万 with no unit after it (a target in a table-like line): not a quantity to the
    parser, but an operand here.  Only numbers with 万/亿 and nothing but punctuation after."""
    taken = scope.figures_in(lo, hi)
    found = []
    for m in _NUMERAL.finditer(scope.view, lo, hi):
        if not m.group()[-1:] in "万亿萬億":
            continue
        if any(f.start < m.end() and m.start() < f.end for f in taken):
            continue
        nxt = scope.view[m.end():m.end() + 1]
        if nxt and not _PUNCT_ONLY.fullmatch(nxt):
            continue
        n = parse_numeral(m.group())
        if n is None or n.high is None:
            continue
        found.append(Figure("count", ("bare",), Interval(n.low, n.high), m.start(), m.end(),
                            scope.text[m.start():m.end()], scope.text[m.start():m.end()], n.decimals, n.value))
    return found


def _cells_before(scope: Scope, p: Figure, limit: int = 40) -> Optional[list[tuple[int, int]]]:
    """The non-empty lines before ``p`` back to at most ``limit`` of them, when ``p`` is a
    line of its own (a table flattened one cell per line), nearest last; else None."""
    view = scope.view
    line_start = view.rfind("\n", scope.lo, p.start) + 1
    line_end = view.find("\n", p.end, scope.hi)
    line_end = scope.hi if line_end < 0 else line_end
    if view[line_start:p.start].strip() or view[p.end:line_end].strip():
        return None
    cells: list[tuple[int, int]] = []
    end = line_start - 1
    floor = max(scope.lo, p.start - 600)
    while end > floor and len(cells) < limit:
        start = view.rfind("\n", floor, end) + 1
        if start == 0:  # no line break left in the window
            if floor > scope.lo:
                break  # a line cut by the window is no cell
            start = scope.lo
        text = view[start:end]
        if text.strip():
            lead = len(text) - len(text.lstrip())
            cells.append((start + lead, start + len(text.rstrip())))
        end = start - 1
    cells.reverse()
    return cells


def _table_rate(scope: Scope, p: Figure) -> Iterator[StatedRelation]:
    """A flattened table (目标 / 达成 / 达成率 … then a row 2576 / 2588 / 100.47%): the rate
    cell is as many cells after its header 达成率 as the row is wide; the part and the whole
    are the cells as far after their headers 达成 and 目标."""
    cells = _cells_before(scope, p)
    if not cells:
        return
    lex = cues("rate")
    texts = [scope.view[a:b] for a, b in cells]
    i = len(cells)  # the rate's own cell
    header = next((j for j in range(i - 1, -1, -1) if _RATE_CELL.fullmatch(texts[j])), None)
    if header is None:
        return
    stem = texts[header][:-1]
    n = i - header
    if n < 2 or stem not in lex["target_verbs"]:
        return
    row = range(max(0, header - n + 1), header)
    part_h = [j for j in row if texts[j] == stem]
    whole_h = [j for j in row if texts[j] in lex["table_wholes"]]
    if len(part_h) != 1 or len(whole_h) != 1:
        return
    whole, part = _cell_figure(scope, cells[whole_h[0] + n]), _cell_figure(scope, cells[part_h[0] + n])
    if whole is None or part is None or whole.key != part.key:
        return
    yield from rate(p, whole, part)


_RATE_CELL = compile_regex(r"\p{Han}{2}率")


def _cell_figure(scope: Scope, cell: tuple[int, int]) -> Optional[Figure]:
    """The figure a table cell holds: the parser's, or a bare number (2576) that is the
    whole cell."""
    a, b = cell
    inside = operands(scope.figures_in(a, b))
    if len(inside) == 1 and inside[0].start == a and inside[0].end == b:
        return inside[0]
    m = _NUMERAL.fullmatch(scope.view, a, b)
    if m is None or inside:
        return None
    n = parse_numeral(m.group())
    if n is None or n.high is None:
        return None
    return Figure("count", ("bare",), Interval(n.low, n.high), a, b, scope.text[a:b], scope.text[a:b],
                  n.decimals, n.value)
