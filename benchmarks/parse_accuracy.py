"""Outline and quantity precision/recall/F1 on the development and held-out gold sets.

    python benchmarks/parse_accuracy.py [-v]      # -v lists every miss and extra
"""

from __future__ import annotations

import sys
from pathlib import Path

from zongjie_nlp.evaluation import DEV_SETS, HELDOUT_SETS, evaluate, format_table

CORPORA = Path(__file__).resolve().parents[1] / "corpora"

for name, subsets in (("development set (seed/, gold/)", DEV_SETS), ("held-out set (heldout/)", HELDOUT_SETS)):
    totals, per_file = evaluate(CORPORA, subsets)
    print(f"\n{name}\n{format_table(totals, per_file)}")
    if "-v" in sys.argv:
        for kind in ("outline", "quantities", "documents"):
            for miss in totals[kind].misses:
                print(f"  {kind} miss:  {miss}")
            for extra in totals[kind].extras:
                print(f"  {kind} extra: {extra}")
