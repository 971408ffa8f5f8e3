"""The JSON the command line prints, as a library: findings, the outline, the list of rules.

``zongjie-lint --format json``, ``zongjie outline --format json`` and ``zongjie rules --format
json`` print these, and so does the HTTP API (:mod:`zongjie_nlp.service`): one function each,
so that the two can never print different JSON for the same input.
"""

from __future__ import annotations

import json
from typing import Iterable, Iterator

from ..model import Finding, Report, Rule


def findings_pieces(findings: Iterable[Finding]) -> Iterator[str]:
    """The findings as a JSON list, one finding per line, in pieces made as they are written
    (a long page's report is never one string).  json's C encoder (not used with ``indent``)
    keeps it fast."""
    opening = "[\n "
    for f in findings:
        yield opening + json.dumps(f.to_json(), ensure_ascii=False)
        opening = ",\n "
    yield "[]" if opening == "[\n " else "\n]"


def findings_json(findings: Iterable[Finding]) -> str:
    """The findings as ``zongjie-lint --format json`` prints them (without the final newline)."""
    return "".join(findings_pieces(findings))


def outline_json(report: Report) -> str:
    """The outline as ``zongjie outline --format json`` prints it (without the final newline)."""
    return json.dumps(report.to_json(), ensure_ascii=False, indent=1)


def rules_json(rules: Iterable[Rule]) -> str:
    """The rules as ``zongjie rules --format json`` prints them (without the final newline)."""
    return json.dumps([{"id": r.id, "name": r.name, "category": r.category, "severity": r.severity,
                        "fixable": r.fixable, "norms": list(r.norms), "summary": r.summary} for r in rules],
                      ensure_ascii=False, indent=1)
