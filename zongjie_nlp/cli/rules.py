"""``zongjie rules``: list the rules, explain one, or run their examples."""

from __future__ import annotations

import sys
from typing import Optional

import click

from .common import configured_rules


@click.command("rules")
@click.argument("rule_id", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--test", "run_examples", is_flag=True,
              help="Run the rules' examples (RULE_ID's, or every rule's) and report the ones that fail.")
def rules_command(rule_id: Optional[str], fmt: str, run_examples: bool) -> None:
    """List every rule (the users' own from extra-rules too), or explain RULE_ID."""
    rules = configured_rules()
    if run_examples:
        _run_examples(rules, rule_id)
    if rule_id:
        rule = rules.get(rule_id.upper())
        if rule is None:
            raise click.UsageError(f"unknown rule {rule_id!r} (see 'zongjie rules')")
        click.echo(f"{rule.id} {rule.name}  [{rule.category}, {rule.severity}{', fixable' if rule.fixable else ''}]")
        click.echo(f"norms: {', '.join(rule.norms)}")
        click.echo(f"\n{rule.summary}\n\n{rule.rationale}\n")
        for example in rule.examples:
            label = "fires:     " if example.bad else "silent:    "
            fix = f"   → {example.fix}" if example.fix else ""
            click.echo(f"  {label}{example.text.replace(chr(10), ' ⏎ ')}{fix}")
            if example.previous is not None:
                click.echo(f"  last year: {example.previous.replace(chr(10), ' ⏎ ')}")
        return
    if fmt == "json":
        from ..formats.json import rules_json

        click.echo(rules_json(rules.values()))
        return
    for rule in rules.values():
        fixable = "*" if rule.fixable else " "
        click.echo(f"{rule.id} {fixable} {rule.category:<14} {rule.severity:<7} {rule.name}: {rule.summary}")


def _run_examples(rules: dict, rule_id: Optional[str]) -> None:
    """``--test``: run the examples of RULE_ID (or of every rule), name the ones that fail
    and exit 1 if any does."""
    from ..checks import example_failures
    from ..linter import find_config

    chosen = [rules[rule_id.upper()]] if rule_id and rule_id.upper() in rules else list(rules.values())
    if rule_id and rule_id.upper() not in rules:
        raise click.UsageError(f"unknown rule {rule_id!r} (see 'zongjie rules')")
    failures = example_failures(chosen, find_config().extra_rules)
    for rule_id_failed, problem in failures:
        click.echo(f"{rule_id_failed}: {problem}")
    count = sum(len(r.examples) for r in chosen)
    click.echo(f"{count - len(failures)} of {count} examples as expected" if count else "no examples")
    sys.exit(1 if failures else 0)
