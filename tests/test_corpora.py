"""Outline and quantity F1 against the hand-written gold in corpora/ (printed with -s)."""

from __future__ import annotations

from pathlib import Path

from zongjie_nlp.evaluation import evaluate, format_table

CORPORA = Path(__file__).resolve().parents[1] / "corpora"


def test_gold_f1():
    totals, per_file = evaluate(CORPORA)
    print("\n" + format_table(totals, per_file))
    assert len(per_file) >= 9
    assert totals["documents"].f1 == 1.0
    assert totals["outline"].f1 >= 0.97, totals["outline"].misses + totals["outline"].extras
    assert totals["quantities"].f1 >= 0.95, totals["quantities"].misses + totals["quantities"].extras
