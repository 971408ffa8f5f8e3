"""This year's summary against last year's: what one says of the year before, what the
other said of its own year.

A summary restates last year's figures (上年完成1.25亿元, 较去年的38家增加到41家, 上年为
28.4万人次) and gives rates against them (比上年增长12%).  Last year's summary stated the
same figures as its own.  :func:`compare` matches the two and returns
:class:`~zongjie_nlp.relations.StatedRelation`\\ s, judged like every relation (rounding-aware
intervals: 1.25亿元 and 12500万元 agree):

- a *value* said of last year is compared with last year's figure for the same item;
- a *growth rate* against last year (B，比上年增长P%, with no earlier value written) is
  recomputed from this year's B and last year's figure: P = (B − A)/A;
- a *change* against last year (B，比上年增加Δ) likewise: Δ = B − A.

Items are matched by their name and unit, as the relations of one document are: the
words before a figure in its clause, less the words that only say when, where or how
(全县、全年、完成、达到 …), must be the same, of the same unit key (人/名/位 alike, 万元 and 亿元
alike).  A name written two ways is matched only through the short list of ``renamed``
forms in ``rules/relations/previous.yaml`` (规模以上 → 规上); any other difference is
another item, and nothing is said.  Nothing is said either when last year's summary gives
the item two figures that disagree.

Not compared: targets and plans (计划、目标、力争 …) on either side; real growth (可比价,
实际增长) and output growth, stated at comparable prices, against nominal values; and a
figure this year's text marks as restated (调整后、修订后、更正后 …): the writer knows it
differs from what was published.  In last year's summary, a figure marked so replaces
that summary's other figures of its item.

Nothing here reports: the arithmetic check (``checks.arithmetic.previous``, rule ZJ216)
judges the relations when a previous report is given.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Iterator, NamedTuple, Optional

import regex

from ..cache import compile_regex
from ..model import Report
from .base import StatedRelation
from .figures import Figure, Scope, cues, has
from .growth import against_last_year
from .interval import Interval
from .show import percent, plain, show_interval

RULE = "ZJ216"
_KINDS = ("money", "count", "measure", "percent")
_YEAR = compile_regex(r"(?:19|20)\d\d年度?|20[_＿xX×]{2}年度?")
_BRACKETS = compile_regex(r"[（(][^（）()]{0,16}[）)]")
_NOT_NAME = compile_regex(r"[^\p{Han}A-Za-z0-9]+")


@lru_cache(maxsize=1)
def _lex() -> dict:
    return cues("previous")


@lru_cache(maxsize=1)
def _last_year_word() -> regex.Pattern:
    """上年 / 去年同期 … (longest first), and 同期 after 比/较/与."""
    lex = _lex()
    words = "|".join(sorted(map(regex.escape, lex["last_year"]), key=len, reverse=True))
    return compile_regex(rf"(?:{words}|(?<=[比较与]){lex['same_period']})")


def _last_year_mention(label: str) -> Optional[regex.Match]:
    """The last word of ``label`` that says last year (上年, 较去年同期 …), if any."""
    m = None
    for m in _last_year_word().finditer(label):
        pass
    return m


class Said(NamedTuple):
    """A statement of this year's summary about last year: a ``value`` (the figure is last
    year's), a ``growth`` rate or a ``delta`` (the figure is the rate or the change; ``later``
    this year's value)."""

    kind: str
    item: str
    figure: Figure
    later: Optional[Figure] = None
    sign: int = 1


class Own(NamedTuple):
    """A figure last year's summary gives for its own year, with where it is written."""

    item: str
    figure: Figure
    line: int
    corrected: bool = False


def item_name(label: str) -> str:
    """The item a label names, less the words that say when, where or how: 全年完成税收收入
    → 税收收入, 全县规模以上企业由 → 规上企业.  Empty when nothing is left to name (上年为)."""
    lex = _lex()
    text = _BRACKETS.sub(" ", _YEAR.sub("", label))
    for word in (*lex["last_year"], *lex["this_year"]):
        text = text.replace(word, "")
    text = _NOT_NAME.split(text)[-1]  # the words after the last punctuation (、新建工会 → 新建工会)
    changed = True
    while changed and text:
        changed = False
        for word in lex["leading"]:
            if text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word):], True
        for word in lex["trailing"]:
            if text.endswith(word) and len(text) > len(word):
                text, changed = text[:-len(word)], True
    for long, short in lex["renamed"].items():
        text = text.replace(long, short)
    return text if len(text) >= 2 and not text.isdigit() else ""


def _label(scope: Scope, fig: Figure) -> str:
    """The words before ``fig`` in its clause, from the figure before it if there is one."""
    start, _ = scope.clause(fig.start)
    before = scope.figures_in(start, fig.start)
    return scope.view[before[-1].end if before else start:fig.start]


# 由38家 / 从2023年的38家: the earlier value of a change written next.
_FROM = compile_regex(r"(?:由|从)(?:(?:19|20)\d\d年(?:末|底)?|年初|上年末?|去年)?的?\s*$")


@lru_cache(maxsize=1)
def _change_end() -> regex.Pattern:
    """A label ending in a change (比上年增加, 同比增长, 净增了): its figure is no value."""
    words = "|".join(sorted(map(regex.escape, _lex()["change"]), key=len, reverse=True))
    return compile_regex(rf"(?:{words})(?:了|约|近|达|为)*\s*$")


def _neighbour_item(scope: Scope, fig: Figure) -> str:
    """The item of the figure of ``fig``'s unit written before it in its sentence (B，上年为A /
    B，比上年的A / 由A增加到B): what a figure with no name of its own is the value of."""
    s0, _ = scope.sentence(fig.start)
    for other in reversed(scope.figures_in(s0, fig.start)):
        if other.key == fig.key:
            label = _label(scope, other)
            m = _last_year_mention(label)
            return item_name(label[:m.start()] + label[m.end():] if m else label)
    return ""


def said_of_last_year(scope: Scope) -> Iterator[Said]:
    """What one document of this year's summary says of last year: values and rates."""
    lex = _lex()
    plans = _plan_sections(scope)
    for fig in scope.figures:
        if fig.kind not in _KINDS or fig.open or _in(plans, fig.start):
            continue
        clause = scope.clause_text(fig)
        if has(clause, lex["restated"]) or has(clause, lex["plan"]):
            continue
        # a rate against last year (比上年增长12%) or a change (比上年增加3家), said of this year's figure
        kind, against = ("growth", against_last_year(scope, fig)) if fig.kind == "percent" \
            else ("delta", _delta_of(scope, fig))
        if against is not None:
            later, sign = against
            item = item_name(_label(scope, later))
            if item and not has(scope.clause_text(later), lex["restated"]):
                yield Said(kind, item, fig, later, sign)
            continue
        label = _label(scope, fig)
        m = _last_year_mention(label)
        if m is None:
            continue
        after = label[m.end():]
        if any(after.startswith(w) for w in (*lex["since"], *lex["change_right_after"])) or has(after, lex["change"]):
            continue  # 去年以来… / 比上年增加234万元: not a value of last year
        item = item_name(label) or _neighbour_item(scope, fig)
        if item:
            yield Said("value", item, fig)


# B，比上年增加Δ / B，较去年同期减少Δ / B，同比增加Δ: Δ is B less last year's value.
_DELTA = compile_regex(
    r"[，,、]?\s*(?:(?:比|较)(?:上年同期|去年同期|上一年度|上年度|上一年|上年|去年)|同比)"
    r"(?P<verb>净增加|净增|增加|增长|增收|增产|多|净减少|净减|减少|减收|减产|下降|少)了?\s*")
_LESS = {"净减少", "净减", "减少", "减收", "减产", "下降", "少"}


def _delta_of(scope: Scope, fig: Figure) -> Optional[tuple[Figure, int]]:
    """B，比上年增加Δ (``fig`` is Δ): this year's value B, written just before, and the sign."""
    s0, _ = scope.sentence(fig.start)
    before = scope.figures_in(s0, fig.start)
    if not before or before[-1].key != fig.key or before[-1].open:
        return None
    m = _DELTA.fullmatch(scope.view, before[-1].end, fig.start)
    if m is None:
        return None
    return before[-1], -1 if m.group("verb") in _LESS else 1


def _plan_sections(scope: Scope) -> list[tuple[int, int]]:
    """The spans of the sections headed as plans (四、2025年工作打算): next year's targets."""
    words = _lex()["plan_headings"]
    return [(node.start, node.body_end) for node in scope.document.nodes() if has(node.title, words)]


def _in(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(start <= pos < end for start, end in spans)


def own_figures(scope: Scope) -> Iterator[Own]:
    """The figures one document of last year's summary gives for its own year: not what it
    says of its year before, not changes (增加3家, 增长12%), not targets or plans."""
    lex = _lex()
    index = scope.report.index
    plans = _plan_sections(scope)
    for fig in scope.figures:
        if fig.kind not in _KINDS or fig.open or _in(plans, fig.start):
            continue
        label = _label(scope, fig)
        clause = scope.clause_text(fig)
        if _last_year_word().search(label) or has(clause, lex["plan"]):
            continue
        if _FROM.search(label) or _change_end().search(label):
            continue  # 由38家（增加到41家）: the earlier value; 比上年增加3家, 增长12%: a change
        words = label.rstrip()
        if any(words.endswith(w) for w in cues("growth")["bare_reach"]):
            item = _neighbour_item(scope, fig)  # 由38家增加到41家: 41家 is the item's value
        else:
            item = item_name(label) or (_neighbour_item(scope, fig) if not words else "")
        if item:
            s0, s1 = scope.sentence(fig.start)  # 更正：全年收缴工会经费1.18亿元 (the mark may open the sentence)
            yield Own(item, fig, index.line_col(fig.start)[0], has(scope.view[s0:s1], lex["restated"]))


class _Index(NamedTuple):
    """Last year's figures by (item, unit key), found once per report."""

    report: Report
    figures: dict[tuple[str, tuple], list[Own]]

    def find(self, item: str, key: tuple) -> Optional[Own]:
        """The one figure last year's summary gives the item (its corrected one, if it
        marks one); None when it gives none, or several that disagree."""
        found = self.figures.get((item, key), [])
        corrected = [own for own in found if own.corrected]
        found = corrected or found
        if not found or any(not own.figure.iv.meets(found[0].figure.iv) for own in found[1:]):
            return None
        return found[0]


_LAST: list[_Index] = []  # the previous report's index, kept while the same report is asked again


def _index(previous: Report) -> _Index:
    if _LAST and _LAST[0].report is previous:
        return _LAST[0]
    figures: dict[tuple[str, tuple], list[Own]] = {}
    for document in previous.documents:
        for own in own_figures(Scope(previous, document)):
            figures.setdefault((own.item, own.figure.key), []).append(own)
    _LAST[:] = [_Index(previous, figures)]
    return _LAST[0]


def compare(report: Report, previous: Report) -> list[StatedRelation]:
    """Every statement of ``report`` about last year that ``previous`` (last year's summary)
    can check, as a relation: the stated figure in ``report``, the computed interval from
    ``previous``'s figure.  Silent where the item is not clearly the same."""
    index = _index(previous)
    where = f"上年总结（{os.path.basename(previous.path)}）" if previous.path else "上年总结"
    found = []
    for document in report.documents:
        scope = Scope(report, document)
        for said in said_of_last_year(scope):
            key = said.later.key if said.later is not None else said.figure.key
            own = index.find(said.item, key)
            if own is None:
                continue
            place = f"{where}第 {own.line} 行"
            text = previous.text[own.figure.start:own.figure.end]
            cited = {"path": previous.path, "line": own.line, "start": own.figure.start, "end": own.figure.end,
                     "text": text, "value": plain(own.figure.value)}
            relation = _RELATION[said.kind](said, own, place, text, cited)
            if relation is not None:
                found.append(relation)
    return found


def _value(said: Said, own: Own, place: str, text: str, cited: dict) -> StatedRelation:
    fig = said.figure
    return StatedRelation(
        "previous-value", RULE, fig, (), own.figure.iv, place, text,
        (f"上年{said.item}“{fig.text}”，与{place}的“{text}”相符",
         f"上年{said.item}“{fig.text}”，{place}写“{text}”"),
        legacy=(("item", said.item), ("previous", cited)))


def _delta(said: Said, own: Own, place: str, text: str, cited: dict) -> StatedRelation:
    """Δ = B − A, with A from last year's summary (or A − B for a decrease)."""
    d, b, a = said.figure, said.later, own.figure
    computed = (b.iv - a.iv).scale(said.sign)
    # Written in one magnitude (亿, 万 or none), the change shows the operands' decimals:
    # 1.38亿−1.25亿 = 0.13亿, not 0.1亿.
    magnitudes = {"" if f.numeral[-1:].isdigit() else f.numeral[-1:] for f in (a, b, d)}
    like = d._replace(decimals=max(a.decimals, b.decimals, d.decimals)) if len(magnitudes) == 1 else d
    shown = show_interval(computed, like, differ=not computed.meets(d.iv))
    unit = d.text[len(d.number):] if d.text.startswith(d.number) else ""
    formula = f"{b.numeral}−{a.numeral}" if said.sign > 0 else f"{a.numeral}−{b.numeral}"
    return StatedRelation(
        "previous-delta", RULE, d, (("later", b),), computed, formula, shown + unit,
        (f"按{place}的“{text}”，{formula} = {shown}{unit}，与文中“{d.text}”相符",
         f"{said.item}“{b.text}”：按{place}的上年值“{text}”，{formula} = {shown}{unit}，文中写“{d.text}”"),
        legacy=(("item", said.item), ("previous", cited)))


def _growth(said: Said, own: Own, place: str, text: str, cited: dict) -> Optional[StatedRelation]:
    """P = (B − A)/A, with A from last year's summary (or (A − B)/A for a decline)."""
    g, b, a = said.figure, said.later, own.figure
    computed = (b.iv / a.iv - Interval(1, 1)).scale(100 * said.sign)
    if not computed.determined or a.iv.lo <= 0:
        return None
    pct = percent(computed, g)
    formula = f"({b.numeral}−{a.numeral})/{a.numeral}" if said.sign > 0 else f"({a.numeral}−{b.numeral})/{a.numeral}"
    return StatedRelation(
        "previous-growth", RULE, g, (("later", b),), computed, formula, f"{pct}%",
        (f"按{place}的“{text}”，{formula} = {pct}%，与文中“{g.text}”相符",
         f"{said.item}“{b.text}”：按{place}的上年值“{text}”，{formula} = {pct}%，文中写“{g.text}”"),
        legacy=(("item", said.item), ("previous", cited)))


# What each kind of statement about last year is checked as (Said.kind → its relation).
_RELATION = {"value": _value, "delta": _delta, "growth": _growth}
