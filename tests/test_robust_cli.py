"""Issue 9, parts 4, 6 and 7 and the size limits: safe writes (-o, --fix), batch robustness,
size limits on lint/outline/.docx, config validation, and the Python API's text/path split.

Every case ends in exit 0, 1 or 2 with no traceback; every input is left as it was unless
--fix rewrote it on purpose."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import time
import warnings
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import zongjie_nlp
from zongjie_nlp.cli import main

ROOT = Path(__file__).resolve().parents[1]
LINT = [sys.executable, "-c", "from zongjie_nlp.cli import lint_main; lint_main()"]

# （一）、 → （一） is a safe fix (ZJ105); 1、 (ZJ107) stays when only ZJ105 is fixed.
SAMPLE = """某单位2024年工作总结
（一）、加强组织建设
1、完善制度，落实责任。
2、加强学习。
（二）、加强队伍建设
"""
FIXED = SAMPLE.replace("（一）、", "（一）").replace("（二）、", "（二）")


def lint(*args: str, input=None):
    return CliRunner().invoke(main, ["lint", *args], input=input)


def one_line_error(result, *needles: str) -> str:
    """The run failed with exit 2 and one `zongjie: error:` line, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.stderr, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("zongjie: error:")]
    assert len(errors) == 1, result.stderr
    for needle in needles:
        assert needle in errors[0], errors[0]
    return errors[0]


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A working directory of our own, so that no config file of the repository applies."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --------------------------------------------------------------------------- -o


def test_output_naming_the_input_is_refused(workdir):
    path = workdir / "x.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    link = workdir / "link.txt"
    link.symlink_to(path)
    for output in (str(path), "x.txt", "./sub/../x.txt", str(link)):
        (workdir / "sub").mkdir(exist_ok=True)
        result = lint("x.txt", "-o", output)
        one_line_error(result, "input")
        assert path.read_text(encoding="utf-8") == SAMPLE


def test_output_in_a_missing_folder_is_one_line(workdir):
    (workdir / "x.txt").write_text(SAMPLE, encoding="utf-8")
    result = lint("x.txt", "-o", str(workdir / "nonexistent" / "dir" / "r.txt"))
    one_line_error(result, "no such directory")
    assert not (workdir / "nonexistent").exists()


def test_output_is_written_whole_or_not_at_all(workdir, monkeypatch):
    (workdir / "x.txt").write_text(SAMPLE, encoding="utf-8")
    report = workdir / "r.txt"
    report.write_text("the previous report\n", encoding="utf-8")

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("zongjie_nlp.linter.files.os.replace", failing_replace)
    result = lint("x.txt", "-o", str(report))
    one_line_error(result, "r.txt", "cannot write")
    assert report.read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in workdir.iterdir()) == ["r.txt", "x.txt"]  # no temporary file left
    monkeypatch.undo()
    result = lint(str(workdir / "x.txt"), "-o", str(report))
    assert result.exit_code == 1
    assert "ZJ105" in report.read_text(encoding="utf-8")
    assert sorted(p.name for p in workdir.iterdir()) == ["r.txt", "x.txt"]


# --------------------------------------------------------------------------- --fix


def _fix(path: Path, *extra: str):
    return lint(str(path), "--fix", "--select", "ZJ105", *extra)


@pytest.mark.parametrize("codec", ["utf-16-be", "utf-16-le"])
def test_fix_keeps_bomless_utf16(tmp_path, codec):
    path = tmp_path / "u16.txt"
    path.write_bytes(SAMPLE.encode(codec))
    result = _fix(path)
    assert result.exit_code == 0, (result.stderr, result.exception)
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == FIXED.encode(codec)  # no BOM added, same byte order


@pytest.mark.parametrize("bom, codec", [(b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
                                        (b"\xef\xbb\xbf", "utf-8")])
def test_fix_keeps_a_bom_and_its_byte_order(tmp_path, bom, codec):
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + SAMPLE.encode(codec))
    assert _fix(path).exit_code == 0
    assert path.read_bytes() == bom + FIXED.encode(codec)


def test_fix_refuses_a_read_only_file(tmp_path):
    path = tmp_path / "ro.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    path.chmod(0o444)
    result = _fix(path)
    one_line_error(result, "read-only")
    assert "ZJ105" in result.stdout  # not fixed: still reported
    assert path.read_text(encoding="utf-8") == SAMPLE
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_fix_in_a_folder_it_cannot_write_is_one_line(tmp_path, monkeypatch):
    """A read-only folder: the temporary file cannot be created (simulated, since root may
    write anywhere; the real case is below)."""
    path = tmp_path / "x.txt"
    path.write_text(SAMPLE, encoding="utf-8")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", denied)
    result = _fix(path)
    one_line_error(result, "not fixed", "permission denied")
    assert path.read_text(encoding="utf-8") == SAMPLE


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes in read-only folders")
def test_fix_in_a_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "x.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    folder.chmod(0o555)
    try:
        result = _fix(path)
    finally:
        folder.chmod(0o755)
    one_line_error(result, "not fixed")
    assert path.read_text(encoding="utf-8") == SAMPLE


def test_fix_follows_a_symlink_and_keeps_it(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text(SAMPLE, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert _fix(link).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == FIXED


def test_fix_keeps_the_file_mode(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    path.chmod(0o640)
    assert _fix(path).exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text(encoding="utf-8") == FIXED


def test_fix_on_stdin_keeps_encoding_and_line_endings():
    data = SAMPLE.replace("\n", "\r\n").encode("gbk")
    result = lint("-", "--fix", "--select", "ZJ105", input=data)
    assert result.exit_code == 0
    assert result.stdout_bytes == FIXED.replace("\n", "\r\n").encode("gbk")


def test_fix_on_stdin_with_nothing_to_fix_gives_the_input_back():
    data = SAMPLE.encode("gbk")
    result = lint("-", "--fix", "--select", "ZJ201", input=data)
    assert result.stdout_bytes == data


def test_after_fix_the_report_and_exit_status_are_what_remains(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    result = lint(str(path), "--fix", "--select", "ZJ105,ZJ201", "--format", "json")
    assert result.exit_code == 0, result.stdout  # everything selected was fixed
    assert result.stdout.strip() == "[]"
    assert "applied 2 fixes, 0 problems left" in result.stderr

    text = SAMPLE.replace("（一）、", "（一）、20xx年", 1)  # a placeholder (ZJ311) has no fix: it remains
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    result = lint(str(path), "--fix", "--select", "ZJ105,ZJ311", "--no-source")
    assert result.exit_code == 1
    assert [line.split()[1] for line in result.stdout.splitlines() if ": ZJ" in line] == ["ZJ311"]
    assert f"{path}:2:4: ZJ311" in result.stdout  # its position in the fixed text (col 5 before)
    assert "applied 2 fixes, 1 problem left" in result.stderr
    assert path.read_bytes().count(b"\r\n") == text.count("\n")


# --------------------------------------------------------------------------- batches


def test_one_failing_file_does_not_abort_the_batch(tmp_path, monkeypatch):
    """A bug on one file: that file gets one error line, the others their reports, exit 2."""
    import zongjie_nlp.linter.files as lint_module

    real = lint_module.lint_source

    def lint_source(source, *args, **kwargs):
        if "爆炸" in source.text:
            raise ArithmeticError("simulated bug")
        return real(source, *args, **kwargs)

    monkeypatch.setattr(lint_module, "lint_source", lint_source)
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("a.txt", "c.txt"):
        (folder / name).write_text(SAMPLE, encoding="utf-8")
    (folder / "b.txt").write_text(SAMPLE + "爆炸\n", encoding="utf-8")
    for jobs in ("1", "2"):
        result = lint(str(folder), "--jobs", jobs, "--select", "ZJ105", "--no-source")
        one_line_error(result, "b.txt", "internal error", "ArithmeticError")
        reported = {Path(line.split(":")[0]).name for line in result.stdout.splitlines() if ": ZJ105" in line}
        assert reported == {"a.txt", "c.txt"}
        assert "b.txt: not checked" in result.stdout


def test_issue_texts_in_a_batch_end_cleanly(tmp_path):
    """The issue's reproducers (exceptions once) among good files, through the real CLI."""
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text(SAMPLE, encoding="utf-8")
    (folder / "b.txt").write_text("应建工会企业0家，已有0家提交建会申请，组建率为0%。\n", encoding="utf-8")
    (folder / "c.txt").write_text("存款余额6元，比年初增加2亿元，增长6%。\n", encoding="utf-8")
    (folder / "d.txt").write_text(SAMPLE, encoding="utf-8")
    start = time.monotonic()
    result = subprocess.run([*LINT, str(folder), "--jobs", "2", "--no-source"], capture_output=True, timeout=60)
    assert time.monotonic() - start < 30
    assert result.returncode in (0, 1, 2)
    assert b"Traceback" not in result.stderr
    out = result.stdout.decode()
    assert "a.txt:" in out and "d.txt:" in out and "Total: 4 files" in out


# --------------------------------------------------------------------------- size limits


def _docx_with_document_xml(path: Path, size: int) -> None:
    """A .docx (python-docx's template) whose document.xml is padded to ``size`` bytes: a few
    hundred KB compressed."""
    docx = pytest.importorskip("docx")
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("一、主要工作")
    document.save(buffer)
    paragraph = "<w:p><w:r><w:t>一、主要工作</w:t></w:r></w:p>".encode("utf-8")
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                head, tail = data.split(b"<w:body>", 1)
                data = head + b"<w:body>" + paragraph * ((size - len(data)) // len(paragraph)) + tail
            out.writestr(info.filename, data)


def test_docx_limit_applies_to_the_decompressed_xml(workdir):
    (workdir / ".zongjie.toml").write_text("max-size-mb = 1\n", encoding="utf-8")
    path = workdir / "bomb.docx"
    _docx_with_document_xml(path, 2_000_000)
    assert path.stat().st_size < 200_000
    for command in (["lint"], ["outline"]):
        result = CliRunner().invoke(main, [*command, str(path)])
        one_line_error(result, "bomb.docx", "too large", "decompressed")


def test_a_small_docx_holding_50_mb_of_xml_is_refused_quickly(tmp_path):
    path = tmp_path / "bomb.docx"
    _docx_with_document_xml(path, 50_000_000)
    assert path.stat().st_size < 1_000_000
    start = time.monotonic()
    result = subprocess.run([*LINT, str(path)], capture_output=True, timeout=60, cwd=tmp_path)
    assert time.monotonic() - start < 5
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert result.stderr.decode().count("\n") == 1 and b"too large" in result.stderr


def test_outline_has_the_lint_size_limit(workdir):
    (workdir / ".zongjie.toml").write_text("max-size-mb = 0.001\n", encoding="utf-8")
    path = workdir / "big.txt"
    path.write_text(SAMPLE * 20, encoding="utf-8")
    one_line_error(CliRunner().invoke(main, ["outline", str(path)]), "big.txt", "too large")
    one_line_error(CliRunner().invoke(main, ["outline", "-"], input=(SAMPLE * 20).encode()), "<stdin>", "too large")
    one_line_error(lint("-", input=(SAMPLE * 20).encode()), "<stdin>", "too large")
    (workdir / "small.txt").write_text("一、主要工作\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["outline", "small.txt"]).exit_code == 0


# --------------------------------------------------------------------------- config


@pytest.mark.parametrize("line, key", [
    ('max-size-mb = "big"', "max-size-mb"),
    ("max-size-mb = -1", "max-size-mb"),
    ("max-size-mb = true", "max-size-mb"),
    ("select = 5", "select"),
    ("select = [1, 2]", "select"),
    ("ignore = {a=1}", "ignore"),
    ("severity = 3", "severity"),
    ('severity-overrides = "x"', "severity-overrides"),
    ("severity-overrides = {ZJ101 = 5}", "severity-overrides.ZJ101"),
    ("genre = 1", "genre"),
    ('genre = ["summary"]', "genre"),
    ("norm = {x = 1}", "norm"),
    ('norm = "us"', "norm"),
])
def test_malformed_config_values_are_one_line_errors(workdir, line, key):
    (workdir / ".zongjie.toml").write_text(line + "\n", encoding="utf-8")
    (workdir / "x.txt").write_text(SAMPLE, encoding="utf-8")
    for command in (["lint", "x.txt"], ["outline", "x.txt"]):  # outline reads the config too
        one_line_error(CliRunner().invoke(main, command), ".zongjie.toml", key)


def test_malformed_pyproject_value_names_the_file(workdir):
    (workdir / "pyproject.toml").write_text('[tool.zongjie]\nselect = 5\n', encoding="utf-8")
    (workdir / "x.txt").write_text(SAMPLE, encoding="utf-8")
    one_line_error(lint("x.txt"), "pyproject.toml", "select")


def test_unknown_config_keys_are_named(workdir):
    (workdir / ".zongjie.toml").write_text('selct = ["ZJ1"]\nmax_size = 3\nseverity = "info"\n', encoding="utf-8")
    (workdir / "x.txt").write_text(SAMPLE, encoding="utf-8")
    one_line_error(lint("x.txt"), ".zongjie.toml", "'max-size'", "'selct'")


def test_zongjie_toml_accepts_a_tool_zongjie_table(workdir):
    (workdir / "x.txt").write_text(SAMPLE, encoding="utf-8")
    for config in ('[tool.zongjie]\nselect = ["ZJ105"]\n', 'select = ["ZJ105"]\n'):
        (workdir / ".zongjie.toml").write_text(config, encoding="utf-8")
        result = lint("x.txt", "--format", "json")
        assert result.exit_code == 1
        assert {f["rule"] for f in __import__("json").loads(result.stdout)} == {"ZJ105"}
    (workdir / ".zongjie.toml").write_text('select = ["ZJ1"]\n[tool.zongjie]\nselect = ["ZJ105"]\n', encoding="utf-8")
    one_line_error(lint("x.txt"), "select")


def test_unknown_rule_selectors_warn(workdir):
    (workdir / "x.txt").write_text(SAMPLE, encoding="utf-8")
    result = lint("x.txt", "--select", "ZJ105,ZJ999", "--ignore", "nonsense")
    assert result.exit_code == 1
    assert "zongjie: warning: unknown rule selector 'ZJ999'" in result.stderr
    assert "zongjie: warning: unknown rule selector 'nonsense'" in result.stderr
    assert "ZJ105" in result.stdout
    (workdir / ".zongjie.toml").write_text('ignore = ["ZJ998"]\n', encoding="utf-8")
    result = lint("x.txt", "--select", "ZJ105")
    assert "zongjie: warning: unknown rule selector 'ZJ998'" in result.stderr and ".zongjie.toml" in result.stderr
    (workdir / ".zongjie.toml").unlink()
    result = lint("x.txt", "--select", "ZJ4,punctuation,ALL")
    assert "warning" not in result.stderr


# --------------------------------------------------------------------------- API


def test_a_str_is_always_text(tmp_path):
    path = tmp_path / "summary.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    assert zongjie_nlp.parse(str(path)).text == str(path)  # parsed as text, the file not read
    assert zongjie_nlp.parse(path).text == SAMPLE  # a Path is read
    assert zongjie_nlp.parse(path=str(path)).text == SAMPLE
    assert zongjie_nlp.parse(path=path).text == SAMPLE
    assert zongjie_nlp.parse(text=str(path)).text == str(path)
    assert zongjie_nlp.parse(SAMPLE.encode("gbk")).text == SAMPLE
    assert zongjie_nlp.parse("/etc/passwd").text == "/etc/passwd"


def test_parse_needs_exactly_one_input():
    with pytest.raises(TypeError):
        zongjie_nlp.parse()
    with pytest.raises(TypeError):
        zongjie_nlp.parse("a", text="b")
    with pytest.raises(TypeError):
        zongjie_nlp.parse(text=b"bytes")


def test_check_takes_text_and_path(tmp_path):
    path = tmp_path / "summary.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    by_text = [(f.rule, f.start) for f in zongjie_nlp.check(text=SAMPLE, select="ZJ105")]
    by_path = [(f.rule, f.start) for f in zongjie_nlp.check(path=str(path), select="ZJ105")]
    assert by_text == by_path and by_text
    assert zongjie_nlp.check(str(path), select="ZJ105") == []  # the path string is text


def test_check_select_is_a_selector_not_characters():
    everything = {f.rule for f in zongjie_nlp.check(SAMPLE)}
    assert {f.rule for f in zongjie_nlp.check(SAMPLE, select="ZJ4")} <= {r for r in everything if r.startswith("ZJ4")}
    assert {f.rule for f in zongjie_nlp.check(SAMPLE, select="ZJ105")} == {"ZJ105"}
    assert {f.rule for f in zongjie_nlp.check(SAMPLE, select="ZJ105,ZJ107")} == {"ZJ105", "ZJ107"}
    assert {f.rule for f in zongjie_nlp.check(SAMPLE, select=["ZJ105", "ZJ107"])} == {"ZJ105", "ZJ107"}
    assert "ZJ105" not in {f.rule for f in zongjie_nlp.check(SAMPLE, ignore="ZJ105")}


def test_check_warns_about_an_unknown_selector():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        zongjie_nlp.check(SAMPLE, select="ZJ999")
    assert any("ZJ999" in str(w.message) for w in caught)


def test_a_file_named_twice_is_checked_and_fixed_once(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    path = folder / "x.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    result = lint(str(path), str(folder), "--fix", "--select", "ZJ105")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("applied") == 1
    assert path.read_text(encoding="utf-8") == FIXED


def test_annotate_with_no_readable_input_creates_nothing(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(32)) * 4)
    out = tmp_path / "out.docx"
    one_line_error(lint(str(path), "--annotate", str(out)), "binary")
    assert not out.exists()


def test_annotate_into_a_directory_is_one_line(tmp_path):
    pytest.importorskip("docx")
    path = tmp_path / "x.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "out.docx").mkdir()
    one_line_error(lint(str(path), "--annotate", str(tmp_path / "out.docx")), "cannot annotate", "directory")
