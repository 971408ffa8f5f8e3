"""Many files at once: per-file summary lines, a total, a progress bar only on a terminal,
``--jobs N`` in input order, and one JSON array; and the pre-commit hook manifest."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from zongjie_nlp.cli import main
from zongjie_nlp.linter import Config, FileResult, lint_files, summary_lines

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed" / "union-annual-summaries.txt"
LINT = [sys.executable, "-c", "from zongjie_nlp.cli import lint_main; lint_main()"]
SUMMARY = re.compile(r"^(?P<path>.+): (?P<n>\d+) problems?(?: \((?P<e>\d+) errors?, (?P<w>\d+) warnings?, "
                     r"(?P<i>\d+) info\))?(?:; \d+ relations? verified)?$")


def _copies(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    data = SEED.read_bytes()
    paths = []
    for i in range(n):
        path = folder / f"seed{i:03d}.txt"
        path.write_bytes(data)
        paths.append(path)
    return paths


def _run(args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*LINT, *args], capture_output=True, cwd=ROOT, **kw)


def test_text_output_has_one_summary_line_per_file_and_a_total(tmp_path):
    clean = tmp_path / "a-clean.txt"
    clean.write_text("一、总体情况\n二、存在问题\n", encoding="utf-8")
    seed = tmp_path / "b-seed.txt"
    seed.write_bytes(SEED.read_bytes())
    result = CliRunner().invoke(main, ["lint", str(tmp_path), "--no-source"])
    assert result.exit_code == 1
    lines = result.stdout.rstrip("\n").split("\n")
    findings = json.loads(CliRunner().invoke(main, ["lint", str(seed), "--format", "json"]).stdout)
    problems = [f for f in findings if not f.get("verified")]
    assert lines[-3] == f"{clean}: 0 problems"
    m = SUMMARY.match(lines[-2])
    assert m and m["path"] == str(seed) and int(m["n"]) == len(problems)
    assert (int(m["e"]), int(m["w"]), int(m["i"])) == tuple(
        sum(1 for f in problems if f["severity"] == s) for s in ("error", "warning", "info"))
    assert lines[-1].startswith(f"Total: 2 files, {len(problems)} problems")
    # the findings come first, in input order
    assert lines[0].startswith(str(seed) + ":")


def test_single_file_keeps_the_plain_output():
    result = CliRunner().invoke(main, ["lint", str(SEED), "--no-source"])
    assert "Total:" not in result.stdout


def test_json_of_many_files_is_one_array_in_input_order(tmp_path):
    paths = _copies(tmp_path / "many", 3)
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "many"), "--format", "json", "--jobs", "2"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)  # the summary does not go to stdout
    assert isinstance(data, list)
    order = [f["path"] for f in data]
    assert sorted(set(order), key=order.index) == [str(p) for p in paths]
    assert "Total:" not in result.stdout


def test_jobs_gives_the_same_findings(tmp_path):
    """Copies of the seed: --jobs 2 prints exactly what --jobs 1 prints, in input order.
    (Speed is measured by benchmarks/bench_batch.py, not by a timed test.)"""
    _copies(tmp_path / "many", 40)
    outputs = {}
    for jobs in (1, 2):
        result = _run([str(tmp_path / "many"), "--jobs", str(jobs), "--format", "json"])
        assert result.returncode == 1, result.stderr.decode()
        outputs[jobs] = result.stdout
    assert outputs[1] == outputs[2]
    data = json.loads(outputs[2])
    assert len({f["path"] for f in data}) == 40
    text1 = _run([str(tmp_path / "many"), "--jobs", "1"]).stdout
    text2 = _run([str(tmp_path / "many"), "--jobs", "2"]).stdout
    assert text1 == text2
    problems = len([f for f in data if not f.get("verified")])
    assert text1.decode().rstrip().split("\n")[-1].startswith(f"Total: 40 files, {problems} problems")


def test_progress_bar_only_on_a_terminal(tmp_path):
    _copies(tmp_path / "few", 4)
    piped = _run([str(tmp_path / "few"), "--format", "json"])
    assert piped.stderr == b""
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run([*LINT, str(tmp_path / "few"), "--format", "json"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=follower, timeout=120)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
    err = b"".join(chunks).decode("utf-8", "replace")
    assert "zongjie-lint" in err and "100%" in err, err
    assert "Total: 4 files" in err  # on a terminal the summary goes to stderr
    json.loads(proc.stdout)


def test_unreadable_file_in_a_batch(tmp_path):
    good = tmp_path / "good.txt"
    good.write_bytes(SEED.read_bytes())
    missing = tmp_path / "missing.txt"
    for jobs in ("1", "2"):
        result = CliRunner().invoke(main, ["lint", str(good), str(missing), "--jobs", jobs, "--no-source"])
        assert result.exit_code == 2
        assert "missing.txt: no such file" in result.stderr
        assert f"{missing}: not checked" in result.stdout
        assert "; 1 not checked" in result.stdout.splitlines()[-1]


def test_lint_files_api_keeps_order_and_types(tmp_path):
    paths = [str(p) for p in _copies(tmp_path / "api", 5)]
    one = list(lint_files(paths, Config(), jobs=1))
    two = list(lint_files(paths, Config(), jobs=2))
    assert [r.path for r in two] == paths
    assert [r.findings for r in one] == [r.findings for r in two]
    assert all(isinstance(r, FileResult) and r.text and r.report is None for r in two)
    assert summary_lines(two)[-1].startswith("Total: 5 files")


# --------------------------------------------------------------------------- pre-commit


def test_pre_commit_manifest():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and hooks
    hook = {h["id"]: h for h in hooks}["zongjie-lint"]
    assert {"id", "name", "entry", "language"} <= hook.keys()
    assert hook["language"] == "python"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(rf'^{re.escape(hook["entry"].split()[0])} = "zongjie_nlp\.cli:', pyproject, re.M)
    files = re.compile(hook["files"])
    assert all(files.search(name) for name in ("a/report.txt", "b.md", "年度总结.docx"))
    assert not files.search("setup.py")
    pre_commit = shutil.which("pre-commit")
    if pre_commit is None:
        pytest.skip("pre-commit is not installed: the manifest was checked by hand only")
    result = subprocess.run([pre_commit, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_jobs_0_uses_the_cpus_only_for_inputs_worth_it(tmp_path, monkeypatch):
    from zongjie_nlp.linter import batch

    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text("全年完成任务。\n", encoding="utf-8")
    large.write_bytes(b"x" * batch.AUTO_PARALLEL_BYTES)
    monkeypatch.setattr(batch.os, "cpu_count", lambda: 4)
    assert batch.processes(3, [str(small)]) == 3  # asked for: given
    assert batch.processes(0, [str(small), str(small)]) == 1
    assert batch.processes(0, [str(small), str(large)]) == 4
    assert batch.processes(0, [str(tmp_path / "absent.txt")]) == 1
