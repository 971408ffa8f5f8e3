"""A page's documents and what each one is made of.

A page (a web page pasted whole, a file of collected summaries) holds one or more documents.
:func:`split_documents` finds them: at 篇N / 范文N title lines, else at a repeated summary title or
a title after a block of page furniture, else the whole page is one.  For each document the parser
then records, once, what the checks and the relation finder would otherwise each work out again:

* its ``body``: its text with the page furniture left out (:func:`spans_without`);
* its ``closing``: the 落款 at its end, signature and 成文日期 (:func:`find_closing`);
* its ``dates``: where a date (2024年1月5日, 二〇二四年一月五日) is written (:func:`find_dates`).

The closing is judged line by line with :func:`date_line` and :func:`is_signature`; the drafter's
rebuild asks the same two about its own lines.  Everything is matched on the simplified view.
"""

from __future__ import annotations

import bisect
from itertools import islice
from typing import Iterator, Optional, Sequence

import regex

from .cache import compile_regex
from .boilerplate import line_lead, lines_holding, whole_lines
from .model import Boilerplate, Closing, Record
from .outline import CN, LINE_MARKERS, markers_starting_with

Span = tuple[int, int]

_SP = r"[ \t\u3000]"
DOC_TITLE = [
    compile_regex(rf"^{_SP}*(?P<title>\S.{{1,60}}?){_SP}*[（(【\[]?{_SP}*(?:篇|范文){_SP}*(?P<n>[0-9]{{1,3}}|{CN}){_SP}*[)）】\]]?{_SP}*$", regex.M),
    compile_regex(rf"^{_SP}*[【\[]{_SP}*(?:篇|范文){_SP}*(?P<n>[0-9]{{1,3}}|{CN}){_SP}*[】\]]{_SP}*(?P<title>.*)$", regex.M),
]
# What a document title line holds: the lines holding one are found by ``str.find``, which
# skips the others several times as fast as a pattern's scan.
_DOC_WORDS = ("篇", "范文")
OPENING_LINES = 40  # where a page's title is looked for
SUMMARY_TITLE = compile_regex(r"^\s*[^\s，,。；;！？!?]{2,40}(?:总结|小结|报告|汇报|述职|总结范文)\s*$")
# The words a summary title ends with: the lines worth matching with SUMMARY_TITLE hold one.
_TITLE_WORDS = ("总结", "小结", "报告", "汇报", "述职")


class DocumentSpan(Record):
    title: str
    title_start: int
    title_end: int
    start: int
    end: int


def split_documents(text: str, view: str, furniture: list[Boilerplate]) -> list[DocumentSpan]:
    """Documents on a page: at 篇N / 范文N title lines, else at a repeated summary title,
    else the whole page (from its first line that is not furniture)."""
    furniture_starts = whole_lines(furniture, view)
    line_starts = {(s, e) for s, e in lines_holding(view, _DOC_WORDS)
                   if any(pattern.fullmatch(view, s, e) for pattern in DOC_TITLE)}
    starts = sorted(
        (s, e) for s, e in line_starts if s not in furniture_starts and line_lead(view, s, e) not in furniture_starts
    )
    if not starts:
        repeated = _repeated_titles(view, furniture_starts)
        starts = sorted(set(repeated) | set(_titles_after_furniture(view, furniture_starts)))
        if len(starts) == 1 and not repeated:
            starts = []  # one page, one document: the general rule below finds its title
    if not starts:
        opening = [(s, e) for s, e in _first_lines(view, OPENING_LINES)
                   if view[s:e].strip() and line_lead(view, s, e) not in furniture_starts]
        if not opening:
            return [DocumentSpan("", 0, 0, 0, len(text))]
        s, e = _page_title(view, opening)
        s = next((b.end for b in furniture if b.start == line_lead(view, s, e)), s)  # past a viewer's 1、
        if (_looks_like_title(view[s:e]) or SUMMARY_TITLE.match(view[s:e])) and view[e:].strip():
            return [DocumentSpan(text[s:e].strip(), s, e, s, _trim_end(text, len(text)))]
        return [DocumentSpan("", s, s, s, _trim_end(text, len(text)))]
    docs = []
    for i, (s, e) in enumerate(starts):
        doc_end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        lead = len(text[s:e]) - len(text[s:e].lstrip())
        docs.append(DocumentSpan(text[s:e].strip(), s + lead, e, s + lead, _trim_end(text, doc_end)))
    return docs


def _repeated_titles(view: str, furniture_starts) -> list[tuple[int, int]]:
    """Summary title lines that occur twice or more.  The lines are found from the title words
    they end with (a ``find`` per word over the page, not a match per line)."""
    seen: dict[str, list[tuple[int, int]]] = {}
    for s, e in lines_holding(view, _TITLE_WORDS):
        if line_lead(view, s, e) not in furniture_starts and SUMMARY_TITLE.match(view[s:e]):
            seen.setdefault(view[s:e].strip(), []).append((s, e))
    repeated = [occ for occ in seen.values() if len(occ) >= 2]
    return sorted(o for occ in repeated for o in occ)


def _page_title(view: str, opening: list[tuple[int, int]]) -> tuple[int, int]:
    """The summary's title among the first lines: a portal's own short headings (栏目名) may
    stand above it; any other line first means the text starts with its first line."""
    for s, e in opening[:6]:
        line = view[s:e]
        if SUMMARY_TITLE.match(line):
            return s, e
        if len(line.strip()) > 12 or not _looks_like_title(line):
            break
    return opening[0]


def _titles_after_furniture(view: str, starts: set[int]) -> list[tuple[int, int]]:
    """Summary titles that follow a block of page furniture (``starts``: the lines that are
    furniture as a whole): where pages were joined into one file (each with its portal toolbar
    or breadcrumb), every page begins a document.  Only the few lines after each furniture line
    are read."""
    found = []
    for furniture_start in sorted(starts):
        line_start = view.rfind("\n", 0, furniture_start) + 1
        if line_lead(view, line_start, furniture_start) != furniture_start:
            continue  # residue at the end of a line of text: the line is no furniture line
        s = view.find("\n", furniture_start) + 1
        lines_left = 4  # short lines (a portal's 栏目名) may stand between furniture and title
        while lines_left and 0 < s <= len(view):
            e = view.find("\n", s)
            e = len(view) if e < 0 else e
            line, next_line = view[s:e], e + 1
            if not line.strip():
                s = next_line
                continue
            if line_lead(view, s, e) in starts:
                break  # another furniture line: the walk from it goes on
            if SUMMARY_TITLE.match(line) and _looks_like_title(line):
                found.append((s, e))
                break
            if len(line.strip()) <= 12 and _looks_like_title(line):
                lines_left -= 1
            else:
                break
            s = next_line
    return found


def _first_lines(view: str, count: int) -> list[tuple[int, int]]:
    """The first ``count`` lines of ``view`` as :func:`zongjie_nlp.outline.line_spans` gives them."""
    spans, pos = [], 0
    while len(spans) < count:
        end = view.find("\n", pos)
        if end < 0:
            spans.append((pos, len(view)))
            break
        spans.append((pos, end))
        pos = end + 1
    return spans


def _looks_like_title(line: str) -> bool:
    """Short, no sentence punctuation, and not a numbered point."""
    stripped = line.strip()
    if any(pattern.match(stripped) for _, pattern in LINE_MARKERS):
        return False
    return 2 <= len(stripped) <= 40 and not regex.search(r"[，,。；;！？!?：:]", stripped)


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in " \t\n\u3000":
        end -= 1
    return end


# --------------------------------------------------------------------------- the body


def spans_without(start: int, end: int, furniture: Sequence[Boilerplate],
                  starts: Optional[Sequence[int]] = None) -> tuple[Span, ...]:
    """``[start, end)`` minus the furniture inside it (``furniture`` sorted by position and
    disjoint, as :func:`~zongjie_nlp.boilerplate.find_boilerplate` returns it).

    ``starts`` are the furniture's start offsets: a caller that asks for many spans (one per
    document) computes them once, so that a page of thousands of documents and furniture lines
    costs a bisect per document, not a scan of all the furniture."""
    if starts is None and len(furniture) > 8:
        starts = [b.start for b in furniture]
    first = max(0, bisect.bisect_left(starts, start) - 1) if starts is not None else 0
    pieces, pos = [], start
    for k in range(first, len(furniture)):  # an index walk: a slice would copy the rest of the page
        item = furniture[k]
        if item.start >= end:
            break
        if item.end <= pos:
            continue
        if item.start > pos:
            pieces.append((pos, item.start))
        pos = max(pos, item.end)
    if pos < end:
        pieces.append((pos, end))
    return tuple(pieces)


def _line_span(text: str, pos: int, stop: int) -> Optional[Span]:
    """The line ``text[pos:stop]`` without its indentation and trailing blanks; None when blank."""
    line = text[pos:stop]
    stripped = line.strip(" \t\u3000\r")
    if not stripped:
        return None
    lead = len(line) - len(line.lstrip(" \t\u3000"))
    return pos + lead, pos + lead + len(stripped)


def body_lines(text: str, spans: Sequence[Span]) -> Iterator[Span]:
    """The non-blank lines of ``spans`` (a body) in text order, as (start, end) without indentation.
    Furniture inside a line cuts it: each side is a line of its own."""
    for start, end in spans:
        pos = start
        while pos < end:
            nl = text.find("\n", pos, end)
            stop = end if nl < 0 else nl
            line = _line_span(text, pos, stop)
            if line is not None:
                yield line
            pos = stop + 1


def body_lines_back(text: str, spans: Sequence[Span]) -> Iterator[Span]:
    """:func:`body_lines` from the last line back: the closing is read from a document's last
    lines without splitting the whole document into lines."""
    for start, end in reversed(spans):
        stop = end
        while True:
            nl = text.rfind("\n", start, stop)
            line = _line_span(text, nl + 1 if nl >= 0 else start, stop)
            if line is not None:
                yield line
            if nl < 0:
                break
            stop = nl


# --------------------------------------------------------------------------- dates and the closing

_CN_DIGIT = "〇零○Ｏ一二三四五六七八九"
# A date as a summary writes it (GB/T 9704 wants 2024年1月5日; the checks report the other forms).
DATE = compile_regex(
    rf"(?<![0-9０-９{_CN_DIGIT}十])"
    rf"(?P<y>[0-9]{{2,4}}|[{_CN_DIGIT}]{{2,4}}){_SP}?年{_SP}?"
    rf"(?P<m>[0-9]{{1,2}}|十[一二]?|[一二三四五六七八九])"
    rf"{_SP}?(?P<munit>月){_SP}?(?P<d>[0-9]{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
    rf"{_SP}?(?P<dunit>[日号])(?P<wd>{_SP}?[（(，,]?{_SP}?(?P<wdw>星期|礼拜|周)(?P<wdd>[一二三四五六日天])[）)]?)?"
)
# A line that is a date, with at most a short signature before it (某某局 2024年1月5日).
_DATE_LINE = compile_regex(rf"{_SP}*(?P<sig>.{{0,40}}?){_SP}*(?P<date>{DATE.pattern}){_SP}*")
# The characters a date line can end with before its trailing blanks: the last of a DATE match
# (日/号, a weekday's 一…天, or the bracket closing it).  A line ending otherwise (…。, most lines
# of a document's end) is no date line, and the lazy signature need not be tried at every length.
_DATE_LINE_LAST = frozenset("日号一二三四五六天）)")
_SENTENCE_PUNCT = compile_regex(r"[。！？；，,;!?]")
_HAN = compile_regex(r"\p{Han}")
CLOSING_LINES = 3  # the 落款 is looked for in a document's last lines


def find_dates(view: str, body: Sequence[Span]) -> tuple[Span, ...]:
    """Where a date is written in ``body``, in text order."""
    return tuple(span for start, end in body for span in _date_spans(view, start, end))


_YEAR_FIRST = frozenset("0123456789" + _CN_DIGIT)  # what DATE's year (group y) starts with


def _date_spans(view: str, start: int, end: int) -> Iterator[Span]:
    """The spans of ``DATE.finditer(view, start, end)``, with the pattern tried only just before
    each 年: a date's 年 stands 2 to 5 characters after its start (a year of 2 to 4 characters,
    a space), so no other position can start one.  The page is then read by ``find`` in C, not
    by the pattern (which opens with a lookbehind) at every position.  Matching at ``at`` sees
    the characters before it, as the scan does: the lookbehind reads the same text."""
    pos = start
    while True:
        year_end = view.find("年", pos + 2, end)
        if year_end < 0:
            return
        for at in range(max(pos, year_end - 5), year_end - 1):  # starts in text order, as finditer
            m = DATE.match(view, at, end) if view[at] in _YEAR_FIRST else None
            if m is not None:
                yield m.span()
                pos = m.end()
                break
        else:
            pos = year_end - 1  # a date from here on has its 年 after this one


def date_line(view: str, start: int, end: int) -> Optional[regex.Match]:
    """``view[start:end]`` read as a closing date line: the match, whose group ``date`` is the
    date and ``sig`` what stands before it (empty, or a signature on the same line); None when
    the line is not a date, or a sentence holds it (…于2024年1月5日召开。)."""
    last = min(end, len(view))
    while last > start and view[last - 1] in " \t\u3000":  # (_DATE_LINE's trailing {_SP}*)
        last -= 1
    if last <= start or view[last - 1] not in _DATE_LINE_LAST:
        return None
    m = _DATE_LINE.fullmatch(view, start, end)
    if m is None or _SENTENCE_PUNCT.search(m.group("sig")):
        return None
    return m


def is_signature(line: str) -> bool:
    """A short line without sentence punctuation that is not a numbered heading: how a 署名
    (某某市总工会, 报告人：张三) looks."""
    stripped = line.strip()
    if not 2 <= len(stripped) <= 40 or _SENTENCE_PUNCT.search(stripped) or stripped.endswith(("：", ":")):
        return False
    # Only the styles that can start with its first character (stripped: not a space) are tried,
    # as line_marker tries them.
    if any(pattern.match(stripped) for _, pattern in markers_starting_with(stripped[0])):
        return False
    return bool(_HAN.search(stripped))


def find_closing(text: str, view: str, body: Sequence[Span]) -> Optional[Closing]:
    """The 落款 at the end of ``body``: the last date line among its last lines, with the
    signature on that line or the line before it; without a date, a last line that looks like
    a signature.  None when there is neither."""
    tail = list(islice(body_lines_back(text, body), CLOSING_LINES))[::-1]
    if not tail:
        return None
    signature: Optional[Span] = None
    date: Optional[Span] = None
    date_index = 0
    for i in range(len(tail) - 1, -1, -1):
        m = date_line(view, *tail[i])
        if m is not None:
            date_index = i
            found = DATE.match(view, m.start("date"), m.end("date"))
            date = found.span() if found is not None else m.span("date")
            if m.group("sig").strip():
                signature = m.span("sig")
            break
    if date is not None and signature is None and date_index > 0:
        s, e = tail[date_index - 1]
        if is_signature(view[s:e]):
            signature = (s, e)
    elif date is None:
        s, e = tail[-1]
        if is_signature(view[s:e]):
            signature = (s, e)
    if signature is None and date is None:
        return None
    return Closing(signature=signature, date=date)
