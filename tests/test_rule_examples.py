"""Every rule's examples are its tests (LanguageTool's <example>, proselint's table).

A ``bad`` example marks the expected span with ``[[…]]``: running only that rule must give
a finding on exactly that span (and, when the example names a ``fix``, that replacement).
A ``good`` example must give no finding from that rule.  An example with ``previous:`` is
checked against that text as last year's summary (ZJ216).
"""

from __future__ import annotations

import pytest

from zongjie_nlp.checks import all_rules, example_findings, offered_fixes

RULES = all_rules()
CASES = [
    pytest.param(rule, example, id=f"{rule.id}-{'bad' if example.bad else 'good'}-{i}")
    for rule in RULES.values()
    for i, example in enumerate(rule.examples)
]


@pytest.mark.parametrize("rule, example", CASES)
def test_rule_example(rule, example):
    findings, text, span = example_findings(rule.id, example)
    if not example.bad:
        assert findings == [], f"{rule.id} fired on a must-not-fire example: {[f.message for f in findings]}"
        return
    assert span is not None, f"{rule.id}: a bad example must mark its span with [[…]]"
    hits = [f for f in findings if (f.start, f.end) == span]
    assert hits, f"{rule.id} did not fire on {text[span[0]:span[1]]!r}; got {[(f.start, f.end, f.message) for f in findings]}"
    if example.fix is not None:
        fixes = offered_fixes(hits, span)
        assert example.fix in fixes, f"{rule.id}: expected fix {example.fix!r}, got {fixes}"


# Rules whose trigger is not in the text (ZJ719: the time budget); tests/test_robust_text.py fires it.
NOT_TRIGGERED_BY_TEXT = {"ZJ719"}


def test_every_rule_has_both_kinds_of_example():
    for rule in RULES.values():
        kinds = {example.bad for example in rule.examples} | ({True} if rule.id in NOT_TRIGGERED_BY_TEXT else set())
        assert kinds == {True, False}, f"{rule.id} needs an example that fires and one that does not"


def test_rule_ids_follow_families():
    family = {"numbering": "ZJ1", "arithmetic": "ZJ2", "missing-figure": "ZJ3", "placeholder": "ZJ3",
              "punctuation": "ZJ4", "number-format": "ZJ5", "script": "ZJ6", "structure": "ZJ7",
              "boilerplate": "ZJ7", "typo": "ZJ8"}
    for rule in RULES.values():
        assert rule.id.startswith(family[rule.category]), f"{rule.id} is in {rule.category}"
        assert rule.rationale.strip() and rule.summary.strip()
