"""Consistency within a document (categories ``script`` and ``number-format``).

- Script: a document written in one script with characters of the other (会 in a traditional
  text, 會 in a simplified one).  One finding per document, every offender in ``details``.
- Numbers (GB/T 15835-2011 "同类别同形式", STANDARDS N005, N007, N008): one kind of figure
  written both in Arabic and in Chinese numerals; ranges whose ends are written differently
  (9～16亿, 15～30%) or with different range marks; thousands separators used for some
  numbers and not others.

Everything here is local consistency, never "wrong by itself", so the number-format rules are
``info`` and each fires once per document and kind, at the first figure that breaks the
document's majority, with the others listed in ``details``.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Optional

import regex

from ..cache import compile_re, compile_regex
from ..model import Document, Fix, Occurrences, Quantity
from ..script import CHUNK, ScriptMarks, fold_digits, fold_figures, to_traditional
from .base import Context


def run(ctx: Context) -> None:
    folded = ctx.report.figures or fold_figures(ctx.view)  # (the parser always sets figures)
    for doc in ctx.report.documents:
        _check_script(ctx, doc)
        # A document's quantities are read from its body only: page furniture holds none of them.
        quantities = list(doc.quantities)
        _check_numeral_form(ctx, quantities)
        _check_grouping(ctx, quantities)
        _check_ranges(ctx, doc, folded)


# A long input is checked a segment of documents at a time, each segment a report of the same
# page text: the script marks of a segment read its own characters only (with several workers,
# each reads its segments, not the whole page), once however many checks ask.
_segment_marks = lru_cache(maxsize=2)(ScriptMarks)


# --------------------------------------------------------------------------- script

SCRIPT_NAMES = {"traditional": "繁体", "simplified": "简体"}
# A document needs this many characters of its own script before it is judged.
MIN_MAJORITY = 5
SHOWN = 8


def _check_script(ctx: Context, doc: Document) -> None:
    """The characters of the document's minority script, in its body (page furniture aside)."""
    # A finding needs characters of both scripts (the minority's count must not be 0), and most
    # documents are written in one: two cheap tests rule them out before anything is counted.
    # A body equal to its simplified view holds no traditional-only character (counts() counts
    # the characters that differ); that test needs no script marks, so a simplified segment
    # never builds them.
    if _same_as_view(ctx.text, ctx.view, doc.body):
        return
    marks = _segment_marks(ctx.text, ctx.view, ctx.report.segment)
    if not _holds_simplified(marks, doc.body):
        return
    trad, simp = marks.counts(doc.body)
    if trad > simp:
        script, count, majority = "traditional", simp, trad
    elif simp > trad:
        script, count, majority = "simplified", trad, simp
    else:
        return
    if not count or majority < MIN_MAJORITY:
        return
    offenders = marks.simplified(doc.body) if script == "traditional" else marks.traditional(doc.body)
    other = "simplified" if script == "traditional" else "traditional"
    converted: dict = {}
    rows = []  # (start, end, line, col, text, replacement or None)
    for offset in offenders:
        replacement = _convert_char(ctx, offset, other, converted)
        rows.append((offset, offset + 1, *ctx.report.line_col(offset), ctx.text[offset], replacement or None))
    details = Occurrences(rows, "safe" if script == "simplified" else "unsafe", none_fix=False)
    shown = []
    for offset in offenders:
        char = ctx.text[offset]
        if char not in shown:
            shown.append(char)
    listed = "".join(f"“{c}”" for c in shown[:SHOWN]) + ("……" if len(shown) > SHOWN else "")
    first = offenders[0]
    mixed = len(offenders) * 3 > majority
    lead = f"本篇{'繁简混杂，多数为' if mixed else '是'}{SCRIPT_NAMES[script]}"
    message = f"{lead}，但有 {len(offenders)} 处{SCRIPT_NAMES[other]}字：{listed}（第一处在第 {details[0]['line']} 行）"
    fix = details[0].get("fix")
    ctx.emit("ZJ611", first, first + 1, message,
             fix=Fix(first, first + 1, fix["replacement"], fix["applicability"]) if fix else None,
             details=details)


def _same_as_view(text: str, view: str, spans) -> bool:
    """Whether the spans read the same in the text and in its simplified view (compared
    CHUNK characters at a time: a long report's body is one span, and is not copied whole)."""
    for start, end in spans:
        for at in range(start, end, CHUNK):
            stop = min(at + CHUNK, end)
            if text[at:stop] != view[at:stop]:
                return False
    return True


def _holds_simplified(marks: ScriptMarks, spans) -> bool:
    """Whether the spans hold a simplified-only character (what ``marks.counts`` counts: its
    pattern of the segment's simplified-only characters)."""
    return marks.simp is not None and any(marks.simp.search(marks.text, start, end) for start, end in spans)


def _convert_char(ctx: Context, offset: int, into: str, cache: dict) -> Optional[str]:
    """The character at ``offset`` in the document's script (``into`` is the offender's script)."""
    if into == "traditional":  # the offender is traditional: the aligned simplified view has it
        replacement = ctx.view[offset]
        return replacement if replacement != ctx.text[offset] else None
    line_start = ctx.text.rfind("\n", 0, offset) + 1
    if line_start not in cache:
        line_end = ctx.text.find("\n", offset)
        line = ctx.text[line_start: len(ctx.text) if line_end < 0 else line_end]
        converted = to_traditional(line, "s2tw")
        cache[line_start] = converted if len(converted) == len(line) else None
    converted = cache[line_start]
    replacement = converted[offset - line_start] if converted else to_traditional(ctx.text[offset], "s2tw")
    return replacement if len(replacement) == 1 and replacement != ctx.text[offset] else None


# --------------------------------------------------------------------------- numeral form (N005)

GROUP_NAMES = {
    ("count", "people"): "人数",
    ("count", "orgs"): "单位数",
    ("count", "items"): "件数、次数",
    ("count", "times"): "次数",
    ("money", None): "金额",
    ("percent", None): "百分数",
    ("points", None): "百分点",
}
FIXED_PHRASES = ("百分之百",)
# 成数 (六成, 八成五) are a customary way of stating a share, not a Chinese-numeral percentage.
CHENG = compile_regex(r"成[一二三四五六七八九]?$")


def _check_numeral_form(ctx: Context, quantities: list[Quantity]) -> None:
    groups: dict[tuple, list[Quantity]] = {}
    for q in quantities:
        key = (q.kind, q.category if q.kind == "count" else None)
        if key in GROUP_NAMES:
            groups.setdefault(key, []).append(q)
    for key, items in groups.items():
        arabic = [q for q in items if q.arabic]
        if len(arabic) < 2:  # (tested first: most groups stop here, before the Chinese numerals are read)
            continue
        chinese = [q for q in items if not q.arabic and not q.approx and q.value >= 10
                   and not any(p in q.text for p in FIXED_PHRASES) and not CHENG.search(q.number_text or q.text)]
        if not chinese:
            continue
        first = chinese[0]
        examples = "、".join(q.text for q in arabic[:3])
        others = f"（本篇共 {len(chinese)} 处）" if len(chinese) > 1 else ""
        details = [_quantity_detail(ctx, q) for q in chinese]
        start, end, fix = _numeral_span(first)
        ctx.emit("ZJ511", start, end,
                 f"本篇{GROUP_NAMES[key]}多用阿拉伯数字（{examples}），“{first.text}”用了汉字数字，同类数字应统一{others}",
                 fix=fix, details=details)


def _numeral_span(q: Quantity) -> tuple[int, int, Optional[Fix]]:
    """The numeral part of ``q`` and, for an integer count or amount, its Arabic form (unsafe)."""
    if q.number_text and q.text.startswith(q.number_text):
        start, end = q.start, q.start + len(q.number_text)
        if q.kind == "count" and float(q.value).is_integer() and q.decimals == 0:
            return start, end, Fix(start, end, str(int(q.value)), "unsafe")
        return start, end, None
    return q.start, q.end, None


def _quantity_detail(ctx: Context, q: Quantity) -> dict:
    start, end, fix = _numeral_span(q)
    detail = {"start": start, "end": end, "line": q.line, "col": q.col, "text": q.text}
    if fix:
        detail["fix"] = fix.to_json()
    return detail


# --------------------------------------------------------------------------- thousands separators (N008)

GROUPED = compile_regex(r"^\d{1,3}(?:,\d{3})+(?!\d)")
PLAIN_LONG = compile_regex(r"^\d{5,}(?!\d)")
# The fewest characters either of them matches (1,000 and 10000): a shorter figure is neither,
# and most figures are shorter.  (Folding the digits and the comma keeps the length.)
SHORTEST_SEPARABLE = 5
# What either of them needs in the first five characters of the figure as written, before any
# folding: digits (full-width ones are \d too) or a comma (a full-width one folds to ","), every
# one.  Most figures of five characters or more fail it (3000万元), and then nothing is folded.
_SEPARABLE_HEAD = compile_regex(r"[\d,，]{5}")


def _folded(figure: str) -> str:
    """A figure as GROUPED and PLAIN_LONG read it: full-width digits and commas folded (the
    length kept, so an end found on it is an end in the text)."""
    return fold_digits(figure).replace("，", ",")


def _check_grouping(ctx: Context, quantities: list[Quantity]) -> None:
    grouped, plain = [], []
    text = ctx.text
    for q in quantities:
        if not q.arabic or q.end - q.start < SHORTEST_SEPARABLE or not _SEPARABLE_HEAD.match(text, q.start, q.end):
            continue
        digits = _folded(text[q.start:q.end])
        if GROUPED.match(digits):
            grouped.append(q)
        elif PLAIN_LONG.match(digits):
            plain.append(q)
    if not grouped or not plain:
        return
    minority = plain if len(plain) <= len(grouped) else grouped
    usual = grouped if minority is plain else plain
    first = minority[0]
    number = (GROUPED if minority is grouped else PLAIN_LONG).match(_folded(ctx.text[first.start:first.end])).group()
    style = "用了千分撇" if minority is grouped else "没有分节"
    usual_style = "用千分撇分节" if usual is grouped else "不分节"
    examples = "、".join(ctx.text[q.start:q.end] for q in usual[:2])
    ctx.emit("ZJ514", first.start, first.start + len(number),
             f"本篇多位数多{usual_style}（{examples}），“{number}”{style}；同一篇应统一",
             details=[_quantity_detail(ctx, q) for q in minority])


# --------------------------------------------------------------------------- ranges (N007)

_NUM = r"\d{1,12}(?:,\d{3})*(?:\.\d{1,6})?"
_MAG = r"(?:万亿|万|亿)"
_TIME_UNITS = "年月日时点号时分秒"
RANGE = compile_regex(
    rf"(?<![\d.,，～~〜—–－\-/:：])(?P<a>{_NUM})(?P<am>{_MAG})?(?P<ap>[%‰])?(?P<au>\p{{Han}}{{0,2}}?)"
    rf"[ \t]?(?P<mark>～|~|〜|——|—|–|－|-)[ \t]?"
    rf"(?P<b>{_NUM})(?P<bm>{_MAG})?(?P<bp>[%‰])?(?![\d.])"
)
_VALUE_UNIT = compile_regex(
    r"元|人|名|位|户|个|家|所|次|件|项|场|期|篇|条|本|套|台|批|类|种|处|座|张|册|支|辆|间|栋|亩|吨|公里|千米|米|平方米"
    r"|公斤|千克|克|岁|天|小时|分钟|周|倍|分|床|例|份|元/"
)
_FAMILY = {"～": "～", "~": "～", "〜": "～", "——": "—", "—": "—", "–": "—", "－": "—", "-": "—"}
# Any character of a range mark (RANGE's ``mark`` group, whose alternatives _FAMILY lists): every
# range holds one, and most documents hold none, so those are not scanned for ranges at all
# (a scan for one of a few characters is many times cheaper than one for RANGE).
_ANY_MARK = compile_re("[" + re.escape("".join(sorted(set("".join(_FAMILY))))) + "]")


def _check_ranges(ctx: Context, doc: Document, view: str) -> None:
    if _ANY_MARK.search(view, doc.start, doc.end) is None:
        return  # no range mark: no range (and no finding: there are none to compare)
    ranges = []
    for m in RANGE.finditer(view, doc.start, doc.end):
        if not doc.in_body(m.start()):
            continue
        after = view[m.end(): m.end() + 4]
        if m.group("au") and not _VALUE_UNIT.match(m.group("au")):
            continue  # 3号—5号, 7月—9月: not a value range (or a time range)
        if not (m.group("bm") or m.group("bp") or _VALUE_UNIT.match(after)):
            continue  # phone numbers, codes, years: no unit after the second end
        if after[:1] and after[:1] in _TIME_UNITS and not (m.group("bm") or m.group("bp")):
            continue
        if view.startswith("学年", m.end()) or (len(m.group("a")) == 4 and m.group("a")[:2] in ("19", "20")
                                              and len(m.group("b")) in (2, 4) and not m.group("bm")):
            continue  # 2023—2024学年: a span of years
        ranges.append(m)
        _check_range_ends(ctx, m)
    families = Counter(_FAMILY[m.group("mark")] for m in ranges)
    if len(families) < 2:
        return
    usual = families.most_common(1)[0][0] if len(set(families.values())) > 1 else _FAMILY[ranges[0].group("mark")]
    odd = [m for m in ranges if _FAMILY[m.group("mark")] != usual]
    first = odd[0]
    details = []
    for m in odd:
        line, col = ctx.report.line_col(m.start("mark"))
        details.append({"start": m.start("mark"), "end": m.end("mark"), "line": line, "col": col,
                        "text": ctx.text[m.start():m.end()]})
    usual_example = next(ctx.text[m.start():m.end()] for m in ranges if _FAMILY[m.group("mark")] == usual)
    ctx.emit("ZJ513", first.start("mark"), first.end("mark"),
             f"本篇数值范围多用“{usual}”（{usual_example}），“{ctx.text[first.start():first.end()]}”用了“{first.group('mark')}”；"
             f"连接号应统一{'（本篇共 ' + str(len(odd)) + ' 处）' if len(odd) > 1 else ''}",
             details=details)


def _check_range_ends(ctx: Context, m: regex.Match) -> None:
    missing = []
    if m.group("bm") and not m.group("am") and not m.group("au"):
        missing.append(m.group("bm"))
    if m.group("bp") and not m.group("ap") and not m.group("au"):
        missing.append(m.group("bp"))
    if not missing:
        return
    end = m.end()
    written = ctx.text[m.start():end]
    a_end = m.end("a")
    fixed = ctx.text[m.start():a_end] + "".join(ctx.text[m.start(g):m.end(g)] for g in ("bm", "bp") if m.group(g)) \
        + ctx.text[a_end:end]
    what = "、".join(f"“{x}”" for x in missing)
    ctx.emit("ZJ512", m.start(), end,
             f"范围“{written}”的前一个数缺少{what}，容易误读，应写作“{fixed}”",
             fix=Fix(m.start(), end, fixed, "unsafe"))
