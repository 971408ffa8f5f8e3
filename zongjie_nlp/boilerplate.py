"""Page furniture (boilerplate): the lines and bits a web page puts around a summary.

Breadcrumbs, view counters, reposting blurbs, toolbars, news metadata, photo captions, and web
residue inside a line (hidden-text notes, CSS, URL watermarks, a viewer's page footer or chunk
numbers).  The parser finds them once (:func:`find_boilerplate`, kept as ``report.boilerplate``);
documents are split around them, the outline skips their lines, and each document's ``body``
leaves them out.  The cue words of breadcrumbs, view counts and blurbs are data
(``rules/lexicon/boilerplate.yaml``, read through :mod:`zongjie_nlp.lexicon`); the structure check
(ZJ731) quotes a line's cue with :func:`furniture_keys`.

A furniture line is known by the offset of its first non-blank character (:func:`line_lead`):
that is the key the outline and the document splitter look lines up by.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, NamedTuple, Optional

import regex

from .cache import compile_re, compile_regex
from .lexicon import boilerplate_cues
from .model import Boilerplate, LineIndex

_COUNT = r"[ \t]*[(（:：]?[ \t]*[0-9.]+[ \t]*[wW万kK]?[ \t]*[)）]?"  # (1.64W), ：2300


class Trigger(NamedTuple):
    """Where a kind of furniture may be: the lines holding a match of ``anywhere``, and the
    lines that open with a match of ``line_start``.  Neither matches across a line end.

    Why two patterns, on the standard library's engine: a ``^`` alternative makes an engine try
    every position of the page, and ``re`` skips to the first characters of an alternation of
    words in C, about twice as fast as ``regex`` here.  A line opening is looked for after each
    line end (and at the start of the text), which the engine also skips to."""

    anywhere: "re.Pattern[str]"
    line_start: Optional["re.Pattern[str]"] = None
    first_line: Optional["re.Pattern[str]"] = None

    @classmethod
    def of(cls, anywhere: str, line_start: Optional[str] = None) -> "Trigger":
        if line_start is None:
            return cls(compile_re(anywhere))
        return cls(compile_re(anywhere), compile_re("\n" + line_start), compile_re(line_start))

    def line_starts(self, view: str) -> set[int]:
        """The starts of the lines of ``view`` that hold a hit."""
        starts = {view.rfind("\n", 0, hit.start()) + 1 for hit in self.anywhere.finditer(view)}
        return starts | self.opening_lines(view)

    def opening_lines(self, view: str) -> set[int]:
        """The starts of the lines that open with a hit of ``line_start``."""
        if self.line_start is None:
            return set()
        starts = {hit.start() + 1 for hit in self.line_start.finditer(view)}  # (a hit begins at the line end before its line)
        if self.first_line.match(view):
            starts.add(0)
        return starts

    def hits_line(self, view: str, start: int, end: int) -> bool:
        """Whether the line ``view[start:end]`` (without its line end) is among
        :meth:`line_starts`: neither pattern matches across a line end, so a hit in the line is
        found by reading the line alone."""
        if self.anywhere.search(view, start, end) is not None:
            return True
        return self.line_start is not None and self.first_line.match(view, start, end) is not None


# (The arrows as words, not a class: so the union of every trigger (see _any_trigger) remains an
# alternation of words, which ``re`` skips through to their first characters.)
_ARROW_BREADCRUMB = ("breadcrumb", Trigger.of(r">|»|＞"),
                     compile_regex(r"[^。，,]{0,40}(?:>|»|＞)[^。，,]{0,40}(?:>|»|＞).*"))


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in words)


@lru_cache(maxsize=1)
def furniture_keys() -> dict[str, regex.Pattern]:
    """What a breadcrumb, view-count or blurb line holds around its cue word:
    :func:`find_boilerplate` finds the lines by it, and the structure check (ZJ731) quotes its
    match."""
    cues = {kind: _alternation(words) for kind, words in boilerplate_cues().items()}
    return {
        "breadcrumb": compile_regex(rf"(?:{cues['breadcrumb']})[ \t\u3000]*[:：]"),
        "views": compile_regex(rf"(?:{cues['views']})(?:量|次数)?{_COUNT}"),
        "blurb": compile_regex(cues["blurb"]),
    }


@lru_cache(maxsize=1)
def furniture() -> tuple[tuple[str, Trigger, regex.Pattern], ...]:
    """``(kind, trigger, line pattern)``, the first listed winning: the trigger is searched
    over the whole text, the line pattern then decides on each line holding a hit (far cheaper
    than matching every line).  Built on first use: the cue words are read from YAML."""
    cues, keys = boilerplate_cues(), furniture_keys()
    return (
        ("breadcrumb", Trigger.of(_alternation(cues["breadcrumb"])),
         compile_regex(rf"[ \t\u3000]*{keys['breadcrumb'].pattern}.*")),
        _ARROW_BREADCRUMB,
        ("views", Trigger.of(_alternation(cues["views"])),
         compile_regex(rf".{{0,30}}{keys['views'].pattern}"
                       rf"(?:[ \t\u3000]*(?:评论|点赞|收藏|分享|下载){_COUNT})*[ \t\u3000]*")),
        ("blurb", Trigger.of(keys["blurb"].pattern), compile_regex(r".*")),
        *_FURNITURE_SHAPES,
    )


# Furniture recognised by its shape alone.
_FURNITURE_SHAPES = [
    # A portal's toolbar pasted one button per line: 下载 / 打印 / 全屏 / 收藏 / 【字号： 加大 还原 减小 】.
    # (】, | and × are written as words: a character class among the words keeps ``re`` from
    # skipping to their first characters, and the scan takes five times as long.)
    ("toolbar", Trigger.of(r"下载|打印|全屏|收藏|分享|字号|字体|加大|还原|减小|返回顶部|关闭窗口|首页|相关|点击|】|\||×",
                           line_start=r"[ \t\u3000]*[大中小>»＞]"),
     compile_regex(r"[ \t\u3000]*(?:(?:下载|打印|全屏|收藏|分享到?(?:微信|微博|朋友圈|QQ空间)?|字号|字体|加大|还原|减小|默认"
                   r"|返回顶部|关闭窗口|纠错|首页|相关(?:报道|文档|阅读|新闻|文章|链接|推荐)"
                   r"|[》>]{1,3}[ \t]*(?:点击|进入|查看|更多)[^。，,；;\n]{0,16}[《<]{0,3}"
                   r"|[【】\[\]|×:：>»＞])[ \t\u3000]*)+|[ \t\u3000]*[大中小][ \t\u3000]*")),
    # A news page's metadata lines: 来源：某某日报 / 时间：2026-02-11 / 责任编辑：某某.
    ("metadata", Trigger.of(r"来源|稿源|作者|编辑|时间|日期", line_start=r"[ \t\u3000]*[0-9]{4}-"),
     compile_regex(r"[ \t\u3000]*[（(]?(?:(?:信息|文章|新闻)?来源|稿源|作者|责任编辑|编辑)[ \t]*[:：][^。，,；;！？!?]{1,30}?[）)]?[ \t\u3000]*"
                   r"|[ \t\u3000]*(?:发布|发表|更新)?(?:时间|日期)[ \t]*[:：][ \t]*[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?"
                   r"(?:[ \t]+[0-9:]{4,8})?[ \t\u3000]*"
                   r"|[ \t\u3000]*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[ \t]+[0-9:]{4,8})?[ \t\u3000]*")),
    # A press photo's caption: …本报记者 某某 摄.
    ("caption", Trigger.of(r"摄"),
     compile_regex(r".{0,120}(?:记者|通讯员|摄影)[ \t\u3000]*\p{Han}{2,4}(?:[ \t\u3000]+\p{Han}{2,4})*[ \t\u3000]*摄[ \t\u3000]*")),
]
# Web residue inside a line: text a portal hides or injects, CSS left by a bad copy, a site's
# URL watermark, a document viewer's page footer, a newspaper's page-jump note.
# Each with the strings one of which every match holds: no match crosses a line end and none
# reads around itself (no anchor, no lookaround), so only the lines holding one are scanned
# (see _residue_matches).
INLINE_RESIDUE = [
    ("hidden-text", compile_regex(r"[.…。]{1,6}[ \t]*此处隐藏[0-9]+个字[ \t]*[.…。]{0,6}"), ("此处隐藏",)),
    ("css", compile_regex(r"(?:[A-Za-z-]{2,30}[ \t]*:[ \t]*(?:rgba?\([0-9., ]+\)|#[0-9A-Fa-f]{3,8}|[0-9.]+(?:px|pt|em))[ \t]*;?)+"
                          r"[ \t]*\"?[ \t]*>|(?:style|class)=\"[^\"\n]{0,120}\"[ \t]*/?>"), (">",)),
    ("url", compile_regex(r"(?:https?://|www\.)[A-Za-z0-9][A-Za-z0-9./?=&_%#:~+-]*"), ("http", "www.")),
    ("page-footer", compile_regex(r"第[ \t]*[0-9]+[ \t]*页[ \t]*[,，]?[ \t]*共[ \t]*[0-9]+[ \t]*页"), ("页",)),
    ("page-jump", compile_regex(r"[（(][ \t]*(?:下转|上接|紧接|接|转)第?[0-9一二三四五六七八九十]+版[ \t]*[）)]"), ("版",)),
]

# Longest line that can be page furniture.  A page pasted without its line breaks is one long
# line: holding a breadcrumb does not make it furniture (its text would go unchecked, and the
# fix that deletes a furniture line would delete the page).
FURNITURE_MAX_LINE = 300


def line_lead(view: str, start: int, end: int) -> int:
    """Offset of the first non-blank character of the line ``view[start:end]``: the key by which
    a line is looked up among the furniture (``Boilerplate.start``)."""
    line = view[start:end]
    return start + len(line) - len(line.lstrip())


def whole_lines(furniture: list[Boilerplate], view: str) -> set[int]:
    """Where the lines that are furniture as a whole start.  Residue inside a line (a viewer's
    1、, a URL) leaves the rest of its line to the document, so it is not among them."""
    return {b.start for b in furniture if view[b.end:b.end + 1] in ("\n", "")}


@lru_cache(maxsize=1)
def _any_trigger() -> "re.Pattern[str]":
    """The ``anywhere`` patterns of every trigger as one alternation.  Each is an alternation of
    words, so their union is one too, which ``re`` scans about as fast as any one of them: one
    scan of the page instead of seven.  A line holding a hit of one of them holds a hit of the
    union (no hit crosses a line end, so no earlier hit can overlap it from another line)."""
    return compile_re("|".join(trigger.anywhere.pattern for _, trigger, _ in furniture()))


def _trigger_lines(view: str) -> list[int]:
    """The starts of the lines some trigger hits, in order, and maybe a few more (each is then
    asked :meth:`Trigger.hits_line`): every line holding a hit of the union of the ``anywhere``
    patterns, and the lines a ``line_start`` pattern opens."""
    union = _any_trigger()
    starts: set[int] = set()
    hit = union.search(view)
    while hit is not None:
        starts.add(view.rfind("\n", 0, hit.start()) + 1)
        line_end = view.find("\n", hit.end())
        hit = None if line_end < 0 else union.search(view, line_end + 1)  # (the next line holding one)
    for _, trigger, _ in furniture():
        starts |= trigger.opening_lines(view)
    return sorted(starts)


def _furniture_line(view: str, line_start: int, line_end: int) -> Optional[tuple[int, int, str]]:
    """``(start, end, kind)`` of the line ``view[line_start:line_end]`` as a furniture line
    (without its indentation and trailing blanks), of the first kind of :func:`furniture` whose
    trigger hits it and whose line pattern matches it whole; None when it is none."""
    if line_end - line_start > FURNITURE_MAX_LINE:
        return None  # a long line is text, whatever it holds: furniture is never a paragraph
    for kind, trigger, line_pattern in furniture():
        if trigger.hits_line(view, line_start, line_end) and line_pattern.fullmatch(view, line_start, line_end):
            start, end = line_lead(view, line_start, line_end), line_start + len(view[line_start:line_end].rstrip())
            return (start, end, kind) if end > start else None
    return None


def find_boilerplate(text: str, view: str, index: LineIndex) -> list[Boilerplate]:
    """Whole lines of page furniture (matched on the simplified view); the first kind
    listed in :func:`furniture` wins when a line matches several."""
    spans = []
    for line_start in _trigger_lines(view):
        line_end = view.find("\n", line_start)
        found = _furniture_line(view, line_start, len(view) if line_end < 0 else line_end)
        if found is not None:
            spans.append(found)
    for kind, pattern, needles in INLINE_RESIDUE:
        spans.extend((m.start(), m.end(), kind) for m in _residue_matches(view, pattern, needles))
    spans.extend((s, e, "viewer-chunk") for s, e in _viewer_chunks(view))
    found: list[Boilerplate] = []
    for start, end, kind in sorted(spans):
        if found and start < found[-1].end:  # inside a residue line already found
            continue
        line, col = index.line_col(start)
        found.append(Boilerplate(kind, text[start:end], start, end, line, col))
    return found


def lines_holding(view: str, needles: tuple[str, ...]) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``view`` (without its line end) that holds one of
    ``needles``, in order; ``str.find`` skips the others in C."""
    lines: set[tuple[int, int]] = set()
    for needle in needles:
        at = view.find(needle)
        while at >= 0:
            start = view.rfind("\n", 0, at) + 1
            end = view.find("\n", at + len(needle))
            end = len(view) if end < 0 else end
            lines.add((start, end))
            at = view.find(needle, end + 1)
    return sorted(lines)


def _residue_matches(view: str, pattern: regex.Pattern, needles: tuple[str, ...]) -> list[regex.Match]:
    """``pattern.finditer(view)``, read on the lines holding one of ``needles`` only (a residue
    pattern never matches across a line end nor without one of them): a page without residue,
    most pages, costs a ``find`` per needle, not a scan by the pattern.  A line scanned alone
    gives the matches the whole scan gives in it: an earlier match ends before its line does."""
    return [m for start, end in lines_holding(view, needles) for m in pattern.finditer(view, start, end)]


# A viewer's chunk number opening a line: looked for after each line end (the stdlib engine
# skips to the line ends in C) and at the start of the text.
_CHUNK_MARKER = compile_re(r"\n([0-9]{1,3})、")
_FIRST_CHUNK_MARKER = compile_re(r"([0-9]{1,3})、")
_PARAGRAPH_END = frozenset("。！？!?；;：:…”’」』）)")  # what a line ends with (before blanks) at a sentence end
CHUNK_MIN_LINE = 60  # a document viewer cuts pages of text, not headings


def _chunk_markers(view: str) -> Iterator[tuple[int, int, int]]:
    """``(start, end, number)`` of each 1、 2、 … that opens a line of ``view``, in order."""
    first = _FIRST_CHUNK_MARKER.match(view)
    if first is not None:
        yield 0, first.end(), int(first.group(1))
    for m in _CHUNK_MARKER.finditer(view):  # (a match begins at the line end before its line)
        yield m.start() + 1, m.end(), int(m.group(1))


def _viewer_chunks(view: str) -> list[tuple[int, int]]:
    """The 1、 2、 3、 a document viewer puts before each chunk of a page it cut mid-sentence
    (…产妇数39⏎2、4人…): a run of them, numbered from 1, each after a long line that stops
    inside a sentence.  They are residue, not an outline."""
    runs: list[list[tuple[int, int]]] = []
    run: list[tuple[int, int]] = []
    for start, end, number in _chunk_markers(view):
        previous = view[view.rfind("\n", 0, max(start - 1, 0)) + 1:max(start - 1, 0)]
        long_line = len(previous) >= CHUNK_MIN_LINE
        cut = long_line and previous.rstrip(" \t\u3000")[-1:] not in _PARAGRAPH_END
        if number == 1 and (start == 0 or cut):
            run = [(start, end)]
            runs.append(run)
        elif run and number == len(run) + 1 and (cut or (len(run) >= 2 and long_line)):
            run.append((start, end))  # once a run stands, a chunk may begin at a sentence end
        else:
            run = []
    return [span for r in runs if len(r) >= 2 for span in r]
