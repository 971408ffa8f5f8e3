"""A stated relation, and the registry of relation kinds that find them.

A summary states relations between its figures (a rate and its counts, a total and its
parts, a growth rate and two years' values, a declared number of items and the list).  A
*kind* knows one such relation: its cue words (``rules/relations/<kind>.yaml``) and how to
tell which figure plays which role.  It returns :class:`StatedRelation` objects, typed
and complete — operands with their roles, the stated figure, the computed interval — and
never reports anything itself: the arithmetic check judges and emits, drafting and the
HTML report read the same objects.
"""

from __future__ import annotations

from typing import Callable, Iterable, Literal, Optional

from ..model import Record, RelationDetail, RelationOperand
from .figures import Figure, Scope
from .interval import Interval
from .show import plain

# How the computed interval is compared with the stated figure:
#   equal     the stated figure is the computed value (95.1% = 39/41), to its rounding;
#   at-most   the computed value cannot exceed the stated one (parts of a total);
#   at-least  the computed value cannot be below the stated one (a cumulative figure
#             against this year's);
#   undefined the text states a value that cannot be computed (a rate of zero cases).
Test = Literal["equal", "at-most", "at-least", "undefined"]


class StatedRelation(Record):
    """One relation the text states, ready to be judged.

    ``asserted`` is False for a reading the words allow but do not force (其中 after the
    previous sentence's total, 还有 without 其余): such a relation is worth showing when it
    holds and is never reported when it does not.  ``messages`` are what a reader is told
    when it holds and when it fails."""

    kind: str  # the relation's name (rate, parts, growth, points …): a kind may state several
    rule: str
    stated: Figure
    operands: tuple[tuple[str, Figure], ...]
    computed: Interval
    expression: str  # the computation as written: "39 ÷ 41", "126 × 1500元"
    computed_text: str  # its result written like the stated figure: "95.12%"
    messages: tuple[str, str]  # (verified, failed)
    test: Test = "equal"
    asserted: bool = True
    span: Optional[tuple[int, int]] = None  # the finding's span, when not the stated figure's
    severity: Optional[str] = None  # a failed relation's severity, when not the rule's
    # The detail keys earlier versions wrote; None: each operand's role and value.
    legacy: Optional[tuple[tuple[str, object], ...]] = None
    stated_role: str = "stated"

    @property
    def holds(self) -> bool:
        """Does the stated figure agree with what its operands give, to its rounding?"""
        if self.test == "undefined":
            return False
        if self.test == "at-most":
            return self.computed.lo <= self.stated.iv.hi + 1e-9 * max(1.0, abs(self.stated.iv.hi))
        if self.test == "at-least":
            return self.computed.may_exceed(self.stated.iv)
        return self.computed.meets(self.stated.iv)

    @property
    def where(self) -> tuple[int, int]:
        return self.span or (self.stated.start, self.stated.end)

    @property
    def message(self) -> str:
        return self.messages[0] if self.holds else self.messages[1]

    @property
    def formula(self) -> str:
        """The relation as a reader checks it: ``39 ÷ 41 = 95.12% ≈ 95.1% ✓``."""
        holds = self.holds
        stated = self.stated.text.strip()
        same = self.computed_text in (stated, self.stated.numeral)
        left = self.expression + (f" = {self.computed_text}" if self.computed_text and not (holds and same) else "")
        if self.test == "at-most":
            sign = "≤" if holds else ">"
        elif self.test == "at-least":
            sign = "≥" if holds else "<"
        elif not holds:
            sign = "≠"
        else:
            sign = "=" if same or not self.computed_text else "≈"
        return f"{left} {sign} {stated} {'✓' if holds else '✗'}"

    @property
    def _legacy(self) -> tuple[tuple[str, object], ...]:
        if self.legacy is not None:
            return self.legacy
        return tuple((role, figure.value) for role, figure in self.operands)

    def detail(self) -> RelationDetail:
        """The typed detail an arithmetic finding carries."""
        roles = [*self.operands, (self.stated_role, self.stated)] if not any(
            f is self.stated for _, f in self.operands) else list(self.operands)
        return RelationDetail(
            relation=self.kind,
            operands=tuple(RelationOperand(role, f.start, f.end, f.text, plain(f.value)) for role, f in roles),
            computed=plain(round(self.computed.finite_point, 4)),
            stated=plain(self.stated.value),
            computed_range=(plain(self.computed.lo), plain(self.computed.hi)),
            stated_range=(plain(self.stated.iv.lo), plain(self.stated.iv.hi)),
            formula=self.formula,
            holds=self.holds,
            legacy=tuple((k, plain(v) if not isinstance(v, list) else [plain(x) for x in v]) for k, v in self._legacy),
        )


Finder = Callable[[Scope], Iterable[StatedRelation]]


class RelationKind(Record):
    """A kind of relation: its name (``rules/relations/<name>.yaml`` holds its cue words and
    its examples, which ``tests/test_relations.py`` runs), the rules it reports under, and
    the finder."""

    name: str
    rules: tuple[str, ...]
    find: Finder
    summary: str = ""


REGISTRY: dict[str, RelationKind] = {}


def register(name: str, rules: tuple[str, ...], summary: str = "") -> Callable[[Finder], Finder]:
    """Decorator: ``@register("rate", ("ZJ201",))`` on a kind's finder."""

    def wrap(find: Finder) -> Finder:
        if name in REGISTRY:
            raise ValueError(f"relation kind {name!r} registered twice")
        REGISTRY[name] = RelationKind(name, rules, find, summary)
        return find

    return wrap
