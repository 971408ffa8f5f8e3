"""Unnumbered headings: lines that title the text after them without a marker.

Real reports carry them at every level: a part heading on a line of its own (过去五年工作回顾,
2026年重点工作), a dash-led line (——这是…的五年), a row of short topic lines each followed by the
paragraph it sums up (生态底色更加亮丽。), a word in brackets (【主要成绩】).  Missing them puts an
一是 list on the wrong level; inventing them splits paragraphs.  So a line counts only when it is
short, stands between a finished paragraph (or another heading) and a longer one, and is not a
lead-in sentence (…主要做了以下工作。) or a salutation (各位代表：).  A short line that reads as
a sentence (it ends in 。) counts only as one of a row of such lines in the same part.
"""

from __future__ import annotations

from collections import Counter

from .cache import compile_regex
from .model import Record

HEADING_MAX = 30  # characters of a heading line
DASH_HEADING_MAX = 40
PARAGRAPH_MIN = 40  # a line this long is a paragraph, never a heading
PARALLEL_PREFIX = 4  # characters that lines of a parallel row (排比) share at their start
_BRACKETED = compile_regex(r"[【{｛〔\[［][^】}｝〕\]］\n]{2,28}[】}｝〕\]］]")
_DASH = compile_regex(r"(?:——|――|—|--)")
_LEAD_IN = compile_regex(r"以下|如下|下面|如次|汇报|报告如|现将")
_SALUTATION = compile_regex(r"^(?:各位|尊敬的|同志们|亲爱的|大家好)")
_INNER_STOP = compile_regex(r"[。！？；!?;]")
_BAD_END = "：:！!？?，,；;、"
_FINISHED = "。！？；!?;…”’」』）)】"
_HAN = compile_regex(r"\p{Han}")
_COMMA = compile_regex(r"[，,]")
_LABEL_OR_PERCENT = compile_regex(r"[:：%％]")
_FIGURES = compile_regex(r"[0-9０-９]+(?:[.．][0-9]+)?")
_DATE_OR_SOURCE = compile_regex(r"^[（(]?(?:来源|编辑|作者|责任编辑)|^[0-9]{4}[-年./][0-9]{1,2}|^[0-9０-９.\s:：-]+$")


class Line(Record):
    """A non-blank line of a part: ``start``/``end`` cover its text without surrounding blanks;
    ``opens_point``: it starts with a numbered point or an enumeration."""

    start: int
    end: int
    opens_point: bool


def find_headings(view: str, lines: list[Line]) -> list[tuple[int, int, str]]:
    """(start, end, style) of each unnumbered heading among ``lines`` (style ``line`` or ``dash``)."""
    found: list[tuple[int, int, str, bool]] = []  # … and whether it reads as a sentence
    for k, line in enumerate(lines):
        if line.opens_point or line.end - line.start > _LONGEST_CANDIDATE:
            continue  # (a paragraph: _candidate's own first test, saved a call on most lines)
        judged = _candidate(view, line)
        if judged is None:
            continue
        style, sentence_like = judged
        if not _between_paragraphs(view, lines, k, sentence_like, found):
            continue
        found.append((line.start, line.end, style, sentence_like))
    sentences = [view[s:e] for s, e, _, sentence_like in found if sentence_like]
    if not sentences:  # (most parts: no Counter to build, nothing for _in_a_row to read)
        return [(s, e, style) for s, e, style, _ in found]
    openings = Counter(line[:PARALLEL_PREFIX] for line in sentences)
    return [(s, e, style) for s, e, style, sentence_like in found
            if not sentence_like or _in_a_row(view[s:e], len(sentences), openings)]


def _in_a_row(line: str, sentences: int, openings: Counter) -> bool:
    """A short sentence on a line of its own titles what follows when it is one of a row: two
    or more such lines in the part, and one with a comma only in a parallel row (三 or more that
    open alike: 这五年，我们…), since a single clause-and-comma line is usually a lead sentence."""
    if sentences < 2:
        return False
    return not _COMMA.search(line) or openings[line[:PARALLEL_PREFIX]] >= 3


# Longest line that can be a heading: a dash-led one, or a bracketed one (_BRACKETED, at most 30).
_LONGEST_CANDIDATE = max(HEADING_MAX, DASH_HEADING_MAX, 30)


def _candidate(view: str, line: Line) -> tuple[str, bool] | None:
    if line.end - line.start > _LONGEST_CANDIDATE:
        return None  # a paragraph: decided before any pattern is tried
    text = view[line.start:line.end]
    if _BRACKETED.fullmatch(text):
        return "line", False
    dash = _DASH.match(text)
    limit = DASH_HEADING_MAX if dash else HEADING_MAX
    if not 2 <= len(text) <= limit or text[-1] in _BAD_END:
        return None
    if _SALUTATION.match(text) or _DATE_OR_SOURCE.match(text) or _LEAD_IN.search(text):
        return None
    if _LABEL_OR_PERCENT.search(text, 0, len(text) - 1) or len(_FIGURES.findall(text)) >= 2:
        return None  # 目标:1871万,达成2394万: a line of figures, not a title
    if len(_HAN.findall(text)) < 2:
        return None
    body = text[:-1] if text[-1] in "。.!！" else text
    if _INNER_STOP.search(body):
        return None
    return ("dash" if dash else "line"), text[-1] in "。."


def _between_paragraphs(view: str, lines: list[Line], k: int, sentence_like: bool,
                        found: list[tuple[int, int, str, bool]]) -> bool:
    """The line follows a finished paragraph (or a heading, or opens the part) and a longer
    paragraph or a numbered point follows it."""
    if k + 1 >= len(lines):
        return False
    following = lines[k + 1]
    length = lines[k].end - lines[k].start
    if following.opens_point:
        if sentence_like:
            return False  # a one-sentence lead-in before a list, not a heading
    elif following.end - following.start < max(PARAGRAPH_MIN, 2 * length):
        # A part heading may stand right above a topic heading that is followed by a paragraph.
        after = lines[k + 2] if k + 2 < len(lines) else None
        if sentence_like or _candidate(view, following) is None or after is None \
                or not (after.opens_point or after.end - after.start >= PARAGRAPH_MIN):
            return False
    if k == 0:
        return True
    previous = lines[k - 1]
    if found and found[-1][0] == previous.start:
        return True
    return view[previous.end - 1] in _FINISHED or previous.opens_point and previous.end - previous.start <= 60
