"""documents.py: what the parser records once per document — its body without page furniture,
its closing (署名 and 成文日期) and its dates — and the closing detector that rebuild shares."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import zongjie_nlp
from zongjie_nlp.documents import (DATE, _DATE_LINE, _SENTENCE_PUNCT, date_line, find_closing, find_dates,
                                   is_signature, spans_without)
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




# Dates and near-dates: each part drawn from what DATE reads and what it does not (a year of 1
# to 5 characters, ASCII, full-width or Chinese; blanks; a month 0 or 13; a weekday in brackets).
_SP = st.sampled_from(["", "", " ", "\u3000", "\t"])
_DATE = st.tuples(
    st.sampled_from(["2024", "2024", "24", "0524", "二〇二四", "〇五", "1", "20245", "２０２４", "2〇", "十二"]), _SP, st.just("年"), _SP,
    st.sampled_from(["1", "12", "0", "13", "１", "一", "十", "十二", "十三"]), _SP, st.just("月"), _SP,
    st.sampled_from(["5", "31", "05", "１", "九", "十", "二十", "三十一", "四十"]), _SP,
    st.sampled_from(["日", "日", "号", "号", "", "月"]),
    st.sampled_from(["", "", "", "（星期五）", " (周日)", "，礼拜天", "星期", "（周八）", "）"]),
).map("".join)
# Their neighbours: digits (ASCII and full-width), 年月日号, Chinese numerals, blanks, 。,
# brackets, line breaks and a few Han characters.
_DATE_PIECES = st.sampled_from([
    *"0123456789０１２", *"年月日号", *"〇一二三四五六七八九十", " ", "\u3000", "\t", "。", "，",
    "（", "）", "(", ")", "\n", "某局", "于"])
_DATE_TEXT = st.lists(st.one_of(_DATE, _DATE_PIECES), max_size=10).map("".join)


@settings(max_examples=500)
@given(_DATE_TEXT, st.data())
def test_find_dates_finds_what_the_date_pattern_finds(view, data):
    """find_dates tries DATE only just before each 年 (2 to 5 characters before it); over any
    body spans it gives exactly the spans of ``DATE.finditer`` over the same bounds (whose
    lookbehind sees the text before a span's start)."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(view)), max_size=6)) + [0, len(view)])
    body = list(zip(cuts[::2], cuts[1::2]))
    expected = tuple(m.span() for start, end in body for m in DATE.finditer(view, start, end))
    assert find_dates(view, body) == expected


def _old_date_line(view, start, end):
    """date_line before its early return: the fullmatch, then no sentence punctuation in sig."""
    m = _DATE_LINE.fullmatch(view, start, end)
    return None if m is None or _SENTENCE_PUNCT.search(m.group("sig")) else m


@settings(max_examples=500)
@given(_DATE_TEXT, st.data())
def test_date_line_returns_early_only_when_the_fullmatch_fails(view, data):
    """date_line returns None at once unless the line's last non-blank character can end a
    date (_DATE_LINE_LAST); on any line it gives what the full match gave before."""
    if data.draw(st.booleans()):  # a whole line: a signature, a date and trailing blanks
        view = "\n" + data.draw(st.lists(_DATE_PIECES, max_size=4).map("".join)) + data.draw(_DATE) + data.draw(_SP)
        start, end = 1, len(view)
    else:
        start = data.draw(st.integers(0, len(view)))
        end = data.draw(st.integers(start, len(view)))
    got, old = date_line(view, start, end), _old_date_line(view, start, end)
    assert (got and (got.span(), got.groupdict())) == (old and (old.span(), old.groupdict()))
