"""The JSON the command line prints, as a library: findings, the outline, the list of rules.

``zongjie-lint --format json``, ``zongjie outline --format json`` and ``zongjie rules --format
json`` print these, and so does the HTTP API (:mod:`zongjie_nlp.service`): one function each,
so that the two can never print different JSON for the same input.
"""

from __future__ import annotations

import json
from typing import Iterable, Iterator

from ..model import Finding, Report, Rule, detail_json


def findings_pieces(findings: Iterable[Finding]) -> Iterator[str]:
    """The findings as a JSON list, one finding per line, in pieces made as they are written
    (a long page's report is never one string).  json's C encoder (not used with ``indent``)
    keeps it fast."""
    opening = "[\n "
    for f in findings:
        if len(f.details) > DETAILS_PIECE:
            yield opening
            yield from _long_finding_pieces(f)
        else:
            yield opening + json.dumps(f.to_json(), ensure_ascii=False)
        opening = ",\n "
    yield "[]" if opening == "[\n " else "\n]"


# Details written per piece.  An aggregated finding holds every occurrence of a page (tens of
# thousands of half-width commas): its details as one list of dicts, then one string, took
# more memory than the rest of the report.
DETAILS_PIECE = 1000


def _long_finding_pieces(f: Finding) -> Iterator[str]:
    """One finding as ``json.dumps(f.to_json())`` writes it, its details a piece at a time."""
    head = json.dumps(f._replace(details=(), verified=False).to_json(), ensure_ascii=False)
    yield head[:-1] + ', "details": ['  # the details follow "fix", the last key of ``head``
    separator = ""
    for i in range(0, len(f.details), DETAILS_PIECE):
        chunk = f.details[i: i + DETAILS_PIECE]
        # one list, its brackets cut off: the C encoder writes the items with ", " between
        # them, as one call per item would, and is called once per piece
        yield separator + json.dumps([detail_json(d) for d in chunk], ensure_ascii=False)[1:-1]
        separator = ", "
    yield "]" + (', "verified": true' if f.verified else "") + "}"


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
