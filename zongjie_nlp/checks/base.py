"""What every check shares: the context a check runs in, and how a finding is made from
offsets (line and column are derived here, in one place).  Rules and their examples are
model types (:class:`~zongjie_nlp.model.Rule`), written as entries of ``rules/*.yaml``;
the categories are data (``rules/categories.yaml``)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..model import Finding, Fix, Occurrences, Report, Rule


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
    show_verified: bool = False  # whether findings that check out are kept (checks may skip them)
    previous: Optional[Report] = None  # last year's summary, for the checks against it (ZJ216)

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
                message=sys.intern(message),  # a long page repeats its messages: one string for each
                start=start,
                end=end,
                line=line,
                col=col,
                end_line=end_line,
                end_col=end_col + (1 if end > start else 0),
                path=self.report.path,
                fix=fix,
                details=details if isinstance(details, Occurrences) else tuple(details),
                verified=verified,
            )
        )
