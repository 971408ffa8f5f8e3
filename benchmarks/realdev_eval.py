"""The linter and the parser on real documents (../shared/realdev) against corpora/realdev-gold.

    python benchmarks/realdev_eval.py                   # every gold file
    python benchmarks/realdev_eval.py --split tune      # the tuning half (heldout: the other half)
    python benchmarks/realdev_eval.py --unjudged        # errors and warnings without a judgement, with keys
    python benchmarks/realdev_eval.py --false           # findings judged false, with the reason
    python benchmarks/realdev_eval.py --skeleton        # write a gold stub for every text that has none

Prints, per rule, the errors and warnings raised, how many the gold judges true and false, how many
are unjudged, and precision; then outline F1 (with and without levels), quantity F1, relation
recall, documents found, and the counts the real-documents issue bounds on the government reports.
Exits 0 (a measurement, not a gate); skips with a message where ../shared/realdev is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from zongjie_nlp.evaluation import Score  # noqa: E402
from zongjie_nlp.realdev import (  # noqa: E402
    FileResult,
    evaluate_file,
    file_sha256,
    load_gold,
    severity_counts,
    span_hash,
    tally_by_rule,
)

REALDEV = REPO.parent / "shared" / "realdev"
GOLD = REPO / "corpora" / "realdev-gold"
REPORTS = "gov-reports-2026/"


def split_of(name: str) -> str:
    """Odd-numbered excerpts and reports at even alphabetical positions are for tuning."""
    if name.startswith("excerpts/"):
        return "tune" if int(Path(name).name[:2]) % 2 else "heldout"
    reports = sorted(p.name for p in (REALDEV / "gov-reports-2026").glob("*.txt"))
    return "tune" if reports.index(Path(name).name) % 2 == 0 else "heldout"


def write_skeletons() -> None:
    for text in sorted(REALDEV.rglob("*.txt")):
        name = text.relative_to(REALDEV).as_posix()
        target = GOLD / Path(name).with_suffix(".json")
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        stub = {"text": name, "sha256": file_sha256(text), "split": split_of(name),
                "genre": "gov-report" if name.startswith(REPORTS) else "", "norm": "",
                "documents": [], "outline_complete": False, "outline": [], "unnumbered_headings": [],
                "quantities_complete": False, "quantities": [], "relations": [], "defects": [],
                "judgements": []}
        target.write_text(json.dumps(stub, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {target.relative_to(REPO)}")


def _pct(value) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def _f1_line(label: str, score: Score) -> str:
    if not score.gold:
        return f"{label:<22} no gold yet"
    return (f"{label:<22} P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}"
            f"  (gold {score.gold}, predicted {score.predicted})")


def print_tables(results: list[FileResult], seconds: dict[str, float]) -> None:
    tallies = tally_by_rule(results)
    print(f"{'rule':<8}{'findings':>9}{'true':>6}{'false':>7}{'unjudged':>10}  precision")
    total_true = total_false = total_unjudged = total = 0
    for rule, t in tallies.items():
        print(f"{rule:<8}{t.findings:>9}{t.true:>6}{t.false:>7}{t.unjudged:>10}  {_pct(t.precision)}")
        total += t.findings
        total_true += t.true
        total_false += t.false
        total_unjudged += t.unjudged
    judged = total_true + total_false
    print(f"{'all':<8}{total:>9}{total_true:>6}{total_false:>7}{total_unjudged:>10}  "
          f"{_pct(total_true / judged if judged else None)}")

    outline, places, quantities = Score(), Score(), Score()
    for r in results:
        if r.outline:
            outline.add(r.outline)
            places.add(r.outline_places)
        if r.quantities:
            quantities.add(r.quantities)
    rel_gold = sum(r.relations_gold for r in results)
    rel_found = sum(r.relations_found for r in results)
    docs_gold = sum(r.documents_gold for r in results)
    docs_found = sum(r.documents_found for r in results)
    reports = [r for r in results if r.name.startswith(REPORTS)]
    bounded = sum(1 for r in reports for f, _ in r.findings
                  if f.severity != "info" and f.category in ("structure", "script", "numbering"))
    arithmetic = sum(1 for r in reports for f, _ in r.findings
                     if f.severity != "info" and f.category == "arithmetic")
    worst = max(results, key=lambda r: sum(f.severity != "info" for f, _ in r.findings))
    worst_count = sum(f.severity != "info" for f, _ in worst.findings)
    counts = severity_counts(results)
    print()
    print(f"findings by severity: error {counts['error']}, warning {counts['warning']}, info {counts['info']}")
    print(_f1_line("outline (with level)", outline))
    print(_f1_line("outline (places)", places))
    print(_f1_line("quantities", quantities))
    print(f"relations recalled     {rel_found}/{rel_gold}" + (f" = {rel_found / rel_gold:.3f}" if rel_gold else ""))
    print(f"documents found        {docs_found}/{docs_gold}")
    print(f"reports ({len(reports)}): arithmetic errors+warnings {arithmetic}; "
          f"structure/script/numbering {bounded}")
    with_outline = [r for r in reports if r.top_sections_exact is not None]
    exact = [r for r in with_outline if r.top_sections_exact]
    print(f"reports with top-level sections exactly as the gold: {len(exact)}/{len(with_outline)}"
          + "".join(f"\n    differs: {r.name}" for r in with_outline if not r.top_sections_exact)
          + f"; outline points inside a table of contents: {sum(r.contents_points for r in results)}")
    print(f"most errors+warnings in one text: {worst_count} ({worst.name}); "
          f"slowest parse+lint {max(seconds.values()):.2f} s ({max(seconds, key=seconds.get)})")


def print_outline_diff(results: list[FileResult], texts: dict[str, str]) -> None:
    """Outline points the gold has and the parse misses (-), and the parse's extras (+)."""
    for r in results:
        if not r.outline or (not r.outline.misses and not r.outline.extras):
            continue
        print(f"== {r.name}: gold {r.outline.gold}, predicted {r.outline.predicted}")
        text = texts[r.name]
        rows = [("-", m) for m in r.outline.misses] + [("+", e) for e in r.outline.extras]
        for sign, (start, marker, number, level, part) in sorted(rows, key=lambda row: (row[1][0], row[0])):
            around = text[start:start + 18].replace("\n", "⏎")
            print(f"  {sign} {start:>6} L{level} {part:<8} {marker or '(heading)'!s:<6} {around}")


def print_listing(results: list[FileResult], texts: dict[str, str], which: str) -> None:
    for r in results:
        for f, verdict in r.findings:
            if f.severity == "info" and which == "unjudged":
                continue
            if which == "unjudged" and verdict is not None:
                continue
            if which == "false" and (verdict is None or verdict["true"]):
                continue
            text = texts[r.name]
            around = text[max(0, f.start - 25): f.end + 25].replace("\n", "⏎")
            key = {"rule": f.rule, "start": f.start, "hash": span_hash(text, f.start, f.end)}
            print(f"{r.name}:{f.line}:{f.col} {f.severity} {json.dumps(key)}\n    {f.message}\n    …{around}…")
            if verdict is not None:
                print(f"    judged: {verdict['reason']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("tune", "heldout"))
    parser.add_argument("--unjudged", action="store_true")
    parser.add_argument("--false", dest="false_only", action="store_true")
    parser.add_argument("--skeleton", action="store_true")
    parser.add_argument("--outline-diff", action="store_true", help="list outline points missed and invented")
    parser.add_argument("--only", help="evaluate only texts whose path contains this")
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold folder [corpora/realdev-gold]")
    parser.add_argument("--cli", action="store_true", help="also time zongjie-lint as a whole process on every text")
    args = parser.parse_args()
    if not REALDEV.is_dir():
        print(f"skipped: {REALDEV} is absent (real documents are not part of the project)")
        return 0
    if args.skeleton:
        write_skeletons()
        return 0
    golds = load_gold(args.gold, REALDEV, args.split)
    if args.only:
        golds = [g for g in golds if args.only in g.text_name]
    results, seconds, texts = [], {}, {}
    for gold in golds:
        began = time.perf_counter()
        results.append(evaluate_file(gold, REALDEV))
        seconds[gold.text_name] = time.perf_counter() - began
        if args.unjudged or args.false_only or args.outline_diff:
            from zongjie_nlp.parser import parse
            texts[gold.text_name] = parse(REALDEV / gold.text_name).text
    if args.outline_diff:
        print_outline_diff(results, texts)
        return 0
    if args.unjudged or args.false_only:
        print_listing(results, texts, "unjudged" if args.unjudged else "false")
        return 0
    print(f"realdev: {len(results)} texts" + (f" ({args.split})" if args.split else ""))
    print_tables(results, seconds)
    if args.cli:
        time_cli([REALDEV / g.text_name for g in golds])
    return 0


def time_cli(paths: list[Path]) -> None:
    """zongjie-lint as a user runs it, one process per text: exit status and wall time."""
    import shutil
    import subprocess

    beside = Path(sys.executable).parent / "zongjie-lint"
    command = [str(beside) if beside.exists() else shutil.which("zongjie-lint") or "zongjie-lint", "--format", "json"]
    walls, statuses = {}, {}
    for path in paths:
        began = time.perf_counter()
        done = subprocess.run([*command, str(path)], capture_output=True, cwd=REPO)
        walls[path.name] = time.perf_counter() - began
        statuses[done.returncode] = statuses.get(done.returncode, 0) + 1
    slowest = max(walls, key=walls.get)
    print(f"zongjie-lint per text: exit statuses {dict(sorted(statuses.items()))}; wall median "
          f"{sorted(walls.values())[len(walls) // 2]:.2f} s, max {walls[slowest]:.2f} s ({slowest})")


if __name__ == "__main__":
    sys.exit(main())
