"""Outline: marker styles, numbers, levels by the order styles open, documents, furniture."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zongjie_nlp


def nodes(text: str):
    report = zongjie_nlp.parse(text)
    return [(n.marker, n.style, n.number, n.level, n.inline) for d in report.documents for n in d.nodes()]


# fmt: off
STYLES = [
    ("一、总体情况", ("一、", "cn-dun", 1)), ("（三）加强学习", ("（三）", "paren-cn", 3)),
    ("(二)、组建工会", ("(二)、", "paren-cn", 2)), ("1.畅通渠道", ("1.", "arabic", 1)),
    ("2、筹集资金", ("2、", "arabic", 2)), ("3．加强管理", ("3．", "arabic", 3)),
    ("（1）跳绳比赛", ("（1）", "paren-arabic", 1)), ("(4)健身活动", ("(4)", "paren-arabic", 4)),
    ("③加强监督", ("③", "circled", 3)), ("三是实事求是。", ("三是", "cn-shi", 3)),
    ("第二，推进机制建设。", ("第二", "di", 2)), ("其次，加强培训。", ("其次", "seq", 2)),
    ("十一、其他工作", ("十一、", "cn-dun", 11)),
]
NOT_MARKERS = ["3.5万元用于慰问。", "第一手资料很重要。", "2024年3月召开大会。", "一年来，工作有序推进。",
               "一次会议也没落下。", "12345热线接听及时。"]
# fmt: on


@pytest.mark.parametrize("line, expected", STYLES)
def test_marker_styles_and_numbers(line, expected):
    found = nodes("标题\n" + line + "\n正文。")
    assert found and found[0][:3] == expected


@pytest.mark.parametrize("line", NOT_MARKERS)
def test_not_markers(line):
    assert nodes("标题\n" + line + "\n正文。") == []


def test_four_levels_and_siblings():
    text = "总结\n一、甲\n（一）乙\n1.丙\n（1）丁\n（2）戊\n2.己\n（二）庚\n二、辛"
    assert [(m, lvl) for m, _, _, lvl, _ in nodes(text)] == [
        ("一、", 1), ("（一）", 2), ("1.", 3), ("（1）", 4), ("（2）", 4), ("2.", 3), ("（二）", 2), ("二、", 1)]


def test_first_style_is_level_one():
    text = "总结\n1、甲\n（1）乙\n2、丙"
    assert [(m, lvl) for m, _, _, lvl, _ in nodes(text)] == [("1、", 1), ("（1）", 2), ("2、", 1)]


def test_inline_enumeration_is_a_child_of_its_paragraph_point():
    text = "总结\n一、主要工作\n1.深组建。一是创新方法，二是分类指导。二是不算。\n2.广宣传"
    found = nodes(text)
    assert ("一是", "cn-shi", 1, 3, True) in found and ("二是", "cn-shi", 2, 3, True) in found
    assert found[-1] == ("2.", "arabic", 2, 2, False)


def test_seq_last_takes_the_next_number():
    found = nodes("总结\n首先，统一思想。\n其次，健全制度。\n最后，强化考核。")
    assert [(m, n) for m, _, n, _, _ in found] == [("首先", 1), ("其次", 2), ("最后", 3)]


def test_documents_split_at_pian_lines_and_furniture_excluded():
    text = "当前位置：首页>范文>总结\n阅读(2.3W)\n下面是小编整理的总结2篇，仅供参考。\n总结 篇1\n一、甲\n发放10万元。\n总结 篇2\n1、乙"
    report = zongjie_nlp.parse(text)
    assert [(d.title, d.line) for d in report.documents] == [("总结 篇1", 4), ("总结 篇2", 7)]
    assert [b.kind for b in report.boilerplate] == ["breadcrumb", "views", "blurb"]
    assert [q.text for q in report.quantities] == ["10万元"]


def test_title_is_first_sentence_when_body_follows():
    report = zongjie_nlp.parse("总结\n1、广普查。今年我们开展了调查。\n2、深组建")
    titles = [n.title for d in report.documents for n in d.nodes()]
    assert titles == ["广普查", "深组建"]


def test_paragraph_starting_with_yishi_keeps_its_series_as_siblings():
    found = nodes("总结\n一、经验体会\n一是坚持客户至上。二是坚持创新驱动。三是坚持安全第一。\n二、打算")
    assert [(m, n, lvl) for m, _, n, lvl, _ in found] == [
        ("一、", 1, 1), ("一是", 1, 2), ("二是", 2, 2), ("三是", 3, 2), ("二、", 2, 1)]


def test_a_marker_broken_by_a_line_break_is_one_point():
    text = ("某省2026年政府工作报告\n（一）经济运行稳中有进。\n全年增长5%。\n（二）产业发展提质增效。\n增加值增长。\n"
            "（\n三）改革开放持续深化。\n成效明显。\n（四）城乡发展齐头并进。")
    nodes = [n for d in zongjie_nlp.parse(text).documents for n in d.nodes()]
    assert [n.number for n in nodes] == [1, 2, 3, 4]
    assert nodes[2].marker == "（\n三）" and text[nodes[2].start] == "（"


def test_an_arabic_point_may_start_with_a_figure():
    text = "一、甲项工作\n1、总体情况良好。\n2、1-5月完成任务。\n3、其他工作。\n二、乙项工作\n2、3、5号楼完成改造。"
    markers = [(n.marker, n.line) for d in zongjie_nlp.parse(text).documents for n in d.nodes()]
    assert markers == [("一、", 1), ("1、", 2), ("2、", 3), ("3、", 4), ("二、", 5)]


def test_document_viewer_chunk_numbers_are_residue_not_points():
    body = "全镇共有孕产妇三百余人，全年开展入户随访和健康宣教，产前检查覆盖率保持较高水平，各村卫生室按月上报随访情况，活产数为39"
    text = (f"1、{body}\n2、8人，住院分娩率达到百分之百，全年没有发生孕产妇死亡，高危孕产妇全部得到专案管理和跟踪随访，"
            "随访记录完整规范，村医签约服务全面落实\n3、儿童保健工作有序开展。")
    report = zongjie_nlp.parse(text)
    assert [b.kind for b in report.boilerplate] == ["viewer-chunk"] * 3
    assert [n for d in report.documents for n in d.nodes()] == []
    listed = zongjie_nlp.parse("一、主要工作\n1、加强学习。\n2、完善制度。\n3、改进作风。")
    assert [n.marker for d in listed.documents for n in d.nodes()] == ["一、", "1、", "2、", "3、"]


def test_pages_joined_in_one_file_are_documents_each():
    page = "下载\n打印\n收藏\n【字号：\n加大\n减小\n】\n{title}\n来源：某某日报\n各位代表：\n现在，我代表市人民政府向大会报告工作。\n一、过去一年工作回顾\n全年地区生产总值增长5%。"
    text = "\n".join(page.format(title=t) for t in ("2026年甲市政府工作报告", "2026年乙市政府工作报告", "政府工作报告"))
    report = zongjie_nlp.parse(text)
    assert [d.title for d in report.documents] == ["2026年甲市政府工作报告", "2026年乙市政府工作报告", "政府工作报告"]
    assert {d.genre for d in report.documents} == {"speech-report"}
    assert {b.kind for b in report.boilerplate} == {"toolbar", "metadata"}


def test_furniture_cues_come_from_the_lexicon():
    """rules/lexicon/boilerplate.yaml holds the cue words once: find_boilerplate finds furniture
    lines with them and the structure check quotes the first of its list a line holds."""
    from zongjie_nlp.boilerplate import furniture, furniture_keys
    from zongjie_nlp.lexicon import boilerplate_cues

    cues = boilerplate_cues()
    assert cues["blurb"][0] == "仅供参考" and "小编" in cues["blurb"]
    keys = furniture_keys()
    assert keys["breadcrumb"].match("当前位置：首页") and keys["views"].match("阅读(2.3W)")
    assert not keys["breadcrumb"].match("位置优越") and not keys["views"].match("阅读材料")
    assert [kind for kind, _, _ in furniture()][:4] == ["breadcrumb", "breadcrumb", "views", "blurb"]


def test_marker_numbers_are_read_by_numerals():
    """outline reads a Chinese marker with numerals.read_ordinal: 十二、 is 12; 二十零、 is no point."""
    assert nodes("标题\n十二、其他\n正文。")[0][2] == 12
    assert nodes("标题\n（２）全角\n正文。")[0][2] == 2
    assert nodes("标题\nＣ．全角字母\n正文。")[0][2] == 3
    assert nodes("标题\n二十零、其他\n正文。") == []


def test_every_word_list_is_loaded_by_the_lexicon_module():
    """One loader: each file of rules/lexicon/ has its function in zongjie_nlp.lexicon."""
    from zongjie_nlp import lexicon
    from zongjie_nlp.resources import rules_dir

    loaders = {"classifiers": lexicon.classifiers, "genres": lexicon.genres,
               "not_numerals": lexicon.not_numerals, "boilerplate": lexicon.boilerplate_cues}
    assert {p.stem for p in (Path(rules_dir()) / "lexicon").glob("*.yaml")} == set(loaders)
    assert all(loader() for loader in loaders.values())


@given(st.lists(st.sampled_from(["下载", "大", "小", " ", "\u3000", "\n", "正文", "】", "|", "2026-", "来源", "7"]),
                max_size=14))
def test_furniture_triggers_hit_the_lines_a_multiline_alternation_hits(pieces):
    """A trigger's line-start part is looked for after each line end and at the text's start:
    the lines it finds are those a ``^`` alternative of one multiline pattern finds."""
    import regex
    from zongjie_nlp.boilerplate import Trigger

    text = "".join(pieces)
    trigger = Trigger.of(r"下载|】|\||来源", line_start=r"[ \t\u3000]*(?:[大小]|[0-9]{4}-)")
    multiline = regex.compile(r"下载|】|\||来源|^[ \t\u3000]*(?:[大小]|[0-9]{4}-)", regex.M)
    assert trigger.line_starts(text) == {text.rfind("\n", 0, m.start()) + 1 for m in multiline.finditer(text)}


def test_a_furniture_line_start_is_found_on_the_first_line_and_after_a_line_end():
    from zongjie_nlp.boilerplate import Trigger

    trigger = Trigger.of(r"下载", line_start=r"[ \t]*大")
    assert trigger.line_starts("大\n正文\n  大\n正文大") == {0, 5}
    assert trigger.line_starts("正文大\n正文") == set()
    assert trigger.line_starts("正文\n可下载") == {3}


_HEADING_PIECES = st.sampled_from([
    "一、", "三、", "（一）", "(1)", "（二）", "(三)", "（ 四 ）", "（", "(", "）", " ", "\u3000", "。", "\n",
    "工", "作", "加强", "基层组织建设", "推进重点项目落地见效并持续提升服务水平"])


@settings(max_examples=300)
@given(st.lists(_HEADING_PIECES, max_size=12).map("".join))
def test_glued_subpoint_matches_only_where_a_bracket_is_in_reach(view):
    """outline._bracket_in_reach is the pre-check before GLUED_SUBPOINT: a necessary condition,
    so wherever the pattern matches (at any position, up to any line end) it must hold."""
    from zongjie_nlp.outline import GLUED_SUBPOINT, _bracket_in_reach

    for pos in range(len(view) + 1):
        for le in range(pos, len(view) + 1):
            if GLUED_SUBPOINT.match(view, pos, le):
                assert _bracket_in_reach(view, pos, le), (view, pos, le)


# The furniture triggers as one multiline ``regex`` pattern each, as they were written before
# they were split into a Trigger's two stdlib patterns.
_MULTILINE_TRIGGERS = {
    "toolbar": r"下载|打印|全屏|收藏|分享|字号|字体|加大|还原|减小|返回顶部|关闭窗口|首页|相关|点击|^[ \t\u3000]*[大中小>»＞]|[】|×]",
    "metadata": r"(?=[来稿作编时日 \t\u30000-9])(?:来源|稿源|作者|编辑|时间|日期|^[ \t\u3000]*[0-9]{4}-)",
}


@given(st.lists(st.sampled_from(["下载", "相关", "大", "中", "»", "】", "|", "×", " ", "\u3000", "\n", "正文",
                                 "来源", "日期", "2026-", "202", "6", "-"]), max_size=16))
def test_the_toolbar_and_metadata_triggers_hit_the_lines_their_multiline_patterns_hit(pieces):
    import regex
    from zongjie_nlp.boilerplate import furniture

    text = "".join(pieces)
    triggers = {kind: trigger for kind, trigger, _ in furniture()}
    for kind, source in _MULTILINE_TRIGGERS.items():
        lines = {text.rfind("\n", 0, m.start()) + 1 for m in regex.finditer(source, text, regex.M)}
        assert triggers[kind].line_starts(text) == lines, kind
