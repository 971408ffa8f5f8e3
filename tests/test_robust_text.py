"""A text never vanishes: whatever the page looks like, its words stay in a document, are
checked, and no fix deletes more than the span its finding shows (never a paragraph)."""

from __future__ import annotations

import zongjie_nlp
from tests.helpers import SEED
from zongjie_nlp.linter import apply_edits, fix_edits


def test_a_page_without_line_breaks_is_text_not_furniture():
    flat = SEED.read_text(encoding="utf-8").replace("\n", "")
    report = zongjie_nlp.parse(flat)
    assert report.boilerplate == ()  # a 4,600-character line is not a breadcrumb
    assert sum(d.end - d.start for d in report.documents) >= 0.95 * len(flat)
    fixed = apply_edits(report.text, fix_edits(zongjie_nlp.check(report), unsafe=True))
    assert len(fixed) >= 0.95 * len(flat)


def test_unsafe_fixes_never_delete_a_paragraph():
    report = zongjie_nlp.parse(SEED)
    findings = zongjie_nlp.check(report)
    for start, end, replacement in fix_edits(findings, unsafe=True):
        deleted = report.text[start:end]
        assert "\n" not in deleted.strip() and (len(deleted) < 80 or replacement), deleted[:20]


def test_checks_past_their_time_budget_are_said_not_done():
    from zongjie_nlp.checks import run_checks

    report = zongjie_nlp.parse(SEED)
    findings = run_checks(report, config={"time_budget": 0})
    unfinished = [f for f in findings if f.rule == "ZJ719"]
    assert len(unfinished) == 1 and "arithmetic" in unfinished[0].details[0]["unfinished"]
    assert not [f for f in findings if f.category == "arithmetic"]
    assert not [f for f in run_checks(report) if f.rule == "ZJ719"]  # the default budget is ample


def test_a_long_run_of_chinese_numerals_parses_in_linear_time():
    import time

    timings = []
    for size in (20_000, 80_000):
        began = time.perf_counter()
        zongjie_nlp.parse("一二三四五六七八九十" * (size // 10))
        timings.append(time.perf_counter() - began)
    assert timings[1] < 8 * timings[0] + 0.5  # four times the text, not sixteen times the work
