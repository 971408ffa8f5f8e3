"""Fixes: the edits the findings offer, and writing them back to the file as it is stored.

A fix is an offset range into ``report.text`` (BOM removed, newlines normalised).  Writing
it back maps those offsets onto the raw decoded file, so the file keeps its encoding, its
BOM (or none) and its line endings, and only the fixed spans change.  The command line only
prints what :func:`fix_file` and :func:`fix_and_relint` return.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from ..model import Finding, Report
from .batch import FileResult
from .config import Config

Edit = tuple[int, int, str]


def finding_fixes(finding: Finding) -> list[dict]:
    """Every fix a finding offers, as JSON dicts: its own, and one per occurrence of an
    aggregated finding (in ``details``)."""
    fixes = [finding.fix.to_json()] if finding.fix else []
    fixes += [d["fix"] for d in finding.occurrences if d.get("fix")]
    return fixes


def fix_edits(findings: Iterable[Finding], unsafe: bool = False) -> list[Edit]:
    """Non-overlapping ``(start, end, replacement)`` edits from the findings' fixes.

    Aggregated findings carry one fix per occurrence in ``details``.  Overlapping edits
    keep the first (by position) so no fix can clobber another."""
    allowed = {"safe", "unsafe"} if unsafe else {"safe"}
    edits = []
    for finding in findings:
        for fix in finding_fixes(finding):
            if fix["applicability"] in allowed:
                edits.append((fix["start"], fix["end"], fix["replacement"]))
    edits.sort()
    kept: list[Edit] = []
    for edit in edits:
        if kept and edit[0] < kept[-1][1]:
            continue
        if kept and edit[:2] == kept[-1][:2]:
            continue
        kept.append(edit)
    return kept


def apply_edits(text: str, edits: list[Edit]) -> str:
    """``text`` with the (sorted, non-overlapping) edits applied."""
    pieces, pos = [], 0
    for start, end, replacement in edits:
        pieces.append(text[pos:start])
        pieces.append(replacement)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


@dataclass(frozen=True)
class FileFix:
    """What fixing one input did, for the caller to print.

    ``error`` says why the fixes were not written (the file stays as it was); ``note`` is
    a remark that is no error (a .docx is never edited in place); ``diff`` holds the lines
    of a unified diff (``--diff``); ``stdout`` the fixed bytes of standard input, in its own
    encoding and line endings; ``fixed`` the newline-normalised text written (``None``:
    nothing was written)."""

    count: int = 0
    fixed: Optional[str] = None
    error: Optional[str] = None
    note: Optional[str] = None
    diff: tuple[str, ...] = ()
    stdout: Optional[bytes] = None


def fix_file(path: str, report: Report, findings: Sequence[Finding], unsafe: bool = False, write: bool = True,
             stdin: Optional[dict[str, bytes]] = None) -> FileFix:
    """Apply the fixes to the file as stored: same encoding and BOM (or none), same line
    endings, only the spans; symlinks are followed and a read-only file is refused.  With
    ``write=False`` the fixes are shown as a diff instead.  ``"-"`` is standard input, whose
    bytes are in ``stdin``: its fixed bytes are returned, never written."""
    import difflib
    import os

    from ..source import normalise, raw_codec
    from .files import write_atomically

    edits = fix_edits(findings, unsafe=unsafe)
    if report.encoding == "docx":
        note = f"{path}: --fix does not edit .docx files in place (use 'zongjie rebuild')" if edits else None
        return FileFix(note=note)
    if not edits and not (write and path == "-"):
        return FileFix()
    if path == "-":
        raw_bytes = (stdin or {}).get("-", b"")
    else:
        try:
            with open(path, "rb") as handle:
                raw_bytes = handle.read()
        except OSError as err:
            return FileFix(error=f"{path}: not fixed: cannot read it again ({(err.strerror or str(err)).lower()})")
    bom, codec = raw_codec(raw_bytes, report.encoding)
    try:
        raw = raw_bytes[len(bom):].decode(codec)
    except UnicodeDecodeError:
        return FileFix(error=f"{path}: not fixed: cannot decode it again as {codec}")
    head = "\ufeff" if raw.startswith("\ufeff") else ""  # a second BOM: not part of the text
    raw = raw[len(head):]
    if normalise(raw) != report.text:
        return FileFix(error=f"{path}: not fixed: the file changed while it was being checked")
    mapping = _normalised_to_raw(raw)
    fixed = apply_edits(raw, [(mapping[s], mapping[e], r) for s, e, r in edits])
    if not write:
        name = "<stdin>" if path == "-" else path
        diff = difflib.unified_diff(raw.splitlines(True), fixed.splitlines(True), name,
                                    name if path == "-" else path + " (fixed)")
        return FileFix(diff=tuple(diff))
    try:
        data = bom + (head + fixed).encode(codec)
    except UnicodeEncodeError:
        return FileFix(error=f"{path}: fixes not written: the result cannot be encoded as {codec}")
    if path == "-":  # the bytes as they came, fixed: same encoding and line endings
        return FileFix(count=len(edits), fixed=normalise(fixed) if edits else None, stdout=data)
    target = os.path.realpath(path)
    if not os.stat(target).st_mode & 0o222 or not os.access(target, os.W_OK):
        return FileFix(error=f"{path}: not fixed: the file is read-only ({len(edits)} "
                             f"fix{'es' if len(edits) != 1 else ''} available; make it writable or use --diff)")
    try:
        write_atomically(path, data)
    except OSError as err:
        reason = (err.strerror or str(err)).lower()
        return FileFix(error=f"{path}: not fixed: cannot write in {os.path.dirname(target) or '.'} ({reason})")
    return FileFix(count=len(edits), fixed=normalise(fixed))


def fix_and_relint(result: FileResult, config: Optional[Config] = None, select: Sequence[str] = (),
                   ignore: Sequence[str] = (), show_verified: bool = False, unsafe: bool = False,
                   write: bool = True, stdin: Optional[dict[str, bytes]] = None,
                   previous: Optional[Report] = None) -> tuple[FileResult, FileFix]:
    """Apply (or show) the fixes of one linted input; after writing, lint the fixed text again
    so that the findings reported, and the exit status, are what remains, not what was fixed.

    ``result`` must hold its report (``keep="report"``).  Returns the result to report (the
    relinted one when fixes were written, with ``error`` set when that failed) and the fix.
    ``previous``: last year's summary the input was checked against, checked against again."""
    from ..parser import parse_source
    from ..source import Source
    from .batch import internal_error
    from .config import split_codes
    from .run import lint_report

    fix = FileFix()
    try:
        fix = fix_file(result.path, result.report, list(result.findings), unsafe, write, stdin)
        if fix.error is not None or fix.fixed is None:
            return result, fix
        report = parse_source(Source(fix.fixed, result.report.path, result.report.encoding))
        findings = lint_report(report, config, split_codes(select), split_codes(ignore), show_verified, previous)
    except Exception as err:  # one file's failure must not cost the others their reports
        return result._replace(error=internal_error(result.path, err)), fix
    return result._replace(findings=tuple(findings), report=report, text=report.text), fix


def _normalised_to_raw(raw: str) -> list[int]:
    """Offset in the newline-normalised text → offset in the raw decoded text."""
    if "\r" not in raw:
        return list(range(len(raw) + 1))
    mapping, i = [], 0
    while i < len(raw):
        mapping.append(i)
        i += 2 if raw[i] == "\r" and raw[i + 1: i + 2] == "\n" else 1
    mapping.append(len(raw))
    return mapping
