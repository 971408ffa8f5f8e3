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

import re
import sys
from functools import lru_cache
from typing import Iterable, Iterator, Optional, Union

import regex

from .cache import compile_re, compile_regex
from .lexicon import classifiers
from .model import LineIndex, Quantity, Record
from .numerals import (APPROX_AFTER, APPROX_BEFORE, MAGNITUDES, MORE_AFTER, NUMERAL_PATTERN, STATED_BEFORE, Numeral,
                       apply_qualifiers, inside_a_word, parse_chinese_percent, parse_numeral, read_small)
from .script import fold_figures

# Currency names after a figure, longest first, with the name a quantity reports (unit): 人民币 and
# 圆 (in 大写 amounts: 壹仟玖佰圆整) are 元; 港币 is 港元.
CURRENCIES = {"人民币": "元", "新台币": "新台币", "台币": "新台币", "美元": "美元", "欧元": "欧元",
              "港元": "港元", "港币": "港元", "日元": "日元", "日币": "日元", "英镑": "英镑", "澳元": "澳元",
              "加元": "加元", "韩元": "韩元", "泰铢": "泰铢", "卢布": "卢布", "圆": "元"}
MONEY_UNITS = ("块钱", *sorted(CURRENCIES, key=len, reverse=True), "元", "块")
# The words around a figure are numerals' (one list): qualifying words before it and 达, which
# states it as is; after the unit, the qualifying words and 多/余.
BEFORE_WORDS = (*APPROX_BEFORE, *STATED_BEFORE)
# 约/近 are approximation words only when they do not end another word (节约, 最近…).
BEFORE_NOT_AFTER = {"约": "节制预签合公条违履契相特隐俭", "近": "最附临就亲邻贴"}
AFTER_WORDS = (*APPROX_AFTER, *MORE_AFTER)
# 元 starting a word (元旦, 元素…) is not the money unit.
NOT_AFTER_YUAN = "旦素宵首帅老月"
# 一成不变, 八成立… : 成 after a numeral that is a verb or part of a word.
NOT_AFTER_CHENG = "不立为功长绩果员本熟就效交"
PUNCTUATION = set("，。、；：？！,.;:?!）)」』”’》】 \t\n\u3000…—～~-")
PUNCTUATION_OR_END = PUNCTUATION | {"\x00"}
# Words after the unit that change the bounds (100人左右, 95%以上); 多/余 only after money.
QUALIFYING_AFTER = APPROX_AFTER
# A numeral followed by a space and more numeral characters (百分之五 十, 七成 六) is spaced out.
_SPACED_ON = compile_regex(r"[ \u3000]+[零一二三四五六七八九十百千万亿点0-9]")
# …a Chinese numeral character and spaces just before the figure (四点 五个百分点): spaced out too.
_SPACED_BEFORE = compile_regex(r"[零一二三四五六七八九十百千万亿点两][ \u3000]+$")
# 15k, 3.2K, 30w right after the figure: an informal multiplier we do not read.
_SHORTHAND_AFTER = compile_regex(r"[kKＫwW](?![a-zA-Z])")
_SHORTHAND_CHARS = frozenset("kKＫwW")  # the pattern is tried only after one of them


class _Groups(Record):
    """The quantity pattern's groups in their order, as :func:`_to_quantity` unpacks ``m.groups()``
    into locals: ``Match.groupdict()`` builds a dict of fourteen names per match and cost a sixth
    of the time spent on quantities (and a record made per match, a further tenth of
    ``_to_quantity``).  :func:`_pattern` checks that the order matches the pattern's."""

    before: Optional[str]
    neg: Optional[str]
    cnpct: Optional[str]
    frac: Optional[str]
    cheng: Optional[str]
    yen: Optional[str]
    ynum: Optional[str]
    num: Optional[str]
    space: Optional[str]
    pct: Optional[str]
    points: Optional[str]
    money: Optional[str]
    cls: Optional[str]
    after: Optional[str]


# Group numbers by name: ``m.span(8)`` is several times cheaper than ``m.span("num")`` in ``regex``.
_GROUP = {name: number for number, name in enumerate(_Groups._fields, 1)}


Match = Union[regex.Match, "re.Match[str]"]


def _pattern_source() -> str:
    cls_pattern = "|".join(regex.escape(w) for w in classifiers().longest_first())
    before = "|".join(
        f"(?<![{BEFORE_NOT_AFTER[w]}]){w}" if w in BEFORE_NOT_AFTER else w for w in BEFORE_WORDS
    )
    after = "|".join(AFTER_WORDS)
    money = "|".join(MONEY_UNITS)
    cn = "[零〇一二三四五六七八九十百千两廿]"
    cnx = "[零〇一二三四五六七八九十百千万两廿壹贰叁肆伍陆柒捌玖拾佰仟萬]"  # with 大写 digits (千分之贰)
    grouped = r"[0-9]{1,3}(?:[,，][0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
    # The 成 alternative opens with a lookahead for 成: without it every digit and numeral
    # character starts a trial of all its forms (the page scan was ten times slower).
    source = rf"""
    (?P<before>{before})?
    (?P<neg>(?<![0-9A-Za-z_/#.%万亿千百十元）)〇零一二三四五六七八九两\-－—~～])[-－−]|负)?
    (?:
        (?<!{cnx})百分之(?P<cnpct>(?:{grouped}|{NUMERAL_PATTERN})(?:多)?)
      | (?P<frac>(?<!{cnx}){cnx}{{1,12}}+分之{cnx}{{1,12}}+(?:点{cn}+)?|(?<!{cnx})(?:百万|[千仟万萬])分之[0-9]+(?:\.[0-9]+)?)
      | (?=[半0-9.点{cn[1:-1]}]{{1,8}}成)(?P<cheng>(?:半|(?<![0-9.])[0-9]{{1,3}}+(?:\.[0-9]{{1,3}}+)?|(?<!{cn}){cn}{{1,4}}+(?:点{cn}{{1,3}}+)?)成(?:半|[一二三四五六七八九](?![{NOT_AFTER_CHENG}]))?多?)(?![{NOT_AFTER_CHENG}])
      | (?P<yen>[￥¥])[ ]?(?P<ynum>{grouped})
      | (?P<num>{NUMERAL_PATTERN})
        (?P<space>[ \u3000]?)
        (?:
            (?P<pct>%)
          | (?P<points>个?百分点)
          | (?P<money>{money})
          | (?P<cls>{cls_pattern})
        )
    )
    (?:[（(]含[）)])?
    (?P<after>{after})?
    """
    return source


@lru_cache(maxsize=1)
def _pattern() -> regex.Pattern:
    pattern = compile_regex(_pattern_source(), regex.VERBOSE)
    if tuple(pattern.groupindex) != _Groups._fields or list(pattern.groupindex.values()) != list(_GROUP.values()):
        raise AssertionError("quantities._Groups does not list the pattern's groups in order")
    return pattern


# Below this many characters a page is scanned with the ``regex`` pattern alone; from here on
# the scan of :func:`_fast_scanner` pays for the millisecond it takes to build (its patterns
# come compiled from the start-up cache): it saves about 1,300 instructions a character, about
# a third of building documents (a page of 70,000 characters: 189 M instructions instead of 279 M).
FAST_SCAN_MIN = 10_000
# What can stand between the start of a quantity and its unit (or the 分之 of 百分之/三分之一, the
# 成 of 七成, a ￥ sign): the words before a figure, a minus sign, a space and the characters of
# numerals.  Every character of NUMERAL_PATTERN is taken (its syntax too, which only adds
# candidates); the digits are added because the pattern writes them as ranges.
_LEAD_CHARS = (set(NUMERAL_PATTERN) | set("".join(BEFORE_WORDS)) | set("-－−负半.点 \u3000")
               | set("零〇一二三四五六七八九十百千万两廿壹贰叁肆伍陆柒捌玖拾佰仟萬") | set("0123456789０１２３４５６７８９"))


class _Scanner(Record):
    """The quantity pattern compiled by ``re``, and what finds the places it can match."""

    pattern: "re.Pattern[str]"
    trigger: "re.Pattern[str]"  # a run of lead characters (from its start) with a unit after it
    lead: frozenset[str]
    rest_of_run: "re.Pattern[str]"
    unit: "re.Pattern[str]"


@lru_cache(maxsize=1)
def _fast_scanner() -> Optional[_Scanner]:
    """The scanner of long pages, or None where ``re`` cannot compile the pattern (before
    Python 3.11: no possessive quantifiers).

    Why: per attempt, ``re`` matches the quantity pattern three to six times faster than
    ``regex``, but without ``regex``'s skipping of the positions that cannot start a match it is
    slower over a whole page.  The trigger restores the skipping: a quantity starts in a run of
    :data:`_LEAD_CHARS` that its unit (or 分之, 成) ends, or at a ￥ sign.  The trigger tries a run
    from its first character only and takes it whole, so a page is read once (a run of digits
    with no unit after it costs one pass, not one per digit)."""
    try:  # (compiled through the start-up cache: compiling it costs a process 35 ms)
        pattern = compile_re(_pattern_source(), re.VERBOSE)
    except re.error:
        return None
    lead = frozenset(_LEAD_CHARS)
    units = {u.lstrip("".join(lead)) for u in ("%", "个百分点", "百分点", "分之", "成", *MONEY_UNITS,
                                                *classifiers().longest_first())}
    if "" in units:
        return None  # a unit written in lead characters only would need every run tried
    # A unit's own lead characters (the 百 of 百分点) end the run: the unit is looked for after it.
    # Longest first, and in a fixed order among units of one length: the source is the key of
    # the compiled pattern in the start-up cache (a set's order changes with the hash seed).
    unit = "|".join(re.escape(u) for u in sorted(units | {"￥", "¥"}, key=lambda u: (-len(u), u)))
    chars = "[" + re.escape("".join(sorted(lead))) + "]"
    # The first character is matched before anything else, a lead character or a ￥ sign: ``re``
    # then skips in C the characters no candidate starts with (a pattern opening with an
    # alternation or a lookahead would be tried at every position, at a third more cost).  After
    # a lead character: the run starts there, and is taken whole, with a unit after it (looked
    # ahead at, so the candidate ends where its run does).  A ￥ sign may follow a run (约￥300) or not.
    first_chars = "[" + re.escape("".join(sorted(lead | {"￥", "¥"}))) + "]"
    trigger = compile_re(f"{first_chars}(?:(?<=[￥¥])|(?<!{chars}{chars})(?>{chars}*)(?={unit}))")
    return _Scanner(pattern=pattern, trigger=trigger, lead=lead,
                    rest_of_run=compile_re(f"{chars}*"), unit=compile_re(unit))


def _matches(view: str, start: int, end: int) -> Iterator[Match]:
    """The quantity pattern's matches in ``view[start:end]``, as ``finditer`` gives them."""
    scanner = _fast_scanner() if len(view) >= FAST_SCAN_MIN else None
    if scanner is None:
        yield from _pattern().finditer(view, start, end)
        return
    pos = start
    while pos < end:
        if pos > 0 and view[pos - 1] in scanner.lead:
            # Inside a run (a match ended in it, or the span starts in it): the trigger only
            # starts runs, so the rest of this one is looked at here.
            run_end = scanner.rest_of_run.match(view, pos, end).end()
            unit = scanner.unit.match(view, run_end, end)
            first, last = pos, (run_end if unit else pos - 1)
        else:
            candidate = scanner.trigger.search(view, pos, end)
            if candidate is None:
                return
            # A run, which the trigger took whole, or a ￥ sign (where a match then starts, if any).
            first = candidate.start()
            last = candidate.end() if view[first] in scanner.lead else first
        # A match can start anywhere in the run, or at the unit when it is a ￥ sign.
        for at in range(first, last + 1):
            m = scanner.pattern.match(view, at, end)
            if m is not None:
                yield m
                pos = m.end()  # (a match is never empty)
                break
        else:
            # None in the run: go on after its unit, or (no unit after it) after the run, which
            # then holds no match.
            pos = last + 1 if last >= first else max(pos + 1, scanner.rest_of_run.match(view, pos, end).end())


def match_view(simplified: str) -> str:
    """The view quantities are matched on: simplified script, ASCII digits, % and the decimal point."""
    return fold_figures(simplified)


def find_quantities(
    text: str,
    view: str,
    index: LineIndex,
    spans: Iterable[tuple[int, int]],
) -> list[Quantity]:
    """All quantities inside the given ``(start, end)`` spans of ``text``.

    ``view`` is :func:`match_view` of the simplified view of ``text`` (same length)."""
    found: list[Quantity] = []
    for span_start, span_end in spans:
        for match in _matches(view, span_start, span_end):
            quantity = _to_quantity(match, text, view, index)
            if quantity is None:
                continue
            # _with_split_head and _range_low_end change nothing unless the character before the
            # figure is one they read (each checks it again, first thing): most figures follow
            # neither, and the two calls are saved.
            if quantity.start > span_start and view[quantity.start - 1] in _SPLIT_HEAD_LAST:
                quantity = _with_split_head(quantity, text, view, index, span_start)
            if _in_short_quote(view, quantity.start, quantity.end):
                continue
            if quantity.start > span_start and view[quantity.start - 1] in _RANGE_LOW_LAST:
                low_end = _range_low_end(quantity, text, view, index, span_start)
                if low_end is not None and (not found or found[-1].end <= low_end.start):
                    found.append(low_end)
            found.append(quantity)
    return found


# The head of a figure that a typing slip cut off: 3。15亿元 (a full stop for the decimal point,
# before one or two digits and 万/亿/%/元/个百分点, the same condition as rule ZJ502).
_STOP_AS_POINT_HEAD = compile_regex(r"(?<![0-9.。第])(?P<head>[0-9]{1,3})。$")
_STOP_AS_POINT_TAIL = compile_regex(r"[0-9]{1,2}(?:万|亿|%|元|个百分点)")
# Thousands groups before the figure, parted by a space (8 200, GB/T 15835 §5.1.3, Hong Kong) or by a
# comma the reader did not take (82，225.00元, 233,333，333,434元): one figure with the groups after them.
_GROUPED_HEAD = compile_regex(r"(?<![0-9.,，])(?P<head>[0-9]{1,3}(?:[ ,，][0-9]{3})*)[ ，]$")
_THREE_DIGITS = compile_regex(r"[0-9]{3}(?![0-9])")
_GROUP_MARKS = compile_regex(r"[ ,，]")


# The characters that part a figure from a head cut off (3。15亿元, 8 200人, 82，225.00元).
_SPLIT_HEAD_LAST = "。 ，,"


def _with_split_head(quantity: Quantity, text: str, view: str, index: LineIndex, floor: int) -> Quantity:
    """The quantity read whole when its head was cut off by 。 typed for a decimal point or by a
    thousands separator (a space, a full-width comma); otherwise unchanged."""
    at = quantity.start
    if at <= floor or view[at - 1] not in _SPLIT_HEAD_LAST or not quantity.number_text[:1].isdigit() \
            or not quantity.text.startswith(quantity.number_text):
        return quantity  # the common case, decided by one character
    window = view[max(floor, at - 24):at]
    stop = _STOP_AS_POINT_HEAD.search(window)
    if stop and _STOP_AS_POINT_TAIL.match(view, at):
        joined, head = stop.group("head") + "." + view[at:at + len(quantity.number_text)], len(stop.group(0))
    else:
        grouped = _GROUPED_HEAD.search(window)
        if not grouped or not _THREE_DIGITS.match(view, at, at + len(quantity.number_text)):
            return quantity
        joined = _GROUP_MARKS.sub("", grouped.group("head") + view[at:at + len(quantity.number_text)])
        head = len(grouped.group(0))
    numeral = parse_numeral(joined)
    if numeral is None:
        return quantity
    if quantity.kind in ("percent", "points") and numeral.low == numeral.high:
        half = 0.5 * 10 ** -numeral.decimals
        numeral = numeral._replace(low=max(0.0, numeral.low - half), high=numeral.high + half)
    start = at - head
    line, col = index.line_col(start)
    return quantity._replace(text=text[start:quantity.end], value=numeral.value, start=start, line=line, col=col,
                   decimals=numeral.decimals, low=numeral.low, high=numeral.high,
                   number_text=text[start:at + len(quantity.number_text)], approx=quantity.approx or numeral.approx)


_RANGE_LOW = compile_regex(rf"(?P<num>{NUMERAL_PATTERN})[ ]?(?:[（(]含[）)])?[ ]?(?:至|到|～|~|〜|—{{1,2}}|－|-{{1,2}})[ ]?$")
# The characters _RANGE_LOW can end with at the high end: a range mark, a space, or a newline
# (``$`` also matches before a newline that ends the searched stretch).
_RANGE_LOW_LAST = "至到～~〜—－- \n"
_MAGNITUDE_SUFFIX = compile_regex(r"[万萬亿億]+$|[百千佰仟]$")


def _range_low_end(high: Quantity, text: str, view: str, index: LineIndex, floor: int) -> Optional[Quantity]:
    """The bare low end of a range (3至5人, 3～5万元, 1万(含)-5万元): it shares the high end's unit,
    and its magnitude when the low figure is smaller than the high one's coefficient (两到三千元 is
    2000 to 3000; 从8500到3万 is 8500 to 30000, not 8500万)."""
    window_start = max(floor, high.start - 20)
    if window_start >= high.start or view[high.start - 1] not in _RANGE_LOW_LAST:
        return None  # the common case: no range mark (nor space, nor line end for ``$``) just before
    m = _RANGE_LOW.search(view, window_start, high.start)
    if m is None or not high.number_text:
        return None
    low = parse_numeral(m.group("num"))
    if low is None:
        return None
    magnitude = 1.0
    suffix = _MAGNITUDE_SUFFIX.search(view, high.start, high.start + len(high.number_text))
    own = r"[万萬亿億]$" if suffix and suffix.group()[0] in "万萬亿億" else r"[百千佰仟万萬亿億]$"
    if suffix and not regex.search(own, m.group("num")):
        magnitude = 1.0
        for ch in suffix.group():
            magnitude *= MAGNITUDES[ch]
        if low.value >= high.value / magnitude:
            magnitude = 1.0
    if high.kind in ("percent", "points") and low.low == low.high:
        half = 0.5 * 10 ** -low.decimals  # 5-20%: the low end is a rounded ratio too
        low = low._replace(low=max(0.0, low.low - half), high=low.high + half)
    start = m.start("num")
    line, col = index.line_col(start)
    return high._replace(
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


def _to_quantity(m: Match, text: str, view: str, index: LineIndex) -> Optional[Quantity]:
    # The groups as locals, in _Groups' order: one unpacking, no record built per match.
    before, neg, cnpct, frac, cheng, yen, ynum, num, _space, pct, points, money, cls, after = m.groups()
    before, after = before or "", after or ""
    start = m.end(_GROUP["before"]) if before else m.start()
    number_span = None
    chinese_key = "cnpct" if cnpct else "frac" if frac else "cheng" if cheng else None
    if chinese_key:
        numeral, end = _percent_in_words(m, chinese_key)
        kind, unit = "percent", "%"
    elif yen:  # ￥300
        numeral, end = parse_numeral(_ungroup(ynum)), m.end(_GROUP["ynum"])
        number_span = m.span(_GROUP["ynum"])
        kind, unit = "money", "元"
    else:
        numeral = parse_numeral(num)
        if numeral is None:
            return None
        number_span = m.span(_GROUP["num"])
        if pct:
            end = m.end(_GROUP["pct"])
            kind, unit = "percent", "%"
        elif points:
            unit_start, end = m.span(_GROUP["points"])
            kind, unit = "points", text[unit_start:end]
        elif money:
            unit_start, end = m.span(_GROUP["money"])
            following = _next_char(view, end)
            if money == "块" and following not in PUNCTUATION_OR_END and _JIAO_FEN.match(view, end).end() == end:
                kind, unit = "count", text[unit_start:end]  # 三块展板: a classifier, not money
            elif money == "元" and following in NOT_AFTER_YUAN:
                return None
            else:
                kind, unit = "money", CURRENCIES.get(money, "元")
        else:
            unit_start, end = m.span(_GROUP["cls"])
            kind, unit = "count", text[unit_start:end]
            if not _is_count(view, num, number_span[0], cls, end):
                return None
        if not neg and not _standalone(view, number_span[0]):
            return None
        if not numeral.arabic and inside_a_word(view, *number_span):
            return None  # 登陆部队, 收拾: 大写 digits in ordinary words
    if numeral is None or (chinese_key and _SPACED_ON.match(view, end)) \
            or (view[end:end + 1] in _SHORTHAND_CHARS and _SHORTHAND_AFTER.match(view, end)) \
            or (start and view[start - 1] in " \u3000" and _SPACED_BEFORE.search(view, max(0, start - 4), start)):
        return None  # 百分之五 十, 四点 五个, 百分之15k: spaced out or shorthand is not read rather than misread
    if number_span is not None and num and view[number_span[0] - 1:number_span[0]] in ("数", "几") \
            and regex.match(r"[十百千万亿]", num):
        start = min(start, number_span[0] - 1)  # 几十万, 数十亿: between one and ten times the figure
        numeral = numeral._replace(low=numeral.value, high=numeral.value * 10, approx=True)
    if kind == "money":
        numeral, end, unit = _money_tail(view, numeral, end, unit)
        unit = _currency_before(view, start) or unit
    if before or after in QUALIFYING_AFTER or (after in ("多", "余") and kind == "money"):
        numeral = apply_qualifiers(numeral, before, after if after in QUALIFYING_AFTER or kind == "money" else "")
    if kind in ("percent", "points") and numeral.low == numeral.high and chinese_key != "frac":
        # A percentage is a rounded ratio: 67% stands for [66.5, 67.5] as 66.7% does for
        # [66.65, 66.75].  (Integer counts stay exact; 三分之二 is an exact fraction.)
        # An unsigned ratio is never negative: 0% stands for [0, 0.5].
        half = 0.5 * 10 ** -numeral.decimals
        numeral = numeral._replace(low=max(0.0, numeral.low - half), high=numeral.high + half)
    if neg and kind in ("percent", "points", "money") and numeral.high is not None:
        # 负3.9%, -22.2%, 收支结余:-1万元: a signed figure (a decline, a deficit)
        numeral = numeral._replace(value=-numeral.value, low=-numeral.high, high=-numeral.low)
    elif neg:
        start = m.end(_GROUP["neg"])  # a dash before a count is not its sign
    category = None
    if kind == "count":
        category = "items" if unit in ("块", "塊") else classifiers().category.get(cls or "")
    line, col = index.line_col(start)
    written = text[start:end]
    # Positional, in Quantity's field order: a call with fifteen keywords cost three times as
    # much, and this runs for every figure of a page.
    return Quantity(
        kind,
        written,  # text
        numeral.value,
        sys.intern(unit),  # a few units for tens of thousands of quantities: one string each
        start,
        end,
        line,
        col,
        category,
        numeral.approx,
        numeral.decimals,
        numeral.low,
        numeral.high,
        text[number_span[0]:number_span[1]] if number_span else written,  # number_text
        numeral.arabic,
    )


def _ungroup(digits: str) -> str:
    """82，225.00 → 82,225.00: a full-width comma between groups of three is a thousands separator."""
    return digits.replace("，", ",")


def _percent_in_words(m: Match, key: str) -> tuple[Optional[Numeral], int]:
    """百分之…, …分之…, …成…: the numeral and where it ends.  百分之七十百分位: the run of numeral
    characters may go one or two past the numeral (百分位), so shorter readings are tried."""
    body = m.group(key)
    phrase = "百分之" + _ungroup(body) if key == "cnpct" else body
    for cut in range(0, 3 if key == "cnpct" and not body[:1].isdigit() else 1):
        numeral = parse_chinese_percent(phrase[:len(phrase) - cut])
        if numeral is not None:
            return numeral, m.end(key) - cut
    return None, m.end(key)


# 50元6角三分, 十块三毛, 一百三十五块六角七分钱: 角/毛 are tenths, 分 hundredths of a yuan.
_JIAO_FEN = compile_regex(r"(?:(?P<jiao>[0-9一二三四五六七八九两])[角毛])?(?:(?P<fen>[0-9一二三四五六七八九])分)?(?P<qian>钱)?")
# A currency named after 元 (三万元欧元, 8亿元人民币) or before the figure (港币两千九百六十元).
_CURRENCY_AFTER_YUAN = compile_regex("|".join(sorted(CURRENCIES, key=len, reverse=True)))
_CURRENCY_BEFORE = compile_regex("(?:" + "|".join(sorted((c for c in CURRENCIES if c != "圆"), key=len, reverse=True))
                                 + r")[ ]?(?:[数几])?$")
# The last characters of the names _CURRENCY_BEFORE looks for (币, 元…): a window without any holds none.
_CURRENCY_BEFORE_ENDS = frozenset(c[-1] for c in CURRENCIES if c != "圆")


def _money_tail(view: str, numeral: Numeral, end: int, unit: str) -> tuple[Numeral, int, str]:
    """Jiao and fen after 元/块 (the amount grows by tenths and hundredths), and a currency
    named right after 元 (三万元欧元: the amount is in euros)."""
    if unit == "元":
        tail = _JIAO_FEN.match(view, end)
        if tail and (tail.group("jiao") or tail.group("fen")):
            jiao = read_small(tail.group("jiao")) if tail.group("jiao") else 0
            fen = read_small(tail.group("fen")) if tail.group("fen") else 0
            extra = jiao / 10 + fen / 100
            decimals = 2 if tail.group("fen") else 1
            numeral = numeral._replace(value=round(numeral.value + extra, 2), low=round(numeral.low + extra, 2),
                              high=None if numeral.high is None else round(numeral.high + extra, 2), decimals=decimals)
            return numeral, tail.end(), unit
        if tail and tail.group("qian"):
            return numeral, tail.end(), unit
        named = _CURRENCY_AFTER_YUAN.match(view, end)
        if named and view[end - 1] == "元":
            return numeral, named.end(), CURRENCIES[named.group()]
    if view.startswith("整", end) and view[end - 1] == "圆":
        return numeral, end + 1, unit  # 壹仟玖佰圆整
    return numeral, end, unit


def _currency_before(view: str, start: int) -> Optional[str]:
    """A currency named just before the figure (港币两千九百六十元, 人民币数十亿元)."""
    if _CURRENCY_BEFORE_ENDS.isdisjoint(view[max(0, start - 5):start]):
        return None  # the common case: no currency name can end in the window searched below
    named = _CURRENCY_BEFORE.search(view, max(0, start - 5), start)
    if named is None:
        return None
    name = named.group().rstrip(" 数几")
    return CURRENCIES[name] if CURRENCIES[name] != "元" else None


QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "\"": "\""}
SHORT_QUOTE = 12
# ``re``, not ``regex``: searched once per quantity, and ``re`` is several times cheaper per call.
_QUOTE_OPENING = compile_re("[" + re.escape("".join(QUOTE_PAIRS)) + "]")


def _in_short_quote(view: str, start: int, end: int) -> bool:
    """A figure inside a short quoted phrase is part of a name or slogan (“金税四期”,
    “六个百分之百”, “三八”), not a quantity the text states."""
    if not _QUOTE_OPENING.search(view, max(0, start - SHORT_QUOTE), start):
        return False  # the common case, decided by one scan of the window
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


_SESSION = compile_regex(r"届[^，。；,;、]{0,6}$")


def _is_count(view: str, num: str, num_start: int, unit: str, unit_end: int) -> bool:
    """Reject classifier matches that are not counts: durations, words, ordinals, articles.
    ``num`` starts at ``num_start``; its classifier ``unit`` ends at ``unit_end``."""
    cls = classifiers()
    follow = view[unit_end: unit_end + 4]
    if unit == "个" and follow.startswith(cls.not_after_ge):
        return False
    if follow.startswith(cls.not_after.get(unit[-1], ())):
        return False
    prev = view[num_start - 1: num_start] if num_start else ""
    if prev in ("第", "前", "后", "届"):  # 第一位, 前三名: ordinals and rankings
        return False
    if unit == "次" and _SESSION.search(view, max(0, num_start - 8), num_start):
        return False  # 二届四次 (a session), not four times
    if num == "一" and follow[:1] and follow[:1] not in PUNCTUATION:
        return False  # 一位农民工: the indefinite article, not a count
    return True


_RANGE_BEFORE_DASH = set("0123456789万亿千百元%）)")


def _standalone(view: str, start: int) -> bool:
    """A numeral glued to a preceding letter or digit-like run is part of a code (A3, 1.64W)."""
    if start == 0:
        return True
    prev = view[start - 1]
    if prev in "-" and start >= 2 and (view[start - 2] in _RANGE_BEFORE_DASH or view[start - 2] == "-"):
        return True  # 1万-5万元, 1万元--5万元: a range, not a code
    if prev.isascii() and (prev.isalnum() or prev in "._/#-"):
        return False
    if prev in "第兆":
        return False  # 第一; 四十九兆九千…: 兆 (10^12) is not read, so neither is what follows it
    return True
