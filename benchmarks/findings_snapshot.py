"""Record everything the library says about a set of files, to compare before and after a change
that must not change behaviour (a refactor, a speed-up).

    python benchmarks/findings_snapshot.py save before.json              # corpora/ and tests' inputs
    python benchmarks/findings_snapshot.py save after.json DIR_OR_FILE…  # other inputs
    python benchmarks/findings_snapshot.py compare before.json after.json

For each file: the findings (with verified relations) as ``zongjie-lint --format json`` writes them,
the outline and the quantities.  ``compare`` prints the files whose record differs and the first
differing entries, and exits 1 when any does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from zongjie_nlp import check, parse
from zongjie_nlp.errors import ZongjieError

REPO = Path(__file__).resolve().parent.parent
DEFAULT_INPUTS = (REPO / "corpora",)
SUFFIXES = (".txt", ".docx", ".md")


def _files(inputs: list[Path]) -> list[Path]:
    files: list[Path] = []
    for item in inputs:
        if item.is_dir():
            files += sorted(p for p in item.rglob("*") if p.suffix in SUFFIXES and p.is_file())
        else:
            files.append(item)
    return files


def record(path: Path) -> dict:
    """What the library says about one file: findings, outline, quantities."""
    try:
        report = parse(path=str(path))
    except ZongjieError as err:
        return {"error": str(err)}
    findings = check(report, show_verified=True)
    return {
        "findings": [f.to_json() for f in findings],
        "outline": report.to_json(),
        "quantities": [[q.kind, q.start, q.end, q.value, q.unit] for q in report.quantities],
    }


def save(out: Path, inputs: list[Path]) -> None:
    snapshot = {str(p.relative_to(REPO) if p.is_relative_to(REPO) else p): record(p) for p in _files(inputs)}
    out.write_text(json.dumps(snapshot, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(snapshot)} files → {out}")


def compare(before: Path, after: Path) -> int:
    old = json.loads(before.read_text(encoding="utf-8"))
    new = json.loads(after.read_text(encoding="utf-8"))
    changed = 0
    for name in sorted(set(old) | set(new)):
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        changed += 1
        print(f"≠ {name}")
        for key in ("error", "findings", "outline", "quantities"):
            x, y = (a or {}).get(key), (b or {}).get(key)
            if x != y:
                print(f"   {key}: {_first_difference(x, y)}")
    print(f"{changed} of {len(set(old) | set(new))} files differ")
    return 1 if changed else 0


def _first_difference(x, y) -> str:
    if isinstance(x, list) and isinstance(y, list):
        for i, (p, q) in enumerate(zip(x, y)):
            if p != q:
                return f"entry {i}: {json.dumps(p, ensure_ascii=False)[:300]} → {json.dumps(q, ensure_ascii=False)[:300]}"
        return f"{len(x)} entries → {len(y)}"
    return f"{json.dumps(x, ensure_ascii=False)[:300]} → {json.dumps(y, ensure_ascii=False)[:300]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("save")
    s.add_argument("out", type=Path)
    s.add_argument("inputs", nargs="*", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "save":
        save(args.out, [p.resolve() for p in args.inputs] or list(DEFAULT_INPUTS))
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
