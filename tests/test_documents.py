"""documents.py: what the parser records once per document — its body without page furniture,
its closing (署名 and 成文日期) and its dates — and the closing detector that rebuild shares."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import zongjie_nlp
from zongjie_nlp.documents import date_line, find_closing, is_signature, spans_without
from zongjie_nlp.drafting.rebuild import read_documents

BODY = ("2024年度工会工作总结\n"
        "今年以来，我们围绕中心工作扎实推进各项任务，职工满意度不断提升，各项指标全面完成。\n"
        "一、主要工作\n全年共开展活动12次，参与职工300人。\n"
        "二、存在问题\n基层基础还不够扎实。\n"
        "三、下步打算\n明年将继续加强组织建设。\n")


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.rindex(part)
    return start, start + len(part)


def test_a_signature_and_date_at_the_end_are_the_closing():
    text = BODY + "某某市总工会\n2024年12月31日"
    doc = zongjie_nlp.parse(text).documents[0]
    assert doc.closing is not None
    assert doc.closing.signature == _span(text, "某某市总工会")
    assert doc.closing.date == _span(text, "2024年12月31日")
    assert doc.closing.date in doc.dates


def test_a_date_inside_the_last_sentence_is_no_closing():
    text = BODY + "全年工作已于2024年12月31日全部完成，特此总结。"
    doc = zongjie_nlp.parse(text).documents[0]
    assert doc.closing is None
    assert _span(text, "2024年12月31日") in doc.dates  # still a date the checks look at


def test_the_line_judgements():
    view = "某某局 2024年1月5日"
    line = date_line(view, 0, len(view))
    assert line is not None and line.group("sig") == "某某局" and line.group("date") == "2024年1月5日"
    sentence = "会议于2024年1月5日召开。"
    assert date_line(sentence, 0, len(sentence)) is None
    assert is_signature("报告人：张三") and is_signature("某某市总工会")
    assert not is_signature("一、主要工作") and not is_signature("特此报告：") and not is_signature("ABC")
    assert find_closing("", "", ()) is None


def test_the_body_leaves_page_furniture_out():
    text = "2024年度工会工作总结\n当前位置：首页 > 工作总结\n全年共开展活动12次，参与职工300人，覆盖全部基层单位。"
    report = zongjie_nlp.parse(text)
    doc = report.documents[0]
    crumb = next(b for b in report.boilerplate if b.kind == "breadcrumb")
    assert doc.body == spans_without(doc.start, doc.end, report.boilerplate)
    assert all(e <= crumb.start or s >= crumb.end for s, e in doc.body)
    assert not doc.in_body(crumb.start) and doc.in_body(text.index("全年"))
    assert set(doc.to_json()) == {"title", "line", "start", "end", "genre", "parts", "outline", "quantities"}


def test_rebuild_reads_the_same_closing_as_the_parser():
    """One detector: the lines rebuild writes as signature and date are the parser's closing,
    including a signature on the date's own line."""
    for ending, signature in (("某某市总工会\n2024年12月31日", "某某市总工会"),
                              ("某某市总工会 2024年12月31日", "某某市总工会")):
        text = BODY + ending
        report = zongjie_nlp.parse(text)
        closing = report.documents[0].closing
        entries = read_documents(report)[0].entries
        kinds = {e.kind: (e.start, e.end) for e in entries if e.kind in ("signature", "date")}
        assert kinds == {"signature": closing.signature, "date": closing.date}
        assert text[slice(*closing.signature)] == signature


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=8), st.integers(0, 50))
def test_a_document_s_opening_is_the_start_of_its_body_joined(cuts, length):
    """The genre is read from the body's opening characters: joined span by span until there
    are enough, as the whole body joined would start."""
    from zongjie_nlp.parser import _opening

    view = "".join(chr(0x4E00 + i) for i in range(120))
    body = sorted((start, start + width) for start, width in cuts)
    assert _opening(view, body, length) == "".join(view[s:e] for s, e in body)[:length]
