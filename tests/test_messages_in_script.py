"""Messages of a traditional-script document are given in its script, except the document's
own text that a message quotes (``zongjie_nlp.linter.run._in_traditional``)."""

from __future__ import annotations

from zongjie_nlp.linter.run import _in_traditional
from zongjie_nlp.model import Finding

TEXT = "這裏的发展和進步"  # 发 is a simplified character in a traditional document


def finding(message: str, start: int, end: int, details=()) -> Finding:
    return Finding("ZJ000", "script", "warning", message, start, end, 1, start + 1, 1, end + 1, details=details)


def test_a_quote_of_the_finding_s_own_span_is_kept_as_written():
    [converted] = _in_traditional([finding("“发展”中的简体字“发”", 3, 5)], TEXT)
    assert converted.message == "“发展”中的簡體字“發”"  # the span quoted as written; the rest converted


def test_a_quote_of_an_occurrence_is_kept_and_other_quotes_are_converted():
    details = ({"text": "发", "start": 3, "end": 4},)
    [converted] = _in_traditional([finding("“进步”与“发”", 6, 8, details)], TEXT)
    assert converted.message == "“進步”與“发”"


def test_a_message_repeated_on_many_findings_is_converted_for_each():
    findings = [finding("“发展”中的简体字", 3, 5), finding("“发展”中的简体字", 0, 2)]
    assert [f.message for f in _in_traditional(findings, TEXT)] == ["“发展”中的簡體字", "“發展”中的簡體字"]
