"""Linting one input: checks, then suppression, then the severity threshold, then messages in
the document's own script.

``zongjie_nlp.check()`` goes through :func:`lint_report` (a parsed report), the command line and
its ``--jobs`` workers through :func:`lint_source` (an input read a segment at a time); both end
in :func:`_finish`, and the segments' findings are those of the whole report
(``tests/test_segments.py``), so a finding is the same whichever way it was asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional

from ..cache import compile_regex
from ..model import SEVERITY_ORDER, Finding, Report
from .config import Config
from .suppression import apply_suppression

if TYPE_CHECKING:
    from ..source import Source


def lint_report(
    report: Report,
    config: Optional[Config] = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    show_verified: bool = False,
    previous: Optional[Report] = None,
) -> list[Finding]:
    """Checks, then suppression, then the severity threshold.  ``previous``: last year's
    summary, parsed; the report is then also checked against it (ZJ216)."""
    from ..checks import run_checks

    config = config or Config()
    findings = run_checks(report, **_check_options(config, select, ignore, show_verified, previous))
    return _finish(findings, report.text, report.script, config)


def lint_source(
    source: Source,
    config: Optional[Config] = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    show_verified: bool = False,
    workers: int = 1,
    previous: Optional[Report] = None,
    observe: Optional[Callable[[Report], None]] = None,
) -> list[Finding]:
    """:func:`lint_report` of one input, parsed and checked a segment of documents at a time
    (:meth:`zongjie_nlp.parser.Page.segments`; the same findings): memory grows with the
    segment, not the input.  With ``workers`` > 1 the segments of a long input are checked in
    that many processes (forked, where the platform can).  ``previous``: as for
    :func:`lint_report`.

    ``observe`` is called with each segment's report before it is let go: how a caller counts
    what the parse found (documents, outline points, quantities) without a second parse.  With
    ``workers`` > 1 the reports it gets hold no documents."""
    from ..checks import join_segments
    from ..parser import read_page
    from .segments import check_segments

    config = config or Config()
    options = _check_options(config, select, ignore, show_verified, previous)
    page = read_page(source)
    segments = check_segments(page, options, workers)
    if observe is not None:
        segments = _observed(segments, observe)
    findings = join_segments(segments, config.extra_rules)
    return _finish(findings, page.text, page.script, config)


def _observed(segments: Iterator[tuple[Report, list[Finding]]],
              observe: Callable[[Report], None]) -> Iterator[tuple[Report, list[Finding]]]:
    for report, findings in segments:
        observe(report)
        yield report, findings


def _check_options(config: Config, select: Iterable[str], ignore: Iterable[str], show_verified: bool,
                   previous: Optional[Report] = None) -> dict:
    """The keyword arguments of :func:`zongjie_nlp.checks.run_checks` for a configuration and
    the command line's selection (and last year's summary, when there is one)."""
    return dict(
        previous=previous,
        select=list(select) or config.select,
        ignore=[*config.ignore, *ignore],
        config=config.as_check_config(),
        show_verified=show_verified,
        genre=config.genre,
        norm=config.norm,
        extra_rules=config.extra_rules,
    )


def _finish(findings: list[Finding], text: str, script: str, config: Config) -> list[Finding]:
    """Suppression comments, the severity threshold, messages in the document's script."""
    findings = apply_suppression(findings, text)
    threshold = SEVERITY_ORDER[config.severity]
    findings = [f for f in findings if f.verified or SEVERITY_ORDER[f.severity] >= threshold]
    if script == "traditional" and findings:
        findings = _in_traditional(findings, text)
    return findings


_QUOTED = compile_regex(r"“([^“”]{1,40})”")


def _in_traditional(findings: list[Finding], text: str = "") -> list[Finding]:
    """Messages are written in simplified Chinese; a traditional document gets them in its script
    (``findings`` is converted in place and returned).

    Text quoted “…” that is the document's own text (the finding's span or a ``details`` text)
    is kept as written: converting it would misquote, e.g. a simplified character reported in
    a traditional document."""
    from ..script import to_traditional_chars

    # A message is cut into pieces, the quotes of the document's own text kept as they are;
    # a long page repeats its messages, so each (message, kept quotes) is cut once.
    plans: dict[tuple, list[tuple[str, bool]]] = {}
    quotes_of: dict[str, tuple[tuple[tuple[int, int], str], ...]] = {}
    keys = []
    for f in findings:
        if "“" in f.message:
            quotes = quotes_of.get(f.message)
            if quotes is None:
                quotes = quotes_of[f.message] = tuple((m.span(1), m.group(1)) for m in _QUOTED.finditer(f.message))
            kept = tuple(span for span, quoted in quotes if _is_verbatim(quoted, f, text))
        else:
            kept = ()  # nothing quoted (most messages of a long page): the texts are not needed
        key = (f.message, kept)
        if key not in plans:
            pieces, pos = [], 0
            for start, end in kept:
                pieces += [(f.message[pos:start], True), (f.message[start:end], False)]
                pos = end
            pieces.append((f.message[pos:], True))
            plans[key] = pieces
        keys.append(key)
    # One OpenCC call for every distinct piece to convert (messages hold no newline).
    distinct = list(dict.fromkeys(piece for pieces in plans.values() for piece, convert in pieces if convert))
    converted = dict(zip(distinct, to_traditional_chars("\n".join(distinct)).split("\n")))
    messages = {key: "".join(converted[piece] if convert else piece for piece, convert in pieces)
                for key, pieces in plans.items()}
    for i, (f, key) in enumerate(zip(findings, keys)):  # in place: a long page holds one list of findings
        if messages[key] != f.message:
            findings[i] = f._replace(message=messages[key])
    return findings


def _is_verbatim(quoted: str, finding: Finding, text: str) -> bool:
    """Whether ``quoted`` is the finding's own span of ``text`` or one of its occurrences'
    texts (looked up only when it is not the span, as it mostly is)."""
    return quoted == text[finding.start:finding.end] or quoted in finding.occurrence_texts()
