"""Score parses and findings against gold facts about real documents (``corpora/realdev-gold``).

The gold holds facts, never text (see ``corpora/realdev-gold/README.md``).  Findings are judged
by an editor once and keyed by rule, start offset and a short hash of the covered text, so a
judgement survives code changes that leave the finding where it was; findings without a
judgement are reported as *unjudged* rather than guessed.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .evaluation import Score, _score
from .model import Finding, Report

JUDGED_SEVERITIES = ("error", "warning")
OUTLINE_KEYS = ("start", "marker", "number", "level", "part")
OUTLINE_PLACE_KEYS = ("start", "marker", "number")
QUANTITY_KEYS = ("start", "end", "kind", "category", "value", "approx")


def span_hash(text: str, start: int, end: int) -> str:
    """First 8 hex digits of sha1 of the covered text: the part of a judgement's key that
    tells a moved or reshaped finding from the one that was judged."""
    return hashlib.sha1(text[start:end].encode("utf-8")).hexdigest()[:8]


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class GoldFile:
    path: Path  # the gold JSON
    data: dict

    @property
    def text_name(self) -> str:
        return self.data["text"]

    @property
    def split(self) -> str:
        return self.data.get("split", "tune")


def load_gold(gold_root: Path, realdev_root: Path, split: Optional[str] = None) -> list[GoldFile]:
    """Every gold file (optionally of one split); a gold file whose text changed is an error."""
    out = []
    for path in sorted(gold_root.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if split and data.get("split") != split:
            continue
        text_path = realdev_root / data["text"]
        if data.get("sha256") and file_sha256(text_path) != data["sha256"]:
            raise ValueError(f"{path}: {data['text']} changed since the gold was written (sha256 differs)")
        out.append(GoldFile(path, data))
    return out


class Judgements:
    """The gold verdicts of one file, looked up by a finding's key."""

    def __init__(self, entries: Iterable[dict]) -> None:
        self.exact: dict[tuple, dict] = {}
        by_hash: dict[tuple, list[dict]] = {}
        for entry in entries:
            self.exact[(entry["rule"], entry["start"], entry["hash"])] = entry
            by_hash.setdefault((entry["rule"], entry["hash"]), []).append(entry)
        self.unique_hash = {k: v[0] for k, v in by_hash.items() if len(v) == 1}

    def verdict(self, finding: Finding, text: str) -> Optional[dict]:
        digest = span_hash(text, finding.start, finding.end)
        return self.exact.get((finding.rule, finding.start, digest)) or self.unique_hash.get((finding.rule, digest))


@dataclass
class RuleTally:
    findings: int = 0
    true: int = 0
    false: int = 0
    unjudged: int = 0

    @property
    def precision(self) -> Optional[float]:
        judged = self.true + self.false
        return self.true / judged if judged else None


@dataclass
class FileResult:
    name: str
    split: str
    findings: list[tuple[Finding, Optional[dict]]] = field(default_factory=list)
    outline: Optional[Score] = None
    outline_places: Optional[Score] = None
    top_sections_exact: Optional[bool] = None  # the body's first-level points exactly as the gold's
    contents_points: int = 0  # outline points predicted inside a table of contents (should be 0)
    quantities: Optional[Score] = None
    relations_gold: int = 0
    relations_found: int = 0
    documents_gold: int = 0
    documents_found: int = 0


def _gold_keys(items: Iterable[dict], keys: tuple[str, ...]) -> list[tuple]:
    out = []
    for item in items:
        row = []
        for k in keys:
            value = item.get(k)
            if k == "value" and value is not None:
                value = round(float(value), 4)
            row.append(value)
        out.append(tuple(row))
    return out


def _predicted_outline(report: Report) -> list[dict]:
    return [{"part": "body", **n.to_json()} for d in report.documents for n in d.nodes()]


def gold_outline(data: dict) -> list[dict]:
    """The gold outline with its unnumbered headings as points (marker "", number 0)."""
    points = [{"part": "body", **point} for point in data.get("outline", [])]
    points += [{"marker": "", "number": 0, "part": "body", **heading} for heading in data.get("unnumbered_headings", [])]
    return sorted(points, key=lambda p: p["start"])


def top_sections(points: list[dict]) -> list[tuple]:
    """The body's first-level points (numbered or not, no enumerations): what a reader sees as
    the report's sections."""
    return [(p["start"], p["marker"]) for p in points
            if p.get("level") == 1 and not p.get("inline") and p.get("part", "body") == "body"]


def _predicted_quantities(report: Report) -> list[dict]:
    return [q.to_json() for q in report.quantities]


def relation_recalled(relation: dict, findings: Iterable[Finding]) -> bool:
    """A stated relation is recalled when an arithmetic finding covers its stated figure,
    computes it from the gold's operands (each gold operand lies inside one of the
    relation's figures: the right pair, not just the right line), and agrees with the
    gold verdict: verified when it holds, reported as a problem when it fails."""
    at = relation["stated"]
    for f in findings:
        if f.category != "arithmetic" or not (f.start <= at < max(f.end, f.start + 1)):
            continue
        detail = f.relation
        if detail is None or f.verified != relation["holds"]:
            continue
        spans = [(op.start, op.end) for op in detail.operands]
        if all(any(s <= o < max(e, s + 1) for s, e in spans) for o in relation.get("operands", [])):
            return True
    return False


def evaluate_file(gold: GoldFile, realdev_root: Path) -> FileResult:
    from .linter import lint_report
    from .parser import parse

    report = parse(realdev_root / gold.text_name)
    findings = lint_report(report, show_verified=True)
    text = report.text
    judgements = Judgements(gold.data.get("judgements", []))
    result = FileResult(gold.text_name, gold.split)
    for f in findings:
        if f.verified:
            continue
        result.findings.append((f, judgements.verdict(f, text)))
    data = gold.data
    if data.get("outline_complete"):
        predicted, gold_points = _predicted_outline(report), gold_outline(data)
        result.outline = _score(_gold_keys(predicted, OUTLINE_KEYS), _gold_keys(gold_points, OUTLINE_KEYS))
        result.outline_places = _score(
            _gold_keys(predicted, OUTLINE_PLACE_KEYS), _gold_keys(gold_points, OUTLINE_PLACE_KEYS)
        )
        result.top_sections_exact = top_sections(predicted) == top_sections(gold_points)
        result.contents_points = sum(1 for p in predicted if p.get("part") == "contents")
    if data.get("quantities_complete"):
        result.quantities = _score(
            _gold_keys(_predicted_quantities(report), QUANTITY_KEYS), _gold_keys(data["quantities"], QUANTITY_KEYS)
        )
    relations = data.get("relations", [])
    result.relations_gold = len(relations)
    result.relations_found = sum(relation_recalled(r, findings) for r in relations)
    gold_docs = {d["start"] for d in data.get("documents", [])}
    result.documents_gold = len(gold_docs)
    result.documents_found = len(gold_docs & {d.start for d in report.documents})
    return result


def tally_by_rule(results: Iterable[FileResult], severities: Iterable[str] = JUDGED_SEVERITIES) -> dict[str, RuleTally]:
    wanted = set(severities)
    tallies: dict[str, RuleTally] = {}
    for result in results:
        for finding, verdict in result.findings:
            if finding.severity not in wanted:
                continue
            t = tallies.setdefault(finding.rule, RuleTally())
            t.findings += 1
            if verdict is None:
                t.unjudged += 1
            elif verdict["true"]:
                t.true += 1
            else:
                t.false += 1
    return dict(sorted(tallies.items()))


def severity_counts(results: Iterable[FileResult]) -> Counter:
    return Counter(f.severity for r in results for f, _ in r.findings)
