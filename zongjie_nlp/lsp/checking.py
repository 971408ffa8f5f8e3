"""Checking a document as an editor holds it: the findings, the places they mark, their fixes
and what a hover says about a rule.  No LSP types here: :mod:`.server` turns these into the
protocol's, so this part is tested (and usable) without pygls.

An aggregated finding (every half-width comma of a page, in one finding) becomes one place per
occurrence, each with the finding's message: an editor underlines each comma and offers each
one's fix under the cursor.  One diagnostic with ``relatedInformation`` would underline only
the first and leave the others to a list that many clients (Neovim's among them) never show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..model import Finding, Rule
from .settings import Settings, document_config


@dataclass(frozen=True)
class Place:
    """One place a finding marks: its own span, or one more occurrence of an aggregated
    finding; ``fix`` is that place's fix as JSON (``Fix.to_json``), if it has one."""

    finding: Finding
    start: int
    end: int
    fix: Optional[dict] = None

    @property
    def safe_fix(self) -> Optional[dict]:
        """The fix ``zongjie-lint --fix`` would apply here, if any."""
        return self.fix if self.fix and self.fix["applicability"] == "safe" else None


@dataclass(frozen=True)
class Checked:
    """A document's text as checked (normalised: ``Finding`` offsets point into it), whether
    the editor's copy starts with a byte-order mark, the findings as ``zongjie-lint`` reports
    them, and their places.  ``error`` is the one-line reason nothing could be checked (a
    broken config file, a document over the size limit)."""

    text: str
    bom: bool = False
    findings: tuple[Finding, ...] = ()
    places: tuple[Place, ...] = ()
    error: Optional[str] = None
    rules: dict[str, Rule] = field(default_factory=dict)


def places_of(finding: Finding) -> list[Place]:
    """The finding's own span, then each occurrence in ``details`` at another span."""
    places = [Place(finding, finding.start, finding.end, finding.fix.to_json() if finding.fix else None)]
    seen = {(finding.start, finding.end)}
    for detail in finding.occurrences:
        start, end = detail.get("start"), detail.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            continue  # a detail that says something else about the finding (its kind …)
        if (start, end) in seen:
            if (start, end) == (finding.start, finding.end) and places[0].fix is None and detail.get("fix"):
                places[0] = Place(finding, start, end, detail["fix"])
            continue
        seen.add((start, end))
        places.append(Place(finding, start, end, detail.get("fix")))
    return places


def check_document(text: str, path: Optional[str], settings: Settings) -> Checked:
    """Check a document's text as ``zongjie-lint FILE`` checks the file (the same config file,
    size limit and findings, messages in the document's script), with the editor's settings."""
    from ..checks import all_rules
    from ..errors import ZongjieError
    from ..linter import lint_source
    from ..source import read_source, too_large

    bom = text.startswith("\ufeff")
    source = read_source(text, path)
    try:
        config, select, ignore = document_config(settings, path)
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > config.max_size_mb * 1e6:
            raise too_large(path, size, config.max_size_mb, "document")
        findings = [f for f in lint_source(source, config, select, ignore) if not f.verified]
        rules = all_rules(config.extra_rules)
    except ZongjieError as err:
        return Checked(source.text, bom, error=str(err))
    places = tuple(place for finding in findings for place in places_of(finding))
    return Checked(source.text, bom, tuple(findings), places, rules=rules)


def rule_help(rule: Rule) -> str:
    """What a hover shows about a rule, in Markdown: the title line of ``zongjie rules ID``,
    the summary and the rationale (which ends with its source, “来源：…”)."""
    fixable = ", fixable" if rule.fixable else ""
    rationale = rule.rationale.strip().replace("\n", "  \n")
    return f"**{rule.id}** `{rule.name}`  [{rule.category}, {rule.severity}{fixable}]\n\n{rule.summary}\n\n{rationale}"
