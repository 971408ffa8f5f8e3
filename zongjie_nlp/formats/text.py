"""``path:line:col: RULE message`` like compilers and ruff, with the source line and a caret."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Iterator

from ..cache import compile_re
from ..model import Finding, LineIndex


# East Asian wide and full-width ranges (Unicode EastAsianWidth W/F, the blocks that occur in
# Chinese text); one regex pass instead of a unicodedata lookup per character, on the stdlib
# engine: a class over a short string costs it a third of what it costs ``regex``.
_WIDE = compile_re(
    "[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF"
    "\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\U00020000-\U0003FFFD]"
)


def display_width(text: str) -> int:
    """Terminal columns: East Asian wide and full-width characters take two."""
    return 2 * len(text) - len(_WIDE.sub("", text))


CONTEXT_BEFORE, CONTEXT_AFTER = 20, 30  # characters of the source line shown around a finding


class SourceLines(Sequence):
    """The lines of a text (as ``text.split("\\n")`` gives them), each sliced when it is read:
    a report shows a few of a long page's lines, and splitting would copy the whole page."""

    def __init__(self, text: str) -> None:
        self.text, self.index = text, LineIndex(text)

    def __len__(self) -> int:
        return len(self.index.starts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        line = (index + len(self) if index < 0 else index) + 1
        if not 1 <= line <= len(self):
            raise IndexError("line out of range")
        return self.text[self.index.line_start(line): self.index.line_end(line)]


def format_finding(finding: Finding, source_lines: Sequence[str], show_source: bool = True) -> str:
    marker = " [*]" if finding.fix and finding.fix.applicability == "safe" else ""
    head = f"{finding.path}:{finding.line}:{finding.col}: {finding.rule}{marker} {finding.message}"
    if not show_source or finding.line > len(source_lines):
        return head
    line = source_lines[finding.line - 1]
    end_col = finding.end_col if finding.end_line == finding.line else len(line) + 1
    span = line[finding.col - 1: max(finding.col, end_col - 1)]
    # Chinese paragraphs are long lines: show a window around the span, not the whole line.
    first = max(0, finding.col - 1 - CONTEXT_BEFORE)
    last = min(len(line), finding.col - 1 + len(span) + CONTEXT_AFTER)
    lead, tail = ("…" if first else ""), ("…" if last < len(line) else "")
    before = lead + line[first: finding.col - 1]
    shown = before + span + line[finding.col - 1 + len(span): last] + tail
    caret = " " * display_width(before) + "^" * max(1, display_width(span))
    return f"{head}\n    {shown}\n    {caret}"


def format_text(findings: list[Finding], texts: dict[str, str], show_source: bool = True) -> str:
    """All findings, grouped in input order, and a closing count like ruff's."""
    return "\n".join(text_lines(findings, texts, show_source))


def text_lines(findings: list[Finding], texts: dict[str, str], show_source: bool = True) -> Iterator[str]:
    """:func:`format_text` a finding at a time (the command line writes them as they come: the
    report of a long page is never one string in memory)."""
    lines_of: dict[str, SourceLines] = {}
    for finding in findings:
        key = finding.path or ""
        if key not in lines_of:
            lines_of[key] = SourceLines(texts.get(key, ""))
        yield format_finding(finding, lines_of[key], show_source)
    problems = [f for f in findings if not f.verified]
    fixable = sum(1 for f in problems if f.has_safe_fix())
    if problems:
        yield (f"Found {len(problems)} problem{'s' if len(problems) != 1 else ''}"
               f" ({fixable} fixable with --fix).")
