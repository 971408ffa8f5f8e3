"""Test-wide settings.

Property tests run derandomized: CI sees the same examples on every run, so a landing is never
blocked by a random new example of an old cause.  Exploring with fresh seeds is the job of
``benchmarks/fuzz.py``; set ``HYPOTHESIS_PROFILE=explore`` to do it here."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
