"""Assemble a :class:`~zongjie_nlp.model.Report` from a path, bytes or text."""

from __future__ import annotations

import os
from typing import Union

from .model import Document, LineIndex, Report
from .outline import build_outline, find_boilerplate, spans_without, split_documents
from .quantities import find_quantities, match_view
from .profile import OPENING_CHARS, detect_genre, detect_norm
from .script import detect_script, simplified_view
from .source import Source, read_path, read_source

Input = Union[str, bytes, os.PathLike]
# Script detection reads at most this many characters: enough to classify a page, and
# it keeps parsing linear-time-cheap on multi-megabyte inputs.
SCRIPT_SAMPLE = 200_000


def load(source: Input) -> Source:
    """A path (``os.PathLike``, or a one-line ``str`` naming an existing file), bytes, or text."""
    if isinstance(source, str) and "\n" not in source and len(source) < 4096 and os.path.isfile(source):
        return read_path(source)
    return read_source(source)


def parse(source: Union[Input, Source]) -> Report:
    """Parse a work summary into documents → outline nodes → quantities."""
    src = source if isinstance(source, Source) else load(source)
    return parse_source(src)


def parse_source(src: Source) -> Report:
    text = src.text
    index = LineIndex(text)
    simplified = simplified_view(text)
    furniture = find_boilerplate(text, simplified, index)
    skip = {b.start for b in furniture}
    view = match_view(simplified)
    documents = []
    for span in split_documents(text, simplified, furniture):
        body_start = span.title_end if span.title else span.start
        outline = build_outline(text, simplified, index, body_start, span.end, skip)
        pieces = spans_without(span.start, span.end, furniture)
        quantities = find_quantities(text, view, index, pieces)
        line = index.line_col(span.title_start)[0] if span.title else index.line_col(span.start)[0]
        opening = "".join(simplified[s:e] for s, e in pieces)[: OPENING_CHARS + len(span.title)]
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
