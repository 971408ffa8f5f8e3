"""The driver of an archive run: the output folder, the cluster, and the files sent to it in
waves.

The paths are read from the inputs lazily and sent as Dask bags of a bounded size (a wave:
a few partitions per worker thread), the next wave queued while one runs, so the scheduler
is never idle between waves and neither the driver nor the task graph ever holds the whole
archive.  Each partition is linted and written in a worker
(:func:`~zongjie_nlp.archive.partition.lint_partition`); only its counts come back.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections import deque
from itertools import islice
from dataclasses import asdict, dataclass
from typing import Any, Iterable, Optional, Union

from ..errors import ZongjieError
from ..linter import Config
from .inputs import iter_paths, static_prefix
from .partition import Settings, lint_partition

# Files per partition: one task, one Parquet file per dataset.  Large enough that a task's
# overhead (a few milliseconds) and the number of small files stay low, small enough to spread
# a thousand files over a few workers.
PARTITION_SIZE = 100

# Partitions per worker thread in one wave.
WAVE_PER_THREAD = 4

INSTALL_HINT = "zongjie archive needs Dask and pyarrow: pip install 'zongjie-nlp[archive]'"

# What the run writes in the output folder; --overwrite removes these and nothing else.
OWN_ENTRIES = ("findings", "files", "summary.json")


@dataclass(frozen=True)
class ArchiveSummary:
    """What a run did: how many files, how many could not be checked, how many findings
    (``seconds`` from the first wave to the last, the cluster's start not counted; ``workers``:
    the most worker threads the run saw)."""

    out: str
    files: int
    failed: int
    findings: int
    verified: int
    bytes: int
    seconds: float
    workers: int

    def line(self) -> str:
        """One line for the command line: ``1000 files (3 not checked), 4213 findings in 12.3 s …``."""
        failed = f" ({self.failed} not checked)" if self.failed else ""
        rate = self.files / self.seconds if self.seconds else 0.0
        mb = self.bytes / 1e6
        return (f"{_plural(self.files, 'file')}{failed}, {_plural(self.findings, 'finding')}, "
                f"{_plural(self.verified, 'relation')} verified; "
                f"{self.seconds:.1f} s on {self.workers} workers ({rate:.1f} files/s, "
                f"{mb / self.seconds if self.seconds else 0.0:.2f} MB/s) → {self.out}")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def lint_archive(
    paths_or_glob: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]],
    out: Union[str, os.PathLike] = "findings.parquet",
    client: Any = None,
    select: Union[str, Iterable[str]] = (),
    ignore: Union[str, Iterable[str]] = (),
    norm: Optional[str] = None,
    genre: Optional[str] = None,
    partition_size: int = PARTITION_SIZE,
    workers: Optional[int] = None,
    config: Optional[Config] = None,
    show_verified: bool = False,
    overwrite: bool = False,
) -> ArchiveSummary:
    """Lint every file of ``paths_or_glob`` (paths, directories, glob patterns) on a Dask cluster
    and write ``findings/`` and ``files/`` (Parquet datasets) and ``summary.json`` in ``out``.

    ``client``: a :class:`distributed.Client` to run on; without one a local cluster of
    ``workers`` processes (default: one per CPU) with one thread each is started and closed.
    ``out`` must be a folder the workers can write to, and empty unless ``overwrite`` (which
    removes the datasets of an earlier run, nothing else).  ``select``, ``ignore``, ``norm``
    and ``genre`` are ``zongjie-lint``'s options; ``config`` defaults to the working folder's."""
    inputs = _inputs(paths_or_glob)
    bag_module, distributed = require_dask()
    from ..linter import find_config

    select, ignore = _selectors(select), _selectors(ignore)
    config = (config or find_config()).overridden(genre=genre, norm=norm)
    out = prepare_out(os.fspath(out), inputs, overwrite)
    settings = Settings(out, config, select, ignore, show_verified)

    cluster = None
    if client is None:
        cluster = distributed.LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                           processes=True, dashboard_address=None,
                                           silence_logs=logging.ERROR)
        client = distributed.Client(cluster)
    began = time.perf_counter()
    try:
        totals = _run_waves(client, bag_module, iter_paths(inputs, skip_under=out), settings, partition_size)
    finally:
        if cluster is not None:
            client.close()
            cluster.close()
    if not totals["files"]:
        _remove_empty(out)  # nothing written: leave no folder that a second try would refuse
        raise ZongjieError("no .txt, .md or .docx files found in the given inputs")
    summary = ArchiveSummary(out=out, seconds=round(time.perf_counter() - began, 3), **totals)
    from ..atomic import write_atomically

    write_atomically(os.path.join(out, "summary.json"),
                     (json.dumps({**asdict(summary), "inputs": inputs}, ensure_ascii=False, indent=1) + "\n").encode())
    return summary


def _selectors(value: Union[str, Iterable[str]]) -> tuple[str, ...]:
    """``"ZJ2,ZJ4"`` or ``["ZJ2", "ZJ4"]`` as a tuple (a str is one selector, not its letters)."""
    return (value,) if isinstance(value, str) else tuple(value)


def _inputs(paths_or_glob) -> list[str]:
    items = [paths_or_glob] if isinstance(paths_or_glob, (str, os.PathLike)) else list(paths_or_glob)
    inputs = [os.fspath(item) for item in items]
    if not inputs:
        raise ZongjieError("no inputs (give paths, directories or quoted glob patterns)")
    if "-" in inputs:
        raise ZongjieError("standard input cannot be archived (the workers read the files themselves)")
    return inputs


def require_dask():
    """``dask.bag`` and ``distributed``, or a one-line error saying how to install them."""
    from importlib import import_module

    try:
        bag_module = import_module("dask.bag")
        distributed = import_module("distributed")
        import_module("pyarrow.parquet")  # the workers write with it: checked here, before any work
    except ImportError:
        raise ZongjieError(INSTALL_HINT) from None
    return bag_module, distributed


def prepare_out(out: str, inputs: list[str], overwrite: bool) -> str:
    """The output folder, absolute and created.  Refuses a non-empty one unless ``overwrite``,
    and an input inside it (overwriting would remove it)."""
    out = os.path.abspath(out)
    if os.path.exists(out) and not os.path.isdir(out):
        raise ZongjieError(f"{out}: --out must be a folder (a file of that name exists)")
    real = os.path.realpath(out) + os.sep
    for item in inputs:
        if (os.path.realpath(static_prefix(item)) + os.sep).startswith(real):
            raise ZongjieError(f"{item}: the input is inside the output folder {out}; choose another --out")
    if os.path.isdir(out) and os.listdir(out):
        if not overwrite:
            raise ZongjieError(f"{out}: the output folder is not empty (pass --overwrite to replace an earlier run)")
        for entry in OWN_ENTRIES:
            path = os.path.join(out, entry)
            if os.path.isdir(path):
                shutil.rmtree(path)
            elif os.path.exists(path):
                os.remove(path)
    for dataset in ("findings", "files"):
        os.makedirs(os.path.join(out, dataset), exist_ok=True)
    return out


def _remove_empty(out: str) -> None:
    for folder in (os.path.join(out, "findings"), os.path.join(out, "files"), out):
        try:
            os.rmdir(folder)  # only if empty
        except OSError:
            pass


def _run_waves(client, bag_module, paths: Iterable[str], settings: Settings, partition_size: int) -> dict[str, int]:
    """Send the paths as bags of a few partitions per worker thread, keeping one wave queued
    behind the one running, and add up the partitions' counts (and the most worker threads
    seen: on a batch system workers join while the run goes on, so each wave is sized anew)."""
    totals = {"files": 0, "failed": 0, "findings": 0, "verified": 0, "bytes": 0, "workers": 0}
    pending: deque = deque()
    paths = iter(paths)

    def collect() -> None:
        try:
            counts = pending.popleft().result()
        except Exception as err:  # a worker died (out of memory, killed): say so in one line
            detail = " ".join(f"{type(err).__name__}: {err}".split())[:300]
            raise ZongjieError(f"a task failed on the cluster ({detail}); the partitions written so far "
                               f"are in {settings.out}") from None
        for part in counts:
            for key in part:
                totals[key] += part[key]

    while True:
        threads = sum(client.nthreads().values()) or 1
        totals["workers"] = max(totals["workers"], threads)
        wave = list(islice(paths, partition_size * WAVE_PER_THREAD * threads))
        if not wave:
            break
        bag = bag_module.from_sequence(wave, partition_size=partition_size)
        pending.append(client.compute(bag.map_partitions(lint_partition, settings)))
        if len(pending) > 1:
            collect()
    while pending:
        collect()
    return totals
