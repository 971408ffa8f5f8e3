"""Locate the rule data shipped with the package.

``rules/`` lives at the top of the repository (so rule authors find it) and is
installed into the wheel as ``zongjie_nlp/_rules`` (see pyproject.toml).  An
editable or source checkout reads the top-level folder directly.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

# Paths are plain strings here and in the start-up path (pathlib costs the cold start ~6 ms).
_PACKAGE_DIR = os.path.dirname(os.path.realpath(__file__))


@lru_cache(maxsize=1)
def rules_dir() -> str:
    """The folder of the rule data (a path string)."""
    installed = os.path.join(_PACKAGE_DIR, "_rules")
    if os.path.isdir(installed):
        return installed
    return os.path.join(os.path.dirname(_PACKAGE_DIR), "rules")


@lru_cache(maxsize=None)
def load_yaml(relative: str) -> Any:
    """Load ``rules/<relative>`` once per process (and from the start-up cache while the file
    is unchanged: :mod:`zongjie_nlp.cache`)."""
    from .cache import load_yaml_file

    return load_yaml_file(os.path.join(rules_dir(), relative))


@lru_cache(maxsize=1)
def categories() -> tuple:
    """The categories of findings, in order, from ``rules/categories.yaml``."""
    from .model import Category

    return tuple(Category(**entry) for entry in load_yaml("categories.yaml"))
