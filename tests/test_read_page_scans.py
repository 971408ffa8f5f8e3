"""The shared scans of reading a page (zongjie_nlp.boilerplate, documents, script, profile) give
what one scan per pattern, or one comparison per character, gives: each shortcut is held to the
plain reading it replaces."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from zongjie_nlp import boilerplate, script
from zongjie_nlp.model import Boilerplate, LineIndex

_FURNITURE_PIECES = st.sampled_from([
    "当前位置：首页", " > ", "»", "阅读(2.3W)", "浏览次数：12", "小编整理", "仅供参考", "下载", "打印", "【字号： 加大 】",
    "大", "中", "来源：某某日报", "时间：2026-02-11", "2026-02-11", "本报记者 王小明 摄", "编辑", "小编辑", "点击",
    "color: #333;\">", "style=\"a\" />", "http://a.cn/x", "www.b.cn", "第 3 页，共 9 页", "（下转第二版）", "1、", "2、",
    "工作", "。", " ", "\u3000", "\n", "\n", "x" * 61, "x" * 300])


def _plain_boilerplate(text: str, view: str) -> list[Boilerplate]:
    """find_boilerplate as it was written first: each trigger scanned over the whole page, each
    residue pattern too."""
    by_start: dict[int, tuple[int, str, int]] = {}
    for rank, (kind, trigger, line_pattern) in enumerate(boilerplate.furniture()):
        for line_start in trigger.line_starts(view):
            line_end = view.find("\n", line_start)
            line_end = len(view) if line_end < 0 else line_end
            if line_end - line_start > boilerplate.FURNITURE_MAX_LINE or not line_pattern.fullmatch(view, line_start, line_end):
                continue
            start = boilerplate.line_lead(view, line_start, line_end)
            end = line_start + len(view[line_start:line_end].rstrip())
            if end > start and (start not in by_start or by_start[start][0] > rank):
                by_start[start] = (rank, kind, end)
    spans = [(start, end, kind) for start, (_, kind, end) in by_start.items()]
    for kind, pattern, _ in boilerplate.INLINE_RESIDUE:
        spans.extend((m.start(), m.end(), kind) for m in pattern.finditer(view))
    spans.extend((s, e, "viewer-chunk") for s, e in boilerplate._viewer_chunks(view))
    found: list[Boilerplate] = []
    index = LineIndex(text)
    for start, end, kind in sorted(spans):
        if found and start < found[-1].end:
            continue
        line, col = index.line_col(start)
        found.append(Boilerplate(kind, text[start:end], start, end, line, col))
    return found


@settings(max_examples=300)
@given(st.lists(_FURNITURE_PIECES, max_size=24).map("".join))
def test_find_boilerplate_finds_what_a_scan_per_trigger_finds(text):
    assert boilerplate.find_boilerplate(text, text, LineIndex(text)) == _plain_boilerplate(text, text)


@given(st.lists(_FURNITURE_PIECES, max_size=16).map("".join))
def test_a_line_a_trigger_hits_is_a_candidate_and_hits_line_says_so(text):
    candidates = set(boilerplate._trigger_lines(text))
    for _, trigger, _ in boilerplate.furniture():
        hit = trigger.line_starts(text)
        assert hit <= candidates
        for start in candidates:
            end = text.find("\n", start)
            assert trigger.hits_line(text, start, len(text) if end < 0 else end) == (start in hit)


def _plain_viewer_chunks(view: str) -> list[tuple[int, int]]:
    """_viewer_chunks with its first patterns: a multiline ``^`` marker, a ``$`` sentence end."""
    marker = regex.compile(r"^(?P<n>[0-9]{1,3})、", regex.M)
    sentence_end = regex.compile(r"[。！？!?；;：:…”’」』）)][ \t\u3000]*$")
    runs, run = [], []
    for m in marker.finditer(view):
        number = int(m.group("n"))
        previous = view[view.rfind("\n", 0, max(m.start() - 1, 0)) + 1:max(m.start() - 1, 0)]
        long_line = len(previous) >= boilerplate.CHUNK_MIN_LINE
        cut = long_line and not sentence_end.search(previous)
        if number == 1 and (m.start() == 0 or cut):
            run = [(m.start(), m.end())]
            runs.append(run)
        elif run and number == len(run) + 1 and (cut or (len(run) >= 2 and long_line)):
            run.append((m.start(), m.end()))
        else:
            run = []
    return [span for r in runs if len(r) >= 2 for span in r]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["1、", "2、", "3、", "1234、", "\n", "\n", "x" * 59, "文字", "。", "） ", "\u3000", "\r"]),
                max_size=16).map("".join))
def test_viewer_chunks_are_those_the_multiline_pattern_finds(view):
    assert boilerplate._viewer_chunks(view) == _plain_viewer_chunks(view)


_ALIGN_CHARS = st.sampled_from(["中", "國", "国", "\U00020001", "\uf900", "?", "a", "，", "é", "\u4dc0", "\n", "〇"])


@settings(max_examples=500)
@given(st.lists(_ALIGN_CHARS, max_size=8), st.lists(st.tuples(st.integers(0, 7), _ALIGN_CHARS), max_size=3))
def test_the_skeleton_check_says_what_the_cjk_runs_say(orig, changes):
    conv = list(orig)
    for at, char in changes:
        if at < len(conv):
            conv[at] = char
    orig, conv = "".join(orig), "".join(conv)
    assert script._aligned(orig, conv) == script._aligned_runs(orig, conv)


def test_the_skeleton_has_a_byte_for_each_of_its_characters_and_ideographs_share_one():
    assert len(script._SKELETON_CHARS) == len(set(script._SKELETON_CHARS)) == 256
    assert script._skeleton("中\U00020001?，a") == b"???" + script._skeleton("，a")
    assert not script._aligned("?中", "中?") and script._aligned("中?", "國?")


def _plain_verdict(text: str) -> str:
    """detect_script as it was first written: both counts in full, then the rules."""
    if not text or script._CJK_RE.search(text) is None:
        return "unknown"
    t, s = script.ScriptMarks(text, simplified_view(text)).counts(((0, len(text)),))
    return script._verdict(t, s)


simplified_view = script.simplified_view


@settings(max_examples=300)
@given(st.lists(st.tuples(st.sampled_from(["這個", "国家", "經濟", "发展", "工作", "\uf900", "a。", "说"]),
                          st.integers(1, 120)), max_size=6))
def test_detect_script_says_what_the_full_counts_say(parts):
    text = "".join(piece * n for piece, n in parts)
    assert script.detect_script(text) == _plain_verdict(text)


def test_the_traditional_count_stops_once_it_has_enough():
    text = "這個國家" * 2000
    marks = script.ScriptMarks(text, simplified_view(text))
    assert marks.traditional_count(((0, len(text)),)) == 6000
    assert 10 <= marks.traditional_count(((0, len(text)),), enough=10) <= script._STEP
