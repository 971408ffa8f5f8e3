"""The rule files: every rule is one YAML entry in ``rules/<family>.yaml``.

An entry's ``engine`` says how the rule runs:

- ``pattern`` (the default): a regex or word list, matched by :mod:`.patterns`;
- ``logic``: a check written in Python, named by ``check: module.function`` (a module of
  ``zongjie_nlp.checks``).  One function may emit several rules (a family shares its
  reading of the outline or the relations); it runs once when any of them is selected.

Either way the metadata (id, name, category, severity, summary, why, source, norms) and the
examples live in the entry, so a rule id leads to one file, and ``zongjie rules ID`` and
the examples' tests read one format.  Files are validated when loaded: a broken entry is an
error naming its file and id, never a silently disabled rule.  The users' own rule files
(config ``extra-rules``) hold pattern rules in the same format.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import lru_cache
import os
from typing import Callable

from ..cache import load_yaml_file
from ..errors import RuleFileError
from ..model import Example, Record, Rule
from ..profile import NORMS
from ..resources import categories, rules_dir
from .patterns import PatternRule, compile_pattern_rule

NOT_RULE_FILES = {"categories.yaml"}  # rules/ files that hold no rules (the category list)
REQUIRED = ("id", "name", "category", "severity", "summary", "why", "examples")
SEVERITIES = ("info", "warning", "error")
ENGINES = ("pattern", "logic")
CHECKS_PACKAGE = __name__.rsplit(".", 1)[0]  # zongjie_nlp.checks


class RuleSet(Record):
    """Every rule by id, the pattern rules compiled, and the logic checks in file order."""

    rules: dict[str, Rule]
    patterns: tuple[PatternRule, ...]
    logic: tuple[tuple[str, tuple[str, ...]], ...]  # (check name, ids of the rules it emits)


def user_rule_files(extra: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    """The users' rule files with their modification time and size: what the caches key on."""
    files = []
    for folder in extra:
        for path in _yaml_files(folder):
            stat = os.stat(path)
            files.append((path, stat.st_mtime_ns, stat.st_size))
    return tuple(files)


def load_rule_set(extra: tuple[str, ...] = ()) -> RuleSet:
    """The built-in rules and the users' own from the folders ``extra`` names; loaded once per
    state of the users' files (an edited rule file is read again)."""
    return rule_set_for(user_rule_files(extra))


@lru_cache(maxsize=8)
def rule_set_for(user_files: tuple[tuple[str, int, int], ...]) -> RuleSet:
    """The rule set of the built-in files and the users' files named in ``user_files``."""
    built_in = [p for p in _yaml_files(rules_dir()) if os.path.basename(p) not in NOT_RULE_FILES]
    rules: dict[str, Rule] = {}
    patterns, logic = [], {}
    for path, user in [(p, False) for p in built_in] + [(name, True) for name, _, _ in user_files]:
        for entry in _entries(path):
            rule = _rule(entry, path, user)
            if rule.id in rules:
                raise RuleFileError(f"duplicate rule id {rule.id} ({rules[rule.id].source} and {rule.source})")
            rules[rule.id] = rule
            if rule.engine == "logic":
                logic.setdefault(rule.check, []).append(rule.id)
            else:
                patterns.append(compile_pattern_rule(entry, rule, _where(path, entry), validate=user))
    return RuleSet(dict(sorted(rules.items())), tuple(patterns), tuple((c, tuple(ids)) for c, ids in logic.items()))


def _yaml_files(folder) -> list[str]:
    """The ``*.yaml`` files of ``folder``, sorted, as path strings."""
    folder = os.fspath(folder)
    return [os.path.join(folder, name) for name in sorted(os.listdir(folder))
            if name.endswith(".yaml") and os.path.isfile(os.path.join(folder, name))]


def _entries(path: str) -> list[dict]:
    try:
        entries = load_yaml_file(path) or []
    except (OSError, ValueError) as err:  # unreadable, or no YAML (UnicodeDecodeError is a ValueError)
        raise RuleFileError(f"{path}: cannot read rules ({str(err).splitlines()[0]})") from None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise RuleFileError(f"{path}: a rule file is a list of rules (- id: …)")
    return entries


def _where(path: str, entry: dict) -> str:
    return f"{os.path.basename(path)}: rule {entry.get('id', '?')}"


def _rule(entry: dict, path: str, user: bool) -> Rule:
    """The rule's metadata, validated; the engine-specific keys are checked by their engine."""
    where = _where(path, entry)
    missing = [key for key in REQUIRED if key not in entry]
    if missing:
        raise RuleFileError(f"{where}: missing {', '.join(missing)}")
    if entry["severity"] not in SEVERITIES:
        raise RuleFileError(f"{where}: severity must be one of {SEVERITIES}")
    if entry["category"] not in {c.name for c in categories()}:
        raise RuleFileError(f"{where}: unknown category {entry['category']!r}")
    if not set(entry.get("norms", NORMS)) <= set(NORMS):
        raise RuleFileError(f"{where}: norms must be among {NORMS}")
    engine = entry.get("engine", "pattern")
    if engine not in ENGINES:
        raise RuleFileError(f"{where}: engine must be one of {ENGINES}")
    check = ""
    if engine == "logic":
        if user:
            raise RuleFileError(f"{where}: a rule file of your own holds pattern rules (engine: pattern)")
        check = _check_name(entry.get("check"), where)
    return Rule(
        id=entry["id"],
        name=entry["name"],
        category=entry["category"],
        severity=entry["severity"],
        summary=entry["summary"],
        rationale=f"{entry['why'].strip()}\n来源：{entry.get('source', '编辑实践')}",
        examples=_examples(entry, where),
        fixable=_fixable(entry) if engine == "pattern" else bool(entry.get("fixable")),
        source=os.path.basename(path),
        norms=tuple(entry.get("norms", NORMS)),
        engine=engine,
        check=check,
    )


def _examples(entry: dict, where: str) -> tuple[Example, ...]:
    examples = []
    for example in entry["examples"] or []:
        kind = next((k for k in ("bad", "good") if isinstance(example, dict) and k in example), None)
        if kind is None or not isinstance(example[kind], str):
            raise RuleFileError(f"{where}: an example is {{bad: text with [[span]]}} or {{good: text}}")
        previous = example.get("previous")
        if previous is not None and not isinstance(previous, str):
            raise RuleFileError(f"{where}: an example's previous: is the text of last year's summary")
        examples.append(Example(example[kind], kind == "bad", example.get("fix") if kind == "bad" else None,
                                previous))
    return tuple(examples)


def _fixable(entry: dict) -> bool:
    """A pattern rule is fixable when it offers a safe fix: a fix template or map, or a word
    list with replacements (布署: 部署)."""
    words = entry.get("words") or {}
    return (entry.get("fix") is not None or any(words.values())) and entry.get("applicability", "safe") == "safe"


def _check_name(check, where: str) -> str:
    """``module.function`` of a logic rule; the module must exist (found without importing it,
    so listing the rules stays cheap)."""
    if not isinstance(check, str) or check.count(".") != 1:
        raise RuleFileError(f"{where}: a logic rule names its check as module.function")
    module = check.split(".")[0]
    if not _check_module_exists(module):
        raise RuleFileError(f"{where}: no check module {CHECKS_PACKAGE}.{module}")
    return check


@lru_cache(maxsize=None)
def _check_module_exists(module: str) -> bool:
    """Whether ``zongjie_nlp.checks`` has ``module``: looked up once for the ~45 logic rules
    that name one of a handful of modules (each look-up searches the import path).  Only the
    built-in rule files name modules, so the cache holds a handful of names."""
    return importlib.util.find_spec(f"{CHECKS_PACKAGE}.{module}") is not None


@lru_cache(maxsize=None)
def check_function(check: str) -> Callable:
    """The function a logic rule names (``numbering.run``), imported on first use."""
    module_name, function = check.split(".")
    module = importlib.import_module(f"{CHECKS_PACKAGE}.{module_name}")
    found = getattr(module, function, None)
    if not callable(found):
        raise RuleFileError(f"no check function {function} in {module.__name__}")
    return found
