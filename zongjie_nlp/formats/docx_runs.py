"""Offsets into the linted text of a .docx → the Word runs that hold those characters.

``report.text`` of a .docx is its paragraphs joined with ``"\\n"`` in the order
:func:`zongjie_nlp.docx_text.iter_docx_paragraphs` walks them (body, table cells, content controls),
each paragraph's text being python-docx's ``CT_P.text`` (its ``w:r`` and ``w:hyperlink`` runs)
with Word's automatic list label prepended when it has one.  :func:`paragraph_map` walks the
same elements in the same order and checks that the text it rebuilds equals ``report.text``;
:func:`runs_in` then cuts runs so that a span's characters are exactly some runs, each cut a
deep copy of the ``w:r`` with its ``w:rPr``, so every character keeps its formatting.

Comments (:mod:`.docx_comments`) and tracked changes (:mod:`.docx_revisions`) both anchor on
these runs.  A run moved into a ``w:del`` no longer counts as the paragraph's text, and the
text inserted after it shifts what follows, so tracked changes are written from the end of a
paragraph backwards.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from ..docx_text import TEXT_TAGS, item_text, run_text, runs
from ..docx_numbering import _W as W
from ..errors import ZongjieError

__all__ = ["W", "Para", "paragraph_map", "runs", "run_text", "split_run", "split_at", "runs_in", "run_at"]


@dataclass
class Para:
    """One paragraph of the document as the linted text holds it."""

    element: object  # the w:p element
    start: int  # offset of the paragraph's first character (its label, if any) in report.text
    label: str  # Word's automatic list label prepended to the text ("" when none)
    length: int  # len(label) + len(run text)

    @property
    def text_start(self) -> int:
        return self.start + len(self.label)

    @property
    def end(self) -> int:
        return self.start + self.length


def paragraph_map(document, text: str) -> list[Para]:
    """Paragraphs in the order ``source.iter_docx_paragraphs`` reads them, with their offsets;
    :class:`ZongjieError` when they do not rebuild ``text`` exactly."""
    from ..docx_text import iter_docx_paragraphs
    from ..source import normalise

    paras: list[Para] = []
    lines: list[str] = []
    position = 0
    for child, label, _ in iter_docx_paragraphs(document):
        line = label + "".join(run_text(r) for r in runs(child))
        paras.append(Para(child, position, label, len(line)))
        lines.append(line)
        position += len(line) + 1
    rebuilt = "\n".join(lines)
    if normalise(rebuilt) != text:
        raise ZongjieError("cannot place comments: the document's paragraphs do not match the linted text "
                           f"(first difference at offset {_first_difference(normalise(rebuilt), text)})")
    if rebuilt != text:  # a \r\n inside a run: keep offsets exact by refusing rather than guessing
        raise ZongjieError("cannot place comments: the document holds carriage returns inside runs")
    return paras


def _first_difference(a: str, b: str) -> int:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def split_run(r, k: int):
    """Cut run ``r`` before its ``k``-th character; return the new right-hand run.

    Both halves are copies of the same ``w:r`` (same ``w:rPr``); each keeps only its
    side's content.  Content without text (a drawing, a field character) stays on the side
    where it stands; one standing exactly at the cut goes right."""
    from docx.oxml.ns import qn

    right = copy.deepcopy(r)
    left_items = [el for el in r.iterchildren() if el.tag != W + "rPr"]
    right_items = [el for el in right.iterchildren() if el.tag != W + "rPr"]
    pos = 0
    for left_el, right_el in zip(left_items, right_items):
        size = len(item_text(left_el)) if left_el.tag in TEXT_TAGS else 0
        if size == 0:
            (right if pos < k else r).remove(right_el if pos < k else left_el)
        elif pos + size <= k:
            right.remove(right_el)
        elif pos >= k:
            r.remove(left_el)
        else:  # a w:t that straddles the cut
            cut = k - pos
            left_el.text, right_el.text = left_el.text[:cut], left_el.text[cut:]
            for el in (left_el, right_el):
                if el.text != el.text.strip():
                    el.set(qn("xml:space"), "preserve")
        pos += size
    r.addnext(right)
    return right


def split_at(p, k: int) -> None:
    """Make ``k`` (an offset into the paragraph's run text) fall on a run boundary."""
    pos = 0
    for r in runs(p):
        size = len(run_text(r))
        if pos < k < pos + size:
            split_run(r, k - pos)
            return
        pos += size
        if pos >= k:
            return


def runs_in(p, a: int, b: int) -> list:
    """The runs of paragraph ``p`` exactly covering its run-text characters ``[a, b)``."""
    split_at(p, a)
    split_at(p, b)
    covered, pos = [], 0
    for r in runs(p):
        size = len(run_text(r))
        if size and a <= pos and pos + size <= b:
            covered.append(r)
        pos += size
    return covered


def run_at(p, k: int):
    """The first run with text that starts at run-text offset ``k`` of paragraph ``p`` (the
    paragraph cut there first), or None when ``k`` is the end of its text."""
    split_at(p, k)
    pos = 0
    for r in runs(p):
        size = len(run_text(r))
        if size and pos >= k:
            return r
        pos += size
    return None
