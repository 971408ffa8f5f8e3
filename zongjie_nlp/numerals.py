"""Chinese and Arabic numerals -> value, precision and bounds.

A work summary states figures the way people write them: ``41,320``, ``13.02萬``,
``三千二百多``, ``10余万``, ``九十五點一``.  The checks downstream compare figures
against each other (parts against a total, a rate against its counts), so a bare
``float`` is not enough: they need to know *which values the writer could have meant*.
Every numeral is therefore parsed into a :class:`Numeral` carrying its value, the
number of decimals written, and inclusive bounds:

* a figure with ``k`` decimals stands for every value that rounds to it
  (``95.1`` -> ``[95.05, 95.15]``, ``13.02萬`` -> ``[130150, 130250]``);
* an integer followed by a magnitude word is rounded at its last digit
  (``27萬`` -> ``[265000, 275000]``; also ``十三万`` and the abbreviated ``一万二``);
* a plain integer without a magnitude word is exact (``41320``, ``二百``);
* ``多/余/来/几`` widen up to the next step of the last significant digit written
  before them, times any magnitude word after them (``120多`` -> ``[120, 130]``,
  ``10余万`` -> ``[100000, 200000]``, ``10万余`` -> ``[100000, 110000]``).

Both scripts are accepted everywhere (萬/万, 億/亿, 兩/两, 餘/余, 點/点, 幾/几, 來/来),
as are full-width digits and financial numerals (壹贰叁…).  Only the standard library
and ``regex`` are used; arithmetic is done in :class:`~decimal.Decimal` so that bounds
such as ``95.05`` come out as the float literal a reader expects, not ``95.0499…``.
"""

from __future__ import annotations

from functools import lru_cache

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Optional

import regex

from .cache import compile_regex
from .model import Record
from .script import fold_figures

__all__ = [
    "APPROX_AFTER",
    "APPROX_BEFORE",
    "MAGNITUDES",
    "MAX_NUMERAL_LENGTH",
    "MORE_AFTER",
    "NUMERAL_PATTERN",
    "Numeral",
    "STATED_BEFORE",
    "apply_qualifiers",
    "find_numerals",
    "format_decimal",
    "parse_chinese_percent",
    "parse_numeral",
    "read_digits",
    "read_ordinal",
    "read_small",
    "to_chinese",
    "to_chinese_digits",
]


class Numeral(Record):
    """One parsed figure.

    ``value`` is what the writer literally wrote (the lower figure for ``十多``);
    ``low``/``high`` are the inclusive bounds of the true value (``high`` ``None`` =
    unbounded, e.g. after ``超过``).  ``decimals`` is the number of digits written after
    the decimal point, so a drafter can echo the writer's precision.
    """

    value: float
    decimals: int
    low: float
    high: Optional[float]
    approx: bool
    arabic: bool


# --------------------------------------------------------------------------- #
# Normalisation
# --------------------------------------------------------------------------- #

# Everything is folded onto one canonical alphabet before parsing, so the parser only
# knows simplified characters, ASCII digits and "零" (〇 and ○ are zero digits too).  Widths
# are folded by :func:`zongjie_nlp.script.fold_figures`; this table folds the characters.
_FOLD_MAP: dict[str, str] = {
    "萬": "万",
    "億": "亿",
    "兩": "两",
    "餘": "余",
    "點": "点",
    "幾": "几",
    "來": "来",
    "〇": "零",
    "○": "零",
    "壹": "一",
    "贰": "二",
    "貳": "二",
    "叁": "三",
    "參": "三",
    "叄": "三",
    "肆": "四",
    "伍": "五",
    "陆": "六",
    "陸": "六",
    "柒": "七",
    "捌": "八",
    "玖": "九",
    "拾": "十",
    "佰": "百",
    "仟": "千",
}
_FOLD = str.maketrans(_FOLD_MAP)


def _normalize(text: str) -> str:
    return fold_figures(text.strip()).translate(_FOLD)


_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_POSITIONAL = {"零": 0, **{k: v for k, v in _CN_DIGITS.items() if k != "两"}}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_TENS = {"廿": 20, "卅": 30, "卌": 40}
MAGNITUDES: dict[str, int] = {"百": 100, "佰": 100, "千": 1000, "仟": 1000,
                              "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
"""The magnitude words after a coefficient (3万, 1.5億, 两千), in both scripts and in 大写."""
_MAGS = {word: Decimal(value) for word, value in MAGNITUDES.items()}
_APPROX_WORDS = "多余来"
# Adjacent digits that Chinese uses for a small range: 三四个 = 3 to 4, 七八十 = 70 to 80.
_PAIRS = {
    ("一", "二"), ("一", "两"), ("二", "三"), ("两", "三"), ("三", "四"), ("三", "五"),
    ("四", "五"), ("五", "六"), ("六", "七"), ("七", "八"), ("八", "九"),
}  # fmt: skip

_ONE = Decimal(1)
_HALF = Decimal("0.5")

MAX_NUMERAL_LENGTH = 100
"""A numeral longer than this (in characters) is not a figure but a code, a run of noise
or an attack: :func:`parse_numeral` rejects it before any conversion, so every figure
fits a float with room for the arithmetic done on it (1e100 x 1e100 is still finite),
and a run of a million digits costs one length test, not a quadratic ``int()``."""


# --------------------------------------------------------------------------- #
# The pattern for running text
# --------------------------------------------------------------------------- #
# Design notes (the matcher runs over multi-megabyte inputs):
# * every repetition is possessive (*+, ++) or atomic, and every alternative is O(1)
#   once chosen, so a match attempt never backtracks over a run of digits;
# * a numeral may not *start* right after a character that would have continued it
#   (lookbehinds), so a run of digits is only ever scanned from its first character –
#   even when the caller embeds this pattern in a larger one that fails afterwards;
# * no whitespace and no '#', because quantities.py embeds it in a VERBOSE pattern.
_AD = "[0-9０-９]"
_ANUM = rf"(?>{_AD}{{1,3}}(?:,{_AD}{{3}})++(?!{_AD})|{_AD}++)(?:[.．]{_AD}++)?"
# 千 before 克/米/瓦 is the SI prefix of a unit (3千克), not a magnitude word.
_AMAG = r"(?:(?:[百佰]|[千仟](?![克米瓦]))(?:[万萬])?(?:[亿億])?|[万萬](?:[亿億])?|[亿億])"
_APX_AR = "[多余餘来來几幾]"
_ARABIC = (
    rf"(?<!{_AD})(?<!{_AD}[.．]){_ANUM}"
    # 1亿2000万, 1万2千3百; bounded so that restarts inside a long chain stay O(1)
    rf"(?:{_AMAG}{_ANUM}(?=[百千万萬亿億])){{0,2}}+"
    rf"(?:{_APX_AR}{_AMAG}?|{_AMAG}{_APX_AR}?)?"  # 10余万, 15萬多
)
_CD = "一二三四五六七八九两兩壹贰貳叁參叄肆伍陆陸柒捌玖"
_CZ = "零〇○"
_CU = "十拾百佰千仟"
_CX = "廿卅卌"
_CM = "万萬亿億"
_CFRAC = "一二三四五六七八九壹贰貳叁參叄肆伍陆陸柒捌玖" + _CZ
_CHINESE = (
    rf"(?<![{_CD}{_CZ}{_CU}{_CX}{_CM}点點])"
    rf"(?:[{_CD}{_CX}十拾]|[{_CZ}](?=[点點][{_CFRAC}]))"  # 百/千/万 alone never start one
    rf"(?:[{_CD}{_CZ}{_CU}{_CX}{_CM}]|[点點](?=[{_CFRAC}]))*+"
    # 多/余/来 only after a unit (十多, 三千二百多, 十五万多: never 一来 "firstly"),
    # 几 only after 十/百/千 (二十几, 一百几十); magnitudes may follow (十多万).
    rf"(?:(?<=[{_CU}{_CX}{_CM}])[多余餘来來][{_CM}]*+|(?<=[{_CU}{_CX}])[几幾][{_CU}]?[{_CM}]*+)?"
)
NUMERAL_PATTERN: str = rf"(?:{_ARABIC}|{_CHINESE})"
"""Regex source (``regex`` module, no groups) for one numeral in running text.

Matches the longest form including inner/trailing 多/余/来/几 and magnitude words:
``15萬多``, ``三千二百多``, ``13.02萬``, ``41,320``, ``１２３``.  Linear time."""


# --------------------------------------------------------------------------- #
# Parsing
# --------------------------------------------------------------------------- #


class _Coef(Record):
    """A coefficient (the digits before a magnitude word), in its own units."""

    low: Decimal
    high: Decimal
    arabic: bool
    decimals: int = 0
    lowest: Optional[Decimal] = None  # place of the lowest non-zero digit (None if 0)
    step_after_mag: Decimal = _ONE  # step of 多 written after a magnitude word
    approx_ok: bool = True  # may 多/余/来 follow directly?
    ji_place: Optional[Decimal] = None  # 二十几: 几 acts like 多 at this place
    pair: bool = False
    bare: bool = False  # a lone Chinese digit, candidate for 一万二 abbreviation
    leading_zero: bool = False
    int_digits: int = 0


class _Term:
    """A coefficient times a magnitude word; :func:`_fold_and_check` updates it in place."""

    __slots__ = ("coef", "mag", "extra", "extra_high", "abbrev_place")

    def __init__(self, coef: _Coef, mag: Decimal = _ONE) -> None:
        self.coef = coef
        self.mag = mag
        self.extra = Decimal()  # folded higher part (一万二千亿)
        self.extra_high = Decimal()
        self.abbrev_place: Optional[Decimal] = None


_AR_COEF = compile_regex(r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?")
_CN_COEF = compile_regex(r"[一二三四五六七八九两零十百千廿卅卌几]+(?:点[零一二三四五六七八九]+)?")
_AR_MAG = compile_regex(r"[百千]?万?亿?")
_CN_MAG = compile_regex(r"万?亿?")


def _lowest_place(value: Decimal) -> Optional[Decimal]:
    if value == 0:
        return None
    return Decimal(1).scaleb(value.normalize().as_tuple().exponent)


def _arabic_coef(text: str) -> _Coef:
    plain = text.replace(",", "")
    value = Decimal(plain)
    decimals = len(plain.partition(".")[2])
    place = Decimal(1).scaleb(-decimals)
    return _Coef(
        low=value,
        high=value,
        arabic=True,
        decimals=decimals,
        lowest=_lowest_place(value),
        step_after_mag=place,
        int_digits=len(plain.partition(".")[0]),
    )


def _chinese_section(s: str) -> Optional[_Coef]:
    """Parse one section below 万 (三千零五十二, 十五, 廿, 二十几, 三四十, 一百五)."""
    low = high = 0
    last_unit: Optional[int] = None
    pending: Optional[tuple[int, int, str]] = None
    zero = leading_zero = pair = after_ji_unit = False
    lowest: Optional[int] = None
    ji: Optional[int] = None
    for idx, ch in enumerate(s):
        if after_ji_unit:
            return None
        if ch in _CN_DIGITS:
            d = _CN_DIGITS[ch]
            if ji is not None:
                return None
            if pending is None:
                pending = (d, d, ch)
            elif not pair and (pending[2], ch) in _PAIRS:
                pending, pair = (pending[0], d, ch), True
            else:
                return None
        elif ch == "零":
            if pending is not None or ji is not None:
                return None
            if idx == 0:
                leading_zero = len(s) > 1
            elif last_unit is None:
                return None
            zero = True
        elif ch in _CN_UNITS:
            u = _CN_UNITS[ch]
            if last_unit is not None and u >= last_unit:
                return None
            if ji is not None:  # 一百几十: the unit only names 几's place
                after_ji_unit = True
                continue
            if pending is None:
                if u != 10 or not (idx == 0 or zero):  # 十五, 一千零十; never 百 alone
                    return None
                pending = (1, 1, "一")
            low += pending[0] * u
            high += pending[1] * u
            lowest = last_unit = u
            pending, zero = None, False
        elif ch in _CN_TENS:
            if idx != 0:
                return None
            low = high = _CN_TENS[ch]
            lowest = last_unit = 10
        elif ch == "几":
            if last_unit is None or pending is not None or ji is not None or zero:
                return None
            ji = lowest
        else:
            return None
    if zero and pending is None and s != "零":
        return None  # 一百零
    bare = False
    if pending is not None:
        lo, hi, ch = pending
        if last_unit is None:
            place, bare = 1, not leading_zero
        elif zero:
            place = 1
        else:
            place = last_unit // 10  # 三千五 = 3500, 二十五 = 25
        if ch == "两" and last_unit is not None and place == 1:
            return None  # 十两 is ten taels, not twelve
        low += lo * place
        high += hi * place
        lowest = place
    return _Coef(
        low=Decimal(low),
        high=Decimal(high),
        arabic=False,
        lowest=Decimal(lowest) if lowest is not None and low else None,
        step_after_mag=Decimal(lowest) if lowest is not None else _ONE,
        approx_ok=pending is None and last_unit is not None and ji is None,
        ji_place=Decimal(ji) if ji is not None else None,
        pair=pair,
        bare=bare,
        leading_zero=leading_zero,
    )


def _chinese_coef(text: str) -> Optional[_Coef]:
    int_part, dot, frac = text.partition("点")
    coef = _chinese_section(int_part)
    if coef is None or not dot:
        return coef
    if coef.pair or coef.ji_place is not None:
        return None
    value = coef.low + Decimal("0." + "".join(str(_POSITIONAL[c]) for c in frac))
    place = Decimal(1).scaleb(-len(frac))
    return _Coef(
        low=value,
        high=value,
        arabic=False,
        decimals=len(frac),
        lowest=_lowest_place(value),
        step_after_mag=place,
        leading_zero=coef.leading_zero,  # 零十二点一五 only after a higher section (一万零十二点一五)
    )


def _positional(s: str) -> Optional[Numeral]:
    """二〇二四 / 一九九八: every character is a digit (years, codes).

    Two-character runs only count when they contain a zero (二〇): 三五 is a range."""
    if len(s) < 2 or s[0] == "零" or any(c not in _POSITIONAL for c in s):
        return None
    if len(s) == 2 and "零" not in s:
        return None
    value = float(int("".join(str(_POSITIONAL[c]) for c in s)))
    return Numeral(value, 0, value, value, False, False)


def parse_numeral(text: str) -> Optional[Numeral]:
    """Parse a string that is exactly one numeral; ``None`` if it is not one.

    Accepts Arabic (``41,320``, ``３．５``, ``13.02萬``, ``1亿2000万``), Chinese
    (``三千零五十二``, ``一万二``, ``廿``, ``九十五點一``, ``二〇二四``, 壹贰叁), and one
    approximation word (``十多``, ``10余万``, ``二十几``).  An ordinal prefix (``第一``)
    or a lone unit (``萬``, ``多``) is not a numeral, nor is anything longer than
    :data:`MAX_NUMERAL_LENGTH` characters."""
    if len(text) > MAX_NUMERAL_LENGTH:
        return None  # checked before the cache: a megabyte of digits is never kept as a key
    return _parse_numeral(text)


@lru_cache(maxsize=8192)  # Numeral is frozen; a page repeats its figures, and checks read them again
def _parse_numeral(text: str) -> Optional[Numeral]:
    if text.isascii() and text.isdigit() and (text[0] != "0" or len(text) == 1):
        # Fast path for the commonest numeral, a plain Arabic integer: exact.
        value = float(int(text))
        return Numeral(value, 0, value, value, False, True)
    s = _normalize(text)
    if not s:
        return None
    positional = _positional(s)
    if positional is not None:
        return positional

    terms: list[_Term] = []
    step: Optional[Decimal] = None  # widening by 多/余/来/几, in coefficient units
    i, n = 0, len(s)
    while i < n:
        m = _AR_COEF.match(s, i)
        if m:
            coef = _arabic_coef(m.group())
        else:
            m = _CN_COEF.match(s, i)
            coef = _chinese_coef(m.group()) if m else None
        if coef is None or (terms and coef.arabic != terms[0].coef.arabic):
            return None
        if coef.leading_zero and not terms:
            return None
        i = m.end()
        step = coef.ji_place
        if i < n and s[i] in _APPROX_WORDS or (coef.arabic and i < n and s[i] == "几"):
            if step is not None or coef.lowest is None or not coef.approx_ok:
                return None
            step = coef.lowest  # 120多: next step of the lowest non-zero digit
            i += 1
        mm = (_AR_MAG if coef.arabic else _CN_MAG).match(s, i)
        mag = _ONE
        for ch in mm.group():
            mag *= _MAGS[ch]
        i = mm.end()
        if step is None and mm.group() and i < n and s[i] in _APPROX_WORDS:
            step = coef.step_after_mag  # 15万多: one unit of the last digit before 万
            i += 1
        terms.append(_Term(coef, mag))
        if step is not None or mag == 1:
            break  # only an approximation's magnitude or nothing may follow
    if i != n:
        return None

    terms = _fold_and_check(terms)
    if terms is None:
        return None
    last = terms[-1]
    if any(t.coef.decimals for t in terms[:-1]):
        return None

    low = sum((t.coef.low * t.mag + t.extra for t in terms), Decimal())
    high = sum((t.coef.high * t.mag + t.extra_high for t in terms), Decimal())
    value = low
    pair = any(t.coef.pair for t in terms)
    approx = step is not None or pair
    if step is not None:
        high += step * last.mag
    elif not pair:
        half = Decimal()
        if last.coef.decimals:
            half = _HALF * Decimal(1).scaleb(-last.coef.decimals) * last.mag
        elif last.mag > 1:
            half = _HALF * last.mag  # 27萬, 十三万: rounded at the coefficient's units
        elif last.abbrev_place is not None:
            half = _HALF * last.abbrev_place  # 一万二 ~ 1.2万
        low -= half
        high += half
    return Numeral(
        value=float(value),
        decimals=last.coef.decimals,
        low=float(max(low, Decimal())),  # 0.0 stands for [0, 0.05]: no figure is negative
        high=float(high),
        approx=approx,
        arabic=last.coef.arabic,
    )


_NUMERAL_IN_TEXT = compile_regex(NUMERAL_PATTERN)


@lru_cache(maxsize=1)
def _not_numeral_words() -> regex.Pattern:
    """Words that hold a numeral character but state no number (rules/lexicon/not_numerals.yaml)."""
    from .lexicon import not_numerals

    words = sorted(not_numerals(), key=len, reverse=True)
    return compile_regex("|".join(regex.escape(w) for w in words))


def inside_a_word(view: str, start: int, end: int) -> bool:
    """Whether ``view[start:end]`` lies inside a word that states no number (登陆部队, 四川)."""
    lo = max(0, start - 3)
    return any(m.start() < end and m.end() > start
               for m in _not_numeral_words().finditer(view, lo, min(len(view), end + 3)))


_FRACTION_IN_TEXT = compile_regex(rf"(?:(?P<whole>{NUMERAL_PATTERN})又)?(?P<den>{NUMERAL_PATTERN})分之(?P<num>{NUMERAL_PATTERN})")
# Digits glued to a dot and more digits (2222.2222.22) or to a slash (1/2): a code or a form we do not read.
_DOTTED_OR_SLASHED = compile_regex(r"[.．/／][0-9０-９]")


def find_numerals(text: str) -> list[tuple[int, int, "Numeral"]]:
    """Every numeral in running text, read with the same grammar as :func:`parse_numeral`:
    (start, end, numeral); a fraction (二十五分之一百四十四, 十一又十四分之一) is one numeral.
    Numeral characters inside ordinary words (一切, 四川, 登陆) are not numerals, and digits
    glued to a dot-separated or slashed run (1/2, 2222.2222.22) are left unread, not misread."""
    found: list[tuple[int, int, Numeral]] = []
    for m in _FRACTION_IN_TEXT.finditer(text):
        fraction = _fraction(m)
        if fraction is not None:
            found.append((m.start(), m.end(), fraction))
    spans = [(s, e) for s, e, _ in found]
    for m in _NUMERAL_IN_TEXT.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        numeral = parse_numeral(m.group())
        if numeral is None or inside_a_word(text, m.start(), m.end()):
            continue
        if _DOTTED_OR_SLASHED.match(text, m.end()) or (m.start() >= 1 and text[m.start() - 1] in "/／") \
                or (m.start() >= 2 and _DOTTED_OR_SLASHED.match(text, m.start() - 2) is None
                    and text[m.start() - 1] in ".．" and text[m.start() - 2].isdigit()):
            continue
        found.append((m.start(), m.end(), numeral))
    return sorted(found, key=lambda item: item[0])


def _fraction(m: regex.Match) -> Optional["Numeral"]:
    den, num = parse_numeral(m.group("den")), parse_numeral(m.group("num"))
    if den is None or num is None or den.value == 0 or den.approx or num.approx:
        return None
    value = num.value / den.value
    if m.group("whole"):
        whole = parse_numeral(m.group("whole"))
        if whole is None:
            return None
        value += whole.value
    return Numeral(value, 0, value, value, False, den.arabic and num.arabic)


def _fold_and_check(terms: list[_Term]) -> Optional[list[_Term]]:
    """Order the coefficient x magnitude terms, folding 一万二千亿 into (12000) x 亿.

    Magnitudes must descend and each term must fit below the previous magnitude; the
    one exception is 亿 (or larger) after smaller terms, which multiplies all of them."""
    out: list[_Term] = []
    for t in terms:
        if out and t.mag > out[-1].mag and t.mag >= _MAGS["亿"]:
            while out and out[-1].mag < t.mag:
                p = out.pop()
                if p.coef.decimals:
                    return None
                t.extra += (p.coef.low * p.mag + p.extra) * t.mag
                t.extra_high += (p.coef.high * p.mag + p.extra_high) * t.mag
        if out:
            prev = out[-1]
            if t.mag == 1 and t.coef.bare and not t.coef.arabic and prev.mag >= 10:
                place = prev.mag / 10  # 一万二 = 12000, 一亿二 = 120000000
                t.abbrev_place = place
                t.coef = t.coef._replace(low=t.coef.low * place, high=t.coef.high * place)
            elif t.mag == 1 and t.coef.arabic and (
                t.coef.decimals or t.coef.int_digits != len(str(int(prev.mag))) - 1
            ):
                return None  # 1万2345 is fine, 1万23 is ambiguous
            if t.mag >= prev.mag or t.coef.high * t.mag + t.extra_high >= prev.mag:
                return None
        out.append(t)
    return out


# --------------------------------------------------------------------------- #
# Qualifiers around a figure
# --------------------------------------------------------------------------- #

_WORD_FOLD = str.maketrans(
    {"約": "约", "將": "将", "過": "过", "於": "于", "達": "达", "餘": "余", "內": "内", "滿": "满"}
)
_AROUND = {"约", "大约", "约为", "大概", "左右", "上下"}
_UP_TO = {"近", "将近", "接近", "不到", "不足", "以下", "最多", "至多", "不超过", "以内", "少于", "低于", "未满"}
_AT_LEAST = {"超过", "逾", "以上", "不少于", "至少", "多达", "高于", "大于", "不低于"}
# The same words by where they stand, longest first.  The quantity matcher and the drafter
# read these: a word numerals qualify a figure by is a word both take in and write.
APPROX_AFTER = ("左右", "上下", "以上", "以下", "以内")
APPROX_BEFORE = tuple(sorted((_AROUND | _UP_TO | _AT_LEAST) - set(APPROX_AFTER), key=lambda w: (-len(w), w)))
# 多/余 after the unit (15元多, 3万元余): the figure plus up to one step of its last digit.
MORE_AFTER = ("多", "余")
# 达 before a figure states it as it is (达1000人): read with the figure, it changes nothing.
STATED_BEFORE = ("达",)
# apply_qualifiers reads 来 like 多 when a caller passes it; the quantity matcher never takes
# it after a unit, where it mostly starts a word (500元来自…).
_MORE = {*MORE_AFTER, "来"}


def _d(x: float) -> Decimal:
    return Decimal(repr(x))


def _qualify(n: Numeral, word: str) -> tuple[Numeral, str]:
    if word in _AROUND and n.approx:
        return n, "around"  # 大约十多: the figure is already approximate; 约 adds nothing
    if word in _AROUND:
        high = None if n.high is None else float(_d(n.high) * Decimal("1.1"))
        return n._replace(low=float(_d(n.low) * Decimal("0.9")), high=high, approx=True), "around"
    if word in _UP_TO:
        return n._replace(low=float(_d(n.value) * Decimal("0.8")), high=n.value, approx=True), "upto"
    if word in _AT_LEAST:
        return n._replace(low=n.value, high=None, approx=True), "atleast"
    if word in _MORE:
        place = _lowest_place(_d(n.value))
        high = n.high
        if place is not None and high is not None:
            high = max(high, float(_d(n.value) + place))
        return n._replace(low=min(n.low, n.value), high=high, approx=True), "more"
    return n, ""  # 达/達/共计 and unknown words: the figure is stated as is


def apply_qualifiers(n: Numeral, before: str = "", after: str = "") -> Numeral:
    """Apply the words around a figure (``约100元``, ``100元左右``, ``超过27万``).

    * 约/大约/左右/上下: approx, bounds widened to ``[0.9·low, 1.1·high]``;
    * 近/将近/接近/不到/不足/以下/最多: approx, ``[0.8·value, value]``;
    * 超过/逾/以上/不少于/至少/多达: approx (even the inclusive ones, for simplicity),
      ``[value, None]``;
    * 多/余 after the unit (``15元多``): widened by one step of the lowest non-zero digit;
    * 达/達 and unknown words: unchanged.

    The same kind of word on both sides (``约100元左右``) is applied once."""
    n, kind = _qualify(n, before.strip().translate(_WORD_FOLD))
    word = after.strip().translate(_WORD_FOLD)
    if word and (kind == "" or kind != _qualify(n, word)[1]):
        n = _qualify(n, word)[0]
    return n


# --------------------------------------------------------------------------- #
# Percentages written in words
# --------------------------------------------------------------------------- #

# X成: a head in Chinese or Arabic digits, with a decimal (九点五成, 9.5成), then 半 or one more
# digit (三成半, 八成五), then 多.  半成 is half of one tenth.
_CHENG = compile_regex(r"(?P<head>半|[0-9]+(?:\.[0-9]+)?|[一二三四五六七八九两十]+(?:点[零一二三四五六七八九]+)?)成"
                       r"(?P<tail>半|[一二三四五六七八九1-9])?(?P<more>[多余来])?")
# 千分之/万分之/百万分之: the denominator is a bare magnitude word.
_DENOMINATORS = {"百": 100, "千": 1000, "万": 10_000, "百万": 1_000_000}


def parse_chinese_percent(text: str) -> Optional[Numeral]:
    """百分之九十五點一 -> 95.1, 百分之22 -> 22, 千分之二點四 -> 0.24, 三分之二 -> 66.67,
    八成五 -> 85, 9.5成 -> 95, 三成半 -> 35; value in percent units.

    ``X成`` is a figure rounded to its last place of 成, like ``0.8``: 八成 -> ``[75, 85]``,
    八成五 -> ``[84.5, 85.5]``; 七成多 -> ``[70, 80]``.  A fraction is exact."""
    s = _normalize(text)
    if s.startswith("百分之"):
        body = s[3:]
        if body == "百":
            return Numeral(100.0, 0, 100.0, 100.0, False, False)
        return parse_numeral(body) if body else None
    head, sep, tail = s.partition("分之")
    if sep:
        num = parse_numeral(tail)
        if head in _DENOMINATORS:
            if num is None or num.approx:
                return None
            scale = 100 / _DENOMINATORS[head]
            return num._replace(value=num.value * scale, low=num.low * scale, high=num.high * scale,
                           decimals=num.decimals + len(str(_DENOMINATORS[head])) - 3)
        den = parse_numeral(head)
        if den is None or num is None or den.approx or num.approx or den.value == 0:
            return None
        value = num.value / den.value * 100
        return Numeral(value, 0, value, value, False, den.arabic and num.arabic)
    m = _CHENG.fullmatch(s)
    if not m:
        return None
    return _cheng(m)


def _cheng(m: regex.Match) -> Optional[Numeral]:
    head = m.group("head")
    arabic = head[0].isdigit()
    if head == "半":
        tens, place = Decimal(5) / 10, Decimal("0.5")
    else:
        parsed = parse_numeral(head)
        if parsed is None or parsed.approx:
            return None
        tens = Decimal(repr(parsed.value))
        place = Decimal(1).scaleb(-parsed.decimals)
    value = tens * 10
    place *= 10  # in percent
    tail = m.group("tail")
    if tail:
        if place < 10 or head == "半":
            return None  # 9.5成五 is no figure
        value += 5 if tail == "半" else (_CN_DIGITS.get(tail) or int(tail))
        place = Decimal(5) if tail == "半" else Decimal(1)
    if value > 100:
        return None
    if m.group("more"):
        return Numeral(float(value), 0, float(value), float(value + place), True, arabic)
    half = place / 2
    decimals = max(0, -value.normalize().as_tuple().exponent) if value != value.to_integral() else 0
    return Numeral(float(value), decimals, float(value - half), float(value + half), False, arabic)


# --------------------------------------------------------------------------- #
# Reading the small numbers of dates and markers
# --------------------------------------------------------------------------- #

_DIGIT_BY_DIGIT = {**{c: str(i) for i, c in enumerate("〇一二三四五六七八九")}, "零": "0", "○": "0", "Ｏ": "0"}


def read_digits(text: str) -> Optional[int]:
    """A number written digit by digit, as years are: 2025, 二〇二五, 二零二五 → 2025; None when
    a character is no digit (the counting form 二千零二十五 is :func:`parse_numeral`'s)."""
    if text.isdigit():
        return int(text)
    try:
        return int("".join(_DIGIT_BY_DIGIT[c] for c in text)) if text else None
    except KeyError:
        return None


def read_small(text: str) -> Optional[int]:
    """A month or a day: 12, 十二, 三十一 → int; None when the text is no such number."""
    if text.isdigit():
        return int(text)
    numeral = parse_numeral(text)
    if numeral is None or numeral.value != int(numeral.value) or numeral.approx:
        return None
    return int(numeral.value)


def read_ordinal(text: str) -> Optional[int]:
    """The number of a point written in Chinese (一、 （十二） 第三 二十是), 1 to 99: 三 → 3,
    十 → 10, 十二 → 12, 二十 → 20, 两 → 2.  None for what no list is numbered with: 零, 一百,
    二十零, a range (一二) or digits one by one (二〇).  Narrower than :func:`parse_numeral` on
    purpose: a marker holds no magnitude word, no approximation and no zero."""
    folded = text.translate(_FOLD)
    tens, ten, units = folded.partition("十")
    if not ten:
        return _CN_DIGITS.get(folded)
    value_of_tens = _CN_DIGITS.get(tens) if tens else 1
    value_of_units = _CN_DIGITS.get(units) if units else 0
    if value_of_tens is None or value_of_units is None:
        return None
    return value_of_tens * 10 + value_of_units


# --------------------------------------------------------------------------- #
# Writing numbers (the drafter, the outline checks, Word's list labels)
# --------------------------------------------------------------------------- #

# (digits, 十百千, 万, 亿): the counting form, and 大写 (financial) numerals in either script.
_COUNTING = ("零一二三四五六七八九", "十百千", "万", "亿")
_LEGAL = {"simplified": ("零壹贰叁肆伍陆柒捌玖", "拾佰仟", "万", "亿"),
          "traditional": ("零壹貳參肆伍陸柒捌玖", "拾佰仟", "萬", "億")}


def _section_to_chinese(v: int, digits: str, units: str) -> str:
    """1..9999: 三千零五, 一百一十, 二十."""
    out: list[str] = []
    zero = False
    for unit_value, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = v // unit_value % 10
        if d:
            if zero:
                out.append(digits[0])
                zero = False
            out.append(digits[d] + unit)
        elif out:
            zero = True  # only written if a non-zero digit follows (三千零五, not 三千零)
    return "".join(out)


def _below_yi(v: int, forms: tuple[str, str, str, str]) -> str:
    digits, units, wan, _ = forms
    high, low = divmod(v, 10_000)
    out = ""
    if high:
        out += _section_to_chinese(high, digits, units) + wan
    if low:
        if high and low < 1000:
            out += digits[0]
        out += _section_to_chinese(low, digits, units)
    return out


def _chinese(n: int, forms: tuple[str, str, str, str]) -> str:
    digits, units, _, yi = forms
    high, low = divmod(n, 10**8)
    if high:
        out = _chinese(high, forms) + yi
        if low:
            out += (digits[0] if low < 10**7 else "") + _below_yi(low, forms)
    else:
        out = _below_yi(low, forms)
    if forms is _COUNTING and out.startswith("一十"):
        return out[1:]  # 十三万, not 一十三万; 大写 keeps its 壹拾, which guards the amount
    return out


def to_chinese(n: int, *, zero: str = "零", legal: Optional[str] = None) -> str:
    """Standard Chinese numeral: 240 -> 二百四十, 1005 -> 一千零五, 15 -> 十五.

    A leading 一十 is written 十 (十三万), as people write it; 两 is never used, so the
    output reads naturally in running text and parses back with :func:`parse_numeral`.
    ``zero`` is how 0 alone is written: 零 in text, 〇 in Word's chineseCounting lists (a zero
    inside a number is always 零: 一百零一).  ``legal="simplified"`` or ``"traditional"`` writes
    大写 numerals, as on cheques and in Word's legal list formats: 12 -> 壹拾贰, 10000 -> 壹萬."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("to_chinese() takes an int")
    if n < 0:
        raise ValueError("to_chinese() takes a non-negative int")
    if legal is not None and legal not in _LEGAL:
        raise ValueError(f"legal must be one of {', '.join(_LEGAL)}, not {legal!r}")
    if n == 0:
        return zero
    return _chinese(n, _LEGAL[legal] if legal else _COUNTING)


def to_chinese_digits(n: int) -> str:
    """A number digit by digit, as years are written: 2025 -> 二〇二五 (:func:`read_digits`
    reads it back)."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("to_chinese_digits() takes an int")
    if n < 0:
        raise ValueError("to_chinese_digits() takes a non-negative int")
    return "".join("〇一二三四五六七八九"[int(c)] for c in str(n))


def format_decimal(value: float, decimals: int) -> str:
    """Round half up to ``decimals`` places and keep trailing zeros: (86.0, 1) -> "86.0".

    Goes through ``repr`` so that 2.675 rounds to 2.68 as a reader expects, not 2.67 as
    binary floating point would.  Any float is accepted (a message must never fail on
    the figure it shows): 1e300 keeps all its digits, infinities are written ∞ and -∞."""
    if decimals < 0:
        raise ValueError("decimals must be >= 0")
    value = float(value)
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if math.isnan(value):
        return "NaN"
    exact = _d(value)
    with localcontext() as ctx:
        # quantize() fails when the result has more digits than the context's precision
        # (28 by default): 1e300 to 2 places needs 303.
        ctx.prec = max(ctx.prec, exact.adjusted() + decimals + 2)
        q = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if q == 0:
        q = abs(q)
    return f"{q:f}"
