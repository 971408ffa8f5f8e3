"""The check runner.

Every rule is an entry of ``rules/*.yaml`` (see :mod:`.registry`): pattern rules run in
:mod:`.patterns`, logic rules name the function that emits them (``check: numbering.run``),
which runs once when any of its rules is selected.  Selection works like ruff's: by full
id (``ZJ401``), id prefix (``ZJ4``) or category (``punctuation``).
"""

from __future__ import annotations

import time
from typing import Callable, Iterable, Optional

from ..model import SEVERITY_ORDER, Example, Finding, GatheredOccurrences, Report, Rule
from .base import Context
from .patterns import PatternRule, join_occurrences, run_pattern_rules
from .registry import check_function, load_rule_set

# Seconds of checking per input before the remaining checks are skipped (and said to be,
# ZJ719).  Linear checks take well under a second per megabyte; this is a safety net.
TIME_BUDGET = 20.0


def all_rules(extra: tuple[str, ...] = ()) -> dict[str, Rule]:
    """Every rule by id, sorted by id, with the users' own rules from the folders ``extra``.
    Two rules with one id are an error naming both files."""
    return load_rule_set(extra).rules


def load_pattern_rules(extra: tuple[str, ...] = ()) -> tuple[PatternRule, ...]:
    """Every pattern rule, compiled: the built-in ones and the users' own from ``extra``."""
    return load_rule_set(extra).patterns


def logic_checks() -> tuple[tuple[str, Callable, tuple[str, ...]], ...]:
    """The logic checks, imported: ``(check name, function, ids of the rules it emits)``
    (a worker process calls this once to pay the imports before its first file)."""
    return tuple((name, check_function(name), ids) for name, ids in load_rule_set().logic)


def matches(rule: Rule, selector: str) -> bool:
    """``ZJ4``/``ZJ401`` match by id prefix, ``punctuation`` by category, ``ALL`` everything."""
    selector = selector.strip()
    return selector.upper() == "ALL" or rule.id.startswith(selector.upper()) or rule.category == selector or rule.name == selector


def select_rules(
    select: Iterable[str] = (), ignore: Iterable[str] = (), rules: Optional[dict[str, Rule]] = None
) -> set[str]:
    """Ids of the active rules: ``select`` (default all) minus ``ignore``."""
    rules = rules if rules is not None else all_rules()
    select, ignore = list(select), list(ignore)
    active = {rid for rid, r in rules.items() if not select or any(matches(r, s) for s in select)}
    return {rid for rid in active if not any(matches(rules[rid], s) for s in ignore)}


def run_checks(
    report: Report,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    config: Optional[dict] = None,
    show_verified: bool = False,
    genre: Optional[str] = None,
    norm: Optional[str] = None,
    extra_rules: tuple[str, ...] = (),
    previous: Optional[Report] = None,
) -> list[Finding]:
    """Run the selected checks on a parsed report; findings sorted by position.  ``genre`` and
    ``norm`` override what the parser detected (rules of another norm do not run);
    ``extra_rules`` are folders of the users' own rule files; ``previous`` is last year's
    summary, which the checks against it (ZJ216) need."""
    rules = all_rules(extra_rules)
    norm = norm or report.norm
    active = {rid for rid in select_rules(select, ignore, rules) if norm in rules[rid].norms}
    ctx = Context(report=report, rules=rules, config=config or {}, genre=genre, norm=norm, extra_rules=extra_rules,
                  show_verified=show_verified, previous=previous)
    deadline = time.perf_counter() + ctx.config.get("time_budget", TIME_BUDGET)
    rule_set = load_rule_set(extra_rules)
    unfinished = run_pattern_rules(ctx, rule_set.patterns, active, deadline)
    for name, rule_ids in rule_set.logic:
        if not any(rule_id in active for rule_id in rule_ids):
            continue
        if time.perf_counter() > deadline:
            unfinished.append(_family(name))
            continue
        try:
            check_function(name)(ctx)
        except TimeoutError:  # a regex over its time limit: the rest of this family is not checked
            unfinished.append(_family(name))
    if unfinished and "ZJ719" in active:
        _emit_unfinished(ctx, unfinished)
    findings = [f for f in ctx.findings if f.rule in active and (show_verified or not f.verified)]
    overrides = (config or {}).get("severity_overrides", {})
    if overrides:
        findings = [_override(f, overrides) for f in findings]
    return sorted(_dedupe(findings), key=lambda f: (f.start, f.end, f.rule))


def join_segments(checked: Iterable[tuple[Report, list[Finding]]], extra_rules: tuple[str, ...] = ()) -> list[Finding]:
    """The findings of one input from those of its segments (each with a report of the page).

    A pattern rule that aggregates (one finding per input, each occurrence in its details) finds
    its occurrences segment by segment; they are joined here into the one finding the whole
    input gets, at the first occurrence, its message counting them all."""
    aggregated = {p.rule.id: p for p in load_rule_set(extra_rules).patterns if p.aggregate}
    findings: list[Finding] = []
    first: dict[str, int] = {}  # aggregating rule → index of its finding in ``findings``
    gathered: dict[str, GatheredOccurrences] = {}  # aggregating rule → its occurrences so far
    report = None
    for report, segment_findings in checked:
        for finding in segment_findings:
            prule = aggregated.get(finding.rule)
            if prule is None or finding.verified or not finding.details:
                findings.append(finding)
                continue
            if finding.rule not in first:
                first[finding.rule] = len(findings)
                findings.append(finding)
                gathered[finding.rule] = GatheredOccurrences()
            gathered[finding.rule].add(finding.details)  # (a later segment's finding is let go)
    for rule, occurrences in gathered.items():
        if len(occurrences) > len(findings[first[rule]].details):  # (found in more than one segment)
            findings[first[rule]] = join_occurrences(aggregated[rule], report, findings[first[rule]],
                                                     occurrences.occurrences())
    return sorted(_dedupe(findings), key=lambda f: (f.start, f.end, f.rule))


def _family(check: str) -> str:
    """A check's family as ZJ719 names it: its module (numbering, arithmetic…)."""
    return check.split(".")[0]


def _emit_unfinished(ctx: Context, unfinished: list[str]) -> None:
    """Checks that ran out of time are said, once, on the first document: a silent gap in
    the checking would read as "nothing found"."""
    start = ctx.report.documents[0].start if ctx.report.documents else 0
    line_end = ctx.text.find("\n", start)
    end = len(ctx.text) if line_end < 0 else line_end
    ctx.emit("ZJ719", start, end, f"检查超出时间预算，以下部分没有完成：{'、'.join(unfinished)}；本篇没有完全检查",
             details=[{"unfinished": unfinished}])


def _override(finding: Finding, overrides: dict) -> Finding:
    for key in (finding.rule, finding.category):
        if key in overrides and overrides[key] in SEVERITY_ORDER:
            return finding._replace(severity=overrides[key])
    return finding


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, kept = set(), []
    for f in findings:
        key = (f.rule, f.start, f.end, f.message)
        if key not in seen:
            seen.add(key)
            kept.append(f)
    return kept


def example_failures(rules: Iterable[Rule], extra_rules: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Run each rule's examples (a ``bad`` one must fire on its ``[[…]]`` span, with its fix
    when it names one; a good one must not fire) and say which do not: ``(rule id, problem)``.
    An example with a ``previous`` text is checked against it as last year's summary."""
    failures = []
    for rule in rules:
        for example in rule.examples:
            findings, text, span = example_findings(rule.id, example, extra_rules)
            if not example.bad:
                if findings:
                    failures.append((rule.id, f"fires on an example that must stay silent: {text!r}"))
                continue
            hits = [f for f in findings if span is not None and (f.start, f.end) == span]
            if not hits:
                failures.append((rule.id, f"does not fire on the marked span of {example.text!r}"))
            elif example.fix is not None and example.fix not in offered_fixes(hits, span):
                failures.append((rule.id, f"does not offer the fix {example.fix!r} in {example.text!r}"))
    return failures


def example_findings(rule_id: str, example: Example, extra_rules: tuple[str, ...] = ()
                     ) -> tuple[list[Finding], str, Optional[tuple[int, int]]]:
    """What rule ``rule_id`` finds in one of its examples (checked against the example's
    ``previous`` text as last year's summary, when it gives one), the example's text without
    its ``[[…]]`` marker, and the marked span."""
    from ..parser import parse

    text, span = unmark(example.text)
    previous = parse(example.previous) if example.previous is not None else None
    return run_checks(parse(text), select=[rule_id], extra_rules=extra_rules, previous=previous), text, span


def unmark(text: str) -> tuple[str, Optional[tuple[int, int]]]:
    """An example's text without its ``[[…]]`` marker, and the marked span."""
    if "[[" not in text or "]]" not in text:
        return text, None
    start = text.index("[[")
    end = text.index("]]") - 2
    return text.replace("[[", "", 1).replace("]]", "", 1), (start, end)


def offered_fixes(hits: list[Finding], span: tuple[int, int]) -> set[str]:
    """The replacements the findings ``hits`` offer for ``span``: their own fixes, and those of
    their occurrences on that span."""
    return {f.fix.replacement for f in hits if f.fix} | {
        d["fix"]["replacement"] for f in hits for d in f.occurrences if d.get("fix") and (d["start"], d["end"]) == span}
