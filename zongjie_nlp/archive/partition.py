"""What a worker does with one partition of paths: lint each file with the linter's own
single-file path, count what its parse found, and write the partition's rows as Parquet.

Two datasets come out of each partition, under the run's output folder:

- ``findings/category=<category>/<part>.parquet``: one row per finding (hive-partitioned by
  category, so a reader can take one family of rules without reading the others);
- ``files/<part>.parquet``: one row per file, its parse statistics, its findings by severity,
  and, for a file that could not be checked, its ``error`` (never a crashed job).

``<part>`` is a hash of the partition's paths, so a task that the scheduler runs again writes the
same names, and each file is written to a hidden temporary name first and renamed (a reader
never sees half a file).  The partition returns only its counts to the driver.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from ..linter import Config
from ..model import Finding, OutlineNode, Report


@dataclass(frozen=True)
class Settings:
    """What every partition needs: where to write, and the linter's options (sent once with the
    task graph)."""

    out: str  # absolute path of the output folder, as the workers see it
    config: Config = field(default_factory=Config)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    show_verified: bool = False  # also write the relations that check out as finding rows


@dataclass
class ParseStats:
    """What the parse of one file found, added up over its segments (see
    :func:`zongjie_nlp.linter.lint_source`'s ``observe``)."""

    documents: int = 0
    genres: list[str] = field(default_factory=list)
    outline_points: int = 0
    outline_depth: int = 0
    quantities: int = 0
    tables: int = 0
    script: Optional[str] = None
    norm: Optional[str] = None

    def add(self, report: Report) -> None:
        self.script, self.norm, self.tables = report.script, report.norm, len(report.tables)
        for doc in report.documents:
            self.documents += 1
            if doc.genre not in self.genres:
                self.genres.append(doc.genre)
            self.quantities += len(doc.quantities)
            # the body's outline, and each annex's and glossary's (they number their own points)
            self.outline_points += sum(1 for _ in doc.nodes())
            for _, _, outline in doc.outlines():
                self.outline_depth = max(self.outline_depth, _depth(outline))


def _depth(nodes: Sequence[OutlineNode]) -> int:
    return max((1 + _depth(n.children) for n in nodes), default=0)


# How a file that could not be checked failed, from the linter's one-line error (checked in order).
_ERROR_KINDS = (
    ("internal error", "internal"),
    ("too large", "too-large"),
    ("file is empty", "empty"),
    ("not a text file", "binary"),
    ("cannot detect the text encoding", "undecodable"),
    ("byte-order mark", "undecodable"),
    (".docx", "invalid-docx"),
)


def error_kind(message: str) -> str:
    """``too-large``, ``empty``, ``binary``, ``undecodable``, ``invalid-docx``, ``internal`` or
    ``unreadable`` (no such file, permission denied, a directory …)."""
    return next((kind for cue, kind in _ERROR_KINDS if cue in message), "unreadable")


FINDING_COLUMNS = ("path", "rule", "severity", "line", "column", "end_line", "end_column", "start", "end",
                   "message", "fixable", "fix", "fix_applicability", "occurrences", "verified")
FILE_COLUMNS = ("path", "bytes", "encoding", "script", "norm", "documents", "genres", "outline_points",
                "outline_depth", "quantities", "tables", "verified_relations", "findings", "errors", "warnings",
                "infos", "seconds", "error", "error_kind")


def lint_partition(paths: list[str], settings: Settings) -> list[dict[str, Any]]:
    """Lint ``paths``, write their rows, and return ``[counts]`` (a list: a bag partition's
    result is concatenated with the others)."""
    findings: dict[str, dict[str, list]] = {}  # category → columns
    files: dict[str, list] = {name: [] for name in FILE_COLUMNS}
    counts = {"files": 0, "failed": 0, "findings": 0, "verified": 0, "bytes": 0}
    for path in paths:
        row, kept = _lint_file(path, settings)
        for name in FILE_COLUMNS:
            files[name].append(row[name])
        for f in kept:
            _add_finding(findings.setdefault(f.category, {name: [] for name in FINDING_COLUMNS}), f)
        counts["files"] += 1
        counts["failed"] += row["error"] is not None
        counts["findings"] += row["findings"]
        counts["verified"] += row["verified_relations"]
        counts["bytes"] += row["bytes"] or 0
    part = "part-" + hashlib.blake2b("\n".join(paths).encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
    _write(files, file_schema(), os.path.join(settings.out, "files", part + ".parquet"))
    for category, columns in findings.items():
        folder = os.path.join(settings.out, "findings", f"category={category}")
        _write(columns, finding_schema(), os.path.join(folder, part + ".parquet"))
    return [counts]


def _lint_file(path: str, settings: Settings) -> tuple[dict[str, Any], list[Finding]]:
    """One file's row and the findings to write.  The relations that check out are always asked
    for (their count is a statistic) and written as rows only with ``show_verified``."""
    from ..linter import lint_one

    stats = ParseStats()
    began = time.perf_counter()
    result = lint_one(path, settings.config, settings.select, settings.ignore, show_verified=True, keep="none",
                      observe=stats.add)
    seconds = time.perf_counter() - began
    try:
        size: Optional[int] = os.path.getsize(path)
    except OSError:
        size = None
    problems = result.problems
    row = {
        "path": path, "bytes": size, "encoding": result.encoding, "script": stats.script, "norm": stats.norm,
        "documents": stats.documents, "genres": stats.genres, "outline_points": stats.outline_points,
        "outline_depth": stats.outline_depth, "quantities": stats.quantities, "tables": stats.tables,
        "verified_relations": len(result.findings) - len(problems), "findings": len(problems),
        "errors": sum(f.severity == "error" for f in problems),
        "warnings": sum(f.severity == "warning" for f in problems),
        "infos": sum(f.severity == "info" for f in problems),
        "seconds": round(seconds, 6), "error": result.error,
        "error_kind": error_kind(result.error) if result.error is not None else None,
    }
    return row, list(result.findings) if settings.show_verified else problems


def _add_finding(columns: dict[str, list], f: Finding) -> None:
    values = (f.path, f.rule, f.severity, f.line, f.col, f.end_line, f.end_col, f.start, f.end, f.message,
              f.has_safe_fix(), f.fix.replacement if f.fix else None, f.fix.applicability if f.fix else None,
              len(f.occurrences), f.verified)
    for name, value in zip(FINDING_COLUMNS, values):
        columns[name].append(value)


def finding_schema():
    """The columns of ``findings/`` (``category`` is the folder: ``category=<name>``)."""
    import pyarrow as pa

    return pa.schema([
        ("path", pa.string()), ("rule", pa.string()), ("severity", pa.string()),
        ("line", pa.int32()), ("column", pa.int32()), ("end_line", pa.int32()), ("end_column", pa.int32()),
        ("start", pa.int64()), ("end", pa.int64()), ("message", pa.string()),
        ("fixable", pa.bool_()), ("fix", pa.string()), ("fix_applicability", pa.string()),
        ("occurrences", pa.int32()), ("verified", pa.bool_()),
    ])


def file_schema():
    """The columns of ``files/``: one row per input, checked or not."""
    import pyarrow as pa

    return pa.schema([
        ("path", pa.string()), ("bytes", pa.int64()), ("encoding", pa.string()), ("script", pa.string()),
        ("norm", pa.string()), ("documents", pa.int32()), ("genres", pa.list_(pa.string())),
        ("outline_points", pa.int32()), ("outline_depth", pa.int32()), ("quantities", pa.int32()),
        ("tables", pa.int32()), ("verified_relations", pa.int32()), ("findings", pa.int32()),
        ("errors", pa.int32()), ("warnings", pa.int32()), ("infos", pa.int32()), ("seconds", pa.float64()),
        ("error", pa.string()), ("error_kind", pa.string()),
    ])


def _write(columns: dict[str, list], schema, target: str) -> None:
    """Write one Parquet file whole or not at all (:func:`~zongjie_nlp.atomic.write_atomically`:
    a hidden temporary name, which readers skip, then renamed)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..atomic import write_atomically

    os.makedirs(os.path.dirname(target), exist_ok=True)
    table = pa.Table.from_pydict({n: columns[n] for n in schema.names}, schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    write_atomically(target, sink.getvalue().to_pybytes())
