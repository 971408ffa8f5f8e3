"""The lint corpus (corpora/lint/) and the linter's score on it.

``pytest -s tests/test_lint_corpus.py`` prints the per-family table. The score targets are the
project's acceptance bar for the lint rules; they fail until the rules are complete.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ROOT = REPO / "corpora" / "lint"


def _load_scorer():
    spec = importlib.util.spec_from_file_location("lint_eval", REPO / "benchmarks" / "lint_eval.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


lint_eval = _load_scorer()

FLAWED = sorted((ROOT / "flawed").glob("*.txt"))
CLEAN = sorted((ROOT / "clean").glob("*.txt"))


# --------------------------------------------------------------------------- the annotations


def test_corpus_size():
    assert len(CLEAN) >= 10
    assert len(FLAWED) >= 8
    items = [item for txt in FLAWED for item in lint_eval.load_expected(txt)]
    assert len(items) >= 50
    by_cat: dict[str, int] = {}
    for item in items:
        by_cat[item["category"]] = by_cat.get(item["category"], 0) + 1
    for cat in lint_eval.CATEGORIES:
        assert by_cat.get(cat, 0) >= 4, (cat, by_cat)


@pytest.mark.parametrize("txt", FLAWED, ids=lambda p: p.name)
def test_expected_json_is_valid(txt):
    js = lint_eval.expected_path(txt)
    assert js.exists(), f"{js.name} missing"
    items = json.loads(js.read_text(encoding="utf-8"))
    assert isinstance(items, list) and items
    lines = lint_eval.read_lines(txt)
    for item in items:
        assert lint_eval.EXPECTED_KEYS <= set(item) <= lint_eval.EXPECTED_KEYS | lint_eval.OPTIONAL_KEYS, item
        assert item["category"] in lint_eval.CATEGORIES, item
        assert isinstance(item["line"], int) and 1 <= item["line"] <= len(lines), item
        assert isinstance(item["text"], str) and item["text"], item
        assert isinstance(item["note"], str) and item["note"].strip(), item
        line = lines[item["line"] - 1]
        assert item["text"] in line, f"{item['text']!r} not on line {item['line']}: {line!r}"
        if "col" in item:
            col = item["col"]
            assert line[col - 1 : col - 1 + len(item["text"])] == item["text"], item
        if item["category"] == "structure":
            assert item["text"] == line.strip(), "a missing part is annotated on the title line"


def test_validate_expected_reports_nothing():
    assert lint_eval.validate_expected(ROOT) == []


@pytest.mark.parametrize("txt", CLEAN, ids=lambda p: p.name)
def test_clean_documents_are_complete(txt):
    """The clean set's own contract: length, a signature and the date line at the end."""
    text = txt.read_text(encoding="utf-8")
    assert 800 <= len(text) <= 2000
    lines = [ln for ln in text.split("\n") if ln.strip()]
    assert lines[-1] == "2024年12月20日"
    assert not lint_eval.expected_path(txt).exists()


# --------------------------------------------------------------------------- the score


@pytest.fixture(scope="module", params=["lint", "lint-heldout"])
def result(request):
    """The development corpus (corpora/lint, used while the rules were written) and the
    held-out one (corpora/lint-heldout, written independently and never tuned on)."""
    pytest.importorskip("zongjie_nlp")
    res = lint_eval.evaluate(REPO / "corpora" / request.param)
    print(f"\n{request.param}")
    print()
    print(lint_eval.format_table(res))
    print(lint_eval.format_details(res))
    return res


def test_no_crashes(result):
    assert result["errors"] == []


def test_targets(result):
    overall = result["overall"]
    assert overall["precision"] is not None and overall["precision"] >= 0.95, overall
    assert overall["recall"] is not None and overall["recall"] >= 0.85, overall


def test_clean_documents_have_no_errors_or_warnings(result):
    serious = [f"{f['file']}:{f['line']} {f['rule']} [{f['severity']}] {f['message']}" for f in result["clean_serious"]]
    assert serious == []
