"""Locate the rule data shipped with the package.

``rules/`` lives at the top of the repository (so rule authors find it) and is
installed into the wheel as ``zongjie_nlp/_rules`` (see pyproject.toml).  An
editable or source checkout reads the top-level folder directly.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    installed = _PACKAGE_DIR / "_rules"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "rules"


@lru_cache(maxsize=None)
def load_yaml(relative: str) -> Any:
    """Load ``rules/<relative>`` once per process (and from the start-up cache while the file
    is unchanged: :mod:`zongjie_nlp.cache`)."""
    from .cache import load_yaml_file

    return load_yaml_file(rules_dir() / relative)


@lru_cache(maxsize=1)
def categories() -> tuple:
    """The categories of findings, in order, from ``rules/categories.yaml``."""
    from .model import Category

    return tuple(Category(**entry) for entry in load_yaml("categories.yaml"))
