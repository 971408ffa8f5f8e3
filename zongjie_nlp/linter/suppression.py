"""Per-line suppression, as in flake8 and ruff.

``zongjie: ignore[ZJ401,ZJ402]`` (or a bare ``zongjie: ignore``) at the end of a line
silences that line; on a line of its own (a comment line such as
``<!-- zongjie: ignore[ZJ401] -->``) it silences the next line.  An aggregated finding
(one finding for several occurrences) is silenced occurrence by occurrence, each on its
own line, so one directive never hides the occurrences elsewhere.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, Optional

import regex

from ..cache import compile_regex
from ..model import Finding, Occurrences

DIRECTIVE_CUE = "zongjie:"  # every directive holds it
DIRECTIVE = compile_regex(r"zongjie:\s*ignore(?:\[(?P<codes>[A-Za-z0-9_,\s-]+)\])?")


def suppressed_lines(text: str) -> dict[int, Optional[set[str]]]:
    """Line number → the rule ids silenced there (``None`` = all rules)."""
    result: dict[int, Optional[set[str]]] = {}
    for number, line in _lines_with_cue(text):
        m = DIRECTIVE.search(line)
        if not m:
            continue
        codes = {c.strip().upper() for c in regex.split(r"[,\s]+", m.group("codes") or "") if c.strip()} or None
        own_line = not regex.sub(r"<!--|-->|#|//|\s", "", line[: m.start()] + line[m.end():])
        target = number + 1 if own_line else number
        for line_no in (number, target):
            previous = result.get(line_no, set())
            result[line_no] = None if codes is None or previous is None else previous | codes
    return result


def _lines_with_cue(text: str) -> Iterator[tuple[int, str]]:
    """The lines holding ``zongjie:`` (a directive needs it), with their 1-based numbers: the
    text is searched, not split into lines (a 20 MB page has hundreds of thousands)."""
    line_start = number = counted = 0
    while (at := text.find(DIRECTIVE_CUE, line_start)) >= 0:
        line_start = text.rfind("\n", 0, at) + 1
        number += text.count("\n", counted, line_start)
        counted = line_start
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        yield number + 1, text[line_start:line_end]
        line_start = line_end + 1


def apply_suppression(findings: Iterable[Finding], text: str) -> list[Finding]:
    """The findings that no directive in ``text`` silences."""
    lines = suppressed_lines(text)
    if not lines:
        return list(findings)

    def silenced(finding: Finding, line: int) -> bool:
        codes = lines.get(line, set())
        return codes is None or any(finding.rule.startswith(code) or finding.category == code.lower() for code in codes)

    kept = []
    for finding in findings:
        if _is_aggregate(finding):
            finding = _suppress_occurrences(finding, lambda line, f=finding: silenced(f, line))
            if finding is not None:
                kept.append(finding)
        elif not silenced(finding, finding.line):
            kept.append(finding)
    return kept


def _is_aggregate(finding: Finding) -> bool:
    """One finding standing for several occurrences, each in ``details`` (the first at the
    finding's own span): suppression applies to each occurrence on its own line."""
    details = finding.details
    if isinstance(details, Occurrences):
        return len(details) > 1 and (details[0]["start"], details[0]["end"]) == (finding.start, finding.end)
    return len(details) > 1 and all(isinstance(d, dict) and {"start", "end", "line", "col"} <= d.keys() for d in details) \
        and (details[0]["start"], details[0]["end"]) == (finding.start, finding.end)


def _suppress_occurrences(finding: Finding, silenced: Callable[[int], bool]) -> Optional[Finding]:
    """The aggregated finding without its silenced occurrences (``None`` if none is left);
    when the first goes, the finding moves to the first that stays, fix included."""
    from ..model import Fix

    details = tuple(d for d in finding.details if not silenced(d["line"]))
    if not details:
        return None
    if len(details) == len(finding.details):
        return finding
    first = details[0]
    if (first["start"], first["end"]) == (finding.start, finding.end):
        return finding._replace(details=details)
    fix = Fix(**first["fix"]) if first.get("fix") else None
    return finding._replace(details=details, start=first["start"], end=first["end"], line=first["line"],
                   col=first["col"], end_line=first["line"], end_col=first["col"] + first["end"] - first["start"],
                   fix=fix)
