"""The spaCy component: registered through the spacy_factories entry point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[1] / "corpora" / "seed" / "union-annual-summaries.txt"


def run_python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_importing_the_package_does_not_import_spacy():
    out = run_python(
        "import sys, zongjie_nlp\n"
        "r = zongjie_nlp.parse('共发放13.02万元。')\n"
        "print('spacy' in sys.modules, 'jieba' in sys.modules)"
    )
    assert out.split() == ["False", "False"]


def test_factory_found_through_entry_point_without_import():
    pytest.importorskip("spacy")
    out = run_python(
        "import spacy\n"
        "nlp = spacy.blank('zh')\n"  # character segmenter: no jieba dictionary needed
        "nlp.add_pipe('zongjie')\n"
        "doc = nlp('走访慰问困难职工240人，发放资金13.02万元，组建率为95.1%。')\n"
        "print('|'.join(f'{e.text}/{e.label_}/{e._.zongjie_category}' for e in doc.ents))"
    )
    assert out.strip() == "240人/CARDINAL/people|13.02万元/MONEY/money|95.1%/PERCENT/percent"


def test_jieba_pipeline_on_the_seed():
    spacy = pytest.importorskip("spacy")
    import zongjie_nlp.spacy  # noqa: F401  (explicit import works too)

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("zongjie", config={"lint": True})
    doc = nlp(SEED.read_text(encoding="utf-8"))
    money = [e for e in doc.ents if e.label_ == "MONEY"]
    assert len(money) == 7
    assert all(e._.zongjie_quantity["kind"] == "money" for e in money)
    # expand alignment: the entity covers at least the quantity's characters
    for entity in doc.ents:
        quantity = entity._.zongjie_quantity
        assert entity.start_char <= quantity["start"] and quantity["end"] <= entity.end_char
    outline = doc.spans["outline"]
    assert len(outline) == sum(1 for d in doc._.zongjie_report.documents for _ in d.nodes())
    assert {span.label_ for span in outline} >= {"L1", "L2", "L3"}
    assert doc._.findings, "lint=True attaches findings"
