"""What one run works out that the next can reuse: compiled regular expressions, loaded YAML
and other work done once (:func:`remember`), kept in one file in the user's cache folder.

Why: a cold ``zongjie-lint`` spent about half of its time before reading the input, most of
it compiling the package's ~330 ``regex`` patterns (the module parses patterns in Python)
and loading its YAML files.  ``regex`` pickles a compiled pattern together with its compiled
code (it registers that with ``copyreg`` itself), so a pattern comes back from the cache
without being parsed again; parsed YAML comes back as plain data.  The few patterns compiled by
the standard library's ``re`` (:func:`compile_re`) keep their compiled code the same way.

- A pattern is keyed by its source and flags (and ``re``'s by its engine's version), so an
  edited pattern is compiled afresh; the file is named by the versions its contents depend on
  (``regex``'s compiled code, Python's pickles), so an upgrade starts a new one.  YAML is keyed by the file's path, size and
  modification time: an edited rule file is read again.
- It is written once, at exit, only when the run added something, and atomically: parallel
  workers (``--jobs``) or an interrupted run never leave a torn file.  A file that cannot be
  read is ignored and replaced.
- Where it lives: ``$ZONGJIE_CACHE_DIR``, else ``$XDG_CACHE_HOME/zongjie_nlp``, else
  ``~/.cache/zongjie_nlp``.  ``ZONGJIE_CACHE_DIR=off`` turns it off.  Like Python's own
  ``__pycache__``, the file is trusted as the user's own: it is loaded with :mod:`pickle`.
"""

from __future__ import annotations

import atexit
import os
import re
import sys
import zlib
from typing import Any, Callable, Optional, Union

import regex

try:  # the C unpickler alone: the ``pickle`` module around it costs a cold run ~1 ms to import,
    from _pickle import load as _unpickle  # and only a run that adds entries writes the file
except ImportError:  # pragma: no cover (a Python without the C accelerator)
    from pickle import load as _unpickle

MAX_ENTRIES = 5000  # more than the package compiles: past it the cache starts afresh


class _Store:
    """The cache's entries, loaded on first use and saved at exit when something was added."""

    def __init__(self) -> None:
        self.entries: Optional[dict] = None
        self.added = False

    def load(self) -> dict:
        if self.entries is None:
            self.entries = _read(cache_file())
            atexit.register(self.save)
        return self.entries

    def get(self, key: tuple, make: Callable[[], Any]) -> Any:
        entries = self.load()
        if key not in entries:  # (not ``get() is None``: an empty YAML file parses to None)
            entries[key] = make()
            self.added = True
        return entries[key]

    def save(self) -> None:
        path = cache_file()
        if not self.added or path is None or self.entries is None:
            return
        entries = _current(self.entries) if len(self.entries) <= MAX_ENTRIES else {}
        import pickle

        try:
            from .atomic import write_atomically

            os.makedirs(os.path.dirname(path), exist_ok=True)
            write_atomically(path, pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
            self.added = False
        except (OSError, pickle.PicklingError):
            pass  # a cache that cannot be written only costs the next run its start-up time


_STORE = _Store()


def _current(entries: dict) -> dict:
    """The entries without YAML of a file that has since changed or gone (an edited user
    rule file would otherwise leave one stale entry per edit)."""
    def fresh(key: tuple) -> bool:
        if key[0] != "yaml":
            return True
        try:
            stat = os.stat(key[1])
        except OSError:
            return False
        return (stat.st_size, stat.st_mtime_ns) == key[2:]

    return {key: value for key, value in entries.items() if fresh(key)}


def cache_folder() -> Optional[str]:
    """The user's cache folder for the package, or None when caching is off."""
    folder = os.environ.get("ZONGJIE_CACHE_DIR")
    if folder is not None and folder.strip().lower() in ("", "off", "0", "no"):
        return None
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "zongjie_nlp")
    return folder


def cache_file() -> Optional[str]:
    """The cache file for this ``regex`` and Python, or None when caching is off."""
    folder = cache_folder()
    if folder is None:
        return None
    python = "{}{}".format(*sys.version_info[:2])
    # One file per installed copy of the package: two checkouts never share (and grow) one.
    install = "{:08x}".format(zlib.crc32(os.path.dirname(os.path.abspath(__file__)).encode()))
    return os.path.join(folder, f"startup-regex{regex.__version__}-py{python}-{install}.pickle")


def _read(path: Optional[str]) -> dict:
    if path is None:
        return {}
    try:
        with open(path, "rb") as handle:
            entries = _unpickle(handle)
    except Exception:  # absent, unreadable, torn or from an incompatible version: start afresh
        return {}
    return entries if isinstance(entries, dict) else {}


def remember(key: tuple, make: Callable[[], Any]) -> Any:
    """``make()``, kept in the cache under ``key`` (a tuple of plain values naming what was made
    from what, its first item the kind: ``("hyperscan", version, patterns)``)."""
    return _STORE.get(key, make)


def compile_regex(source: str, flags: int = 0) -> regex.Pattern:
    """``regex.compile(source, flags)``, from the cache when an earlier run compiled it."""
    return _STORE.get(("regex", source, flags), lambda: regex.compile(source, flags))


def compile_re(source: str, flags: int = 0) -> re.Pattern:
    """``re.compile(source, flags)``, its compiled code from the cache when an earlier run
    compiled it: for the patterns the standard library's engine scans faster than ``regex``
    (single characters, short alternations searched over long texts).

    Why: ``re`` parses and compiles a pattern in Python (a character class of a few ranges
    costs a cold run half a millisecond).  What it hands its C engine is plain data (a list of
    ints and the group names), kept here and handed over as ``re.compile`` itself does; the key
    holds the engine's version of that code."""
    if _sre_compile is None:  # pragma: no cover (a Python whose ``re`` is laid out otherwise)
        return re.compile(source, flags)
    compiled = _STORE.get(("re", _SRE_MAGIC, source, flags), lambda: _sre_code(source, flags))
    return _sre_compile(source, *compiled)


def _sre_code(source: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` passes ``_sre.compile`` after the pattern itself."""
    parsed = _re_parser.parse(source, flags)
    code = [int(op) for op in _re_compiler._code(parsed, flags)]  # (its opcodes are int subclasses)
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


try:  # Python 3.11+ (3.10's modules are sre_parse and sre_compile: it compiles as usual)
    from re import _compiler as _re_compiler, _parser as _re_parser
    from _sre import MAGIC as _SRE_MAGIC, compile as _sre_compile
except ImportError:  # pragma: no cover
    _sre_compile = None


def load_yaml_file(path: Union[str, os.PathLike]) -> Any:
    """The YAML file at ``path`` parsed (PyYAML's C loader when available), from the cache while
    the file keeps its size and modification time.  A file that is no YAML raises
    :class:`ValueError` with PyYAML's message (so callers need not import PyYAML to catch it);
    an unreadable one :class:`OSError`."""
    path = os.fspath(path)
    stat = os.stat(path)
    return _STORE.get(("yaml", path, stat.st_size, stat.st_mtime_ns), lambda: _parse_yaml(path))


def _parse_yaml(path: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        try:
            return yaml.load(handle, Loader=loader)
        except yaml.YAMLError as err:
            raise ValueError(str(err)) from None
