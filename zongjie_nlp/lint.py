"""Linting a file end to end: configuration, checks, per-line suppression, fixes.

Suppression follows flake8/ruff: ``zongjie: ignore[ZJ401,ZJ402]`` (or a bare
``zongjie: ignore``) at the end of a line silences that line; on a line of its own (a
comment line such as ``<!-- zongjie: ignore[ZJ401] -->``) it silences the next line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence

import regex

from .model import SEVERITY_ORDER, Finding, Report

DIRECTIVE = regex.compile(r"zongjie:\s*ignore(?:\[(?P<codes>[A-Za-z0-9_,\s-]+)\])?")
CONFIG_FILES = (".zongjie.toml", "pyproject.toml")


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

    def as_check_config(self) -> dict:
        return {"severity_overrides": self.severity_overrides}


def find_config(start: Optional[Path] = None) -> Config:
    """The nearest config file from ``start`` (default: the working directory) upwards.

    ``.zongjie.toml`` may hold its keys at the top level or in a ``[tool.zongjie]`` table
    (the form pyproject.toml uses, so a section can be moved between the two files)."""
    from .errors import InputError

    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
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
                    return _config_from(section, str(candidate))
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
            return _config_from({**top, **(section or {})}, str(candidate))
    return Config()


def _read_toml(path: Path) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    from .errors import InputError

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, ValueError) as err:
        raise InputError(f"{path}: cannot read config ({err})") from None


# Every key the config may hold (with its underscore spelling, accepted as well).
CONFIG_KEYS = ("select", "ignore", "severity", "severity-overrides", "max-size-mb", "genre", "norm", "extra-rules")


def _type_name(value) -> str:
    return {str: "a string", int: "an integer", float: "a number", bool: "a boolean", list: "an array",
            dict: "a table"}.get(type(value), type(value).__name__)


def _config_from(section: dict, path: str) -> Config:
    """A :class:`Config` from a config table, every value checked: a wrong type or an unknown
    key is a one-line :class:`InputError` naming the file and the key, never a traceback."""
    from .errors import InputError
    from .profile import GENRES, NORMS

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
    base = Path(path).parent
    resolved = []
    for folder in folders:
        where = (base / folder).resolve()
        if not where.is_dir():
            raise InputError(f"{path}: extra-rules: {folder!r} is not a folder")
        resolved.append(str(where))
    config.extra_rules = tuple(resolved)
    return config


def unknown_selectors(selectors: Iterable[str], extra_rules: tuple[str, ...] = ()) -> list[str]:
    """The selectors (rule ids, id prefixes, categories, names, ``ALL``) that match no rule:
    they would select or ignore nothing without a word, so the callers warn (as ruff does)."""
    from .checks import all_rules, matches

    rules = list(all_rules(extra_rules).values())
    unknown: list[str] = []
    for selector in selectors:
        if selector not in unknown and not any(matches(rule, selector) for rule in rules):
            unknown.append(selector)
    return unknown


def suppressed_lines(text: str) -> dict[int, Optional[set[str]]]:
    """Line number → the rule ids silenced there (``None`` = all rules)."""
    result: dict[int, Optional[set[str]]] = {}
    for number, line in enumerate(text.split("\n"), 1):
        m = DIRECTIVE.search(line)
        if not m:
            continue
        codes = {c.strip().upper() for c in regex.split(r"[,\s]+", m.group("codes") or "") if c.strip()} or None
        own_line = not regex.sub(r"<!--|-->|#|//|\s", "", line[: m.start()] + line[m.end():])
        target = number + 1 if own_line else number
        for line_no in (number, target):
            previous = result.get(line_no, set())
            result[line_no] = None if codes is None or previous is None else previous | codes
    return result


def apply_suppression(findings: Iterable[Finding], text: str) -> list[Finding]:
    lines = suppressed_lines(text)
    if not lines:
        return list(findings)

    def silenced(finding: Finding, line: int) -> bool:
        codes = lines.get(line, set())
        return codes is None or any(finding.rule.startswith(code) or finding.category == code.lower() for code in codes)

    kept = []
    for finding in findings:
        if _is_aggregate(finding):
            finding = _suppress_occurrences(finding, lambda line, f=finding: silenced(f, line))
            if finding is not None:
                kept.append(finding)
        elif not silenced(finding, finding.line):
            kept.append(finding)
    return kept


def _is_aggregate(finding: Finding) -> bool:
    """One finding standing for several occurrences, each in ``details`` (the first at the
    finding's own span): suppression applies to each occurrence on its own line."""
    details = finding.details
    return len(details) > 1 and all(isinstance(d, dict) and {"start", "end", "line", "col"} <= d.keys() for d in details) \
        and (details[0]["start"], details[0]["end"]) == (finding.start, finding.end)


def _suppress_occurrences(finding: Finding, silenced) -> Optional[Finding]:
    from dataclasses import replace

    from .model import Fix

    details = tuple(d for d in finding.details if not silenced(d["line"]))
    if not details:
        return None
    if len(details) == len(finding.details):
        return finding
    first = details[0]
    if (first["start"], first["end"]) == (finding.start, finding.end):
        return replace(finding, details=details)
    fix = Fix(**first["fix"]) if first.get("fix") else None
    return replace(finding, details=details, start=first["start"], end=first["end"], line=first["line"],
                   col=first["col"], end_line=first["line"], end_col=first["col"] + first["end"] - first["start"],
                   fix=fix)


def split_codes(values: Iterable[str]) -> list[str]:
    """Rule codes as given on a command line or in a config: ``("ZJ2,ZJ401", "ZJ5")`` → each code."""
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def lint_path(path: str, config: Optional[Config] = None, select: Sequence[str] = (), ignore: Sequence[str] = (),
              show_verified: bool = False, stdin: Optional[dict[str, bytes]] = None) -> tuple[Report, list[Finding]]:
    """Read, parse and check one input (``"-"``: standard input), within the configured size
    limit: what ``zongjie-lint`` and ``--jobs`` workers do for each file."""
    from .parser import parse_source
    from .source import read_input

    config = config or Config()
    report = parse_source(read_input(path, config.max_size_mb, stdin))
    return report, lint_report(report, config, split_codes(select), split_codes(ignore), show_verified)


def lint_report(
    report: Report,
    config: Optional[Config] = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    show_verified: bool = False,
) -> list[Finding]:
    """Checks, then suppression, then the severity threshold."""
    from .checks import run_checks

    config = config or Config()
    findings = run_checks(
        report,
        select=list(select) or config.select,
        ignore=[*config.ignore, *ignore],
        config=config.as_check_config(),
        show_verified=show_verified,
        genre=config.genre,
        norm=config.norm,
        extra_rules=config.extra_rules,
    )
    findings = apply_suppression(findings, report.text)
    threshold = SEVERITY_ORDER[config.severity]
    findings = [f for f in findings if f.verified or SEVERITY_ORDER[f.severity] >= threshold]
    if report.script == "traditional" and findings:
        findings = _in_traditional(findings, report.text)
    return findings


_QUOTED = regex.compile(r"“([^“”]{1,40})”")


def _in_traditional(findings: list[Finding], text: str = "") -> list[Finding]:
    """Messages are written in simplified Chinese; a traditional document gets them in its script.

    Text quoted “…” that is the document's own text (the finding's span or a ``details`` text)
    is kept as written: converting it would misquote, e.g. a simplified character reported in
    a traditional document."""
    from dataclasses import replace

    from .script import to_traditional_chars

    plans = []  # per finding: its message cut into (text, convert?) pieces
    for f in findings:
        verbatim = {text[f.start:f.end]} | {d["text"] for d in f.occurrences if isinstance(d.get("text"), str)}
        pieces, pos = [], 0
        for m in _QUOTED.finditer(f.message):
            if m.group(1) in verbatim:
                pieces += [(f.message[pos:m.start(1)], True), (m.group(1), False)]
                pos = m.end(1)
        pieces.append((f.message[pos:], True))
        plans.append(pieces)
    # One OpenCC call for every piece to convert (messages hold no newline).
    to_convert = [piece for pieces in plans for piece, convert in pieces if convert]
    converted = iter(to_traditional_chars("\n".join(to_convert)).split("\n"))
    out = []
    for f, pieces in zip(findings, plans):
        message = "".join(next(converted) if convert else piece for piece, convert in pieces)
        out.append(replace(f, message=message))
    return out


def fix_edits(findings: Iterable[Finding], unsafe: bool = False) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, replacement)`` edits from the findings' fixes.

    Aggregated findings carry one fix per occurrence in ``details``.  Overlapping edits
    keep the first (by position) so no fix can clobber another."""
    allowed = {"safe", "unsafe"} if unsafe else {"safe"}
    edits = []
    for finding in findings:
        fixes = [finding.fix.to_json()] if finding.fix else []
        fixes += [d["fix"] for d in finding.occurrences if d.get("fix")]
        for fix in fixes:
            if fix["applicability"] in allowed:
                edits.append((fix["start"], fix["end"], fix["replacement"]))
    edits.sort()
    kept: list[tuple[int, int, str]] = []
    for edit in edits:
        if kept and edit[0] < kept[-1][1]:
            continue
        if kept and edit[:2] == kept[-1][:2]:
            continue
        kept.append(edit)
    return kept


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    pieces, pos = [], 0
    for start, end, replacement in edits:
        pieces.append(text[pos:start])
        pieces.append(replacement)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def write_atomically(path: str, data: bytes, keep_mode: bool = True) -> None:
    """Write ``data`` to ``path`` so that it is either wholly written or untouched: a temporary
    file in the same folder, flushed, then renamed over the target (``os.replace``).

    A symlink is followed (its target is rewritten, the link stays); an existing file keeps
    its permission bits; a new file gets the usual ``0o666 & ~umask``.  Errors are
    :class:`OSError` with the folder's reason (the callers word them)."""
    import stat
    import tempfile

    target = os.path.realpath(path)
    directory = os.path.dirname(target)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode) if keep_mode else None
    except FileNotFoundError:
        mode = None
    if mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=".zongjie-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def check_output(output: str, inputs: Iterable[str]) -> None:
    """Refuse, before any work, an output that would overwrite an input (whatever the spelling:
    ``./x.txt``, a symlink, a hard link) or that cannot be written (no such folder)."""
    from .errors import ZongjieError

    for path in inputs:
        if path != "-" and _same_file(output, path):
            raise ZongjieError(f"{output}: -o is the input file ({path}); refusing to overwrite it")
    folder = os.path.dirname(os.path.realpath(output))
    if not os.path.isdir(folder):
        raise ZongjieError(f"{output}: cannot write (no such directory: {folder})")
    if os.path.isdir(output):
        raise ZongjieError(f"{output}: cannot write (is a directory)")


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def write_output(path: str, data: bytes) -> None:
    """:func:`write_atomically`, with a failure as a one-line :class:`~zongjie_nlp.errors.ZongjieError`."""
    from .errors import ZongjieError

    if os.path.isdir(path):
        raise ZongjieError(f"{path}: cannot write (is a directory)")
    try:
        write_atomically(path, data)
    except OSError as err:
        raise ZongjieError(f"{path}: cannot write ({(err.strerror or str(err)).lower()})") from None
