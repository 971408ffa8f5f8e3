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
- The wheel ships one built for the Python and ``regex`` it was built with
  (``zongjie_nlp/_startup/``, made by ``hatch_build.py`` running :mod:`zongjie_nlp.warmup`), so
  that a fresh install (a CI job, a container, a server's first request) starts warm.  A run
  without a user file of its own starts from it when its name matches this ``regex`` and Python
  (``ZONGJIE_CACHE_DIR=off``: read, never written), then writes the user file as usual.  It
  holds what stays valid wherever the wheel is installed: patterns (keyed by source and flags;
  ``re``'s only for this engine's version) and the YAML of the installed rules folder, keyed by
  its path there, size and a digest of its contents, which the run checks before using it (an
  edited installed rule file is parsed again).  Not the Hyperscan database: it is compiled
  for the CPU of the machine that built it.
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
try:  # compile_re: Python 3.11+ (3.10's modules are sre_parse and sre_compile: it compiles as usual)
    from re import _compiler as _re_compiler, _parser as _re_parser
    from _sre import MAGIC as _SRE_MAGIC, compile as _sre_compile
except ImportError:  # pragma: no cover
    _sre_compile = _SRE_MAGIC = None

MAX_ENTRIES = 5000  # more than the package compiles: past it the cache starts afresh

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
# Where an installed wheel keeps its start-up cache, and the rules folder it was built from
# (``rules/`` installed as ``zongjie_nlp/_rules``).  Settable before the first lookup, for tests.
SHIPPED_FOLDER = os.path.join(_PACKAGE_DIR, "_startup")
SHIPPED_RULES = os.path.join(_PACKAGE_DIR, "_rules")
SHIPPED_FORMAT = 1  # the layout of the shipped file: (SHIPPED_FORMAT, entries, rules YAML)
SHIPPED_KINDS = ("regex", "re")  # entries valid wherever the wheel is installed


class _Store:
    """The cache's entries, loaded on first use and saved at exit when something was added."""

    def __init__(self) -> None:
        self.entries: Optional[dict] = None
        self.added = False
        # The shipped file's rule YAML: path relative to the rules folder -> (size, digest, data)
        self.rules_yaml: dict[str, tuple[int, bytes, Any]] = {}
        self.rules_folder = ""  # that folder, resolved as resources.rules_dir() is, ending in a separator

    def load(self) -> dict:
        if self.entries is None:
            self.entries = _read(cache_file())
            if not self.entries:  # no user file (yet, or caching is off): the wheel's, if any
                self.entries, self.rules_yaml = _read_shipped(shipped_file())
                if self.rules_yaml:
                    self.rules_folder = os.path.join(os.path.realpath(SHIPPED_RULES), "")
            atexit.register(self.save)
        return self.entries

    def shipped_yaml(self, path: str, size: int) -> tuple[bool, Any]:
        """``(True, data)`` when the shipped file holds the YAML of the rule file at ``path``
        as it is now (same size, same digest of its bytes), else ``(False, None)``."""
        if not self.rules_yaml or not path.startswith(self.rules_folder):
            return False, None
        shipped = self.rules_yaml.get(path[len(self.rules_folder):].replace(os.sep, "/"))
        if shipped is None or shipped[0] != size:
            return False, None
        with open(path, "rb") as handle:
            if content_digest(handle.read()) != shipped[1]:
                return False, None
        return True, shipped[2]

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
    return {key: value for key, value in entries.items() if key[0] != "yaml" or _unchanged(key)}


def _unchanged(yaml_key: tuple) -> bool:
    """Whether the file of a YAML entry still has the size and modification time it had."""
    try:
        stat = os.stat(yaml_key[1])
    except OSError:
        return False
    return (stat.st_size, stat.st_mtime_ns) == yaml_key[2:]


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
    # One file per installed copy of the package: two checkouts never share (and grow) one.
    install = "{:08x}".format(zlib.crc32(_PACKAGE_DIR.encode()))
    return os.path.join(folder, f"{_versions()}-{install}.pickle")


def shipped_file(folder: Optional[str] = None) -> str:
    """The start-up cache a wheel built with this ``regex`` and Python ships (in ``folder``,
    by default :data:`SHIPPED_FOLDER`); another one's is never looked at."""
    return os.path.join(folder or SHIPPED_FOLDER, f"{_versions()}.pickle")


def _versions() -> str:
    """What the file's contents depend on: ``regex``'s compiled code and Python's pickles."""
    python = "{}{}".format(*sys.version_info[:2])
    return f"startup-regex{regex.__version__}-py{python}"


def _read(path: Optional[str]) -> dict:
    if path is None:
        return {}
    try:
        with open(path, "rb") as handle:
            entries = _unpickle(handle)
    except Exception:  # absent, unreadable, torn or from an incompatible version: start afresh
        return {}
    return entries if isinstance(entries, dict) else {}


def _read_shipped(path: str) -> tuple[dict, dict]:
    """The pattern entries and rule YAML of the shipped file at ``path``; empty when it is
    absent or not laid out as :func:`write_shipped` writes it.  Only the kinds valid anywhere
    are taken, ``re``'s only for this engine."""
    try:
        with open(path, "rb") as handle:
            shipped = _unpickle(handle)
    except Exception:  # absent (a checkout, or a wheel built for another regex or Python), or damaged
        return {}, {}
    if not (isinstance(shipped, tuple) and len(shipped) == 3 and shipped[0] == SHIPPED_FORMAT
            and isinstance(shipped[1], dict) and isinstance(shipped[2], dict)):
        return {}, {}
    entries = {key: value for key, value in shipped[1].items()
               if isinstance(key, tuple) and key and key[0] in SHIPPED_KINDS
               and (key[0] != "re" or key[1] == _SRE_MAGIC)}
    return entries, shipped[2]


def write_shipped(folder: str, rules_folder: str) -> str:
    """Write what this process has in its cache, the kinds valid wherever the wheel is
    installed, as the file a wheel ships (:func:`shipped_file` in ``folder``): patterns, and
    the YAML of the files under ``rules_folder`` that are unchanged since they were parsed,
    keyed by their path relative to it, their size and a digest of their bytes.  Returns the
    path.  Run at wheel build by :mod:`zongjie_nlp.warmup`."""
    import pickle

    from .atomic import write_atomically

    entries = {key: value for key, value in _STORE.load().items() if key[0] in SHIPPED_KINDS}
    rules_yaml = {}
    folder_prefix = os.path.join(os.path.realpath(rules_folder), "")
    for key, data in _STORE.entries.items():
        if key[0] != "yaml" or not key[1].startswith(folder_prefix) or not _unchanged(key):
            continue
        with open(key[1], "rb") as handle:
            content = handle.read()
        relative = key[1][len(folder_prefix):].replace(os.sep, "/")
        rules_yaml[relative] = (len(content), content_digest(content), data)
    path = shipped_file(folder)
    os.makedirs(folder, exist_ok=True)
    write_atomically(path, pickle.dumps((SHIPPED_FORMAT, entries, rules_yaml), protocol=pickle.HIGHEST_PROTOCOL))
    return path


def content_digest(content: bytes) -> bytes:
    """A digest of a file's bytes (BLAKE2b: its module imports in a fraction of a millisecond,
    where :mod:`hashlib` loads OpenSSL)."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover (a Python built without it)
        from hashlib import blake2b
    return blake2b(content, digest_size=16).digest()


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


def load_yaml_file(path: Union[str, os.PathLike]) -> Any:
    """The YAML file at ``path`` parsed (PyYAML's C loader when available), from the cache while
    the file keeps its size and modification time.  A file that is no YAML raises
    :class:`ValueError` with PyYAML's message (so callers need not import PyYAML to catch it);
    an unreadable one :class:`OSError`."""
    path = os.fspath(path)
    stat = os.stat(path)
    return _STORE.get(("yaml", path, stat.st_size, stat.st_mtime_ns), lambda: _yaml(path, stat.st_size))


def _yaml(path: str, size: int) -> Any:
    """The YAML at ``path``: from the shipped file while the rule file is as it was built,
    else parsed."""
    shipped, data = _STORE.shipped_yaml(path, size)
    return data if shipped else _parse_yaml(path)


def _parse_yaml(path: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        try:
            return yaml.load(handle, Loader=loader)
        except yaml.YAMLError as err:
            raise ValueError(str(err)) from None
