"""The language server's settings: what an editor sends (``initializationOptions`` and
``workspace/didChangeConfiguration``) on top of the project's config file.

The keys are the command line's: ``select``, ``ignore``, ``norm``, ``genre`` and ``severity``.
An editor may send them at the top level or under ``"zongjie"`` (VS Code-style clients send
every extension's section at once).  They combine with the config file the way
``zongjie-lint --select … --ignore …`` does: ``select`` replaces the file's, ``ignore`` adds to
it, ``norm``, ``genre`` and ``severity`` override it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Optional

from ..errors import InputError
from ..linter.config import Config, find_config, split_codes


@dataclass(frozen=True)
class Settings:
    """The editor's settings; empty or ``None``: the config file's (or the default)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    norm: Optional[str] = None
    genre: Optional[str] = None
    severity: Optional[str] = None


def read_settings(options: Any, current: Optional[Settings] = None) -> Settings:
    """The settings an editor sent, on top of ``current`` (a key not sent keeps its value).

    ``options`` is the JSON the client sent (``None`` or a non-object: no change).  A value of
    the wrong kind is an :class:`InputError` naming the key, which the server shows the user."""
    from ..model import SEVERITY_ORDER
    from ..profile import GENRES, NORMS

    settings = current or Settings()
    if not isinstance(options, dict):
        return settings
    if isinstance(options.get("zongjie"), dict):
        options = options["zongjie"]
    changes: dict[str, Any] = {}
    for key in ("select", "ignore"):
        if key not in options:
            continue
        value = options[key]
        value = [] if value is None else [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"zongjie.{key} must be a list of rule ids, id prefixes or categories")
        changes[key] = tuple(split_codes(value))
    for key, choices in (("norm", NORMS), ("genre", GENRES), ("severity", tuple(SEVERITY_ORDER))):
        if key not in options:
            continue
        value = options[key] or None  # "" or null: back to the config file's (or detected)
        if value is not None and value not in choices:
            raise InputError(f"zongjie.{key} must be one of {', '.join(choices)} (got {value!r})")
        changes[key] = value
    return replace(settings, **changes)


def document_config(settings: Settings, path: Optional[str]) -> tuple[Config, list[str], list[str]]:
    """The configuration to check a document with, and the ``select`` and ``ignore`` to pass
    on: the config file found from the document's folder upwards (as ``zongjie-lint`` finds it
    from the working directory; an unsaved document has none), with the editor's settings on
    top.  A broken config file is an :class:`InputError`."""
    config = find_config(Path(path).parent) if path else Config()
    config = config.overridden(settings.severity, settings.genre, settings.norm)
    return config, list(settings.select), list(settings.ignore)
