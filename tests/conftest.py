"""Test-wide settings.

The start-up cache (zongjie_nlp.cache) goes to a folder of this test session, never to the
user's own cache: the tests (and the commands they start) see a cold cache first.

Property tests run derandomized: CI sees the same examples on every run, so a landing is never
blocked by a random new example of an old cause.  Exploring with fresh seeds is the job of
``benchmarks/fuzz.py``; set ``HYPOTHESIS_PROFILE=explore`` to do it here."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

from hypothesis import settings

os.environ["ZONGJIE_CACHE_DIR"] = tempfile.mkdtemp(prefix="zongjie-test-cache-")
atexit.register(shutil.rmtree, os.environ["ZONGJIE_CACHE_DIR"], ignore_errors=True)

settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
