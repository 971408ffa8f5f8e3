"""Split a page into documents and build each document's outline of numbered points.

Markers are recognised on the simplified view of the text (so 兩/两, 點/点 need one
pattern) with both bracket widths allowed; the marker as *written* is kept for the
checks.  Levels are not fixed by marker style: a document's first style is level 1 and
deeper levels follow the order in which styles open, with a stack (a style already open
closes everything below it).  That is how readers understand 一、 → （一） → 1. and also
how they understand a document that starts at 1、.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from .headings import Line, find_headings
from .levels import ADDRESS, CANONICAL_RANK, ENUMERATION_STYLES, DraftNode, assign_levels, set_body_ends
from .lexicon import boilerplate_cues
from .model import Boilerplate, LineIndex, OutlineNode
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
LINE_MARKERS: list[tuple[str, regex.Pattern]] = [
    ("paren-cn", regex.compile(rf"{_PAREN_OPEN}(?P<num>{CN}){_PAREN_CLOSE}[、.．，,]?")),
    ("paren-arabic", regex.compile(rf"{_PAREN_OPEN}(?P<num>{AR}){_PAREN_CLOSE}[、.．，,]?|(?P<pd>[{PAREN_DIGITS}])[、.．]?")),
    ("bracket-arabic", regex.compile(rf"[［\[【〔][ \t]*(?P<num>{AR})[ \t]*[］\]】〕](?![ \t]*[0-9])")),
    ("circled", regex.compile(rf"(?P<cd>[{CIRCLED}])[、.．]?")),
    ("paren-roman", regex.compile(r"[（(][ \t]*(?P<rom>i{1,3}|iv|vi{0,3}|ix|x)[ \t]*[）)]")),
    ("cn-shi", regex.compile(rf"(?P<num>{CN})是(?=[\p{{Han}}“\"‘])")),
    ("di", regex.compile(rf"第(?P<num>{CN})(?=[，,：:]|是|、{_NOT_AFTER_DUN})")),
    ("seq", regex.compile(r"(?P<word>首先|其次|再次|最后)(?=[，,、：:])")),
    ("cn-cap-dun", regex.compile(rf"(?P<cap>[{CN_CAPITAL}]{{1,3}})[ \t]*[、．.]")),
    ("cn-dun", regex.compile(rf"(?P<num>{CN})[ \t]*(?:、{_NOT_AFTER_DUN}|[．]|\.(?![0-9])|[，,：:](?=\p{{Han}}))")),
    ("arabic", regex.compile(rf"(?P<num>{AR})(?:[、]|[.．](?![0-9０-９])|[.．](?=(?:19|20)[0-9]{{2}}年))")),
    ("latin", regex.compile(r"(?P<lat>[A-HＡ-Ｈ])[.．、](?=[\p{Han}“\"（(])")),
]
# Which styles a marker's first character allows, in LINE_MARKERS order (a line is tried only
# against those: the outline of a 100,000-heading text costs a dict lookup per line, not 8 matches).
_FIRST_CHARS = {
    "paren-cn": "（(", "paren-arabic": "（(" + PAREN_DIGITS, "paren-roman": "（(", "bracket-arabic": "［[【〔", "circled": CIRCLED,
    "cn-shi": CN_DIGITS, "di": "第", "seq": "首其再最", "cn-cap-dun": CN_CAPITAL, "cn-dun": CN_DIGITS,
    "arabic": "0123456789０１２３４５６７８９", "latin": "ABCDEFGHＡＢＣＤＥＦＧＨ",
}
_MARKERS_BY_FIRST_CHAR: dict[str, list[tuple[str, regex.Pattern]]] = {}
for _style, _pattern in LINE_MARKERS:
    for _char in _FIRST_CHARS[_style]:
        _MARKERS_BY_FIRST_CHAR.setdefault(_char, []).append((_style, _pattern))
# Points that may be run in after a sentence end (a heading whose line break was lost).
RUN_IN_STYLES = ("cn-dun", "paren-cn", "paren-arabic", "arabic", "cn-cap-dun")
_SENTENCE_CUT = regex.compile(f"[{SENTENCE_END}]")
_CLAUSE_CUT = regex.compile(r"[，,。；;！？!?：:]")
# Cheap pre-filters: a line can hold a line marker only if it starts like one, and an
# inline marker only right after 。；： (the precise patterns then decide).
MARKER_START = regex.compile(rf"[ \t\u3000]*(?:[（(⑴-⒇①-⑳0-9０-９第首其再最［\[【〔A-HＡ-Ｈ{CN_CAPITAL}]|{CN})")
INLINE_CANDIDATE = regex.compile(rf"(?<=[{SENTENCE_END}：:])[ \u3000]*(?P<m>{CN}是|第{CN}|首先|其次|再次|最后)")
ADDRESSING = regex.compile(r"(?:各位代表|各位委员|同志们|各位领导|同事们)[！!，,]")
INLINE_SEQ = regex.compile(r"(?P<word>首先|其次|再次|最后)(?=[，,、：:]|\p{Han})")  # kept only as a series
GLUED_SUBPOINT = regex.compile(rf"[^。！？；!?;（(\n]{{2,40}}?(?=[（(][ \t\u3000]*{CN}[ \t\u3000]*[）)])")
# The sentence end is matched, not looked behind at: the scan then jumps from one 。 to the next.
# A number and a space after a sentence end (…势头。  1 经济发展平稳。) is the second alternative.
RUN_IN_CANDIDATE = regex.compile(rf"[。！？；!?;][ \t\u3000]*(?:(?P<m>[（(][ \t\u3000]*(?:{CN}|{AR})[ \t\u3000]*[）)]"
                                 rf"|{CN}[、．]|[{CN_CAPITAL}]{{1,3}}、|{AR}[.．、](?![0-9]))"
                                 r"|(?P<num>[1-9][0-9]?)[ \t\u3000]+(?=\p{Han}))")

# Page furniture (boilerplate): breadcrumbs, view counters, reposting blurbs, toolbars.  The cue
# words of the first three are rules/lexicon/boilerplate.yaml (see furniture_keys()).
_COUNT = r"[ \t]*[(（:：]?[ \t]*[0-9.]+[ \t]*[wW万kK]?[ \t]*[)）]?"  # (1.64W), ：2300
_ARROW_BREADCRUMB = ("breadcrumb", regex.compile(r"[>»＞]"),
                     regex.compile(r"[^。，,]{0,40}(?:>|»|＞)[^。，,]{0,40}(?:>|»|＞).*"))


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in words)


@lru_cache(maxsize=1)
def furniture_keys() -> dict[str, regex.Pattern]:
    """What a breadcrumb, view-count or blurb line holds around its cue word: the outline finds
    the lines by it, and the structure check (ZJ731) quotes its match."""
    cues = {kind: _alternation(words) for kind, words in boilerplate_cues().items()}
    return {
        "breadcrumb": regex.compile(rf"(?:{cues['breadcrumb']})[ \t\u3000]*[:：]"),
        "views": regex.compile(rf"(?:{cues['views']})(?:量|次数)?{_COUNT}"),
        "blurb": regex.compile(cues["blurb"]),
    }


@lru_cache(maxsize=1)
def furniture() -> tuple[tuple[str, regex.Pattern, regex.Pattern], ...]:
    """``(kind, trigger, line pattern)``, the first listed winning: the trigger is searched
    over the whole text, the line pattern then decides on the one line holding it (far cheaper
    than matching every line).  Built on first use: the cue words are read from YAML."""
    cues, keys = boilerplate_cues(), furniture_keys()
    return (
        ("breadcrumb", regex.compile(_alternation(cues["breadcrumb"])),
         regex.compile(rf"[ \t\u3000]*{keys['breadcrumb'].pattern}.*")),
        _ARROW_BREADCRUMB,
        ("views", regex.compile(_alternation(cues["views"])),
         regex.compile(rf".{{0,30}}{keys['views'].pattern}"
                       rf"(?:[ \t\u3000]*(?:评论|点赞|收藏|分享|下载){_COUNT})*[ \t\u3000]*")),
        ("blurb", keys["blurb"], regex.compile(r".*")),
        *_FURNITURE_SHAPES,
    )


# Furniture recognised by its shape alone.
_FURNITURE_SHAPES = [
    # A portal's toolbar pasted one button per line: 下载 / 打印 / 全屏 / 收藏 / 【字号： 加大 还原 减小 】.
    ("toolbar", regex.compile(r"下载|打印|全屏|收藏|分享|字号|字体|加大|还原|减小|返回顶部|关闭窗口|首页|相关|点击|^[ \t\u3000]*[大中小>»＞]|[】|×]", regex.M),
     regex.compile(r"[ \t\u3000]*(?:(?:下载|打印|全屏|收藏|分享到?(?:微信|微博|朋友圈|QQ空间)?|字号|字体|加大|还原|减小|默认"
                   r"|返回顶部|关闭窗口|纠错|首页|相关(?:报道|文档|阅读|新闻|文章|链接|推荐)"
                   r"|[》>]{1,3}[ \t]*(?:点击|进入|查看|更多)[^。，,；;\n]{0,16}[《<]{0,3}"
                   r"|[【】\[\]|×:：>»＞])[ \t\u3000]*)+|[ \t\u3000]*[大中小][ \t\u3000]*")),
    # A news page's metadata lines: 来源：某某日报 / 时间：2026-02-11 / 责任编辑：某某.
    ("metadata", regex.compile(r"来源|稿源|作者|编辑|时间|日期|^[ \t\u3000]*[0-9]{4}-", regex.M),
     regex.compile(r"[ \t\u3000]*[（(]?(?:(?:信息|文章|新闻)?来源|稿源|作者|责任编辑|编辑)[ \t]*[:：][^。，,；;！？!?]{1,30}?[）)]?[ \t\u3000]*"
                   r"|[ \t\u3000]*(?:发布|发表|更新)?(?:时间|日期)[ \t]*[:：][ \t]*[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?"
                   r"(?:[ \t]+[0-9:]{4,8})?[ \t\u3000]*"
                   r"|[ \t\u3000]*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[ \t]+[0-9:]{4,8})?[ \t\u3000]*")),
    # A press photo's caption: …本报记者 某某 摄.
    ("caption", regex.compile(r"摄"),
     regex.compile(r".{0,120}(?:记者|通讯员|摄影)[ \t\u3000]*\p{Han}{2,4}(?:[ \t\u3000]+\p{Han}{2,4})*[ \t\u3000]*摄[ \t\u3000]*")),
]
# Web residue inside a line: text a portal hides or injects, CSS left by a bad copy, a site's
# URL watermark, a document viewer's page footer, a newspaper's page-jump note.
INLINE_RESIDUE = [
    ("hidden-text", regex.compile(r"[.…。]{1,6}[ \t]*此处隐藏[0-9]+个字[ \t]*[.…。]{0,6}")),
    ("css", regex.compile(r"(?:[A-Za-z-]{2,30}[ \t]*:[ \t]*(?:rgba?\([0-9., ]+\)|#[0-9A-Fa-f]{3,8}|[0-9.]+(?:px|pt|em))[ \t]*;?)+"
                          r"[ \t]*\"?[ \t]*>|(?:style|class)=\"[^\"\n]{0,120}\"[ \t]*/?>")),
    ("url", regex.compile(r"(?:https?://|www\.)[A-Za-z0-9][A-Za-z0-9./?=&_%#:~+-]*")),
    ("page-footer", regex.compile(r"第[ \t]*[0-9]+[ \t]*页[ \t]*[,，]?[ \t]*共[ \t]*[0-9]+[ \t]*页")),
    ("page-jump", regex.compile(r"[（(][ \t]*(?:下转|上接|紧接|接|转)第?[0-9一二三四五六七八九十]+版[ \t]*[）)]")),
]

# Longest line that can be page furniture.  A page pasted without its line breaks is one long
# line: holding a breadcrumb does not make it furniture (its text would go unchecked, and the
# fix that deletes a furniture line would delete the page).
FURNITURE_MAX_LINE = 300

_SP = r"[ \t\u3000]"
DOC_TITLE = [
    regex.compile(rf"^{_SP}*(?P<title>\S.{{1,60}}?){_SP}*[（(【\[]?{_SP}*(?:篇|范文){_SP}*(?P<n>[0-9]{{1,3}}|{CN}){_SP}*[)）】\]]?{_SP}*$", regex.M),
    regex.compile(rf"^{_SP}*[【\[]{_SP}*(?:篇|范文){_SP}*(?P<n>[0-9]{{1,3}}|{CN}){_SP}*[】\]]{_SP}*(?P<title>.*)$", regex.M),
]
_DOC_TRIGGER = regex.compile(r"篇|范文")
OPENING_LINES = 40  # where a page's title is looked for
SUMMARY_TITLE = regex.compile(r"^\s*[^\s，,。；;！？!?]{2,40}(?:总结|小结|报告|汇报|述职|总结范文)\s*$")


@dataclass(frozen=True)
class DocumentSpan:
    title: str
    title_start: int
    title_end: int
    start: int
    end: int


def find_boilerplate(text: str, view: str, index: LineIndex) -> list[Boilerplate]:
    """Whole lines of page furniture (matched on the simplified view); the first kind
    listed in :func:`furniture` wins when a line matches several."""
    by_start: dict[int, tuple[int, str, int]] = {}
    for rank, (kind, trigger, line_pattern) in enumerate(furniture()):
        checked: set[int] = set()
        for hit in trigger.finditer(view):
            line_start = view.rfind("\n", 0, hit.start()) + 1
            if line_start in checked:
                continue
            checked.add(line_start)
            line_end = view.find("\n", hit.start())
            line_end = len(view) if line_end < 0 else line_end
            if line_end - line_start > FURNITURE_MAX_LINE or not line_pattern.fullmatch(view, line_start, line_end):
                continue  # a long line is text, whatever it holds: furniture is never a paragraph
            start, end = _lead(view, line_start, line_end), line_start + len(view[line_start:line_end].rstrip())
            if end > start and (start not in by_start or by_start[start][0] > rank):
                by_start[start] = (rank, kind, end)
    spans = [(start, end, kind) for start, (_, kind, end) in by_start.items()]
    for kind, pattern in INLINE_RESIDUE:
        spans.extend((m.start(), m.end(), kind) for m in pattern.finditer(view))
    spans.extend((s, e, "viewer-chunk") for s, e in _viewer_chunks(view))
    found: list[Boilerplate] = []
    for start, end, kind in sorted(spans):
        if found and start < found[-1].end:  # inside a residue line already found
            continue
        line, col = index.line_col(start)
        found.append(Boilerplate(kind, text[start:end], start, end, line, col))
    return found


_CHUNK_MARKER = regex.compile(r"^(?P<n>[0-9]{1,3})、", regex.M)
_PARAGRAPH_END = regex.compile(r"[。！？!?；;：:…”’」』）)][ \t\u3000]*$")
CHUNK_MIN_LINE = 60  # a document viewer cuts pages of text, not headings


def _viewer_chunks(view: str) -> list[tuple[int, int]]:
    """The 1、 2、 3、 a document viewer puts before each chunk of a page it cut mid-sentence
    (…产妇数39⏎2、4人…): a run of them, numbered from 1, each after a long line that stops
    inside a sentence.  They are residue, not an outline."""
    runs: list[list[tuple[int, int]]] = []
    run: list[tuple[int, int]] = []
    for m in _CHUNK_MARKER.finditer(view):
        number = int(m.group("n"))
        previous = view[view.rfind("\n", 0, max(m.start() - 1, 0)) + 1:max(m.start() - 1, 0)]
        long_line = len(previous) >= CHUNK_MIN_LINE
        cut = long_line and not _PARAGRAPH_END.search(previous)
        if number == 1 and (m.start() == 0 or cut):
            run = [(m.start(), m.end())]
            runs.append(run)
        elif run and number == len(run) + 1 and (cut or (len(run) >= 2 and long_line)):
            run.append((m.start(), m.end()))  # once a run stands, a chunk may begin at a sentence end
        else:
            run = []
    return [span for r in runs if len(r) >= 2 for span in r]


def split_documents(text: str, view: str, furniture: list[Boilerplate]) -> list[DocumentSpan]:
    """Documents on a page: at 篇N / 范文N title lines, else at a repeated summary title,
    else the whole page (from its first line that is not furniture)."""
    # Lines that are furniture as a whole; residue inside a line (a viewer's 1、, a URL) leaves
    # the rest of its line to the document.
    furniture_starts = {b.start for b in furniture if view[b.end:b.end + 1] in ("\n", "")}
    line_starts = set()
    for hit in _DOC_TRIGGER.finditer(view):
        s = view.rfind("\n", 0, hit.start()) + 1
        e = view.find("\n", hit.start())
        e = len(view) if e < 0 else e
        if any(pattern.fullmatch(view, s, e) for pattern in DOC_TITLE):
            line_starts.add((s, e))
    starts = sorted(
        (s, e) for s, e in line_starts if s not in furniture_starts and s + len(view[s:e]) - len(view[s:e].lstrip()) not in furniture_starts
    )
    lines = None
    if not starts:
        lines = _lines(view)
        repeated = _repeated_titles(view, lines, furniture_starts)
        starts = sorted(set(repeated) | set(_titles_after_furniture(view, lines, furniture)))
        if len(starts) == 1 and not repeated:
            starts = []  # one page, one document: the general rule below finds its title
    if not starts:
        opening = [(s, e) for s, e in lines[:OPENING_LINES] if view[s:e].strip() and _lead(view, s, e) not in furniture_starts]
        if not opening:
            return [DocumentSpan("", 0, 0, 0, len(text))]
        s, e = _page_title(view, opening)
        s = next((b.end for b in furniture if b.start == _lead(view, s, e)), s)  # past a viewer's 1、
        if (_looks_like_title(view[s:e]) or SUMMARY_TITLE.match(view[s:e])) and view[e:].strip():
            return [DocumentSpan(text[s:e].strip(), s, e, s, _trim_end(text, len(text)))]
        return [DocumentSpan("", s, s, s, _trim_end(text, len(text)))]
    docs = []
    for i, (s, e) in enumerate(starts):
        doc_end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        lead = len(text[s:e]) - len(text[s:e].lstrip())
        docs.append(DocumentSpan(text[s:e].strip(), s + lead, e, s + lead, _trim_end(text, doc_end)))
    return docs


def _lead(view: str, start: int, end: int) -> int:
    """Offset of the first non-blank character of the line ``view[start:end]``."""
    line = view[start:end]
    return start + len(line) - len(line.lstrip())


def _repeated_titles(view: str, lines, furniture_starts) -> list[tuple[int, int]]:
    seen: dict[str, list[tuple[int, int]]] = {}
    for s, e in lines:
        if _lead(view, s, e) not in furniture_starts and SUMMARY_TITLE.match(view[s:e]):
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


def _titles_after_furniture(view: str, lines, furniture: list[Boilerplate]) -> list[tuple[int, int]]:
    """Summary titles that follow a block of page furniture: where pages were joined into one
    file (each with its portal toolbar or breadcrumb), every page begins a document."""
    starts = {b.start for b in furniture if view[b.end:b.end + 1] in ("\n", "")}
    found, lines_left = [], 0  # short lines (a portal's 栏目名) may stand between furniture and title
    for s, e in lines:
        lead = _lead(view, s, e)
        if not view[s:e].strip():
            continue
        if lead in starts:
            lines_left = 4
            continue
        if lines_left and SUMMARY_TITLE.match(view[s:e]) and _looks_like_title(view[s:e]):
            found.append((s, e))
            lines_left = 0
        elif lines_left and len(view[s:e].strip()) <= 12 and _looks_like_title(view[s:e]):
            lines_left -= 1
        else:
            lines_left = 0
    return found


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


def _lines(text: str) -> list[tuple[int, int]]:
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
    for ls, le in _lines(view[start:end]):
        ls, le = ls + start, le + start
        lead = _lead(view, ls, le)
        if lead in skip or not view[ls:le].strip():
            continue
        if view[ls:le].strip() in ("（", "("):
            bracket_at = lead
            continue
        if bracket_at is not None:
            node = _broken_marker(text, view, bracket_at, ls, le)
            bracket_at = None
        else:
            node = None
        if node is None:
            node = line_marker(text, view, ls, le) if MARKER_START.match(view, ls, le) else None
        after_residue = _markers_after_residue(text, view, node.end if node else ls, le, residue_ends or [])
        after = node.end if node else ls
        inline = _inline_markers(text, view, after, le, paragraph_start=node is None)
        if node is None and inline and inline[0].start == _first_char(view, ls, le):
            node, inline = inline[0], inline[1:]
            node.inline = False
        run_in = _run_in_markers(text, view, node, after, le)
        on_line = ([node] if node is not None else []) + inline + after_residue + run_in
        for point in on_line:
            point.paragraph_end = le
        points.extend(sorted(on_line, key=lambda p: p.start))
        line_end = ls + len(view[ls:le].rstrip())
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


def _run_in_markers(text: str, view: str, node: Optional[DraftNode], pos: int, le: int) -> list[DraftNode]:
    """Numbered points run in after a sentence end inside a line (…。二、加强…), and a sub-point
    right after a heading's title on the same line (三、重点工作（一）…): candidates, kept by
    :func:`_accept_run_ins` only where they continue or open a series."""
    found = []
    starts = []
    for m in RUN_IN_CANDIDATE.finditer(view, pos, le):
        if m.group("m"):
            starts.append(m.start("m"))
            continue
        # …势头。  1 经济发展平稳。: a number and a space
        title_end = _SENTENCE_CUT.search(view, m.end(), le)
        title_end = title_end.start() if title_end else le
        found.append(DraftNode(text[m.start("num"):m.end("num")], int(m.group("num")), "arabic", m.start("num"),
                               title_end, text[m.end():title_end].strip(TITLE_TRIM), inline=False, run_in=True))
    if node is not None and not node.is_enumeration:
        glued = GLUED_SUBPOINT.match(view, node.start + len(node.marker), le)
        if glued:
            starts.insert(0, glued.end())
    for at in starts:
        point = line_marker(text, view, at, le)
        if point is not None and point.style in RUN_IN_STYLES:
            point.run_in = True
            found.append(point)
    return found


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


_NUMBER_LIST = regex.compile(r"[0-9０-９]+(?:[、，,]|$)")


def _markers_starting_with(char: str) -> list[tuple[str, regex.Pattern]]:
    """The line-marker styles that can start with ``char`` (one or two, not all eight)."""
    return _MARKERS_BY_FIRST_CHAR.get(char, [])


def line_marker(text: str, view: str, ls: int, le: int) -> Optional[DraftNode]:
    """The numbered point (or enumeration) that opens ``view[ls:le]``, if any."""
    pos = _first_char(view, ls, le)
    for style, pattern in _markers_starting_with(view[pos:pos + 1]):
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


def _inline_markers(text: str, view: str, pos: int, le: int, paragraph_start: bool) -> list[DraftNode]:
    """一是…二是…, 第一，…第二，…, 首先，…其次，… inside a paragraph (after 。；： or at its start)."""
    found: list[DraftNode] = []
    candidates = [_first_char(view, pos, le)] if paragraph_start else []
    candidates += [m.start("m") for m in INLINE_CANDIDATE.finditer(view, pos, le)]
    for at in candidates:
        for style, pattern in LINE_MARKERS:
            if style not in ENUMERATION_STYLES:
                continue
            m = (INLINE_SEQ if style == "seq" else pattern).match(view, at, le)
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


def _number(m: regex.Match) -> Optional[int]:
    groups = m.groupdict()
    if groups.get("cd"):
        return CIRCLED.index(groups["cd"]) + 1
    if groups.get("pd"):
        return PAREN_DIGITS.index(groups["pd"]) + 1
    if groups.get("word"):
        return SEQ_WORDS[groups["word"]]
    if groups.get("rom"):
        return ROMAN.index(groups["rom"]) + 1
    if groups.get("lat"):
        return "ABCDEFGH".index(fold_width(groups["lat"])) + 1
    if groups.get("cap"):
        # 壹、貳、參、 read by the numeral reader; 参 is 參 in the simplified view, a numeral only here.
        numeral = parse_numeral(groups["cap"].replace("参", "叁"))
        return int(numeral.value) if numeral is not None and numeral.value.is_integer() and numeral.value >= 1 else None
    raw = groups.get("num")
    if raw is None:
        return None
    raw = fold_digits(raw)
    if raw.isdigit():
        return int(raw)
    return read_ordinal(raw)


def _freeze(node: DraftNode, index: LineIndex, part: str) -> OutlineNode:
    line, col = index.line_col(node.start)
    return OutlineNode(
        marker=node.marker,
        number=node.number,
        style=node.style,
        level=node.level,
        title=node.title,
        line=line,
        col=col,
        start=node.start,
        end=node.end,
        body_end=node.body_end,
        inline=node.inline,
        part=part,
        children=tuple(_freeze(c, index, part) for c in node.children),
    )




def spans_without(start: int, end: int, furniture: list[Boilerplate]) -> list[tuple[int, int]]:
    """``[start, end)`` minus the furniture lines inside it (``furniture`` sorted by position,
    as :func:`find_boilerplate` returns it)."""
    first = max(0, bisect.bisect_left([b.start for b in furniture], start) - 1) if len(furniture) > 8 else 0
    pieces, pos = [], start
    for item in furniture[first:]:
        if item.start >= end:
            break
        if item.end <= pos:
            continue
        if item.start > pos:
            pieces.append((pos, item.start))
        pos = max(pos, item.end)
    if pos < end:
        pieces.append((pos, end))
    return pieces
