"""The one way the package writes a file: wholly or not at all.

It lives at the bottom of the package (it imports nothing of ours) because writers on every
layer use it: the linter (``-o``, ``--fix``), the formats (``--annotate``), drafting, and the
start-up cache.
"""

from __future__ import annotations

import os


def write_atomically(path: str, data: bytes, keep_mode: bool = True) -> None:
    """Write ``data`` to ``path`` so that it is either wholly written or untouched: a temporary
    file in the same folder, flushed and fsynced, then renamed over the target (``os.replace``).

    A symlink is followed (its target is rewritten, the link stays); an existing file keeps
    its permission bits; a new file gets the usual ``0o666 & ~umask``.  Errors are
    :class:`OSError` with the folder's reason (the callers word them)."""
    import stat
    import tempfile

    target = os.path.realpath(path)
    directory = os.path.dirname(target)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode) if keep_mode else None
    except FileNotFoundError:
        mode = None
    if mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=".zongjie-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
