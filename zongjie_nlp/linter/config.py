"""The linter's configuration: ``[tool.zongjie]`` in pyproject.toml, or ``.zongjie.toml``.

Every value is checked when the file is read, so a wrong type or an unknown key is a
one-line :class:`~zongjie_nlp.errors.InputError` naming the file and the key, never a
traceback in the middle of a run.  Also the rule selectors (``--select``, ``--ignore``):
how they are split, and which of them match no rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import os
import re
from typing import Iterable, Optional, Union

from ..model import SEVERITY_ORDER

CONFIG_FILES = (".zongjie.toml", "pyproject.toml")

# Every key the config may hold (with its underscore spelling, accepted as well).
CONFIG_KEYS = ("select", "ignore", "severity", "severity-overrides", "max-size-mb", "genre", "norm", "extra-rules")


@dataclass
class Config:
    """Settings from ``[tool.zongjie]`` in pyproject.toml or the top level of .zongjie.toml."""

    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: str = "info"
    severity_overrides: dict[str, str] = field(default_factory=dict)
    max_size_mb: float = 20.0
    path: Optional[str] = None
    genre: Optional[str] = None  # None: detected per document (rules/lexicon/genres.yaml)
    norm: Optional[str] = None  # None: detected from the text (gb | tw | hk)
    extra_rules: tuple[str, ...] = ()  # folders of the users' own YAML rules (absolute paths)

    def overridden(self, severity: Optional[str] = None, genre: Optional[str] = None,
                   norm: Optional[str] = None) -> "Config":
        """A copy with a run's own options (the command line's, an editor's, a request's) over the
        file's; None keeps the file's value."""
        from dataclasses import replace

        return replace(self, severity=severity or self.severity, genre=genre or self.genre, norm=norm or self.norm)

    def as_check_config(self) -> dict:
        return {"severity_overrides": self.severity_overrides}


def find_config(start: Union[str, os.PathLike, None] = None) -> Config:
    """The nearest config file from ``start`` (default: the working directory) upwards.

    ``.zongjie.toml`` may hold its keys at the top level or in a ``[tool.zongjie]`` table
    (the form pyproject.toml uses, so a section can be moved between the two files)."""
    from ..errors import InputError

    for folder in _upwards(os.path.realpath(start or os.getcwd())):
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if not os.path.isfile(candidate) or (name == "pyproject.toml" and not _mentions_us(candidate)):
                continue
            data = _read_toml(candidate)
            tool = data.get("tool", {})
            if not isinstance(tool, dict):
                raise InputError(f"{candidate}: 'tool' must be a table")
            section = tool.get("zongjie")
            if section is not None and not isinstance(section, dict):
                raise InputError(f"{candidate}: [tool.zongjie] must be a table")
            if name == "pyproject.toml":
                if section is not None:
                    return _config_from(section, candidate)
                continue
            top = {k: v for k, v in data.items() if k != "tool"}
            others = sorted(f"tool.{k}" for k in tool if k != "zongjie")
            if others:
                raise InputError(f"{candidate}: unknown config key{'s' if len(others) > 1 else ''} "
                                 f"{', '.join(map(repr, others))}")
            both = sorted(set(top) & set(section or {}))
            if both:
                raise InputError(f"{candidate}: {', '.join(map(repr, both))} set both at the top level "
                                 "and in [tool.zongjie]")
            return _config_from({**top, **(section or {})}, candidate)
    return Config()


def _upwards(directory: str) -> list[str]:
    """``directory`` and each folder above it, up to the root."""
    folders = [directory]
    while os.path.dirname(folders[-1]) != folders[-1]:
        folders.append(os.path.dirname(folders[-1]))
    return folders


def _mentions_us(pyproject: str) -> bool:
    """Whether a pyproject.toml can hold a ``[tool.zongjie]`` table at all: most do not, and
    parsing TOML (importing tomllib) for nothing costs the cold start a few milliseconds.  A
    file that cannot be read is passed on, so that reading it reports why."""
    try:
        with open(pyproject, "rb") as handle:
            return _OUR_TABLE.search(handle.read()) is not None
    except OSError:
        return True


# ``[tool.zongjie]`` or ``[tool.zongjie.x]`` (spaces and quotes allowed), a dotted key
# ``tool.zongjie.x = …`` or ``zongjie.x = …`` (under ``[tool]``), or an inline ``zongjie = {…}``;
# not ``zongjie = "…"`` (a console script named zongjie in ``[project.scripts]``).
_OUR_TABLE = re.compile(rb"""(?mx) ^[ \t]* (?: \[[ \t]*tool[ \t]*\.[ \t]*["']?zongjie
                                           | (?:tool[ \t]*\.[ \t]*)?["']?zongjie["']?[ \t]*(?:\.|=[ \t]*\{) )""")


def _read_toml(path: str) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    from ..errors import InputError

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, ValueError) as err:
        raise InputError(f"{path}: cannot read config ({err})") from None


def _type_name(value) -> str:
    return {str: "a string", int: "an integer", float: "a number", bool: "a boolean", list: "an array",
            dict: "a table"}.get(type(value), type(value).__name__)


def _config_from(section: dict, path: str) -> Config:
    """A :class:`Config` from a config table, every value checked: a wrong type or an unknown
    key is a one-line :class:`InputError` naming the file and the key, never a traceback."""
    from ..errors import InputError
    from ..profile import GENRES, NORMS

    def bad(key: str, expected: str, value) -> InputError:
        return InputError(f"{path}: {key} must be {expected} (got {_type_name(value)}: {value!r})")

    section = {str(k).replace("_", "-"): v for k, v in section.items()}
    unknown = sorted(k for k in section if k not in CONFIG_KEYS)
    if unknown:
        raise InputError(f"{path}: unknown config key{'s' if len(unknown) > 1 else ''} "
                         f"{', '.join(map(repr, unknown))} (known: {', '.join(CONFIG_KEYS)})")
    config = Config(path=path)
    for key in ("select", "ignore"):
        value = section.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad(key, "a list of rule ids, id prefixes or categories", value)
        setattr(config, key, [c.strip() for v in value for c in v.split(",") if c.strip()])
    severity = section.get("severity", "info")
    if not isinstance(severity, str) or severity not in SEVERITY_ORDER:
        raise bad("severity", "one of info, warning, error", severity)
    config.severity = severity
    overrides = section.get("severity-overrides", {})
    if not isinstance(overrides, dict):
        raise bad("severity-overrides", "a table of rule id or category = severity", overrides)
    for key, value in overrides.items():
        if not isinstance(value, str) or value not in SEVERITY_ORDER:
            raise bad(f"severity-overrides.{key}", "one of info, warning, error", value)
    config.severity_overrides = dict(overrides)
    size = section.get("max-size-mb", config.max_size_mb)
    if isinstance(size, bool) or not isinstance(size, (int, float)) or not 0 < size < float("inf"):
        raise bad("max-size-mb", "a positive number of megabytes", size)
    config.max_size_mb = float(size)
    for key, choices in (("genre", GENRES), ("norm", NORMS)):
        value = section.get(key)
        if value is not None and (not isinstance(value, str) or value not in choices):
            raise bad(key, f"one of {', '.join(choices)}", value)
        setattr(config, key, value)
    folders = section.get("extra-rules", [])
    if isinstance(folders, str):
        folders = [folders]
    if not isinstance(folders, list) or not all(isinstance(v, str) for v in folders):
        raise bad("extra-rules", "a list of folders of rule files", folders)
    base = os.path.dirname(path)
    resolved = []
    for folder in folders:
        where = os.path.realpath(os.path.join(base, folder))
        if not os.path.isdir(where):
            raise InputError(f"{path}: extra-rules: {folder!r} is not a folder")
        resolved.append(where)
    config.extra_rules = tuple(resolved)
    return config


def split_codes(values: Iterable[str]) -> list[str]:
    """Rule codes as given on a command line or in a config: ``("ZJ2,ZJ401", "ZJ5")`` → each code."""
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def unknown_selectors(selectors: Iterable[str], extra_rules: tuple[str, ...] = ()) -> list[str]:
    """The selectors (rule ids, id prefixes, categories, names, ``ALL``) that match no rule:
    they would select or ignore nothing without a word, so the callers warn (as ruff does)."""
    from ..checks import all_rules, matches

    rules = list(all_rules(extra_rules).values())
    unknown: list[str] = []
    for selector in selectors:
        if selector not in unknown and not any(matches(rule, selector) for rule in rules):
            unknown.append(selector)
    return unknown
