"""Score the parser against the hand-written gold files in ``corpora/``.

An outline node matches when line, marker, number, level, style and inline agree; a
quantity when line, text, kind, value, unit, category and approx agree.  Both are
multisets, so a duplicated or missing item costs exactly one.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .model import Report

OUTLINE_KEYS = ("line", "marker", "number", "level", "style", "inline")
QUANTITY_KEYS = ("line", "text", "kind", "value", "unit", "category", "approx")


@dataclass
class Score:
    true_positive: int = 0
    predicted: int = 0
    gold: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)

    def add(self, other: "Score") -> None:
        self.true_positive += other.true_positive
        self.predicted += other.predicted
        self.gold += other.gold
        self.misses += other.misses
        self.extras += other.extras

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def gold_files(root: Path) -> list[tuple[Path, Path]]:
    """(document, gold) pairs: ``X.gold.json`` annotates the file named X with its last suffix."""
    pairs = []
    for gold in sorted(root.rglob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        for candidate in sorted(gold.parent.glob(stem + ".*")):
            if candidate != gold and not candidate.name.endswith(".json"):
                pairs.append((candidate, gold))
                break
    return pairs


def _key(item: dict, keys: Iterable[str]) -> tuple:
    out = []
    for k in keys:
        value = item.get(k)
        if k == "value" and value is not None:
            value = round(float(value), 4)
        if k == "inline":
            value = bool(value)
        out.append(value)
    return tuple(out)


def _score(predicted: list[tuple], gold: list[tuple]) -> Score:
    p, g = Counter(predicted), Counter(gold)
    common = p & g
    return Score(
        true_positive=sum(common.values()),
        predicted=sum(p.values()),
        gold=sum(g.values()),
        misses=sorted((g - p).elements()),
        extras=sorted((p - g).elements()),
    )


def score_report(report: Report, gold: dict) -> dict[str, Score]:
    """Outline, quantity and document scores of one parse against one gold file."""
    pred_outline = [
        _key({**n.to_json(), "line": n.line}, OUTLINE_KEYS) for d in report.documents for n in d.nodes()
    ]
    pred_quantities = [_key(q.to_json(), QUANTITY_KEYS) for q in report.quantities]
    gold_outline = [_key(n, OUTLINE_KEYS) for d in gold["documents"] for n in d["outline"]]
    gold_quantities = [_key(q, QUANTITY_KEYS) for d in gold["documents"] for q in d["quantities"]]
    pred_docs = [(d.line, d.title) for d in report.documents]
    gold_docs = [(d["line"], d["title"]) for d in gold["documents"]]
    return {
        "outline": _score(pred_outline, gold_outline),
        "quantities": _score(pred_quantities, gold_quantities),
        "documents": _score(pred_docs, gold_docs),
    }


DEV_SETS = ("seed", "gold")  # what the parser was developed against
HELDOUT_SETS = ("heldout",)  # written independently, never tuned on


def evaluate(root: Path, subsets: Iterable[str] = ()) -> tuple[dict[str, Score], dict[str, dict[str, Score]]]:
    """Totals and per-file scores over every gold file under ``root`` (or its ``subsets``)."""
    from .parser import parse

    totals = {"outline": Score(), "quantities": Score(), "documents": Score()}
    per_file = {}
    pairs = [p for sub in subsets for p in gold_files(root / sub)] if subsets else gold_files(root)
    for document, gold_path in pairs:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        scores = score_report(parse(document), gold)
        per_file[str(document.relative_to(root))] = scores
        for name, score in scores.items():
            totals[name].add(score)
    return totals, per_file


def format_table(totals: dict[str, Score], per_file: dict[str, dict[str, Score]]) -> str:
    lines = [f"{'file':<44} {'outline P/R/F1':>20} {'quantities P/R/F1':>20}"]
    for name, scores in per_file.items():
        o, q = scores["outline"], scores["quantities"]
        lines.append(f"{name:<44} {o.precision:6.3f}/{o.recall:.3f}/{o.f1:.3f} {q.precision:6.3f}/{q.recall:.3f}/{q.f1:.3f}")
    o, q, d = totals["outline"], totals["quantities"], totals["documents"]
    lines.append(f"{'TOTAL':<44} {o.precision:6.3f}/{o.recall:.3f}/{o.f1:.3f} {q.precision:6.3f}/{q.recall:.3f}/{q.f1:.3f}")
    lines.append(f"documents: {d.true_positive}/{d.gold} found, {d.predicted} predicted; "
                 f"outline nodes {o.gold}, quantities {q.gold}")
    return "\n".join(lines)
