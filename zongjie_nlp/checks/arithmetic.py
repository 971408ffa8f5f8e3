"""Arithmetic checks: recompute what the prose asserts and compare, rounding-aware.

A summary states relations between its figures: a rate and the counts it was computed
from (应建41家，已有39家，组建率95.1%), a total and its remainder, parts of a total, a
cumulative figure and this year's, a per-head amount times the heads, a growth rate or a
change in percentage points between two stated values, a declared number of items and
the list that follows.  Each relation below is recognised from its cue words, computed
with interval arithmetic from the figures' bounds (a figure with k decimals stands for
every value that rounds to it; 约/多/余 widen it; counts are exact), and reported only
when the computed interval cannot meet the stated one (STANDARDS.md "Rounding-aware
arithmetic", the way XBRL Calculations 1.1 treats rounded facts).

Precision over recall: when the words leave the roles of the figures open, the check is
silent.  A relation that checks out is emitted as a ``verified`` info finding (shown with
``--show-verified``), with its operands in ``details``.

Work is local: every relation is found from one trigger (a percentage, a 其中, a 累计 …)
and looks only at its sentence or paragraph, so the whole check is linear in the text.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

import regex

from ..model import Document, Quantity
from ..numerals import NUMERAL_PATTERN, format_decimal, parse_numeral, to_chinese
from ..resources import load_yaml
from .base import Context, Example, LogicCheck, rule_factory

BASIS = "STANDARDS.md「Rounding-aware arithmetic」：带 k 位小数的数代表所有舍入后等于它的值，约/多/余放宽区间，计算区间与文中区间不相交才报错（XBRL Calculations 1.1 的舍入容差）"


_rule = rule_factory("checks/arithmetic.py", "arithmetic")


RULES = (
    _rule("ZJ201", "rate-mismatch", "error", "比率与文中给出的部分数、总数不符（39/41 ≠ 93.1%）",
          f"L007：率（组建率、完成率、合格率……）和占比可由同句给出的部分数与总数重算；"
          f"只在文字表明谁是部分（已有/完成/该率的动词）、谁是总数（应建/共/全部）时计算。{BASIS}",
          [Example("工业园中应建工会企业41家，已有39家企业提交了建会申请，工会组建率为[[93.1%]]。", True),
           Example("工业园中应建工会企业41家，已有39家企业提交了建会申请，工会组建率为95.1%。", False),
           Example("全年培训员工4200余人次，其中新员工620人次，考核合格率98.5%。", False),
           Example("认证农产品达到1337个，59个产品获得优质认证，冻鱼出口占全国同类产品出口总值的98.5%。", False),
           Example("工业园中应建工会企业0家，已有0家企业提交了建会申请，工会组建率为[[0%]]。", True)]),
    _rule("ZJ202", "remainder-mismatch", "error", "总数减去已说明的部分与“其余/还有/现有”的数不符",
          f"L008：“除了10家已建工会外，还有69家未建”“其余8项”“原有79家，注销10家，现有69家”"
          f"断言 总数 = 已说明部分 + 其余（或 原有 ± 增减 = 现有）；只在其余之意明确时核对。{BASIS}",
          [Example("落户企业79家，除了10家企业已建工会外，还有[[67家]]企业未建立工会组织。", True),
           Example("落户企业79家，除了10家企业已建工会外，还有69家企业未建立工会组织。", False),
           Example("落户企业79家，除了10家企业已建工会外，还有30家正在筹建。", False)]),
    _rule("ZJ203", "parts-exceed-total", "error", "“其中”各项超过总数，或明确穷尽的各项之和不等于总数",
          f"L008：“共X，其中A、B”断言 A + B ≤ X；各项互斥且穷尽（男/女、已建/未建、分别为）时 A + B = X。"
          f"可能交叉的子集（学历与职称、“以上”类门槛）不相加。{BASIS}",
          [Example("全校共有教职工[[126人，其中专任教师108人、行政后勤人员23人]]。", True),
           Example("全校共有教职工131人，其中专任教师108人、行政后勤人员23人。", False),
           Example("共有会员500人，其中女会员260人、35岁以下青年会员300人。", False)]),
    _rule("ZJ204", "cumulative-below-period", "error", "累计数小于同一事项的本年（本期）数",
          f"L009：同一段中“累计/历年/以来”的数包含本年（本期）的数，不可能更小；"
          f"只比较同一单位、同一事项（两处用语相同）的数。{BASIS}",
          [Example("今年共资助困难学生51人。活动开展以来，累计资助困难学生[[39人]]。", True),
           Example("今年共资助困难学生39人。活动开展以来，累计资助困难学生51人。", False),
           Example("今年市级和省级品牌分别新增12项和44项，累计分别达到64项和288项。", False)]),
    _rule("ZJ205", "per-head-total-mismatch", "error", "每人（每户）金额 × 人数（户数）与合计不符",
          f"L009：“N人…每人X元…共计T元”三者俱全时 T = N·X（人均为平均数，按其舍入区间计算）。{BASIS}",
          [Example("为126户脱贫户每户发放产业奖补资金1500元，共计发放[[17.6万元]]。", True),
           Example("为126户脱贫户每户发放产业奖补资金1500元，共计发放18.9万元。", False)]),
    _rule("ZJ206", "growth-mismatch", "error", "增长（下降）百分比与文中前后两个数不符",
          f"L005：“由A增至B，增长P%”“B，比上年的A增长P%”“B，比上年增加Δ，增长P%”"
          f"断言 P = (B−A)/A；两个数都写出时才计算。{BASIS}",
          [Example("全年完成门急诊32.6万人次，比上年的28.4万人次增长[[12.5%]]。", True),
           Example("全年完成门急诊32.6万人次，比上年的28.4万人次增长14.8%。", False)]),
    _rule("ZJ207", "points-mismatch", "error", "百分点变化与前后两个百分比之差不符",
          f"L006：“由86.2%提高到91.5%，提高D个百分点”断言 D = 91.5 − 86.2。{BASIS}",
          [Example("床位使用率由上年的86.2%提高到91.5%，提高了[[4.3个百分点]]。", True),
           Example("床位使用率由上年的86.2%提高到91.5%，提高了5.3个百分点。", False)]),
    _rule("ZJ208", "list-count-mismatch", "error", "“以下N项”“N个方面：”与其后实际列出的项数不符",
          "STANDARDS 第45条：声明的项数（以下五项、三个方面：一是……）应等于紧随其后列出的项数；"
          "只核对声明后紧接冒号或换行、且其后确有编号列表的情形（“主要有”“获奖N个”之类不核对）。",
          [Example("一、主要工作\n今年重点开展了以下[[五项]]工作：\n（一）甲\n（二）乙\n（三）丙\n二、存在问题\n丁", True),
           Example("一、主要工作\n今年重点开展了以下三项工作：\n（一）甲\n（二）乙\n（三）丙\n二、存在问题\n丁", False)]),
    _rule("ZJ209", "percent-for-points", "warning", "两个百分比之差写成了“提高X%”，应为“X个百分点”",
          "L006：百分比之间的差用“百分点”表示；“由90%提高到95.1%”是提高5.1个百分点，"
          "写“提高5.1%”会被读作相对增长（实为5.67%）。来源：编辑实践（STANDARDS L006）。",
          [Example("满意率由90%提高到95.1%，提高了[[5.1%]]。", True),
           Example("满意率由90%提高到95.1%，提高了5.1个百分点。", False)]),
)

# --------------------------------------------------------------------------- #
# Interval arithmetic
# --------------------------------------------------------------------------- #

INF = math.inf


@dataclass(frozen=True)
class Interval:
    """Closed interval [lo, hi] of the values a figure may stand for."""

    lo: float
    hi: float

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __mul__(self, other: Interval) -> Interval:
        products = [_times(a, b) for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval:
        """The quotient's bounds.  A divisor that only touches zero from above ([0, 0.5],
        a figure written 0.0 or 0%) may be any small positive value, so a non-negative
        dividend gives [lo/h, ∞] ([0, 0] for a zero dividend); a divisor that is exactly
        zero or straddles it leaves the quotient undetermined (0/0, 5/0)."""
        if other.lo > 0 or other.hi < 0:
            return self * Interval(1 / other.hi, 1 / other.lo)
        if other.lo == 0 < other.hi and self.lo >= 0:
            if self.hi == 0:
                return Interval(0.0, 0.0)
            return Interval(self.lo / other.hi, INF)
        return Interval(-INF, INF)

    def scale(self, factor: float) -> Interval:
        return self * Interval(factor, factor)

    def meets(self, other: Interval) -> bool:
        """True when the intervals share a value (with a hair of float tolerance)."""
        eps = 1e-9 * max(1.0, *(abs(x) for x in (self.lo, self.hi, other.lo, other.hi) if x not in (INF, -INF)))
        return self.lo <= other.hi + eps and other.lo <= self.hi + eps

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    @property
    def determined(self) -> bool:
        """Does the interval say anything?  Not when a bound is NaN or neither is finite
        (the whole line from 0/0, [∞, ∞] from a base that cannot be positive): a relation
        computed into such an interval is not checked, rather than reported either way."""
        if math.isnan(self.lo) or math.isnan(self.hi):
            return False
        return math.isfinite(self.lo) or math.isfinite(self.hi)


def _times(a: float, b: float) -> float:
    return 0.0 if a == 0 or b == 0 else a * b


def _total(intervals: Iterable[Interval]) -> Interval:
    result = Interval(0.0, 0.0)
    for iv in intervals:
        result = result + iv
    return result


# --------------------------------------------------------------------------- #
# Lexicon
# --------------------------------------------------------------------------- #


@lru_cache(maxsize=None)
def _lex(section: str):
    """One section of rules/lexicon/arithmetic.yaml (cue words; see the comments there)."""
    return load_yaml("lexicon/arithmetic.yaml")[section]


def _has(text: str, words: Iterable[str]) -> bool:
    return any(w in text for w in words)


# --------------------------------------------------------------------------- #
# Figures and the text around them
# --------------------------------------------------------------------------- #

# Sentence stops: 。！？；, newlines, and a period that is not a decimal point.
_STOPS = regex.compile(r"[。！？!?；;\n]|[.．](?!\d)|[，,：:]")
_SENTENCE_END = set("。！？!?；;\n.．")
MAX_SENTENCE = 200  # characters looked at on either side of a trigger
MAX_FIGURES = 16  # figures looked at on either side of a trigger
MAX_READINGS = 4  # figures of one unit tried as operands of an ambiguous rate
MAX_PARAGRAPH = 600  # a paragraph is a line; a runaway line is looked at in windows
MAX_LIST = 400  # outline nodes scanned for the items of one declared list
_HAN = regex.compile(r"\p{Han}")
_RANGE_JOIN = regex.compile(r"\s?(?:至|到|～|~|〜|—|－|-)\s?")
_MEASURE_UNITS = "平方公里|平方米|立方米|公顷|千米|公里|公斤|千克|千瓦时|千瓦|兆瓦|亩|吨"
# A numeral, then its unit looked for where it ends: one pass over a run of digits, where a
# single pattern (numeral)(unit) would rescan it from every position when no unit follows.
_NUMERAL = regex.compile(NUMERAL_PATTERN)
_MEASURE_UNIT = regex.compile(_MEASURE_UNITS)


@dataclass(frozen=True)
class Figure:
    """A figure as an operand: its interval, its unit key and where it is written.

    A range (3至5名, 10万元～30万元) is one figure spanning both ends."""

    kind: str
    key: tuple
    iv: Interval
    start: int
    end: int
    text: str  # as written
    number: str  # the numeral as written ("39", "13.02萬", "10万～30万")
    decimals: int = 0
    value: float = 0.0  # the value as written (the lower figure of 十多, the middle of a range)

    @property
    def open(self) -> bool:
        return self.iv.hi == INF

    @property
    def span(self) -> list[int]:
        return [self.start, self.end]


def _unit_key(q: Quantity, view: str) -> tuple:
    """Figures are compared only when their keys agree: 人/名/位 are one unit, 人次 and 户 others."""
    if q.kind == "money":
        return ("money", q.unit)
    if q.kind in ("percent", "points"):
        return (q.kind,)
    unit = view[q.end - len(q.unit): q.end]
    if unit in ("人", "名", "位"):
        return ("people",)
    if q.category == "orgs":
        return ("orgs",)
    return ("count", unit)


def _figure(q: Quantity, view: str) -> Figure:
    low = q.low if q.low is not None else q.value
    high = q.high if q.high is not None else INF
    return Figure(q.kind, _unit_key(q, view), Interval(low, high), q.start, q.end, q.text,
                  q.number_text or q.text, q.decimals, q.value)


def _merge_ranges(figures: list[Figure], view: str) -> list[Figure]:
    """3至5名 is parsed as two quantities; as an operand it is one interval [3, 5]."""
    merged: list[Figure] = []
    for fig in figures:
        prev = merged[-1] if merged else None
        if (prev is not None and prev.key == fig.key and prev.end < fig.start
                and _RANGE_JOIN.fullmatch(view, prev.end, fig.start)):
            merged[-1] = Figure(fig.kind, fig.key, Interval(prev.iv.lo, fig.iv.hi), prev.start, fig.end,
                                prev.text + view[prev.end:fig.start] + fig.text,
                                prev.number + "～" + fig.number, fig.decimals, (prev.value + fig.value) / 2)
        else:
            merged.append(fig)
    return merged


def _measures(text: str, view: str, lo: int, hi: int, taken: list[Figure],
              furniture: list[tuple[int, int]]) -> list[Figure]:
    """Areas, weights and lengths (3200亩, 2600吨): not yet parsed as quantities, but
    cumulative and parts relations are stated with them too."""
    starts = [f.start for f in taken]
    furniture_starts = [a for a, _ in furniture]
    found = []
    for m in _NUMERAL.finditer(view, lo, hi):
        unit = _MEASURE_UNIT.match(view, m.end(), hi)
        if unit is None:
            continue
        start, end = m.start(), unit.end()
        i = bisect.bisect_right(starts, start)
        if (i and taken[i - 1].end > start) or (i < len(taken) and taken[i].start < end):
            continue  # the parser already has a quantity here
        k = bisect.bisect_right(furniture_starts, start)
        if k and start < furniture[k - 1][1]:
            continue
        if start and view[start - 1] in "第.0123456789":
            continue
        n = parse_numeral(m.group())
        if n is None:
            continue
        found.append(Figure("measure", ("measure", unit.group()),
                            Interval(n.low, n.high if n.high is not None else INF),
                            start, end, text[start:end], text[start:m.end()], n.decimals, n.value))
    return found


def _furniture_in(items, starts: list[int], lo: int, hi: int) -> list[tuple[int, int]]:
    """The furniture lines overlapping ``[lo, hi)`` (``items`` sorted, ``starts`` their
    starts: a bisect, not a scan of the whole page per document)."""
    first = max(0, bisect.bisect_left(starts, lo) - 1)
    last = bisect.bisect_left(starts, hi)
    return [(b.start, b.end) for b in items[first:last] if b.end > lo and b.start < hi]


class _Doc:
    """One document's figures with sentence/clause lookup by bisection (no rescans)."""

    def __init__(self, ctx: Context, document: Document, furniture_starts: list[int]):
        self.ctx = ctx
        self.text, self.view = ctx.text, ctx.view
        self.document = document
        self.lo, self.hi = document.start, document.end
        # The parser already leaves page furniture out of a document's quantities.
        figures = [_figure(q, self.view) for q in document.quantities]
        furniture = _furniture_in(ctx.report.boilerplate, furniture_starts, self.lo, self.hi)
        figures += _measures(self.text, self.view, self.lo, self.hi, figures, furniture)
        figures.sort(key=lambda f: f.start)
        self.figures = _merge_ranges(figures, self.view)
        self.starts = [f.start for f in self.figures]
        self._per_unit: dict[int, bool] = {}
        self._bigrams: dict[int, set[str]] = {}
        self.sentence_stops: list[int] = []
        self.clause_stops: list[int] = []
        if self.figures:
            for m in _STOPS.finditer(self.view, self.lo, self.hi):
                self.clause_stops.append(m.start())
                if m.group() in _SENTENCE_END:
                    self.sentence_stops.append(m.start())

    # -- windows -------------------------------------------------------------
    def _bounds(self, stops: list[int], pos: int, reach: int) -> tuple[int, int]:
        i = bisect.bisect_left(stops, pos)
        start = stops[i - 1] + 1 if i else self.lo
        end = stops[i] if i < len(stops) else self.hi
        return max(start, pos - reach, self.lo), min(end, pos + reach, self.hi)

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence around ``pos``: between 。！？；/newline, never outside the document."""
        return self._bounds(self.sentence_stops, pos, MAX_SENTENCE)

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause around ``pos``: between commas, colons and sentence stops."""
        return self._bounds(self.clause_stops, pos, 120)

    def clause_text(self, fig: Figure) -> str:
        start, end = self.clause(fig.start)
        return self.view[start:end]

    def lead(self, fig: Figure) -> str:
        """The words of the clause before ``fig`` (its label: 应建工会企业, 其余 …)."""
        start, _ = self.clause(fig.start)
        return self.view[start:fig.start]

    def per_unit(self, fig: Figure) -> bool:
        """Is ``fig`` a per-head amount (每人500元, 人均650元)?  Cached: asked often."""
        cached = self._per_unit.get(fig.start)
        if cached is None:
            cached = self._per_unit[fig.start] = _per_unit_cue(self, fig) is not None
        return cached

    def bigrams(self, fig: Figure) -> set[str]:
        """The two-character words of the figure's clause, figures blanked out (so 万元 or
        人次 never make two clauses alike).  Cached."""
        cached = self._bigrams.get(fig.start)
        if cached is None:
            start, end = self.clause(fig.start)
            pieces, at = [], start
            for other in self.figures_in(start, end, near=fig.start):
                pieces.append(self.view[at:other.start])
                at = other.end
            pieces.append(self.view[at:end])
            cached = self._bigrams[fig.start] = _bigrams(" ".join(pieces))
        return cached

    def paragraph(self, pos: int) -> tuple[int, int]:
        """The line around ``pos`` (at most MAX_PARAGRAPH characters on either side)."""
        index = self.ctx.report.index
        line, _ = index.line_col(pos)
        start = max(index.line_start(line), self.lo, pos - MAX_PARAGRAPH)
        return start, min(index.line_end(line), self.hi, pos + MAX_PARAGRAPH)

    def figures_in(self, start: int, end: int, near: Optional[int] = None) -> list[Figure]:
        """Figures inside [start, end).  With ``near``, only the MAX_FIGURES closest to that
        offset on either side: a relation is stated among a few neighbouring figures, and
        the cap keeps the work per trigger bounded on runaway text."""
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        if near is not None:
            k = bisect.bisect_left(self.starts, near)
            i, j = max(i, k - MAX_FIGURES), min(j, k + MAX_FIGURES)
        return [f for f in self.figures[i:j] if f.end <= end]

    def previous_sentence(self, pos: int) -> tuple[int, int]:
        start, _ = self.sentence(pos)
        if start <= self.lo:
            return start, start
        return self.sentence(start - 1)


def _operands(figures: Iterable[Figure], key: Optional[tuple] = None) -> list[Figure]:
    """Figures that can be operands: amounts and counts (not percentages), bounded."""
    return [f for f in figures if f.kind in ("money", "count", "measure") and not f.open
            and (key is None or f.key == key)]


# --------------------------------------------------------------------------- #
# Formatting
# --------------------------------------------------------------------------- #

_MAGNITUDES = (("亿", 1e8, "亿億"), ("万", 1e4, "万萬"))


def _show(value: float, like: Figure, differ: bool = False) -> str:
    """``value`` written like the stated figure ``like`` (same magnitude word and decimals).

    With ``differ`` (the relation failed), more decimals are added until the result no
    longer reads like the stated figure, so a message never says "= 2.3万，文中写 2.3万"."""
    unit, scale = "", 1.0
    for word, factor, chars in _MAGNITUDES:
        if any(c in like.number for c in chars):
            unit, scale = word, factor
            break
    stated = regex.sub(r"[^0-9.]", "", like.number)
    decimals = like.decimals
    shown = format_decimal(value / scale, decimals)
    while differ and decimals < like.decimals + 3 and stated and _same_number(shown, stated):
        decimals += 1
        shown = format_decimal(value / scale, decimals)
    return shown + unit


def _show_iv(iv: Interval, like: Figure, differ: bool = False) -> str:
    """A computed interval: its middle, or both ends when an operand was a range (3至5名)."""
    width = like.iv.hi - like.iv.lo
    if iv.hi != INF and iv.hi - iv.lo > 2 * width + 1e-9 and iv.hi - iv.lo > 1e-9 * abs(iv.hi):
        return f"{_show(iv.lo, like)}～{_show(iv.hi, like)}"
    return _show(iv.mid, like, differ)


def _same_number(a: str, b: str) -> bool:
    try:
        return float(a) == float(b)
    except ValueError:
        return False


def _pct(iv: Interval, stated: Figure) -> str:
    """A computed percentage, one decimal finer than the stated one (95.12 for 95.1); a
    trailing zero beyond the stated precision is dropped (95.0, not 95.00)."""
    value = next((x for x in (iv.mid, iv.lo, iv.hi) if math.isfinite(x)), iv.mid)
    shown = format_decimal(value, stated.decimals + 1)
    if shown.endswith("0"):
        shown = shown[:-1].rstrip(".")
    if iv.hi == INF and math.isfinite(iv.lo):
        shown = "≥" + shown  # divided by a figure that may be as small as zero (0.0, 0%)
    return shown


def _as_written(iv: Interval, value: float) -> Interval:
    """The value computed from the figures as written, when the interval allows it: shown
    instead of the interval's middle, which a bound clipped at zero pulls aside (5% − 0%
    is 5 points, though 0% stands for [0, 0.5] and the middle of [4, 5.5] is 4.75)."""
    return Interval(value, value) if iv.meets(Interval(value, value)) else iv


def _num(fig: Figure) -> str:
    return fig.number.strip()


class _Out:
    """Emits each relation once: an error (or warning) when it fails, a verified info when it holds."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.seen: set[tuple] = set()

    def report(self, rule: str, holds: bool, span: tuple[int, int], good: str, bad: str,
               detail: dict, severity: Optional[str] = None) -> None:
        key = (rule, span)
        if key in self.seen:
            return
        self.seen.add(key)
        if holds:
            self.ctx.emit(rule, *span, good, details=[detail], verified=True, severity="info")
        else:
            self.ctx.emit(rule, *span, bad, details=[detail], severity=severity)


def _detail(relation: str, figures: Iterable[Figure], computed: Interval, stated: Figure, **extra) -> dict:
    """What a report shows of a relation: the figures' spans, the computed value (and its
    interval) against the stated one (and its interval)."""
    middle = next((x for x in (computed.mid, computed.lo, computed.hi) if math.isfinite(x)), 0.0)
    return {"relation": relation, **{k: _plain(v) for k, v in extra.items()},
            "computed": _plain(round(middle, 4)), "stated": _plain(stated.value),
            "computed_range": [_plain(computed.lo), _plain(computed.hi)],
            "stated_range": [_plain(stated.iv.lo), _plain(stated.iv.hi)],
            "operands": [f.span for f in figures]}


def _plain(x):
    """JSON-friendly numbers: 39.0 → 39, 95.1219512… → 95.121951, ±inf → None."""
    if isinstance(x, list):
        return [_plain(v) for v in x]
    if not isinstance(x, float):
        return x
    if x in (INF, -INF):
        return None
    x = round(x, 6)
    return int(x) if x.is_integer() else x


# --------------------------------------------------------------------------- #
# ZJ201 rate = part / whole
# --------------------------------------------------------------------------- #

_FILL = r"(?:为|是|达|到|已|约|保持在|稳定在|高达|仅为|只有|均|都|全部|了)*"
_RATE_WORD = regex.compile(rf"(?P<stem>\p{{Han}}{{2}})率{_FILL}$")
_SHARE_WORD = regex.compile(rf"(?P<stem>\p{{Han}}{{1,2}})(?:占比|比例|比重){_FILL}$")
_HAN2 = regex.compile(r"\p{Han}{2}")
_OF_WORD = regex.compile(r"(?P<verb>占|完成)(?P<desc>[^，,。；;：:！？!?\n]{0,24}?)的$")


def _rates(doc: _Doc, out: _Out) -> None:
    """A percentage right after a 率/占比 word, or after 占…的, is part ÷ whole of counts
    stated before it in the same sentence."""
    lex = _lex("rates")
    for p in doc.figures:
        if p.kind != "percent":
            continue
        s0, _ = doc.sentence(p.start)
        head_start = max(s0, p.start - 30)
        head = doc.view[head_start:p.start]
        m = _RATE_WORD.search(head) or _SHARE_WORD.search(head)
        if m:
            stem = m.group("stem")
            if any(stem.endswith(w) for w in lex["not_part_whole"]):
                continue
            _rate_from_counts(doc, out, p, stem, s0, head_start + m.start())
            continue
        m = _OF_WORD.search(head)
        if m:
            _rate_of(doc, out, p, m, s0, head_start)


def _rate_from_counts(doc: _Doc, out: _Out, p: Figure, stem: str, s0: int, word_start: int) -> None:
    candidates = _operands(doc.figures_in(s0, word_start, near=word_start))
    by_key: dict[tuple, list[Figure]] = {}
    for fig in candidates:
        if not doc.per_unit(fig):
            by_key.setdefault(fig.key, []).append(fig)
    groups = [figs for figs in by_key.values() if len(figs) >= 2]
    if len(groups) != 1:
        return
    figs = groups[0]
    if len(figs) == 2:
        pair = _whole_and_part(doc, figs[0], figs[1], word_start)
        if pair and _part_evidence(doc, stem, *pair):
            _compare_rate(doc, out, p, *pair)
        return
    # Three or more candidates: only a unique consistent reading is reported (verified).
    figs = figs[-MAX_READINGS:]
    readings = []
    for i, a in enumerate(figs):
        for b in figs[i + 1:]:
            if not ((a.iv / b.iv).scale(100).meets(p.iv) or (b.iv / a.iv).scale(100).meets(p.iv)):
                continue  # cheap test first: neither way round gives the stated rate
            pair = _whole_and_part(doc, a, b, word_start)
            if pair and _part_evidence(doc, stem, *pair) and (pair[1].iv / pair[0].iv).scale(100).meets(p.iv):
                readings.append(pair)
    if len(readings) == 1:
        _compare_rate(doc, out, p, *readings[0])


def _whole_and_part(doc: _Doc, a: Figure, b: Figure, word_start: int) -> Optional[tuple[Figure, Figure]]:
    """(whole, part) of two figures in text order: the whole comes first (应建41家，已有39家),
    unless the later one is the rate's own population (全镇5077户农户的…普及率)."""
    clause_start, _ = doc.clause(word_start)
    if clause_start <= b.start and "的" in doc.view[b.end:word_start]:
        return b, a
    lead = doc.lead(a)
    first_is_whole = _has(lead, _lex("rates")["whole_cues"]) or a.iv.lo >= b.iv.hi or doc.view[a.end:a.end + 1] == "中"
    # A part larger than its whole only against a target (计划500万元，完成525万元，完成率105%).
    fits = b.iv.lo <= a.iv.hi or _has(lead, ("计划", "目标", "任务", "预算"))
    return (a, b) if first_is_whole and fits else None


def _part_evidence(doc: _Doc, stem: str, whole: Figure, part: Figure) -> bool:
    """Is ``part`` what the rate counts?  Its clause names the rate's action (立案18件 …
    立案率), or says it was achieved (已有/实到) against a stated target (应建/全区…中)."""
    lex = _lex("rates")
    part_clause = doc.clause_text(part)
    if _has(part_clause, lex["increment_cues"]) and not _has(stem, lex["increment_cues"]):
        return False
    words = [stem, *lex["aliases"].get(stem, ())]
    if _has(part_clause, words):
        return True
    return _has(doc.lead(part), lex["part_cues"]) and _has(doc.clause_text(whole), lex["whole_cues"])


def _compare_rate(doc: _Doc, out: _Out, p: Figure, whole: Figure, part: Figure) -> None:
    computed = (part.iv / whole.iv).scale(100)
    if not computed.determined:
        if whole.iv.hi == 0:  # 应建0家…组建率0%: a rate of nothing cannot be stated; say so, softly
            out.report("ZJ201", False, (p.start, p.end), "",
                       f"总数是 {whole.text}，比率 {p.text} 无从计算（{part.text}/{whole.text}），请核对",
                       {"relation": "rate", "part": part.value, "whole": whole.value, "stated_text": p.text},
                       severity="warning")
        return
    pct = _pct(computed, p)
    formula = f"{_num(part)}/{_num(whole)} = {pct}%"
    out.report("ZJ201", computed.meets(p.iv), (p.start, p.end),
               f"{formula}，与文中 {p.text} 相符",
               f"{formula}（{whole.text}中的{part.text}），文中写 {p.text}",
               _detail("rate", [part, whole, p], computed, p,
                       part=part.value, whole=whole.value, stated_text=p.text))


def _rate_of(doc: _Doc, out: _Out, p: Figure, m: regex.Match, s0: int, head_start: int) -> None:
    """占…的X% / 完成…的X%: the part is the figure before the verb; the whole is written in
    the 的-phrase (完成年初预算12.4亿元的) or, for 占, is the one earlier figure that the
    phrase names (完成住院手术8960台，其中…3420台，占住院手术的38.2%)."""
    verb_at = head_start + m.start("verb")
    desc_lo, desc_hi = head_start + m.start("desc"), head_start + m.end("desc")
    before = _operands(doc.figures_in(s0, verb_at, near=verb_at))
    before = [f for f in before if not doc.per_unit(f)]
    if not before:
        return
    part = before[-1]
    clause_start, _ = doc.clause(verb_at)
    if part.end <= clause_start and _HAN2.search(doc.view, clause_start, verb_at):
        return  # 冻鳟鱼出口占…的98.5%: the clause names its own subject, and states no figure for it
    inner = _operands(doc.figures_in(desc_lo, desc_hi), part.key)
    if inner:
        _compare_rate(doc, out, p, inner[-1], part)
        return
    if m.group("verb") != "占":
        return
    others = [f for f in before[:-1] if f.key == part.key]
    if len(others) == 1 and _shares_words(doc.view[desc_lo:desc_hi], doc.clause_text(others[0])):
        _compare_rate(doc, out, p, others[0], part)


# --------------------------------------------------------------------------- #
# ZJ202 total = stated part + remainder;  base ± changes = now
# --------------------------------------------------------------------------- #

_EXCEPT = regex.compile(r"除了?(?P<inner>[^。；;！？!?\n]{1,40}?)(?:以外|之外|外)")


def _remainders(doc: _Doc, out: _Out) -> None:
    lex = _lex("remainder")
    for r in _operands(doc.figures):
        lead = doc.lead(r)
        if _has(lead, lex["rest_cues"]) or _has(lead, lex["also_cues"]):
            _remainder(doc, out, r, lead)
        elif _has(lead, lex["now_cues"]):
            _change_chain(doc, out, r)


def _remainder(doc: _Doc, out: _Out, r: Figure, lead: str) -> None:
    """落户企业79家，除了10家已建工会外，还有69家未建 → 79 = 10 + 69.  With 其余/剩余 the
    rest is all the rest; with 还有 only when the predicates are complementary (已…/未…)."""
    lex = _lex("remainder")
    s0, _ = doc.sentence(r.start)
    before = [f for f in _operands(doc.figures_in(s0, r.start, near=r.start), r.key) if not doc.per_unit(f)]
    m = None
    for m in _EXCEPT.finditer(doc.view, s0, r.start):
        pass
    if m is not None:
        excluded = [f for f in before if m.start("inner") <= f.start and f.end <= m.end("inner")]
        totals = [f for f in before if f.end <= m.start()]
        if not excluded or not totals:
            return
        total = totals[-1]
        exact = _has(lead, lex["rest_cues"]) or (
            _has(doc.view[m.start():m.end()], lex["done_cues"]) and _has(doc.clause_text(r), lex["not_done_cues"]))
    else:
        if not _has(lead, lex["rest_cues"]) or len(before) != 2 or "其中" in doc.view[s0:r.start]:
            return  # 共X，其中A…，其余B: a parts list (ZJ203)
        total, excluded = before[0], [before[1]]
        exact = True
    computed = total.iv - _total(f.iv for f in excluded)
    holds = computed.meets(r.iv)
    if not exact and not holds:
        return  # 还有30家正在筹建: not necessarily all the rest
    parts = " + ".join(_num(f) for f in excluded)
    minus = " − ".join([_num(total)] + [_num(f) for f in excluded])
    out.report("ZJ202", holds, (r.start, r.end),
               f"{_num(total)} = {parts} + {_num(r)}，相符",
               f"{minus} = {_show(computed.mid, r, True)}，文中写 {r.text}",
               _detail("remainder", [total, *excluded, r], computed, r, total=total.value,
                       parts=[f.value for f in excluded]))


def _change_chain(doc: _Doc, out: _Out, now: Figure) -> None:
    """原有79家，注销10家，现有69家 / 收入38.5万元，支出36.2万元，结余2.3万元: every figure
    of the unit in the sentence must carry a cue (原有 / 新增 / 注销 / 现有), else silent."""
    lex = _lex("remainder")
    s0, _ = doc.sentence(now.start)
    chain = _operands(doc.figures_in(s0, now.start, near=now.start), now.key)
    if not chain:
        return
    base, changes = None, []
    for fig in chain:
        lead = doc.lead(fig)
        if _has(lead, lex["base_cues"]) and base is None and not changes:
            base = fig
        elif _has(lead, lex["minus_cues"]):
            changes.append((-1, fig))
        elif _has(lead, lex["plus_cues"]):
            changes.append((1, fig))
        else:
            return
    if base is None or not changes:
        return
    computed = base.iv
    for sign, fig in changes:
        computed = computed + fig.iv if sign > 0 else computed - fig.iv
    formula = _num(base) + "".join(f" {'+' if s > 0 else '−'} {_num(f)}" for s, f in changes)
    out.report("ZJ202", computed.meets(now.iv), (now.start, now.end),
               f"{formula} = {_num(now)}，相符",
               f"{formula} = {_show(computed.mid, now, True)}，文中写 {now.text}",
               _detail("change", [base, *(f for _, f in changes), now], computed, now, base=base.value,
                       changes=[s * f.value for s, f in changes]))


# --------------------------------------------------------------------------- #
# ZJ203 parts of a total
# --------------------------------------------------------------------------- #

_PARTS_TRIGGER = regex.compile(r"其中|分别[为是]")
_ITEM_STOPS = set("、，,；;：:。！？!?\n")


def _parts(doc: _Doc, out: _Out) -> None:
    if not doc.figures:
        return
    for m in _PARTS_TRIGGER.finditer(doc.view, doc.lo, doc.hi):
        s0, s1 = doc.sentence(m.start())
        after = [f for f in _operands(doc.figures_in(m.end(), s1, near=m.end())) if not doc.per_unit(f)]
        if not after:
            continue
        at_start = not _HAN.search(doc.view, s0, m.start())
        for key in dict.fromkeys(f.key for f in after):
            parts = _parts_list(doc, [f for f in after if f.key == key], m.end())
            if at_start:
                _parts_of_previous(doc, out, parts, m.start())
                break
            totals = [f for f in _operands(doc.figures_in(s0, m.start(), near=m.start()), key) if not doc.per_unit(f)]
            if totals and parts:
                total = totals[-1]
                # 共召开会议24次，分别为…: a list right after the total is all of it.
                listed = m.group().startswith("分别") and not doc.view[total.end:m.start()].strip("，, ")
                _check_parts(doc, out, total, parts, exhaustive_list=listed)
                break


def _parts_list(doc: _Doc, figures: list[Figure], start: int) -> list[Figure]:
    """The enumeration right after 其中: the items of its own clause (A、B、C), then later
    clauses only while they are parallel to the first item (男职工…，女职工…; 已建…，未建…)
    or say "the rest" (其余…).  A clause about something else (…，已整改318项) ends it, and
    so does a nested 其中/…中有 (a part of a part)."""
    _, clause_end = doc.clause(start)
    parts: list[Figure] = []
    first = ""
    for fig in figures:
        between = doc.view[start:fig.start]
        if parts and ("其中" in between or regex.search(r"中[有已]", between)):
            break
        label = _label(doc, fig)
        if parts and fig.start >= clause_end and not (
                _parallel(first, label) or _has(label, _lex("remainder")["rest_cues"])):
            break
        if not parts:
            first = label
        parts.append(fig)
        start = fig.end
    return parts


def _parallel(a: str, b: str) -> bool:
    return _shares_words(a, b) or _exhaustive([a, b], False)


def _label(doc: _Doc, fig: Figure) -> str:
    """The item's words around the figure: 专任教师 in 、专任教师108人、; 超过50万元的村 in
    其中超过50万元的村3个 (the words after a figure, up to the item's end, count too)."""
    i = fig.start
    while i > doc.lo and fig.start - i < 40 and doc.view[i - 1] not in _ITEM_STOPS:
        i -= 1
    j = fig.end
    while j < doc.hi and j - fig.end < 8 and doc.view[j] not in _ITEM_STOPS:
        j += 1
    words = doc.view[i:fig.start] + doc.view[fig.end:j]
    return words.removeprefix("其中")


def _disjoint(labels: list[str]) -> bool:
    """Could the parts overlap?  Not when all speak along one dimension (or none) and no
    threshold (以上/以下) nests one in another."""
    lex = _lex("parts")
    if any(_has(lab, lex["threshold_words"]) for lab in labels):
        return False
    dims = set()
    for lab in labels:
        found = {d for d, words in lex["dimensions"].items() if _has(lab, words)}
        dims.add(frozenset(found))
    return len(dims) == 1


def _exhaustive(labels: list[str], rest_cue: bool) -> bool:
    if rest_cue:
        return True
    if len(labels) != 2:
        return False
    a, b = labels
    for x, y in _lex("parts")["exhaustive_pairs"]:
        if (x in a and y in b and y not in a) or (y in a and x in b and y not in b):
            return True
    return False


def _check_parts(doc: _Doc, out: _Out, total: Figure, parts: list[Figure], exhaustive_list: bool) -> None:
    labels = [_label(doc, f) for f in parts]
    rest_cue = _has(labels[-1], _lex("remainder")["rest_cues"])
    span = (total.start, parts[-1].end)
    names = " + ".join(_num(f) for f in parts)
    for part in parts:
        if part.iv.lo > total.iv.hi:
            out.report("ZJ203", False, span, "", f"其中 {part.text} 超过总数 {total.text}",
                       _detail("part", [total, part], part.iv, total, total=total.value))
            return
    if len(parts) < 2:
        out.report("ZJ203", True, span, f"其中 {parts[0].text} ≤ 总数 {total.text}，相符", "",
                   _detail("parts", [total, *parts], parts[0].iv, total, total=total.value))
        return
    computed = _total(f.iv for f in parts)
    exact = exhaustive_list or _exhaustive(labels, rest_cue)
    exceeds = computed.lo > total.iv.hi and not computed.meets(total.iv)
    detail = _detail("parts", [total, *parts], computed, total, total=total.value,
                     parts=[f.value for f in parts], exhaustive=exact)
    shown = _show(computed.mid, total, True)
    if exceeds and (exact or _disjoint(labels)):
        out.report("ZJ203", False, span, "", f"其中各项之和 {names} = {shown}，超过总数 {total.text}", detail)
    elif exact:
        out.report("ZJ203", computed.meets(total.iv), span, f"{names} = {_num(total)}，相符",
                   f"各项之和 {names} = {shown}，不等于总数 {total.text}", detail)
    elif not exceeds:
        out.report("ZJ203", True, span, f"其中各项之和 {names} = {_show(computed.mid, total)} ≤ {_num(total)}，相符",
                   "", detail)


def _parts_of_previous(doc: _Doc, out: _Out, parts: list[Figure], at: int) -> None:
    """A sentence that starts with 其中 speaks of the previous sentence's total; which of
    its figures is meant is not said, so only a reading that adds up exactly is verified."""
    if len(parts) < 2:
        return
    p0, p1 = doc.previous_sentence(at)
    computed = _total(f.iv for f in parts)
    for total in _operands(doc.figures_in(p0, p1, near=p1), parts[0].key):
        if computed.meets(total.iv):
            names = " + ".join(_num(f) for f in parts)
            out.report("ZJ203", True, (total.start, parts[-1].end), f"{names} = {_num(total)}，相符", "",
                       _detail("parts", [total, *parts], computed, total, total=total.value,
                               parts=[f.value for f in parts], exhaustive=False))
            return


# --------------------------------------------------------------------------- #
# ZJ204 cumulative ≥ this period
# --------------------------------------------------------------------------- #

# 四年共 / 多年来 are cumulative; 一年来 and 全年共 speak of this year.
_CUMULATIVE = regex.compile(r"累计|历年|以来|(?<=[二两三四五六七八九十几多\d])年(?:来|共|累计)")


def _cumulative(doc: _Doc, out: _Out) -> None:
    """累计发放27万元 must be at least 本年度发放7.4万元 (same unit, same thing, same paragraph)."""
    if not doc.figures:
        return
    lex = _lex("cumulative")
    cumulative: dict[int, Figure] = {}
    respective: list[Figure] = []
    for m in _CUMULATIVE.finditer(doc.view, doc.lo, doc.hi):
        before = doc.view[max(doc.lo, m.start() - 3):m.start()]
        if any(before.endswith(w) for w in lex["not_after"]):
            continue
        figures, each_its_own = _cumulative_figures(doc, m)
        cumulative.update((f.start, f) for f in figures)
        if each_its_own:
            respective.extend(figures)
    for cum in cumulative.values():
        if cum not in respective:  # which period figure goes with which is not ours to guess
            _compare_cumulative(doc, out, cum, cumulative)


_RESPECTIVELY = regex.compile(r"分别")


def _cumulative_figures(doc: _Doc, m: regex.Match) -> tuple[list[Figure], bool]:
    """以来/年来 cover the rest of the sentence; 累计/年共 the next figure of their clause,
    or every figure of it after 分别 (累计分别达到64项和288项: each of its own item).  The flag
    says the figures are such a 分别 list."""
    if m.group() in ("以来", "年来"):
        _, end = doc.sentence(m.start())
        return _operands(doc.figures_in(m.end(), end, near=m.end())), False
    _, end = doc.clause(m.start())
    figures = _operands(doc.figures_in(m.end(), end, near=m.end()))
    if _RESPECTIVELY.search(doc.view, m.end(), end):
        return figures, True
    return figures[:1], False


def _compare_cumulative(doc: _Doc, out: _Out, cum: Figure, cumulative: dict[int, Figure]) -> None:
    """The figure compared is the one of this paragraph that speaks most of the same thing
    (most two-character words shared with the cumulative clause, at least two: 发放 alone
    does not make 慰问金 and 助学金 one thing); an error needs it to be marked as this
    year's (本年度/今年/全年/新增)."""
    lex = _lex("cumulative")
    p0, p1 = doc.paragraph(cum.start)
    cum_words = doc.bigrams(cum)
    best, best_score = None, 0
    for fig in _operands(doc.figures_in(p0, p1, near=cum.start), cum.key):
        if fig.start in cumulative or doc.per_unit(fig):
            continue
        score = len(doc.bigrams(fig) & cum_words)
        better = score >= 2 and (score, fig.iv.lo) > (best_score, best.iv.lo if best else -INF)
        if better and not _has(doc.clause_text(fig), lex["plan_words"]):
            best, best_score = fig, score
    if best is None:
        return
    s0, s1 = doc.sentence(best.start)
    period_stated = _has(doc.view[s0:s1], lex["period_markers"])
    holds = cum.iv.hi >= best.iv.lo
    if not holds and not period_stated:
        return
    out.report("ZJ204", holds, (cum.start, cum.end),
               f"累计 {cum.text} 不少于同段同一事项的 {best.text}，相符",
               f"累计 {cum.text} 少于本期（本年）{best.text}，累计数不可能小于其中一年的数",
               _detail("cumulative", [cum, best], cum.iv, best, cumulative=cum.value, period=best.value))


# --------------------------------------------------------------------------- #
# ZJ205 per head × heads = total
# --------------------------------------------------------------------------- #

_PER = regex.compile(r"(?:人均|户均|每(?P<unit>人|户|名|位|家|所|个|村)(?P<noun>\p{Han}{0,4}))(?=\p{Han}*$)")
_PER_TIME = regex.compile(r"每(?:年|月|季|季度|周|天|日|次|期|学期)|月均|年均|日均")
_TOTAL_CUE = ("共", "合计", "总计", "总额", "总费用", "总金额", "累计")


def _per_unit_cue(doc: _Doc, fig: Figure) -> Optional[regex.Match]:
    """The last 每X/人均 of the figure's clause, when only words lie between it and the figure."""
    lead = doc.lead(fig)
    m = None
    for m in _PER.finditer(lead):
        pass
    return m


def _per_head(doc: _Doc, out: _Out) -> None:
    """为126户脱贫户每户发放1500元，共计发放18.9万元: heads × per head = total, when the
    sentence states exactly one of each (每人每月… and averages over other groups are skipped)."""
    for x in _operands(doc.figures):
        if not doc.per_unit(x):
            continue
        cue = _per_unit_cue(doc, x)
        if _PER_TIME.search(doc.lead(x)):
            continue
        s0, s1 = doc.sentence(x.start)
        sentence = [f for f in _operands(doc.figures_in(s0, s1, near=x.start)) if f is not x]
        heads = [f for f in sentence if _counts_heads(doc, f, cue) and not doc.per_unit(f)]
        totals = [f for f in sentence if f.key == x.key and not doc.per_unit(f)
                  and _has(doc.lead(f), _TOTAL_CUE)]
        if len(heads) != 1 or len(totals) != 1:
            continue
        n, total = heads[0], totals[0]
        per_head = _average(x) if cue.group(0) in ("人均", "户均") else x.iv
        computed = per_head * n.iv
        formula = f"{n.text} × {x.text} = {_show_iv(computed, total, True)}"
        out.report("ZJ205", computed.meets(total.iv), (total.start, total.end),
                   f"{n.text} × {x.text} = {_show_iv(computed, total)}，与文中 {total.text} 相符",
                   f"{formula}，文中写 {total.text}",
                   _detail("per-head", [n, x, total], computed, total, heads=n.value, per_head=[per_head.lo, per_head.hi]))


def _average(x: Figure) -> Interval:
    """人均650元 is an average, rounded at its last digit like any computed figure."""
    if x.iv.lo != x.iv.hi:
        return x.iv
    half = 0.5 * 10 ** -x.decimals
    for _, factor, chars in _MAGNITUDES:
        if any(c in x.number for c in chars):
            half *= factor
            break
    return Interval(x.iv.lo - half, x.iv.hi + half)


def _counts_heads(doc: _Doc, fig: Figure, cue: regex.Match) -> bool:
    """Is ``fig`` the number of the units 每X speaks of (每人 ↔ 39名, 每户 ↔ 126户, 每个班组 ↔ 10个班组)?"""
    if fig.kind != "count":
        return False
    unit, word = cue.group("unit"), cue.group(0)
    if word == "人均" or unit in ("人", "名", "位"):
        return fig.key == ("people",)
    if word == "户均" or unit == "户":
        return fig.key == ("count", "户")
    written = doc.view[fig.start:fig.end + 2]
    if unit == "个":
        noun = cue.group("noun")
        return bool(noun) and "个" + noun[0] in written
    return unit in written  # 每家/每所/每村


# --------------------------------------------------------------------------- #
# ZJ206 growth, ZJ207 percentage points, ZJ209 percent written for points
# --------------------------------------------------------------------------- #

_UP = ("增长", "增加", "提高", "上升", "提升", "增幅", "扩大")
_CHANGE_WORD = regex.compile(
    r"(?P<verb>增长|增加|提高|上升|提升|增幅|扩大|下降|减少|降低|下滑|回落|缩减|缩小|降幅)"
    r"(?:了|为|达|达到|约|近)*$")
_BASE = r"(?:上年|去年|上一年|年初|上年末|上年同期|同期)"
_FROM = regex.compile(rf"(?:由|从){_BASE}?的?$")
_TO = regex.compile(r"\p{Han}{0,4}?(?:到|至)了?")
_COMPARED = regex.compile(rf"[，,]?\s*(?:比|较){_BASE}(?:的|同期的)?")
_DELTA = regex.compile(rf"[，,]?\s*(?:比|较){_BASE}(?P<verb>增加|增长|减少|下降|节约|多|少)了?")
_LESS = ("减少", "下降", "节约", "少")
_BEFORE_VERB = regex.compile(rf"[，,\s]*(?:同比|环比|比{_BASE}|较{_BASE}|与{_BASE}相比[，,]?)?")


@dataclass(frozen=True)
class _Change:
    """What a change statement compares: the earlier and later values (由A到B), or the
    later value and its delta (B，比上年增加Δ: the earlier value is B − Δ)."""

    later: Figure
    earlier: Optional[Figure] = None
    delta: Optional[Figure] = None
    delta_sign: int = 0  # +1 增加Δ, −1 减少Δ


def _changes(doc: _Doc, out: _Out) -> None:
    """A percentage or points figure right after 增长/提高/下降 …, with both values (or the
    value and its delta) written just before it in the same sentence."""
    for g in doc.figures:
        if g.kind not in ("percent", "points"):
            continue
        s0, _ = doc.sentence(g.start)
        m = _CHANGE_WORD.search(doc.view, max(s0, g.start - 12), g.start)
        if not m:
            continue
        sign = 1 if m.group("verb") in _UP else -1
        change = _values_before(doc, s0, g.start - len(m.group()))
        if change is None:
            continue
        a, b = change.earlier, change.later
        if a is None:
            if g.kind == "percent" and change.delta_sign == sign:
                _compare_delta_growth(out, change, g, sign)
        elif g.kind == "points":
            if a.kind == "percent":
                _compare_points(out, a, b, g, sign)
        elif a.kind == "percent":
            _compare_rate_change(out, a, b, g, sign)
        else:
            _compare_growth(out, a, b, g, sign)


def _values_before(doc: _Doc, s0: int, end: int) -> Optional[_Change]:
    """由A…到B，… / B，比上年的A… / B，比上年增加Δ，…: the last two figures before the verb."""
    figs = [f for f in doc.figures_in(s0, end, near=end) if f.kind in ("money", "count", "measure", "percent") and not f.open]
    if len(figs) < 2:
        return None
    a, b = figs[-2], figs[-1]
    if a.key != b.key or not _BEFORE_VERB.fullmatch(doc.view, b.end, end):
        return None
    between = doc.view[a.end:b.start]
    if _FROM.search(doc.view, max(s0, a.start - 8), a.start) and _TO.fullmatch(between):
        return _Change(later=b, earlier=a)
    if _COMPARED.fullmatch(between):
        return _Change(later=a, earlier=b)  # B，比上年的A增长…: the compared one is the earlier value
    m = _DELTA.fullmatch(between)
    if m and b.kind != "percent":
        return _Change(later=a, delta=b, delta_sign=-1 if m.group("verb") in _LESS else 1)
    return None


def _compare_growth(out: _Out, a: Figure, b: Figure, g: Figure, sign: int) -> None:
    computed = (b.iv / a.iv - Interval(1, 1)).scale(100 * sign)
    if not computed.determined:
        return  # growth from zero has no rate
    pct = _pct(computed, g)
    formula = f"({_num(b)}−{_num(a)})/{_num(a)}" if sign > 0 else f"({_num(a)}−{_num(b)})/{_num(a)}"
    out.report("ZJ206", computed.meets(g.iv), (g.start, g.end),
               f"{formula} = {pct}%，与文中 {g.text} 相符",
               f"由{a.text}到{b.text}，{formula} = {pct}%，文中写 {g.text}",
               _detail("growth", [a, b, g], computed, g, earlier=a.value, later=b.value))


def _compare_delta_growth(out: _Out, change: _Change, g: Figure, sign: int) -> None:
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
    pct = _pct(computed, g)
    base = f"{_num(b)}−{_num(delta)}" if sign > 0 else f"{_num(b)}+{_num(delta)}"
    formula = f"{_num(delta)}/({base}) = {pct}%"
    out.report("ZJ206", computed.meets(g.iv), (g.start, g.end),
               f"{formula}，与文中 {g.text} 相符",
               f"{b.text}（{'增加' if sign > 0 else '减少'}{delta.text}）：{formula}，文中写 {g.text}",
               _detail("growth-delta", [b, delta, g], computed, g, later=b.value, delta=delta.value))


def _compare_points(out: _Out, a: Figure, b: Figure, d: Figure, sign: int) -> None:
    computed = (b.iv - a.iv).scale(sign)
    shown = _pct(_as_written(computed, sign * (b.value - a.value)), d)
    difference = f"{_num(b)} − {_num(a)}" if sign > 0 else f"{_num(a)} − {_num(b)}"
    out.report("ZJ207", computed.meets(d.iv), (d.start, d.end),
               f"{difference} = {shown}个百分点，与文中 {d.text} 相符",
               f"由{a.text}到{b.text}，变化 {shown} 个百分点，文中写 {d.text}",
               _detail("points", [a, b, d], computed, d, earlier=a.value, later=b.value))


def _compare_rate_change(out: _Out, a: Figure, b: Figure, g: Figure, sign: int) -> None:
    """由90%提高到95.1%，提高了X%: X is either the relative change (fine) or, more often,
    the difference in points written with % (ZJ209)."""
    relative = (b.iv / a.iv - Interval(1, 1)).scale(100 * sign)
    points = (b.iv - a.iv).scale(sign)
    # Read with the figures as written (90% as 90, not [89.5, 90.5]): which reading did
    # the writer compute?  5.1 = 95.1 − 90 says points, whatever rounding would allow.
    as_written = Interval(sign * (b.value - a.value), sign * (b.value - a.value))
    change = 100 * sign * (b.value / a.value - 1) if a.value else None
    relative_as_written = Interval(change, change) if change is not None else relative
    if points.meets(g.iv) and not relative.meets(g.iv) or (
            as_written.meets(g.iv) and not relative_as_written.meets(g.iv)):
        out.report("ZJ209", False, (g.start, g.end), "",
                   f"由{a.text}到{b.text}是{'提高' if sign > 0 else '下降'}{_pct(_as_written(points, as_written.lo), g)}个百分点，"
                   f"应写“{_num(g)}个百分点”（写“{g.text}”会被读作相对变化，实为 {_pct(relative, g)}%）",
                   _detail("points-as-percent", [a, b, g], points, g,
                           relative=[relative.lo, relative.hi]))
    else:
        _compare_growth(out, a, b, g, sign)


# --------------------------------------------------------------------------- #
# ZJ208 declared count vs the list that follows
# --------------------------------------------------------------------------- #

_DECLARED = regex.compile(
    r"(?P<n>[一二两三四五六七八九十]{1,2}|[1-9]\d?)"
    r"(?P<cls>个方面|方面|项|条|点|类|大|个)(?P<noun>\p{Han}{0,6}?)(?:[：:]|(?=\n))")


def _list_counts(doc: _Doc, out: _Out) -> None:
    """以下五项工作：（一）…（二）… / 三个方面：一是…二是…: the count against the items."""
    nodes = list(doc.document.nodes())
    if not nodes:
        return
    node_starts = [n.start for n in nodes]
    for m in _DECLARED.finditer(doc.view, doc.lo, doc.hi):
        if m.start("n") and regex.match(r"[\d一二两三四五六七八九十百千万第]", doc.view[m.start("n") - 1]):
            continue
        colon = doc.view[m.end() - 1] in "：:"
        if not (colon or doc.view[max(doc.lo, m.start() - 2):m.start()] in ("以下", "如下", "下列")):
            continue
        n = parse_numeral(m.group("n"))
        if n is None:
            continue
        items = _items_after(doc, nodes, node_starts, m.end())
        if items is None or (items < n.value and _more_items_follow(doc, nodes, node_starts, m.end(), items)):
            continue
        span = (m.start("n"), m.end("cls"))
        declared = int(n.value)
        words = doc.text[m.start("n"):m.end("cls")]
        stated = Figure("count", ("items",), Interval(declared, declared), *span, words, m.group("n"), 0, declared)
        out.report("ZJ208", items == declared, span,
                   f"声明{words}，其后列出 {items} 项，相符",
                   f"声明{words}，其后实际列出 {items} 项",
                   _detail("list-count", [stated], Interval(items, items), stated, declared=declared, listed=items))


def _items_after(doc: _Doc, nodes: list, node_starts: list[int], at: int) -> Optional[int]:
    """Length of the numbered run that starts right after ``at`` (1, 2, 3 … of one style);
    None when no run starts there or its numbering is irregular."""
    i = bisect.bisect_left(node_starts, at)
    if i >= len(nodes) or nodes[i].number != 1 or doc.view[at:nodes[i].start].strip() != "":
        return None
    first = nodes[i]
    count = 1
    for node in nodes[i + 1:i + MAX_LIST]:
        if node.level > first.level:
            continue
        if node.level < first.level or node.style != first.style:
            break
        if node.number == 1:
            break
        if node.number != count + 1:
            return None  # a gap or a repeat: the numbering check speaks, not this one
        count += 1
    return count


def _more_items_follow(doc: _Doc, nodes: list, node_starts: list[int], at: int, count: int) -> bool:
    """Fewer items than declared: is the next one there in a form the outline does not
    know (三要…, 最后，…, 此外)?  Then the list may well be complete: stay silent."""
    last = nodes[bisect.bisect_left(node_starts, at) + count - 1]
    end = min(last.body_end, doc.hi, last.end + MAX_PARAGRAPH)
    following = doc.view[last.end:end]
    ordinal = to_chinese(count + 1)
    return bool(regex.search(rf"(?:^|[。；;，,\s]){ordinal}[要则是来、，.．]|(?:^|[。；;，,\s])(?:最后|此外|另外|再次|第{ordinal})"
                             rf"|(?:^|[。；;\s]){count + 1}[.．、]", following))


# --------------------------------------------------------------------------- #
# Shared helpers
# --------------------------------------------------------------------------- #


_HAN_RUN = regex.compile(r"\p{Han}{2,}")


@lru_cache(maxsize=1)
def _generic_bigrams() -> frozenset[str]:
    return frozenset(_lex("generic_bigrams"))


def _bigrams(text: str) -> set[str]:
    """The two-character words (every pair of adjacent Han characters) of ``text``, less
    the ones every summary uses (工作, 全年 …)."""
    grams = {run[i:i + 2] for run in _HAN_RUN.findall(text) for i in range(len(run) - 1)}
    return grams - _generic_bigrams()


def _shares_words(a: str, b: str) -> bool:
    """Do two clauses speak of the same thing (a common two-character word)?"""
    return bool(_bigrams(a) & _bigrams(b))


# --------------------------------------------------------------------------- #
# Entry point
# --------------------------------------------------------------------------- #

RELATIONS = (_rates, _remainders, _parts, _cumulative, _per_head, _changes, _list_counts)


def run(ctx: Context) -> None:
    out = _Out(ctx)
    furniture_starts = [b.start for b in ctx.report.boilerplate]
    for document in ctx.report.documents:
        doc = _Doc(ctx, document, furniture_starts)
        for relation in RELATIONS:
            relation(doc, out)


CHECK = LogicCheck(rules=RULES, run=run)
