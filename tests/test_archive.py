"""``zongjie archive`` and :func:`zongjie_nlp.archive.lint_archive`: on a local Dask cluster of
two workers, a thousand generated files give exactly the findings of ``zongjie-lint --jobs 2
--format json``; a file that cannot be checked is a row with its error and stops nothing; the
output folder is never overwritten by accident; without the extra the command says how to
install it.  Skipped without Dask, distributed and pyarrow (the extra ``zongjie-nlp[archive]``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("dask.bag", reason="the archive extra: pip install 'zongjie-nlp[archive]'")
distributed = pytest.importorskip("distributed", reason="the archive extra: pip install 'zongjie-nlp[archive]'")
pytest.importorskip("pyarrow.dataset", reason="the archive extra: pip install 'zongjie-nlp[archive]'")
import pyarrow.dataset as ds  # noqa: E402

from tests.archive_files import BAD_FILES, write_archive  # noqa: E402
from zongjie_nlp.archive import lint_archive  # noqa: E402
from zongjie_nlp.cli import main  # noqa: E402
from zongjie_nlp.errors import ZongjieError  # noqa: E402
from zongjie_nlp.linter import Config, find_config  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LINT = [sys.executable, "-c", "from zongjie_nlp.cli import lint_main; lint_main()"]
N_FILES = 1000


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                       silence_logs=40)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def archive(tmp_path_factory, client):
    """The generated files, ``zongjie-lint --jobs 2 --format json``'s findings on them, and the
    archive run's output folder."""
    folder = tmp_path_factory.mktemp("archive")
    inputs = folder / "in"
    paths = write_archive(inputs, N_FILES)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    lint = subprocess.run([*LINT, str(inputs), "--jobs", "2", "--format", "json"], capture_output=True, cwd=folder,
                          env=env, timeout=300)
    assert lint.returncode == 2, lint.stderr.decode()[-2000:]  # findings and the bad files (input errors)
    summary = lint_archive(str(inputs), out=folder / "out", client=client, config=find_config(folder))
    return paths, json.loads(lint.stdout), folder / "out", summary


def _rows(out: Path, dataset: str) -> list[dict]:
    return ds.dataset(out / dataset, partitioning="hive" if dataset == "findings" else None).to_table().to_pylist()


def _key(f: dict) -> tuple:
    return (f["path"], f["rule"], f["start"], f["end"], f["message"])


def test_the_archive_gives_exactly_the_findings_of_zongjie_lint_jobs_2(archive):
    paths, cli_findings, out, summary = archive
    rows = _rows(out, "findings")
    assert len(cli_findings) > N_FILES  # the generated files have something to find
    assert Counter(_key(r) for r in rows) == Counter(_key(f) for f in cli_findings)
    assert summary.findings == len(rows)
    by_key = {_key(f): f for f in cli_findings}
    for row in rows[:500]:  # the other columns are the finding's too
        f = by_key[_key(row)]
        assert (row["line"], row["column"], row["end_line"], row["end_column"], row["severity"], row["category"]) == \
               (f["line"], f["col"], f["end_line"], f["end_col"], f["severity"], f["category"])
        assert row["fix"] == (f["fix"]["replacement"] if f["fix"] else None)


def test_bad_files_are_rows_with_their_error_and_every_other_file_is_there(archive):
    paths, _, out, summary = archive
    files = {r["path"]: r for r in _rows(out, "files")}
    assert set(files) == {str(p) for p in paths}
    assert (summary.files, summary.failed) == (N_FILES + len(BAD_FILES), len(BAD_FILES))
    for name, (_, kind) in BAD_FILES.items():
        row = files[str(out.parent / "in" / name)]
        assert row["error_kind"] == kind and row["error"].startswith(str(out.parent / "in" / name) + ": ")
        assert row["documents"] == 0 and row["findings"] == 0
    good = [r for r in files.values() if r["error"] is None]
    assert len(good) == N_FILES
    assert all(r["documents"] >= 1 and r["bytes"] == os.path.getsize(r["path"]) for r in good)
    assert {r["encoding"] for r in good} >= {"utf-8", "utf-8-sig", "gb18030"}
    assert sum(r["outline_points"] for r in good) > N_FILES and sum(r["quantities"] for r in good) > N_FILES


def test_each_file_row_counts_its_findings_by_severity(archive):
    _, _, out, _ = archive
    severities: Counter = Counter((r["path"], r["severity"]) for r in _rows(out, "findings"))
    for row in _rows(out, "files"):
        assert (row["errors"], row["warnings"], row["infos"]) == tuple(
            severities[row["path"], s] for s in ("error", "warning", "info"))
        assert row["findings"] == row["errors"] + row["warnings"] + row["infos"]


def test_findings_are_partitioned_by_category(archive):
    from zongjie_nlp.checks import all_rules

    _, _, out, _ = archive
    rules = all_rules()
    folders = sorted(p.name for p in (out / "findings").iterdir())
    assert folders and all(name.startswith("category=") for name in folders)
    for folder in folders:
        rows = ds.dataset(out / "findings" / folder).to_table(columns=["rule"]).to_pylist()
        assert {rules[r["rule"]].category for r in rows} == {folder.removeprefix("category=")}


def test_a_glob_a_missing_file_and_a_file_over_the_size_limit(tmp_path, client):
    inputs = tmp_path / "in"
    write_archive(inputs, 12, seed=3, bad=False)
    (inputs / "long.txt").write_text("临江市总工会工作总结\n" + "全年新建工会组织11家。\n" * 200, encoding="utf-8")
    summary = lint_archive([str(inputs / "batch00" / "*.txt"), str(inputs / "long.txt"), str(inputs / "gone.txt")],
                           out=tmp_path / "out", client=client, config=Config(max_size_mb=0.003))
    files = {Path(r["path"]).name: r for r in _rows(tmp_path / "out", "files")}
    assert files["long.txt"]["error_kind"] == "too-large" and files["gone.txt"]["error_kind"] == "unreadable"
    assert "too large" in files["long.txt"]["error"] and "no such file" in files["gone.txt"]["error"]
    assert {n for n in files if n.startswith("summary-")} == {p.name for p in (inputs / "batch00").glob("*.txt")}
    assert summary.failed == 2
    assert json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))["files"] == len(files)


def test_the_command_runs_on_a_scheduler_and_refuses_to_overwrite(tmp_path, client):
    inputs = tmp_path / "in"
    write_archive(inputs, 5, seed=4)
    out = tmp_path / "out"
    args = ["archive", str(inputs), "--out", str(out), "--scheduler", client.scheduler.address]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("zongjie archive: 8 files (3 not checked), ") and str(out) in result.stdout
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 2
    assert again.stderr.strip().count("\n") == 0 and "not empty" in again.stderr and "--overwrite" in again.stderr
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    inside = CliRunner().invoke(main, ["archive", str(inputs), "--out", str(inputs)])
    assert inside.exit_code == 2 and "inside the output folder" in inside.stderr
    assert CliRunner().invoke(main, [*args, "--overwrite"]).exit_code == 0


def test_a_bad_scheduler_address_or_no_files_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("临江市总工会工作总结\n", encoding="utf-8")
    bad = CliRunner().invoke(main, ["archive", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                                    "--scheduler", "nonsense://host"])
    assert bad.exit_code == 2 and bad.stderr.startswith("zongjie: error: cannot connect to the Dask scheduler")
    assert bad.stderr.count("\n") == 1


def test_no_files_leaves_no_output_folder(tmp_path, client):
    (tmp_path / "in").mkdir()
    with pytest.raises(ZongjieError, match="no .txt, .md or .docx files found"):
        lint_archive(str(tmp_path / "in" / "*.txt"), out=tmp_path / "out", client=client)
    assert not (tmp_path / "out").exists()


def test_without_the_extra_the_command_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    result = CliRunner().invoke(main, ["archive", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == "zongjie: error: zongjie archive needs Dask and pyarrow: pip install 'zongjie-nlp[archive]'\n"
    assert not (tmp_path / "out").exists()


def test_the_library_and_the_command_import_dask_only_when_they_run():
    code = ("import sys, zongjie_nlp.archive, zongjie_nlp.cli.archive, zongjie_nlp.linter; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed', 'pyarrow', 'pandas'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr
