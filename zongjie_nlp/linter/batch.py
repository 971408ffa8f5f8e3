"""Linting many files: results in input order, in one process or several.

``zongjie-lint DIR --jobs N`` hands each file to a worker of a
:class:`concurrent.futures.ProcessPoolExecutor`; ``Executor.map`` yields the results in
the order of the inputs, so the output is the same whatever N is.  A worker parses and
lints one file and sends back a :class:`FileResult` (the frozen findings, and the text or
the whole report only when the caller needs them); the parent prints.

On Linux the workers are forked after the rules and checks are loaded, so a worker
starts at once instead of importing everything again.
"""

from __future__ import annotations

import os
from typing import Callable, Iterator, NamedTuple, Optional, Sequence

from ..model import Finding, Report
from .segments import fork_context


class FileResult(NamedTuple):
    """One input: its findings, or the error that kept it from being checked."""

    path: str  # as given on the command line
    findings: tuple[Finding, ...] = ()
    error: Optional[str] = None
    name: Optional[str] = None  # report.path: the name findings carry ("<stdin>" for '-')
    text: Optional[str] = None  # report.text (for the source lines of the text format)
    encoding: Optional[str] = None
    report: Optional[Report] = None  # only with keep="report"

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if not f.verified]


def lint_one(path: str, config, select=(), ignore=(), show_verified: bool = False,
             keep: str = "text", stdin: Optional[dict[str, bytes]] = None, workers: int = 1,
             previous: Optional[Report] = None,
             observe: Optional[Callable[[Report], None]] = None) -> FileResult:
    """Parse and lint one file; a :class:`~zongjie_nlp.errors.ZongjieError` becomes ``error``.

    ``keep`` is what to send back besides the findings: ``"report"``, ``"text"`` or
    ``"none"`` (less to pickle between processes); ``stdin`` keeps the bytes read for ``"-"``;
    ``workers``: processes that may check the segments of a long file; ``previous``: last
    year's summary, parsed, to check the file against (ZJ216); ``observe``: called with each
    report parsed (a segment's, or the whole one with ``keep="report"``)."""
    from ..errors import ZongjieError
    from .files import lint_path

    try:
        source, report, findings = lint_path(path, config, select, ignore, show_verified, stdin,
                                             keep_report=keep == "report", workers=workers, previous=previous,
                                             observe=observe)
    except ZongjieError as err:
        return FileResult(path, error=str(err))
    except Exception as err:  # a bug on one input must not abort the batch
        return FileResult(path, error=internal_error(path, err))
    return FileResult(
        path,
        tuple(findings),
        name=source.path,
        text=source.text if keep in ("text", "report") else None,
        encoding=source.encoding,
        report=report if keep == "report" else None,
    )


def internal_error(path: str, err: BaseException) -> str:
    """The one-line report of an unexpected exception on one input (a bug to report): the
    file is marked not checked and the run goes on with the others."""
    detail = " ".join(f"{type(err).__name__}: {err}".split())
    if len(detail) > 200:
        detail = detail[:199] + "…"
    name = "<stdin>" if path == "-" else path
    return f"{name}: not checked: internal error ({detail}); please report it"


def _work(args) -> FileResult:
    return lint_one(*args)


def _warm_up() -> None:
    """Load the parser, the rules and the checks (and their imports) once, before forking."""
    import importlib

    from ..checks import all_rules, logic_checks

    importlib.import_module("..parser", __package__)
    all_rules()
    logic_checks()


# With ``--jobs 0`` (the default), inputs smaller than this together are checked in this
# process: starting workers costs more than a few small files take.
AUTO_PARALLEL_BYTES = 1_000_000


def processes(jobs: int, paths: Sequence[str]) -> int:
    """How many processes a run may use: ``jobs``, or with ``0`` one per CPU when the inputs
    are large enough to pay for the workers."""
    if jobs > 0:
        return jobs
    if _total_size(paths) < AUTO_PARALLEL_BYTES:
        return 1
    return os.cpu_count() or 1


def _total_size(paths: Sequence[str]) -> int:
    total = 0
    for path in paths:
        if path == "-":
            return AUTO_PARALLEL_BYTES  # unknown until read: let a long input use the CPUs
        try:
            total += os.path.getsize(path)
        except OSError:
            pass  # reported when the file is read
    return total


def effective_jobs(jobs: int, n_files: int) -> int:
    """Processes for ``n_files`` files: never more than the files (``jobs`` >= 1)."""
    return max(1, min(jobs, n_files))


def lint_files(paths: Sequence[str], config, select=(), ignore=(), show_verified: bool = False,
               jobs: int = 1, keep: str = "text", stdin: Optional[dict[str, bytes]] = None,
               previous: Optional[Report] = None) -> Iterator[FileResult]:
    """Lint ``paths`` and yield one :class:`FileResult` per path, in input order (``stdin``:
    where the bytes read for ``"-"`` are kept, for writing fixes back; ``previous``: last
    year's summary, parsed, which each file is also checked against)."""
    workers = processes(jobs, paths)
    jobs = effective_jobs(workers, len(paths))
    if jobs == 1 or "-" in paths:  # stdin can only be read by this process
        for path in paths:  # the segments of a long file may still be checked in several processes
            yield lint_one(path, config, select, ignore, show_verified, keep, stdin, workers=workers, previous=previous)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _warm_up()
    args = [(path, config, tuple(select), tuple(ignore), show_verified, keep, None, 1, previous) for path in paths]
    # Small chunks keep the progress bar moving and the load balanced; files are
    # independent, so a chunk of a few files costs one round trip instead of several.
    chunksize = max(1, min(8, len(paths) // (jobs * 8)))
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=fork_context())
    done = 0
    try:
        for result in pool.map(_work, args, chunksize=chunksize):
            done += 1
            yield result
    except BrokenProcessPool as err:
        # a worker died (killed, out of memory): the files not yet reported get one error each
        pool.shutdown(wait=False, cancel_futures=True)
        for path in paths[done:]:
            yield FileResult(path, error=internal_error(path, err))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        pool.shutdown(wait=True)


# --------------------------------------------------------------------------- summaries


def _plural(n: int, word: str, plural: Optional[str] = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _breakdown(findings: list[Finding]) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    return (f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, "
            f"{counts['info']} info")


def summary_line(result: FileResult) -> str:
    """``path: 12 problems (3 errors, 7 warnings, 2 info)``."""
    name = result.name or result.path
    if result.error is not None:
        return f"{name}: not checked ({result.error})"
    problems = result.problems
    line = f"{name}: {_plural(len(problems), 'problem')}"
    if problems:
        line += f" ({_breakdown(problems)})"
    verified = len(result.findings) - len(problems)
    if verified:
        line += f"; {_plural(verified, 'relation')} verified"
    return line


def summary_lines(results: Sequence[FileResult]) -> list[str]:
    """One line per file, then ``Total: 3 files, 40 problems (…)``."""
    lines = [summary_line(r) for r in results]
    problems = [f for r in results for f in r.problems]
    total = f"Total: {_plural(len(results), 'file')}, {_plural(len(problems), 'problem')}"
    if problems:
        total += f" ({_breakdown(problems)})"
    failed = sum(1 for r in results if r.error is not None)
    if failed:
        total += f"; {failed} not checked"
    lines.append(total)
    return lines
