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
P%) is a base only when the words say so (为基数/基期).  The values may also be
labelled with their years in earlier clauses (2024年……A，2025年……B，增长P%; 上年A，今年B):
consecutive years (or the N of N年增长) make A the base, asserted in one sentence and a
reading a sentence apart.  The later value and its delta may stand on either side of the
rate (B，比上年增加Δ，增长P% / B，同比增长P%，增加Δ), and a change clause (增加Δ、) or a
share of the plan (占年计划的105%) may stand between the values and the verb.

Multiples: 增长N倍 is B/A − 1 = N; 翻一番 (实现翻番) is B/A = 2, 翻两番 4, a hair short allowed
and up to the next 番; hedged ones (近翻番, 基本翻番, 力争翻番) are not checked.

Real growth (实际增长, 可比价) is
not computed from nominal values; the growth of output (生产总值, 增加值), usually stated at
comparable prices, is not computed from its nominal values either.
"""

from __future__ import annotations

import math
from typing import Iterator, NamedTuple, Optional

import regex

from ..cache import compile_regex
from ..numerals import format_decimal
from .base import StatedRelation, register
from .figures import Figure, Scope, cues, has
from .interval import INF, Interval
from .show import as_written, percent

_CLAUSE_STOP = compile_regex(r"[，,。；;：:！？!?\n]")
_YEARS_BEFORE = compile_regex(r"(?<!\d)(?P<years>[两二三四五六七八九十]|\d{1,2})年(?:来|间)?$")
_BASE_YEAR = compile_regex(r"以(?P<year>(?:19|20)\d\d年(?:末|底)?)?的?$")
_OBJECT_OF_VERB = compile_regex(r"(?:新增|增加|增长|减少|下降|达到?|超过?|突破|累计|共|合计|提高|降低)了?$")
_CHANGE_VERBS = ("增长", "增加", "提高", "上升", "提升", "增幅", "扩大", "下降", "减少", "降低", "下滑", "回落",
                 "缩减", "缩小", "降幅")
_CHANGE_MEASURES = ("速度", "幅度")
_CHANGE_FILLERS = ("了", "为", "达", "达到", "约", "近", "只有", "仅有", "仅为", "仅", "是")
_CHANGE_WORD = compile_regex(
    rf"(?P<verb>{'|'.join(_CHANGE_VERBS)})(?:{'|'.join(_CHANGE_MEASURES)})?(?:{'|'.join(_CHANGE_FILLERS)})*$")
# The characters a match of _CHANGE_WORD can end with: a rate after any other has no change word.
_CHANGE_WORD_ENDS = frozenset(w[-1] for w in _CHANGE_VERBS + _CHANGE_MEASURES + _CHANGE_FILLERS)
_YEAR = r"(?:19|20)\d\d年(?:末|底)?"
_BASE = rf"(?:上年|去年|上一年|上年度|上一年度|年初|上年末|上年同期|去年同期|同期|{_YEAR})"
_FROM = compile_regex(rf"(?:由|从)(?P<year>{_BASE})?的?$")
# 由A增至B / 由上年的A，增加到今年的B / 从A提高到了2025年的B.
_TO = compile_regex(rf"[，,]?\p{{Han}}{{0,4}}?(?:到|至)了?(?:(?P<year>{_YEAR})的?|(?:今年|本年|年末|年底|目前)的?)?")
_COMPARED = compile_regex(rf"[，,、]?\s*(?:比|较|与|同){_BASE}(?:的|同期的)?")
# B，上年为A，增长P%: the earlier value in a clause of its own after the later one.
_PREVIOUS_IS = compile_regex(r"[，,、]\s*(?:上年|去年|上一年|上年同期|去年同期)(?:\p{Han}{0,8}?)(?:为|是|是|有)")
_DELTA = compile_regex(
    rf"[，,、]?\s*(?:(?:比|较){_BASE}|同比|环比)(?P<verb>净增加|净增|增加|增长|增产|增收|净减少|净减|减少|减产|减收|下降|节约|多|少)了?")
_BEFORE_VERB = compile_regex(rf"[，,、\s]*(?:同比|环比|比{_BASE}|较{_BASE}|(?:与{_BASE})?相比[，,]?)?")
# 完成B，占年计划的105%，比上年增加Δ: a share clause between the value and its change.
_SHARE = compile_regex(r"[，,、]\s*(?:占|为|是|完成|达到?)\p{Han}{0,8}$")
# 由A增至B，增加Δ、增长P%: a change clause written between the values and the verb.
_ASIDE = compile_regex(
    r"[，,、]?\s*(?:同比|比上年|较上年)?(?:净增加|净增|增加|增长|增产|提高|提升|上升|扩大|净减少|净减|减少|减产"
    r"|下降|降低|缩小|回落)了?(?:约|近)?$")
# 年均增长 / 三年增长 / 五年累计增长: the period the rate covers, right before the verb.
_PERIOD = compile_regex(r"(?:(?P<annual>年均|年平均|平均每年)|(?<!\d)(?P<years>[两二三四五六七八九十]|\d{1,2})年(?:来|间)?(?:累计|共|合计)?)$")
_COMPARED_YEAR = compile_regex(
    rf"[，,、\s]*(?:(?:比|较)(?P<year>{_YEAR})(?:的水平)?|(?P<last>同比|比上年|较上年|比去年|较去年))?")
_YEAR_NUMBER = compile_regex(r"((?:19|20)\d\d)年")
# 增长1.5倍 (B = 2.5 A) / 翻一番 (B = 2 A), 翻两番 (B = 4 A), 实现翻番.
_MULTIPLE = compile_regex(
    r"(?:(?:增长|增加|提高)了?(?P<times>\d+(?:\.\d+)?|[一二两三四五六七八九十])倍(?!以上|多|左右|之多)"
    r"|(?:实现了?|已经|已)?翻了?(?P<turns>[一二两三四])?番)")
# What may stand between the later value and the multiple: 、(五年)(实现)… .
_MULTIPLE_JOIN = compile_regex(
    rf"[，,、\s]*(?:(?:[两二三四五六七八九十]|\d{{1,2}})年(?:来|间)?)?(?:比{_BASE}|较{_BASE})?")
_COUNT = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


class Change(NamedTuple):
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
        # _CHANGE_WORD ends right before g (no line break between: it would end the sentence).
        if not scope.ends_before(g.start, _CHANGE_WORD_ENDS):
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
        if change is None and g.kind == "percent":
            change = delta_after(scope, s0, g.start - len(m.group()), g)
            if change is not None:
                if change.delta_sign == sign and _nominal(scope, change.later):
                    yield from _delta_growth(change, g, sign)
                continue
        if change is None and g.kind == "percent":
            change = over_target(scope, s0, g.start - len(m.group()))
            if change is not None:
                if sign > 0 and _nominal(scope, change.later):
                    yield from _delta_growth(change, g, sign)
                continue
        if change is None:
            end = g.start - len(m.group())
            change = based(scope, s0, end) or same_item(scope, s0, end)
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
    yield from _multiples(scope)


_DELTA_AFTER = compile_regex(
    r"[，,、]\s*(?:同比|比上年|较上年|比去年|较去年)?(?P<verb>净增加|净增|增加|增长|增产|增收|多|净减少|净减|减少|减产|减收|下降|少)了?")


def delta_after(scope: Scope, s0: int, end: int, g: Figure) -> Optional[Change]:
    """B，增长P%，增加Δ: the later value just before the rate, its delta just after it (so
    the earlier value is B − Δ), both of one unit."""
    b = _value_before(scope, s0, end, _BEFORE_VERB)
    if b is None:
        return None
    m = _DELTA_AFTER.match(scope.view, g.end)
    if m is None:
        return None
    nxt = scope.figures_in(m.end(), m.end() + 30, near=m.end())
    d = next((f for f in nxt if f.start == m.end()), None)
    if d is None or d.key != b.key or d.open:
        return None
    less = cues("growth")["less"]
    return Change(later=b, delta=d, delta_sign=-1 if m.group("verb") in less else 1)


def _value_before(scope: Scope, s0: int, end: int, joiner: regex.Pattern) -> Optional[Figure]:
    """The later value B of a change: the last money, count or measure figure of the sentence
    before ``end``, closed, with only ``joiner`` between it and ``end``."""
    figs = [f for f in scope.figures_in(s0, end, near=end) if f.kind in ("money", "count", "measure")]
    if not figs or figs[-1].open or not joiner.fullmatch(scope.view, figs[-1].end, end):
        return None
    return figs[-1]


def _multiples(scope: Scope) -> Iterator[StatedRelation]:
    """由A增至B，增长1.5倍 / 翻一番: B/A against the multiple written, the values being
    written just before it (or A, a base stated earlier: then only a reading).  A period
    written with it (两年翻一番) must agree with the years of the values."""
    lex = cues("growth")
    for m in _MULTIPLE.finditer(scope.view, scope.lo, scope.hi):
        s0, _ = scope.sentence(m.start())
        if any(scope.view[max(s0, m.start() - len(w)):m.start()] == w for w in lex["hedges"]):
            continue
        end = m.start()
        period = _YEARS_BEFORE.search(scope.view[max(s0, end - 4):end])
        years = (int(period.group("years")) if period.group("years").isdigit()
                 else _COUNT.get(period.group("years"))) if period else None
        change = values_before(scope, s0, end, joiner=_MULTIPLE_JOIN)
        if change is None:
            change = based(scope, s0, end - (len(period.group()) if period else 0), span=years)
        if change is None or change.earlier is None or change.earlier.kind == "percent" \
                or not _nominal(scope, change.later) or has(scope.view[s0:end], lex["real_growth"]):
            continue
        if years and change.years and years != change.years[1] - change.years[0]:
            continue
        yield from _multiple(scope, m, change)


def _multiple(scope: Scope, m: regex.Match, change: Change) -> Iterator[StatedRelation]:
    """增长N倍: B/A − 1 = N to N's rounding.  翻N番: B/A in [2^N less a little, 2^(N+1))."""
    a, b = change.earlier, change.later
    ratio = b.iv / a.iv
    if not (ratio.lo > 0 and math.isfinite(ratio.hi)):
        return
    if m.group("times"):
        n = m.group("times")
        value = float(n) if n[0].isdigit() else float(_COUNT[n])
        decimals = len(n.split(".")[1]) if "." in n else 0
        half = 0.5 * 10 ** -decimals
        start, stop = m.start("times"), m.end()
        stated_iv, computed = Interval(value - half, value + half), ratio - Interval(1, 1)
        shown = f"{format_decimal(computed.mid, decimals + 1)}倍"
        expression = f"{b.numeral}/{a.numeral} − 1"
    else:
        turns = _COUNT.get(m.group("turns") or "一", 1)
        value = 2.0 ** turns
        start, stop = m.start(), m.end()
        stated_iv, computed = Interval(value * (1 - cues("growth")["double_slack"]), 2 * value * (1 - 1e-12)), ratio
        shown = f"{format_decimal(computed.mid, 2)}倍"
        expression = f"{b.numeral}/{a.numeral}"
    text = scope.text[start:stop]
    stated = Figure("count", ("multiple",), stated_iv, start, stop, text, text, 0, value)
    yield StatedRelation(
        "multiple", "ZJ206", stated, (("earlier", a), ("later", b)), computed, expression, shown,
        (f"由{a.text}到{b.text}，{expression} = {shown}，与文中“{text}”相符",
         f"由{a.text}到{b.text}，{expression} = {shown}，与文中“{text}”不符"),
        asserted=change.asserted)


def _nominal(scope: Scope, b: Figure) -> bool:
    """Is a money growth rate the change of the values as written?  Not for output
    (生产总值, 增加值): its growth is stated at comparable prices, so it is not computed."""
    return b.kind != "money" or not has(scope.clause_text(b), cues("growth")["real_items"])


def _over_period(scope: Scope, s0: int, period: regex.Match, g: Figure, sign: int) -> Iterator[StatedRelation]:
    """年均增长P% (compound, over the years written with the values) or N年增长P% (the
    whole change, when N agrees with the years), from 由A到B just before, or from a base
    stated earlier in the paragraph (以A为基数……达B)."""
    n = period.group("years")
    stated = (int(n) if n.isdigit() else _COUNT.get(n)) if n else None
    if g.kind == "points":
        yield from _points_over_period(scope, s0, period, g, sign, stated)
        return
    if g.kind != "percent":
        return
    change = values_before(scope, s0, period.start()) or based(scope, s0, period.start(), span=stated)
    if change is None or change.earlier is None or change.earlier.kind == "percent":
        return
    a, b = change.earlier, change.later
    if not _nominal(scope, b):
        return
    span = change.years[1] - change.years[0] if change.years else None
    if span is not None and span <= 0:
        return
    if period.group("annual"):
        if span is not None and change.asserted:
            yield from _annual(a, b, g, sign, span)
    elif stated is not None and (span is None or span == stated):
        yield from growth(a, b, g, sign, asserted=change.asserted)


def _points_over_period(scope: Scope, s0: int, period: regex.Match, g: Figure, sign: int,
                        stated: Optional[int]) -> Iterator[StatedRelation]:
    """由52.3%提高到58.1%，五年提高5.8个百分点: the points of the whole change, when the
    years written with the values (if any) span the years stated.  年均 points: silent."""
    if period.group("annual"):
        return
    change = values_before(scope, s0, period.start())
    if change is None or change.earlier is None or change.earlier.kind != "percent":
        return
    if change.years and stated is not None and change.years[1] - change.years[0] != stated:
        return
    yield from _points(change.earlier, change.later, g, sign)


def based(scope: Scope, s0: int, end: int, span: Optional[int] = None) -> Optional[Change]:
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
    year_b = _last_year(scope, scope.sentence(b.start)[0], b.start)
    if joined is None or (joined.group("year") is None and _label(scope, b) is None
                          and not has(scope.lead(b), lex["reach"])):
        return None
    p0, _ = scope.paragraph(b.start)
    earlier = [f for f in scope.figures_in(max(p0, b.start - lex["base_reach"]), b.start, near=b.start)
               if f.kind == b.kind and f.key == b.key and not f.open]
    if not earlier:
        return None
    a = earlier[-1]
    c0, _ = scope.clause(b.start)
    before = scope.view[max(p0, a.start - 12):a.start]
    after = scope.view[a.end:a.end + 6]
    m = _BASE_YEAR.search(before)
    if (m is not None and has(after, lex["base_after"])) or any(before.endswith(w) for w in lex["base_before"]):
        year_a = _YEAR_NUMBER.search(before) if m is None else _YEAR_NUMBER.search(m.group())
        years = (int(year_a.group(1)), year_b) if year_a and year_b else None
        return Change(later=b, earlier=a, years=years)
    compared = joined.group("year")
    if compared and compared[:5] in scope.view[scope.sentence(a.start)[0]:a.start] and a.start < c0:
        years = (int(compared[:4]), year_b) if year_b else None
        return Change(later=b, earlier=a, years=years, asserted=False)
    return _year_labelled(scope, a, b, year_b, compared, span)


def _year_labelled(scope: Scope, a: Figure, b: Figure, year_b: Optional[int], compared: Optional[str],
                   span: Optional[int]) -> Optional[Change]:
    """2024年（上年）……A，2025年（今年）……达到B，增长P%: A is written as the year before
    B's (or as N years before, for N年增长), in an earlier clause.  In one sentence the two
    labels make the comparison plain; a sentence apart it is only a reading (shown when it
    holds, never reported)."""
    if compared or scope.clause(a.start)[0] == scope.clause(b.start)[0]:
        return None
    label_b = _label(scope, b)
    label_a = _label(scope, a)
    if label_a is None or label_b is None:
        return None
    (year_a, rel_a), (year_b, rel_b) = label_a, label_b
    if year_a and year_b:
        gap = year_b - year_a
    elif year_a is None and year_b is None:
        gap = rel_b - rel_a  # 上年 … 今年
    elif year_a is None and rel_a == -1:
        year_a, gap = year_b - 1, 1  # 上年 … 2025年
    else:
        return None
    if gap != (span or 1):
        return None
    years = (year_a, year_b) if year_a and year_b else None
    same = scope.sentence(a.start)[0] == scope.sentence(b.start)[0]
    return Change(later=b, earlier=a, years=years, asserted=same)


# 比（年初下达的）指标超收Δ / 超计划Δ: an amount over a target, right before the rate.
_OVER_TARGET = compile_regex(
    r"[，,、]\s*(?:(?:比|较)\p{Han}{0,12}?(?:指标|任务|计划|预算|目标)(?P<verb>超收|多收|增收|超出|超额|超|多)"
    r"|超(?:过|出)?\p{Han}{0,12}?(?:指标|任务|计划|预算|目标))(?:完成)?了?$")
_TOTAL_BEFORE = compile_regex(r"(?:共|合计|总计|累计)\p{Han}{0,6}$")
_NEXT_ITEM = compile_regex(r"[、，,和及]\p{Han}{1,6}")


def over_target(scope: Scope, s0: int, end: int) -> Optional[Change]:
    """完成B，比年初下达的指标超收Δ，增幅P% (or 超计划Δ): the rate of the excess over the
    target, P = Δ/(B − Δ), the target being B − Δ (the same reading as 比上年增收Δ，增幅P%).
    B may be the total of parts listed after 共/合计 (共完成国税X、地税Y: B = X + Y)."""
    figs = [f for f in scope.figures_in(s0, end, near=end) if f.kind == "money"]
    if len(figs) < 2 or not regex.fullmatch(r"[，,、\s]*", scope.view[figs[-1].end:end]):
        return None
    d = figs[-1]
    m = _OVER_TARGET.search(scope.view, max(s0, d.start - 24), d.start)
    if m is None or d.open:
        return None
    parts = [f for f in figs[:-1] if f.end <= m.start()]
    if not parts or parts[-1].key != d.key or parts[-1].end != m.start() or parts[-1].open:
        return None
    b = _listed_total(scope, parts)
    return None if b is None else Change(later=b, delta=d, delta_sign=1)


def _listed_total(scope: Scope, parts: list[Figure]) -> Optional[Figure]:
    """The amount a clause of doing states: its last figure, or the total of the parts
    listed after 共/合计 (国税X、地税Y), each part named by a few words."""
    run = [parts[-1]]
    for f in reversed(parts[:-1]):
        if f.key != run[0].key or f.open or not _NEXT_ITEM.fullmatch(scope.view, f.end, run[0].start):
            break
        run.insert(0, f)
    if len(run) == 1:
        return run[0]
    if not _TOTAL_BEFORE.search(scope.view, max(scope.lo, run[0].start - 8), run[0].start):
        return None  # parts with no word of a total: not one amount
    iv = run[0].iv
    for f in run[1:]:
        iv = iv + f.iv
    number = "+".join(f.numeral for f in run)
    return Figure(run[0].kind, run[0].key, iv, run[0].start, run[-1].end,
                  scope.text[run[0].start:run[-1].end], f"({number})", max(f.decimals for f in run),
                  sum(f.value for f in run))


# B，比去年（同期）… / B，增长… / …，产值增长P% (the item named before the verb).
_LAST_YEAR = compile_regex(r"[，,、\s]*(?:(?:比|较|与)(?:上年|去年|上一年)(?:同期)?(?:相比)?|同比)?")
_SUBJECT = compile_regex(r"[，,、]\s*(?P<item>\p{Han}{2,4})$")


def same_item(scope: Scope, s0: int, end: int) -> Optional[Change]:
    """20__年……企业个数7家。……企业个数6家，比去年减少1家 / ……完成产值20亿元，增长15% /
    ……产值任务23亿元，企业个数6家，产值增长35.3%: the later value B is the last figure
    before the change (or the figure whose label holds the item named before the verb), and
    the earlier value A the nearest figure of its unit before B's clause whose label ends
    like B's (the same item, written for the year before).  Only a reading: nothing but the
    item's name says A is the year before's (years are often left as 20__年).  A is in an
    earlier sentence: in B's own, a like label is more often the whole B is a part of."""
    lex = cues("growth")
    figs = [f for f in scope.figures_in(s0, end, near=end) if f.kind in ("money", "count", "measure")]
    if not figs:
        return None
    b = figs[-1]
    if not _LAST_YEAR.fullmatch(scope.view, b.end, end):
        subject = _SUBJECT.search(scope.view, b.end, end)
        if subject is None or not _LAST_YEAR.fullmatch(scope.view, b.end, subject.start()):
            return None
        b = next((f for f in reversed(figs) if subject.group("item") in _item(scope, f)), None)
        if b is None:
            return None
    if b.open or has(scope.lead(b), lex["part_words"]):
        return None  # 其中…B: a part of what was written before, not the same item again
    label_b = _item(scope, b)
    b0, _ = scope.sentence(b.start)
    start = max(scope.wrapped_paragraph_start(b.start, lex["base_reach"]), b0 - lex["base_reach"])
    for a in reversed(scope.figures_in(start, b0, near=b0)):
        if a.key == b.key and a.kind == b.kind and not a.open \
                and _common_tail(_item(scope, a), label_b) >= lex["item_tail"]:
            return Change(later=b, earlier=a, asserted=False)
    return None


def _item(scope: Scope, fig: Figure) -> str:
    """The item a figure is the amount of: the words of its clause before it, less the
    words that only say whose or how counted (实际完成产值 and 完成产值 are one item)."""
    label = scope.lead(fig)
    for word in cues("growth")["item_fillers"]:
        label = label.replace(word, "")
    return label


def _common_tail(a: str, b: str) -> int:
    """How many characters two labels end alike (企业产值任务: 6)."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


_LABEL = compile_regex(r"(?:(?P<year>(?:19|20)\d\d)年|(?P<last>上年|去年|上一年)|(?P<this>今年|本年|当年))")


def _label(scope: Scope, fig: Figure) -> Optional[tuple[Optional[int], int]]:
    """The year a figure is written for, from the last year word of its sentence before it
    with no other figure of its unit between: (year, 0), or (None, −1) for 上年 and
    (None, 0) for 今年 (relative labels: only their difference counts)."""
    s0, _ = scope.sentence(fig.start)
    label = None
    for label in _LABEL.finditer(scope.view, s0, fig.start):
        pass
    if label is None or any(f.key == fig.key for f in scope.figures_in(label.end(), fig.start)):
        return None
    if label.group("year"):
        return int(label.group("year")), 0
    return (None, -1) if label.group("last") else (None, 0)


def _last_year(scope: Scope, start: int, end: int) -> Optional[int]:
    """The last year written in [start, end) (2025年 → 2025)."""
    year = None
    for year in _YEAR_NUMBER.finditer(scope.view, start, end):
        pass
    return int(year.group(1)) if year else None


def values_before(scope: Scope, s0: int, end: int, joiner: regex.Pattern = _BEFORE_VERB,
                  aside: bool = True) -> Optional[Change]:
    """由A…到B，… / A增至B，… / B，比上年的A… / B，比上年增加Δ，…: the last two figures
    before the verb (``joiner`` says what may stand between the later value and the verb).
    由A增至B，增加Δ、增长P%: a change clause between B and the verb is passed over, once."""
    figs = [f for f in scope.figures_in(s0, end, near=end)
            if f.kind in ("money", "count", "measure", "percent") and not f.open]
    if len(figs) < 2:
        return None
    change = _pair(scope, s0, end, figs[-2], figs[-1], joiner)
    if change is None and len(figs) >= 3 and figs[-2].kind == "percent" != figs[-1].kind \
            and _SHARE.search(scope.view, max(s0, figs[-2].start - 12), figs[-2].start) \
            and figs[-3].end <= figs[-2].start - 2:
        change = _pair(scope, s0, end, figs[-3], figs[-1], joiner, between=scope.view[figs[-2].end:figs[-1].start])
        if change is not None and change.delta is None:
            change = None  # only B，占…P%，比上年增加Δ: the share stands between B and its delta
    if change is None and aside and joiner.fullmatch(scope.view, figs[-1].end, end):
        m = _ASIDE.search(scope.view, max(s0, figs[-1].start - 10), figs[-1].start)
        if m:
            return values_before(scope, s0, m.start(), joiner, aside=False)
    return change


def _pair(scope: Scope, s0: int, end: int, a: Figure, b: Figure, joiner: regex.Pattern,
          between: Optional[str] = None) -> Optional[Change]:
    """The change two neighbouring figures state, when the words between them say so."""
    less = cues("growth")["less"]
    if a.key != b.key or not joiner.fullmatch(scope.view, b.end, end):
        return None
    between = scope.view[a.end:b.start] if between is None else between
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
    if between in cues("growth")["bare_reach"] and not _after_verb(scope, s0, a):
        return Change(later=b, earlier=a)  # A增至B: the verb alone joins the values
    if _last_of_a_list(scope, s0, a):
        return None  # 国税A、地税B，比上年增收Δ: the change is the list's, not its last item's
    if _COMPARED.fullmatch(between) or _PREVIOUS_IS.fullmatch(between):
        return Change(later=a, earlier=b)  # B，比上年的A增长…: the compared one is the earlier value
    m = _DELTA.fullmatch(between)
    if m and b.kind != "percent":
        return Change(later=a, delta=b, delta_sign=-1 if m.group("verb") in less else 1)
    return None


def _last_of_a_list(scope: Scope, s0: int, a: Figure) -> bool:
    """Is ``a`` the last of a 、 list of figures of its unit (国税3000万元、地税1200万元)?  A
    change stated after such a list is the list's (its total), which only 共/合计 make a
    figure of (see :func:`over_target`)."""
    before = scope.figures_in(s0, a.start, near=a.start)
    if not before or before[-1].key != a.key:
        return False
    gap = scope.view[before[-1].end:a.start]
    return "、" in gap and not _CLAUSE_STOP.search(gap)


def _after_verb(scope: Scope, s0: int, a: Figure) -> bool:
    """Is ``a`` itself the object of a verb (新增A增至B, 达A…)?  Then A增至B is no change of A."""
    return bool(_OBJECT_OF_VERB.search(scope.view[max(s0, a.start - 4):a.start]))


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
        asserted=asserted)


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
         f"{b.text}（{'增加' if sign > 0 else '减少'}{delta.text}）：{formula}，文中写 {g.text}"))


def _points(a: Figure, b: Figure, d: Figure, sign: int) -> Iterator[StatedRelation]:
    computed = (b.iv - a.iv).scale(sign)
    shown = percent(as_written(computed, sign * (b.value - a.value)), d)
    difference = f"{b.numeral} − {a.numeral}" if sign > 0 else f"{a.numeral} − {b.numeral}"
    yield StatedRelation(
        "points", "ZJ207", d, (("earlier", a), ("later", b)), computed, difference, f"{shown}个百分点",
        (f"{difference} = {shown}个百分点，与文中 {d.text} 相符",
         f"由{a.text}到{b.text}，变化 {shown} 个百分点，文中写 {d.text}"))


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


# 比上年 / 较去年同期 / 与上年相比 / 同比, written between a value and its change: the rate is
# explicitly against the year before.
_AGAINST_LAST_YEAR = compile_regex(
    r"[，,、\s]*(?:(?:比|较|与)(?:上年|去年|上一年|上年度|上一年度)(?:同期)?(?:相比)?|同比)[，,]?\s*")


def against_last_year(scope: Scope, g: Figure) -> Optional[tuple[Figure, int]]:
    """B，比上年增长P% (同比下降P%, 较去年同期增长P%): a rate against the year before whose
    earlier value the text does not write (nor its delta, nor 由A到B): the later value B
    and the sign of the change.  Only another document (last year's summary) can check it
    (:mod:`zongjie_nlp.relations.previous`).  None for real growth (可比价, 实际增长),
    output stated at comparable prices, a rate over a period (年均, 五年), or a rate whose
    earlier value this text gives (checked here, by :func:`find`)."""
    if g.kind != "percent":
        return None
    view = scope.view
    s0, _ = scope.sentence(g.start)
    m = _CHANGE_WORD.search(view, max(s0, g.start - 12), g.start)
    if m is None or has(view[s0:g.start], cues("growth")["real_growth"]):
        return None
    end = m.start()
    if _PERIOD.search(view, max(s0, end - 6), end):
        return None
    b = _value_before(scope, s0, end, _AGAINST_LAST_YEAR)
    if b is None or not _nominal(scope, b) or values_before(scope, s0, end) is not None \
            or delta_after(scope, s0, end, g) is not None:
        return None
    return b, 1 if m.group("verb") in cues("growth")["up"] else -1
