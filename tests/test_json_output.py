"""``--format json`` writes a finding of many details (an aggregated finding of a long page) a
piece at a time (formats.json); the text must be what ``json.dumps`` of the whole finding gives."""

from __future__ import annotations

import json

import pytest

from zongjie_nlp.formats.json import DETAILS_PIECE, findings_json
from zongjie_nlp.model import Finding, Fix, Occurrences


def _occurrences(count: int) -> Occurrences:
    return Occurrences(((i * 3, i * 3 + 1, i + 1, 2, ",", "，" if i % 2 else None) for i in range(count)))


def _dicts(count: int) -> list[dict]:
    return [{"start": i, "end": i + 1, "text": "甲"} for i in range(count)]


@pytest.mark.parametrize("details", [_occurrences(2 * DETAILS_PIECE + 500), _dicts(DETAILS_PIECE + 1), _dicts(3)],
                         ids=["occurrences", "dicts", "short"])
@pytest.mark.parametrize("verified", [False, True])
@pytest.mark.parametrize("fix", [None, Fix(0, 1, "，", "safe")])
def test_a_long_finding_is_written_as_json_dumps_writes_it(details, verified, fix):
    finding = Finding("ZJ401", "punctuation", "warning", "中文句内应使用全角逗号“，”", 0, 1, 1, 1, 1, 2,
                      path="a.txt", fix=fix, details=details, verified=verified)
    plain = Finding("ZJ101", "numbering", "error", "编号跳号", 5, 6, 2, 1, 2, 2)
    expected = "[\n " + ",\n ".join(json.dumps(f.to_json(), ensure_ascii=False) for f in (plain, finding, plain)) + "\n]"
    assert findings_json([plain, finding, plain]) == expected
