"""Linting one parsed report: checks, then suppression, then the severity threshold, then
messages in the document's own script.

``zongjie_nlp.check()``, the command line and the ``--jobs`` workers all go through
:func:`lint_report`, so a finding is the same whichever way it was asked for.
"""

from __future__ import annotations

from typing import Iterable, Optional


from ..cache import compile_regex
from ..model import SEVERITY_ORDER, Finding, Report
from .config import Config
from .suppression import apply_suppression


def lint_report(
    report: Report,
    config: Optional[Config] = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    show_verified: bool = False,
) -> list[Finding]:
    """Checks, then suppression, then the severity threshold."""
    from ..checks import run_checks

    config = config or Config()
    findings = run_checks(
        report,
        select=list(select) or config.select,
        ignore=[*config.ignore, *ignore],
        config=config.as_check_config(),
        show_verified=show_verified,
        genre=config.genre,
        norm=config.norm,
        extra_rules=config.extra_rules,
    )
    findings = apply_suppression(findings, report.text)
    threshold = SEVERITY_ORDER[config.severity]
    findings = [f for f in findings if f.verified or SEVERITY_ORDER[f.severity] >= threshold]
    if report.script == "traditional" and findings:
        findings = _in_traditional(findings, report.text)
    return findings


_QUOTED = compile_regex(r"“([^“”]{1,40})”")


def _in_traditional(findings: list[Finding], text: str = "") -> list[Finding]:
    """Messages are written in simplified Chinese; a traditional document gets them in its script.

    Text quoted “…” that is the document's own text (the finding's span or a ``details`` text)
    is kept as written: converting it would misquote, e.g. a simplified character reported in
    a traditional document."""
    from dataclasses import replace

    from ..script import to_traditional_chars

    plans = []  # per finding: its message cut into (text, convert?) pieces
    for f in findings:
        verbatim = {text[f.start:f.end]} | {d["text"] for d in f.occurrences if isinstance(d.get("text"), str)}
        pieces, pos = [], 0
        for m in _QUOTED.finditer(f.message):
            if m.group(1) in verbatim:
                pieces += [(f.message[pos:m.start(1)], True), (m.group(1), False)]
                pos = m.end(1)
        pieces.append((f.message[pos:], True))
        plans.append(pieces)
    # One OpenCC call for every distinct piece to convert (messages repeat; they hold no newline).
    distinct = list(dict.fromkeys(piece for pieces in plans for piece, convert in pieces if convert))
    converted = dict(zip(distinct, to_traditional_chars("\n".join(distinct)).split("\n")))
    out = []
    for f, pieces in zip(findings, plans):
        message = "".join(converted[piece] if convert else piece for piece, convert in pieces)
        out.append(replace(f, message=message) if message != f.message else f)
    return out
