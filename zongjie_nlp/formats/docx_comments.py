"""Findings in a copy of a Word document: safe fixes as tracked changes, decisions as comments.

``zongjie-lint report.docx --annotate out.docx`` reads the original bytes, never writes them,
and saves a copy made for the editor's round trip in Word or WPS (审阅):

* every **safe fix** (a half-width comma, a doubled character …) is a tracked change
  (:mod:`.docx_revisions`), to accept or reject one by one or all at once;
* every finding that **needs a person** (arithmetic, a missing figure, a placeholder, the
  numbering, the structure, and any fix that is not safe) is one comment, authored
  ``zongjie-lint``, anchored on exactly the characters of its span; an aggregated finding is
  one comment on its first place, giving the count and where the others are;
* a first comment on the title sums the check up: findings by severity and category, what
  became tracked changes, the relations between figures that were verified.

``fix_mode`` chooses: ``revisions`` (the default, as above), ``comments`` (no tracked change:
every finding a comment, as a reviewer who only comments would do) or ``both`` (tracked
changes, and a comment for every finding too).  A ``.txt``/``.md`` input becomes a new .docx
(one paragraph per line) carrying the same annotations.

How offsets reach runs is :mod:`.docx_runs`'s job.  An automatic list label has no run: a
span only on a label is anchored on the paragraph's first run and its comment says so; a fix
on a label cannot be a tracked change and becomes a comment.  A zero-length span (an
insertion point) gets a point comment: range start and end written by hand next to each
other, because ``add_comment`` needs at least one run.
"""

from __future__ import annotations

import bisect
import io
import os
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..errors import ZongjieError
from ..model import Finding, Report
from .docx_runs import Para, paragraph_map, run_text, runs, runs_in, split_at

AUTHOR = "zongjie-lint"
INITIALS = "ZJ"
FIX_MODES = ("revisions", "comments", "both")

# XML 1.0 forbids most C0 controls; a .txt that holds one still gets a .docx (same length).
_XML_BAD = {c: "\ufffd" for c in range(32) if c not in (9, 10, 13)}
PLACES_LISTED = 10  # an aggregated finding's comment names this many of its places
VERIFIED_LISTED = 10  # the summary comment names this many verified relations


@dataclass
class AnnotateResult:
    path: str
    comments: int = 0  # the summary comment included
    revisions: int = 0  # tracked changes written (one per fixed place)
    findings: int = 0
    skipped: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- public API


def annotate(
    report: Report,
    findings: Iterable[Finding],
    out_path: str,
    data: Optional[bytes] = None,
    rules: Optional[dict] = None,
    fix_mode: str = "revisions",
    date: Optional[str] = None,
    summary: bool = True,
) -> AnnotateResult:
    """Write ``out_path``: the document of ``report`` with its findings as tracked changes and
    comments (``fix_mode``, see the module's docstring).

    ``data`` is the original .docx bytes (read from ``report.path`` when omitted).  For a text
    input a new document is built from ``report.text``.  The input file is only read.
    ``date`` stamps the tracked changes (ISO 8601, default now, UTC).  Verified findings
    (``show_verified``) are listed in the summary comment (``summary``), not commented one by one."""
    import docx

    from ..linter import fix_edits
    from .docx_revisions import revisable_edits, write_revisions

    if fix_mode not in FIX_MODES:
        raise ZongjieError(f"fix mode must be one of {', '.join(FIX_MODES)}, not {fix_mode!r}")
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
    paras = paragraph_map(document, expected)
    problems = [f for f in findings if not f.verified]
    edits = fix_edits(problems) if fix_mode != "comments" else []
    changes = revisable_edits(paras, edits)
    commented = [f for f in problems if fix_mode != "revisions" or not _fixed_by(f, changes)]

    annotator = _Annotator(document, paras, report, rules)
    if summary:
        annotator.summary(findings, len(changes), len(problems) - len(commented), len(commented))
    for finding in commented:
        annotator.finding(finding)
    # Comments first: their anchors hold no text, so the offsets of the changes still hold.
    written = write_revisions(document, paras, changes, AUTHOR, date or _now())
    result = AnnotateResult(out_path, comments=annotator.count, revisions=len(written), findings=len(findings),
                            skipped=annotator.skipped)

    buffer = io.BytesIO()
    document.save(buffer)
    _write(out_path, buffer.getvalue())
    return result


def _fixed_by(finding: Finding, changes: list[tuple[int, int, str]]) -> bool:
    """Whether the tracked changes do all that ``finding`` asks: it offers fixes, every one safe
    and either written or overlapped by a change that was (``fix_edits`` keeps one of two fixes
    of the same characters: ``。,`` loses its comma to one rule, not its width to another)."""
    from ..linter import finding_fixes

    fixes = finding_fixes(finding)
    if not fixes or any(f["applicability"] != "safe" for f in fixes):
        return False
    for f in fixes:
        i = bisect.bisect_right(changes, (f["start"], f["end"], f["replacement"])) - 1
        near = changes[max(i, 0):i + 2]
        if not any(c[:3] == (f["start"], f["end"], f["replacement"])
                   or (c[0] < f["end"] and f["start"] < c[1]) for c in near):
            return False
    return True


def _now() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


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


class _Annotator:
    """Writes the comments of one document."""

    def __init__(self, document, paras: list[Para], report: Report, rules: Optional[dict]) -> None:
        self.document = document
        self.paras = paras
        self.starts = [p.start for p in paras]
        self.report = report
        self.rules = rules
        self.count = 0
        self.skipped: list[str] = []

    def finding(self, f: Finding) -> None:
        """One comment on the finding's span; an aggregated finding's comment also says how many
        places it has and where the others are."""
        script = self.report.script
        text = comment_text(f, script, self.report.text) + self._places(f) + self._label_note(f.start, f.end)
        self._comment(f.start, f.end, text, f"{f.rule} at {f.line}:{f.col}")

    def summary(self, findings: list[Finding], revisions: int, revised: int, commented: int) -> None:
        """The first comment, on the title: what the check found, in the document's script."""
        from ..resources import categories

        problems = [f for f in findings if not f.verified]
        verified = [f for f in findings if f.verified]
        severities = [("error", "错误"), ("warning", "警告"), ("info", "提示")]
        counts = "，".join(f"{label} {n}" for key, label in severities
                          if (n := sum(f.severity == key for f in problems)))
        lines = [f"zongjie-lint 检查结果：{len(problems)} 条发现" + (f"（{counts}）" if counts else "")]
        by_category = "、".join(f"{c.label} {n}" for c in categories()
                               if (n := sum(f.category == c.name for f in problems)))
        if by_category:
            lines.append(f"按类别：{by_category}")
        if revisions:
            lines.append(f"修订：{revised} 条可安全修正的发现共 {revisions} 处已写为修订，"
                         "可在“审阅”中逐条或全部接受、拒绝")
        if commented:
            lines.append(f"批注：其余 {commented} 条需要人工判断，各有一条批注")
        if verified:
            lines.append(f"核对无误的计算关系 {len(verified)} 条：")
            lines += [f"  ✓ {f.message}" for f in verified[:VERIFIED_LISTED]]
            if len(verified) > VERIFIED_LISTED:
                lines.append(f"  ……另有 {len(verified) - VERIFIED_LISTED} 条")
        start, end = self._title_span()
        self._comment(start, end, _tr("\n".join(lines), self.report.script), "the summary")

    def _title_span(self) -> tuple[int, int]:
        """The first document's title line, else the first paragraph with text."""
        text = self.report.text
        if self.report.documents:
            start = self.report.documents[0].start
        else:
            start = next((p.text_start for p in self.paras if p.end > p.text_start), 0)
        end = text.find("\n", start)
        return start, len(text) if end < 0 else end

    def _places(self, f: Finding) -> str:
        """For an aggregated finding: how many places, and the paragraphs of the first ones."""
        starts = [d["start"] for d in f.occurrences if isinstance(d.get("start"), int)]
        if len(starts) < 2:
            return ""
        numbers = sorted({bisect.bisect_right(self.starts, s) for s in starts})
        listed = "、".join(str(n) for n in numbers[:PLACES_LISTED]) + ("……" if len(numbers) > PLACES_LISTED else "")
        return "\n" + _tr(f"共 {len(starts)} 处，在第 {listed} 段", self.report.script)

    def _label_note(self, start: int, end: int) -> str:
        para = self._para(start)
        if para is None or not para.label or start >= para.text_start:
            return ""
        label = para.label.strip()
        return "\n" + _tr(f"（位置在 Word 自动编号“{label}”上，批注挂在该段开头）", self.report.script)

    def _para(self, offset: int) -> Optional[Para]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.paras[i] if i >= 0 else None

    def _comment(self, start: int, end: int, text: str, what: str) -> None:
        """A comment on the runs of ``[start, end)``; ``what`` names it where it cannot be placed."""
        if end <= start:
            self._point_comment(start, text, what)
            return
        covered = []
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        for i in range(first, len(self.paras)):
            para = self.paras[i]
            if para.start >= end:
                break
            a = max(start, para.text_start) - para.text_start
            b = min(end, para.end) - para.text_start
            if b > a:
                covered.extend(runs_in(para.element, a, b))
        if not covered:  # only a list label (or only line breaks): the paragraph's first run
            para = self._para(start)
            covered = [r for r in runs(para.element) if run_text(r)][:1] if para else []
        if not covered:
            self._point_comment(start, text, what)
            return
        from docx.text.run import Run

        self.document.add_comment([Run(covered[0], None), Run(covered[-1], None)], text=text,
                                  author=AUTHOR, initials=INITIALS)
        self.count += 1

    def _point_comment(self, offset: int, text: str, what: str) -> None:
        """A comment on an insertion point, written by hand: add_comment needs a run."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        para = self._para(offset)
        if para is None:
            self.skipped.append(what)
            return
        k = max(0, offset - para.text_start)
        split_at(para.element, k)
        before, pos = None, 0
        for r in runs(para.element):
            if pos >= k:
                before = r
                break
            pos += len(run_text(r))
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
