"""`--annotate`: safe fixes as Word tracked changes, comments only for what needs a person.

Accepting every change (here: dropping ``w:del``, unwrapping ``w:ins``, as Word's 接受所有修订
does) must give the text ``--fix`` gives; rejecting every change must give the original.
LibreOffice's own "accept all" is tested in ``test_libreoffice.py``.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path

import docx
from click.testing import CliRunner

from test_annotate import anchors, comments, seed_docx
from zongjie_nlp.cli import main
from zongjie_nlp.docx_text import paragraph_text
from zongjie_nlp.formats.docx_comments import AUTHOR, annotate
from zongjie_nlp.linter import apply_edits, fix_edits, lint_report
from zongjie_nlp.model import Finding, Fix
from zongjie_nlp.parser import parse_source
from zongjie_nlp.source import read_path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATE = "2026-01-02T03:04:05Z"


def resolved(path: Path, accept: bool) -> list[str]:
    """The paragraphs' text with every tracked change accepted (or rejected)."""
    document = docx.Document(str(path))
    body = copy.deepcopy(document.element.body)
    for el in list(body.iter(W + "del", W + "ins")):
        keep = (el.tag == W + "ins") == accept
        parent = el.getparent()
        if keep:
            for child in list(el):
                if el.tag == W + "del":
                    for t in child.iter(W + "delText"):
                        t.tag = W + "t"
                el.addprevious(child)
        parent.remove(el)
    return [paragraph_text(p) for p in body.iter(W + "p")]


def test_seed_page_safe_fixes_are_tracked_changes_and_the_rest_comments(tmp_path):
    source = seed_docx(tmp_path / "seed.docx")
    report = parse_source(read_path(str(source)))
    findings = lint_report(report)
    out = tmp_path / "out.docx"
    result = annotate(report, findings, str(out), date=DATE)

    edits = fix_edits(findings)
    assert result.revisions == len(edits) > 100
    needs_person = [f for f in findings if not f.has_safe_fix()]
    assert result.comments <= len(needs_person) + 3  # + the summary, + a finding whose fix another took
    assert result.comments < len(findings)

    document = docx.Document(str(out))
    changes = list(document.element.body.iter(W + "del", W + "ins"))
    assert changes and all(c.get(W + "author") == AUTHOR and c.get(W + "date") == DATE for c in changes)
    inserted = "".join(t.text for c in changes if c.tag == W + "ins" for t in c.iter(W + "t"))
    assert "，" in inserted and "；" in inserted  # the half-width commas and semicolons
    # every half-width comma of the body (ZJ401's places) is a change, none left commented
    assert not any(body.startswith("ZJ401") for _, body in comments(out).values())

    assert "\n".join(resolved(out, accept=True)) == apply_edits(report.text, edits)
    assert "\n".join(resolved(out, accept=False)) == report.text
    assert read_path(str(out)).text == apply_edits(report.text, edits)  # pending changes read as accepted


def test_summary_comment_on_the_title(tmp_path):
    source = seed_docx(tmp_path / "seed.docx")
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["lint", str(source), "--annotate", str(out)])
    assert result.exit_code == 1
    first = docx.Document(str(out)).comments
    summary = next(iter(first)).text
    assert summary.startswith("zongjie-lint 檢查結果")  # the document's script
    assert "修訂" in summary and "批註" in summary and "核對無誤的計算關係" in summary
    assert "verified" not in result.stdout  # listed in the copy, not printed without --show-verified


def test_inserted_text_keeps_the_formatting_of_what_it_replaces(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("今年完成")
    bold = paragraph.add_run("三项,")
    bold.bold = True
    paragraph.add_run("成效明显。")
    source = tmp_path / "in.docx"
    document.save(source)
    report = parse_source(read_path(str(source)))
    at = report.text.index(",")
    finding = Finding("ZJ401", "punctuation", "warning", "逗号", at, at + 1, 1, at + 1, 1, at + 2,
                      fix=Fix(at, at + 1, "，"))
    out = tmp_path / "out.docx"
    result = annotate(report, [finding], str(out), date=DATE)
    assert (result.revisions, result.comments) == (1, 1)  # the change, and the summary
    ins = next(docx.Document(str(out)).element.body.iter(W + "ins"))
    run = ins.find(W + "r")
    assert run.find(f"{W}rPr/{W}b") is not None and run.find(W + "t").text == "，"


def test_fix_on_a_list_label_is_a_comment(tmp_path):
    document = docx.Document()
    document.add_paragraph("工作如下：")
    document.add_paragraph("职工技能大赛。", style="List Number")
    source = tmp_path / "list.docx"
    document.save(source)
    report = parse_source(read_path(str(source)))
    line = report.text.split("\n")[1]
    start = report.text.index(line)
    label = len(line) - len("职工技能大赛。")
    finding = Finding("ZJ107", "numbering", "info", "编号", start, start + label, 2, 1, 2, label + 1,
                      fix=Fix(start, start + label, "1."))
    out = tmp_path / "out.docx"
    result = annotate(report, [finding], str(out), data=source.read_bytes(), summary=False)
    assert (result.revisions, result.comments) == (0, 1)
    assert list(comments(out).values())[0][1].startswith("ZJ107")


def test_fix_modes(tmp_path):
    source = seed_docx(tmp_path / "seed.docx")
    report = parse_source(read_path(str(source)))
    findings = lint_report(report)
    counts = {}
    for mode in ("revisions", "comments", "both"):
        out = tmp_path / f"{mode}.docx"
        result = annotate(report, findings, str(out), fix_mode=mode, date=DATE)
        counts[mode] = (result.revisions, result.comments)
    problems = [f for f in findings if not f.verified]
    assert counts["comments"] == (0, len(problems) + 1)
    assert counts["both"] == (counts["revisions"][0], len(problems) + 1)
    assert counts["revisions"][1] < counts["comments"][1]
    assert len(anchors(tmp_path / "both.docx")) == len(problems) + 1


def test_original_bytes_untouched_and_zip_valid(tmp_path):
    source = seed_docx(tmp_path / "seed.docx")
    before = source.read_bytes()
    out = tmp_path / "out.docx"
    CliRunner().invoke(main, ["lint", str(source), "--annotate", str(out)])
    assert source.read_bytes() == before
    docx.Document(io.BytesIO(out.read_bytes()))  # opens
