"""Arithmetic checks (ZJ201–ZJ209): the relations the prose asserts, recomputed.

Every table case runs twice, in simplified script and converted to traditional (OpenCC
s2tw), since the checks match words on the simplified view of either.  A case is

* ``error``: exactly the marked ``[[span]]`` gets a problem from the rule;
* ``ok``: the relation is found and checks out (a verified finding on the span, no problem);
* ``silent``: no arithmetic problem at all (the words leave the relation open).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from zongjie_nlp import parse
from zongjie_nlp.checks import run_checks
from zongjie_nlp.relations import Interval
from zongjie_nlp.script import to_traditional
from tests.helpers import unmark

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "seed" / "union-annual-summaries.txt"

CASES = [
    # ZJ201 rate = part / whole, rounding-aware
    ("ZJ201", "ok", "工业园中应建工会企业41家，已有39家企业提交了建会申请，工会组建率为[[95.1%]]。"),
    ("ZJ201", "error", "工业园中应建工会企业41家，已有39家企业提交了建会申请，工会组建率为[[93.1%]]。"),
    ("ZJ201", "ok", "应建工会企业57家，已建49家，组建率[[86.0%]]。"),
    ("ZJ201", "ok", "应建工会企业640家，已建203家，组建率[[31.7%]]。"),
    ("ZJ201", "error", "应建工会企业640家，已建203家，组建率[[31.8%]]。"),
    ("ZJ201", "ok", "应建工会企业3家，已建2家，组建率[[66.7%]]。"),
    ("ZJ201", "ok", "应建工会企业3家，已建2家，组建率[[67%]]。"),
    ("ZJ201", "error", "应建工会企业3家，已建2家，组建率[[66%]]。"),
    ("ZJ201", "error", "应建工会企业60家，已有51家建立工会，建会率[[86%]]。"),
    ("ZJ201", "ok", "应建工会企业约60家，已有51家建立工会，建会率[[86%]]。"),  # 约 widens: 51/[54, 66]
    ("ZJ201", "ok", "应建工会企业50多家，已有45家建立工会，建会率[[82%]]。"),  # 50多 = [50, 60]
    ("ZJ201", "ok", "共收到提案26件，经审查立案18件，立案率[[69.2%]]。"),
    ("ZJ201", "error", "共收到提案26件，经审查立案18件，立案率[[70%]]。"),
    ("ZJ201", "ok", "应检1180人，实检1062人，体检率达到[[90%]]。"),
    ("ZJ201", "error", "组织老人接种流感疫苗，应接种540人，已接种486人，接种率达到[[92%]]。"),
    ("ZJ201", "ok", "全区12个街道中已有8个街道建成分馆，覆盖率达到[[66.7%]]。"),
    ("ZJ201", "error", "全区12个街道中已有8个街道建成分馆，覆盖率达到[[75%]]。"),
    ("ZJ201", "ok", "全年计划收入500万元，实际完成525万元，完成率[[105%]]。"),
    ("ZJ201", "ok", "已有39家企业建立工会，占应建企业41家的[[95.1%]]。"),
    ("ZJ201", "error", "已有39家企业建立工会，占应建企业41家的[[93.1%]]。"),
    ("ZJ201", "ok", "完成住院手术8960台，其中三、四级手术3420台，占住院手术的[[38.2%]]。"),
    ("ZJ201", "ok", "全年医疗收入5.86亿元，其中药品收入1.41亿元，药占比[[24.1%]]。"),
    ("ZJ201", "silent", "全年培训员工4200余人次，其中新员工620人次，考核合格率98.5%。"),
    ("ZJ201", "silent", "全县应建工会企业120家，今年新建工会企业15家，建会率达到95%。"),
    ("ZJ201", "silent", "会员总数2000人，今年发展会员500人，入会率95%。"),
    ("ZJ201", "silent", "发放问卷500份，收回480份，满意率98%。"),
    ("ZJ201", "silent", "共检查企业120家，发现问题企业30家，整改率100%。"),
    ("ZJ201", "silent", "存款余额38.62亿元，比年初增加4.15亿元，完成分行下达年度计划的112.3%。"),
    ("ZJ201", "silent", "园区企业建会率由年初的83.7%提高到96.5%。"),
    ("ZJ201", "silent", "全年化解矛盾纠纷215件，化解率98.1%。"),
    ("ZJ201", "ok", "抽检样品120批次，合格118批次，合格率[[98.3%]]。"),
    ("ZJ201", "silent", "全年受理投诉120件，其中质量问题80件，办结率100%。"),
    # ZJ202 total = part + rest; base ± changes = now
    ("ZJ202", "ok", "落户企业79家，除了10家企业已建工会外，还有[[69家]]企业未建立工会组织。"),
    ("ZJ202", "error", "落户企业79家，除了10家企业已建工会外，还有[[67家]]企业未建立工会组织。"),
    ("ZJ202", "silent", "落户企业79家，除了10家企业已建工会外，还有30家正在筹建。"),
    ("ZJ202", "ok", "排查各类隐患326项，已整改318项，整改率为97.5%，其余[[8项]]正在按计划整改。"),
    ("ZJ202", "error", "排查各类隐患326项，已整改318项，其余[[10项]]正在整改。"),
    ("ZJ202", "ok", "原有会员单位79家，今年新增12家，注销10家，现有[[81家]]。"),
    ("ZJ202", "error", "公司原有合作单位79家，经评审淘汰不合格单位10家，保留[[67家]]。"),
    ("ZJ202", "ok", "全年工会经费收入38.5万元，支出36.2万元，结余[[2.3万元]]。"),
    ("ZJ202", "error", "全年工会经费收入38.5万元，支出36.2万元，结余[[3.3万元]]。"),
    ("ZJ202", "silent", "上年结余5万元，本年收入38.5万元，支出36.2万元，年末结余9万元。"),
    ("ZJ202", "silent", "年初有会员1200人，年末有会员1350人。"),
    ("ZJ202", "ok", "年初会员1200人，全年新发展会员150人，调出转出50人，年末会员[[1300人]]。"),
    # ZJ203 parts of a total
    ("ZJ203", "error", "全校共有教职工[[126人，其中专任教师108人、行政后勤人员23人]]。"),
    ("ZJ203", "ok", "全校共有教职工[[131人，其中专任教师108人、行政后勤人员23人]]。"),
    ("ZJ203", "error", "比年初增加[[3.2亿元，其中个人存款增加2.1亿元、对公存款增加1.4亿元]]。"),
    ("ZJ203", "error", "共受理投诉[[120件，其中电话投诉80件、网上投诉50件]]。"),
    ("ZJ203", "error", "共有职工[[100人，其中男职工60人、女职工30人]]。"),  # 男/女: all of them
    ("ZJ203", "ok", "共有职工[[100人，其中男职工60人、女职工40人]]。"),
    ("ZJ203", "error", "共有职工[[100人，其中党员120人]]。"),
    ("ZJ203", "ok", "园区落户企业[[86家，其中已建工会企业72家，未建工会企业14家]]。"),
    ("ZJ203", "error", "园区落户企业[[86家，其中已建工会企业72家，未建工会企业13家]]。"),
    ("ZJ203", "ok", "共检查企业[[120家，其中合格100家，不合格20家]]中已整改15家。"),
    ("ZJ203", "silent", "共有会员500人，其中女会员260人、35岁以下青年会员300人。"),
    ("ZJ203", "silent", "全院现有在职职工1126人，其中高级职称800人、硕士研究生以上学历400人。"),
    ("ZJ203", "silent", "辖区60岁以上老人1420人，其中70岁以上900人、80岁以上600人。"),
    ("ZJ203", "silent", "共排查隐患326项，其中重大隐患6项，已整改318项，其余8项正在整改。"),
    ("ZJ203", "silent", "共有企业120家，其中A类企业30家、B类企业40家。"),  # need not be all of them
    ("ZJ203", "silent", "全镇14个村的集体经济收入全部超过10万元，其中5个村超过50万元。"),
    ("ZJ203", "error", "全镇共有耕地[[3.2万亩，其中水田2.1万亩、旱地1.3万亩]]。"),  # 亩: read locally
    ("ZJ203", "ok", "全年共召开会议[[24次，分别为常委会12次、专题会议12次]]。"),
    ("ZJ203", "silent", "共有参赛作品40件，获奖作品分别为一等奖3件、二等奖5件。"),
    # ZJ204 cumulative ≥ this period
    ("ZJ204", "ok", "本年度发放助学金7.4万元，历年累计发放助学金[[27万元]]。"),
    ("ZJ204", "error", "本年度发放助学金7.4万元，历年累计发放助学金[[6万元]]。"),
    ("ZJ204", "error", "今年共资助困难学生51人。活动开展以来，累计资助困难学生[[39人]]。"),
    ("ZJ204", "error", "今年新建高标准农田3200亩，全镇累计建成高标准农田[[2800亩]]。"),
    ("ZJ204", "ok", "今年新建高标准农田3200亩，全镇累计建成高标准农田[[12800亩]]。"),
    ("ZJ204", "silent", "今年计划投入100万元，累计投入80万元。"),
    ("ZJ204", "silent", "今年发放慰问金100万元。累计发放助学金80万元。"),  # other things, other paragraph
    ("ZJ204", "silent", "全年累计发放贷款9.4亿元，比上年多发放12亿元。"),  # 全年累计 is this year
    ("ZJ204", "silent", "1-11月累计完成投资5亿元，全年完成投资6亿元。"),  # year to date
    # ZJ205 per head × heads = total
    ("ZJ205", "ok", "为126户脱贫户每户发放产业奖补资金1500元，共计发放[[18.9万元]]。"),
    ("ZJ205", "error", "为126户脱贫户每户发放产业奖补资金1500元，共计发放[[17.6万元]]。"),
    ("ZJ205", "ok", "组织在职教职工108人参加体检，人均体检费用650元，总费用[[7.02万元]]。"),
    ("ZJ205", "error", "为11名劳模每人发放帮扶资金3000元，共计[[3.5万元]]。"),
    ("ZJ205", "ok", "协助21名妇女申请创业担保贷款，共计[[420万元]]，每人贷款额度10万元～30万元。"),
    ("ZJ205", "ok", "对获奖的10个班组每个班组奖励4000元，共计奖励[[4万元]]。"),
    ("ZJ205", "silent", "慰问困难职工35人，每人每月补助300元，全年共发放12.6万元。"),
    ("ZJ205", "silent", "为39名考取大学的困难职工子女给予每年元的助学帮扶，共发放7.8万元。"),
    ("ZJ205", "silent", "春节期间慰问单亲困难母亲30户，每户500元。"),
    ("ZJ205", "silent", "慰问困难职工240人，其中特困职工20人每人1000元，共发放慰问金13.02万元。"),
    # ZJ206 growth
    ("ZJ206", "ok", "全年完成门急诊46.8万人次，比上年的42.5万人次增长[[10.1%]]。"),
    ("ZJ206", "error", "全年完成门急诊32.6万人次，比上年的28.4万人次增长[[12.5%]]。"),
    ("ZJ206", "ok", "会员人数由上年的1200人增加到1350人，增长[[12.5%]]。"),
    ("ZJ206", "error", "会员人数由上年的1200人增加到1350人，增长[[15%]]。"),
    ("ZJ206", "ok", "各项存款余额28.6亿元，比年初增加3.2亿元，增长[[12.6%]]。"),
    ("ZJ206", "error", "各项存款余额28.6亿元，比年初增加3.2亿元，增长[[11.2%]]。"),  # 3.2/28.6: wrong base
    ("ZJ206", "ok", "全年采购办公用品约6.8万元，比上年节约1.2万元，下降[[15%]]。"),
    ("ZJ206", "ok", "满意率由90%提高到95.1%，提高了[[5.67%]]。"),  # a relative change, correctly computed
    ("ZJ206", "silent", "营业收入5.86亿元，比上年增长14.5%。"),
    ("ZJ206", "ok", "全年门急诊由上年的28.4万人次增加到32.6万人次，同比增长[[14.8%]]。"),
    ("ZJ206", "silent", "由2019年的1200人增加到2024年的1350人，年均增长3%。"),
    ("ZJ206", "silent", "全院手卫生依从率由上年的78%提升到86%。"),
    # ZJ207 percentage points
    ("ZJ207", "ok", "不良贷款率由年初的1.33%下降到1.12%，下降[[0.21个百分点]]。"),
    ("ZJ207", "error", "床位使用率由上年的86.2%提高到91.5%，提高了[[4.3个百分点]]。"),
    ("ZJ207", "ok", "上线率为89.9%，比上年的85.6%提高[[4.3个百分点]]。"),
    ("ZJ207", "error", "上线率为89.9%，比上年的85.6%提高[[3.3个百分点]]。"),
    ("ZJ207", "silent", "满意率达到百分之九十五点六，比上年提高2.3个百分点。"),
    # ZJ209 percent written for points (a warning)
    ("ZJ209", "error", "满意率由90%提高到95.1%，提高了[[5.1%]]。"),
    ("ZJ209", "silent", "满意率由90%提高到95.1%，提高了5.1个百分点。"),
    # ZJ208 declared count vs the list
    ("ZJ208", "ok", "主要有[[三点]]体会：一是坚持学习；二是坚持原则；三是加强沟通。"),
    ("ZJ208", "error", "主要有[[三点]]体会：一是坚持学习；二是坚持原则。"),
    ("ZJ208", "error", "一、主要工作\n今年重点开展了以下[[五项]]工作：\n（一）甲\n（二）乙\n（三）丙\n二、存在问题\n丁"),
    ("ZJ208", "silent", "全年开展新技术、新项目23项，主要有：①甲；②乙；③丙。"),
    ("ZJ208", "silent", "共选送四件作品，获得县一等奖二个、县三等奖一个。"),
    ("ZJ208", "silent", "主要有三点体会：一是坚持学习；二是坚持原则；最后，要加强沟通。"),
    ("ZJ208", "silent", "认真履行维护、建设、参与、教育四项职能。"),
]




def arithmetic(text, show_verified: bool = True):
    return run_checks(parse(text), select=["ZJ2"], show_verified=show_verified)


def problems(findings):
    return [f for f in findings if not f.verified]


@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize("rule, expect, marked", CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_relation_table(rule, expect, marked, script):
    if script == "traditional":
        marked = to_traditional(marked, "s2tw")
    text, span = unmark(marked)
    findings = arithmetic(text)
    if expect == "silent":
        assert problems(findings) == [], [f.message for f in problems(findings)]
        return
    hits = [f for f in findings if f.rule == rule and (f.start, f.end) == span]
    assert hits, f"{rule} not on {text[span[0]:span[1]]!r}: {[(f.rule, text[f.start:f.end], f.message) for f in findings]}"
    if expect == "ok":
        assert all(f.verified and f.severity == "info" for f in hits)
        assert problems(findings) == [], [f.message for f in problems(findings)]
    else:
        assert [f for f in hits if not f.verified], [f.message for f in hits]
        assert [f for f in problems(findings) if f.rule == rule] == [f for f in hits if not f.verified]


# --------------------------------------------------------------------------- #
# The seed page
# --------------------------------------------------------------------------- #


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_seed_has_no_arithmetic_problem():
    assert problems(arithmetic(SEED)) == []


def test_seed_verified_relations():
    findings = arithmetic(SEED)
    by_line = {(f.line, f.rule): f for f in findings if f.verified}
    rate = by_line[(29, "ZJ201")]
    assert "39/41 = 95.12%" in rate.message and "95.1%" in rate.message
    detail = rate.relation
    assert detail.relation == "rate" and detail.formula == "39 ÷ 41 = 95.12% ≈ 95.1% ✓"
    assert [(op.role, op.value) for op in detail.operands] == [("part", 39), ("whole", 41), ("stated", 95.1)]
    legacy = rate.to_json()["details"][0]  # the keys earlier versions wrote are still there
    assert legacy["part"] == 39 and legacy["whole"] == 41 and legacy["stated_text"] == "95.1%"
    rest = by_line[(27, "ZJ202")]
    assert "79 = 10 + 69" in rest.message
    assert [(op.role, op.value) for op in rest.relation.operands] == [("total", 79), ("part", 10), ("rest", 69)]
    assert rest.to_json()["details"][0]["parts"] == [10]
    cumulative = [f for f in findings if f.line == 23 and f.rule == "ZJ204"]
    assert {seed_text()[f.start:f.end] for f in cumulative} == {"51人", "27萬元"}


def test_seed_wrong_rate_is_an_error_on_line_29():
    findings = problems(arithmetic(seed_text().replace("95.1%", "93.1%")))
    assert [(f.line, f.rule, f.severity) for f in findings] == [(29, "ZJ201", "error")]
    assert "39/41 = 95.12%" in findings[0].message and "93.1%" in findings[0].message


def test_seed_wrong_remainder_is_an_error_on_line_27():
    text = seed_text().replace("69家", "67家")
    findings = problems(arithmetic(text))
    assert [(f.line, f.rule, f.severity) for f in findings] == [(27, "ZJ202", "error")]
    assert text[findings[0].start:findings[0].end] == "67家"
    assert "69" in findings[0].message


def test_verified_findings_are_hidden_by_default():
    assert arithmetic(SEED, show_verified=False) == []


def test_messages_follow_the_documents_script_in_lint():
    from zongjie_nlp import check

    findings = check(seed_text().replace("95.1%", "93.1%"), select=["ZJ201"])
    assert findings and "文中寫" in findings[0].message


# --------------------------------------------------------------------------- #
# The corpora: written to be consistent, except the planted errors in lint/flawed
# --------------------------------------------------------------------------- #

CONSISTENT = sorted((ROOT / "corpora" / "gold").glob("*.txt")) + sorted((ROOT / "corpora" / "gold").glob("*.docx")) \
    + [SEED] + sorted((ROOT / "corpora" / "lint" / "clean").glob("*.txt"))


@pytest.mark.parametrize("path", CONSISTENT, ids=lambda p: p.name)
def test_no_false_alarm_on_the_corpora(path):
    findings = arithmetic(path)
    assert problems(findings) == [], [(f.line, f.rule, f.message) for f in problems(findings)]


FLAWED = sorted((ROOT / "corpora" / "lint" / "flawed").glob("*.txt"))


@pytest.mark.parametrize("path", FLAWED, ids=lambda p: p.name)
def test_planted_arithmetic_errors_are_found(path):
    import json

    expected_file = path.with_suffix(".expected.json")
    if not expected_file.exists():
        pytest.skip("no expectations")
    expected = {e["line"] for e in json.loads(expected_file.read_text(encoding="utf-8"))
                if e["category"] == "arithmetic"}
    found = {f.line for f in problems(arithmetic(path))}
    assert found == expected


def test_the_corpora_verify_many_relations():
    verified = [f for path in CONSISTENT for f in arithmetic(path) if f.verified]
    assert {f.rule for f in verified} >= {"ZJ201", "ZJ202", "ZJ203", "ZJ204", "ZJ205", "ZJ206", "ZJ207"}
    assert len(verified) >= 40


# --------------------------------------------------------------------------- #
# Pieces
# --------------------------------------------------------------------------- #


def test_interval_arithmetic():
    part, whole = Interval(39, 39), Interval(41, 41)
    assert (part / whole).scale(100).meets(Interval(95.05, 95.15))
    assert not (part / whole).scale(100).meets(Interval(93.05, 93.15))
    assert Interval(1, 2) - Interval(0.5, 1) == Interval(0, 1.5)
    assert (Interval(2, 3) * Interval(4, 5)) == Interval(8, 15)
    assert (Interval(1, 1) / Interval(-1, 1)).lo == float("-inf")


def test_details_carry_the_operands():
    text = "应建工会企业41家，已有39家企业提交了建会申请，工会组建率为93.1%。"
    finding = problems(arithmetic(text))[0]
    detail = finding.relation
    assert [(op.role, text[op.start:op.end]) for op in detail.operands] == [
        ("part", "39家"), ("whole", "41家"), ("stated", "93.1%")]
    assert detail.formula == "39 ÷ 41 = 95.12% ≠ 93.1% ✗" and detail.holds is False
    data = finding.to_json()["details"][0]
    assert [text[s:e] for s, e in data["operands"]] == ["39家", "41家", "93.1%"]
    assert data["computed"] == 95.122 and data["computed_range"] == [95.121951, 95.121951]
    assert data["stated"] == 93.1 and data["stated_range"] == [93.05, 93.15]
    assert data["relation"] == "rate" and data["roles"][0] == {
        "role": "part", "start": text.index("39家"), "end": text.index("39家") + 3, "text": "39家", "value": 39}


def test_relations_do_not_cross_documents():
    text = ("甲单位工作总结 篇1\n应建工会企业41家。\n乙单位工作总结 篇2\n已有39家企业建会，组建率为93.1%。\n")
    assert problems(arithmetic(text)) == []


def test_linear_time_on_runaway_text():
    """No sentence stops and a figure every few characters: work per trigger stays bounded."""
    small, big = "应建41家已有39家组建率95.1%" * 500, "应建41家已有39家组建率95.1%" * 2000
    report_small, report_big = parse(small), parse(big)
    start = time.perf_counter()
    run_checks(report_small, select=["ZJ2"], show_verified=True)
    t_small = time.perf_counter() - start
    start = time.perf_counter()
    run_checks(report_big, select=["ZJ2"], show_verified=True)
    t_big = time.perf_counter() - start
    assert t_big < 8 * max(t_small, 0.01)
