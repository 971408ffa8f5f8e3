"""Read the markers of a document's lines (一、 （一） 1. 一是 首先 …) into its outline of points.

Markers are recognised on the simplified view of the text (so 兩/两, 點/点 need one
pattern) with both bracket widths allowed; the marker as *written* is kept for the
checks.  Levels are not fixed by marker style: a document's first style is level 1 and
deeper levels follow the order in which styles open, with a stack (a style already open
closes everything below it).  That is how readers understand 一、 → （一） → 1. and also
how they understand a document that starts at 1、.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Optional, Union

import regex

from .cache import compile_re, compile_regex
from .headings import Line, find_headings
from .levels import ADDRESS, CANONICAL_RANK, ENUMERATION_STYLES, DraftNode, assign_levels, set_body_ends
from .model import LineIndex, OutlineNode
from .numerals import parse_numeral, read_ordinal
from .script import fold_digits, fold_width

CN_DIGITS = "零〇一二三四五六七八九十百两"
CN = f"[{CN_DIGITS}]{{1,4}}"
AR = "[0-9０-９]{1,3}"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
SEQ_WORDS = {"首先": 1, "其次": 2, "再次": 3, "最后": 0}  # 最后: one past the previous sibling
SENTENCE_END = "。！？；!?;"
TITLE_TRIM = "，,。.：:；;、 \t\u3000！!？?"

ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
CN_CAPITAL = "壹贰貳叁參参肆伍陆陸柒捌玖拾"  # Taiwan's first level (壹、貳、參、) in either script
_PAREN_OPEN, _PAREN_CLOSE = r"[（(][ \t\u3000]*", r"[ \t\u3000]*[）)]"  # (一 ) and （ 二） as written

# Line-start markers; the named group ``num`` carries the ordinal.  Ordinals, not markers:
# 第一、二批 (the first and second batches), 一、二季度, 一、二、三产业; a decimal 3.5 is not point 3, but
# 12.2025年… is point 12 followed by a year.
_NOT_AFTER_DUN = rf"(?![ \t]*{CN}(?:[批次期类轮届季]|、{CN}?[产批次期类届季]))"
# The styles whose pattern needs nothing of ``regex``'s (no \p{Han}) are compiled by ``re``: a line's
# marker is tried for every line that starts like one, and ``re`` answers a match in half the time.
MarkerPattern = Union[regex.Pattern, "re.Pattern[str]"]
LINE_MARKERS: list[tuple[str, MarkerPattern]] = [
    ("paren-cn", compile_re(rf"{_PAREN_OPEN}(?P<num>{CN}){_PAREN_CLOSE}[、.．，,]?")),
    ("paren-arabic", compile_re(rf"{_PAREN_OPEN}(?P<num>{AR}){_PAREN_CLOSE}[、.．，,]?|(?P<pd>[{PAREN_DIGITS}])[、.．]?")),
    ("bracket-arabic", compile_re(rf"[［\[【〔][ \t]*(?P<num>{AR})[ \t]*[］\]】〕](?![ \t]*[0-9])")),
    ("circled", compile_re(rf"(?P<cd>[{CIRCLED}])[、.．]?")),
    ("paren-roman", compile_re(r"[（(][ \t]*(?P<rom>i{1,3}|iv|vi{0,3}|ix|x)[ \t]*[）)]")),
    ("cn-shi", compile_regex(rf"(?P<num>{CN})是(?=[\p{{Han}}“\"‘])")),
    ("di", compile_re(rf"第(?P<num>{CN})(?=[，,：:]|是|、{_NOT_AFTER_DUN})")),
    ("seq", compile_re(r"(?P<word>首先|其次|再次|最后)(?=[，,、：:])")),
    ("cn-cap-dun", compile_re(rf"(?P<cap>[{CN_CAPITAL}]{{1,3}})[ \t]*[、．.]")),
    ("cn-dun", compile_regex(rf"(?P<num>{CN})[ \t]*(?:、{_NOT_AFTER_DUN}|[．]|\.(?![0-9])|[，,：:](?=\p{{Han}}))")),
    ("arabic", compile_re(rf"(?P<num>{AR})(?:[、]|[.．](?![0-9０-９])|[.．](?=(?:19|20)[0-9]{{2}}年))")),
    ("latin", compile_regex(r"(?P<lat>[A-HＡ-Ｈ])[.．、](?=[\p{Han}“\"（(])")),
]
# Which styles a marker's first character allows, in LINE_MARKERS order (a line is tried only
# against those: the outline of a 100,000-heading text costs a dict lookup per line, not 8 matches).
_FIRST_CHARS = {
    "paren-cn": "（(", "paren-arabic": "（(" + PAREN_DIGITS, "paren-roman": "（(", "bracket-arabic": "［[【〔", "circled": CIRCLED,
    "cn-shi": CN_DIGITS, "di": "第", "seq": "首其再最", "cn-cap-dun": CN_CAPITAL, "cn-dun": CN_DIGITS,
    "arabic": "0123456789０１２３４５６７８９", "latin": "ABCDEFGHＡＢＣＤＥＦＧＨ",
}
_MARKERS_BY_FIRST_CHAR: dict[str, list[tuple[str, MarkerPattern]]] = {}
for _style, _pattern in LINE_MARKERS:
    for _char in _FIRST_CHARS[_style]:
        _MARKERS_BY_FIRST_CHAR.setdefault(_char, []).append((_style, _pattern))
# Points that may be run in after a sentence end (a heading whose line break was lost).
RUN_IN_STYLES = ("cn-dun", "paren-cn", "paren-arabic", "arabic", "cn-cap-dun")
# The patterns tried on every line are compiled by ``re`` where they need nothing of ``regex``'s
# (no \p{Han}): ``re`` answers such a call several times faster (their compiled code comes from
# the start-up cache: ``re`` compiles in Python).
_SENTENCE_CUT = compile_re(f"[{SENTENCE_END}]")
_CLAUSE_CUT = compile_re(r"[，,。；;！？!?：:]")
# Cheap pre-filters: a line can hold a line marker only if it starts like one, and an
# inline marker only right after 。；： (the precise patterns then decide).
MARKER_START = compile_re(rf"[ \t\u3000]*(?:[（(⑴-⒇①-⑳0-9０-９第首其再最［\[【〔A-HＡ-Ｈ{CN_CAPITAL}]|{CN})")
# The sentence end is matched, not looked behind at: ``re`` then skips in C to the next 。 (a
# pattern opening with a lookbehind is tried at every position).  The marker's start is group m's;
# a line's scan starts at a line start or at the sentence end that closes a point's title, never
# between a sentence end and its marker, so no candidate is lost by it (see _Candidates).
INLINE_CANDIDATE = compile_re(rf"[{SENTENCE_END}：:][ \u3000]*(?P<m>{CN}是|第{CN}|首先|其次|再次|最后)")
ADDRESSING = compile_re(r"(?:各位代表|各位委员|同志们|各位领导|同事们)[！!，,]")
INLINE_SEQ = compile_regex(r"(?P<word>首先|其次|再次|最后)(?=[，,、：:]|\p{Han})")  # kept only as a series
GLUED_SUBPOINT = compile_regex(rf"[^。！？；!?;（(\n]{{2,40}}?(?=[（(][ \t\u3000]*{CN}[ \t\u3000]*[）)])")
# The sentence end is matched, not looked behind at: the scan then jumps from one 。 to the next.
# A number and a space after a sentence end (…势头。  1 经济发展平稳。) is the second alternative.
RUN_IN_CANDIDATE = compile_regex(rf"[。！？；!?;][ \t\u3000]*(?:(?P<m>[（(][ \t\u3000]*(?:{CN}|{AR})[ \t\u3000]*[）)]"
                                 rf"|{CN}[、．]|[{CN_CAPITAL}]{{1,3}}、|{AR}[.．、](?![0-9]))"
                                 r"|(?P<num>[1-9][0-9]?)[ \t\u3000]+(?=\p{Han}))")
# The enumeration styles by first character, in LINE_MARKERS order, as _inline_markers reads them
# (首先 and the like inside a paragraph by INLINE_SEQ): most lines start with none of them.
_ENUMERATIONS_BY_FIRST_CHAR: dict[str, list[tuple[str, MarkerPattern]]] = {}
for _char, _styles in _MARKERS_BY_FIRST_CHAR.items():
    _enumerations = [(_style, INLINE_SEQ if _style == "seq" else _pattern) for _style, _pattern in _styles
                     if _style in ENUMERATION_STYLES]
    if _enumerations:
        _ENUMERATIONS_BY_FIRST_CHAR[_char] = _enumerations


def line_spans(text: str) -> list[tuple[int, int]]:
    """Every line of ``text`` as (start, end), newline excluded, blank lines included."""
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def build_outline(
    text: str, view: str, index: LineIndex, start: int, end: int, skip: set[int], part: str = "body",
    marked_headings: Optional[dict[int, str]] = None, residue_ends: Optional[list[int]] = None,
) -> tuple[OutlineNode, ...]:
    """The outline of one part of a document (``text[start:end]``); lines starting in ``skip`` are
    furniture.  ``marked_headings``: paragraphs the source marks as headings (a .docx Heading style,
    outline level or all-bold paragraph), by start offset, with how they were recognised;
    ``residue_ends``: sorted ends of web residue inside lines (a point may start right after one)."""
    points: list[DraftNode] = []
    lines: list[Line] = []
    bracket_at = None  # a line holding only “（”: the marker was broken by a line break (（⏎三）)
    # The candidates of inline and run-in markers, found by one scan of the part each rather
    # than one per line (most lines hold none).
    inline_at = _Candidates(INLINE_CANDIDATE, view, start, end)
    run_in_at = _Candidates(RUN_IN_CANDIDATE, view, start, end)
    le = start - 1
    for line in view[start:end].split("\n"):
        ls, le = le + 1, le + 1 + len(line)
        content = line.lstrip()
        lead = le - len(content)  # boilerplate.line_lead: the key furniture lines are known by
        if lead in skip or not content:
            continue
        if content.rstrip() in ("（", "("):
            bracket_at = lead
            continue
        if bracket_at is not None:
            node = _broken_marker(text, view, bracket_at, ls, le)
            bracket_at = None
        else:
            node = None
        if node is None:
            node = line_marker(text, view, ls, le) if MARKER_START.match(view, ls, le) else None
        after = node.end if node else ls
        after_residue = _markers_after_residue(text, view, after, le, residue_ends) if residue_ends else []
        inline = _inline_markers(text, view, after, le, paragraph_start=node is None, candidates=inline_at)
        if node is None and inline and inline[0].start == _first_char(view, ls, le):
            node, inline = inline[0], inline[1:]
            node.inline = False
        run_in = _run_in_markers(text, view, node, after, le, candidates=run_in_at)
        if inline or after_residue or run_in:
            on_line = ([node] if node is not None else []) + inline + after_residue + run_in
            for point in on_line:
                point.paragraph_end = le
            points.extend(sorted(on_line, key=lambda p: p.start))
        elif node is not None:
            node.paragraph_end = le
            points.append(node)
        line_end = le - (len(line) - len(line.rstrip()))
        if node is None and marked_headings and lead in marked_headings and not inline:
            points.append(_heading(text, lead, line_end, le, marked_headings[lead]))
            node = points[-1]
        elif node is None and ADDRESSING.match(view, lead, le):
            points.append(DraftNode("", 0, ADDRESS, lead, lead, "", inline=False, paragraph_end=le))
        lines.append(Line(lead, line_end, node is not None))
    marked = {p.start for p in points if p.is_heading}
    for s, e, style in find_headings(view, lines):
        if s not in marked:
            points.append(_heading(text, s, e, e, style))
    points.sort(key=lambda p: p.start)
    roots = assign_levels(_accept_run_ins(points))
    set_body_ends(roots, end)
    return tuple(_freeze(n, index, part) for n in roots)


class _Candidates:
    """The matches of a candidate pattern over a part, handed out line by line: what a scan of
    ``view[pos:le]`` alone would find.  A match of these patterns never spans a line end, so the
    part's matches from ``pos`` on are the line's, unless one starting before ``pos`` runs past
    it (then the line is scanned on its own)."""

    def __init__(self, pattern: "re.Pattern[str]", view: str, start: int, end: int) -> None:
        self.pattern, self.view = pattern, view
        self.matches = list(pattern.finditer(view, start, end))
        self.starts = [m.start() for m in self.matches]

    def between(self, pos: int, le: int) -> list["re.Match[str]"]:
        i = bisect.bisect_left(self.starts, pos)
        if i > 0 and self.matches[i - 1].end() > pos:
            return list(self.pattern.finditer(self.view, pos, le))
        return self.matches[i:bisect.bisect_left(self.starts, le, i)]


def _markers_after_residue(text: str, view: str, pos: int, le: int, residue_ends: list[int]) -> list[DraftNode]:
    """Points that start right after web residue inside a line (……此处隐藏…… css">七、…): the
    residue stood where a line break was."""
    found = []
    for at in residue_ends[bisect.bisect_left(residue_ends, pos):bisect.bisect_left(residue_ends, le)]:
        node = line_marker(text, view, at, le)
        if node is not None and not node.is_enumeration:
            found.append(node)
    return found


def _heading(text: str, start: int, end: int, paragraph_end: int, style: str) -> DraftNode:
    return DraftNode("", 0, style, start, end, text[start:end].strip(TITLE_TRIM + "【】{}｛｝〔〕[]［］—―-"),
                     inline=False, paragraph_end=paragraph_end)


def _run_in_markers(text: str, view: str, node: Optional[DraftNode], pos: int, le: int,
                    candidates: _Candidates) -> list[DraftNode]:
    """Numbered points run in after a sentence end inside a line (…。二、加强…), and a sub-point
    right after a heading's title on the same line (三、重点工作（一）…): candidates, kept by
    :func:`_accept_run_ins` only where they continue or open a series.  ``candidates``: the
    part's matches of RUN_IN_CANDIDATE."""
    found = []
    starts = []
    matches = candidates.between(pos, le)
    if not matches and (node is None or node.is_enumeration):
        return found
    for m in matches:
        if m.group("m"):
            starts.append(m.start("m"))
            continue
        # …势头。  1 经济发展平稳。: a number and a space
        title_end = _SENTENCE_CUT.search(view, m.end(), le)
        title_end = title_end.start() if title_end else le
        found.append(DraftNode(text[m.start("num"):m.end("num")], int(m.group("num")), "arabic", m.start("num"),
                               title_end, text[m.end():title_end].strip(TITLE_TRIM), inline=False, run_in=True))
    if node is not None and not node.is_enumeration:
        title_at = node.start + len(node.marker)
        glued = GLUED_SUBPOINT.match(view, title_at, le) if _bracket_in_reach(view, title_at, le) else None
        if glued:
            starts.insert(0, glued.end())
    for at in starts:
        point = line_marker(text, view, at, le)
        if point is not None and point.style in RUN_IN_STYLES:
            point.run_in = True
            found.append(point)
    return found


def _bracket_in_reach(view: str, pos: int, le: int) -> bool:
    """Whether GLUED_SUBPOINT can match at ``pos``: its run (2 to 40 characters, no bracket among
    them) must end at a （ or (, so the first bracket of the line from ``pos`` on stands 2 to 40
    characters on.  Two finds in C instead of the lazy run tried at every length on most
    headings, which hold no bracket."""
    stop = min(le, pos + 41)
    found = [at for at in (view.find("（", pos, stop), view.find("(", pos, stop)) if at >= 0]
    return bool(found) and min(found) - pos >= 2


def _accept_run_ins(points: list[DraftNode]) -> list[DraftNode]:
    """A run-in candidate is a point when it goes on a series of its style (二、 after 一、) or
    opens one that goes on (（一） followed by （二） before the next higher point)."""
    kept: list[DraftNode] = []
    last_of_style: dict[str, DraftNode] = {}  # the last kept point of each style, not inline
    for i, point in enumerate(points):
        previous = last_of_style.get(point.style)
        if point.run_in and not (
                (point.number > 1 and previous is not None and previous.number == point.number - 1)
                or (point.number == 1 and _series_goes_on(points, i))):
            continue
        kept.append(point)
        if not point.inline:
            last_of_style[point.style] = point
    return kept


def _series_goes_on(points: list[DraftNode], i: int) -> bool:
    style = points[i].style
    rank = CANONICAL_RANK.get(style, 9)
    for k in range(i + 1, len(points)):  # an index walk: a slice would copy the rest every time
        later = points[k]
        if later.style == style:
            return later.number == 2
        if later.is_numbered and CANONICAL_RANK.get(later.style, 9) < rank:
            return False
    return False


def _first_char(view: str, ls: int, le: int) -> int:
    i = ls
    while i < le and view[i] in " \t\u3000":
        i += 1
    return i


def _broken_marker(text: str, view: str, bracket_at: int, ls: int, le: int) -> Optional[DraftNode]:
    """（⏎三）改革开放…: the bracket's line and this one read as one marker, which starts at the
    bracket (offsets stay in the original text)."""
    pos = _first_char(view, ls, le)
    node = line_marker(text, view[:pos - 1] + view[bracket_at] + view[pos:], pos - 1, le)
    if node is None or node.style not in ("paren-cn", "paren-arabic"):
        return None
    node.marker = text[bracket_at:pos] + node.marker[1:]  # （⏎三） as written
    node.start = bracket_at
    return node


_NUMBER_LIST = compile_re(r"[0-9０-９]+(?:[、，,]|$)")


def markers_starting_with(char: str) -> list[tuple[str, MarkerPattern]]:
    """The line-marker styles that can start with ``char`` (one or two, not all eight)."""
    return _MARKERS_BY_FIRST_CHAR.get(char, [])


def line_marker(text: str, view: str, ls: int, le: int) -> Optional[DraftNode]:
    """The numbered point (or enumeration) that opens ``view[ls:le]``, if any."""
    pos = _first_char(view, ls, le)
    for style, pattern in markers_starting_with(view[pos:pos + 1]):
        m = pattern.match(view, pos, le)
        if not m:
            continue
        number = _number(m)
        if number is None:
            continue
        if style == "seq":
            number = SEQ_WORDS[m.group("word")]
        title_start = m.end()
        rest = view[title_start:le]
        if not rest.strip() and style not in ("cn-dun",):
            continue
        if style == "arabic" and _NUMBER_LIST.match(rest):
            continue  # 2、3、5号 is a list of numbers; 2、1-5月… is point 2
        cut = _SENTENCE_CUT.search(rest)
        if style in ENUMERATION_STYLES:
            cut = _CLAUSE_CUT.search(rest[1:] if rest[:1] in "，,、：:" else rest)
            offset = 1 if rest[:1] in "，,、：:" else 0
            title_end = title_start + offset + (cut.start() if cut else len(rest) - offset)
        else:
            title_end = title_start + (cut.start() if cut else len(rest))
        title = text[title_start:title_end].strip(TITLE_TRIM)
        marker = text[m.start(): m.end()]
        return DraftNode(marker, number, style, m.start(), title_end, title, inline=False)
    return None


def _inline_markers(text: str, view: str, pos: int, le: int, paragraph_start: bool,
                    candidates: _Candidates) -> list[DraftNode]:
    """一是…二是…, 第一，…第二，…, 首先，…其次，… inside a paragraph (after 。；： or at its start).
    ``candidates``: the part's matches of INLINE_CANDIDATE."""
    found: list[DraftNode] = []
    matches = candidates.between(pos, le)
    if not matches and not paragraph_start:
        return found  # the common case: a line that opens with a point and has no candidate after it
    starts = [_first_char(view, pos, le)] if paragraph_start else []
    starts += [m.start("m") for m in matches]
    for at in starts:
        for style, pattern in _ENUMERATIONS_BY_FIRST_CHAR.get(view[at:at + 1], ()):
            m = pattern.match(view, at, le)
            if not m:
                continue
            number = SEQ_WORDS[m.group("word")] if style == "seq" else _number(m)
            if number is None:
                continue
            rest_start = m.end()
            if view[rest_start: rest_start + 1] in "，,、：:":
                rest_start += 1
            cut = _CLAUSE_CUT.search(view, rest_start, le)
            title_end = cut.start() if cut else le
            title = text[m.end():title_end].strip(TITLE_TRIM)
            found.append(DraftNode(text[m.start(): m.end()], number, style, m.start(), title_end, title, inline=True))
            break
    return _plausible_series(found)


def _plausible_series(nodes: list[DraftNode]) -> list[DraftNode]:
    """Keep inline enumerations that read as a series: a lone 其次/第二 with no start is prose."""
    if not nodes:
        return nodes
    kept = []
    for style in ENUMERATION_STYLES:
        series = [n for n in nodes if n.style == style]
        if not series:
            continue
        if len(series) == 1 and (series[0].number != 1 or style == "seq"):
            continue  # a lone 首先 is an adverb
        kept.extend(series)
    return sorted(kept, key=lambda n: n.start)


def _number(m: "regex.Match | re.Match[str]") -> Optional[int]:
    """The number a marker's match stands for.  Each marker pattern has one named group for its
    number, and a match takes exactly one of them: ``lastgroup`` names it."""
    name = m.lastgroup
    if name is None:
        return None
    raw = m.group(name)
    if name == "num":
        return _ordinal(raw)
    if name == "cd":
        return CIRCLED.index(raw) + 1
    if name == "pd":
        return PAREN_DIGITS.index(raw) + 1
    if name == "word":
        return SEQ_WORDS[raw]
    if name == "rom":
        return ROMAN.index(raw) + 1
    if name == "lat":
        return "ABCDEFGH".index(fold_width(raw)) + 1
    if name == "cap":
        # 壹、貳、參、 read by the numeral reader; 参 is 參 in the simplified view, a numeral only here.
        numeral = parse_numeral(raw.replace("参", "叁"))
        return int(numeral.value) if numeral is not None and numeral.value.is_integer() and numeral.value >= 1 else None
    return None


@lru_cache(maxsize=1024)
def _ordinal(raw: str) -> Optional[int]:
    """The number of a marker's ``num`` group: digits (12, １２) or a Chinese numeral (十二).
    Cached: ``num`` is at most four characters, and a document's markers repeat a few dozen of
    them (folding full-width digits is a regex substitution per call)."""
    if not raw.isascii():
        raw = fold_digits(raw)
    return int(raw) if raw.isdigit() else read_ordinal(raw)


def _freeze(node: DraftNode, index: LineIndex, part: str) -> OutlineNode:
    line, col = index.line_col(node.start)
    # Positional, in OutlineNode's field order: a call with thirteen keywords cost several times
    # as much, and a long report has thousands of points.
    return OutlineNode(
        node.marker,
        node.number,
        node.style,
        node.level,
        node.title,
        line,
        col,
        node.start,
        node.end,
        node.body_end,
        node.inline,
        part,
        tuple([_freeze(c, index, part) for c in node.children]) if node.children else (),  # children
    )
