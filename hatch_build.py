"""Wheel build hook: the wheel ships a start-up cache, so that a fresh install starts warm.

A run with an empty start-up cache (the first run of every fresh install: a CI job, a
container, a server's first request) compiles the package's patterns and parses the rules'
YAML first, about 0.25 CPU-s.  At build time the source tree does that once, in a fresh
interpreter with caching off (``python -m zongjie_nlp.warmup``), and the file it writes is
added to the wheel as ``zongjie_nlp/_startup/startup-regex<version>-py<version>.pickle``
(:mod:`zongjie_nlp.cache` says what it holds and when a run uses it).

The build never fails because of it: when the cache cannot be made (a dependency the warm-up
imports is missing, ``--no-build-isolation`` without them …) the hook prints one warning line
and the wheel is built without it.  Editable installs skip it: a checkout keeps its own cache.
The warm-up imports what ``[build-system] requires`` lists besides hatchling.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile
from typing import Any

try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # imported by the tests, where hatchling need not be installed
    BuildHookInterface = object  # type: ignore[assignment,misc]

WARM_UP_SECONDS = 600


class StartupCacheError(Exception):
    """Why the start-up cache was not made (one line)."""


def build_startup_cache(root: str, folder: str) -> str:
    """Run the warm-up of the source tree at ``root`` in a fresh interpreter and return the
    path of the start-up cache it wrote into ``folder``; :class:`StartupCacheError` when it
    could not.  Caching is off in that run, so nothing is read from or written to the user's
    cache folder, and no bytecode is written into the tree."""
    # (``PYTHONPATH`` is kept: pip's isolated build environment is on it.  The tree goes first,
    # as ``-m`` run in ``root`` would put it, also where PYTHONSAFEPATH leaves that out.)
    env = {**os.environ, "ZONGJIE_CACHE_DIR": "off", "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    try:
        done = subprocess.run([sys.executable, "-m", "zongjie_nlp.warmup", folder], cwd=root, env=env,
                              capture_output=True, text=True, timeout=WARM_UP_SECONDS)
    except (OSError, subprocess.SubprocessError) as err:
        raise StartupCacheError(str(err).splitlines()[0] if str(err) else type(err).__name__) from None
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
        raise StartupCacheError(lines[-1])
    written = glob.glob(os.path.join(folder, "startup-*.pickle"))
    if len(written) != 1:
        raise StartupCacheError(f"the warm-up wrote {len(written)} cache files")
    return written[0]


class CustomBuildHook(BuildHookInterface):  # type: ignore[misc,valid-type]
    """Adds the start-up cache to a (non-editable) wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._folder = None
        if self.target_name != "wheel" or version == "editable":
            return
        self._folder = tempfile.mkdtemp(prefix="zongjie-startup-")
        try:
            path = build_startup_cache(self.root, self._folder)
        except Exception as err:  # never fail the build: a wheel without the cache still works
            self.app.display_warning(f"zongjie-nlp: building the wheel without its start-up cache ({err})")
            return
        build_data["force_include"][path] = f"zongjie_nlp/_startup/{os.path.basename(path)}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
