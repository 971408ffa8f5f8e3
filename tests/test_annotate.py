"""`zongjie-lint FILE --annotate OUT.docx`: one Word comment per finding, on the finding's span.

The seed page is turned into a .docx inside the test (one paragraph per line, each line cut
into short runs of alternating bold so that findings fall inside and across runs); the
annotated copy must open in python-docx, keep the text and every character's formatting,
and hold a comment by "zongjie-lint" for every error/warning finding, anchored on exactly
the text of the finding's span.  The input's bytes must not change.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from zongjie_nlp.cli import main
from zongjie_nlp.formats.docx_comments import AUTHOR, annotate
from zongjie_nlp.linter import apply_edits, fix_edits, lint_report
from zongjie_nlp.model import Finding, Fix
from zongjie_nlp.parser import parse_source
from zongjie_nlp.source import read_path

SEED = Path(__file__).resolve().parents[1] / "corpora" / "seed" / "union-annual-summaries.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RUN_TEXT = {W + "t": None, W + "tab": "\t", W + "br": "\n", W + "cr": "\n"}


# --------------------------------------------------------------------------- helpers


def seed_docx(path: Path, chunk: int = 7) -> Path:
    document = docx.Document()
    for line in SEED.read_text(encoding="utf-8").split("\n"):
        paragraph = document.add_paragraph()
        for i in range(0, len(line), chunk):
            run = paragraph.add_run(line[i:i + chunk])
            run.bold = (i // chunk) % 2 == 1
    document.save(path)
    return path


def anchors(path: Path) -> dict[str, str]:
    """Comment id → the text between its commentRangeStart and commentRangeEnd."""
    body = docx.Document(str(path)).element.body
    open_ranges: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    for el in body.iter():
        tag = el.tag
        if tag == W + "commentRangeStart":
            open_ranges[el.get(W + "id")] = []
        elif tag == W + "commentRangeEnd":
            done[el.get(W + "id")] = "".join(open_ranges.pop(el.get(W + "id")))
        elif tag == W + "p" and open_ranges and el.getprevious() is not None:
            for parts in open_ranges.values():  # a range that goes on into the next paragraph
                parts.append("\n")
        elif tag in RUN_TEXT and el.getparent().tag == W + "r":
            piece = (el.text or "") if tag == W + "t" else RUN_TEXT[tag]
            for parts in open_ranges.values():
                parts.append(piece)
    assert not open_ranges, "unclosed comment ranges"
    return done


def comments(path: Path) -> dict[str, tuple[str, str]]:
    document = docx.Document(str(path))
    return {str(c.comment_id): (c.author, c.text) for c in document.comments}


def bold_map(path: Path) -> list[tuple[str, bool]]:
    """(character, bold) for every character of every body paragraph."""
    result = []
    for paragraph in docx.Document(str(path)).paragraphs:
        for run in paragraph.runs:
            result.extend((ch, bool(run.bold)) for ch in run.text)
        result.append(("\n", False))
    return result


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- the must-show


def test_seed_docx_annotated(tmp_path):
    source = seed_docx(tmp_path / "seed.docx")
    before = sha(source)
    out = tmp_path / "seed.annotated.docx"
    runner = CliRunner()
    result = runner.invoke(main, ["lint", str(source), "--annotate", str(out), "--fix-mode", "comments",
                                  "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)
    assert sha(source) == before, "the input .docx was modified"

    text = parse_source(read_path(str(source))).text
    found = anchors(out)
    notes = comments(out)
    assert notes and all(author == AUTHOR for author, _ in notes.values())
    assert set(found) == set(notes)
    problems = [f for f in findings if f["severity"] in ("error", "warning")]
    assert problems, "the seed has warnings"
    for f in problems:
        span = text[f["start"]:f["end"]]
        matching = [cid for cid, anchored in found.items()
                    if anchored == span and notes[cid][1].startswith(f["rule"] + " ")]
        assert matching, f"no comment anchored on {span!r} for {f['rule']}"
        full = [cid for cid in matching if f["message"] in notes[cid][1]]
        assert full, f"no comment carries the message of {f['rule']}"
        if f["fix"]:
            assert any(f["fix"]["replacement"] in notes[cid][1] for cid in full)
    # the numbering gap (4) after (2): one of the comments is on exactly "(4)"
    gap = [f for f in findings if f["rule"] == "ZJ101"]
    assert gap and any(found[c] == "(4)" and notes[c][1].startswith("ZJ101") for c in found)

    # The text is the same and every character keeps its formatting.
    assert "\n".join(p.text for p in docx.Document(str(out)).paragraphs) == text
    assert bold_map(out) == bold_map(source)


def test_an_aggregated_finding_is_one_comment_with_its_count(tmp_path):
    source = seed_docx(tmp_path / "seed.docx")
    report = parse_source(read_path(str(source)))
    from zongjie_nlp.linter import lint_report

    findings = [f for f in lint_report(report) if f.rule == "ZJ106"]
    assert max(len(f.details) for f in findings) > 1
    out = tmp_path / "out.docx"
    result = annotate(report, findings, str(out), fix_mode="comments", summary=False)
    assert result.comments == len(findings)
    found, notes = anchors(out), comments(out)
    assert sorted(found.values()) == sorted(report.text[f.start:f.end] for f in findings)
    for f in findings:
        if len(f.details) > 1:
            assert any(f"共 {len(f.details)} 處" in body for _, body in notes.values())


def test_text_input_gives_a_new_docx(tmp_path):
    source = tmp_path / "report.txt"
    source.write_bytes(SEED.read_bytes())
    before = sha(source)
    out = tmp_path / "report.docx"
    result = CliRunner().invoke(main, ["lint", str(source), "--annotate", str(out)])
    assert result.exit_code == 1, result.output
    assert sha(source) == before
    report = parse_source(read_path(str(source)))
    fixed = apply_edits(report.text, fix_edits(lint_report(report)))
    assert fixed != report.text
    assert read_path(str(out)).text == fixed  # the copy reads as its tracked changes accepted
    found = anchors(out)
    assert "（4）" in found.values()  # the numbering gap's comment, on "(4)" as its tracked change makes it
    assert f"{out}:" in result.stderr and "comments and" in result.stderr and "tracked changes" in result.stderr


def test_refuses_to_overwrite_the_input(tmp_path):
    source = seed_docx(tmp_path / "seed.docx")
    before = sha(source)
    result = CliRunner().invoke(main, ["lint", str(source), "--annotate", str(source)])
    assert result.exit_code == 2
    assert "overwrite the input" in result.stderr
    assert sha(source) == before


def test_several_inputs_write_into_a_folder(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("一、总体情况\n(1)第一项\n(3)第三项\n", encoding="utf-8")
    b.write_bytes(SEED.read_bytes())
    out = tmp_path / "annotated"
    result = CliRunner().invoke(main, ["lint", str(a), str(b), "--annotate", str(out)])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.annotated.docx", "b.annotated.docx"]
    assert "（3）" in anchors(out / "a.annotated.docx").values()  # the gap, its brackets a tracked change


# --------------------------------------------------------------------------- anchoring details


def _finding(report, start, end, rule="ZJ999", message="测试", fix=None):
    line, col = report.line_col(start)
    end_line, end_col = report.line_col(max(start, end - 1))
    return Finding(rule=rule, category="typo", severity="warning", message=message, start=start, end=end,
                   line=line, col=col, end_line=end_line, end_col=end_col + 1, path=report.path, fix=fix)


def test_spans_inside_across_runs_and_paragraphs_keep_formatting(tmp_path):
    document = docx.Document()
    p = document.add_paragraph()
    p.add_run("今年共")
    r = p.add_run("培训\t职工")
    r.italic = True
    p.add_run("240人。")
    document.add_paragraph("第二段 有空格 ")
    source = tmp_path / "runs.docx"
    document.save(source)
    report = parse_source(read_path(str(source)))
    text = report.text
    assert text == "今年共培训\t职工240人。\n第二段 有空格 "
    spans = [(text.index("共培"), text.index("共培") + 2),  # across a run boundary
             (text.index("\t") - 1, text.index("\t") + 2),  # inside the italic run, over the tab
             (text.index("240"), text.index("240") + 3),
             (text.index("人。"), text.index("有") + 1),  # into the next paragraph
             (text.index(" 有"), text.index(" 有") + 1)]  # a lone space (xml:space preserve)
    findings = [_finding(report, s, e, fix=Fix(s, e, "X")) for s, e in spans]
    out = tmp_path / "out.docx"
    result = annotate(report, findings, str(out), data=source.read_bytes(), fix_mode="comments", summary=False)
    assert result.comments == len(spans)
    assert sorted(anchors(out).values()) == sorted(text[s:e] for s, e in spans)
    # same text, same italics character by character
    copy = docx.Document(str(out))
    assert "\n".join(par.text for par in copy.paragraphs) == text
    italic = [(ch, bool(run.italic)) for par in copy.paragraphs for run in par.runs for ch in run.text]
    expected = [(ch, bool(run.italic)) for par in docx.Document(str(source)).paragraphs
                for run in par.runs for ch in run.text]
    assert italic == expected
    assert all("建议改为“X”" in body for _, body in comments(out).values())


def test_zero_length_span_gets_a_point_comment(tmp_path):
    source = tmp_path / "t.txt"
    source.write_text("给予每年元的资助\n", encoding="utf-8")
    report = parse_source(read_path(str(source)))
    at = report.text.index("元")
    out = tmp_path / "out.docx"
    result = annotate(report, [_finding(report, at, at, message="缺少金额")], str(out), summary=False)
    assert result.comments == 1
    assert list(anchors(out).values()) == [""]
    assert list(comments(out).values())[0][1].startswith("ZJ999 缺少金额")


def test_span_on_an_automatic_list_label_anchors_on_the_paragraph(tmp_path):
    document = docx.Document()
    document.add_paragraph("工作如下：")
    document.add_paragraph("职工技能大赛。", style="List Number")
    document.add_paragraph("知识竞赛。", style="List Number")
    source = tmp_path / "list.docx"
    document.save(source)
    report = parse_source(read_path(str(source)))
    lines = report.text.split("\n")
    assert lines[1].startswith("1.") and lines[2].startswith("2."), lines
    second = report.text.index(lines[2])
    label = len(lines[2]) - len("知识竞赛。")
    findings = [_finding(report, second, second + label, rule="ZJ101", message="编号"),  # the label only
                _finding(report, second, second + label + 2, rule="ZJ102", message="编号和字")]  # label + text
    out = tmp_path / "out.docx"
    annotate(report, findings, str(out), data=source.read_bytes(), summary=False)
    found = anchors(out)
    notes = comments(out)
    by_rule = {notes[c][1].split()[0]: found[c] for c in found}
    assert by_rule == {"ZJ101": "知识竞赛。", "ZJ102": "知识"}
    assert all("自动编号" in body for _, body in notes.values())


def test_traditional_document_gets_traditional_wording(tmp_path):
    source = seed_docx(tmp_path / "seed.docx")
    report = parse_source(read_path(str(source)))
    assert report.script == "traditional"
    start = report.text.index("(四)")
    out = tmp_path / "out.docx"
    annotate(report, [_finding(report, start, start + 3, fix=Fix(start, start + 3, "（四）"))], str(out),
             fix_mode="comments", summary=False)
    (_, body), = comments(out).values()
    assert "建議改為“（四）”" in body


@pytest.mark.parametrize("bad", ["\x0b", "\x01"])
def test_text_with_control_characters_still_annotates(tmp_path, bad):
    source = tmp_path / "c.txt"
    source.write_text(f"一、总体{bad}情况\n" + "全年组织开展各类劳动竞赛和技能比武活动。\n" * 20, encoding="utf-8")
    report = parse_source(read_path(str(source)))
    start = report.text.index("情况")
    out = tmp_path / "out.docx"
    annotate(report, [_finding(report, start, start + 2)], str(out), summary=False)
    assert list(anchors(out).values()) == ["情况"]
