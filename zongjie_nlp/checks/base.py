"""What every check shares: the context a check runs in, and how a finding is made from
offsets (line and column are derived here, in one place).  Rules and their examples are
model types (:class:`~zongjie_nlp.model.Rule`); the categories are data
(``rules/categories.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from ..model import Finding, Fix, Report, Rule
from ..resources import categories

# The categories' names, from rules/categories.yaml (the one list of them).
CATEGORIES = tuple(category.name for category in categories())

# Rules that hold GB/T 15834/15835/9704 practice, which Hong Kong and Taiwan texts do not follow.
GB_ONLY = ("gb",)


def rule_factory(source: str, category: Optional[str] = None) -> Callable[..., Rule]:
    """A short constructor for the rules a logic-check module declares.  With ``category``
    fixed, calls are ``make(id, name, severity, summary, why, examples, fixable=False)``;
    without, ``make(id, name, category, severity, summary, why, examples, fixable=False)``."""

    def make(id: str, name: str, *fields, fixable: bool = False, norms: tuple[str, ...] = ("gb", "tw", "hk")) -> Rule:
        rule_category, severity, summary, why, examples = ((category, *fields) if category else fields)
        return Rule(id, name, rule_category, severity, summary, why, tuple(examples), fixable, source, norms=norms)

    return make


@dataclass
class Context:
    """Everything a check may read; ``emit`` turns offsets into a :class:`Finding`."""

    report: Report
    rules: dict[str, Rule]
    config: dict = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    genre: Optional[str] = None  # the user's --genre; None: each document's detected genre
    norm: Optional[str] = None  # the user's --norm; None: the norm detected in the text
    extra_rules: tuple[str, ...] = ()  # folders of the users' own rule files (extra-rules)

    @property
    def text(self) -> str:
        return self.report.text

    @property
    def view(self) -> str:
        """Simplified view of the text, aligned char-for-char (rules are written in simplified)."""
        return self.report.simplified

    def emit(
        self,
        rule_id: str,
        start: int,
        end: int,
        message: str,
        fix: Optional[Fix] = None,
        details: Iterable[dict] = (),
        verified: bool = False,
        severity: Optional[str] = None,
    ) -> None:
        rule = self.rules[rule_id]
        line, col = self.report.line_col(start)
        end_line, end_col = self.report.line_col(max(start, end - 1)) if end > start else (line, col)
        self.findings.append(
            Finding(
                rule=rule_id,
                category=rule.category,
                severity=severity or rule.severity,  # type: ignore[arg-type]
                message=message,
                start=start,
                end=end,
                line=line,
                col=col,
                end_line=end_line,
                end_col=end_col + (1 if end > start else 0),
                path=self.report.path,
                fix=fix,
                details=tuple(details),
                verified=verified,
            )
        )


CheckFunction = Callable[[Context], None]


@dataclass(frozen=True)
class LogicCheck:
    """A check written in Python: the rules it may emit and the function that runs it."""

    rules: tuple[Rule, ...]
    run: CheckFunction

    @property
    def name(self) -> str:
        """The family's name: its module's (numbering, arithmetic…)."""
        return self.run.__module__.rsplit(".", 1)[-1]
