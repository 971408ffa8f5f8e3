"""How a computed value is written in a message: like the stated figure it is compared
with (same magnitude word, one decimal finer for percentages), so a reader sees at once
where the two differ."""

from __future__ import annotations

import math


from ..cache import compile_regex
from ..numerals import format_decimal
from .figures import Figure, has
from .interval import INF, Interval

_NOT_DIGITS = compile_regex(r"[^0-9.]")
# Magnitude words, largest first (万亿 before 亿 before 万), as written in either script.
MAGNITUDES = (("万亿", 1e12, ("万亿", "萬億")), ("亿", 1e8, ("亿", "億")), ("万", 1e4, ("万", "萬")))


def show(value: float, like: Figure, differ: bool = False) -> str:
    """``value`` written like the stated figure ``like`` (same magnitude word and decimals).

    With ``differ`` (the relation failed), more decimals are added until the result no
    longer reads like the stated figure, so a message never says "= 2.3万，文中写 2.3万"."""
    unit, scale = "", 1.0
    for word, factor, chars in MAGNITUDES:
        if has(like.number, chars):  # (a plain loop: shown for every relation found)
            unit, scale = word, factor
            break
    stated = _NOT_DIGITS.sub("", like.number)
    decimals = like.decimals
    shown = format_decimal(value / scale, decimals)
    while differ and decimals < like.decimals + 3 and stated and _same_number(shown, stated):
        decimals += 1
        shown = format_decimal(value / scale, decimals)
    return shown + unit


def differed(computed: Interval, stated: Figure) -> bool:
    """``differ`` for :func:`show` in the failure message of a relation that holds when
    ``computed`` meets ``stated`` (the test "equal"): that message is read only when the
    relation fails, and when it holds the added decimals (up to three more roundings, for
    most relations found) would be written for nobody."""
    return not computed.meets(stated.iv)


def show_interval(iv: Interval, like: Figure, differ: bool = False) -> str:
    """A computed interval: its middle, or both ends when an operand was a range (3至5名)."""
    width = like.iv.hi - like.iv.lo
    if iv.hi != INF and iv.hi - iv.lo > 2 * width + 1e-9 and iv.hi - iv.lo > 1e-9 * abs(iv.hi):
        return f"{show(iv.lo, like)}～{show(iv.hi, like)}"
    return show(iv.mid, like, differ)


def _same_number(a: str, b: str) -> bool:
    try:
        return float(a) == float(b)
    except ValueError:
        return False


def percent(iv: Interval, stated: Figure) -> str:
    """A computed percentage, one decimal finer than the stated one (95.12 for 95.1); a
    trailing zero beyond the stated precision is dropped (95.0, not 95.00)."""
    value = next((x for x in (iv.mid, iv.lo, iv.hi) if math.isfinite(x)), iv.mid)
    shown = format_decimal(value, stated.decimals + 1)
    if shown.endswith("0"):
        shown = shown[:-1].rstrip(".")
    if iv.hi == INF and math.isfinite(iv.lo):
        shown = "≥" + shown  # divided by a figure that may be as small as zero (0.0, 0%)
    return shown


def as_written(iv: Interval, value: float) -> Interval:
    """The value computed from the figures as written, when the interval allows it: shown
    instead of the interval's middle, which a bound clipped at zero pulls aside (5% − 0%
    is 5 points, though 0% stands for [0, 0.5] and the middle of [4, 5.5] is 4.75)."""
    return Interval(value, value) if iv.meets(Interval(value, value)) else iv


def plain(x):
    """JSON-friendly numbers: 39.0 → 39, 95.1219512… → 95.121951, ±inf → None."""
    if isinstance(x, list):
        return [plain(v) for v in x]
    if not isinstance(x, float):
        return x
    if x in (INF, -INF):
        return None
    x = round(x, 6)
    return int(x) if x.is_integer() else x
