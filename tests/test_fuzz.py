"""Property tests over mutated corpus texts: parse, check and fix always return, and what
they return is well formed.  A small budget runs in CI; ``benchmarks/fuzz.py`` runs a large one."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zongjie_nlp
from tests.mutate import corpus_texts, mutate
from zongjie_nlp.linter import apply_edits, fix_edits

TEXTS = corpus_texts()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_parse_check_fix_hold_on_mutated_texts(seed):
    rng = random.Random(seed)
    text = mutate(rng, rng.choice(TEXTS))
    report = zongjie_nlp.parse(text)
    n = len(report.text)
    for doc in report.documents:
        assert 0 <= doc.start <= doc.end <= n
        for node in doc.nodes():
            assert doc.start <= node.start <= n
        for q in doc.quantities:
            assert 0 <= q.start < q.end <= n
    findings = zongjie_nlp.check(report)
    for f in findings:
        assert 0 <= f.start <= f.end <= n, f.rule
        spans = [(f.start, f.end)] + [(d["start"], d["end"]) for d in f.occurrences if "start" in d and "end" in d]
        fixes = ([f.fix.to_json()] if f.fix else []) + [d["fix"] for d in f.occurrences if d.get("fix")]
        if f.relation is not None:  # a relation's operands are figures of the text
            assert all(0 <= op.start < op.end <= n for op in f.relation.operands), f.rule
        for fix in fixes:  # a fix never reaches outside the span its finding shows
            assert any(s <= fix["start"] <= fix["end"] <= e for s, e in spans), f.rule
    fixed = apply_edits(report.text, fix_edits(findings, unsafe=True))
    assert len(fixed) >= 0.5 * n or n < 40  # a fix never deletes the text
    edits = fix_edits(findings)
    if edits:  # the fixed text re-lints with fewer safe fixes to make: what was fixed stays fixed
        assert len(fix_edits(zongjie_nlp.check(apply_edits(report.text, edits)))) < len(edits)
