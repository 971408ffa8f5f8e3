"""Files in and out: which inputs a run covers, reading and linting one of them, and writing
outputs.

Every file the package writes (a report with ``-o``, a fixed input, a draft, an annotated
.docx, a spec, the start-up cache) goes through :func:`zongjie_nlp.atomic.write_atomically`,
so each is either wholly written or untouched, survives a crash (fsync before the rename)
and keeps its permission bits.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, Sequence

from ..atomic import write_atomically
from ..model import Finding, Report
from .config import Config, split_codes
from .run import lint_report, lint_source

if TYPE_CHECKING:
    from ..source import Source

LINT_SUFFIXES = (".txt", ".md", ".docx")


def collect_paths(inputs: Iterable[str]) -> list[str]:
    """Files named on the command line, and .txt/.md/.docx files inside named directories
    (hidden folders skipped, in sorted order so that a run is reproducible)."""
    paths: list[str] = []
    for item in inputs:
        paths.extend(walk_input(item))
    # A file named twice (itself and inside its folder) is checked, and fixed, once.
    seen: set[str] = set()
    unique = []
    for path in paths:
        key = path if path == "-" else os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def walk_input(item: str) -> Iterator[str]:
    """One input as files, one at a time: a directory walked for .txt/.md/.docx files (hidden
    folders skipped, sorted), anything else as it is.  Lazy, so that an archive of millions of
    files is never one list."""
    if item == "-" or not os.path.isdir(item):
        yield item
        return
    for root, dirs, files in os.walk(item):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(LINT_SUFFIXES):
                yield os.path.join(root, name)


def lint_path(path: str, config: Optional[Config] = None, select: Sequence[str] = (), ignore: Sequence[str] = (),
              show_verified: bool = False, stdin: Optional[dict[str, bytes]] = None,
              keep_report: bool = True, workers: int = 1,
              previous: Optional[Report] = None,
              observe: Optional[Callable[[Report], None]] = None) -> tuple[Source, Optional[Report], list[Finding]]:
    """Read, parse and check one input (``"-"``: standard input, its bytes kept in ``stdin``
    for writing fixes back), within the configured size limit: what ``zongjie-lint`` and
    ``--jobs`` workers do for each file.

    Without ``keep_report`` no report is returned, and a long input is parsed and checked a
    segment of documents at a time (the same findings; memory grows with the segment, not the
    input), in ``workers`` processes.  ``previous``: last year's summary, parsed (ZJ216);
    ``observe`` sees each segment's report (see :func:`~zongjie_nlp.linter.run.lint_source`)."""
    from ..parser import parse_source
    from ..source import read_input

    config = config or Config()
    source = read_input(path, config.max_size_mb, stdin)
    select, ignore = split_codes(select), split_codes(ignore)
    if not keep_report:
        return source, None, lint_source(source, config, select, ignore, show_verified, workers, previous, observe)
    report = parse_source(source)
    if observe is not None:
        observe(report)
    return source, report, lint_report(report, config, select, ignore, show_verified, previous)


def write_output(path: str, data: bytes) -> None:
    """:func:`write_atomically`, with a failure as a one-line :class:`~zongjie_nlp.errors.ZongjieError`."""
    from ..errors import ZongjieError

    if os.path.isdir(path):
        raise ZongjieError(f"{path}: cannot write (is a directory)")
    try:
        write_atomically(path, data)
    except OSError as err:
        raise ZongjieError(f"{path}: cannot write ({(err.strerror or str(err)).lower()})") from None


def check_output(output: str, inputs: Iterable[str]) -> None:
    """Refuse, before any work, an output that would overwrite an input (whatever the spelling:
    ``./x.txt``, a symlink, a hard link) or that cannot be written (no such folder)."""
    from ..errors import ZongjieError

    for path in inputs:
        if path != "-" and _same_file(output, path):
            raise ZongjieError(f"{output}: -o is the input file ({path}); refusing to overwrite it")
    folder = os.path.dirname(os.path.realpath(output))
    if not os.path.isdir(folder):
        raise ZongjieError(f"{output}: cannot write (no such directory: {folder})")
    if os.path.isdir(output):
        raise ZongjieError(f"{output}: cannot write (is a directory)")


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)
