"""The files of an archive run, one at a time: named files, directories walked as
``zongjie-lint`` walks them, and glob patterns expanded lazily.

An archive may hold millions of files, more than a command line can name (so the patterns are
passed quoted and expanded here) and more than the driver should list: nothing here builds a
list of all the paths.
"""

from __future__ import annotations

import glob
import hashlib
import os
from typing import Iterable, Iterator, Optional

_GLOB_MAGIC = frozenset("*?[")


def is_glob(item: str) -> bool:
    return any(c in _GLOB_MAGIC for c in item)


def static_prefix(item: str) -> str:
    """The folder a glob pattern cannot leave (``data/2024/*.txt`` → ``data/2024``); a path is
    its own prefix."""
    if not is_glob(item):
        return item
    parts = []
    for part in item.split(os.sep):
        if is_glob(part):
            break
        parts.append(part)
    return os.sep.join(parts) or "."


def iter_paths(inputs: Iterable[str], skip_under: Optional[str] = None) -> Iterator[str]:
    """Each file of ``inputs`` once: a path as it is (a missing one is reported when read), a
    directory as :func:`~zongjie_nlp.linter.walk_input` walks it, a pattern's matches (``**``
    spans folders; a matching directory is walked too).  Files under ``skip_under`` (the output
    folder) are left out.

    A file named twice (a symlink, or in two patterns) is checked once, as ``zongjie-lint``
    does; for that the driver keeps a 64-bit key per file (about 70 bytes), the only thing
    here that grows with the archive."""
    from ..linter import walk_input

    skip = os.path.realpath(skip_under) + os.sep if skip_under else None
    seen: set[int] = set()
    for item in inputs:
        matches = glob.iglob(item, recursive=True) if is_glob(item) and not os.path.exists(item) else iter([item])
        for match in matches:
            for path in walk_input(match):
                real = os.path.realpath(path)
                if skip and (real + os.sep).startswith(skip):
                    continue
                key = int.from_bytes(hashlib.blake2b(real.encode("utf-8", "surrogateescape"), digest_size=8).digest(),
                                     "little")
                if key not in seen:
                    seen.add(key)
                    yield path

