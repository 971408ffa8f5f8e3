"""list-count readings that are shown when they hold and never reported (``asserted``
False), which the YAML examples cannot express: 双 pairs, counts of things of the listed
kinds, abbreviations, topics taken up sentence by sentence, comma lists."""

from __future__ import annotations

import pytest

from zongjie_nlp import parse
from zongjie_nlp.relations import find_relations
from tests.helpers import unmark

READINGS = [
    # (text with the stated count marked, the items expected, in order)
    ("今年推动产量和质量[[双]]提升。", ["产量", "质量"]),
    ("坚持线上线下[[双]]渠道服务群众。", ["线上", "线下"]),
    ("实施排放总量和强度[[双]]控制。", ["排放总量", "强度"]),
    ("发挥甲市、乙市、丙市[[三个]]节点城市作用。", ["甲市", "乙市", "丙市"]),
    ("推动教学、教研、教改“[[三教]]”联动。", ["教学", "教研", "教改"]),
    ("深化“厂区[[三管]]”。在严管上下功夫，落实制度。在细管上见成效，优化流程。在共管上求突破，凝聚合力。",
     ["在严管", "在细管", "在共管"]),
    ("新产品试制分[[三步]]：备料，加工，质检。", ["备料", "加工", "质检"]),
    ("今年新增书屋[[3个]]，分别是：东组书屋、西组书屋和南组书屋。", ["东组书屋", "西组书屋", "南组书屋"]),
    # a review that counts the points after it, and agrees with them
    ("一、回顾\n过去一年，主要抓了[[三个方面]]工作。\n（一）抓安全\n（二）抓质量\n（三）抓服务\n二、打算\n无",
     ["（一）抓安全", "（二）抓质量", "（三）抓服务"]),
    # an inline run a sentence after its declaration
    ("二、打算\n做好今年工作，重点抓好[[三个方面]]。这些工作事关全局，必须抓紧抓实。一是抓安全。二是抓质量。三是抓服务。\n三、其他\n无",
     ["一是抓安全", "二是抓质量", "三是抓服务"]),
    # 即 after the colon, the items parted by commas
    ("要求党员做到“[[三个]]一”：即每月读一本书，写一篇心得，办一件实事。", ["每月读一本书", "写一篇心得", "办一件实事"]),
    # a dash run followed by a plain paragraph
    ("二、打算\n工作中要做到“[[两个]]注重”：\n——注重调查研究，摸清底数。\n——注重统筹协调，形成合力。\n此外，还要勤学。\n三、其他\n无",
     ["——注重调查研究", "——注重统筹协调"]),
    # a quoted count whose words are not the items', matching a list of three or more
    ("完善市场、产品、机构和设施“[[四个]]体系”。", ["市场", "产品", "机构", "设施"]),
    ("做好绿色金融、科技金融、普惠金融“[[三篇]]文章”。", ["绿色金融", "科技金融", "普惠金融"]),
    # quoted items back to back, counted by a classifier that may count things
    ("统筹做好“强工”“兴农”“促贸”[[三篇]]文章。", ["强工", "兴农", "促贸"]),
    # a quoted count of a word that the clauses before it each say
    ("明年力争服务更加完善，环境更加优美，治安更加稳定。对照“[[三个]]更加”的目标，抓好落实。",
     ["明年力争服务更加完善", "环境更加优美", "治安更加稳定"]),
]


@pytest.mark.parametrize("marked, items", READINGS, ids=[m[:12] for m, _ in READINGS])
def test_reading_holds_with_its_items(marked: str, items: list[str]) -> None:
    text, span = unmark(marked)
    found = [r for r in find_relations(parse(text), kinds=["list-count"]) if (r.stated.start, r.stated.end) == span]
    assert found, [text[r.stated.start:r.stated.end] for r in find_relations(parse(text), kinds=["list-count"])]
    relation = found[0]
    assert relation.holds, relation.formula
    assert [text[f.start:f.end] for _, f in relation.operands] == items


SILENT = [
    "今年推动产量、质量和效益[[双]]提升。",  # three things for 双: a reading that fails, never reported
    "今年新建幼儿园、小学[[三所]]。",  # three schools of two kinds
    "新产品试制分[[四步]]：备料，加工，质检。",  # a comma may part one step's clauses
    "深化“厂区[[三管]]”。在严管上下功夫，落实制度。在细管上见成效，优化流程。",
    "要求党员做到“[[四个]]一”：即每月读一本书，写一篇心得，办一件实事。",  # commas may part one item
    "完善市场、产品、机构和设施“[[五个]]体系”。",  # a quoted count may name something else
    "全县产值、税收、财政收入实现“[[双]]增长”。",  # three subjects for 双: never reported
    "完善省市县乡[[三级]]服务网络。",  # levels run together may start inside a word
    "正在洽谈的企业有[[3家]]：一是物流公司，二是食品厂。",  # the points may sort the things counted
    "二、打算\n今年要落实“[[四个]]全力推进”任务。\n一是全力推进招商。\n二是全力推进技改。\n三是全力推进创新。\n三、其他\n无",
]


@pytest.mark.parametrize("marked", SILENT, ids=[m[:12] for m in SILENT])
def test_uncertain_disagreement_is_never_reported(marked: str) -> None:
    text, span = unmark(marked)
    for relation in find_relations(parse(text), kinds=["list-count"]):
        assert relation.holds or not relation.asserted, relation.message


NOTHING = [
    "东西双向开放格局加快形成。",  # a direction, not two things
    "甲、乙两地营业收入双双增长。",  # 双双: both
    "推动一圈一带两区协同发展。",  # 两区 goes on the series
    "甲县、乙县、丙县双拥模范县创建成功。",  # 双拥: a name
]

NO_READING = [
    "提高最低工资标准、残疾人“两项补贴”标准。",  # a pair before a quoted name
    "明年力争服务更加完善，环境更加优美。对照“三个更加”的目标，抓好落实。",  # two clauses echo the word, not three
]


@pytest.mark.parametrize("text", NO_READING, ids=[t[:12] for t in NO_READING])
def test_quoted_count_that_disagrees_is_no_reading(text: str) -> None:
    assert not find_relations(parse(text), kinds=["list-count"])


@pytest.mark.parametrize("text", NOTHING, ids=[t[:12] for t in NOTHING])
def test_no_relation(text: str) -> None:
    assert not [r for r in find_relations(parse(text), kinds=["list-count"])
                if "双" in text[r.stated.start:r.stated.end] or "两区" in text[r.stated.start:r.stated.end]]


MORE_READINGS = [
    # a 、 list that is the subject of 实现 before the count
    ("全县工业产值、税收收入实现“[[双]]增长”。", ["全县工业产值", "税收收入"]),
    ("全镇游客人数、旅游收入、引进外来资金实现“[[三个]]翻番”。", ["全镇游客人数", "旅游收入", "引进外来资金"]),
    # quoted items parted by 、 before 双
    ("推行“先看病”、“后付费”[[双]]模式。", ["先看病", "后付费"]),
    # levels written back to back before 级
    ("完善县乡村[[三级]]服务网络。", ["县", "乡", "村"]),
    # an abbreviation whose character is the head the items share
    ("推进供水、供气、管网改造“[[三改]]”联动。", ["供水", "供气", "管网改造"]),
    # a quoted count of a word said twice in one clause, its pieces parted by 、
    ("力争产值稳居全市前列、税收稳居全市前列。实现“[[两个]]稳居”目标。", ["力争产值稳居全市前列", "税收稳居全市前列"]),
    # a quoted count of a word that each of the next points opens with
    ("二、打算\n今年要落实“[[三个]]全力推进”任务。\n一是全力推进招商。\n二是全力推进技改。\n三是全力推进创新。\n三、其他\n无",
     ["一是全力推进招商", "二是全力推进技改", "三是全力推进创新"]),
    # a count figure before a colon and its numbered points
    ("正在洽谈的企业有[[2家]]：一是物流公司，二是食品厂。", ["一是物流公司", "二是食品厂"]),
    # digits before a classifier that may count things of the listed kinds
    ("推动甲镇、乙镇、丙镇[[3个]]中心镇建设。", ["甲镇", "乙镇", "丙镇"]),
]


@pytest.mark.parametrize("marked, items", MORE_READINGS, ids=[m[:12] for m, _ in MORE_READINGS])
def test_more_readings_hold_with_their_items(marked: str, items: list[str]) -> None:
    test_reading_holds_with_its_items(marked, items)


def test_one_classifier_match_is_the_two_it_replaced() -> None:
    """_count_word's one pattern (and its first-character pre-check) finds what a summary
    classifier before a Han character, then any classifier, found one after the other."""
    import regex

    from zongjie_nlp.relations import list_count as lc
    from zongjie_nlp.relations.figures import cues

    lex = cues("list-count")
    summary = regex.compile(rf"(?:{lc._alternation(lex['summary_classifiers'])})(?=\p{{Han}})")
    counting = regex.compile(rf"(?:{lc._alternation(lex['summary_classifiers'] + lex['count_classifiers'])})")
    words = lex["summary_classifiers"] + lex["count_classifiers"] + ["年", "个百分点", ""]
    for word in words:
        for after in ("片区", "，", "", "a"):
            view = "三" + word + after
            named, counted = summary.match(view, 1), counting.match(view, 1)
            expected = (named.end(), True) if named else (counted.end(), False) if counted else (None, False)
            assert lc._count_word(view, 1, "三") == expected, view


def test_occurrences_are_every_start_of_the_word() -> None:
    from zongjie_nlp.relations.figures import occurrences  # list_count's 、 positions, figures_led_by's words

    assert occurrences("甲、乙、丙、丁", "、", 2, 5) == [3]
    assert occurrences("甲、乙", "、", 0, 3) == [1]
    assert occurrences("甲、乙", "、", 2, 3) == []
    assert occurrences("", "、", 0, 0) == []
    assert occurrences("共共共", "共共", 0, 3) == [0, 1]  # overlapping, as figures_led_by needs


def _scope(text: str):
    from zongjie_nlp.relations import Scope

    report = parse(text)
    return Scope(report, report.documents[0])


def test_clause_start_is_the_backward_search_it_replaced() -> None:
    """_clause_start bisects the scope's clause stops (periods skipped) where a search run
    backwards for _LAST_CLAUSE_STOP looked: the same start at every offset of a document with
    figures (stops of every kind, a decimal point, periods, clauses longer than MAX_LOOKBACK),
    and of one without (no stops found: the search is kept)."""
    from zongjie_nlp.relations import list_count as lc

    long_clause = "甲" * (lc.MAX_LOOKBACK + 5)
    texts = ["建成3个站点，完成1.5万元；甲、乙、丙三大片区。2．抓好换届：新增5家!另有6家?"
             f"\n{long_clause}两项工作，见附件.后续7个", "总体平稳，运行良好。继续推进各项工作"]
    for text in texts:
        scope = _scope(text)
        for at in range(scope.lo, scope.hi + 1):
            floor = max(scope.lo, at - lc.MAX_LOOKBACK)
            stop = lc._LAST_CLAUSE_STOP.search(scope.view, floor, at)
            assert lc._clause_start(scope, at) == (stop.end() if stop else floor), (text, at)
    assert _scope(texts[0]).figures and not _scope(texts[1]).figures


def test_named_list_with_a_label_far_on_is_found() -> None:
    """_label_colons only spares the search: a label (新建服务站是：) opening the sentence after
    the count's is read wherever in reach the count's sentence ends."""
    filler = "并持续完善运行管理制度" * 17  # the count's sentence ends near MAX_SENTENCE_AFTER
    text = f"新建服务站4个，{filler}。新建服务站是：甲站、乙站、丙站、丁站。"
    found = [r for r in find_relations(parse(text)) if r.kind == "list-count"]
    assert [(r.stated.value, len(r.operands)) for r in found] == [(4, 4)]
