"""Figures of a spec: units, computed figures and how a figure is written.

Arithmetic is done in :class:`~decimal.Decimal` on the exact values of the spec; a
figure is rounded only when it is written, half up (like :func:`zongjie_nlp.numerals.format_decimal`,
but on the exact Decimal).

How amounts are written (money and counts; GB/T 15835: Arabic digits, which may combine
with the magnitude words 万 and 亿):

1. ``value >= 1亿`` and exact at two decimals of 亿 → ``1.5亿元``;
2. ``value >= 1万`` (counts: ``>= 10万``) and exact at two decimals of 万 → ``13.02万元``,
   ``12345万元``, ``12万人`` (so ``41320元``, ``13500人`` stay exact);
3. otherwise, ``value >= 1亿`` → rounded to two decimals of 亿, ``value >= 100万`` → rounded to two
   decimals of 万 (``1234567元`` → ``123.46万元``);
4. otherwise the exact value: ``41320元``, ``542.5元``, ``240人``.

``magnitude: none|万|亿`` on a figure overrides the choice, ``decimals: n`` the precision.
Percentages keep their stated decimals (computed rates: 1 by default): ``86.0%``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Optional

from ..lexicon import classifiers
from ..numerals import APPROX_AFTER, APPROX_BEFORE as QUALIFYING_BEFORE, MORE_AFTER, STATED_BEFORE
from ..script import fold_figures

MONEY_UNITS = {"元": 1, "万元": 10**4, "亿元": 10**8}
PERCENT_UNITS = ("%", "％")
POINT_UNITS = ("个百分点", "百分点")
MAGNITUDES = {"万": 10**4, "亿": 10**8}
COMPUTED = ("ratio", "sum", "difference", "growth", "decline", "per_head")

# Approximation words, by where they are written: numerals' lists, so that a spec may use every
# word the parser reads (and rebuild keeps every word it finds before a figure).
APPROX_BEFORE = (*QUALIFYING_BEFORE, *STATED_BEFORE)
APPROX_AFTER_NUMBER = MORE_AFTER
APPROX_AFTER_UNIT = APPROX_AFTER
APPROX_WORDS = APPROX_BEFORE + APPROX_AFTER_NUMBER + APPROX_AFTER_UNIT

WAN, YI = Decimal(10**4), Decimal(10**8)


@dataclass(frozen=True)
class Unit:
    """A unit as written after the number: ``元``, ``人``, ``家``, ``%``, ``个百分点``."""

    kind: str  # money | count | percent | points
    name: str
    category: Optional[str] = None  # counts: people | orgs | items

    @property
    def additive(self) -> bool:
        return self.kind in ("money", "count")

    def same_measure(self, other: "Unit") -> bool:
        """Two amounts that may be added, subtracted or divided into a rate."""
        if self.kind != other.kind:
            return False
        if self.kind == "count":
            return self.name == other.name or (self.category == other.category == "people"
                                               and {self.name, other.name} <= {"人", "名", "位"})
        return True

    def comparable(self, other: "Unit") -> bool:
        """Two amounts one may be a share of: the same measure, or counts of one category
        (203人 of 640人次 — the people trained among the attendances, as writers put it)."""
        return self.same_measure(other) or (self.kind == other.kind == "count" and self.category is not None
                                            and self.category == other.category)


def known_units() -> list[str]:
    return [*MONEY_UNITS, *PERCENT_UNITS[:1], *POINT_UNITS[:1], *classifiers().category]


def parse_unit(raw: str) -> Optional[tuple[Unit, int]]:
    """``(unit, scale)`` for a unit as a spec writes it (either script), or None if unknown.

    ``万元`` is money with scale 10000; ``万人次`` a count of 人次 with scale 10000."""
    from ..script import to_simplified

    text = to_simplified(str(raw).strip())
    if text in PERCENT_UNITS:
        return Unit("percent", "%"), 1
    if text in POINT_UNITS:
        return Unit("points", "个百分点"), 1
    if text in MONEY_UNITS:
        return Unit("money", "元"), MONEY_UNITS[text]
    scale = 1
    if text[:1] in MAGNITUDES and len(text) > 1:
        scale, text = MAGNITUDES[text[0]], text[1:]
    category = classifiers().category.get(text)
    if category is None:
        return None
    return Unit("count", text, category), scale


@dataclass
class Figure:
    """A resolved figure: its exact value in the base unit and how to write it."""

    name: str
    path: str
    value: Decimal
    unit: Unit
    decimals: Optional[int] = None  # display decimals (None: exact / the rule above)
    approx: str = ""
    magnitude: str = "auto"  # auto | none | 万 | 亿
    computed: Optional[str] = None
    operands: tuple[str, ...] = ()
    trim: bool = False  # drop trailing zeros when the rounded figure is exact (per-head amounts)
    text: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.text:
            self.text = format_figure(self)


def to_decimal(value) -> Optional[Decimal]:
    """A spec value as an exact Decimal (int, float via its repr, numeric string), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "").replace("_", "")
        text = fold_figures(text)
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is not None and number.is_finite():
            return number
        from ..numerals import parse_numeral

        numeral = parse_numeral(value.strip()) if value.strip() else None
        if numeral is not None and not numeral.approx:
            return Decimal(repr(numeral.value)).normalize()
    return None


def written_decimals(value) -> Optional[int]:
    """Decimals as the writer gave them: ``95.1`` → 1, ``86.0`` → 1 (string), ``95`` → 0."""
    if isinstance(value, str):
        number = to_decimal(value)
        if number is None:
            return None
        exponent = number.as_tuple().exponent
        return max(0, -exponent) if isinstance(exponent, int) else 0
    number = to_decimal(value)
    if number is None:
        return None
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def plain(number: Decimal) -> str:
    """Decimal without exponent and without trailing zeros: 130200, 13.02, 542.5."""
    if number == number.to_integral_value():
        return f"{number.quantize(Decimal(1)):f}"
    return f"{number.normalize():f}"


def rounded(number: Decimal, decimals: int) -> str:
    """Round half up, keeping trailing zeros: (85.96, 1) → 86.0."""
    q = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if q == 0:
        q = abs(q)
    return f"{q:f}"


def _exact_at(number: Decimal, places: int) -> bool:
    return number == number.quantize(Decimal(1).scaleb(-places))


def split_magnitude(value: Decimal, magnitude: str = "auto", decimals: Optional[int] = None,
                    wan_from: Decimal = WAN) -> tuple[str, str]:
    """``(number, magnitude word)`` for an amount, by the rule in the module docstring
    (``wan_from``: the smallest amount written with 万, 1万 for money, 10万 for counts)."""
    if magnitude == "auto":
        if value >= YI and _exact_at(value / YI, 2):
            magnitude = "亿"
        elif value >= wan_from and _exact_at(value / WAN, 2):
            magnitude = "万"
        elif decimals is None and value >= YI:
            return rounded(value / YI, 2).rstrip("0").rstrip("."), "亿"
        elif decimals is None and value >= 100 * WAN:
            return rounded(value / WAN, 2).rstrip("0").rstrip("."), "万"
        else:
            magnitude = "none"
    scaled = value / (YI if magnitude == "亿" else WAN if magnitude == "万" else 1)
    word = "" if magnitude == "none" else magnitude
    if decimals is not None:
        return rounded(scaled, decimals), word
    return plain(scaled), word


def format_figure(figure: Figure) -> str:
    """The figure as it appears in the draft (simplified script): ``13.02万元``, ``95.1%``."""
    unit = figure.unit
    before = figure.approx if figure.approx in APPROX_BEFORE else ""
    after_number = figure.approx if figure.approx in APPROX_AFTER_NUMBER else ""
    after_unit = figure.approx if figure.approx in APPROX_AFTER_UNIT else ""
    if unit.kind in ("percent", "points"):
        decimals = figure.decimals if figure.decimals is not None else written_decimals(figure.value) or 0
        number = rounded(figure.value, decimals)
        return f"{before}{number}{after_number}{unit.name}{after_unit}"
    wan_from = WAN if unit.kind == "money" else 10 * WAN
    number, word = split_magnitude(figure.value, figure.magnitude, figure.decimals, wan_from)
    if figure.trim and "." in number and _trim_is_exact(figure, number, word):
        number = number.rstrip("0").rstrip(".")
    return f"{before}{number}{word}{after_number}{unit.name}{after_unit}"


def _trim_is_exact(figure: Figure, number: str, word: str) -> bool:
    """Trailing zeros may go only when the rounded figure is the exact value (542.50 → 542.5);
    a rounded one keeps its decimals (1/3 → 0.33), so that the precision written is honest."""
    scale = YI if word == "亿" else WAN if word == "万" else Decimal(1)
    return Decimal(number) * scale == figure.value


def compute(kind: str, operands: list[Figure]) -> tuple[Decimal, Unit]:
    """Value and unit of a computed figure; raises ValueError with a reader's message."""
    if kind == "sum":
        _same_measure(operands, "sum")
        return sum((f.value for f in operands), Decimal(0)), operands[0].unit
    a, b = operands
    if kind == "difference":
        _same_measure(operands, "difference")
        value = a.value - b.value
        if value < 0:
            raise ValueError(f"difference {a.name} − {b.name} is negative ({plain(value)}); "
                             "swap the operands and word the text accordingly")
        unit = Unit("points", "个百分点") if a.unit.kind == "percent" else a.unit
        return value, unit
    if kind == "ratio":
        _amounts(operands, "ratio")
        _same_measure(operands, "ratio", Unit.comparable)
        if b.value == 0:
            raise ValueError(f"ratio with a zero whole ({b.name} = 0)")
        return a.value / b.value * 100, Unit("percent", "%")
    if kind in ("growth", "decline"):
        _amounts(operands, kind)
        _same_measure(operands, kind)
        if b.value == 0:
            raise ValueError(f"{kind} from zero ({b.name} = 0) has no rate")
        change = (a.value - b.value) if kind == "growth" else (b.value - a.value)
        if change < 0:
            other = "decline" if kind == "growth" else "growth"
            raise ValueError(f"{kind} from {b.name} to {a.name} is negative; use {other}: [{a.name}, {b.name}]")
        return change / b.value * 100, Unit("percent", "%")
    if kind == "per_head":
        _amounts(operands, "per_head")
        if b.unit.kind != "count" or b.unit.category != "people":
            raise ValueError(f"per_head divides by a number of people, not {b.name} ({b.unit.name})")
        if b.value == 0:
            raise ValueError(f"per_head with zero people ({b.name} = 0)")
        return a.value / b.value, a.unit
    raise ValueError(f"unknown computation {kind!r}")


def _amounts(operands: list[Figure], kind: str) -> None:
    for f in operands:
        if not f.unit.additive:
            raise ValueError(f"{kind} needs amounts (money or counts), not {f.name} ({f.unit.name})")


def _same_measure(operands: list[Figure], kind: str, fits=Unit.same_measure) -> None:
    """Refuse operands that cannot be combined (``fits``: a ratio also takes counts of one category)."""
    first = operands[0]
    for f in operands[1:]:
        if not fits(first.unit, f.unit):
            raise ValueError(f"{kind} mixes {first.name} ({first.unit.name}) and {f.name} ({f.unit.name})")


DEFAULT_DECIMALS = {"ratio": 1, "growth": 1, "decline": 1}


def computed_decimals(kind: str, value: Decimal, unit: Unit, stated: Optional[int],
                      operands: tuple[Figure, ...] = ()) -> Optional[int]:
    """Display decimals of a computed figure: stated, else 1 for rates, 2 for per-head amounts
    (trailing zeros dropped when exact), and for sums and differences of percentages or
    points the most decimals its operands are written with (31.7% − 28.4% → 3.3个百分点)."""
    if stated is not None:
        return stated
    if kind in DEFAULT_DECIMALS:
        return DEFAULT_DECIMALS[kind]
    if kind == "per_head":
        return 2
    if unit.kind in ("percent", "points"):
        shown = [f.decimals for f in operands if f.decimals is not None]
        if shown:
            return max(shown)
        exponent = value.normalize().as_tuple().exponent
        return max(0, -exponent) if isinstance(exponent, int) else 0
    return None

