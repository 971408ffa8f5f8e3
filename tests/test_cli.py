"""`zongjie lint` / `zongjie-lint` end to end: exit codes, formats, selection, configuration,
suppression, --fix / --diff, inputs (stdin, directories, .docx) and `zongjie rules`."""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from zongjie_nlp.cli import main
from tests.helpers import COMPLETE_SUMMARY

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed" / "union-annual-summaries.txt"
FINDING_KEYS = {"path", "line", "col", "end_line", "end_col", "start", "end", "rule", "category", "severity",
                "message", "fix"}
TEXT_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<rule>ZJ\d{3})(?: \[\*\])? (?P<message>\S.*)$")

CLEAN = COMPLETE_SUMMARY + "\n"
# A short text with one finding of each kind the selection tests need: ZJ105 (（一）、) and
# ZJ107 (1、), both numbering; ZJ401 (a half-width comma), punctuation.
SAMPLE = """某单位2024年工作总结
（一）、加强组织建设
1、完善制度,落实责任。
2、加强学习。
（二）、加强队伍建设
"""


def lint(*args: str, input=None):
    return CliRunner().invoke(main, ["lint", *args], input=input)


def rules_in(output: str) -> set[str]:
    return {m.group("rule") for m in map(TEXT_LINE.match, output.splitlines()) if m}


def json_findings(*args: str, input=None) -> list[dict]:
    result = lint(*args, "--format", "json", input=input)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.fixture
def sample(tmp_path) -> Path:
    path = tmp_path / "sample.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def no_traceback(result) -> None:
    out = (result.stdout or "") + (result.stderr or "")
    assert "Traceback" not in out, out
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


# --------------------------------------------------------------------------- exit codes


def test_clean_text_exits_0(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = lint(str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == ""


def test_findings_exit_1():
    result = lint(str(SEED))
    assert result.exit_code == 1
    no_traceback(result)


def one_error_line(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output)
    no_traceback(result)
    errors = [line for line in result.stderr.splitlines() if "error" in line.lower()]
    assert len(errors) >= 1, result.stderr
    return errors[0]


def test_missing_file_exits_2(tmp_path):
    line = one_error_line(lint(str(tmp_path / "missing.txt")))
    assert "missing.txt" in line and "no such file" in line
    assert len(lint(str(tmp_path / "missing.txt")).stderr.strip().splitlines()) == 1


def test_directory_of_binaries_exits_2(tmp_path):
    folder = tmp_path / "pictures"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(4000))
    (folder / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    result = lint(str(folder))
    one_error_line(result)
    errors = [line for line in result.stderr.splitlines() if line.startswith("zongjie: error:")]
    assert len(errors) == 2 and all("binary" in line for line in errors), result.stderr


def test_empty_file_exits_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = lint(str(empty))
    assert "empty" in one_error_line(result)
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [["--bogus"], ["--severity", "fatal"], ["--format", "yaml"]])
def test_bad_option_exits_2(args):
    result = lint(*args, str(SEED))
    assert result.exit_code == 2
    no_traceback(result)
    assert result.stderr.startswith("zongjie: error:") and len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_no_input_exits_2():
    result = lint()
    assert result.exit_code == 2 and "no input files" in result.stderr
    no_traceback(result)


def test_a_50_mb_file_ends_cleanly(tmp_path):
    big = tmp_path / "big.txt"
    line = ("全年新建工会组织11家，新发展会员1260人，走访慰问困难职工240人。" * 20 + "\n").encode("utf-8")
    with open(big, "wb") as handle:
        for _ in range((50 * 1024 * 1024) // len(line) + 1):
            handle.write(line)
    assert big.stat().st_size >= 50 * 1024 * 1024
    result = lint(str(big))
    line = one_error_line(result)
    assert "too large" in line and "MB" in line
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout.strip() == ""


# --------------------------------------------------------------------------- formats


def test_json_format_has_the_design_keys():
    findings = json_findings(str(SEED))
    assert isinstance(findings, list) and findings
    text = SEED.read_text(encoding="utf-8")
    lines = text.split("\n")
    for f in findings:
        assert FINDING_KEYS <= f.keys(), f
        assert f["path"] == str(SEED)
        assert f["severity"] in ("info", "warning", "error")
        assert 0 <= f["start"] <= f["end"] <= len(text)
        assert lines[f["line"] - 1][f["col"] - 1] == text[f["start"]] or f["start"] == f["end"]
        assert f["fix"] is None or {"start", "end", "replacement", "applicability"} <= f["fix"].keys()


def test_seed_must_shows():
    findings = json_findings(str(SEED))
    text = SEED.read_text(encoding="utf-8")
    gap = [f for f in findings if f["rule"] == "ZJ101"]
    assert [(f["line"], f["col"], text[f["start"]:f["end"]]) for f in gap] == [(85, 1, "(4)")]
    style = [f for f in findings if f["rule"] == "ZJ105"]
    assert (style[0]["line"], style[0]["col"], text[style[0]["start"]:style[0]["end"]]) == (19, 1, "(一)、")


SARIF_MINIMAL = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array", "minItems": 1,
            "items": {
                "type": "object", "required": ["tool", "results"],
                "properties": {
                    "tool": {"type": "object", "required": ["driver"],
                             "properties": {"driver": {"type": "object", "required": ["name"]}}},
                    "results": {"type": "array", "items": {
                        "type": "object", "required": ["ruleId", "message", "locations"],
                        "properties": {
                            "ruleId": {"type": "string", "pattern": "^ZJ[0-9]{3}$"},
                            "level": {"enum": ["none", "note", "warning", "error"]},
                            "message": {"type": "object", "required": ["text"]},
                            "locations": {"type": "array", "minItems": 1},
                        }}},
                },
            },
        },
    },
}


def test_sarif_format_is_sarif_2_1_0():
    result = lint(str(SEED), "--format", "sarif")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(data, SARIF_MINIMAL)
    assert data["version"] == "2.1.0"
    assert len(data["runs"][0]["results"]) == len(json_findings(str(SEED)))


def test_text_format_is_path_line_col_rule_message():
    result = lint(str(SEED), "--no-source")
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    findings = [TEXT_LINE.match(line) for line in lines[:-1]]
    assert all(findings), [line for line, m in zip(lines, findings) if not m]
    assert lines[-1].startswith("Found ")
    first = findings[0]
    assert (first.group("path"), first.group("line"), first.group("col")) == (str(SEED), "1", "1")
    assert f"{SEED}:85:1: ZJ101 " in result.stdout


def test_text_format_shows_the_source_line_and_a_caret():
    result = lint(str(SEED), "--select", "ZJ101")
    out = result.stdout.splitlines()
    assert out[0].startswith(f"{SEED}:85:1: ZJ101")
    assert out[1].strip().startswith("(4)") and out[2].strip().startswith("^")



@pytest.mark.parametrize("text, columns", [
    ("", 0), ("ab 1", 4), ("工作总结", 8), ("ＡＢ，", 6), ("\U00020000", 2), ("ｶ", 1), ("“3”", 3), ("a中", 3),
])
def test_the_caret_is_as_wide_as_the_terminal_shows_the_text(text, columns):
    """Wide and full-width characters (CJK ideographs, astral ones too, full-width forms) take
    two columns; ASCII, half-width katakana and curly quotes one."""
    from zongjie_nlp.formats.text import display_width

    assert display_width(text) == columns


# --------------------------------------------------------------------------- selection


def test_select_by_id_prefix(sample):
    assert rules_in(lint(str(sample), "--select", "ZJ1").stdout) == {"ZJ105", "ZJ107"}


def test_select_by_category(sample):
    assert rules_in(lint(str(sample), "--select", "numbering").stdout) == {"ZJ105", "ZJ107"}


def test_select_several_comma_separated(sample):
    assert rules_in(lint(str(sample), "--select", "ZJ105,punctuation").stdout) == {"ZJ105", "ZJ401"}


def test_ignore_by_id_and_category(sample):
    every = rules_in(lint(str(sample)).stdout)
    assert {"ZJ105", "ZJ107", "ZJ401"} <= every
    assert rules_in(lint(str(sample), "--ignore", "ZJ105").stdout) == every - {"ZJ105"}
    remaining = rules_in(lint(str(sample), "--ignore", "numbering", "--ignore", "punctuation").stdout)
    assert remaining == every - {"ZJ105", "ZJ107", "ZJ401", "ZJ104"}


def test_selecting_nothing_that_fires_exits_0(sample):
    result = lint(str(sample), "--select", "ZJ2")
    assert result.exit_code == 0 and result.stdout.strip() == ""


def test_severity_threshold():
    findings = json_findings(str(SEED), "--severity", "warning")
    assert findings and all(f["severity"] in ("warning", "error") for f in findings)
    result = lint(str(SEED), "--severity", "error", "--format", "json")
    errors = json.loads(result.stdout)
    assert all(f["severity"] == "error" for f in errors)
    assert result.exit_code == (1 if errors else 0)


# --------------------------------------------------------------------------- configuration


@pytest.fixture
def workdir(tmp_path, monkeypatch, sample):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_pyproject_config(workdir, sample):
    (workdir / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.zongjie]\nselect = ["numbering"]\nignore = ["ZJ107"]\n', encoding="utf-8")
    assert rules_in(lint(sample.name).stdout) == {"ZJ105"}
    # the command line adds to the config's ignore list
    assert lint(sample.name, "--ignore", "ZJ105").exit_code == 0


def test_pyproject_config_in_its_other_toml_forms(workdir, sample):
    """A dotted key and an inline table are [tool.zongjie] too (the file is parsed only when it
    can hold our table)."""
    for form in ('[tool]\nzongjie.select = ["numbering"]\n', '[tool]\nzongjie = {select = ["numbering"]}\n',
                 'tool.zongjie.select = ["numbering"]\n'):
        (workdir / "pyproject.toml").write_text(form, encoding="utf-8")
        assert rules_in(lint(sample.name).stdout) == {"ZJ105", "ZJ107"}, form


def test_a_pyproject_without_our_table_is_not_read(workdir, sample):
    """Another project's pyproject.toml (a script named zongjie included) is none of our
    business, even when it is not valid TOML."""
    (workdir / "pyproject.toml").write_text('[project.scripts]\nzongjie = "x:main"\nbroken = [\n', encoding="utf-8")
    result = lint(sample.name)
    assert result.exit_code == 1 and "ZJ401" in rules_in(result.stdout)
    (workdir / "pyproject.toml").write_text('[tool.zongjie]\nbroken = [\n', encoding="utf-8")
    one_error_line(lint(sample.name))


def test_zongjie_toml_config_severity_and_overrides(workdir, sample):
    (workdir / ".zongjie.toml").write_text(
        'severity = "error"\n[severity-overrides]\nZJ105 = "error"\npunctuation = "error"\n', encoding="utf-8")
    findings = json_findings(sample.name)
    assert {f["rule"] for f in findings} == {"ZJ105", "ZJ401"}
    assert all(f["severity"] == "error" for f in findings)
    # --severity on the command line wins over the config
    assert {"ZJ107"} <= {f["rule"] for f in json_findings(sample.name, "--severity", "info")}


def test_zongjie_toml_is_preferred_to_pyproject(workdir, sample):
    (workdir / "pyproject.toml").write_text('[tool.zongjie]\nselect = ["punctuation"]\n', encoding="utf-8")
    (workdir / ".zongjie.toml").write_text('select = ["ZJ107"]\n', encoding="utf-8")
    assert rules_in(lint(sample.name).stdout) == {"ZJ107"}


def test_broken_config_exits_2(workdir, sample):
    (workdir / ".zongjie.toml").write_text('severity = "fatal"\n', encoding="utf-8")
    result = lint(sample.name)
    assert "severity" in one_error_line(result)
    (workdir / ".zongjie.toml").write_text('select = [unclosed\n', encoding="utf-8")
    one_error_line(lint(sample.name))


# --------------------------------------------------------------------------- suppression


def test_suppression_at_the_end_of_a_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SAMPLE.replace("（一）、加强组织建设", "（一）、加强组织建设 zongjie: ignore[ZJ105]"), encoding="utf-8")
    findings = json_findings(str(path), "--select", "ZJ105,ZJ107")
    zj105 = [f for f in findings if f["rule"] == "ZJ105"]
    # the marker on line 2 is silenced; the one on line 5 is still reported
    assert [f["line"] for f in zj105] == [5]
    assert all(d["line"] != 2 for f in zj105 for d in f.get("details", []))
    assert any(f["rule"] == "ZJ107" and f["line"] == 3 for f in findings)


def test_suppression_on_its_own_line_before(tmp_path):
    path = tmp_path / "b.txt"
    text = SAMPLE.replace("（二）、加强队伍建设", "<!-- zongjie: ignore[ZJ105] -->\n（二）、加强队伍建设")
    path.write_text(text, encoding="utf-8")
    findings = json_findings(str(path), "--select", "ZJ105")
    assert [f["line"] for f in findings] == [2]
    assert [d["line"] for d in findings[0].get("details", [])] in ([], [2])


def test_bare_suppression_silences_every_rule_on_the_line(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text(SAMPLE.replace("1、完善制度,落实责任。", "1、完善制度,落实责任。 zongjie: ignore"), encoding="utf-8")
    findings = json_findings(str(path), "--select", "ZJ107,ZJ401")
    assert all(f["line"] != 3 for f in findings)
    assert any(f["rule"] == "ZJ107" and f["line"] == 4 for f in findings)


def test_suppressed_occurrences_are_not_fixed(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(SAMPLE.replace("（一）、加强组织建设", "（一）、加强组织建设 zongjie: ignore[ZJ105]"), encoding="utf-8")
    lint(str(path), "--fix", "--select", "ZJ105")
    fixed = path.read_text(encoding="utf-8")
    assert "（一）、加强组织建设" in fixed and "（二）加强队伍建设" in fixed


# --------------------------------------------------------------------------- --fix and --diff


def _raw_offsets(raw: str) -> list[int]:
    """Offset in the newline-normalised text → offset in the CRLF text."""
    mapping, i = [], 0
    while i < len(raw):
        mapping.append(i)
        i += 2 if raw[i] == "\r" and raw[i + 1:i + 2] == "\n" else 1
    mapping.append(len(raw))
    return mapping


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    """The seed as a Windows user would have it: GB18030 bytes, CRLF line endings."""
    path = tmp_path / "seed-gb18030-crlf.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    return path


def test_fix_changes_only_the_finding_spans(seed_copy):
    before = json_findings(str(seed_copy))
    original = seed_copy.read_bytes()
    result = lint(str(seed_copy), "--fix")
    assert result.exit_code == 1
    no_traceback(result)
    assert "applied" in result.stderr
    fixed = seed_copy.read_bytes()
    assert fixed != original

    # encoding and line endings survive
    with pytest.raises(UnicodeDecodeError):
        fixed.decode("utf-8")
    raw_before, raw_after = original.decode("gb18030"), fixed.decode("gb18030")
    assert raw_after.count("\r\n") == raw_before.count("\r\n") and "\n" not in raw_after.replace("\r\n", "")

    # every changed region lies inside the span of a safe fix
    mapping = _raw_offsets(raw_before)
    spans = []
    for f in before:
        fixes = ([f["fix"]] if f["fix"] else []) + [d["fix"] for d in f.get("details", []) if d.get("fix")]
        spans += [(mapping[x["start"]], mapping[x["end"]]) for x in fixes if x["applicability"] == "safe"]
    assert spans
    merged: list[list[int]] = []  # touching spans (". " → "。" + "") form one changed region
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    matcher = difflib.SequenceMatcher(None, raw_before, raw_after, autojunk=False)
    changed = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert changed
    for tag, i1, i2, _, _ in changed:
        assert any(s <= i1 and i2 <= e for s, e in merged), (tag, i1, i2, raw_before[max(0, i1 - 5):i2 + 5])

    # re-linting: the encoding is still detected, and the fixed rules are gone
    report = json.loads(CliRunner().invoke(main, ["outline", str(seed_copy), "--format", "json"]).stdout)
    assert report["encoding"] == "gb18030"
    after = {f["rule"] for f in json_findings(str(seed_copy))}
    assert not after & {"ZJ105", "ZJ106", "ZJ107", "ZJ401", "ZJ404", "ZJ601"}
    assert {"ZJ101", "ZJ714"} <= after  # not fixable: still there


def test_fix_leaves_no_temporary_file(seed_copy):
    lint(str(seed_copy), "--fix")
    assert sorted(p.name for p in seed_copy.parent.iterdir()) == [seed_copy.name]


def test_diff_writes_nothing(seed_copy):
    original = seed_copy.read_bytes()
    mtime = seed_copy.stat().st_mtime_ns
    result = lint(str(seed_copy), "--diff")
    assert seed_copy.read_bytes() == original and seed_copy.stat().st_mtime_ns == mtime
    assert "--- " in result.stdout and "+++ " in result.stdout and "@@" in result.stdout
    assert "+（一）繼續深化幫扶工作" in result.stdout.replace("\r", "")


def test_fix_does_not_touch_a_docx(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for paragraph in SAMPLE.strip().split("\n"):
        document.add_paragraph(paragraph)
    path = tmp_path / "summary.docx"
    document.save(str(path))
    original = path.read_bytes()
    result = lint(str(path), "--fix")
    assert result.exit_code == 1
    no_traceback(result)
    assert path.read_bytes() == original
    assert "docx" in result.stderr
    assert "ZJ105" in rules_in(result.stdout)


# --------------------------------------------------------------------------- inputs


def test_stdin():
    result = lint("-", "--select", "ZJ105", input=SAMPLE.encode("utf-8"))
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:2:1: ZJ105")


def test_stdin_fix_prints_the_fixed_text():
    result = lint("-", "--fix", "--select", "ZJ105", input=SAMPLE.encode("utf-8"))
    assert result.stdout == SAMPLE.replace("（一）、", "（一）").replace("（二）、", "（二）")
    # the report (on stderr) and the exit status are what remains after the fixes: nothing
    assert result.exit_code == 0
    assert "ZJ105" not in result.stderr and "applied 2 fixes, 0 problems left" in result.stderr


def test_directory_is_walked_for_txt_md_docx(tmp_path):
    docx = pytest.importorskip("docx")
    folder = tmp_path / "summaries"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    (folder / "a.txt").write_text(SAMPLE, encoding="utf-8")
    (folder / "sub" / "b.md").write_text(SAMPLE, encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not checked")
    (folder / ".hidden" / "c.txt").write_text(SAMPLE, encoding="utf-8")
    document = docx.Document()
    for paragraph in SAMPLE.strip().split("\n"):
        document.add_paragraph(paragraph)
    document.save(str(folder / "sub" / "c.docx"))
    result = lint(str(folder), "--select", "ZJ105", "--format", "json")
    assert result.exit_code == 1
    paths = {Path(f["path"]).name for f in json.loads(result.stdout)}
    assert paths == {"a.txt", "b.md", "c.docx"}


# --------------------------------------------------------------------------- rules


def test_rules_lists_every_rule():
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    ids = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    assert {"ZJ101", "ZJ105", "ZJ611", "ZJ714", "ZJ731", "ZJ511"} <= set(ids)
    assert ids == sorted(ids)


def test_rules_explains_one():
    result = CliRunner().invoke(main, ["rules", "ZJ101"])
    assert result.exit_code == 0
    assert result.stdout.startswith("ZJ101 numbering-gap")
    assert "GB/T 9704" in result.stdout and "fires:" in result.stdout and "silent:" in result.stdout


def test_rules_json_and_unknown_rule():
    data = json.loads(CliRunner().invoke(main, ["rules", "--format", "json"]).stdout)
    assert {"id", "name", "category", "severity", "fixable", "summary"} <= data[0].keys()
    result = CliRunner().invoke(main, ["rules", "ZJ999"])
    assert result.exit_code == 2 and "unknown rule" in result.stderr
    no_traceback(result)


# --------------------------------------------------------------------------- the zongjie-lint entry point


def _entry_point(name: str):
    found = Path(sys.executable).with_name(name)
    return str(found) if found.exists() else shutil.which(name)


@pytest.mark.skipif(_entry_point("zongjie-lint") is None, reason="console scripts not installed")
def test_zongjie_lint_is_zongjie_lint(sample):
    lint_exe, zongjie_exe = _entry_point("zongjie-lint"), _entry_point("zongjie")
    a = subprocess.run([lint_exe, str(sample), "--format", "json"], capture_output=True, timeout=120)
    b = subprocess.run([zongjie_exe, "lint", str(sample), "--format", "json"], capture_output=True, timeout=120)
    assert a.returncode == b.returncode == 1
    assert json.loads(a.stdout) == json.loads(b.stdout)
    missing = subprocess.run([lint_exe, str(sample.parent / "missing.txt")], capture_output=True, timeout=120)
    assert missing.returncode == 2 and b"Traceback" not in missing.stderr
    assert len(missing.stderr.decode().strip().splitlines()) == 1
