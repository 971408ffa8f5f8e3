"""The foundation issue's must-shows on the seed page (a real web page, traditional script)."""

from __future__ import annotations

from pathlib import Path

import pytest

import zongjie_nlp

SEED = Path(__file__).resolve().parents[1] / "corpora" / "seed" / "union-annual-summaries.txt"


@pytest.fixture(scope="module")
def report():
    return zongjie_nlp.parse(SEED)


def test_three_documents_at_their_title_lines(report):
    assert [d.line for d in report.documents] == [11, 47, 109]
    assert report.script == "traditional"
    assert report.encoding == "utf-8"


def test_the_list_missing_its_third_point(report):
    doc2 = report.documents[1]
    five = [n for n in doc2.outline if n.marker == "5、"][0]
    assert [c.number for c in five.children] == [1, 2, 4, 5, 6, 7]
    assert {c.level for c in five.children} == {2}
    assert five.children[2].line == 85


def test_levels_in_document_one(report):
    doc1 = report.documents[0]
    levels = [(n.line, n.marker, n.level, n.number) for n in doc1.nodes()]
    assert levels[:4] == [(17, "一、", 1, 1), (19, "(一)、", 2, 1), (21, "1、", 3, 1), (23, "2、", 3, 2)]
    inline = [(n.line, n.marker, n.level) for n in doc1.nodes() if n.inline]
    assert inline == [(29, "一是", 4), (29, "二是", 4)]
    shi = [(n.line, n.level, n.number) for n in doc1.nodes() if n.style == "cn-shi" and not n.inline]
    assert shi == [(35, 3, 1), (37, 3, 2), (39, 3, 3), (41, 3, 4)]
    assert [n.number for n in doc1.nodes() if n.style == "paren-cn"] == [1, 2, 3, 4]


# fmt: off
MONEY = [
    ("15萬多元", 150000, True), ("13.02萬元", 130200, False), ("41320元", 41320, False),
    ("7.4萬元", 74000, False), ("27萬元", 270000, False), ("二百元", 200, False),
    ("三千二百多元", 3200, True),
]
COUNTS = [
    ("240人", "people"), ("11名", "people"), ("39 名", "people"), ("51人", "people"), ("79家", "orgs"),
    ("10家", "orgs"), ("69家", "orgs"), ("41家", "orgs"), ("39家", "orgs"), ("10個單位", "orgs"),
    ("10位", "people"), ("兩位", "people"), ("十多名", "people"),
]
# fmt: on


def test_all_seven_money_amounts_exact(report):
    money = [(q.text, q.value, q.approx) for q in report.quantities if q.kind == "money"]
    assert money == MONEY
    three_thousand = [q for q in report.quantities if q.text == "三千二百多元"][0]
    assert (three_thousand.low, three_thousand.high) == (3200, 3300)
    fifteen = [q for q in report.quantities if q.text == "15萬多元"][0]
    assert (fifteen.low, fifteen.high) == (150000, 160000)


@pytest.mark.parametrize("text, category", COUNTS)
def test_headcounts_and_org_counts(report, text, category):
    hits = [q for q in report.quantities if q.text == text and q.kind == "count"]
    assert hits and hits[0].category == category


def test_the_one_percentage(report):
    percents = [q for q in report.quantities if q.kind == "percent"]
    assert [(q.text, q.value, q.decimals, q.line) for q in percents] == [("95.1%", 95.1, 1, 29)]


@pytest.mark.parametrize("trap", ["1.64W", "二屆四次", "江津四中", "四牌坊", "18歲", "6月10日", "二等獎", "3篇"])
def test_traps_are_not_quantities(report, trap):
    start = report.text.index(trap)
    assert not [q for q in report.quantities if q.start < start + len(trap) and start < q.end]


def test_offsets_point_into_the_original_text(report):
    for q in report.quantities:
        assert report.text[q.start:q.end] == q.text
        line, col = report.line_col(q.start)
        assert (line, col) == (q.line, q.col)
    for doc in report.documents:
        for node in doc.nodes():
            assert report.text[node.start:].startswith(node.marker)


def test_page_furniture(report):
    kinds = {(b.kind, b.line) for b in report.boilerplate}
    assert ("breadcrumb", 1) in kinds and ("views", 5) in kinds and ("blurb", 7) in kinds
