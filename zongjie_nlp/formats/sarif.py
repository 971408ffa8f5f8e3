"""SARIF 2.1.0, so code-scanning tools can show findings next to the text."""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..model import Rule
from ..model import Finding

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def to_sarif(findings: list[Finding], rules: dict[str, Rule]) -> dict[str, Any]:
    used = sorted({f.rule for f in findings})
    index = {rule_id: i for i, rule_id in enumerate(used)}
    driver_rules = [
        {
            "id": rule_id,
            "name": rules[rule_id].name,
            "shortDescription": {"text": rules[rule_id].summary},
            "fullDescription": {"text": rules[rule_id].rationale},
            "defaultConfiguration": {"level": LEVELS[rules[rule_id].severity]},
            "properties": {"category": rules[rule_id].category},
        }
        for rule_id in used
    ]
    results = []
    for f in findings:
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": (f.path or "stdin").replace("\\", "/")},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.col,
                            "endLine": f.end_line,
                            "endColumn": f.end_col,
                            "charOffset": f.start,
                            "charLength": f.end - f.start,
                        },
                    }
                }
            ],
        }
        if f.fix is not None:
            result["fixes"] = [
                {
                    "description": {"text": f"{f.fix.applicability} fix"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": (f.path or "stdin").replace("\\", "/")},
                            "replacements": [
                                {
                                    "deletedRegion": {"charOffset": f.fix.start, "charLength": f.fix.end - f.fix.start},
                                    "insertedContent": {"text": f.fix.replacement},
                                }
                            ],
                        }
                    ],
                }
            ]
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "zongjie-lint",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/zongjie-nlp/",
                        "rules": driver_rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
