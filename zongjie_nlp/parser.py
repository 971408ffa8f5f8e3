"""Assemble a :class:`~zongjie_nlp.model.Report` from a path, bytes or text."""

from __future__ import annotations

import os
from typing import Union

from .boilerplate import find_boilerplate
from .documents import find_closing, find_dates, spans_without, split_documents
from .model import Document, LineIndex, Report
from .parts import build_parts
from .quantities import find_quantities, match_view
from .profile import OPENING_CHARS, detect_genre, detect_norm
from .script import detect_script, simplified_view
from .source import Source, read_path, read_source

Input = Union[str, bytes, os.PathLike]
# Script detection reads at most this many characters: enough to classify a page, and
# it keeps parsing linear-time-cheap on multi-megabyte inputs.
SCRIPT_SAMPLE = 200_000


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
    text = src.text
    index = LineIndex(text)
    simplified = simplified_view(text)
    furniture = find_boilerplate(text, simplified, index)
    skip = {b.start for b in furniture}
    # Residue inside a line (text goes on after it): a point may start where it ends.
    residue_ends = sorted(b.end for b in furniture if b.end < len(simplified) and simplified[b.end] != "\n")
    view = match_view(simplified)
    furniture_starts = [b.start for b in furniture]
    documents = []
    for span in split_documents(text, simplified, furniture):
        body_start = span.title_end if span.title else span.start
        parts = build_parts(text, simplified, index, span.start, body_start, span.end, skip, src.headings,
                            residue_ends)
        outline = next(p.outline for p in parts if p.kind == "body")
        body = spans_without(span.start, span.end, furniture, furniture_starts)
        quantities = find_quantities(text, view, index, body)
        line = index.line_col(span.title_start)[0] if span.title else index.line_col(span.start)[0]
        opening = "".join(simplified[s:e] for s, e in body)[: OPENING_CHARS + len(span.title)]
        genre = detect_genre(simplified[span.title_start:span.title_end] if span.title else "", opening)
        documents.append(
            Document(
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
        )
    script = detect_script(text[:SCRIPT_SAMPLE])
    return Report(
        text=text,
        path=src.path,
        encoding=src.encoding,
        script=script,
        documents=tuple(documents),
        boilerplate=tuple(furniture),
        simplified=simplified,
        index=index,
        norm=detect_norm(text[:SCRIPT_SAMPLE], script),
    )
