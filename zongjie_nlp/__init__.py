"""zongjie_nlp: parse, check and draft Chinese work summaries (工作总结 / 工作總結).

    >>> import zongjie_nlp
    >>> report = zongjie_nlp.parse(path="corpora/seed/union-annual-summaries.txt")
    >>> findings = zongjie_nlp.check(report, select="ZJ2")
    >>> findings = zongjie_nlp.check(text="存款余额6元，比年初增加2亿元。")
    >>> findings = zongjie_nlp.check(text="全县规上企业由上年的36家增加到41家。", previous=zongjie_nlp.parse(text="全县规上企业38家。"))

Importing this package is cheap: the heavy parts (spaCy, jieba's dictionary, python-docx)
are imported only by the functions that need them.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterable

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .model import Finding, Report


def parse(source: Any = None, *, text: "str | None" = None, path: "str | os.PathLike | None" = None) -> "Report":
    """Parse text, a file, or bytes into a :class:`~zongjie_nlp.model.Report`.

    ``parse(text=...)`` parses a str; ``parse(path=...)`` reads a file (.txt, .md, .docx).
    A single positional argument also works: a ``str`` is ALWAYS text (never read as a file
    name, so user text cannot make the library read a file), a ``pathlib.Path`` is read from
    disk, bytes are decoded."""
    from .parser import parse as _parse

    return _parse(source, text=text, path=path)


def _selectors(value: "str | Iterable[str] | None") -> list[str]:
    """``"ZJ4"``, ``"ZJ4,ZJ2"`` or ``["ZJ4", "ZJ2"]`` → ``["ZJ4", "ZJ2"]``: a str is one
    selector (or a comma-separated list), never iterated character by character."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"rule selectors must be str, not {type(item).__name__}")
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def check(
    source: Any = None,
    select: "str | Iterable[str]" = (),
    ignore: "str | Iterable[str]" = (),
    show_verified: bool = False,
    *,
    text: "str | None" = None,
    path: "str | os.PathLike | None" = None,
    previous: "Any" = None,
) -> "list[Finding]":
    """Lint a report (or anything :func:`parse` accepts, or ``text=``/``path=``) and return
    its findings.  ``select``/``ignore``: a rule id, id prefix or category (``"ZJ4"``,
    ``"punctuation"``), a comma-separated str, or a list of them.  An unknown selector gives
    a :class:`UserWarning`, since it would silently select nothing.

    ``previous``: last year's summary (a report, or a ``pathlib.Path`` or bytes to parse; a
    str is text, as for :func:`parse`).  What this text says of last year is then checked
    against it (ZJ216)."""
    import warnings

    from .linter import lint_report, unknown_selectors
    from .model import Report

    select, ignore = _selectors(select), _selectors(ignore)
    for selector in unknown_selectors([*select, *ignore]):
        warnings.warn(f"unknown rule selector {selector!r}", UserWarning, stacklevel=2)
    if isinstance(source, Report) and text is None and path is None:
        report = source
    else:
        report = parse(source, text=text, path=path)
    if previous is not None and not isinstance(previous, Report):
        previous = parse(previous)
    return lint_report(report, select=select, ignore=ignore, show_verified=show_verified, previous=previous)


def load_rules():
    """Every rule (pattern rules from ``rules/`` and logic checks) by id."""
    from .checks import all_rules

    return all_rules()


def draft(spec: Any, fmt: str = "text", path: "str | None" = None) -> str:
    """Render a summary spec (dict, or path to YAML/JSON/TOML) as text or Markdown; with
    ``path`` also write it there (.txt, .md or .docx, by extension; a .docx returns its path)."""
    from .drafting.api import draft as _draft

    return _draft(spec, fmt=fmt, path=path)


def to_spec(report: "Report") -> dict:
    """Recover an editable spec (sections, points, figures as placeholders) from a parse."""
    from .drafting.api import to_spec as _to_spec

    return _to_spec(report)


__all__ = ["parse", "check", "draft", "to_spec", "load_rules", "__version__"]
