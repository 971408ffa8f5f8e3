"""A document's parts: front matter, table of contents, body, annexes, glossary.

Reports open with a title block (subtitle, date, speaker, 各位代表：), long ones with a 目录 that
repeats every heading, and end with 附件 (each annex numbered on its own) and 名词解释/注释 (notes
numbered 1. or ［1］).  Parsed as one run of text, an annex's 一、 becomes another top-level section
and a contents page hundreds of points; split into parts, numbering restarts per part, annexes and
glossaries get their own outlines and a table of contents gets none.
"""

from __future__ import annotations

import bisect
from typing import Optional


from .cache import compile_regex
from .model import LineIndex, OutlineNode, Part, Record
from .outline import MARKER_START, build_outline, line_marker

_SP = r"[ \t\u3000]"
ANNEX_LINE = compile_regex(
    rf"{_SP}*附{_SP}*(?:件|录|表){_SP}*[0-9０-９一二三四五六七八九十]{{0,3}}{_SP}*[：:]?{_SP}*"
    rf"(?P<title>(?![0-9０-９]+[.．、])[^。；\n]{{0,40}})")
GLOSSARY_LINE = compile_regex(rf"{_SP}*(?:名词解释|名词注释|名词说明|注释|注解|注|说明|备注){_SP}*[：:]?{_SP}*")
CONTENTS_LINE = compile_regex(rf"{_SP}*目{_SP}*录{_SP}*")
# A contents entry: a heading, dot leaders or a tab, a page number.
CONTENTS_ENTRY = compile_regex(rf"{_SP}*\S.{{0,80}}?(?:[.．·•…。⋯_-]{{2,}}|\t|{_SP}{{2,}}){_SP}*[0-9０-９]{{1,4}}{_SP}*")
GLOSSARY_ITEM = compile_regex(rf"{_SP}*(?:[0-9０-９]{{1,3}}[.．、]|[［\[【〔][0-9０-９]{{1,3}}[］\]】〕]|[（(][0-9０-９]{{1,3}}[）)]|[①-⑳])")
# Title-block lines of a report or speech: subtitle, date, speaker, salutation.
SUBTITLE = compile_regex(rf"{_SP}*(?:(?:——|――|—|--).{{2,80}}|[（(].{{2,80}}[）)]{_SP}*)")
DATED = compile_regex(r"[0-9０-９]{4}[年\-./][0-9０-９]{1,2}(?:[月\-./][0-9０-９]{1,2})?")
SPEAKER = compile_regex(r"^.{0,14}(?:省长|市长|主席|书记|县长|区长|局长|主任|校长|院长|经理|行长|会长|代表)"
                        rf"{_SP}*\p{{Han}}{{2,4}}{_SP}*$|^\p{{Han}}{{2,8}}{_SP}+\p{{Han}}{{2,4}}{_SP}*$")
SALUTATION = compile_regex(rf"{_SP}*(?:各位|尊敬的|同志们|亲爱的|大家好).{{0,20}}[：:！!，,]?{_SP}*")
_LEADER_AND_PAGE_CHARS = ".．·•…⋯_ \t\u3000-0123456789０１２３４５６７８９"
_TAIL_FIRST_CHARS = "附名注说备"
FRONT_MAX_LINE = 60
FRONT_MAX_LINES = 10


class PartSpan(Record):
    kind: str
    title_start: int  # its own title (附件1 ⏎ 某某清单 → the second line), empty for front and body
    title_end: int
    start: int
    end: int
    content_start: int  # where its outline begins, after its own heading lines


def find_parts(view: str, start: int, body_start: int, end: int, skip: set[int]) -> list[PartSpan]:
    """The parts of the document ``view[start:end]`` whose title (if any) ends at ``body_start``."""
    lines = [(s, e) for s, e in _content_lines(view, body_start, end) if s not in skip]
    spans: list[PartSpan] = []
    position = 0
    if body_start > start:  # a title block: the title and the subtitle, date, speaker lines after it
        position = _front_end(view, lines)
        front_stop = lines[position][0] if position < len(lines) else end
        spans.append(PartSpan("front", start, start, start, _trim(view, start, front_stop), front_stop))
    contents_end = _contents_end(view, lines, position)
    if contents_end is not None:
        s, e = lines[position]
        stop = lines[contents_end][0] if contents_end < len(lines) else end
        spans.append(PartSpan("contents", s, e, s, _trim(view, s, stop), stop))
        position = contents_end
    body_from = lines[position][0] if position < len(lines) else end
    tail = _tail_parts(view, lines, position + 1, end)
    body_end = _trim(view, body_from, tail[0].start if tail else end)
    spans.append(PartSpan("body", body_from, body_from, body_from, body_end, body_from))
    spans.extend(tail)
    return spans


def build_parts(text: str, view: str, index: LineIndex, start: int, body_start: int, end: int,
                skip: set[int], marked_headings: Optional[dict[int, str]] = None,
                residue_ends: Optional[list[int]] = None) -> tuple[Part, ...]:
    """Every part of one document, each with its own outline (none for front matter and contents)."""
    parts = []
    for span in find_parts(view, start, body_start, end, skip):
        outline: tuple[OutlineNode, ...] = ()
        if span.kind in ("body", "annex", "glossary"):
            outline = build_outline(text, view, index, span.content_start, span.end, skip, span.kind,
                                    marked_headings, residue_ends)
        title = text[span.title_start:span.title_end].strip()
        parts.append(Part(span.kind, title, span.start, span.end, index.line_col(span.start)[0], outline))
    return tuple(parts)


def _content_lines(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-blank lines of ``view[start:end]`` as (first non-blank, end of text) offsets."""
    found, pos = [], start
    for line in view[start:end].split("\n"):  # one split in C, not a find and a slice per line
        if line.strip():
            lead = pos + len(line) - len(line.lstrip())
            found.append((lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return found


def _trim(view: str, start: int, end: int) -> int:
    while end > start and view[end - 1] in " \t\n\u3000":
        end -= 1
    return end


def _front_end(view: str, lines: list[tuple[int, int]]) -> int:
    """Index of the first body line after a title: a salutation within the first lines ends the
    title block (whatever short lines stand before it); else the block is the run of subtitle,
    date and speaker lines (0 when the text begins right after the title)."""
    for i, (s, e) in enumerate(lines[:FRONT_MAX_LINES]):
        if e - s > FRONT_MAX_LINE or _opens_point(view, s, e):
            break
        if SALUTATION.fullmatch(view, s, e) and view[e - 1] in "：:！!，,":
            return i + 1
    count = 0
    for s, e in lines[:FRONT_MAX_LINES]:
        line = view[s:e]
        if e - s > FRONT_MAX_LINE or _opens_point(view, s, e) or not (SUBTITLE.fullmatch(line) or SPEAKER.search(line)
                                          or (DATED.search(line) and e - s <= 30 and line[-1] not in "。")):
            break
        count += 1
    return count


def _opens_point(view: str, s: int, e: int) -> bool:
    return bool(MARKER_START.match(view, s, e)) and line_marker(view, view, s, e) is not None


def _contents_end(view: str, lines: list[tuple[int, int]], at: int) -> Optional[int]:
    """Index of the first line after a table of contents starting at line ``at`` (a 目录 line, or
    three entries with leaders and page numbers), or None."""
    if at >= len(lines):
        return None
    s, e = lines[at]
    headed = bool(CONTENTS_LINE.fullmatch(view, s, e))
    i = at + 1 if headed else at
    entries = 0
    line_texts = sorted(view[s:e] for s, e in lines) if headed else []
    first_key = None
    while i < len(lines):
        s, e = lines[i]
        entry = view[s:e]
        key = _entry_key(entry)
        if key == first_key:
            break  # the body begins by repeating the first entry
        if CONTENTS_ENTRY.fullmatch(entry) or (headed and e - s <= 40 and _repeated(key, line_texts)):
            first_key = first_key or key
            entries += 1
            i += 1
            continue
        break
    if entries >= (1 if headed else 3):
        return i
    return None


def _entry_key(entry: str) -> str:
    """A contents entry without its leaders and page number."""
    return entry.strip().rstrip(_LEADER_AND_PAGE_CHARS)  # rstrip, not a regex: linear on any line


def _repeated(key: str, line_texts: list[str]) -> bool:
    """A contents entry without a page number repeats a heading: its text (``key``) opens at
    least one other line.  ``line_texts`` is sorted: a bisection, not a scan of the document
    for every entry."""
    if len(key) < 2:
        return False
    k = bisect.bisect_left(line_texts, key)
    return sum(1 for text in line_texts[k:k + 2] if text.startswith(key)) >= 2


def _tail_parts(view: str, lines: list[tuple[int, int]], first: int, end: int) -> list[PartSpan]:
    """Annexes and glossaries after the body has begun, each to the next one or the end."""
    starts: list[tuple[int, str, tuple[int, int], int]] = []  # line index, kind, title span, content start
    for i in range(max(first, 1), len(lines)):
        s, e = lines[i]
        if view[s] not in _TAIL_FIRST_CHARS:
            continue  # a cheap pre-check: only 附… 名… 注… 说… 备… lines can open an annex or glossary
        annex = ANNEX_LINE.fullmatch(view, s, e)
        if annex:
            title = (s, e)
            if not annex.group("title").strip() and i + 1 < len(lines) \
                    and lines[i + 1][1] - lines[i + 1][0] <= 40 and view[lines[i + 1][1] - 1] not in "。；;":
                title = lines[i + 1]  # 附件 ⏎ 2026年民生实事: the annex's title is the next line
            starts.append((i, "annex", title, title[1]))
        elif GLOSSARY_LINE.fullmatch(view, s, e) and any(
                GLOSSARY_ITEM.match(view, ns, ne) for ns, ne in lines[i + 1:i + 3]):
            starts.append((i, "glossary", (s, e), e))
    spans = []
    for k, (i, kind, (title_start, title_end), content) in enumerate(starts):
        stop = lines[starts[k + 1][0]][0] if k + 1 < len(starts) else end
        s = lines[i][0]
        spans.append(PartSpan(kind, title_start, title_end, s, _trim(view, s, stop), content))
    return spans
