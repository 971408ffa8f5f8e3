"""Arithmetic checks: judge the relations the prose states, and report them.

The relations themselves (a rate and the counts it was computed from, a total and its
parts, a growth rate and two years' values …) are found by ``zongjie_nlp.relations``, one
module per kind, with the computed interval of each.  This check only judges them — a
relation fails when its computed interval cannot meet the stated figure's (docs/standards.md
"Rounding-aware arithmetic", the way XBRL Calculations 1.1 treats rounded facts) — and
emits a finding: an error (or warning) when it fails, a ``verified`` info finding when it
holds (shown with ``--show-verified``).  A relation the words allow but do not assert is
shown only when it holds.  The finding's ``details`` carry the typed relation
(:class:`~zongjie_nlp.model.RelationDetail`): operands with roles and offsets, computed and
stated values, the formula.
"""

from __future__ import annotations

from ..model import Example
from ..relations import StatedRelation, find_relations
from .base import Context, LogicCheck, rule_factory

BASIS = "docs/standards.md「Rounding-aware arithmetic」：带 k 位小数的数代表所有舍入后等于它的值，约/多/余放宽区间，计算区间与文中区间不相交才报错（XBRL Calculations 1.1 的舍入容差）"


_rule = rule_factory("checks/arithmetic.py", "arithmetic")


RULES = (
    _rule("ZJ201", "rate-mismatch", "error", "比率与文中给出的部分数、总数不符（39/41 ≠ 93.1%）",
          f"L007：率（组建率、完成率、合格率……）和占比可由同句给出的部分数与总数重算；"
          f"只在文字表明谁是部分（已有/完成/该率的动词）、谁是总数（应建/共/全部）时计算。{BASIS}",
          [Example("工业园中应建工会企业41家，已有39家企业提交了建会申请，工会组建率为[[93.1%]]。", True),
           Example("工业园中应建工会企业41家，已有39家企业提交了建会申请，工会组建率为95.1%。", False),
           Example("全年培训员工4200余人次，其中新员工620人次，考核合格率98.5%。", False),
           Example("认证农产品达到1337个，59个产品获得优质认证，冻鱼出口占全国同类产品出口总值的98.5%。", False),
           Example("工业园中应建工会企业0家，已有0家企业提交了建会申请，工会组建率为[[0%]]。", True)]),
    _rule("ZJ202", "remainder-mismatch", "error", "总数减去已说明的部分与“其余/还有/现有”的数不符",
          f"L008：“除了10家已建工会外，还有69家未建”“其余8项”“原有79家，注销10家，现有69家”"
          f"断言 总数 = 已说明部分 + 其余（或 原有 ± 增减 = 现有）；只在其余之意明确时核对。{BASIS}",
          [Example("落户企业79家，除了10家企业已建工会外，还有[[67家]]企业未建立工会组织。", True),
           Example("落户企业79家，除了10家企业已建工会外，还有69家企业未建立工会组织。", False),
           Example("落户企业79家，除了10家企业已建工会外，还有30家正在筹建。", False)]),
    _rule("ZJ203", "parts-exceed-total", "error", "“其中”各项超过总数，或明确穷尽的各项之和不等于总数",
          f"L008：“共X，其中A、B”断言 A + B ≤ X；各项互斥且穷尽（男/女、已建/未建、分别为）时 A + B = X。"
          f"可能交叉的子集（学历与职称、“以上”类门槛）不相加。{BASIS}",
          [Example("全校共有教职工[[126人，其中专任教师108人、行政后勤人员23人]]。", True),
           Example("全校共有教职工131人，其中专任教师108人、行政后勤人员23人。", False),
           Example("共有会员500人，其中女会员260人、35岁以下青年会员300人。", False)]),
    _rule("ZJ204", "cumulative-below-period", "error", "累计数小于同一事项的本年（本期）数",
          f"L009：同一段中“累计/历年/以来”的数包含本年（本期）的数，不可能更小；"
          f"只比较同一单位、同一事项（两处用语相同）的数。{BASIS}",
          [Example("今年共资助困难学生51人。活动开展以来，累计资助困难学生[[39人]]。", True),
           Example("今年共资助困难学生39人。活动开展以来，累计资助困难学生51人。", False),
           Example("今年市级和省级品牌分别新增12项和44项，累计分别达到64项和288项。", False)]),
    _rule("ZJ205", "per-head-total-mismatch", "error", "每人（每户）金额 × 人数（户数）与合计不符",
          f"L009：“N人…每人X元…共计T元”三者俱全时 T = N·X（人均为平均数，按其舍入区间计算）。{BASIS}",
          [Example("为126户脱贫户每户发放产业奖补资金1500元，共计发放[[17.6万元]]。", True),
           Example("为126户脱贫户每户发放产业奖补资金1500元，共计发放18.9万元。", False)]),
    _rule("ZJ206", "growth-mismatch", "error", "增长（下降）百分比与文中前后两个数不符",
          f"L005：“由A增至B，增长P%”“B，比上年的A增长P%”“B，比上年增加Δ，增长P%”"
          f"断言 P = (B−A)/A；两个数都写出时才计算。{BASIS}",
          [Example("全年完成门急诊32.6万人次，比上年的28.4万人次增长[[12.5%]]。", True),
           Example("全年完成门急诊32.6万人次，比上年的28.4万人次增长14.8%。", False)]),
    _rule("ZJ207", "points-mismatch", "error", "百分点变化与前后两个百分比之差不符",
          f"L006：“由86.2%提高到91.5%，提高D个百分点”断言 D = 91.5 − 86.2。{BASIS}",
          [Example("床位使用率由上年的86.2%提高到91.5%，提高了[[4.3个百分点]]。", True),
           Example("床位使用率由上年的86.2%提高到91.5%，提高了5.3个百分点。", False)]),
    _rule("ZJ208", "list-count-mismatch", "error", "声明的项数（以下五项、三大片区）与实际列出的项数不符",
          "STANDARDS 第45条：声明的项数应等于列出的项数：声明后紧随的编号列表（以下五项工作：（一）……；"
          "重点抓好三个方面。一是……）、冒号后以顿号分开的列举（分三步：备料、加工、质检）、"
          "句中先列后数的“甲、乙、丙三大片区”。只在列举的边界确定时报错（顿号分隔的短项、编号连续）；"
          "逗号分隔、带“和/与”、“双”之类只作为核对无误的读法显示，不报错。",
          [Example("一、主要工作\n今年重点开展了以下[[五项]]工作：\n（一）甲\n（二）乙\n（三）丙\n二、存在问题\n丁", True),
           Example("一、主要工作\n今年重点开展了以下三项工作：\n（一）甲\n（二）乙\n（三）丙\n二、存在问题\n丁", False),
           Example("推动东片、西片、南片[[四大]]片区协同发展。", True),
           Example("推动东片、西片、南片三大片区协同发展。", False)]),
    _rule("ZJ210", "share-sum-mismatch", "error", "同一整体各部分的占比之和不等于100%",
          f"L008：结构比（三次产业结构3.6∶38.2∶58.2）和“分别占…的”一组占比，各部分互斥且穷尽同一整体时，"
          f"其和应为100%（按各数的舍入区间计算）；可能交叉的子集、不同整体的占比、增速不核对。{BASIS}",
          [Example("全市三次产业结构调整为[[3.6∶38.2∶58.6]]。", True),
           Example("全市三次产业结构调整为3.6∶38.2∶58.2。", False),
           Example("工业投资占全部投资的45%，民间投资占60%。", False)]),
    _rule("ZJ211", "respectively-mismatch", "warning", "“分别”前后的项数不一致（三项对两个数）",
          "L008：“甲、乙、丙分别增长5%、6%、7%”断言主语与数一一对应；前列三项、后列两个数时，"
          "读者无从知道哪个数属于谁。主语以顿号分项（“和/与/及”可能再分一项，两种读法都算相符），"
          "“等”结尾的开放列举不核对。来源：编辑实践。",
          [Example("一、二、三产业增加值[[分别增长4.2%、5.0%]]。", True),
           Example("一、二、三产业增加值分别增长4.2%、5.0%、5.4%。", False),
           Example("高中阶段和高等教育毛入学率、学前教育毛入园率分别达到98.5%、64.3%、93.5%。", False)]),
    _rule("ZJ209", "percent-for-points", "warning", "两个百分比之差写成了“提高X%”，应为“X个百分点”",
          "L006：百分比之间的差用“百分点”表示；“由90%提高到95.1%”是提高5.1个百分点，"
          "写“提高5.1%”会被读作相对增长（实为5.67%）。来源：编辑实践（STANDARDS L006）。",
          [Example("满意率由90%提高到95.1%，提高了[[5.1%]]。", True),
           Example("满意率由90%提高到95.1%，提高了5.1个百分点。", False)]),
)


def emit(ctx: Context, relation: StatedRelation) -> None:
    """One finding for a relation: verified when it holds, a problem when an asserted one fails."""
    holds = relation.holds
    if not holds and not relation.asserted:
        return
    start, end = relation.where
    if holds:
        ctx.emit(relation.rule, start, end, relation.message, details=[relation.detail()], verified=True, severity="info")
    else:
        ctx.emit(relation.rule, start, end, relation.message, details=[relation.detail()], severity=relation.severity)


def run(ctx: Context) -> None:
    for relation in find_relations(ctx.report):
        emit(ctx, relation)


CHECK = LogicCheck(rules=RULES, run=run)
