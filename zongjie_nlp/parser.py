"""Assemble a :class:`~zongjie_nlp.model.Report` from a path, bytes or text."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from typing import Optional, Union

from .boilerplate import find_boilerplate
from .documents import DocumentSpan, find_closing, find_dates, spans_without, split_documents
from .model import Boilerplate, Document, LineIndex, Record, Report, Table
from .parts import build_parts
from .quantities import find_quantities, match_view
from .profile import OPENING_CHARS, detect_genre, detect_norm
from .script import detect_script, simplified_view
from .source import Source, read_path, read_source

Input = Union[str, bytes, os.PathLike]
# Script detection reads at most this many characters: enough to classify a page, and
# it keeps parsing linear-time-cheap on multi-megabyte inputs.
SCRIPT_SAMPLE = 200_000
# A long input is checked this many characters (about 750 KB of UTF-8) of whole documents at a
# time (see Page.segments): memory then grows with the segment, not the input.
SEGMENT_CHARS = 250_000


def load(source: Union[Input, Source, None] = None, *, text: Union[str, None] = None,
         path: Union[str, os.PathLike, None] = None) -> Source:
    """One input as a :class:`Source`: ``text=`` (a str), ``path=`` (a str or a path), or one
    positional ``source``.

    A positional ``str`` is always text, never a file name, even when a file of that name
    exists: a service passing user text must not be made to read ``/etc/passwd``.  Only an
    ``os.PathLike`` (``pathlib.Path``) is read from disk; bytes are decoded."""
    given = [name for name, value in (("source", source), ("text", text), ("path", path)) if value is not None]
    if len(given) != 1:
        raise TypeError("give exactly one of a positional source, text= or path= "
                        f"(got {', '.join(given) or 'none'})")
    if path is not None:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path= expects a str or os.PathLike, not {type(path).__name__}")
        return read_path(path)
    if text is not None:
        if not isinstance(text, str):
            raise TypeError(f"text= expects a str, not {type(text).__name__} (pass bytes positionally)")
        return read_source(text)
    if isinstance(source, Source):
        return source
    return read_source(source)


def parse(source: Union[Input, Source, None] = None, *, text: Union[str, None] = None,
          path: Union[str, os.PathLike, None] = None) -> Report:
    """Parse a work summary into documents → outline nodes → quantities.

    ``parse(text=...)``, ``parse(path=...)``, or ``parse(x)`` where a str ``x`` is text, bytes
    are decoded and a ``pathlib.Path`` is read (see :func:`load`)."""
    return parse_source(load(source, text=text, path=path))


def parse_source(src: Source) -> Report:
    """The whole report of one input: every document of the page."""
    page = read_page(src)
    return page.report(tuple(page.document(span) for span in page.spans))


class Segment(Record):
    """Consecutive documents of a page: their spans, and the part of the text they stand for
    (``None``: the whole text, when the page is one segment)."""

    spans: tuple[DocumentSpan, ...]
    bounds: Optional[tuple[int, int]]


@dataclass(frozen=True)
class Page:
    """What is found once for a whole input before its documents are built: the text and its
    views, the page furniture and where each document lies."""

    source: Source
    index: LineIndex
    simplified: str
    view: str  # the view quantities are matched on (see quantities.match_view)
    furniture: tuple[Boilerplate, ...]
    spans: list[DocumentSpan]
    script: str
    norm: str

    @property
    def text(self) -> str:
        return self.source.text

    @cached_property
    def tables(self) -> tuple[Table, ...]:
        """The input's tables: a .docx's own, and Markdown pipe tables in the text."""
        from .tables import numbered, pipe_tables

        found = list(self.source.tables)
        if "|" in self.text:
            found += pipe_tables(self.text)
        return numbered(found)

    @cached_property
    def _skip(self) -> set[int]:
        return {b.start for b in self.furniture}

    @cached_property
    def _furniture_starts(self) -> list[int]:
        return [b.start for b in self.furniture]

    @cached_property
    def _residue_ends(self) -> list[int]:
        # Residue inside a line (text goes on after it): a point may start where it ends.
        simplified = self.simplified
        return sorted(b.end for b in self.furniture if b.end < len(simplified) and simplified[b.end] != "\n")

    def document(self, span: DocumentSpan) -> Document:
        """The document of one span: its parts and outline, quantities, closing and dates."""
        text, simplified, index = self.text, self.simplified, self.index
        body_start = span.title_end if span.title else span.start
        parts = build_parts(text, simplified, index, span.start, body_start, span.end, self._skip,
                            self.source.headings, self._residue_ends)
        outline = next(p.outline for p in parts if p.kind == "body")
        body = spans_without(span.start, span.end, self.furniture, self._furniture_starts)
        quantities = find_quantities(text, self.view, index, body)
        line = index.line_col(span.title_start)[0] if span.title else index.line_col(span.start)[0]
        opening = _opening(simplified, body, OPENING_CHARS + len(span.title))
        genre = detect_genre(simplified[span.title_start:span.title_end] if span.title else "", opening)
        return Document(
            title=span.title,
            line=line,
            start=span.start,
            end=span.end,
            outline=outline,
            quantities=tuple(quantities),
            genre=genre,
            parts=parts,
            body=body,
            closing=find_closing(text, simplified, body),
            dates=find_dates(simplified, body),
        )

    def segments(self, max_chars: Optional[int] = None) -> list[Segment]:
        """The page's documents in runs of about ``max_chars`` (default :data:`SEGMENT_CHARS`)
        characters of text (a longer document is a run of its own), each standing for the text
        from its first document to the next run's (the first from the page's start, the last to
        its end).

        What is decided for the page (its furniture, where documents start and end, its script
        and norm) was decided once, on the whole text, so a run's documents are those the whole
        page has."""
        max_chars = max_chars or SEGMENT_CHARS
        runs: list[list[DocumentSpan]] = []
        for span in self.spans:
            if runs and span.end - runs[-1][0].start <= max_chars:
                runs[-1].append(span)
            else:
                runs.append([span])
        if len(runs) <= 1:
            return [Segment(tuple(self.spans), None)]
        last = len(runs) - 1
        return [Segment(tuple(run), (0 if n == 0 else run[0].start, len(self.text) if n == last else runs[n + 1][0].start))
                for n, run in enumerate(runs)]

    def segment_report(self, segment: Segment) -> Report:
        """The report of one segment: its documents, built now; the page's text and views."""
        return self.report(tuple(self.document(span) for span in segment.spans), segment.bounds)

    def report(self, documents: tuple[Document, ...], segment: Optional[tuple[int, int]] = None) -> Report:
        """A report of the page's text holding ``documents`` (those of ``segment``, when given)."""
        return Report(
            text=self.text,
            path=self.source.path,
            encoding=self.source.encoding,
            script=self.script,
            documents=documents,
            boilerplate=self.furniture,
            simplified=self.simplified,
            index=self.index,
            norm=self.norm,
            figures=self.view,
            segment=segment,
            tables=self.tables,
        )


def _opening(simplified: str, body: list[tuple[int, int]], length: int) -> str:
    """The first ``length`` characters of the body's spans, joined: what ``"".join`` of every
    span would start with, without copying a long report's whole body to read its opening."""
    pieces, have = [], 0
    for start, end in body:
        if have >= length:
            break
        piece = simplified[start:min(end, start + length - have)]
        pieces.append(piece)
        have += len(piece)
    return "".join(pieces)


def _sample_view(text: str, simplified: str) -> str:
    """The simplified view of ``text[:SCRIPT_SAMPLE]``, the script's sample, from the page's own
    view: its whole lines are the page view's (no phrase spans a line end), a line the sample
    cuts is converted on its own, as the sample alone would be (瞭解 is 了解, a lone 瞭 stays)."""
    sample = text[:SCRIPT_SAMPLE]
    if len(sample) == len(text):
        return simplified
    cut = sample.rfind("\n") + 1
    return simplified[:cut] + simplified_view(sample[cut:])


def read_page(src: Source) -> Page:
    """The page-wide decisions about one input (see :class:`Page`)."""
    text = src.text
    index = LineIndex(text)
    simplified = simplified_view(text)
    furniture = find_boilerplate(text, simplified, index)
    script = detect_script(text[:SCRIPT_SAMPLE], _sample_view(text, simplified))
    return Page(
        source=src,
        index=index,
        simplified=simplified,
        view=match_view(simplified),
        furniture=tuple(furniture),
        spans=split_documents(text, simplified, furniture),
        script=script,
        norm=detect_norm(text[:SCRIPT_SAMPLE], script),
    )
