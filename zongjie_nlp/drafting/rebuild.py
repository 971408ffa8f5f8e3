"""``zongjie rebuild``: an existing summary → a clean draft, and the spec it came from.

The original's words and figures are kept; only its form changes:

1. every *safe* fix the checks offer is applied (:func:`zongjie_nlp.linter.fix_edits`), and the
   text is parsed again;
2. headings are renumbered by depth with the GB/T 9704 markers 一、（一）1.（1）, contiguously
   (a gap such as (2)→(4) disappears); a document's *only* top-level heading loses its number
   (a series of one needs none: ZJ109);
3. a heading with body text below it, or with sub-points, goes on a line of its own (its run-in
   text becomes the first paragraph); a numbered line with nothing under it is a list item and
   is kept whole, run-in text and final ``；``/``。`` included;
4. every line is cleaned by :mod:`.punct` (width, spacing, doubled 点号, a missing final 。);
5. 一是/第一/首先 series inside paragraphs are prose and are left as written; page furniture
   (breadcrumbs, view counts) and text outside the documents are dropped.

:func:`to_spec` recovers a spec from the same reading: sections and points from the headings,
list entries as ``item``s, paragraphs as text, and every figure written in Arabic digits turned
into a named placeholder with its value and unit.  A figure the text computes from others of
its paragraph — a relation found by :mod:`zongjie_nlp.relations` that holds: a rate, an
exhaustive total, a remainder, a growth rate, a change in points, a per-head amount — becomes
that computation (``{ratio: [part, whole]}``, ``{sum: […]}``, ``{growth: [new, old]}`` …), when
drafting it writes the figure exactly as the text does; a percentage that is the ratio of two
amounts just before it also becomes ``{ratio: …}``.  ``draft(to_spec(x))`` and ``rebuild(x)`` of a
draft ``x`` give ``x`` back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional


from ..cache import compile_regex
from . import punct
from ..documents import DATE, date_line, is_signature
from ..levels import ENUMERATION_STYLES
from .layout import Block, marker

SENTENCE_MARKS = "。！？；…"
CLOSING_START = compile_regex(r"总之|總之|综上|綜上|总而言之|總而言之|回顾|回顧")
# Private-use characters stand in for figures while prose is cleaned: they count as Chinese.
# A paragraph holding more figures than there are sentinels keeps the rest as written.
SENTINEL_BASE = 0xE000
SENTINEL_COUNT = 0xF900 - SENTINEL_BASE
SENTINELS = compile_regex("[\ue000-\uf8ff]")
# A percentage is matched against the ratios of the amounts stated shortly before it (the
# nearest pair wins): a window keeps the search linear in a paragraph of many figures.
RATE_WINDOW = 8
FURNITURE_MAX = 200


@dataclass
class Entry:
    """One line of a document as rebuild reads it."""

    kind: str  # heading | item | paragraph | signature | date
    text: str  # the line without its marker (raw, not yet cleaned)
    start: int  # offset of ``text`` in the report text
    end: int
    depth: int = 0  # headings: 1-based depth; paragraphs: 0, or the depth of a 一是 series line
    number: int = 0
    marker: str = ""


@dataclass
class DocReading:
    title: str
    entries: list[Entry] = field(default_factory=list)


def fixed_report(report):
    """The report after every safe fix the checks offer (parsed again), and the fix count."""
    from ..checks import all_rules
    from ..linter import apply_edits, fix_edits, lint_report
    from ..parser import parse_source
    from ..source import Source

    # only the rules that offer safe fixes: the rest (arithmetic, structure…) cannot change the text
    fixers = [rule.id for rule in all_rules().values() if rule.fixable]
    edits = fix_edits(lint_report(report, select=fixers))
    if not edits:
        return report, 0
    text = apply_edits(report.text, edits)
    fixed = parse_source(Source(text, report.path, report.encoding))
    return fixed, len(edits)


def read_documents(report) -> list[DocReading]:
    """Each document's lines, classified and renumbered."""
    return [_read(report, doc) for doc in documents_of(report)]


def documents_of(report) -> tuple:
    """The report's documents; a text in which none was found is still one document (a
    text never vanishes from a rebuild)."""
    if report.documents or not report.text.strip():
        return tuple(report.documents)
    from ..model import Document

    return (Document(title="", line=1, start=0, end=len(report.text)),)


def _read(report, doc) -> DocReading:
    text = report.text
    depth: dict[int, int] = {}
    number: dict[int, int] = {}
    series: dict[int, int] = {}  # 一是/第一/首先 at the start of a line: the depth of its series

    def assign(nodes, level: int) -> None:
        count = 0
        for node in nodes:
            if node.inline:
                continue
            if node.style in ENUMERATION_STYLES:
                series[node.start] = level
                assign(node.children, level)
                continue
            if not node.marker:  # an unnumbered heading stays a heading without a number
                depth[node.start], number[node.start] = level, 0
                assign(node.children, level + 1)
                continue
            count += 1
            depth[node.start], number[node.start] = level, count
            assign(node.children, level + 1)

    assign(doc.outline, 1)
    nodes: dict[int, object] = {}  # where each numbered line starts → its outline node
    for node in doc.nodes():
        if not node.inline and node.start in depth:
            nodes.setdefault(node.start, node)
    # Page furniture is a short line (a breadcrumb, a view count); a long one is text the
    # parser took for furniture, and is kept (a text must never vanish).
    furniture = {b.start for b in report.boilerplate if b.end - b.start <= FURNITURE_MAX}
    body_start = doc.start
    if doc.title:
        newline = text.find("\n", doc.start)
        body_start = doc.end if newline < 0 or newline > doc.end else newline + 1
    entries = _lines(report, doc, body_start, furniture, nodes, depth, number, series)
    if not entries and not doc.title:  # nothing but furniture: keep the text all the same
        entries = _lines(report, doc, body_start, set(), nodes, depth, number, series)
    _signature(entries, text, report.simplified)
    _classify(entries)
    return DocReading(title=doc.title, entries=entries)


def _lines(report, doc, body_start: int, furniture: set[int], nodes: dict, depth: dict[int, int],
           number: dict[int, int], series: dict[int, int]) -> list[Entry]:
    """The document's lines from ``body_start``: numbered lines as headings, the others as
    paragraphs; blank lines and the lines starting at ``furniture`` are left out."""
    text = report.text
    entries: list[Entry] = []
    pos = body_start
    while pos < doc.end:
        newline = text.find("\n", pos)
        line_end = doc.end if newline < 0 or newline > doc.end else newline
        line = text[pos:line_end]
        lead = pos + len(line) - len(line.lstrip(" \t\u3000"))
        if line.strip() and lead not in furniture:
            node = nodes.get(lead)
            if node is not None:
                node_start = lead
                rest_start = node_start + len(node.marker)
                while rest_start < line_end and text[rest_start] in "、，,.．:： \t\u3000":
                    rest_start += 1
                entries.append(Entry("heading", text[rest_start:line_end], rest_start, line_end,
                                     depth[node_start], number[node_start]))
            else:
                entries.append(Entry("paragraph", line.strip(), lead, lead + len(line.strip()),
                                     depth=series.get(lead, 0)))
        pos = line_end + 1
    return entries


def _classify(entries: list[Entry]) -> None:
    """A numbered line with body text or sub-points under it is a heading; else an item.
    The lone top-level heading of a document is written without a number."""
    for i, entry in enumerate(entries):
        if entry.kind != "heading":
            continue
        following = entries[i + 1] if i + 1 < len(entries) else None
        # Body: a plain paragraph (depth 0), or a deeper point or 一是-series line.  A series
        # line at this depth or above (二是 after （3）) belongs to an ancestor.
        has_body = following is not None and (
            (following.kind == "paragraph" and following.depth == 0) or following.depth > entry.depth)
        bare = not punct.clean(entry.text).rstrip(" ").endswith(tuple(SENTENCE_MARKS)) and \
            heading_cut(entry.text)[1] >= len(entry.text)
        if not has_body and not bare and entry.number:
            entry.kind = "item"  # a list entry: （1）教职工集体跳绳比赛； / 1.广普查。今年……
    top = [e for e in entries if e.kind in ("heading", "item") and e.depth == 1]
    for entry in entries:
        if entry.kind in ("heading", "item") and entry.number:  # number 0: a heading written without one
            entry.marker = marker(entry.depth, entry.number)
    if len(top) == 1:
        top[0].marker = ""
        if top[0].kind == "item":
            top[0].kind = "paragraph"


def _signature(entries: list[Entry], text: str, view: str) -> None:
    """The 落款: a last line holding the date, with the signature before the date on that line
    or on the line before it.  Each line is judged as the parser judges a document's closing
    (:func:`~zongjie_nlp.documents.date_line`, :func:`~zongjie_nlp.documents.is_signature`);
    rebuild only adds that the date must be one a spec can hold (:func:`_date_value`), since
    :func:`to_spec` writes it as ``2025-12-31``.  Any other last line stays a paragraph."""
    if not entries or entries[-1].kind != "paragraph" or entries[-1].depth:
        return
    last = entries[-1]
    line = date_line(view, last.start, last.end)
    if line is None or _date_value(view, line.start("date"), line.end("date")) is None:
        return
    last.kind = "date"
    if line.group("sig").strip():  # 某某局 2024年1月5日: the signature shares the date's line
        sig_start, sig_end = line.span("sig")
        date_start, date_end = line.span("date")
        last.text, last.start, last.end = text[date_start:date_end], date_start, date_end
        entries.insert(len(entries) - 1, Entry("signature", text[sig_start:sig_end], sig_start, sig_end))
        return
    if len(entries) >= 2:
        before = entries[-2]
        if before.kind == "paragraph" and not before.depth and is_signature(view[before.start:before.end]):
            before.kind = "signature"


# --------------------------------------------------------------------------- rebuild


def rebuild_blocks(report, script: Optional[str] = None, documents: Optional[list[int]] = None) -> list[Block]:
    """Blocks of the clean draft of every document in ``report`` (or the 1-based ``documents``)."""
    readings = read_documents(report)
    chosen = documents or list(range(1, len(readings) + 1))
    blocks: list[Block] = []
    for index in chosen:
        if not 1 <= index <= len(readings):
            from ..errors import ZongjieError

            raise ZongjieError(f"document {index}: the input holds {len(readings)} document(s)")
        if blocks:
            blocks.append(Block("break", ""))
        blocks += _doc_blocks(readings[index - 1])
    if script:
        from .layout import convert

        blocks = convert(blocks, script)
    return blocks


def _doc_blocks(reading: DocReading) -> list[Block]:
    blocks: list[Block] = []
    if reading.title:
        blocks.append(Block("title", punct.heading(reading.title)))
    for entry in reading.entries:
        if entry.kind == "heading":
            title, tail = split_heading(entry.text)
            blocks.append(Block("heading", title, entry.depth, entry.marker))
            if tail:
                blocks.append(Block("paragraph", tail))
        elif entry.kind == "item":
            blocks.append(Block("item", punct.prose(entry.text), entry.depth, entry.marker))
        elif entry.kind in ("signature", "date"):
            blocks.append(Block(entry.kind, punct.clean(entry.text)))
        else:
            blocks.append(Block("paragraph", punct.prose(entry.text)))
    return blocks


def split_heading(raw: str) -> tuple[str, str]:
    """``"加强建设。随着……"`` → ``("加强建设", "随着……")``: the heading phrase ends at the first
    sentence mark (as the outline reads it); both parts cleaned."""
    cut, tail = heading_cut(raw)
    return punct.heading(raw[:cut]), (punct.prose(raw[tail:]) if tail < len(raw) else "")


HEADING_END = compile_regex(r"[。！？；!?;]|(?<=\p{Han})\.(?![0-9])")


def heading_cut(raw: str) -> tuple[int, int]:
    """Where the heading phrase of a numbered line ends, and where its run-in text starts
    (after the sentence mark and any stray punctuation or spaces)."""
    m = HEADING_END.search(raw)
    if not m:
        return len(raw), len(raw)
    tail = m.end()
    while tail < len(raw) and raw[tail] in "，,、。.；;：: \t\u3000":
        tail += 1
    return m.start(), tail


# --------------------------------------------------------------------------- to_spec


def to_spec(report, document: Optional[int] = None) -> dict:
    """The spec of a parsed summary: one document → a summary spec; several → ``{documents: […]}``
    (or only the 1-based ``document``)."""
    readings = read_documents(report)
    script = "traditional" if report.script == "traditional" else "simplified"
    specs = []
    relations = stated_relations(report)
    for index, (reading, doc) in enumerate(zip(readings, documents_of(report)), 1):
        if document is not None and index != document:
            continue
        specs.append(_SpecBuilder(report, doc, script, relations).build(reading))
    if document is not None:
        if not specs:
            from ..errors import ZongjieError

            raise ZongjieError(f"document {document}: the input holds {len(readings)} document(s)")
        return specs[0]
    if len(specs) == 1:
        return specs[0]
    return {"documents": specs}


def stated_relations(report) -> dict:
    """The relations the text states and that hold, by the offset of their stated figure:
    the figures a spec can compute instead of stating (the same kinds the checks judge)."""
    from ..relations import find_relations

    return {r.stated.start: r for r in find_relations(report)
            if r.kind in _SPEC_COMPUTATION and r.asserted and r.holds}


class _SpecBuilder:
    def __init__(self, report, doc, script: str, relations: Optional[dict] = None) -> None:
        self.report = report
        self.doc = doc
        self.script = script
        self.relations = relations or {}
        self.counts: dict[str, int] = {}
        self.quantities = sorted((q for q in doc.quantities if q.arabic), key=lambda q: q.start)
        self.starts = [q.start for q in self.quantities]

    def build(self, reading: DocReading) -> dict:
        spec: dict = {"title": punct.heading(reading.title) if reading.title else "工作总结", "script": self.script}
        top_figures: dict = {}
        intro: list[str] = []
        sections: list[dict] = []
        stack: list[dict] = []  # open nodes by depth
        signature: dict = {}
        entries = list(reading.entries)
        closing: list[str] = []
        while entries and entries[-1].kind in ("signature", "date"):
            entry = entries.pop()
            if entry.kind == "date":
                signature["date"] = _date_value(self.report.simplified, entry.start, entry.end) or entry.text.strip()
            else:
                signature["organization"] = punct.clean(entry.text)
        entries = _series_as_points(entries)
        while entries and entries[-1].kind == "paragraph" and CLOSING_START.match(entries[-1].text):
            entry = entries.pop()
            closing.insert(0, self.prose(entry.start, entry.end, top_figures))
        for entry in entries:
            if entry.kind == "paragraph":
                if entry.depth:  # a 一是 line belongs to the point its series is in
                    del stack[entry.depth - 1:]
                if stack:
                    node = stack[-1]
                    node.setdefault("text", []).append(self.prose(entry.start, entry.end, node.setdefault("figures", {})))
                else:
                    intro.append(self.prose(entry.start, entry.end, top_figures))
                continue
            depth = max(1, min(entry.depth, 4))
            while len(stack) >= depth:
                stack.pop()
            while len(stack) < depth - 1:  # a skipped level: an unnamed point holds the deeper ones
                filler: dict = {"heading": "（待补标题）"}
                (stack[-1].setdefault("points", []) if stack else sections).append(filler)
                stack.append(filler)
            if entry.kind == "item":
                item_figures: dict = {}
                item = {"item": self.prose(entry.start, entry.end, item_figures)}
                if item_figures:
                    item["figures"] = item_figures
                (stack[-1].setdefault("points", []) if stack else sections).append(item)
                continue
            node: dict = {}
            cut, tail = heading_cut(entry.text)
            node["heading"] = punct.heading(entry.text[:cut])
            if tail < len(entry.text):
                node["text"] = [self.prose(entry.start + tail, entry.end, node.setdefault("figures", {}))]
            (stack[-1].setdefault("points", []) if stack else sections).append(node)
            stack.append(node)
        if intro:
            spec["intro"] = intro if len(intro) > 1 else intro[0]
        if top_figures:
            spec["figures"] = top_figures
        spec["sections"] = [self.tidy(s) for s in sections]
        if closing:
            spec["closing"] = closing if len(closing) > 1 else closing[0]
        if signature:
            spec["signature"] = signature
        return spec

    def tidy(self, node: dict) -> dict:
        if "item" in node:
            return node
        out = {"heading": node["heading"]}
        if node.get("text"):
            out["text"] = node["text"] if len(node["text"]) > 1 else node["text"][0]
        if node.get("figures"):
            out["figures"] = node["figures"]
        if node.get("points"):
            out["points"] = [self.tidy(p) for p in node["points"]]
        return out

    def prose(self, start: int, end: int, figures: dict) -> str:
        """``text[start:end]`` cleaned, its Arabic-digit figures turned into ``{name}`` placeholders."""
        from bisect import bisect_left

        text = self.report.text
        if SENTINELS.search(text, start, end):
            # The text's own private-use characters would be read back as figures: such a
            # paragraph keeps its figures as written.
            return punct.prose(text[start:end]).replace("{", "{{").replace("}", "}}")
        pieces, pos, names = [], start, []
        name_at: dict[int, str] = {}  # a figure's offset → its name in this paragraph
        for index in range(bisect_left(self.starts, start), len(self.quantities)):
            q = self.quantities[index]
            if q.start >= end:
                break
            if q.end > end or len(names) >= SENTINEL_COUNT:
                continue
            spec, span = self.figure(q)
            if spec is None or span[0] < pos or span[1] > end:
                continue
            pieces.append(text[pos:span[0]])
            pieces.append(chr(SENTINEL_BASE + len(names)))
            name = self.name(q)
            names.append(name)
            name_at[q.start] = name
            figures[name] = spec
            pos = span[1]
        pieces.append(text[pos:end])
        self.computed(name_at, figures)
        self.rates(names, figures)
        cleaned = punct.prose("".join(pieces)).replace("{", "{{").replace("}", "}}")
        if not names:
            return cleaned
        return SENTINELS.sub(lambda m: "{" + names[ord(m.group()) - SENTINEL_BASE] + "}", cleaned)

    def computed(self, name_at: dict[int, str], figures: dict) -> None:
        """A figure the text computes from others of its paragraph (a rate, a total, a
        remainder, a growth rate, a per-head amount; a relation that holds) becomes that
        computation, when drafting it writes the figure exactly as the text does."""
        for at, name in name_at.items():
            relation = self.relations.get(at)
            if relation is None:
                continue
            found = spec_computation(relation, name_at, figures)
            if found is None:
                continue
            target, candidate = found
            if "value" in figures[target] and _same_text(candidate, figures[target], figures):
                figures[target] = candidate

    def rates(self, names: list[str], figures: dict) -> None:
        """A stated percentage that equals (at its precision) the ratio of two amounts stated
        shortly before it in the same paragraph (the last :data:`RATE_WINDOW`) becomes
        ``{ratio: [part, whole]}``: edit the counts and the rate follows.  The nearest pair
        wins (39家 of 41家 → 95.1%)."""
        recent: list[tuple[str, dict]] = []  # the amounts before the current figure, oldest first
        for name in names:
            spec = figures[name]
            if spec.get("unit") != "%":
                if not spec.get("approx") and "value" in spec:
                    recent = [*recent[-(RATE_WINDOW - 1):], (name, spec)]
                continue
            if spec.get("approx"):
                continue
            decimals = spec.get("decimals", _decimals_of(spec["value"]))
            found = _ratio_pair(recent, spec["value"], decimals)
            if found:
                figures[name] = {"ratio": list(found), "decimals": decimals}

    def name(self, q) -> str:
        base = {"money": "money", "percent": "rate", "points": "points"}.get(q.kind) or (q.category or "count")
        self.counts[base] = self.counts.get(base, 0) + 1
        return f"{base}{self.counts[base]}"

    def figure(self, q) -> tuple[Optional[dict], tuple[int, int]]:
        """The figure spec of a quantity and the span it replaces (approximation words included)."""
        from ..script import to_simplified
        from .figures import APPROX_AFTER_UNIT, APPROX_BEFORE, Figure, format_figure, parse_unit, to_decimal

        if q.kind not in ("money", "count", "percent", "points"):
            return None, (q.start, q.end)
        view = self.report.simplified
        start, end = q.start, q.end
        approx = ""
        for word in _longest_first(APPROX_BEFORE):
            if view[max(0, start - len(word)):start] == word:
                approx, start = word, start - len(word)
                break
        for word in APPROX_AFTER_UNIT:
            if view[end:end + len(word)] == word:
                approx, end = word, end + len(word)
                break
        number_text = to_simplified(q.number_text)
        for word in ("多", "余"):
            if word in number_text:
                approx = word
        if q.kind == "money" and q.unit != "元":
            return None, (q.start, q.end)  # 1.8亿美元: foreign currencies stay in the text
        unit = "元" if q.kind == "money" else to_simplified(q.unit)
        if q.kind == "points":
            unit = "个百分点"
        parsed = parse_unit(unit)
        if parsed is None:
            return None, (q.start, q.end)
        value = to_decimal(q.value)
        if value is None or (q.kind == "count" and value != value.to_integral_value()):
            return None, (q.start, q.end)
        spec: dict = {"value": int(value) if value == value.to_integral_value() else float(value), "unit": unit}
        if approx:
            spec["approx"] = approx
        written = to_simplified(self.report.text[start:end])
        unit_obj = parsed[0]
        if q.kind in ("percent", "points"):
            if format_figure(Figure("x", "", value, unit_obj, approx=approx)) != written:
                spec["decimals"] = q.decimals
            return spec, (start, end)
        magnitude = "亿" if "亿" in number_text else "万" if "万" in number_text else "none"
        auto = format_figure(Figure("x", "", value, unit_obj, approx=approx))
        if auto != written:
            figure = Figure("x", "", value, unit_obj, approx=approx, magnitude=magnitude)
            if format_figure(figure) == written:
                spec["magnitude"] = magnitude
            else:
                for decimals in range(0, 5):
                    figure = Figure("x", "", value, unit_obj, approx=approx, magnitude=magnitude, decimals=decimals)
                    if format_figure(figure) == written:
                        spec["magnitude"], spec["decimals"] = magnitude, decimals
                        break
        return spec, (start, end)


SERIES_MARKER = compile_regex(r"[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}|首先|其次|再次|最后)[，,、：:]?")


def _series_as_points(entries: list[Entry]) -> list[Entry]:
    """For a spec: a 一是/第一 line that has numbered points under it becomes a point itself
    (its points one level deeper), and so do the other lines of its series, since a spec has
    no other way to hold them in order."""
    out: list[Entry] = []
    shift: list[int] = []  # depths of the series lines turned into points, innermost last
    converted: set[int] = set()  # series depths whose lines are becoming points
    for i, entry in enumerate(entries):
        if entry.kind in ("heading", "item"):
            while shift and entry.depth < shift[-1]:
                shift.pop()
            converted = {d for d in converted if d <= entry.depth}
            out.append(Entry(entry.kind, entry.text, entry.start, entry.end, entry.depth + len(shift), entry.number))
            continue
        if entry.kind == "paragraph" and entry.depth:
            while shift and entry.depth <= shift[-1]:
                shift.pop()
            following = entries[i + 1] if i + 1 < len(entries) else None
            has_points = following is not None and following.kind in ("heading", "item") and following.depth == entry.depth
            if has_points or entry.depth in converted:
                converted.add(entry.depth)
                m = SERIES_MARKER.match(entry.text)
                cut = m.end() if m else 0
                out.append(Entry("heading", entry.text[cut:], entry.start + cut, entry.end, entry.depth + len(shift)))
                shift.append(entry.depth)
                continue
            out.append(Entry(entry.kind, entry.text, entry.start, entry.end, entry.depth + len(shift)))
            continue
        out.append(entry)
    return out


# Relation kinds a spec can compute, and how: (computation, operand roles in its order).
_SPEC_COMPUTATION = {
    "rate": ("ratio", ("part", "whole")),
    "parts": ("sum", ("part",)),  # only an exhaustive list: test "equal"
    "remainder": ("difference", ("total", "part")),
    "growth": ("growth", ("later", "earlier")),
    "points": ("difference", ("later", "earlier")),
    "per-head": ("per_head", ("total", "count")),
}


def spec_computation(relation, name_at: dict[int, str], figures: dict) -> Optional[tuple[str, dict]]:
    """The figure ``relation`` lets a spec compute, as ``(name, computation)`` over the named
    figures of its paragraph: the stated figure (a rate, a total, a remainder, a growth rate),
    or for a per-head relation the per-unit amount (total ÷ count).  None when an operand is
    not a stated figure there or the kind's shape does not fit (a remainder of several
    parts, a sum that is only a bound)."""
    kind, roles = _SPEC_COMPUTATION[relation.kind]
    by_role: dict[str, list[str]] = {}
    for role, figure in [*relation.operands, ("stated", relation.stated)]:
        name = name_at.get(figure.start)
        if name is None or "value" not in figures.get(name, {}):
            return None
        by_role.setdefault(role, []).append(name)
    stated = by_role["stated"][0]
    if relation.kind == "per-head":
        count, per_unit = by_role.get("count", [None])[0], by_role.get("per-unit", [None])[0]
        return (per_unit, {"per_head": [stated, count]}) if count and per_unit else None
    if relation.kind == "parts":
        parts = by_role.get("part", [])
        return (stated, {"sum": parts}) if relation.test == "equal" and len(parts) >= 2 else None
    if relation.kind == "remainder" and len(by_role.get("part", [])) != 1:
        return None
    operands = [by_role.get(role, [None])[0] for role in roles]
    if None in operands:
        return None
    later, earlier = (figures[n]["value"] for n in operands)
    if relation.kind == "growth" and later < earlier:
        kind = "decline"
    if relation.kind == "points" and later < earlier:
        operands.reverse()  # a fall in points: the earlier value minus the later
    return stated, {kind: operands}


def _same_text(candidate: dict, literal: dict, figures: dict) -> bool:
    """Does the computation write exactly what the stated figure writes?  It keeps the
    stated figure's display (decimals, magnitude, approximation) where that has one."""
    from decimal import DecimalException

    from .figures import COMPUTED, Figure, compute, computed_decimals, parse_unit, to_decimal

    def resolved(spec: dict) -> Optional[Figure]:
        parsed = parse_unit(spec["unit"])
        value = to_decimal(spec["value"])
        if parsed is None or value is None:
            return None
        unit, scale = parsed
        magnitude = spec.get("magnitude", "auto")
        if magnitude == "auto" and scale > 1 and unit.kind in ("money", "count"):
            magnitude = "万" if scale == 10**4 else "亿"
        return Figure("x", "", value * scale, unit, decimals=spec.get("decimals"), approx=spec.get("approx", ""),
                      magnitude=magnitude)

    kind = next(k for k in COMPUTED if k in candidate)
    for key in ("decimals", "magnitude", "approx"):
        if key in literal:
            candidate[key] = literal[key]
    if kind in ("ratio", "growth", "decline") and "decimals" not in candidate:
        candidate["decimals"] = _decimals_of(literal["value"])
    try:
        written = resolved(literal)
        operands = [resolved(figures[name]) for name in candidate[kind]]
        if written is None or None in operands:
            return False
        value, unit = compute(kind, operands)
        decimals = computed_decimals(kind, value, unit, candidate.get("decimals"), tuple(operands))
        figure = Figure("x", "", value, unit, decimals=decimals, approx=candidate.get("approx", ""),
                        magnitude=candidate.get("magnitude", "auto"),
                        trim=kind == "per_head" and "decimals" not in candidate)
    except (ValueError, DecimalException, KeyError):
        return False
    return figure.text == written.text


def _ratio_pair(earlier: list[tuple[str, dict]], stated, decimals: int) -> Optional[tuple[str, str]]:
    """The nearest ``(part, whole)`` among ``earlier`` whose ratio, in percent and rounded to
    ``decimals``, is the ``stated`` value; None if there is none (or the figures are absurd)."""
    from decimal import DecimalException

    from .figures import rounded

    try:
        written = rounded(_exact(stated), decimals)
        for i in range(len(earlier) - 1, -1, -1):
            for j in range(i - 1, -1, -1):
                for part, whole in ((earlier[i], earlier[j]), (earlier[j], earlier[i])):
                    if part[1]["unit"] != whole[1]["unit"] or not whole[1]["value"]:
                        continue
                    ratio = _exact(part[1]["value"]) / _exact(whole[1]["value"]) * 100
                    if ratio <= 100 and rounded(ratio, decimals) == written:
                        return part[0], whole[0]
    except (DecimalException, ValueError, OverflowError):
        return None
    return None


def _exact(value):
    """A figure's value (an int or a float) as the Decimal it was written as."""
    from decimal import Decimal

    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


@lru_cache(maxsize=4)
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words``, longest first (so that 大约 is tried before 约); sorted once."""
    return tuple(sorted(words, key=len, reverse=True))


def _decimals_of(value) -> int:
    text = repr(value)
    return len(text.split(".")[1]) if "." in text and not text.endswith(".0") else 0


def _date_value(view: str, start: int, end: int) -> Optional[str]:
    """The date at ``view[start:end]`` (``2025年12月31日``, ``二〇二五年十二月三十一日``) as a spec
    writes it, ``2025-12-31``; None when the year is not written in full (a spec cannot hold
    25年12月31日)."""
    from ..numerals import read_digits, read_small

    m = DATE.search(view, start, end)
    if m is None or len(m["y"]) != 4:
        return None
    year, month, day = read_digits(m["y"]), read_small(m["m"]), read_small(m["d"])
    if year is None or not month or not day:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


# --------------------------------------------------------------------------- writing a spec


def dump_spec(spec: dict, kind: str = "yaml", source: Optional[str] = None) -> str:
    """A spec as YAML (figures on one line each, long text unwrapped) or JSON."""
    if kind == "json":
        import json

        return json.dumps(spec, ensure_ascii=False, indent=2) + "\n"
    import yaml

    class _Flow(dict):
        pass

    class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter when installed
        pass

    _Dumper.add_representer(_Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True))

    def mark(node, key: str = ""):
        if isinstance(node, dict):
            if key == "figures":
                return {k: _Flow(v) if isinstance(v, dict) else v for k, v in node.items()}
            return {k: mark(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [mark(v) for v in node]
        return node

    body = yaml.dump(mark(spec), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6,
                     default_flow_style=False)
    where = f" from {source}" if source else ""
    header = (f"# Spec recovered by `zongjie rebuild --spec`{where}.\n"
              "# Edit the data (figures, headings, text), then: zongjie draft THIS_FILE [-o out.docx]\n")
    return header + body
