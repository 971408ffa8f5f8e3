"""The linter as a library: configuration, suppression, fixes, files and batches.

Nothing here imports click or prints: the command line (:mod:`zongjie_nlp.cli`) calls these
functions and prints what they return, and ``zongjie_nlp.check()`` uses the same
:func:`lint_report`, so the library and the command line cannot drift apart.

- :mod:`.config`: ``Config``, ``find_config``, the rule selectors;
- :mod:`.suppression`: ``zongjie: ignore[…]`` directives;
- :mod:`.run`: ``lint_report`` (checks → suppression → threshold → the document's script);
- :mod:`.files`: ``collect_paths``, ``lint_path``, ``write_atomically`` and its callers;
- :mod:`.fixes`: fix edits, and writing them back in the file's encoding and line endings;
- :mod:`.batch`: many files, in one process or several (``--jobs``).

The public names below are imported from their module on first use (PEP 562): a run of
``zongjie-lint`` without ``--fix`` never loads :mod:`.fixes`, and the modules import the
parser and the checks inside their functions, so importing this package stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

# The public names, by the module that defines them.
_PUBLIC: dict[str, tuple[str, ...]] = {
    "config": ("CONFIG_KEYS", "Config", "find_config", "split_codes", "unknown_selectors"),
    "suppression": ("DIRECTIVE", "apply_suppression", "suppressed_lines"),
    "run": ("lint_report", "lint_source"),
    "files": ("LINT_SUFFIXES", "check_output", "collect_paths", "lint_path", "walk_input", "write_atomically",
              "write_output"),
    "fixes": ("FileFix", "apply_edits", "finding_fixes", "fix_and_relint", "fix_edits", "fix_file"),
    "batch": ("FileResult", "effective_jobs", "internal_error", "lint_files", "lint_one", "processes", "summary_line",
              "summary_lines"),
}
_MODULE_OF = {name: module for module, names in _PUBLIC.items() for name in names}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later look-ups find it without coming here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
