"""The outline as real documents need it: parts, unnumbered and run-in headings, levels by the
standard's hierarchy, false headings, Taiwan's six levels, figures cut by a typing slip.

Every text here is written for the test (real documents stay in ../shared/realdev)."""

from __future__ import annotations

import io

import pytest

import zongjie_nlp
from zongjie_nlp.linter import lint_report


def points(text: str, part: str | None = None):
    report = zongjie_nlp.parse(text=text)
    return [(n.marker, n.level, n.part) for d in report.documents for n in d.nodes()
            if part is None or n.part == part]


def top_level(text: str):
    return [(n.marker, n.title) for d in zongjie_nlp.parse(text=text).documents for n in d.outline]


def parts(text: str):
    return [(p.kind, p.title) for p in zongjie_nlp.parse(text=text).documents[0].parts]


REPORT_HEAD = "某县2026年政府工作报告\n——2026年1月10日在某县第五届人民代表大会第三次会议上\n县长 王某某\n各位代表：\n"
PARAGRAPH = "全年地区生产总值增长5.2%，一般公共预算收入完成8.6亿元，城乡居民收入稳步增长，各项社会事业全面进步。\n"


# --------------------------------------------------------------------------- parts

def test_title_block_is_front_matter_not_headings():
    text = REPORT_HEAD + "现在，我代表县人民政府向大会报告工作，请予审议。\n一、过去一年工作回顾\n" + PARAGRAPH + "二、今年重点工作\n" + PARAGRAPH
    assert parts(text)[0][0] == "front"
    assert [m for m, _, _ in points(text)] == ["一、", "二、"]


def test_annex_numbers_its_own_points_outside_the_body():
    text = (REPORT_HEAD + "一、工作回顾\n" + PARAGRAPH + "二、重点工作\n" + PARAGRAPH +
            "附件\n2026年县级民生实事\n一、新建城乡养老服务站12个。\n二、改造农村公路80公里。\n三、新增公办学位900个。\n")
    report = zongjie_nlp.parse(text=text)
    doc = report.documents[0]
    assert [n.marker for n in doc.outline] == ["一、", "二、"]
    annex = next(p for p in doc.parts if p.kind == "annex")
    assert annex.title == "2026年县级民生实事"
    assert [(n.marker, n.level, n.part) for n in annex.outline] == [("一、", 1, "annex"), ("二、", 1, "annex"), ("三、", 1, "annex")]
    numbering = [f for f in lint_report(report) if f.category == "numbering"]
    assert numbering == []  # the annex's 一、 restarts its own numbering: no duplicate, no gap


def test_glossary_items_are_not_children_of_the_last_body_point():
    text = (REPORT_HEAD + "一、工作回顾\n" + PARAGRAPH + "二、重点工作\n（一）扩大有效投资\n" + PARAGRAPH +
            "名词解释\n［1］两重：国家重大战略实施和重点领域安全能力建设。\n［2］两新：大规模设备更新和消费品以旧换新。\n")
    assert ("glossary", "名词解释") in parts(text)
    assert points(text, "glossary") == [("［1］", 1, "glossary"), ("［2］", 1, "glossary")]
    assert points(text, "body")[-1] == ("（一）", 2, "body")


def test_table_of_contents_is_a_part_without_points():
    contents = "目  录\n一、工作回顾…………………………1\n二、主要目标………………………5\n三、重点工作………………………8\n"
    body = "一、工作回顾\n" + PARAGRAPH + "二、主要目标\n" + PARAGRAPH + "三、重点工作\n" + PARAGRAPH
    text = "某县2026年政府工作报告\n" + contents + body
    assert [k for k, _ in parts(text)] == ["front", "contents", "body"]
    assert [m for m, _, part in points(text)] == ["一、", "二、", "三、"]


def test_contents_without_page_numbers_end_where_the_body_repeats_them():
    text = "某县工作报告\n目录\n一、工作回顾\n二、主要目标\n一、工作回顾\n" + PARAGRAPH + "二、主要目标\n" + PARAGRAPH
    assert [k for k, _ in parts(text)] == ["front", "contents", "body"]
    assert [m for m, _, _ in points(text)] == ["一、", "二、"]


def test_json_contract_grows_with_parts_and_part_of_each_point():
    data = zongjie_nlp.parse(text=REPORT_HEAD + "一、工作回顾\n" + PARAGRAPH).to_json()
    document = data["documents"][0]
    assert [p["kind"] for p in document["parts"]] == ["front", "body"]
    assert document["outline"][0]["part"] == "body" and "title" in document["outline"][0]


# --------------------------------------------------------------------------- unnumbered headings

def test_part_headings_on_their_own_lines_carry_the_enumerations_below_them():
    text = (REPORT_HEAD + "过去五年工作回顾\n" + "五年来主要做了以下工作。一是稳增长，经济总量跃上新台阶。二是促改革，发展活力持续增强。\n"
            + PARAGRAPH + "2026年重点工作\n一、扩大有效需求\n" + PARAGRAPH + "二、培育新质生产力\n" + PARAGRAPH)
    found = points(text)
    assert found[:3] == [("", 1, "body"), ("一是", 2, "body"), ("二是", 2, "body")]
    assert ("", 1, "body") in found[3:] and ("一、", 1, "body") in found


def test_heading_style_says_how_it_was_recognised():
    text = REPORT_HEAD + "——这是经济实力大幅跃升的五年\n" + PARAGRAPH + "——这是改革开放全面深化的五年\n" + PARAGRAPH
    report = zongjie_nlp.parse(text=text)
    headings = [n for n in report.documents[0].nodes() if not n.marker]
    assert [(h.style, h.title[:4]) for h in headings] == [("dash", "这是经济"), ("dash", "这是改革")]


def test_a_row_of_short_topic_lines_are_headings_a_lone_lead_in_is_not():
    row = "一、过去一年工作回顾\n经济运行稳中有进。\n" + PARAGRAPH + "产业结构持续优化。\n" + PARAGRAPH + "二、今年工作安排\n" + PARAGRAPH
    assert points(row) == [("一、", 1, "body"), ("", 2, "body"), ("", 2, "body"), ("二、", 1, "body")]
    lead_in = "一、过去一年工作回顾\n一年来，主要做了以下工作。\n（一）稳增长\n" + PARAGRAPH
    assert [m for m, _, _ in points(lead_in)] == ["一、", "（一）"]


def test_bracketed_heading_lines():
    text = "某单位工作总结\n【主要成绩】\n" + PARAGRAPH + "{工作内容}\n" + PARAGRAPH
    assert [(m, lvl) for m, lvl, _ in points(text)] == [("", 1), ("", 1)]


def test_not_headings_short_lines_that_are_not_titles():
    text = ("某单位工作总结\n" + PARAGRAPH + "各位领导！\n" + PARAGRAPH +
            "全年完成产值\n3200万元，同比增长8%，创历史新高，实现了全年开门红，各项指标全面完成。\n"
            "保障型目标:1871万,达成2394万\n" + PARAGRAPH + "某某单位\n2024年12月20日\n")
    assert points(text) == []


def test_docx_heading_style_outline_level_and_bold_paragraphs():
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("某公司2024年工作总结")
    document.add_heading("经营情况", level=1)
    document.add_paragraph(PARAGRAPH.strip() + "一是开拓市场。二是控制成本。")
    bold = document.add_paragraph()
    bold.add_run("安全生产").bold = True
    document.add_paragraph(PARAGRAPH.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    report = zongjie_nlp.parse(buffer.getvalue())
    found = [(n.marker, n.style, n.level) for n in report.documents[0].nodes()]
    assert found == [("", "docx-style", 1), ("一是", "cn-shi", 2), ("二是", "cn-shi", 2), ("", "bold", 1)]


# --------------------------------------------------------------------------- run-in headings

def test_a_point_run_in_after_a_sentence_end():
    text = "某单位工作总结\n一、加强组织建设，全年新建基层组织5个。二、加强队伍建设，培训骨干120人次。\n三、存在问题\n" + PARAGRAPH
    assert [m for m, _, _ in points(text)] == ["一、", "二、", "三、"]


def test_a_sub_point_glued_to_its_heading():
    text = "某单位工作总结\n一、重点工作（一）扩大有效投资，全年实施项目36个。\n（二）提振消费\n" + PARAGRAPH
    assert points(text) == [("一、", 1, "body"), ("（一）", 2, "body"), ("（二）", 2, "body")]


def test_a_lone_figure_after_a_sentence_end_is_not_run_in():
    text = "某单位工作总结\n一、主要工作\n全年完成任务。三、四季度持续发力，二、三产业协调发展。\n" + PARAGRAPH
    assert [m for m, _, _ in points(text)] == ["一、"]


# --------------------------------------------------------------------------- false headings

@pytest.mark.parametrize("line", ["第一、二批试点单位全部通过验收。", "一、二、三产业增加值分别增长3%、6%、5%。"])
def test_ordinal_lists_are_not_points(line):
    assert points("某单位工作总结\n" + line + "\n" + PARAGRAPH) == []


def test_item_twelve_before_a_year_is_a_point_not_a_decimal():
    text = "某单位工作总结\n11.完成年度培训计划。\n12.2025年启动新一轮改造。\n"
    assert [(m, lvl) for m, lvl, _ in points(text)] == [("11.", 1), ("12.", 1)]


# --------------------------------------------------------------------------- levels

def test_a_text_that_starts_mid_way_gets_the_standard_levels():
    text = "（三）加强作风建设\n" + PARAGRAPH + "四、存在问题\n（一）学习不够深入\n" + PARAGRAPH
    assert points(text) == [("（三）", 2, "body"), ("四、", 1, "body"), ("（一）", 2, "body")]


def test_a_report_that_starts_at_its_second_section():
    text = "二、主要工作\n（一）组织建设\n" + PARAGRAPH + "三、下步打算\n" + PARAGRAPH
    assert [(m, lvl) for m, lvl, _ in points(text)] == [("二、", 1), ("（一）", 2), ("三、", 1)]


def test_a_misused_style_is_a_sub_point_and_a_finding():
    text = "某单位工作总结\n一、总体情况\n（一）组织建设\n（二）制度建设\n一、完善议事规则\n二、健全考核办法\n（三）队伍建设\n二、存在问题\n"
    report = zongjie_nlp.parse(text=text)
    assert [(n.marker, n.level) for n in report.documents[0].nodes()] == [
        ("一、", 1), ("（一）", 2), ("（二）", 2), ("一、", 3), ("二、", 3), ("（三）", 2), ("二、", 1)]
    assert [f.rule for f in lint_report(report) if f.category == "numbering"] == ["ZJ111"]


def test_a_part_heading_restarts_the_points_after_it():
    text = ("某县工作报告\n过去一年工作回顾\n一、经济发展\n" + PARAGRAPH + "二、社会事业\n" + PARAGRAPH +
            "今年重点工作\n一、扩大内需\n" + PARAGRAPH + "二、深化改革\n" + PARAGRAPH)
    assert [(m, lvl) for m, lvl, _ in points(text)] == [
        ("", 1), ("一、", 1), ("二、", 1), ("", 1), ("一、", 1), ("二、", 1)]


def test_taiwan_six_levels():
    text = ("某協會年度工作報告\n壹、工作概況\n一、會務推動\n（一）會員服務\n1、舉辦講座\n（1）專題講座\nA.理財講座\nB.健康講座\n"
            "（2）分區座談\n2、編印會刊\n二、財務狀況\n貳、未來計畫\n")
    assert [(m, lvl) for m, lvl, _ in points(text)] == [
        ("壹、", 1), ("一、", 2), ("（一）", 3), ("1、", 4), ("（1）", 5), ("A.", 6), ("B.", 6),
        ("（2）", 5), ("2、", 4), ("二、", 2), ("貳、", 1)]


@pytest.mark.parametrize("marker, number", [("(一 )", 1), ("（ 二）", 2), ("一．", 1), ("三、", 3)])
def test_markers_with_odd_spacing(marker, number):
    report = zongjie_nlp.parse(text="某单位工作总结\n" + marker + "【主要成绩】\n" + PARAGRAPH)
    node = next(report.documents[0].nodes())
    assert (node.marker, node.number) == (marker, number)
    assert node.title.startswith("【主要成绩") or node.title.startswith("主要成绩")


def test_an_address_to_the_audience_steps_back_to_the_section():
    text = ("某县工作报告\n一、今年重点工作\n（一）扩大内需\n" + PARAGRAPH + "（二）深化改革\n" + PARAGRAPH +
            "各位代表！今年要继续办好民生实事。一是扩大就业。二是改善住房。\n")
    assert points(text)[-2:] == [("一是", 2, "body"), ("二是", 2, "body")]


# --------------------------------------------------------------------------- figures beside the outline

def test_a_full_stop_typed_for_the_decimal_point_is_read_and_reported():
    report = zongjie_nlp.parse(text="某公司工作總結\n全年營業收入3。15億元，同比增長6%。\n")
    money = [q for q in report.quantities if q.kind == "money"]
    assert [(q.text, q.value) for q in money] == [("3。15億元", 315_000_000)]
    assert any(f.rule == "ZJ502" for f in lint_report(report))


def test_a_space_between_thousands_is_one_figure():
    report = zongjie_nlp.parse(text="某協會工作報告\n全年服務8 200個家庭，參與人次達12 500人次。\n")
    assert [(q.text, q.value) for q in report.quantities] == [("8 200個", 8200), ("12 500人次", 12500)]
