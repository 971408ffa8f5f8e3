"""zongjie_nlp.script: script detection, the aligned simplified view, width folding."""

from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zongjie_nlp import script
from zongjie_nlp.script import (
    detect_script,
    fold_digits,
    fold_figures,
    fold_width,
    is_cjk,
    simplified_view,
    to_simplified,
    to_traditional,
    trad_simp_chars,
    width_folder,
)
from tests.helpers import REPO, SEED


SIMPLIFIED = (
    "一、主要工作\n"
    "（一）继续深化帮扶工作，解困难职工之所忧。我们依托帮扶中心这个“窗口”，在面向社会、"
    "服务职工群众上，开展形式多样的帮扶工作，积极筹措帮扶资金13.02万元，为困难职工提供"
    "“直接帮扶”和“有效帮扶”。今年共走访慰问困难职工240人，发放慰问金15万多元。\n"
    "（二）加强基层组织建设，全市41家企业中已有39家建立工会组织，建会率达95.1%。\n"
)

TRADITIONAL_SHORT = "市總工會在市委、市政府的正確領導下，堅持務實創新的工會工作思路，各項工作有了突破性進展。"


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- detection


def test_seed_is_traditional(seed):
    assert detect_script(seed) == "traditional"
    trad, simp = trad_simp_chars(seed)
    assert len(trad) > 1000
    # 群/核/了 are changed by OpenCC's own s2t standard (群→羣) but are valid traditional
    assert simp == []


def test_simplified_paragraph():
    assert detect_script(SIMPLIFIED) == "simplified"
    trad, simp = trad_simp_chars(SIMPLIFIED)
    assert trad == []
    assert len(simp) > 30
    assert all(is_cjk(SIMPLIFIED[i]) for i in simp)


def test_mixed_paragraph():
    mixed = TRADITIONAL_SHORT + "\n" + SIMPLIFIED
    assert detect_script(mixed) == "mixed"
    trad, simp = trad_simp_chars(mixed)
    boundary = len(TRADITIONAL_SHORT)
    assert trad and all(i < boundary for i in trad)
    assert simp and all(i > boundary for i in simp)


def test_seed_converted_is_simplified(seed):
    assert detect_script(to_simplified(seed)) == "simplified"


def test_seed_with_a_few_simplified_chars_is_mixed(seed):
    # Five simplified-only characters in a traditional page: within 2% of 1,490 → still traditional
    assert detect_script(seed + "我们这个为") == "traditional"
    # but a simplified paragraph pasted in makes it mixed
    assert detect_script(seed + SIMPLIFIED * 2) == "mixed"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "unknown"),
        ("Annual report 2023: 95.1%", "unknown"),
        ("工作", "simplified"),  # script-neutral
        ("一、主要工作", "simplified"),
        ("乾隆皇帝", "simplified"),  # 乾 in 乾隆 is also simplified
        ("工會", "traditional"),  # one traditional-only character and no simplified one
        ("工作总结", "simplified"),
        ("我們的頭髮", "traditional"),
        ("他的头发很长", "simplified"),
        ("公里、皇后、干涉、范先生、台风", "simplified"),  # all valid in both scripts
        ("這一公里的路程，皇后與范先生在台灣干預此事。", "traditional"),
    ],
)
def test_detect_short(text, expected):
    assert detect_script(text) == expected


def test_ambiguous_chars_not_simplified_only():
    text = "里長、公里、皇后、干擾、范姓、征服、准許、游泳、台灣、關係、群眾、核實、著名"
    assert trad_simp_chars(text)[1] == []
    # …while genuine simplified forms in traditional text are found
    text = "這個項目万元，工会组织"
    trad, simp = trad_simp_chars(text)
    assert [text[i] for i in simp] == ["万", "会", "组", "织"]
    assert [text[i] for i in trad] == ["這", "個", "項"]


def test_trad_uses_context():
    # 瞭 is simplified in 瞭望 but traditional in 瞭解
    text = "瞭望塔，瞭解情況"
    trad, _ = trad_simp_chars(text)
    assert [text[i] for i in trad] == ["瞭", "況"]


# --------------------------------------------------------------------------- the view


def test_view_of_seed(seed):
    view = simplified_view(seed)
    assert len(view) == len(seed)
    changed = [i for i, (a, b) in enumerate(zip(seed, view)) if a != b]
    assert len(changed) == 1490  # the figure in DESIGN.md
    assert all(is_cjk(seed[i]) for i in changed)
    i = seed.index("瞭解")
    assert view[i : i + 2] == "了解"
    assert view == to_simplified(seed)


def test_view_examples():
    assert simplified_view("工會年度工作總結") == "工会年度工作总结"
    assert simplified_view("") == ""
    assert simplified_view("abc\n") == "abc\n"
    assert to_traditional("工会年度工作总结") == "工會年度工作總結"


_CJK_POOL = list(
    "工會年度總結瞭解記憶體乾隆頭髮裡後臺著範幹系发后里台着范干们这为说个经实现"
    "一二三四五六七八九十百千萬万億亿元人家個名項萬餘余多近約约兩两"
    "𠀀𪚥豈更"  # Ext B and compatibility ideographs
)
_PHRASES = ["瞭解", "記憶體", "乾隆", "頭髮", "瞭望", "乾燥", "皇后", "以後", "公里", "裡面", "干擾"]
_OTHER = list("abcXYZ0123456789 .,;:!?%()[]-\t\n\r") + list("，。、；：！？（）「」『』“”《》…—·％　０１２ＡＢ①②")

_pieces = st.one_of(
    st.sampled_from(_CJK_POOL),
    st.sampled_from(_PHRASES),
    st.sampled_from(_OTHER),
    st.characters(blacklist_categories=("Cs",)),
)
_texts = st.lists(_pieces, max_size=60).map("".join)


def _check_alignment(t: str, v: str) -> None:
    assert len(v) == len(t)
    for i, (a, b) in enumerate(zip(t, v)):
        assert a == b or is_cjk(a), (i, a, b)


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_view_alignment_property(t):
    _check_alignment(t, simplified_view(t))


@settings(max_examples=100, deadline=None)
@given(_texts)
def test_trad_simp_offsets_are_cjk(t):
    trad, simp = trad_simp_chars(t)
    assert all(is_cjk(t[i]) for i in trad + simp)
    assert not set(trad) & set(simp)
    assert detect_script(t) in ("simplified", "traditional", "mixed", "unknown")


def test_surrogates_do_not_crash():
    t = "工會\ud800總結"
    _check_alignment(t, simplified_view(t))
    assert simplified_view(t) == "工会\ud800总结"


class _LengthChangingConverter:
    """Stands in for OpenCC when a phrase changes length (記憶體→内存, 乾燥→干)."""

    def __init__(self, real):
        self.real = real

    def convert(self, text: str) -> str:
        return self.real.convert(text.replace("記憶體", "内存").replace("乾燥", "干"))


@pytest.fixture
def length_changing_t2s():
    real = script._converter("t2s")
    script._converters["t2s"] = _LengthChangingConverter(real)
    script._cached_view.cache_clear()
    try:
        yield
    finally:
        script._converters["t2s"] = real
        script._cached_view.cache_clear()


def test_view_falls_back_when_length_changes(length_changing_t2s):
    t = "電腦的記憶體不足。\n天氣乾燥，記憶體。\n正常的一行：工會"
    v = simplified_view(t)
    _check_alignment(t, v)
    assert v.split("\n")[2] == "正常的一行：工会"  # converted whole
    assert v.split("\n")[0] == "电脑的记忆体不足。"  # character by character
    assert to_simplified(t).startswith("电脑的内存")  # the plain conversion is not aligned


@settings(max_examples=100, deadline=None)
@given(_texts)
def test_view_alignment_property_with_fallback(t):
    real = script._converter("t2s")
    script._converters["t2s"] = _LengthChangingConverter(real)
    script._cached_view.cache_clear()
    try:
        _check_alignment(t, simplified_view(t))
    finally:
        script._converters["t2s"] = real
        script._cached_view.cache_clear()


def test_detect_does_not_build_the_s2t_phrase_converter(seed):
    import subprocess
    import sys

    code = ("import sys; from zongjie_nlp import script; script.detect_script(sys.stdin.read()); "
            "print(sorted(script._converters))")
    out = subprocess.run([sys.executable, "-c", code], input=seed, capture_output=True,
                         text=True, cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert "'s2t'" not in out.stdout  # (its speed is measured by benchmarks/bench_parse.py, not here)


def test_view_of_a_long_page_is_converted_chunk_by_chunk_as_a_whole(seed):
    """A page longer than CHUNK is converted a chunk of whole lines at a time; no phrase spans
    a line end, so its view is the view of its pieces put together.  (Speed: benchmarks/.)"""
    from zongjie_nlp.script import CHUNK

    copies = 3 * CHUNK // len(seed) + 2
    big = "\n".join([seed] * copies)
    view = simplified_view(big)
    assert len(big) > 3 * CHUNK
    assert view == "\n".join([simplified_view(seed)] * copies)


# --------------------------------------------------------------------------- width


def test_fold_width():
    assert fold_width("４１家中的３９家，ＡＢｃ（一）％") == "41家中的39家,ABc(一)%"
    assert fold_width("。、「」　") == "。、「」　"  # CJK punctuation and U+3000 unchanged
    s = "".join(chr(c) for c in range(0xFF01, 0xFF5F))
    assert fold_width(s) == "".join(chr(c) for c in range(0x21, 0x7F))


@given(st.text())
def test_fold_width_keeps_length(t):
    assert len(fold_width(t)) == len(t)


def test_fold_digits_folds_digits_only():
    assert fold_digits("第１２条") == "第12条"
    assert fold_digits("１２％．Ａ（") == "12％．Ａ（"  # ％ ． Ａ （ stay full-width


def test_fold_figures_folds_the_characters_of_a_figure():
    assert fold_figures("９５．１％") == "95.1%"
    assert fold_figures("４１，３２０（一）") == "41，320（一）"  # a full-width comma is a clause mark


def test_width_folder_folds_the_chosen_forms():
    fold = width_folder("０１２３４５６７８９％")
    assert fold("５％，一．") == "5%，一．"
    with pytest.raises(ValueError):
        width_folder("。")  # CJK punctuation has no ASCII form


@given(st.text())
def test_folders_keep_length_and_agree_with_fold_width(t):
    for fold in (fold_digits, fold_figures):
        folded = fold(t)
        assert len(folded) == len(t)
        assert fold_width(folded) == fold_width(t)


def test_view_cache_is_keyed_by_the_text():
    """An equal text built anew hits the cache; a different one never gets another's view."""
    a = "會議" * 3
    b = "".join(["會議"] * 3)
    assert a is not b and simplified_view(a) is simplified_view(b)
    assert simplified_view("發展") == "发展" and simplified_view("會議") == "会议"


def test_script_marks_count_and_list_what_trad_simp_chars_lists():
    from zongjie_nlp.script import ScriptMarks, simplified_view, trad_simp_chars

    text = "今年我們召開職工代表大會，会议审议通过了工作報告。\n全年发放慰问金，頭髮\uf900整齊。"
    view = simplified_view(text)
    trad, simp = trad_simp_chars(text, view)
    marks = ScriptMarks(text, view)
    spans = [(0, 12), (12, len(text))]
    assert marks.counts(spans) == (len(trad), len(simp))
    assert marks.traditional(spans) == trad and marks.simplified(spans) == simp
    assert marks.counts([(13, 24)]) == (sum(13 <= i < 24 for i in trad), sum(13 <= i < 24 for i in simp))


def test_script_marks_of_a_simplified_text_find_no_traditional_character():
    from zongjie_nlp.script import ScriptMarks, simplified_view

    text = "全年发放慰问金十万元，会议审议通过了工作报告。"
    marks = ScriptMarks(text, simplified_view(text))
    assert marks.counts([(0, len(text))])[0] == 0 and marks.traditional([(0, len(text))]) == []


def test_script_marks_read_long_spans_a_window_at_a_time(monkeypatch, seed):
    """ScriptMarks counts and lists a span a CHUNK at a time; windows of any size give the
    counts and offsets of the span read whole."""
    text = seed + "\n发展成绩显著，干部队伍建设" * 3
    view = simplified_view(text)
    whole = script.ScriptMarks(text, view)
    spans = [(0, len(text) // 2), (len(text) // 2, len(text))]
    expected = (whole.counts(spans), whole.traditional(spans), whole.simplified(spans))
    assert expected[0][0] > 0 and expected[0][1] > 0  # both scripts present: both paths read
    monkeypatch.setattr(script, "CHUNK", 7)
    assert (whole.counts(spans), whole.traditional(spans), whole.simplified(spans)) == expected


def test_a_long_page_is_detected_as_its_sample_alone_would_be():
    """The parser reads the script's sample from the page's view; a phrase the sample's end cuts
    (瞭解, whose 瞭 is traditional only beside 解) counts as the sample alone converts it."""
    from zongjie_nlp.parser import SCRIPT_SAMPLE, read_page
    from zongjie_nlp.source import read_source

    text = "後來们" + "甲" * (SCRIPT_SAMPLE - 4) + "瞭解情況\n"
    sample = text[:SCRIPT_SAMPLE]
    assert sample.endswith("瞭")
    assert detect_script(sample) == "simplified"  # (the lone 瞭 is not counted: two traditional marks)
    assert detect_script(text) == "traditional"
    assert read_page(read_source(text)).script == detect_script(sample)


@given(st.text(alphabet=st.sampled_from("ab 1，。\n頁页丟\u3400\U00020000\U0002A700\uF900\U0002F800\u9FFF\uFFFF"), max_size=40))
def test_cjk_runs_are_split_as_the_regex_module_splits_them(text):
    """The split runs on the stdlib engine: it parts a text where ``regex`` does, astral
    ideographs (extensions B to H) and compatibility ideographs included."""
    import regex

    assert script._split_cjk_runs(text) == regex.split(script._CJK_RUNS, text)
