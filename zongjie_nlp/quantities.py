"""Find the figures a summary states: money, counts, percentages, percentage points.

Quantities are matched on characters with ``regex`` over the simplified, width-folded
view of the text (same length as the original), never on jieba tokens: jieba cuts
``三千|二百多元`` and ``15|萬|多元`` apart.  Offsets therefore point straight into the
user's text.

What is deliberately *not* a quantity (a careful reader would not count it): dates and
years (``6月10日``), ages (``18岁``), durations (``两个月``), ordinals (``第一``), award
grades (``二等奖``), sessions (``二届四次``), names with numerals (``江津四中``), and the
indefinite article ``一``+classifier+noun (``一位农民工``).  Those fall out because their
"unit" is not in the classifier lexicon, or are excluded explicitly below.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Optional

import regex

from .model import LineIndex, Quantity
from .numerals import NUMERAL_PATTERN, Numeral, apply_qualifiers, parse_chinese_percent, parse_numeral
from .resources import load_yaml

MONEY_UNITS = ("块钱", "美元", "欧元", "港元", "港币", "日元", "英镑", "元", "块")
FOREIGN_MONEY = {"美元", "欧元", "港元", "港币", "日元", "英镑"}
BEFORE_WORDS = ("大约", "将近", "接近", "超过", "不少于", "不足", "不到", "至少", "多达", "约", "近", "逾", "达")
# 约/近 are approximation words only when they do not end another word (节约, 最近…).
BEFORE_NOT_AFTER = {"约": "节制预签合公条违履契相特隐俭", "近": "最附临就亲邻贴"}
AFTER_WORDS = ("左右", "上下", "以上", "以下", "多", "余")
# 元 starting a word (元旦, 元素…) is not the money unit.
NOT_AFTER_YUAN = "旦素宵首帅老月"
# 一成不变, 八成立… : 成 after a numeral that is a verb or part of a word.
NOT_AFTER_CHENG = "不立为功长绩果员本熟就效交"
PUNCTUATION = set("，。、；：？！,.;:?!）)」』”’》】 \t\n\u3000…—～~-")
PUNCTUATION_OR_END = PUNCTUATION | {"\x00"}
UNIT_GROUPS = ("pct", "points", "money", "cls")
# Words after the unit that change the bounds (100人左右, 95%以上); 多/余 only after money.
QUALIFYING_AFTER = ("左右", "上下", "以上", "以下")
# Width folding for matching only (length-preserving): full-width digits and ％.
_FOLD = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%", "．": "."})


@dataclass(frozen=True)
class _Classifiers:
    pattern: str
    category: dict[str, str]
    not_after: dict[str, tuple[str, ...]]
    not_after_ge: tuple[str, ...]


@lru_cache(maxsize=1)
def _classifiers() -> _Classifiers:
    data = load_yaml("lexicon/classifiers.yaml")
    category: dict[str, str] = {}
    for cat in ("people", "orgs", "items"):
        for word in data[cat]:
            category.setdefault(word, cat)
    words = sorted(category, key=len, reverse=True)
    return _Classifiers(
        pattern="|".join(regex.escape(w) for w in words),
        category=category,
        not_after={k: tuple(v) for k, v in (data.get("not_after") or {}).items()},
        not_after_ge=tuple(data.get("not_after_ge") or ()),
    )


@lru_cache(maxsize=1)
def _pattern() -> regex.Pattern:
    cls = _classifiers()
    before = "|".join(
        f"(?<![{BEFORE_NOT_AFTER[w]}]){w}" if w in BEFORE_NOT_AFTER else w for w in BEFORE_WORDS
    )
    after = "|".join(AFTER_WORDS)
    money = "|".join(MONEY_UNITS)
    cn = "[零〇一二三四五六七八九十百千两廿]"
    source = rf"""
    (?P<before>{before})?
    (?:
        百分之(?P<cnpct>{cn}+(?:点{cn}+)?(?:多)?)
      | (?P<frac>(?<!{cn}){cn}{{1,12}}+分之{cn}{{1,12}})
      | (?P<cheng>{cn}成(?:[一二三四五六七八九](?![{NOT_AFTER_CHENG}]))?多?)(?![{NOT_AFTER_CHENG}])
      | (?P<num>{NUMERAL_PATTERN})
        (?P<space>[ \u3000]?)
        (?:
            (?P<pct>%)
          | (?P<points>个?百分点)
          | (?P<money>{money})
          | (?P<cls>{cls.pattern})
        )
    )
    (?P<after>{after})?
    """
    return regex.compile(source, regex.VERBOSE)


def match_view(simplified: str) -> str:
    """The view quantities are matched on: simplified script, ASCII digits and %."""
    return simplified.translate(_FOLD)


def find_quantities(
    text: str,
    view: str,
    index: LineIndex,
    spans: Iterable[tuple[int, int]],
) -> list[Quantity]:
    """All quantities inside the given ``(start, end)`` spans of ``text``.

    ``view`` is :func:`match_view` of the simplified view of ``text`` (same length)."""
    found: list[Quantity] = []
    pattern = _pattern()
    for span_start, span_end in spans:
        for match in pattern.finditer(view, span_start, span_end):
            quantity = _to_quantity(match, text, view, index)
            if quantity is not None:
                quantity = _with_split_head(quantity, text, view, index, span_start)
            if quantity is not None and not _in_short_quote(view, quantity.start, quantity.end):
                low_end = _range_low_end(quantity, text, view, index, span_start)
                if low_end is not None and (not found or found[-1].end <= low_end.start):
                    found.append(low_end)
                found.append(quantity)
    return found


# The head of a figure that a typing slip or a thousands space cut off: 3。15亿元 (a full stop
# for the decimal point, before one or two digits and 万/亿/%/元/个百分点, the same condition as
# rule ZJ502) and 8 200个 (Hong Kong and GB/T 15835 §5.1.3 group thousands with a space).
_STOP_AS_POINT_HEAD = regex.compile(r"(?<![0-9.。第])(?P<head>[0-9]{1,3})。$")
_STOP_AS_POINT_TAIL = regex.compile(r"[0-9]{1,2}(?:万|亿|%|元|个百分点)")
_SPACED_HEAD = regex.compile(r"(?<![0-9.,])(?P<head>[0-9]{1,3}(?: [0-9]{3})*) $")


def _with_split_head(quantity: Quantity, text: str, view: str, index: LineIndex, floor: int) -> Quantity:
    """The quantity read whole when its head was cut off by 。 typed for a decimal point or by a
    space between thousands; otherwise unchanged."""
    at = quantity.start
    if not quantity.number_text[:1].isdigit() or not quantity.text.startswith(quantity.number_text):
        return quantity
    window = view[max(floor, at - 24):at]
    stop = _STOP_AS_POINT_HEAD.search(window)
    if stop and _STOP_AS_POINT_TAIL.match(view, at):
        joined, head = stop.group("head") + "." + view[at:at + len(quantity.number_text)], len(stop.group(0))
    else:
        spaced = _SPACED_HEAD.search(window)
        if not spaced or not regex.match(r"[0-9]{3}(?![0-9])", quantity.number_text):
            return quantity
        joined = spaced.group("head").replace(" ", "") + view[at:at + len(quantity.number_text)]
        head = len(spaced.group(0))
    numeral = parse_numeral(joined)
    if numeral is None:
        return quantity
    if quantity.kind in ("percent", "points") and numeral.low == numeral.high:
        half = 0.5 * 10 ** -numeral.decimals
        numeral = replace(numeral, low=max(0.0, numeral.low - half), high=numeral.high + half)
    start = at - head
    line, col = index.line_col(start)
    return replace(quantity, text=text[start:quantity.end], value=numeral.value, start=start, line=line, col=col,
                   decimals=numeral.decimals, low=numeral.low, high=numeral.high,
                   number_text=text[start:at + len(quantity.number_text)], approx=quantity.approx or numeral.approx)


_RANGE_LOW = regex.compile(rf"(?P<num>{NUMERAL_PATTERN})[ ]?(?:至|到|～|~|〜|—|－|-)[ ]?$")
_MAGNITUDES = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}


def _range_low_end(high: Quantity, text: str, view: str, index: LineIndex, floor: int) -> Optional[Quantity]:
    """The bare low end of a range (3至5人, 3～5万元): it shares the high end's unit and magnitude."""
    window_start = max(floor, high.start - 16)
    m = _RANGE_LOW.search(view, window_start, high.start)
    if m is None or not high.number_text:
        return None
    low = parse_numeral(m.group("num"))
    if low is None:
        return None
    magnitude = next((f for w, f in _MAGNITUDES.items() if high.number_text.endswith(w)), 1.0)
    if any(m.group("num").endswith(w) for w in _MAGNITUDES):
        magnitude = 1.0
    start = m.start("num")
    line, col = index.line_col(start)
    return replace(
        high,
        text=text[start: m.end("num")],
        value=low.value * magnitude,
        start=start,
        end=m.end("num"),
        line=line,
        col=col,
        approx=low.approx,
        decimals=low.decimals,
        low=low.low * magnitude,
        high=None if low.high is None else low.high * magnitude,
        number_text=text[start: m.end("num")],
        arabic=low.arabic,
    )


def _to_quantity(m: regex.Match, text: str, view: str, index: LineIndex) -> Optional[Quantity]:
    groups = m.groupdict()
    before, after = groups["before"] or "", groups["after"] or ""
    start = m.end("before") if before else m.start()
    number_span = None
    chinese_key = "cnpct" if groups["cnpct"] else "frac" if groups["frac"] else "cheng" if groups["cheng"] else None
    if chinese_key:
        phrase = "百分之" + groups["cnpct"] if chinese_key == "cnpct" else groups[chinese_key]
        numeral = parse_chinese_percent(phrase)
        if numeral is None:
            return None
        end = m.end(chinese_key)
        kind, unit = "percent", "%"
    else:
        numeral = parse_numeral(groups["num"])
        if numeral is None:
            return None
        number_span = m.span("num")
        unit_name = next(name for name in UNIT_GROUPS if groups[name])
        unit_start, end = m.span(unit_name)
        unit_word = groups[unit_name]
        if unit_name == "pct":
            kind, unit = "percent", "%"
        elif unit_name == "points":
            kind, unit = "points", text[unit_start:end]
        elif unit_name == "money":
            following = _next_char(view, end)
            if unit_word == "块" and following not in PUNCTUATION_OR_END:
                kind, unit = "count", text[unit_start:end]  # 三块展板: a classifier, not money
            elif unit_word == "元" and following in NOT_AFTER_YUAN:
                return None
            else:
                kind, unit = "money", text[unit_start:end] if unit_word in FOREIGN_MONEY else "元"
        else:
            kind, unit = "count", text[unit_start:end]
            if not _is_count(m, view, numeral):
                return None
        if not _standalone(view, number_span[0]):
            return None
    if before or after in QUALIFYING_AFTER or (after in ("多", "余") and kind == "money"):
        numeral = apply_qualifiers(numeral, before, after if after in QUALIFYING_AFTER or kind == "money" else "")
    if kind in ("percent", "points") and numeral.low == numeral.high and chinese_key != "frac":
        # A percentage is a rounded ratio: 67% stands for [66.5, 67.5] as 66.7% does for
        # [66.65, 66.75].  (Integer counts stay exact; 三分之二 is an exact fraction.)
        # A ratio is never negative: 0% stands for [0, 0.5].
        half = 0.5 * 10 ** -numeral.decimals
        numeral = replace(numeral, low=max(0.0, numeral.low - half), high=numeral.high + half)
    category = None
    if kind == "count":
        category = "items" if unit in ("块", "塊") else _classifiers().category.get(groups["cls"] or "")
    line, col = index.line_col(start)
    return Quantity(
        kind=kind,
        text=text[start:end],
        value=numeral.value,
        unit=unit,
        start=start,
        end=end,
        line=line,
        col=col,
        category=category,
        approx=numeral.approx,
        decimals=numeral.decimals,
        low=numeral.low,
        high=numeral.high,
        number_text=text[number_span[0]:number_span[1]] if number_span else text[start:end],
        arabic=numeral.arabic,
    )


QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "\"": "\""}
SHORT_QUOTE = 12


def _in_short_quote(view: str, start: int, end: int) -> bool:
    """A figure inside a short quoted phrase is part of a name or slogan (“金税四期”,
    “六个百分之百”, “三八”), not a quantity the text states."""
    window = view[max(0, start - SHORT_QUOTE): start]
    for opening, closing in QUOTE_PAIRS.items():
        at = window.rfind(opening)
        if at < 0 or closing in window[at + 1:]:
            continue
        close = view.find(closing, end, end + SHORT_QUOTE)
        if close >= 0 and "\n" not in view[start:close]:
            inner = (start - (len(window) - at)) + 1
            if close - inner <= SHORT_QUOTE:
                return True
    return False


def _next_char(view: str, at: int) -> str:
    """The character at ``at``, or NUL at the end of the text (never the empty string,
    which ``in`` would find inside any string)."""
    return view[at] if at < len(view) else "\x00"


_SESSION = regex.compile(r"届[^，。；,;、]{0,6}$")


def _is_count(m: regex.Match, view: str, numeral: Numeral) -> bool:
    """Reject classifier matches that are not counts: durations, words, ordinals, articles."""
    cls = _classifiers()
    unit = m.group("cls")
    follow = view[m.end("cls"): m.end("cls") + 4]
    if unit == "个" and follow.startswith(cls.not_after_ge):
        return False
    if follow.startswith(cls.not_after.get(unit[-1], ())):
        return False
    num_start = m.start("num")
    prev = view[num_start - 1: num_start] if num_start else ""
    if prev in ("第", "前", "后", "届"):  # 第一位, 前三名: ordinals and rankings
        return False
    if unit == "次" and _SESSION.search(view, max(0, num_start - 8), num_start):
        return False  # 二届四次 (a session), not four times
    if m.group("num") == "一" and follow[:1] and follow[:1] not in PUNCTUATION:
        return False  # 一位农民工: the indefinite article, not a count
    return True


def _standalone(view: str, start: int) -> bool:
    """A numeral glued to a preceding letter or digit-like run is part of a code (A3, 1.64W)."""
    if start == 0:
        return True
    prev = view[start - 1]
    if prev.isascii() and (prev.isalnum() or prev in "._/#-"):
        return False
    if prev in "第":
        return False
    return True
