"""Drafting: a summary described as data → a well-formed draft (text, Markdown, .docx).

    >>> import zongjie_nlp
    >>> print(zongjie_nlp.draft({"title": "2025年度工会工作总结", "sections": [
    ...     {"heading": "主要工作", "text": "走访慰问困难职工{n}。",
    ...      "figures": {"n": {"value": 240, "unit": "人"}}}]}))
    2025年度工会工作总结
    <BLANKLINE>
    一、主要工作
    <BLANKLINE>
    走访慰问困难职工240人。
    <BLANKLINE>

Numbering, punctuation and arithmetic are right by construction: markers come from the level
(GB/T 9704), prose is cleaned by :mod:`zongjie_nlp.drafting.punct`, and figures are computed
from the spec's exact values (:mod:`zongjie_nlp.drafting.figures`).  ``rebuild`` does the same
for an existing summary; ``to_spec`` recovers a spec from one.  The pieces live in
:mod:`zongjie_nlp.drafting`; this module is the entry point.
"""

from __future__ import annotations

import os
from typing import Any, Optional

from .layout import Block, convert, to_markdown, to_text
from .spec import SpecError, Summary, load_spec, validate, validate_many
from ..errors import ZongjieError
from ..linter import write_output

__all__ = ["draft", "to_spec", "rebuild", "summaries", "summary_blocks", "write_blocks", "SpecError",
           "FORMATS", "format_for_path", "load_spec", "validate", "validate_many"]

FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".docx": "docx"}
FMT_ALIASES = {"text": "text", "txt": "text", "markdown": "markdown", "md": "markdown", "docx": "docx"}


def format_for_path(path: str) -> str:
    ext = os.path.splitext(str(path))[1].lower()
    if ext not in FORMATS:
        raise ZongjieError(f"{path}: unknown output type {ext or '(none)'!r} (use .txt, .md or .docx)")
    return FORMATS[ext]


def summaries(spec: Any) -> list[Summary]:
    """Load (dict, path, or YAML/JSON text) and validate a spec: one :class:`Summary` per document."""
    return validate_many(load_spec(spec))


def summary_blocks(summary: Summary) -> list[Block]:
    """The laid-out draft of one summary, in its script."""
    from .layout import marker

    blocks = [Block("title", summary.title)]
    blocks += [Block("paragraph", p.text) for p in summary.intro]

    def add(node, number: int) -> None:
        kind = "item" if node.item else "heading"
        blocks.append(Block(kind, node.heading.text, node.level, marker(node.level, number)))
        blocks.extend(Block("paragraph", p.text) for p in node.paragraphs)
        for i, point in enumerate(node.points, 1):
            add(point, i)

    for i, section in enumerate(summary.sections, 1):
        add(section, i)
    blocks += [Block("paragraph", p.text) for p in summary.closing]
    sig = summary.signature
    if sig:
        for line in (sig.organization, sig.name):
            if line:
                blocks.append(Block("signature", line))
        if sig.date:
            blocks.append(Block("date", sig.date))
    return convert(blocks, summary.script)


def draft(spec: Any, fmt: Optional[str] = "text", path: Optional[str] = None) -> str:
    """Render a spec (a dict, a path to YAML/JSON/TOML, or YAML text).

    ``fmt`` is ``text`` (default) or ``markdown``; the draft is returned as a string.  With
    ``path``, the draft is also written there, in the format its extension names (``.txt``,
    ``.md`` or ``.docx``; ``fmt=None`` or ``"docx"`` for .docx), and for .docx the path is
    returned.  An invalid spec raises :class:`SpecError` naming the place in the spec."""
    docs = summaries(spec)
    blocks: list[Block] = []
    for summary in docs:
        if blocks:
            blocks.append(Block("break", ""))
        blocks += summary_blocks(summary)
    return _output(blocks, fmt, path, title=docs[0].title)


def rebuild(source: Any, fmt: Optional[str] = "text", path: Optional[str] = None,
            script: Optional[str] = None, documents: Optional[list[int]] = None) -> str:
    """Parse an existing summary (anything :func:`zongjie_nlp.parse` accepts, or a Report),
    apply every safe fix, renumber it and write a clean draft (see :mod:`zongjie_nlp.drafting.rebuild`).
    ``script`` (simplified/traditional) converts it; ``documents`` picks documents (1-based)."""
    from .rebuild import fixed_report, rebuild_blocks
    from ..model import Report

    report = source if isinstance(source, Report) else _parse(source)
    report, _ = fixed_report(report)
    blocks = rebuild_blocks(report, script=script, documents=documents)
    title = next((b.text for b in blocks if b.kind == "title"), "")
    return _output(blocks, fmt, path, title=title)


def to_spec(report: Any, document: Optional[int] = None, fix: bool = True) -> dict:
    """Recover an editable spec from a parsed summary (or anything :func:`zongjie_nlp.parse`
    accepts): sections and points from its headings, paragraphs as text, figures written in
    Arabic digits as ``{name}`` placeholders with ``{value, unit}``.  Safe fixes are applied
    first (``fix=False`` reads the report as it is).  A page of several documents gives
    ``{"documents": [...]}``, unless ``document`` (1-based) picks one."""
    from .rebuild import fixed_report
    from .rebuild import to_spec as _to_spec
    from ..model import Report

    report = report if isinstance(report, Report) else _parse(report)
    if fix:
        report, _ = fixed_report(report)
    return _to_spec(report, document)


def write_blocks(blocks: list[Block], path: str, fmt: Optional[str] = None, title: str = "") -> None:
    """Write laid-out blocks to ``path`` (format from ``fmt`` or the extension)."""
    fmt = FMT_ALIASES.get(fmt or "", None) or format_for_path(path)
    write_output(path, _encoded(blocks, fmt, path, title))


def _encoded(blocks: list[Block], fmt: str, path: str, title: str, text: Optional[str] = None) -> bytes:
    """The file's bytes, made in full before anything is written (a failure leaves no trace)."""
    if fmt == "docx":
        import io

        from .docx_writer import build_document

        buffer = io.BytesIO()
        try:
            build_document(blocks, title=title).save(buffer)
        except OSError as err:
            raise ZongjieError(f"{path}: cannot write ({err.strerror or err})") from None
        return buffer.getvalue()
    if text is None:
        text = to_markdown(blocks) if fmt == "markdown" else to_text(blocks)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise ZongjieError(f"{path}: cannot write: {err.reason} (U+{ord(err.object[err.start]):04X})") from None


def _output(blocks: list[Block], fmt: Optional[str], path: Optional[str], title: str) -> str:
    if path is not None:
        target = FMT_ALIASES.get(fmt or "", None) if fmt not in (None, "text") else None
        target = target or format_for_path(path)
        if target == "docx":
            write_output(path, _encoded(blocks, target, path, title))
            return str(path)
        text = to_markdown(blocks) if target == "markdown" else to_text(blocks)
        write_output(path, _encoded(blocks, target, path, title, text))
        return text
    kind = FMT_ALIASES.get(fmt or "text")
    if kind is None:
        raise ZongjieError(f"unknown format {fmt!r} (text, markdown or docx)")
    if kind == "docx":
        raise ZongjieError("fmt='docx' needs path= (a .docx is a file, not a string)")
    return to_markdown(blocks) if kind == "markdown" else to_text(blocks)


def _parse(source: Any):
    from ..parser import parse

    return parse(source)
