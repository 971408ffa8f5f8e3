"""Findings as Word comments: a copy of the document with one comment per finding.

``zongjie-lint report.docx --annotate out.docx`` reads the original bytes, never writes
them, and saves a copy in which every finding is a Word comment authored ``zongjie-lint``,
anchored on exactly the characters the finding's offsets point at.  A ``.txt``/``.md``
input becomes a new .docx (one paragraph per line) carrying the same comments.

How offsets reach runs
----------------------
``report.text`` of a .docx is its paragraphs joined with ``"\\n"`` in the order
:func:`zongjie_nlp.source.iter_docx_paragraphs` walks them (body, table cells, content controls),
each paragraph's text being python-docx's ``CT_P.text`` (its ``w:r`` and ``w:hyperlink``
runs) with Word's automatic list label prepended when it has one.  We walk the same
elements in the same order, check that the text we rebuild equals ``report.text``, and
then, for a finding ``[start, end)``:

* split the run where the span starts and the run where it ends (a split is a deep copy
  of the ``w:r`` with its ``w:rPr``, so all formatting is kept, and each copy trimmed to
  its side of the cut);
* pass the first and last run of the span to python-docx's ``Document.add_comment``,
  which puts ``w:commentRangeStart`` before the first and ``w:commentRangeEnd`` plus the
  reference run after the last (spans across paragraphs work the same way).

An automatic list label has no run.  A span that lies only on a label is anchored on the
paragraph's first run and its comment says so; a span partly on a label is anchored on
its part in the runs.  A zero-length span (an insertion point) gets a point comment:
range start and end written by hand next to each other, because ``add_comment`` needs at
least one run.

Aggregated findings (one finding per rule and document, every occurrence in ``details``)
get one comment on the finding's own span and one more per further occurrence, so an
editor sees each place to change.
"""

from __future__ import annotations

import copy
import io
import os
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..errors import ZongjieError
from ..model import Finding, Report

AUTHOR = "zongjie-lint"
INITIALS = "ZJ"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_TAGS = {_W + t for t in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab")}
# XML 1.0 forbids most C0 controls; a .txt that holds one still gets a .docx (same length).
_XML_BAD = {c: "\ufffd" for c in range(32) if c not in (9, 10, 13)}


@dataclass
class _Para:
    element: object  # the w:p element
    start: int  # offset of the paragraph's first character (its label, if any) in report.text
    label: str  # Word's automatic list label prepended to the text ("" when none)
    length: int  # len(label) + len(run text)

    @property
    def text_start(self) -> int:
        return self.start + len(self.label)

    @property
    def end(self) -> int:
        return self.start + self.length


@dataclass
class AnnotateResult:
    path: str
    comments: int = 0
    findings: int = 0
    skipped: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- public API


def annotate(
    report: Report,
    findings: Iterable[Finding],
    out_path: str,
    data: Optional[bytes] = None,
    rules: Optional[dict] = None,
) -> AnnotateResult:
    """Write ``out_path``: the document of ``report`` with one comment per finding.

    ``data`` is the original .docx bytes (read from ``report.path`` when omitted).  For a
    text input a new document is built from ``report.text``.  The input file is only read.
    """
    import docx

    findings = list(findings)
    if report.encoding == "docx":
        if data is None:
            if not report.path or report.path == "-":
                raise ZongjieError("--annotate needs the .docx file itself (not stdin)")
            with open(report.path, "rb") as handle:
                data = handle.read()
        document = docx.Document(io.BytesIO(data))
    else:
        document = _document_from_text(report.text)
    _refuse_same_file(report.path, out_path)

    # A text input's XML-illegal controls became U+FFFD one for one: offsets are unchanged.
    expected = report.text if report.encoding == "docx" else report.text.translate(_XML_BAD)
    paras = _paragraph_map(document, expected)
    annotator = _Annotator(document, paras, report, rules)
    result = AnnotateResult(out_path, findings=len(findings))
    for finding in findings:
        annotator.finding(finding)
    result.comments = annotator.count
    result.skipped = annotator.skipped

    buffer = io.BytesIO()
    document.save(buffer)
    _write(out_path, buffer.getvalue())
    return result


def comment_text(finding: Finding, script: str = "simplified", text: Optional[str] = None) -> str:
    """The text of a finding's comment: rule id and message, then the suggested fix."""
    head = f"{finding.rule} {'✓ ' if finding.verified else ''}{finding.message}"
    lines = [head]
    if finding.fix is not None:
        lines.append(_fix_line(finding.fix.start, finding.fix.end, finding.fix.replacement, text, script))
    return "\n".join(lines)


# --------------------------------------------------------------------------- building


def _document_from_text(text: str):
    """A new document, one paragraph per line of ``text`` (one run each), 宋体 for Chinese."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    normal = document.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), "宋体")
    for line in text.split("\n"):  # the default template's body is empty: the text is the document
        line = line.translate(_XML_BAD)
        paragraph = document.add_paragraph()
        if line:
            paragraph.add_run(line)
    return document


def _refuse_same_file(src: Optional[str], out: str) -> None:
    if not src or src == "-" or not os.path.exists(out):
        return
    try:
        same = os.path.samefile(src, out)
    except OSError:
        same = False
    if same:
        raise ZongjieError(f"{out}: --annotate would overwrite the input; choose another output file")


def _write(path: str, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename (no half-written .docx); the
    new file gets the usual permissions, an existing one keeps its own."""
    from ..linter import write_atomically

    if os.path.isdir(path):
        raise ZongjieError(f"{path}: cannot write (is a directory)")
    write_atomically(path, data)


# --------------------------------------------------------------------------- offsets → runs


def _runs(p) -> list:
    """The ``w:r`` elements whose text python-docx's ``CT_P.text`` counts, in order."""
    runs = []
    for child in p.iterchildren(_W + "r", _W + "hyperlink"):
        if child.tag == _W + "r":
            runs.append(child)
        else:
            runs.extend(child.iterchildren(_W + "r"))
    return runs


def _item_text(el) -> str:
    """Text of one run child, as python-docx's ``CT_R.text`` renders it."""
    tag = el.tag
    if tag == _W + "t":
        return el.text or ""
    if tag in (_W + "tab", _W + "ptab"):
        return "\t"
    if tag == _W + "cr":
        return "\n"
    if tag == _W + "noBreakHyphen":
        return "-"
    if tag == _W + "br":
        kind = el.get(_W + "type")
        return "\n" if kind in (None, "textWrapping") else ""
    return ""


def _run_text(r) -> str:
    return "".join(_item_text(el) for el in r.iterchildren() if el.tag in _TEXT_TAGS)


def _paragraph_map(document, text: str) -> list[_Para]:
    """Paragraphs in the order ``source.iter_docx_paragraphs`` reads them, with their offsets."""
    from ..source import iter_docx_paragraphs, normalise

    paras: list[_Para] = []
    lines: list[str] = []
    position = 0
    for child, label, _ in iter_docx_paragraphs(document):
        line = label + "".join(_run_text(r) for r in _runs(child))
        paras.append(_Para(child, position, label, len(line)))
        lines.append(line)
        position += len(line) + 1
    rebuilt = "\n".join(lines)
    if normalise(rebuilt) != text:
        raise ZongjieError("cannot place comments: the document's paragraphs do not match the linted text "
                           f"(first difference at offset {_first_difference(normalise(rebuilt), text)})")
    if rebuilt != text:  # a \r\n inside a run: keep offsets exact by refusing rather than guessing
        raise ZongjieError("cannot place comments: the document holds carriage returns inside runs")
    return paras


def _first_difference(a: str, b: str) -> int:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def _split_run(r, k: int):
    """Cut run ``r`` before its ``k``-th character; return the new right-hand run.

    Both halves are copies of the same ``w:r`` (same ``w:rPr``); each keeps only its
    side's content.  Content without text (a drawing, a field character) stays on the side
    where it stands; one standing exactly at the cut goes right."""
    from docx.oxml.ns import qn

    right = copy.deepcopy(r)
    left_items = [el for el in r.iterchildren() if el.tag != _W + "rPr"]
    right_items = [el for el in right.iterchildren() if el.tag != _W + "rPr"]
    pos = 0
    for left_el, right_el in zip(left_items, right_items):
        size = len(_item_text(left_el)) if left_el.tag in _TEXT_TAGS else 0
        if size == 0:
            (right if pos < k else r).remove(right_el if pos < k else left_el)
        elif pos + size <= k:
            right.remove(right_el)
        elif pos >= k:
            r.remove(left_el)
        else:  # a w:t that straddles the cut
            cut = k - pos
            left_el.text, right_el.text = left_el.text[:cut], left_el.text[cut:]
            for el in (left_el, right_el):
                if el.text != el.text.strip():
                    el.set(qn("xml:space"), "preserve")
        pos += size
    r.addnext(right)
    return right


def _split_at(p, k: int) -> None:
    """Make ``k`` (an offset into the paragraph's run text) fall on a run boundary."""
    pos = 0
    for r in _runs(p):
        size = len(_run_text(r))
        if pos < k < pos + size:
            _split_run(r, k - pos)
            return
        pos += size
        if pos >= k:
            return


def _runs_in(p, a: int, b: int) -> list:
    """The runs of paragraph ``p`` exactly covering its run-text characters ``[a, b)``."""
    _split_at(p, a)
    _split_at(p, b)
    covered, pos = [], 0
    for r in _runs(p):
        size = len(_run_text(r))
        if size and a <= pos and pos + size <= b:
            covered.append(r)
        pos += size
    return covered


class _Annotator:
    def __init__(self, document, paras: list[_Para], report: Report, rules: Optional[dict]) -> None:
        import bisect

        self.document = document
        self.paras = paras
        self.starts = [p.start for p in paras]
        self.bisect = bisect.bisect_right
        self.report = report
        self.rules = rules
        self.count = 0
        self.skipped: list[str] = []

    # -- one finding: its span, then the further occurrences listed in details
    def finding(self, f: Finding) -> None:
        script = self.report.script
        note = self._label_note(f.start, f.end)
        self._comment(f.start, f.end, comment_text(f, script, self.report.text) + note, f)
        spans = [(d["start"], d["end"], d) for d in f.occurrences
                 if isinstance(d.get("start"), int) and isinstance(d.get("end"), int)
                 and (d["start"], d["end"]) != (f.start, f.end) and d.get("fix") is not None]
        total = len([d for d in f.occurrences if isinstance(d.get("start"), int)])
        for number, (s, e, detail) in enumerate(spans, 2):
            fix = detail["fix"]
            summary = self._summary(f)
            text = f"{f.rule} {summary}（{_tr('第', script)} {number}/{total} {_tr('处', script)}）"
            text += "\n" + _fix_line(fix["start"], fix["end"], fix["replacement"], self.report.text, script)
            self._comment(s, e, text + self._label_note(s, e), f)

    def _summary(self, f: Finding) -> str:
        rule = (self.rules or {}).get(f.rule)
        summary = rule.summary if rule is not None else f.message
        if self.report.script == "traditional":
            from ..script import to_traditional

            summary = to_traditional(summary, "s2tw")
        return summary.rstrip("。")

    def _label_note(self, start: int, end: int) -> str:
        para = self._para(start)
        if para is None or not para.label or start >= para.text_start:
            return ""
        label = para.label.strip()
        return "\n" + _tr(f"（位置在 Word 自动编号“{label}”上，批注挂在该段开头）", self.report.script)

    def _para(self, offset: int) -> Optional[_Para]:
        i = self.bisect(self.starts, offset) - 1
        return self.paras[i] if i >= 0 else None

    def _comment(self, start: int, end: int, text: str, f: Finding) -> None:
        if end <= start:
            self._point_comment(start, text, f)
            return
        runs = []
        first = max(self.bisect(self.starts, start) - 1, 0)
        for i in range(first, len(self.paras)):
            para = self.paras[i]
            if para.start >= end:
                break
            a = max(start, para.text_start) - para.text_start
            b = min(end, para.end) - para.text_start
            if b > a:
                runs.extend(_runs_in(para.element, a, b))
        if not runs:  # only a list label (or only line breaks): the paragraph's first run
            para = self._para(start)
            runs = [r for r in _runs(para.element) if _run_text(r)][:1] if para else []
        if not runs:
            self._point_comment(start, text, f)
            return
        from docx.text.run import Run

        self.document.add_comment([Run(runs[0], None), Run(runs[-1], None)], text=text,
                                  author=AUTHOR, initials=INITIALS)
        self.count += 1

    def _point_comment(self, offset: int, text: str, f: Finding) -> None:
        """A comment on an insertion point, written by hand: add_comment needs a run."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        para = self._para(offset)
        if para is None:
            self.skipped.append(f"{f.rule} at {f.line}:{f.col}")
            return
        k = max(0, offset - para.text_start)
        _split_at(para.element, k)
        before, pos = None, 0
        for r in _runs(para.element):
            if pos >= k:
                before = r
                break
            pos += len(_run_text(r))
        comment = self.document.comments.add_comment(text=text, author=AUTHOR, initials=INITIALS)
        cid = str(comment.comment_id)
        start_el = OxmlElement("w:commentRangeStart", attrs={qn("w:id"): cid})
        end_el = OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): cid})
        ref = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
        ref.append(rpr)
        ref.append(OxmlElement("w:commentReference", attrs={qn("w:id"): cid}))
        if before is not None:
            before.addprevious(start_el)
            before.addprevious(end_el)
            before.addprevious(ref)
        else:
            for el in (start_el, end_el, ref):
                para.element.append(el)
        self.count += 1


def _fix_line(start: int, end: int, replacement: str, text: Optional[str], script: str) -> str:
    """The suggested fix; only our own words follow the document's script, never its text."""
    if replacement == "" and text is not None:
        return _tr("建议删除", script) + f"“{text[start:end]}”"
    if replacement == "":
        return _tr("建议删除此处文字", script)
    return _tr("建议改为", script) + f"“{replacement}”"


def _tr(text: str, script: str) -> str:
    if script != "traditional":
        return text
    from ..script import to_traditional

    return to_traditional(text, "s2tw")
