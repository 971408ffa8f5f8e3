"""zongjie_nlp: parse, check and draft Chinese work summaries (工作总结 / 工作總結).

    >>> import zongjie_nlp
    >>> report = zongjie_nlp.parse("corpora/seed/union-annual-summaries.txt")
    >>> findings = zongjie_nlp.check(report)

Importing this package is cheap: the heavy parts (spaCy, jieba's dictionary, python-docx)
are imported only by the functions that need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .model import Finding, Report


def parse(source: Any) -> "Report":
    """Parse a path, bytes or text into a :class:`~zongjie_nlp.model.Report`.

    A ``str`` is read as a path when it is one line naming an existing file, else as text."""
    from .parser import parse as _parse

    return _parse(source)


def check(
    source: Any, select: Iterable[str] = (), ignore: Iterable[str] = (), show_verified: bool = False
) -> "list[Finding]":
    """Lint a report (or anything :func:`parse` accepts) and return its findings."""
    from .lint import lint_report
    from .model import Report

    report = source if isinstance(source, Report) else parse(source)
    return lint_report(report, select=select, ignore=ignore, show_verified=show_verified)


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
