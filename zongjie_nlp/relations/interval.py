"""Interval arithmetic for rounded figures.

A figure written with k decimals stands for every value that rounds to it (95.1% is
[95.05, 95.15]); 约/多/余 widen it; counts are exact.  A relation is computed on these
intervals and fails only when the computed interval cannot meet the stated one: the way
XBRL Calculations 1.1 treats rounded facts.  Every relation kind computes with this one
type, so rounding is handled in one place.
"""

from __future__ import annotations

import math
from typing import Iterable, NamedTuple

INF = math.inf


class Interval(NamedTuple):
    """Closed interval [lo, hi] of the values a figure may stand for.

    Immutable, and a named tuple rather than a frozen dataclass: one is built for every
    figure and every step of every computation, and a frozen dataclass takes ten times as
    long to build."""

    lo: float
    hi: float

    @classmethod
    def exact(cls, value: float) -> Interval:
        return cls(value, value)

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

    def may_exceed(self, other: Interval) -> bool:
        """Can a value of this interval be at least a value of ``other``?"""
        return self.hi >= other.lo - 1e-9 * max(1.0, abs(other.lo) if math.isfinite(other.lo) else 1.0)

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    @property
    def finite_point(self) -> float:
        """The middle, or a finite bound when the other is infinite (what a report shows)."""
        return next((x for x in (self.mid, self.lo, self.hi) if math.isfinite(x)), 0.0)

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


def total(intervals: Iterable[Interval]) -> Interval:
    result = Interval(0.0, 0.0)
    for iv in intervals:
        result = result + iv
    return result
