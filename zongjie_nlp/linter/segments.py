"""Checking one input a segment of documents at a time, in this process or in several.

A long page (a collection of summaries, an archive export) is read once for what is decided
for the whole page (:func:`zongjie_nlp.parser.read_page`); its documents are then built and
checked a segment at a time, each segment's outlines and quantities let go once its findings
are out.  With several workers, the segments are checked in forked processes that inherit
the page (nothing of it is copied or pickled); the findings come back in text order.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Iterator, Optional

from ..model import Finding, Report

if TYPE_CHECKING:
    from ..parser import Page, Segment

# What a forked worker checks: set in the parent just before the pool forks.
_page: Optional["Page"] = None
_options: dict = {}


def check_segments(page: "Page", options: dict, workers: int = 1) -> Iterator[tuple[Report, list[Finding]]]:
    """Each segment's report (the page's, without documents, when checked in a worker) and
    its findings (:func:`zongjie_nlp.checks.run_checks` with ``options``), in text order."""
    from ..checks import run_checks

    segments = page.segments(parallel_segment_chars(len(page.text), workers) if workers > 1 else None)
    context = fork_context() if workers > 1 and len(segments) > 1 else None
    if context is None:
        for segment in segments:
            report = page.segment_report(segment)
            yield report, run_checks(report, **options)
        return
    from ..checks import logic_checks

    logic_checks()  # imported once here, before the fork, not once in every worker
    global _page, _options
    _page, _options = page, options
    page_report = page.report(())
    try:
        with context.Pool(min(workers, len(segments))) as pool:
            for findings in pool.imap(_check_segment, segments):
                yield page_report, _shared_messages(findings)
    finally:
        _page, _options = None, {}


# Segments per worker when several check one input: the workers finish together only when each
# gets several (a page of 4 or 5 segments left one of 2 workers idle for a fifth of the run).
SEGMENTS_PER_WORKER = 4
# No shorter segments than this for workers: each costs a report and a pass of every rule.
MIN_PARALLEL_SEGMENT = 60_000


def parallel_segment_chars(length: int, workers: int) -> int:
    """The segment length for ``workers`` processes checking a text of ``length`` characters:
    short enough that each worker gets about :data:`SEGMENTS_PER_WORKER` of them, not shorter
    than :data:`MIN_PARALLEL_SEGMENT`, never longer than one process would use (memory grows
    with the segment)."""
    from .. import parser

    return min(parser.SEGMENT_CHARS, max(MIN_PARALLEL_SEGMENT, length // (workers * SEGMENTS_PER_WORKER)))


def _shared_messages(findings: list[Finding]) -> list[Finding]:
    """``findings`` (changed in place) with each distinct message held once.  In one process
    :meth:`zongjie_nlp.checks.base.Context.emit` interns them; findings that come back from a
    worker were pickled, each segment's messages copies of their own, and a long page's findings
    are held until the page is done."""
    for i, finding in enumerate(findings):
        message = sys.intern(finding.message)
        if message is not finding.message:
            findings[i] = finding._replace(message=message)
    return findings


def _check_segment(segment: "Segment") -> list[Finding]:
    from ..checks import run_checks

    assert _page is not None, "a segment is checked in a worker forked from check_segments"
    return run_checks(_page.segment_report(segment), **_options)


def fork_context():
    """The fork start method where the platform has it (a worker then starts with the page and
    the loaded rules); elsewhere the segments are checked in this process."""
    import multiprocessing

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None
