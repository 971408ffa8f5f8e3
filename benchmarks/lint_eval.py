"""Score the linter against the hand-annotated lint corpus (corpora/lint/).

    python benchmarks/lint_eval.py            # the table
    python benchmarks/lint_eval.py -v         # … plus every miss, false positive and info note
    python benchmarks/lint_eval.py --json     # the whole result as JSON
    python benchmarks/lint_eval.py --check-expected   # only validate the *.expected.json files

For every ``*.txt`` in ``corpora/lint/clean`` and ``corpora/lint/flawed`` this runs
``zongjie_nlp.check(zongjie_nlp.parse(path))`` and compares the findings with the annotation
``X.expected.json`` beside ``X.txt`` (clean files have none: every finding on them is unexpected).

Matching. An expected error ``{"line", "col", "category", "text", "note"}`` is *found* (a true
positive) when some finding has the same ``category``, ``finding.line == line`` and — unless the
category is ``structure`` — its column span on that line overlaps the expected text's span
``[col, col + len(text))`` (a zero-width finding counts when it touches the span), or one of the
occurrences an aggregated finding lists in its ``details`` does. ``col`` is
optional in the annotation; without it the first occurrence of ``text`` on the line is used.
Several findings may match one expected error; the extra ones are neither hits nor false positives.

A finding that matches no expected error is a false positive (on clean and flawed files alike),
except an unmatched finding of severity ``info`` in category ``structure`` (a missing *optional*
part of a summary): those are counted separately as "info notes" and do not lower precision.
Findings with ``verified=True`` (relations that checked out) are ignored.

Per family (= category): expected, TP (expected errors found), FN (missed), FP (unmatched
findings of that category), precision = TP / (TP + FP), recall = TP / expected.

The script always exits 0 when evaluating (it is a measurement, not a gate; the targets are
asserted in tests/test_lint_corpus.py). ``--check-expected`` exits 1 if an annotation is malformed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from zongjie_nlp.resources import categories

CATEGORIES = tuple(c.name for c in categories())  # the public contract's categories
EXPECTED_KEYS = {"line", "category", "text", "note"}
OPTIONAL_KEYS = {"col"}

REPO = Path(__file__).resolve().parent.parent
DEFAULT_ROOT = REPO / "corpora" / "lint"


# --------------------------------------------------------------------------- corpus helpers


def _resolve_root(root: Any = None) -> Path:
    """Accept the corpus directory itself or a repository root containing corpora/lint."""
    if root is None:
        return DEFAULT_ROOT
    root = Path(root)
    if (root / "clean").is_dir() or (root / "flawed").is_dir():
        return root
    if (root / "corpora" / "lint").is_dir():
        return root / "corpora" / "lint"
    return root


def read_lines(path: Path) -> list[str]:
    """The file's lines as the annotation counts them (UTF-8, newlines normalised, 1-based)."""
    text = path.read_text(encoding="utf-8-sig")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def expected_path(txt: Path) -> Path:
    return txt.with_name(txt.stem + ".expected.json")


def corpus_files(root: Any = None) -> tuple[list[Path], list[Path]]:
    root = _resolve_root(root)
    clean = sorted((root / "clean").glob("*.txt"))
    flawed = sorted((root / "flawed").glob("*.txt"))
    return clean, flawed


def expected_span(item: dict, lines: list[str]) -> tuple[int, int]:
    """0-based [start, end) of the expected text on its line (-1, -1 if it is not there)."""
    line = lines[item["line"] - 1] if 1 <= item["line"] <= len(lines) else ""
    text = item["text"]
    col = item.get("col")
    if isinstance(col, int) and col >= 1:
        start = col - 1
        if line[start : start + len(text)] != text:
            return -1, -1
    else:
        start = line.find(text)
        if start < 0:
            return -1, -1
    return start, start + len(text)


def load_expected(txt: Path) -> list[dict]:
    path = expected_path(txt)
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def validate_expected(root: Any = None) -> list[str]:
    """Check every *.expected.json: shape, category names, and that each text is on its line.

    Returns a list of problems (empty = all good)."""
    root = _resolve_root(root)
    problems: list[str] = []
    clean, flawed = corpus_files(root)
    if not flawed:
        problems.append(f"{root}/flawed: no *.txt files")
    for txt in clean:
        if expected_path(txt).exists():
            problems.append(f"{txt.name}: clean documents must not have an expected.json")
    for js in sorted((root / "flawed").glob("*.expected.json")):
        if not js.with_name(js.name.replace(".expected.json", ".txt")).exists():
            problems.append(f"{js.name}: no matching .txt")
    for txt in flawed:
        rel = f"flawed/{txt.name}"
        js = expected_path(txt)
        if not js.exists():
            problems.append(f"{rel}: missing {js.name}")
            continue
        try:
            items = json.loads(js.read_text(encoding="utf-8"))
        except ValueError as exc:
            problems.append(f"{js.name}: not JSON ({exc})")
            continue
        if not isinstance(items, list) or not items:
            problems.append(f"{js.name}: must be a non-empty list")
            continue
        lines = read_lines(txt)
        seen = set()
        for i, item in enumerate(items):
            where = f"{js.name}[{i}]"
            if not isinstance(item, dict):
                problems.append(f"{where}: not an object")
                continue
            keys = set(item)
            if not EXPECTED_KEYS <= keys:
                problems.append(f"{where}: missing keys {sorted(EXPECTED_KEYS - keys)}")
                continue
            if keys - EXPECTED_KEYS - OPTIONAL_KEYS:
                problems.append(f"{where}: unknown keys {sorted(keys - EXPECTED_KEYS - OPTIONAL_KEYS)}")
            line, cat, text, note = item["line"], item["category"], item["text"], item["note"]
            if not isinstance(line, int) or isinstance(line, bool) or not 1 <= line <= len(lines):
                problems.append(f"{where}: line {line!r} outside 1..{len(lines)}")
                continue
            if cat not in CATEGORIES:
                problems.append(f"{where}: unknown category {cat!r}")
            if not isinstance(text, str) or not text:
                problems.append(f"{where}: text must be a non-empty string")
                continue
            if not isinstance(note, str) or not note.strip():
                problems.append(f"{where}: note must be a non-empty string")
            if "col" in item and (not isinstance(item["col"], int) or item["col"] < 1):
                problems.append(f"{where}: col must be a positive integer")
                continue
            start, end = expected_span(item, lines)
            if start < 0:
                at = f" at col {item['col']}" if "col" in item else ""
                problems.append(f"{where}: text {text!r} does not occur on line {line}{at}: {lines[line - 1]!r}")
                continue
            if cat == "structure" and text != lines[line - 1].strip():
                problems.append(f"{where}: a structure entry's text must be the title line ({lines[line - 1]!r})")
            key = (line, start, end, cat)
            if key in seen:
                problems.append(f"{where}: duplicate annotation")
            seen.add(key)
    return problems


# --------------------------------------------------------------------------- scoring


def _finding_span(f: Any, line_len: int) -> tuple[int, int]:
    """0-based [start, end) of a finding on its first line (to the end of the line if it continues)."""
    start = max(int(getattr(f, "col", 1) or 1) - 1, 0)
    end_line = getattr(f, "end_line", None) or f.line
    end_col = getattr(f, "end_col", None)
    if end_line != f.line or end_col is None:
        end = max(line_len, start) + 1
    else:
        end = int(end_col) - 1
    return start, end


def _overlaps(fspan: tuple[int, int], espan: tuple[int, int]) -> bool:
    fs, fe = fspan
    es, ee = espan
    if fe <= fs:  # zero-width finding (e.g. the insertion point of a missing figure)
        return es <= fs <= ee
    return fs < ee and es < fe


def _matches(f: Any, item: dict, espan: tuple[int, int], lines: list[str]) -> bool:
    """Also matches an occurrence listed in an aggregated finding's ``details`` (a finding that
    reports every place of one problem points at each of them)."""
    if f.category != item["category"]:
        return False
    if item["category"] == "structure":
        return f.line == item["line"]
    if espan[0] < 0:
        return False
    if f.line == item["line"]:
        line_len = len(lines[item["line"] - 1]) if 1 <= item["line"] <= len(lines) else 0
        if _overlaps(_finding_span(f, line_len), espan):
            return True
    return any(
        d.get("line") == item["line"]
        and _overlaps((d["col"] - 1, d["col"] - 1 + (d["end"] - d["start"])), espan)
        for d in getattr(f, "details", ()) if isinstance(d, dict) and "col" in d and "end" in d
    )


def _fdict(rel: str, f: Any) -> dict:
    return {
        "file": rel,
        "line": f.line,
        "col": getattr(f, "col", None),
        "category": f.category,
        "rule": getattr(f, "rule", ""),
        "severity": getattr(f, "severity", ""),
        "message": getattr(f, "message", ""),
    }


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def evaluate(root: Any = None) -> dict:
    """Run the linter over the corpus and score it. Returns a JSON-able dict:

    ``families`` {category: {expected, tp, fn, fp, precision, recall}}, ``overall`` (same keys),
    ``misses`` / ``false_positives`` / ``info_notes`` (lists of dicts with file, line, category …),
    ``clean_serious`` (error/warning findings on clean files), ``files`` (per-file counts),
    ``errors`` (files on which parse/check raised), ``seconds``."""
    import zongjie_nlp  # lazily: importing this module must not need the package

    root = _resolve_root(root)
    clean, flawed = corpus_files(root)
    families: dict[str, dict] = {c: {"expected": 0, "tp": 0, "fn": 0, "fp": 0} for c in CATEGORIES}
    misses: list[dict] = []
    false_positives: list[dict] = []
    info_notes: list[dict] = []
    clean_serious: list[dict] = []
    files: list[dict] = []
    errors: list[dict] = []
    t0 = time.perf_counter()

    for kind, paths in (("clean", clean), ("flawed", flawed)):
        for txt in paths:
            rel = f"{kind}/{txt.name}"
            lines = read_lines(txt)
            expected = load_expected(txt) if kind == "flawed" else []
            spans = [expected_span(item, lines) for item in expected]
            for item in expected:
                families.setdefault(item["category"], {"expected": 0, "tp": 0, "fn": 0, "fp": 0})
                families[item["category"]]["expected"] += 1
            try:
                findings = list(zongjie_nlp.check(zongjie_nlp.parse(txt)))
            except Exception as exc:  # a crash is scored as "found nothing" and reported
                errors.append({"file": rel, "error": f"{type(exc).__name__}: {exc}"})
                findings = []
            findings = [f for f in findings if not getattr(f, "verified", False)]

            hit = [False] * len(expected)
            n_fp = n_info = 0
            for f in findings:
                matched = False
                for i, item in enumerate(expected):
                    if _matches(f, item, spans[i], lines):
                        hit[i] = True
                        matched = True
                if kind == "clean" and getattr(f, "severity", None) in ("error", "warning"):
                    clean_serious.append(_fdict(rel, f))
                if matched:
                    continue
                if getattr(f, "severity", None) == "info" and f.category == "structure":
                    info_notes.append(_fdict(rel, f))
                    n_info += 1
                    continue
                families.setdefault(f.category, {"expected": 0, "tp": 0, "fn": 0, "fp": 0})
                families[f.category]["fp"] += 1
                false_positives.append(_fdict(rel, f))
                n_fp += 1
            for i, item in enumerate(expected):
                fam = families[item["category"]]
                if hit[i]:
                    fam["tp"] += 1
                else:
                    fam["fn"] += 1
                    misses.append({"file": rel, **{k: item[k] for k in ("line", "category", "text", "note")}})
            files.append(
                {
                    "file": rel,
                    "expected": len(expected),
                    "tp": sum(hit),
                    "fn": len(expected) - sum(hit),
                    "fp": n_fp,
                    "info": n_info,
                    "findings": len(findings),
                }
            )

    for fam in families.values():
        fam["precision"] = _ratio(fam["tp"], fam["tp"] + fam["fp"])
        fam["recall"] = _ratio(fam["tp"], fam["expected"])
    overall = {k: sum(f[k] for f in families.values()) for k in ("expected", "tp", "fn", "fp")}
    overall["precision"] = _ratio(overall["tp"], overall["tp"] + overall["fp"])
    overall["recall"] = _ratio(overall["tp"], overall["expected"])
    return {
        "root": str(root),
        "n_clean": len(clean),
        "n_flawed": len(flawed),
        "families": families,
        "overall": overall,
        "misses": misses,
        "false_positives": false_positives,
        "info_notes": info_notes,
        "clean_serious": clean_serious,
        "files": files,
        "errors": errors,
        "seconds": round(time.perf_counter() - t0, 3),
    }


# --------------------------------------------------------------------------- output


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def format_table(result: dict) -> str:
    head = f"{'family':<15}{'expected':>9}{'found':>7}{'missed':>8}{'FP':>5}{'precision':>11}{'recall':>8}"
    out = [
        f"lint corpus: {result['n_clean']} clean + {result['n_flawed']} flawed files ({result['root']})",
        head,
        "-" * len(head),
    ]
    fams = result["families"]
    order = list(CATEGORIES) + sorted(k for k in fams if k not in CATEGORIES)
    for name in order:
        f = fams[name]
        out.append(
            f"{name:<15}{f['expected']:>9}{f['tp']:>7}{f['fn']:>8}{f['fp']:>5}"
            f"{_pct(f['precision']):>11}{_pct(f['recall']):>8}"
        )
    o = result["overall"]
    out.append("-" * len(head))
    out.append(
        f"{'overall':<15}{o['expected']:>9}{o['tp']:>7}{o['fn']:>8}{o['fp']:>5}"
        f"{_pct(o['precision']):>11}{_pct(o['recall']):>8}"
    )
    out.append(
        f"info notes (structure, not counted): {len(result['info_notes'])}; "
        f"error/warning findings on clean files: {len(result['clean_serious'])}; "
        f"crashes: {len(result['errors'])}; {result['seconds']} s"
    )
    return "\n".join(out)


def format_details(result: dict) -> str:
    out = []
    for e in result["errors"]:
        out.append(f"CRASH {e['file']}: {e['error']}")
    out.append(f"\nmisses ({len(result['misses'])}):")
    for m in result["misses"]:
        out.append(f"  {m['file']}:{m['line']} {m['category']} {m['text']!r} — {m['note']}")
    out.append(f"\nfalse positives ({len(result['false_positives'])}):")
    for f in result["false_positives"]:
        out.append(f"  {f['file']}:{f['line']}:{f['col']} {f['category']} {f['rule']} [{f['severity']}] {f['message']}")
    out.append(f"\ninfo notes ({len(result['info_notes'])}):")
    for f in result["info_notes"]:
        out.append(f"  {f['file']}:{f['line']} {f['category']} {f['rule']} {f['message']}")
    out.append("\nper file (expected / found / FP / info):")
    for f in result["files"]:
        out.append(f"  {f['file']:<40} {f['expected']:>3} {f['tp']:>3} {f['fp']:>3} {f['info']:>3}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("root", nargs="?", default=None, help="corpus directory (default: corpora/lint)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses, false positives, info notes")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    ap.add_argument("--check-expected", action="store_true", help="only validate the annotations")
    args = ap.parse_args(argv)

    if args.check_expected:
        problems = validate_expected(args.root)
        for p in problems:
            print(p)
        print("expected.json: OK" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0

    for p in validate_expected(args.root):
        print(f"warning: annotation problem: {p}", file=sys.stderr)
    result = evaluate(args.root)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(format_table(result))
    if args.verbose:
        print(format_details(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
