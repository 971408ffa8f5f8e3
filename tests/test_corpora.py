"""Outline and quantity F1 against the hand-written gold in corpora/ (tables printed with -s).

The development set (seed/, gold/) is what the parser was built against; the held-out set
(heldout/) was annotated independently afterwards and is the honest measure."""

from __future__ import annotations

from pathlib import Path

import pytest

from zongjie_nlp.evaluation import DEV_SETS, HELDOUT_SETS, evaluate, format_table

CORPORA = Path(__file__).resolve().parents[1] / "corpora"


@pytest.mark.parametrize("name, subsets, min_files", [("development", DEV_SETS, 11), ("held-out", HELDOUT_SETS, 6)])
def test_gold_f1(name, subsets, min_files):
    totals, per_file = evaluate(CORPORA, subsets)
    print(f"\n{name} set\n" + format_table(totals, per_file))
    assert len(per_file) >= min_files
    assert totals["documents"].f1 == 1.0, totals["documents"].misses + totals["documents"].extras
    assert totals["outline"].f1 >= 0.97, totals["outline"].misses + totals["outline"].extras
    assert totals["quantities"].f1 >= 0.95, totals["quantities"].misses + totals["quantities"].extras
