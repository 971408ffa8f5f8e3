"""Structure of a 工作总结 (categories ``structure`` and ``boilerplate``).

Per document (a page may hold several): the parts a summary is expected to have — title,
opening overview, 主要工作/成绩, 存在问题, 经验体会, 下步打算, 落款 (署名 + 成文日期) —
the form of its dates (GB/T 9704-2012 成文日期: Arabic digits, full year, no leading zeros;
a stated weekday that matches the date), and page furniture copied in from a web page.

Parts are recognised on the simplified view (``report.simplified``), in headings and body
text alike: many summaries say "工作中还存在一些不足：……" in a paragraph without a heading.
Page furniture lines are never read as part of a document.  A missing part gives at most one
finding per document, anchored on the document's title (its first line when untitled), so
a page of web excerpts does not drown in repeats.  Fragments (a few sentences) are not
judged for missing parts.
"""

from __future__ import annotations

import bisect
import datetime
import re
from typing import Optional

import regex

from ..cache import compile_re, compile_regex
from ..boilerplate import furniture_keys
from ..documents import DATE, body_lines, body_lines_back, spans_without
from ..lexicon import boilerplate_cues
from ..model import Closing, Document, Fix, OutlineNode
from ..numerals import read_digits, read_small
from ..profile import Genre, genres
from .base import Context

# A document shorter than this (Han characters, furniture excluded) is a fragment: the
# missing-part rules stay silent on it.
MIN_HAN_FOR_PARTS = 80

# --------------------------------------------------------------------------- part cues (simplified)

_HEADING = {
    "problems": compile_regex(
        r"存在|不足|差距|短板|教训|薄弱|困难和问题|^(?:主要|几个|突出)?问题"
        r"|问题(?:和|与|及|、)(?:不足|差距|困难|打算|建议|对策|措施|下步|下一步|明年|今后|努力)"
    ),
    "lessons": compile_regex(r"经验|体会|启示|启发|收获|感悟|认识和|几点认识"),
    "next": compile_regex(
        r"打算|工作计划|工作思路|工作设想|努力方向|改进方向|展望|下步|下一步|今后|明年|来年|下半年|新的一年"
        r"|(?:20\d\d|[〇零一二三四五六七八九]{4})年度?的?(?:工作)?(?:重点|计划|思路|安排|目标|任务)"
    ),
    "achievements": compile_regex(r"主要工作|工作成效|成效|成绩|成果|做法|完成情况|工作情况|基本情况|亮点|主要措施"),
}


def _led_by(first: str, source: str) -> re.Pattern:
    """``source`` for the stdlib engine, behind a test of the character a match begins with:
    ``first`` holds every character it can begin with (tests/test_structure.py derives them
    from the pattern), and most characters of a body are none of them, so most positions are
    rejected by one class test instead of a try of every alternative.  Only whether a cue
    occurs is asked, and the lookahead leaves that as it was."""
    return compile_re(f"(?=[{re.escape(first)}])(?:{source})")


_BODY = {
    "problems": compile_regex(
        r"存在(?:的|着)?(?:一些|主要|突出|的主要)?(?:问题|不足|困难|差距|短板|薄弱)"
        r"|问题(?:和|与|及|、)(?:不足|差距|困难)|(?:困难|差距|不足)(?:和|与|及|、)(?:问题|不足)"
        r"|不足之处|短板|薄弱环节|(?:还|仍|也|尚)(?:有|存在)着?(?:一些|不少|许多|较多|诸多|很多|一定)?的?(?:问题|不足|差距)"
        r"|有待(?:进一步)?(?:提高|加强|改进|完善|提升)|还不够|仍需|亟待|不相适应|后劲不足"
    ),
    # A short alternation of words: the stdlib engine scans it faster than ``regex``.
    "lessons": compile_re(r"经验|体会|启示|启发|认识到|实践证明|实践表明|感悟|教训"),
    # (on ``regex``: its year's \d takes the digits of newer Unicode versions than ``re``'s does)
    "next": compile_regex(
        r"下步|下一步|下一阶段|下阶段|明年|来年|新的一年|新一年|努力方向|改进(?:方向|措施)"
        r"|下半年(?:工作)?(?:打算|计划|重点|将|要|我们将)"
        r"|今后(?:的)?(?:工作)?(?:中|打算|努力方向|计划|思路|一个时期|一段时[期间]|将|要|我们)"
        r"|(?:20\d\d|[〇零一二三四五六七八九]{4})年度?的?(?:工作)?(?:打算|思路|计划|安排|设想)"
        r"|工作(?:打算|设想)|将(?:继续|进一步|着力|重点)"
    ),
    "achievements": _led_by(
        "主工成取完做全累共开组举落推实建召发",
        r"主要工作|工作成效|成效|成绩|成果|取得|完成|做法|工作情况|全年共?|累计|共计"
        r"|(?:开展|组织|举办|落实|推进|实现|建立|召开|发放|开通)了"
    ),
}
_TITLE_NEXT = compile_regex(r"(?:总结|小结|汇报)(?:和|及|与|暨|、).{0,12}(?:计划|打算|思路|安排|要点)")
_CLOSING_PARTS = ("problems", "lessons", "next")  # what a text cut short may still have had
_PARTS = (  # (part, rule, what is missing, where it goes)
    ("achievements", "ZJ713", "主要工作/工作成绩"),
    ("problems", "ZJ714", "存在的问题或不足"),
    ("lessons", "ZJ715", "经验体会"),
    ("next", "ZJ716", "下步打算（下一步工作/明年工作思路）"),
)

_SENTENCE_END = compile_regex(r"[。！？!?…][”’」』）)]*[ \t\u3000]*$")
_HAN = compile_regex(r"\p{Han}")
# An overview (text between the title and the first heading) holds at least this many.
MIN_HAN_FOR_OVERVIEW = 8


def _han_at_least(count: int) -> regex.Pattern:
    """Matches at a span's start when the span holds ``count`` Han characters: one call, where
    counting them made a match object or a string each.  (Possessive: the two classes are
    disjoint, so giving back a character can never help, and a failed match stays linear.)"""
    return compile_regex(rf"(?:\P{{Han}}*+\p{{Han}}){{{count}}}")


_ENOUGH_HAN = _han_at_least(MIN_HAN_FOR_PARTS)
_OVERVIEW_HAN = _han_at_least(MIN_HAN_FOR_OVERVIEW)
_NO_CLOSING = Closing()
_WEEKDAYS = "一二三四五六日"


def run(ctx: Context) -> None:
    report = ctx.report
    furniture = list(report.boilerplate)
    if report.holds_page_start:  # said once per page, by the report that holds its start
        residue = []
        for item in furniture:
            if item.kind in _FURNITURE_NAMES:
                _emit_furniture(ctx, item)
            else:
                residue.append(item)
        if residue:
            _emit_residue(ctx, residue)
        if report.documents:
            _emit_unchecked_preamble(ctx, spans_without(0, report.documents[0].start, furniture))
    hidden = [b.start for b in furniture if b.kind == "hidden-text"]  # in text order
    for doc in report.documents:
        _check_dates(ctx, doc)
        _check_parts(ctx, doc, hidden)


# --------------------------------------------------------------------------- furniture

_FURNITURE_NAMES = {
    "breadcrumb": "网页面包屑导航",
    "views": "网页栏目名和阅读量",
    "blurb": "范文网站的导语",
}


_RESIDUE_NAMES = {
    "toolbar": "网页工具栏",
    "metadata": "来源/时间行",
    "caption": "图片说明",
    "hidden-text": "“此处隐藏”提示",
    "css": "网页样式代码",
    "url": "网址水印",
    "page-footer": "文档页码",
    "page-jump": "报纸转版说明",
    "viewer-chunk": "文档阅读器的分段编号",
}


def _emit_residue(ctx: Context, items) -> None:
    """Pasted web residue, one finding for the page: a toolbar alone is nine lines, and an
    editor needs to hear once that the paste carried the page along, not nine times."""
    kinds = list(dict.fromkeys(_RESIDUE_NAMES.get(i.kind, "网页杂项") for i in items))
    first = items[0]
    details = [{"start": i.start, "end": i.end, "line": i.line, "col": i.col, "kind": i.kind} for i in items]
    ctx.emit("ZJ732", first.start, first.end,
             f"文中夹带网页残留（{'、'.join(kinds)}）共 {len(items)} 处，不属于文稿，应删去", details=details)


def _emit_unchecked_preamble(ctx: Context, pieces) -> None:
    """Text before the first document belongs to no document and is not checked: say so,
    so that nothing goes unchecked in silence."""
    lines = list(body_lines(ctx.text, pieces))
    han = sum(len(_HAN.findall(ctx.view, s, e)) for s, e in lines)
    if han:
        s, e = lines[0]
        ctx.emit("ZJ733", s, e, f"第一篇文稿之前的 {len(lines)} 行（{han} 个汉字）不属于任何文稿，没有检查；"
                 "如果它是正文，请检查标题是否完整",
                 details=[{"start": a, "end": b, "line": ctx.report.line_col(a)[0]} for a, b in lines])


def _emit_furniture(ctx: Context, item) -> None:
    name = _FURNITURE_NAMES.get(item.kind, "网页杂项")
    key = furniture_keys().get(item.kind)
    hits = list(key.finditer(ctx.view, item.start, item.end)) if key else []
    if item.kind == "blurb" and hits:  # the most telling phrase first (rules/lexicon/boilerplate.yaml): 仅供参考 before 小编
        order = boilerplate_cues()["blurb"]
        hits.sort(key=lambda h: order.index(h.group()) if h.group() in order else 99)
    if hits:
        m = hits[0]
        quoted = ctx.text[m.start():m.end()].strip()
        if item.kind == "breadcrumb":
            quoted += "…"
    else:
        quoted = item.text if len(item.text) <= 24 else item.text[:24] + "…"
    # A blurb is a paragraph: deleting it is shown, never applied (--unsafe-fixes never deletes a paragraph).
    applicability = "display" if item.kind == "blurb" else "unsafe"
    ctx.emit("ZJ731", item.start, item.end, f"{name}（“{quoted}”）是网页上的内容，不属于文稿，应删去这一行",
             fix=Fix(item.start, item.end, "", applicability), details=[{"kind": item.kind}])


# --------------------------------------------------------------------------- parts


def _title_span(ctx: Context, doc: Document) -> tuple[int, int]:
    """Where a finding about the whole document is anchored: its title, else its first line."""
    if doc.title:
        at = ctx.text.find(doc.title, doc.start)
        if at >= 0:
            return at, at + len(doc.title)
    return next(body_lines(ctx.text, doc.body), (doc.start, doc.start))


def _is_fragment(view: str, spans) -> bool:
    """Whether the spans hold fewer than MIN_HAN_FOR_PARTS Han characters.  A span that holds
    enough alone is found by one match (no match object per character); only when none does
    are the characters of all spans counted (each then holds fewer, so the lists are short)."""
    if any(_ENOUGH_HAN.match(view, s, e) for s, e in spans):
        return False
    return sum(len(_HAN.findall(view, s, e)) for s, e in spans) < MIN_HAN_FOR_PARTS


def _check_parts(ctx: Context, doc: Document, hidden: list[int]) -> None:
    """The parts the document's genre expects.  ``hidden``: the sorted offsets of the page's
    “此处隐藏…” notes (looked up by bisection: a scan per document is quadratic on a page of
    thousands)."""
    view = ctx.view
    span = _title_span(ctx, doc)
    title_end = span[1] if doc.title else doc.start
    body = [(max(s, title_end), e) for s, e in doc.body if e > title_end]
    if _is_fragment(view, body):
        return
    if not doc.title:
        ctx.emit("ZJ711", *span, "文稿没有标题（应写明单位、时限、内容和文种，如“××单位2024年工作总结”）")
    headings = [n for n in doc.nodes() if not n.inline]
    _check_overview(ctx, doc, span, title_end, headings)
    genre = genres()[ctx.genre or doc.genre]
    closing = doc.closing or _NO_CLOSING
    truncated = _ends_mid_sentence(ctx.text, view, doc.body, closing)
    if truncated:
        s, e = next(body_lines_back(ctx.text, doc.body))
        ctx.emit("ZJ718", max(s, e - 1), e, "文稿在句子中间结束，可能不完整；没有检查结尾部分（问题、打算、落款）")
    # A page that hid part of the text (……此处隐藏1695个字……) may hold any part in what it hid.
    first_hidden = bisect.bisect_left(hidden, doc.start)
    incomplete = truncated or (first_hidden < len(hidden) and hidden[first_hidden] < doc.end)
    label = f"“{doc.title}”" if doc.title else "本篇"
    for part, rule_id, what in _PARTS:
        if part not in genre.expects or (incomplete and part in _CLOSING_PARTS):
            continue
        title = view[span[0]:span[1]] if doc.title else ""
        if _has_part(view, body, headings, part, genre, title):
            continue
        ctx.emit(rule_id, *span, f"{label}没有写{what}")
    if "signature" not in genre.expects or incomplete:
        return
    missing = []
    if closing.signature is None:
        missing.append("署名")
    if closing.date is None:
        missing.append("成文日期")
    if missing:
        ctx.emit("ZJ717", *span, f"{label}文末没有落款的{'和'.join(missing)}")


def _ends_mid_sentence(text: str, view: str, body, closing: Closing) -> bool:
    """Whether the last line stops inside a sentence (an excerpt, a copy cut short): then
    the closing parts cannot be judged.  A closing signature or date ends a text properly.
    Read from the last line back: the closing is among the last few lines."""
    back = body_lines_back(text, body)
    last = next(back, None)
    if last is None or closing.date is not None:
        return False
    if closing.signature is not None:
        # a "signature" after a line cut mid-sentence is the fragment of a cut text (…加强组织建设⏎工会组)
        line: Optional[tuple[int, int]] = last
        while line is not None and line[0] != closing.signature[0]:
            line = next(back, None)
        before = next(back, None) if line is not None else None
        return before is not None and not _SENTENCE_END.search(view, *before)
    return not _SENTENCE_END.search(view, *last)


def _has_part(view: str, body, headings: list[OutlineNode], part: str, genre: Genre, title: str = "") -> bool:
    heading = _HEADING[part]
    extra = genre.heading_cues.get(part)
    if part == "next" and title and _TITLE_NEXT.search(title):
        return True  # “…工作总结和明年工作计划”: the title announces the part
    for node in headings:
        if node.level <= 2 and (heading.search(node.title) or (extra is not None and extra.search(node.title))):
            return True
    cues = [_BODY[part], *([genre.body_cues[part]] if part in genre.body_cues else [])]
    return any(cue.search(view, s, e) for cue in cues for s, e in body)


def _check_overview(ctx: Context, doc: Document, span, title_end: int, headings: list[OutlineNode]) -> None:
    if not headings or "overview" not in genres()[ctx.genre or doc.genre].expects:
        return
    first = min(headings, key=lambda n: n.start)
    if _OVERVIEW_HAN.match(ctx.view, title_end, max(title_end, first.start)):
        return
    label = f"“{doc.title}”" if doc.title else "本篇"
    ctx.emit("ZJ712", *span, f"{label}在“{first.marker}”之前没有概述（总体情况和总的评价）")


# --------------------------------------------------------------------------- dates


def _check_dates(ctx: Context, doc: Document) -> None:
    """Every date of the document (found by the parser); the closing's is the 成文日期."""
    view = ctx.view
    closing_start = doc.closing.date[0] if doc.closing is not None and doc.closing.date is not None else -1
    for s, e in doc.dates:
        m = DATE.match(view, s, e)
        if m is not None:
            _check_date(ctx, m, official=s == closing_start)


def _check_date(ctx: Context, m: regex.Match, official: bool) -> None:
    what = "成文日期" if official else "日期"
    y_text, m_text, d_text = m.group("y"), m.group("m"), m.group("d")
    arabic = y_text.isdigit()
    year, month, day = read_digits(y_text), read_small(m_text), read_small(d_text)
    if arabic and len(y_text) == 2 and (month or 0) <= 12:
        ctx.emit("ZJ721", m.start("y"), m.end("dunit"),
                 f"{what}“{ctx.text[m.start():m.end('dunit')]}”的年份应写全称（如“20{y_text}年”），不能简写为两位")
    elif arabic and len(y_text) == 3:
        ctx.emit("ZJ721", m.start("y"), m.end("dunit"), f"{what}的年份“{y_text}”不完整，应写四位年份")
    if m_text.isdigit() and d_text.isdigit():
        for group, unit in (("m", "munit"), ("d", "dunit")):
            value = m.group(group)
            if len(value) == 2 and value.startswith("0"):
                start, end = m.start(group), m.end(unit)
                replacement = value[1] + ctx.text[m.end(group):end]
                ctx.emit("ZJ721", start, end,
                         f"{what}的{'月' if group == 'm' else '日'}不编虚位：“{ctx.text[start:end]}”应写作“{replacement}”",
                         fix=Fix(start, end, replacement))
    elif official and not arabic and year is not None and month and day:
        fixed = f"{year}年{month}月{day}日"
        ctx.emit("ZJ721", m.start(), m.end("dunit"),
                 f"成文日期用阿拉伯数字书写：“{ctx.text[m.start():m.end('dunit')]}”应写作“{fixed}”（GB/T 9704-2012）",
                 fix=Fix(m.start(), m.end("dunit"), fixed, "unsafe"), severity="info")
    if year is None or month is None or day is None or (arabic and len(y_text) != 4) or (not arabic and len(y_text) != 4):
        return
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        if 1 <= year <= 9999:
            problem = f"没有{month}月" if not 1 <= month <= 12 else f"{month}月没有{day}日"
            ctx.emit("ZJ723", m.start(), m.end("dunit"), f"日期“{ctx.text[m.start():m.end('dunit')]}”不存在：{year}年{problem}")
        return
    if m.group("wdd"):
        stated = _WEEKDAYS.index("日" if m.group("wdd") == "天" else m.group("wdd"))
        actual = date.weekday()
        if stated != actual:
            word = m.group("wdw")
            ctx.emit("ZJ722", m.start("wdw"), m.end("wdd"),
                     f"{year}年{month}月{day}日是{word}{_WEEKDAYS[actual]}，文中写的是“{ctx.text[m.start('wdw'):m.end('wdd')]}”")
