"""Drafting: spec → draft (text, Markdown, .docx), rebuild, to_spec, and the CLI.

The central property (checked with hypothesis over many generated specs): a draft lints
without errors or warnings, and parsing it gives back the spec's headings at their levels
and its figures as quantities.
"""

from __future__ import annotations

import copy
import difflib
import datetime as dt
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zongjie_nlp
from zongjie_nlp.cli import main
from zongjie_nlp.drafting.api import SpecError, draft, rebuild, summaries, to_spec
from zongjie_nlp.drafting.figures import Figure, format_figure
from zongjie_nlp.drafting.layout import convert_text
from zongjie_nlp.drafting.punct import prose
from zongjie_nlp.errors import ZongjieError

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed" / "union-annual-summaries.txt"
EXAMPLES = sorted((ROOT / "examples").glob("*.*"))

# The spec of the issue, verbatim.
ISSUE_SPEC = """
title: 2025年度工会工作总结
organization: 某某市总工会
period: 2025年
script: simplified            # or traditional
intro: 一年来，……现将全年工作总结如下。
sections:
  - heading: 主要工作
    points:
      - heading: 深化帮扶工作
        text: 春节期间筹集“送温暖”资金{fund}，走访慰问困难职工{visited}。
        figures:
          fund: {value: 130200, unit: 元}
          visited: {value: 240, unit: 人}
        points: []               # nesting to any depth the GB/T 9704 hierarchy allows (4 levels)
      - heading: 加强工会组建
        text: 园区应建工会企业{target}，已有{done}提交建会申请，组建率为{rate}。
        figures:
          target: {value: 41, unit: 家}
          done: {value: 39, unit: 家}
          rate: {ratio: [done, target], decimals: 1}     # computed: 95.1%
  - heading: 存在问题
  - heading: 下步打算
signature: {organization: 某某市总工会, date: 2025-12-31}
"""


def issue_spec() -> dict:
    return yaml.safe_load(ISSUE_SPEC)


def problems(text: str, severities=("error", "warning")):
    return [(f.rule, f.severity, f.message, text[f.start:f.end]) for f in zongjie_nlp.check(text)
            if f.severity in severities]


# --------------------------------------------------------------------------- the issue's spec


def test_issue_spec_drafts_as_expected():
    text = draft(issue_spec())
    assert text.splitlines()[:3] == ["2025年度工会工作总结", "", "一年来，……现将全年工作总结如下。"]
    for line in ("一、主要工作", "（一）深化帮扶工作", "春节期间筹集“送温暖”资金13.02万元，走访慰问困难职工240人。",
                 "（二）加强工会组建", "园区应建工会企业41家，已有39家提交建会申请，组建率为95.1%。",
                 "二、存在问题", "三、下步打算", "某某市总工会", "2025年12月31日"):
        assert line in text.splitlines(), line
    assert text.rstrip().endswith("某某市总工会\n\n2025年12月31日")
    assert problems(text) == []


def test_issue_spec_outline_round_trip():
    report = zongjie_nlp.parse(draft(issue_spec()))
    (doc,) = report.documents
    assert doc.title == "2025年度工会工作总结"
    assert [(n.level, n.marker, n.title) for n in doc.nodes() if not n.inline] == [
        (1, "一、", "主要工作"), (2, "（一）", "深化帮扶工作"), (2, "（二）", "加强工会组建"),
        (1, "二、", "存在问题"), (1, "三、", "下步打算")]
    assert [(q.kind, q.value, q.unit) for q in doc.quantities] == [
        ("money", 130200, "元"), ("count", 240, "人"), ("count", 41, "家"), ("count", 39, "家"),
        ("percent", 95.1, "%")]


def test_python_api_is_callable_repeatedly():
    # zongjie_nlp.draft is a function; importing the drafting modules must not rebind it.
    import importlib

    importlib.import_module("zongjie_nlp.drafting.api")
    assert zongjie_nlp.draft(issue_spec()) == zongjie_nlp.draft(issue_spec())
    assert zongjie_nlp.draft(issue_spec(), fmt="markdown").startswith("# 2025年度工会工作总结")
    spec = zongjie_nlp.to_spec(zongjie_nlp.parse(draft(issue_spec())))
    assert spec["title"] == "2025年度工会工作总结"


# --------------------------------------------------------------------------- figures


@pytest.mark.parametrize("part, whole, expected", [(49, 57, "86.0%"), (203, 640, "31.7%"), (39, 41, "95.1%"),
                                                   (1, 8, "12.5%"), (0, 5, "0.0%"), (57, 57, "100.0%")])
def test_computed_rates(part, whole, expected):
    spec = {"title": "测试工作总结", "sections": [{"heading": "主要工作", "text": "共{w}，完成{p}，完成率{r}。", "figures": {
        "w": {"value": whole, "unit": "项"}, "p": {"value": part, "unit": "项"}, "r": {"ratio": ["p", "w"]}}}]}
    assert f"完成率{expected}。" in draft(spec)


def _figure(value, unit="元", **kw) -> str:
    from zongjie_nlp.drafting.figures import parse_unit

    parsed, scale = parse_unit(unit)
    return format_figure(Figure("x", "", Decimal(str(value)) * scale, parsed, **kw))


@pytest.mark.parametrize("value, unit, expected", [
    (130200, "元", "13.02万元"),      # exact at two decimals of 万
    (41320, "元", "41320元"),         # 4.132万 is not: the exact amount is kept
    (74000, "元", "7.4万元"),
    (270000, "元", "27万元"),
    (10000, "元", "1万元"),
    (9999, "元", "9999元"),
    (542.5, "元", "542.5元"),
    (130234, "元", "130234元"),       # not exact at 万, below 100万: exact
    (1234567, "元", "123.46万元"),    # 100万 and above: rounded to two decimals of 万
    (150000000, "元", "1.5亿元"),
    (123450000, "元", "12345万元"),   # exact in 万 beats rounded in 亿
    (123456789, "元", "1.23亿元"),
    (13.02, "万元", "13.02万元"),
    (2.5, "亿元", "2.5亿元"),
    (240, "人", "240人"),
    (13500, "人", "13500人"),         # counts: 万 only from 10万
    (120000, "人次", "12万人次"),
    (12000, "人次", "12000人次"),
    (41, "家", "41家"),
    (95.1, "%", "95.1%"),
    (3.5, "个百分点", "3.5个百分点"),
])
def test_amount_rule(value, unit, expected):
    assert _figure(value, unit) == expected


def test_unit_with_magnitude_is_written_as_given():
    spec = {"title": "测试工作总结", "sections": [{"heading": "主要工作", "text": "服务职工{n}，投入{m}。", "figures": {
        "n": {"value": 1.2, "unit": "万人次"}, "m": {"value": 0.5, "unit": "亿元"}}}]}
    assert "服务职工1.2万人次，投入0.5亿元。" in draft(spec)


def test_figure_options():
    assert _figure(130200, magnitude="none") == "130200元"
    assert _figure(41320, magnitude="万", decimals=2) == "4.13万元"
    assert _figure(150000, approx="多") == "15万多元"
    assert _figure(3200, approx="约") == "约3200元"
    assert _figure(240, "人", approx="左右") == "240人左右"
    assert _figure(86, "%", decimals=1) == "86.0%"
    assert _figure(500, "人", approx="最多") == "最多500人"  # numerals' words: the parser reads them too
    assert _figure(50, "人", approx="以内") == "50人以内"


def test_all_computations():
    spec = {"title": "测试工作总结", "sections": [{"heading": "主要工作", "figures": {
        "a": {"value": 12000, "unit": "人"}, "b": {"value": 13500, "unit": "人"},
        "m": {"value": 130200, "unit": "元"}, "n": {"value": 240, "unit": "人"},
        "x": {"value": 90, "unit": "%"}, "y": {"value": 95.1, "unit": "%"},
        "s": {"sum": ["a", "b"]}, "d": {"difference": ["b", "a"]}, "g": {"growth": ["b", "a"]},
        "dec": {"decline": ["a", "b"]}, "ph": {"per_head": ["m", "n"]}, "pp": {"difference": ["y", "x"]}},
        "text": "合计{s}，增加{d}，增长{g}，下降{dec}，人均{ph}，提高{pp}。"}]}
    assert "合计25500人，增加1500人，增长12.5%，下降11.1%，人均542.5元，提高5.1个百分点。" in draft(spec)


# --------------------------------------------------------------------------- errors


def _with(path: str, value):
    spec = issue_spec()
    target = spec
    keys = re.findall(r"[^.\[\]]+|\[\d+\]", path)
    for key in keys[:-1]:
        target = target[int(key[1:-1])] if key.startswith("[") else target[key]
    last = keys[-1]
    if value is _DELETE:
        del target[last]
    else:
        target[int(last[1:-1]) if last.startswith("[") else last] = value
    return spec


_DELETE = object()

ERROR_CASES = [
    ("sections[0].points[1].figures.rate", {"ratio": ["nosuch", "target"]},
     "sections[0].points[1].figures.rate.ratio[0]: unknown figure 'nosuch'"),
    ("sections[0].points[1].figures.target", {"value": 0, "unit": "家"},
     "sections[0].points[1].figures.rate: ratio with a zero whole (target = 0)"),
    ("sections[0].points[0].figures.fund", {"value": "十三万多", "unit": "元"},
     "sections[0].points[0].figures.fund.value: '十三万多' is not a number"),
    ("sections[0].points[0].figures.fund", {"value": "abc", "unit": "元"},
     "sections[0].points[0].figures.fund.value: 'abc' is not a number"),
    ("sections[0].points[0].figures.fund", {"value": True, "unit": "元"},
     "sections[0].points[0].figures.fund.value: True is not a number"),
    ("sections[0].points[0].heading", _DELETE, "sections[0].points[0].heading: missing heading"),
    ("sections[1].heading", "  ", "sections[1].heading: missing heading"),
    ("sections[0].points[0].figures.visited", {"value": 240, "unit": "斤"},
     "sections[0].points[0].figures.visited.unit: unknown unit '斤'"),
    ("sections[0].points[0].text", "20xx年筹集资金{fund}。", "sections[0].points[0].text: placeholder '20xx' left in text"),
    ("sections[0].points[0].text", "由XX单位筹集资金{fund}。", "sections[0].points[0].text: placeholder 'XX' left in text"),
    ("sections[0].points[0].text", "××同志筹集资金{fund}。", "sections[0].points[0].text: placeholder '××' left in text"),
    ("sections[0].points[0].text", "某某单位筹集资金{fund}。", "sections[0].points[0].text: placeholder '某某' left in text"),
    ("sections[0].points[0].text", "筹集资金{funds}。", "sections[0].points[0].text: unknown figure 'funds' in {funds} (did you mean 'fund'?)"),
    ("sections[0].points[0].text", "筹集资金{fund。", "sections[0].points[0].text: unbalanced brace '{'"),
    ("intro", "全年发放{fund}。", "intro: unknown figure 'fund' in {fund}"),
    ("sections[0].points[0].figures.visited", {"value": 2.5, "unit": "人"},
     "sections[0].points[0].figures.visited.value: 2.5 人 is not a whole number"),
    ("sections[0].points[0].figures.visited", {"value": -3, "unit": "人"},
     "sections[0].points[0].figures.visited.value: -3 is negative"),
    ("sections[0].points[0].figures.visited", {"unit": "人"}, "sections[0].points[0].figures.visited: missing value"),
    ("sections[0].points[0].figures.visited", {"value": 240}, "sections[0].points[0].figures.visited.unit: missing unit"),
    ("sections[0].points[0].figures.visited", 240, "sections[0].points[0].figures.visited: give the unit too"),
    ("sections[0].points[0].figures.visited", {"value": 240, "unit": "人", "dcimals": 1},
     "sections[0].points[0].figures.visited.dcimals: unknown key (did you mean 'decimals'?)"),
    ("sections[0].points[1].figures.rate", {"ratio": ["done", "rate"]},
     "sections[0].points[1].figures.rate: circular reference: rate → rate"),
    ("sections[0].points[1].figures.rate", {"ratio": ["done"]},
     "sections[0].points[1].figures.rate.ratio: must be a list [part, whole] of figure names"),
    ("sections[0].points[1].figures.rate", {"sum": ["done", "fund"]},
     "sections[0].points[1].figures.rate.sum[1]: unknown figure 'fund'"),
    ("sections[0].points[1].figures.done", {"value": 39, "unit": "人"},
     "sections[0].points[1].figures.rate: ratio mixes done (人) and target (家)"),
    ("sections[0].points[0].heading", "深化帮扶工作。成效明显", "sections[0].points[0].heading: a heading is one phrase"),
    ("sections[0].points[0].heading", "1.深化帮扶工作", "sections[0].points[0].heading: leave out the number"),
    ("sections[0].points[0].text", "（一）春节期间筹集资金{fund}。", "sections[0].points[0].text: a paragraph must not start with a numbering marker"),
    ("sections[0].points[0].pionts", [], "sections[0].points[0].pionts: unknown key (did you mean 'points'?)"),
    ("script", "trad", "script: must be simplified or traditional, not 'trad'"),
    ("signature", {"organization": "某某市总工会", "date": "2025-13-01"},
     "signature.date: '2025-13-01' is not a date"),
    ("title", "20xx年度工会工作总结", "title: placeholder '20xx' left in text"),
    ("sections", "主要工作", "sections: must be a list of sections, not text"),
    ("sections[0].points[0].points", [{"heading": "三级", "points": [{"heading": "四级", "points": [{"heading": "五级"}]}]}],
     "sections[0].points[0].points[0].points[0].points[0]: nested too deep"),
]


@pytest.mark.parametrize("path, value, message", ERROR_CASES, ids=[c[2].split(":")[0] + "-" + str(i) for i, c in enumerate(ERROR_CASES)])
def test_spec_errors_name_the_place(path, value, message):
    with pytest.raises(SpecError) as info:
        draft(_with(path, value))
    assert str(info.value).startswith(message), str(info.value)
    assert "\n" not in str(info.value)


def test_title_from_organization_and_period():
    spec = _with("title", _DELETE)
    assert draft(spec).startswith("某某市总工会2025年工作总结\n")


def test_missing_title():
    spec = _with("title", _DELETE)
    del spec["period"]
    with pytest.raises(SpecError, match=r"^title: missing \(or give organization and period to build one\)$"):
        draft(spec)


def test_nothing_to_draft():
    with pytest.raises(SpecError, match="nothing to draft"):
        draft({"title": "工作总结"})
    with pytest.raises(SpecError, match=r"<spec>: a spec is a mapping"):
        draft([1, 2])
    with pytest.raises(SpecError, match=r"^documents: must be a non-empty list"):
        draft({"documents": []})


def test_cli_errors_are_one_line_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(_with("sections[0].points[1].figures.rate", {"ratio": ["nosuch", "target"]}),
                                  allow_unicode=True), encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    for path, expected in ((bad, "sections[0].points[1].figures.rate.ratio[0]: unknown figure 'nosuch'"),
                           (broken, "broken.yaml:2:1: invalid YAML"),
                           (tmp_path / "missing.yaml", "missing.yaml: no such file")):
        result = run_cli("draft", str(path))
        err = result.stderr.decode()
        assert result.returncode == 2, err
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
        assert err.startswith("zongjie: error: ") and expected in err, err


def run_cli(*args: str, stdin: bytes | None = None):
    exe = [sys.executable, "-c", "from zongjie_nlp.cli import main; main()"]
    return subprocess.run(exe + list(args), input=stdin, capture_output=True, timeout=120, cwd=ROOT)


# --------------------------------------------------------------------------- formats and scripts


def test_traditional_throughout():
    spec = issue_spec()
    spec["script"] = "traditional"
    spec["sections"][2]["text"] = "继续做好困难职工帮扶工作，了解职工需求。"
    text = draft(spec)
    assert "2025年度工會工作總結" in text and "（一）深化幫扶工作" in text and "13.02萬元" in text
    assert "組建率為95.1%" in text and "某某市總工會" in text
    assert "做好困難職工" in text and "了解" in text  # not OpenCC's 睏難 / Taiwan's 瞭解
    report = zongjie_nlp.parse(text)
    assert report.script == "traditional"
    # every character that has a traditional form is in it
    assert convert_text(text, "traditional") == text
    assert problems(text) == []


def test_markdown_headings_keep_markers():
    md = draft(issue_spec(), fmt="markdown")
    lines = md.splitlines()
    assert lines[0] == "# 2025年度工会工作总结"
    assert "## 一、主要工作" in lines and "### （一）深化帮扶工作" in lines and "## 三、下步打算" in lines
    assert '<p align="right">2025年12月31日</p>' in lines


def test_level_3_and_4_markers():
    spec = issue_spec()
    spec["sections"][0]["points"][0]["points"] = [
        {"heading": "三级要点", "text": "内容一。", "points": [{"heading": "四级要点", "text": "内容二。"},
                                                           {"heading": "四级要点二"}]}]
    lines = draft(spec).splitlines()
    assert "1.三级要点" in lines and "（1）四级要点" in lines and "（2）四级要点二" in lines
    nodes = [(n.level, n.marker) for n in zongjie_nlp.parse(draft(spec)).documents[0].nodes()]
    assert (3, "1.") in nodes and (4, "（1）") in nodes and (4, "（2）") in nodes


def test_docx_output(tmp_path):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    out = tmp_path / "draft.docx"
    assert draft(issue_spec(), path=str(out)) == str(out)
    document = docx.Document(str(out))
    paragraphs = [(p.style.name, p.text, p.alignment) for p in document.paragraphs]
    assert paragraphs[0][:2] == ("Title", "2025年度工会工作总结")
    assert document.styles["Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert ("Heading 1", "一、主要工作") in [p[:2] for p in paragraphs]
    assert ("Heading 2", "（二）加强工会组建") in [p[:2] for p in paragraphs]
    assert ("Normal", "园区应建工会企业41家，已有39家提交建会申请，组建率为95.1%。") in [p[:2] for p in paragraphs]
    assert paragraphs[-1][1:] == ("2025年12月31日", WD_ALIGN_PARAGRAPH.RIGHT)
    assert paragraphs[-2][1:] == ("某某市总工会", WD_ALIGN_PARAGRAPH.RIGHT)
    east_asia = document.styles["Normal"].element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    assert east_asia == "仿宋_GB2312"
    # the library reads it back: same outline and figures as the text draft
    from_docx = zongjie_nlp.parse(out).documents[0]
    from_text = zongjie_nlp.parse(draft(issue_spec())).documents[0]
    assert [(n.level, n.title) for n in from_docx.nodes()] == [(n.level, n.title) for n in from_text.nodes()]
    assert [(q.kind, q.value) for q in from_docx.quantities] == [(q.kind, q.value) for q in from_text.quantities]


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_draft_clean(example):
    text = draft(str(example))
    assert problems(text) == []


def test_json_and_toml_specs(tmp_path):
    spec = issue_spec()
    spec["signature"]["date"] = "2025-12-31"
    as_json = tmp_path / "spec.json"
    as_json.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    toml = tmp_path / "spec.toml"
    toml.write_text('title = "2025年度工会工作总结"\nscript = "traditional"\n[[sections]]\nheading = "主要工作"\n'
                    'text = "走访慰问困难职工{n}。"\n[sections.figures.n]\nvalue = 240\nunit = "人"\n', encoding="utf-8")
    assert draft(str(as_json)) == draft(issue_spec())
    assert "走訪慰問困難職工240人。" in draft(str(toml))
    with pytest.raises(ZongjieError, match="invalid JSON"):
        bad = tmp_path / "bad.json"
        bad.write_text("{", encoding="utf-8")
        draft(str(bad))


def test_prose_is_cleaned():
    spec = issue_spec()
    spec["intro"] = "一年来,在上级工会的领导下 ,各项工作取得进展(详见附表).现将全年工作总结如下:"
    assert "一年来，在上级工会的领导下，各项工作取得进展（详见附表）。现将全年工作总结如下：" in draft(spec)
    assert prose("工作。，成效明显") == "工作。成效明显。"
    assert prose("共发放41,320元") == "共发放41,320元。"


def test_items_are_numbered_paragraphs():
    spec = issue_spec()
    spec["sections"][0]["points"].append({"heading": "开展文体活动", "points": [
        {"item": "教职工集体跳绳比赛，参赛{n}；", "figures": {"n": {"value": 120, "unit": "人"}}},
        {"item": "教职工书法、绘画、摄影作品比赛"}]})
    text = draft(spec)
    assert "1.教职工集体跳绳比赛，参赛120人；\n\n2.教职工书法、绘画、摄影作品比赛。" in text
    assert problems(text) == []
    doc = zongjie_nlp.parse(text).documents[0]
    assert [(n.level, n.title) for n in doc.nodes()][-4:-2] == [(3, "教职工集体跳绳比赛，参赛120人"), (3, "教职工书法、绘画、摄影作品比赛")]
    with pytest.raises(SpecError, match=r"^sections\[0\]\.points\[0\]\.heading: an item is one numbered paragraph"):
        draft({"title": "测试工作总结", "sections": [{"heading": "甲", "points": [{"item": "乙。", "heading": "丙"}]}]})


def test_long_heading_is_not_a_paragraph():
    spec = {"title": "测试工作总结", "sections": [
        {"heading": "坚持以职工为中心的工作导向，全面深化帮扶工作机制，切实解决困难职工群众的急难愁盼问题",
         "text": "全年工作顺利。"},
        {"heading": "存在问题", "text": "经费不足。"}, {"heading": "下步打算", "text": "继续努力。"}]}
    assert problems(draft(spec)) == []


def test_opencc_slips_are_corrected():
    assert convert_text("扎实做好困难职工帮扶工作，折合人民币", "traditional") == "紮實做好困難職工幫扶工作，折合人民幣"
    assert convert_text("了解情况", "traditional") == "了解情況"
    assert convert_text("了解情况", "traditional-tw") == "瞭解情況"
    # traditional text is kept as the writer gave it
    assert convert_text("全年辦理國際結算業務折合1.8億美元", "traditional") == "全年辦理國際結算業務折合1.8億美元"


def test_rebuild_bank_series_and_foreign_money():
    path = ROOT / "corpora" / "gold" / "bank-branch-annual.txt"
    text = rebuild(path)
    assert "（三）加強與縣財政局、醫保局等機構的合作，新開立機構存款賬戶35個，帶動存款增加1.6億元。\n\n二是抓貸款" in text
    spec = to_spec(path)
    measures = spec["sections"][1]["points"]
    assert [p["heading"] for p in measures] == ["抓存款，夯實負債基礎", "抓貸款，支持實體經濟", "抓服務，提升客戶體驗"]
    assert measures[0]["points"][0] == {"item": "深耕代發工資業務，新拓展代發單位{orgs2}，新增代發客戶{people1}；", "figures": {
        "orgs2": {"value": 27, "unit": "家"}, "people1": {"value": 4300, "unit": "户", "approx": "余"}}}
    assert "折合1.8億美元" in draft(spec)
    old = zongjie_nlp.parse(path).quantities
    assert [(q.kind, q.value, q.unit) for q in zongjie_nlp.parse(draft(spec)).quantities] == [(q.kind, q.value, q.unit) for q in old]


# --------------------------------------------------------------------------- CLI


def test_cli_draft_formats(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(ISSUE_SPEC, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["draft", str(spec)])
    assert result.exit_code == 0 and result.output == draft(issue_spec())
    for name in ("out.txt", "out.md", "out.docx"):
        result = runner.invoke(main, ["draft", str(spec), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).stat().st_size > 0
    assert (tmp_path / "out.md").read_text(encoding="utf-8").startswith("# ")
    result = runner.invoke(main, ["draft", str(spec), "--script", "traditional"])
    assert "工會" in result.output
    result = runner.invoke(main, ["draft", str(spec), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 2 and "unknown output type '.pdf'" in result.output
    result = runner.invoke(main, ["draft", "-"], input=ISSUE_SPEC)
    assert result.exit_code == 0 and "组建率为95.1%" in result.output


def test_cli_stays_light():
    code = ("import sys; import zongjie_nlp.cli; "
            "heavy = [m for m in ('yaml', 'docx', 'opencc', 'jieba', 'spacy') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


# --------------------------------------------------------------------------- rebuild and to_spec


def _sentences(text: str) -> list[str]:
    """Sentences of a text, reduced to their words (punctuation, spaces and markers dropped)."""
    out = []
    for piece in re.split(r"[。！？；!?;\n]", text):
        piece = re.sub(r"^[\s　]*(?:[（(]?[一二三四五六七八九十0-9]{1,3}[）)]?[、.．]?)", "", piece)
        core = re.sub(r"[\W_]", "", piece)
        if core:
            out.append(core)
    return out


def _words(text: str) -> str:
    return re.sub(r"[\W_]", "", text)


def _original_documents(fixed: bool = False):
    report = zongjie_nlp.parse(SEED)
    if fixed:
        from zongjie_nlp.drafting.rebuild import fixed_report

        report, count = fixed_report(report)
        assert count > 0
    furniture = [(b.start, b.end) for b in report.boilerplate]
    docs = []
    for doc in report.documents:
        body = "".join(ch for i, ch in enumerate(report.text[doc.start:doc.end], doc.start)
                       if not any(s <= i < e for s, e in furniture))
        docs.append((doc, body))
    return docs


def test_rebuild_seed_keeps_everything_and_lints_clean():
    text = rebuild(SEED)
    rebuilt = zongjie_nlp.parse(text)
    originals = _original_documents()
    fixed_bodies = [body for _, body in _original_documents(fixed=True)]
    assert len(rebuilt.documents) == len(originals) == 3
    findings = zongjie_nlp.check(rebuilt)
    for number, (new, (old, body)) in enumerate(zip(rebuilt.documents, originals), 1):
        in_doc = [f for f in findings if new.start <= f.start < new.end + 1]
        form = [(f.rule, f.message) for f in in_doc if f.category in ("numbering", "punctuation")]
        assert form == [], f"document {number}: {form}"
        # every figure, as written (but for the space in "39 名") and with its value
        assert [(q.kind, q.value, q.text) for q in new.quantities] == [
            (q.kind, q.value, q.text.replace(" ", "")) for q in old.quantities]
        # every sentence, word for word, except where a safe fix corrected a word
        # (不斷髮展 → 不斷發展 ZJ601, 因子子女 → 因子女): those are checked against the
        # original with the checks' safe fixes applied, and must be few and small.
        words = _words(text[new.start:new.end])
        missing = [s for s in _sentences(body) if s not in words]
        fixed_body = fixed_bodies[number - 1]
        fixed_sentences = _sentences(fixed_body)
        assert len(missing) <= 3, missing
        for sentence in missing:
            close = [f for f in fixed_sentences if difflib.SequenceMatcher(None, sentence, f).ratio() > 0.95]
            assert close and close[0] in words, f"document {number} lost: {sentence}"
        assert [s for s in fixed_sentences if s not in words] == []


def test_rebuild_renumbers_by_depth():
    report = zongjie_nlp.parse(rebuild(SEED))
    doc1, doc2, _ = report.documents
    # 篇1: its only 一、 loses the number (ZJ109); (一)、…(四) → （一）…（四）; 1、→ 1.
    assert [n.marker for n in doc1.nodes() if not n.inline and n.style in ("paren-cn", "arabic")][:4] == ["（一）", "1.", "2.", "（二）"]
    # 篇2: 1、…7、 are its top level → 一、…七、; (1)(2)(4)… → （一）（二）（三）… contiguous
    top = [n.marker for n in doc2.outline]
    assert top == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    fifth = doc2.outline[4]
    assert [c.marker for c in fifth.children] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]


def test_rebuild_outputs(tmp_path):
    runner = CliRunner()
    for name in ("seed.txt", "seed.md", "seed.docx"):
        result = runner.invoke(main, ["rebuild", str(SEED), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    assert len(zongjie_nlp.parse(tmp_path / "seed.docx").documents) == 3
    result = runner.invoke(main, ["rebuild", str(SEED), "-d", "3", "--script", "simplified"])
    assert result.exit_code == 0 and result.output.startswith("工会年度工作总结篇3\n")
    result = runner.invoke(main, ["rebuild", str(SEED), "-d", "4"])
    assert result.exit_code == 2 and "holds 3 document" in result.output


def test_rebuild_spec_round_trip(tmp_path):
    result = CliRunner().invoke(main, ["rebuild", str(SEED), "--spec", "-o", str(tmp_path / "seed.yaml")])
    assert result.exit_code == 0, result.output
    spec = yaml.safe_load((tmp_path / "seed.yaml").read_text(encoding="utf-8"))
    docs = spec["documents"]
    assert len(docs) == 3 and docs[0]["script"] == "traditional"
    point = docs[0]["sections"][0]["points"][1]["points"][1]
    assert point["item"].startswith("深組建。面對我會進展緩慢的落後狀況")  # a run-in list entry
    assert point["figures"]["rate1"] == {"ratio": ["orgs5", "orgs4"], "decimals": 1}
    assert "工會組建率為{rate1}" in point["item"]
    # 篇2 still holds the page's placeholders: drafting it names them
    with pytest.raises(SpecError, match=r"^documents\[1\]\.intro: placeholder '20xx' left in text"):
        draft(spec)
    originals = _original_documents()
    for index in (0, 2):
        text = draft(docs[index])
        redrafted = zongjie_nlp.parse(text).documents[0]
        old = originals[index][0]
        assert [(q.kind, q.value) for q in redrafted.quantities] == [(q.kind, q.value) for q in old.quantities]
        assert [f for f in problems(text) if f[0].startswith(("ZJ1", "ZJ4"))] == []
    # editing data, not prose: the computed rate follows the counts
    point["figures"]["orgs5"]["value"] = 40
    assert "工會組建率為97.6%" in draft(docs[0])


@pytest.mark.parametrize("spec", [ISSUE_SPEC, *[str(p) for p in EXAMPLES]], ids=["issue", *[p.name for p in EXAMPLES]])
def test_rebuild_of_a_draft_changes_nothing(spec):
    text = draft(yaml.safe_load(spec) if spec == ISSUE_SPEC else spec)
    assert rebuild(text) == text
    assert draft(to_spec(text)) == text


def test_to_spec_of_a_draft_gives_the_spec_back():
    spec = to_spec(zongjie_nlp.parse(draft(issue_spec())))
    assert [s["heading"] for s in spec["sections"]] == ["主要工作", "存在问题", "下步打算"]
    assert spec["signature"] == {"organization": "某某市总工会", "date": "2025-12-31"}
    assert draft(spec) == draft(issue_spec())


# --------------------------------------------------------------------------- round trip (hypothesis)

HEADINGS = ["加强组织建设", "深化帮扶工作", "推进民主管理", "开展职工培训", "做好安全生产", "强化宣传教育",
            "完善制度建设", "服务职工群众", "推动创新发展", "落实工作责任", "加强队伍建设", "维护职工权益",
            "丰富文体活动", "提升服务水平", "规范财务管理"]
PLAIN = ["扎实推进各项工作，取得明显成效。", "坚持以职工为中心，认真履行各项职能。", "各项工作稳步推进。",
         "在上级工会的指导下，工作有序开展。"]


@st.composite
def amounts(draw, low=1, high=10**9):
    return draw(st.one_of(st.integers(low, high), st.sampled_from([130200, 41320, 74000, 270000, 10000, 123450000,
                                                                  150000000, 1234567, 99999, 100000]).filter(lambda v: low <= v <= high)))


@st.composite
def sentence(draw, new_name):
    kind = draw(st.sampled_from(["money", "people", "rate", "sum", "difference", "growth", "decline", "per_head",
                                 "percent", "points", "plain"]))
    a, b, c = new_name(), new_name(), new_name()
    if kind == "money":
        return f"全年筹集帮扶资金{{{a}}}。", {a: {"value": draw(amounts()), "unit": draw(st.sampled_from(["元", "元", "元"]))}}
    if kind == "people":
        return f"走访慰问困难职工{{{a}}}。", {a: {"value": draw(st.integers(1, 2_000_000)), "unit": draw(st.sampled_from(["人", "名", "人次"]))}}
    if kind == "rate":
        whole = draw(st.integers(1, 5000))
        part = draw(st.integers(0, whole))
        return (f"应建工会企业{{{a}}}，已有{{{b}}}提交建会申请，组建率为{{{c}}}。",
                {a: {"value": whole, "unit": "家"}, b: {"value": part, "unit": "家"},
                 c: {"ratio": [b, a], "decimals": draw(st.integers(0, 2))}})
    if kind == "sum":
        return (f"全年培训职工{{{c}}}，其中线上{{{a}}}，线下{{{b}}}。",
                {a: {"value": draw(st.integers(1, 200000)), "unit": "人次"}, b: {"value": draw(st.integers(1, 200000)), "unit": "人次"},
                 c: {"sum": [a, b]}})
    if kind == "difference":
        total = draw(st.integers(1, 5000))
        done = draw(st.integers(0, total))
        return (f"园区落户企业{{{a}}}，其中已建会{{{b}}}，未建会{{{c}}}。",
                {a: {"value": total, "unit": "家"}, b: {"value": done, "unit": "家"}, c: {"difference": [a, b]}})
    if kind == "growth":
        old = draw(st.integers(1, 500000))
        new = old + draw(st.integers(0, 500000))
        return (f"会员人数由{{{a}}}增加到{{{b}}}，增长{{{c}}}。",
                {a: {"value": old, "unit": "人"}, b: {"value": new, "unit": "人"}, c: {"growth": [b, a]}})
    if kind == "decline":
        old = draw(st.integers(1, 5000))
        new = draw(st.integers(0, old))
        return (f"安全隐患由{{{a}}}减少到{{{b}}}，下降{{{c}}}。",
                {a: {"value": old, "unit": "处"}, b: {"value": new, "unit": "处"}, c: {"decline": [b, a]}})
    if kind == "per_head":
        return (f"发放慰问金{{{a}}}，慰问职工{{{b}}}，人均{{{c}}}。",
                {a: {"value": draw(amounts(high=10**7)), "unit": "元"}, b: {"value": draw(st.integers(1, 5000)), "unit": "人"},
                 c: {"per_head": [a, b]}})
    if kind == "percent":
        decimals = draw(st.integers(0, 2))
        value = round(draw(st.floats(0, 100, allow_nan=False)), decimals)
        return f"职工满意度达到{{{a}}}。", {a: {"value": value, "unit": "%", "decimals": decimals}}
    if kind == "points":
        return f"入会率比上年提高{{{a}}}。", {a: {"value": round(draw(st.floats(0.1, 50)), 1), "unit": "个百分点"}}
    return draw(st.sampled_from(PLAIN)), {}


@st.composite
def node(draw, level, new_name):
    if level > 1 and draw(st.integers(0, 4)) == 0:  # a list entry: one numbered paragraph
        text, figures = draw(sentence(new_name))
        if draw(st.booleans()):
            text = text[:-1] + "；"
        return {"item": text, **({"figures": figures} if figures else {})}
    out: dict = {"heading": draw(st.sampled_from(HEADINGS))}
    if draw(st.booleans()):
        out["heading"] += "，" + draw(st.sampled_from(HEADINGS))
    parts = draw(st.lists(sentence(new_name), min_size=0, max_size=2))
    if parts:
        out["text"] = "".join(p[0] for p in parts)
        figures = {k: v for p in parts for k, v in p[1].items()}
        if figures:
            out["figures"] = figures
    if level < 4:
        out["points"] = draw(st.lists(node(level + 1, new_name), min_size=0, max_size=3 if level < 3 else 2))
    return out


@st.composite
def specs(draw, complete: bool):
    counter = iter(range(10**6))

    def new_name() -> str:
        return f"f{next(counter)}"

    spec: dict = {"title": draw(st.sampled_from(["2025年度工会工作总结", "2024年工作总结", "市总工会2025年上半年工作总结"])),
                  "script": draw(st.sampled_from(["simplified", "traditional"]))}
    if complete or draw(st.booleans()):
        spec["intro"] = "一年来，在上级工会的正确领导下，各项工作取得新进展。现将全年工作总结如下。"
    spec["sections"] = draw(st.lists(node(1, new_name), min_size=1, max_size=4))
    if complete or draw(st.booleans()):
        spec["problems"] = "基层工会活动经费不足，部分工作还不够深入。"
    if complete or draw(st.booleans()):
        spec["plans"] = [{"heading": "继续" + draw(st.sampled_from(HEADINGS)), "text": "认真抓好落实。"}]
    if complete or draw(st.booleans()):
        spec["signature"] = {"organization": "市总工会", "date": draw(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))}
    return spec


def check_round_trip(spec: dict, ignore_categories=()) -> None:
    (summary,) = summaries(copy.deepcopy(spec))
    text = draft(spec)
    found = [p for p in problems(text)
             if not any(zongjie_nlp.load_rules()[p[0]].category == c for c in ignore_categories)]
    assert found == [], text
    report = zongjie_nlp.parse(text)
    assert len(report.documents) == 1, text
    (doc,) = report.documents
    assert doc.title == convert_text(summary.title, summary.script)
    expected = [(n.level, convert_text(n.title, summary.script)) for n in summary.nodes()]
    assert [(n.level, n.title) for n in doc.nodes() if not n.inline] == expected
    figures = summary.stated_figures()
    quantities = list(doc.quantities)
    assert len(quantities) == len(figures), (text, [q.text for q in quantities], [f.text for f in figures])
    for q, f in zip(quantities, figures):
        kind = {"money": "money", "count": "count", "percent": "percent", "points": "points"}[f.unit.kind]
        assert q.kind == kind, (q, f)
        value = float(f.value)
        tolerance = 1e-9 * max(1.0, abs(value))
        if kind in ("percent", "points"):
            # The parser reads an integer percentage ("33%") as exact (low == high == 33), so
            # compare at the written precision: 1/3 = 33.33…% is "33%".
            assert abs(value - q.value) <= 0.5 * 10 ** -q.decimals + tolerance, (q, f.text, value)
        else:
            assert q.low - tolerance <= value <= q.high + tolerance, (q, f.text, value)
        if kind == "count":
            assert convert_text(f.unit.name, "simplified") == convert_text(q.unit, "simplified")
    # A draft is a fixed point of rebuild (but for a lone top-level heading, which rebuild
    # leaves unnumbered), and the spec recovered from it drafts the same text.
    if len(summary.sections) > 1:
        assert rebuild(text) == text
    assert draft(to_spec(report)) == text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(specs(complete=True))
def test_round_trip_complete_summaries(spec):
    check_round_trip(spec)


# A spec may leave out 存在问题 / 下步打算 / the signature.  Findings in the category
# "structure" (a missing expected part of a 工作总结) are then about the spec's content, not
# about the draft's form, and are the one category not asserted here.
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(specs(complete=False))
def test_round_trip_any_valid_spec(spec):
    check_round_trip(spec, ignore_categories=("structure",))


def test_a_ratio_of_people_to_attendances_is_drafted():
    """203 people trained of 640 attendances: counts of one category (people) make a share."""
    spec = {"title": "某单位2024年工作总结",
            "sections": [{"heading": "主要工作", "text": "全年培训{trained}，占参训人次的{share}。"}],
            "figures": {"trained": {"value": 203, "unit": "人"}, "attendances": {"value": 640, "unit": "人次"},
                        "share": {"ratio": ["trained", "attendances"]}}}
    assert "全年培训203人，占参训人次的31.7%。" in draft(spec)


def test_rebuild_keeps_an_unnumbered_heading_unnumbered(tmp_path):
    """A part heading written without a number stays a heading without one (no 一、, no 。)."""
    path = tmp_path / "report.txt"
    path.write_text("某单位2024年工作总结\n过去一年工作回顾\n全年新建基层组织5个，培训骨干120人次，各项社会事业全面进步，民生保障持续加强。\n"
                    "一、扩大内需\n全年完成投资8.6亿元，各项社会事业全面进步。\n二、深化改革\n全年完成了改革任务。\n", encoding="utf-8")
    text = rebuild(path)
    assert "\n过去一年工作回顾\n" in text
    assert "一、扩大内需" in text and "二、深化改革" in text


def test_to_spec_recovers_the_relations_the_text_states():
    """Sums, remainders, growth, points and per-head amounts come back as computations (the
    relation kinds the checks judge), and drafting the spec writes the text again."""
    text = ("某单位2024年工作总结\n\n一、主要工作\n\n"
            "全校共有教职工131人，其中男教职工58人，女教职工73人。辖区企业79家，除了10家企业已建工会外，其余69家未建工会。\n\n"
            "全年完成门急诊32.6万人次，比上年的28.4万人次增长14.8%。为126户脱贫户每户发放产业奖补资金1500元，共计发放18.9万元。"
            "满意率由上年的86.2%提高到91.5%，提高了5.3个百分点。\n")
    spec = to_spec(zongjie_nlp.parse(text))
    figures = spec["sections"][0]["figures"]
    computed = {kind: value for f in figures.values() for kind, value in f.items()
                if kind in ("sum", "difference", "growth", "per_head", "ratio")}
    names = {name: f.get("value") for name, f in figures.items()}
    assert [names[n] for n in computed["sum"]] == [58, 73]
    assert [names[n] for n in computed["growth"]] == [326000, 284000]
    assert [names[n] for n in computed["per_head"]] == [189000, 126]
    differences = [[names[n] for n in f["difference"]] for f in figures.values() if "difference" in f]
    assert sorted(differences) == [[79, 10], [91.5, 86.2]]
    assert draft(spec).split("\n")[4:8] == text.split("\n")[4:8]


def test_to_spec_keeps_the_figures_of_a_relation_that_fails():
    """58 + 74 ≠ 131: the stated total is no computation (drafting would change it); every
    figure stays as written."""
    text = "某单位2024年工作总结\n\n一、主要工作\n\n全校共有教职工131人，其中男教职工58人，女教职工74人。\n"
    spec = to_spec(zongjie_nlp.parse(text))
    figures = spec["sections"][0]["figures"]
    assert not any("sum" in f for f in figures.values())
    assert draft(spec).split("\n")[4] == text.split("\n")[4]
