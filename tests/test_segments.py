"""A long input is parsed and checked a segment of documents at a time (parser.Page.segments,
linter.lint_source): the findings must be those of the whole report, in one process or
several, and an aggregated finding's occurrences (model.Occurrences) must read as the dicts
they stand for."""

from __future__ import annotations

import pickle

import pytest

from tests.helpers import REPO
from zongjie_nlp import parser
from zongjie_nlp.linter.run import lint_report, lint_source
from zongjie_nlp.model import Occurrences
from zongjie_nlp.source import Source

REALDEV = REPO.parent / "shared" / "realdev"


def page_of(paths) -> Source:
    """The texts as one page of many summaries, each under a 篇N title line (as pages that
    collect summaries have), twice over."""
    texts = [p.read_text(encoding="utf-8") for p in paths]
    return Source("\n\n".join(f"【篇{n}】\n{text}" for n, text in enumerate(texts * 2, 1)), None, "str")


def corpus_page() -> Source:
    return page_of(p for p in sorted((REPO / "corpora").rglob("*.txt")) if not p.name.endswith(".gbk.txt"))


def whole_and_segmented(source: Source, monkeypatch, max_chars: int, workers: int = 1):
    whole = [f.to_json() for f in lint_report(parser.parse_source(source), show_verified=True)]
    monkeypatch.setattr(parser, "SEGMENT_CHARS", max_chars)
    segmented = [f.to_json() for f in lint_source(source, show_verified=True, workers=workers)]
    return whole, segmented


def test_a_page_is_cut_into_segments_of_whole_documents(monkeypatch):
    page = parser.read_page(corpus_page())
    segments = page.segments(20_000)
    assert len(segments) >= 5
    assert [span for segment in segments for span in segment.spans] == page.spans
    bounds = [segment.bounds for segment in segments]
    assert bounds[0][0] == 0 and bounds[-1][1] == len(page.text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))  # they tile the text
    report = page.segment_report(segments[3])
    assert [d.start for d in report.documents] == [s.start for s in segments[3].spans]
    assert not report.holds_page_start and page.segment_report(segments[0]).holds_page_start
    # a short input is one segment: the report parse_source gives
    single = parser.read_page(Source("一、总体情况\n全年完成任务。", None, "str")).segments()
    assert len(single) == 1 and single[0].bounds is None


@pytest.mark.parametrize("workers", [1, 2])
def test_segmented_findings_are_the_whole_reports(monkeypatch, workers):
    whole, segmented = whole_and_segmented(corpus_page(), monkeypatch, 20_000, workers)
    assert len(whole) > 100
    assert any(len(f.get("details", ())) > 20 for f in whole)  # aggregated findings were joined
    assert segmented == whole


@pytest.mark.skipif(not REALDEV.is_dir(), reason=f"{REALDEV} is absent (real documents are not shipped)")
def test_segmented_findings_are_the_whole_reports_on_real_documents(monkeypatch):
    source = page_of(sorted(REALDEV.rglob("*.txt")))
    whole, segmented = whole_and_segmented(source, monkeypatch, 5_000)
    assert segmented == whole


def test_the_check_sees_where_segments_are_cut(monkeypatch):
    """The test above can fail: cutting the page without telling the checks (each segment a
    report of the whole page) repeats what is said once per page."""
    source = corpus_page()
    page = parser.read_page(source)
    segments = page.segments(20_000)
    from zongjie_nlp.checks import join_segments, run_checks

    blind = [page.report(tuple(page.document(span) for span in s.spans)) for s in segments]
    joined = join_segments((r, run_checks(r)) for r in blind)
    monkeypatch.setattr(parser, "SEGMENT_CHARS", 20_000)
    told = lint_source(source)
    assert len(joined) != len(told)


def test_occurrences_read_as_dicts():
    rows = [(3, 4, 1, 4, ",", "，"), (9, 10, 2, 1, ",", None)]
    occurrences = Occurrences(rows, "safe")
    assert len(occurrences) == 2
    assert occurrences[0] == {"start": 3, "end": 4, "line": 1, "col": 4, "text": ",",
                              "fix": {"start": 3, "end": 4, "replacement": "，", "applicability": "safe"}}
    assert occurrences[-1]["fix"] is None
    assert Occurrences(rows, "safe", none_fix=False)[1] == {"start": 9, "end": 10, "line": 2, "col": 1, "text": ","}
    assert occurrences == tuple(occurrences) and occurrences[:1] == [occurrences[0]]
    assert pickle.loads(pickle.dumps(occurrences)) == occurrences
    joined = occurrences + Occurrences([(20, 21, 3, 2, ";", "；")], "safe")
    assert [o["start"] for o in joined] == [3, 9, 20] and joined.texts == {",", ";"}
    assert occurrences.has_safe_fix and not Occurrences([rows[1]], "safe").has_safe_fix
    with pytest.raises(IndexError):
        occurrences[2]


def test_occurrences_from_columns_are_those_of_the_rows():
    rows = [(3, 4, 1, 4, ",", "，"), (9, 10, 2, 1, ",", None), (12, 14, 2, 4, "ab", "ab")]
    columns = [list(column) for column in zip(*rows)]
    for none_fix in (True, False):
        made = Occurrences.from_columns(*columns, "unsafe", none_fix=none_fix)
        assert made == Occurrences(rows, "unsafe", none_fix=none_fix)
        assert list(made) == list(Occurrences(rows, "unsafe", none_fix=none_fix))
    assert Occurrences.from_columns([], [], [], [], [], []) == Occurrences()


def test_observe_sees_each_document_once_as_the_whole_report_has_it(monkeypatch):
    """``lint_source(observe=…)`` (what ``zongjie archive`` counts its statistics with) gets each
    segment's report: together they hold the documents, outlines and quantities of the whole."""
    from zongjie_nlp.archive.partition import ParseStats

    source = corpus_page()
    whole = ParseStats()
    whole.add(parser.parse_source(source))
    monkeypatch.setattr(parser, "SEGMENT_CHARS", 20_000)
    seen, reports = ParseStats(), []
    lint_source(source, observe=lambda report: (reports.append(report.segment), seen.add(report)))
    assert len(reports) >= 5  # segments, not one report
    assert whole.documents > 20 and whole.outline_points > 100 and whole.quantities > 100
    assert seen == whole


def test_workers_get_several_segments_each(monkeypatch):
    """Workers finish together only when each checks several segments; a segment is never
    longer than one process would make it, nor so short that its fixed costs dominate."""
    from zongjie_nlp.linter.segments import MIN_PARALLEL_SEGMENT, SEGMENTS_PER_WORKER, parallel_segment_chars

    assert parallel_segment_chars(1_000_000, 2) == 1_000_000 // (2 * SEGMENTS_PER_WORKER)
    assert parallel_segment_chars(100_000, 4) == MIN_PARALLEL_SEGMENT
    assert parallel_segment_chars(50_000_000, 2) == parser.SEGMENT_CHARS
    monkeypatch.setattr(parser, "SEGMENT_CHARS", 20_000)
    assert parallel_segment_chars(1_000_000, 2) == 20_000


def test_occurrences_gathered_run_by_run_are_the_runs_joined():
    from zongjie_nlp.model import GatheredOccurrences

    runs = [[(3, 4, 1, 4, "為", "为")], [(9, 10, 2, 1, "為", None), (12, 13, 2, 4, "裡", "里")], [(20, 21, 3, 1, "為", "为")]]
    gathered = GatheredOccurrences()
    for run in runs:
        gathered.add(Occurrences(run, "unsafe"))
    assert len(gathered) == 4
    assert gathered.occurrences() == Occurrences([row for run in runs for row in run], "unsafe")
    assert Occurrences.joined(Occurrences(run, "unsafe") for run in runs) == gathered.occurrences()


def test_occurrence_texts_read_back_from_workers_are_one_string_each():
    """Each segment's findings come back from a worker pickled: their texts are made one string
    each again (a long page repeats a few texts hundreds of thousands of times)."""
    first = pickle.loads(pickle.dumps(Occurrences([(3, 4, 1, 4, "".join(["為"]), "为")], "unsafe")))
    second = pickle.loads(pickle.dumps(Occurrences([(9, 10, 2, 1, "".join(["為"]), "为")], "unsafe")))
    assert first[0]["text"] is second[0]["text"]
    assert first[0]["fix"]["replacement"] is second[0]["fix"]["replacement"]
