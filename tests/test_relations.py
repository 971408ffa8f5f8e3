"""The relation kinds (``zongjie_nlp.relations``): each kind's examples in
``rules/relations/<kind>.yaml`` are its tests, run through the finders alone (no check,
no report), and the registry is complete: every kind has its file, every file its kind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zongjie_nlp import parse
from zongjie_nlp.relations import REGISTRY, find_relations
from zongjie_nlp.relations.figures import MAX_CLAUSE
from zongjie_nlp.resources import load_yaml, rules_dir
from tests.helpers import unmark

CASES = [(name, i, example) for name in sorted(REGISTRY)
         for i, example in enumerate(load_yaml(f"relations/{name}.yaml").get("examples", []))]


def test_every_kind_has_its_file_and_examples():
    files = {p.stem for p in (Path(rules_dir()) / "relations").glob("*.yaml")} - {"shared", "previous"}  # previous: two documents
    assert files == set(REGISTRY)
    for name in REGISTRY:
        expects = {e["expect"] for e in load_yaml(f"relations/{name}.yaml")["examples"]}
        assert {"holds", "fails"} <= expects, name  # one that must fire, one that must check out


@pytest.mark.parametrize("name, i, example", CASES, ids=[f"{n}-{i}" for n, i, _ in CASES])
def test_kind_example(name, i, example):
    text, marked = unmark(example["text"])
    relations = [r for r in find_relations(parse(text), kinds=[name])]
    on_mark = [r for r in relations if marked and (r.stated.start, r.stated.end) == marked]
    expect = example["expect"]
    if expect == "none":
        reported = [r for r in (on_mark if marked else relations) if r.asserted and not r.holds]
        assert not reported, [r.message for r in reported]
        return
    assert on_mark, [(r.kind, text[r.stated.start:r.stated.end]) for r in relations]
    relation = on_mark[0]
    assert relation.holds is (expect == "holds"), relation.formula
    assert relation.asserted
    assert relation.formula.endswith("✓" if expect == "holds" else "✗")
    for _, figure in relation.operands:  # operands are figures of the text, none is the stated one
        assert 0 <= figure.start < figure.end <= len(text) and figure is not relation.stated


def test_relations_are_typed_and_carry_roles():
    text = "园区应建工会企业41家，已有39家企业建会，组建率为95.1%。"
    (relation,) = find_relations(parse(text))
    detail = relation.detail()
    assert detail.relation == "rate" and detail.holds
    assert [(op.role, op.text) for op in detail.operands] == [("part", "39家"), ("whole", "41家"), ("stated", "95.1%")]
    assert detail.formula == "39 ÷ 41 = 95.12% ≈ 95.1% ✓"


def test_a_computed_value_is_written_in_the_stated_figures_magnitude():
    """1124亿 + 5982亿 against 1.91万亿元: the sum is shown in 万亿 (0.71万亿), never as 亿 with
    the 万亿 figure's decimals."""
    text = "各项贷款新增1.91万亿元，其中制造业贷款新增1124亿元，小微贷款新增5982亿元。"
    (relation,) = find_relations(parse(text), kinds=["parts"])
    assert relation.formula == "1124亿 + 5982亿 = 0.71万亿 ≤ 1.91万亿元 ✓"


def test_several_year_phrases_read_the_same_in_a_line_as_in_the_document():
    """cumulative looks at the lines' openings only when a several-year phrase is found in the
    document: that holds only if no phrase looks around it or anchors itself."""
    for phrase in load_yaml("relations/cumulative.yaml")["cues"]["periods"]["several"]:
        bare = phrase.replace("[^", "[")  # a negated class is no anchor
        assert not any(s in bare for s in ("(?=", "(?!", "(?<", "^", "$", "\\b", "\\B", "\\A", "\\Z")), phrase


def test_the_numeral_characters_are_all_the_numeral_pattern_can_match():
    """Measures (3200亩) are found by scanning for numerals only a little before each unit,
    from after the last character no numeral holds: the characters written in the numeral
    pattern.  That needs the pattern to match no character it does not write (no escape,
    no wildcard), bar its digit ranges; and a scan so started finds what a whole one does."""
    from zongjie_nlp.numerals import NUMERAL_PATTERN
    from zongjie_nlp.relations.figures import _MEASURE_UNIT, _NUMERAL, _numerals_before_units

    outside_classes = re.sub(r"\[[^\]]*\]", "", NUMERAL_PATTERN)
    assert "\\" not in NUMERAL_PATTERN and "." not in outside_classes
    assert set(re.findall(r"(.)-(.)", NUMERAL_PATTERN)) == {("0", "9"), ("０", "９")}
    view = "新增3千米和5千瓦时，1,234亩、十多万亩、三千二百吨、一万二千平方米，1.5万吨，第3吨，两千余亩，十几公顷，5千千米"
    whole = [m.span() for m in _NUMERAL.finditer(view) if _MEASURE_UNIT.match(view, m.end())]
    assert [m.span() for m in _numerals_before_units(view, 0, len(view))] == whole


def _scope(text: str):
    from zongjie_nlp.relations import Scope

    report = parse(text)
    return Scope(report, report.documents[0])


# A text dense with figures, cue words in and out of reach: around stops, far back in a long
# clause (more than MAX_CLAUSE characters before a figure), at the document's start, and
# overlapping each other (其余下, 共计, 总数); and 合计 and 共 starting exactly MAX_CLAUSE
# characters before a figure (in its lead) and MAX_CLAUSE + 1 before one (not in it).
_FILLER = "这是一段很长的没有标点的说明文字" * 9
_LEAD_TEXT = ("共有企业120家，其中已建工会的85家，其余下属35家。合计发放资金36万元，人均3000元，每户1500元，"
              "总数达到477个，" + _FILLER + "其他68人；总共150人，共计1.2万元。"
              "现有教师11人，专任教师10人，代课1人，剩余2人，户均2.5亩；"
              "合计" + _FILLER[:MAX_CLAUSE - 2] + "41家；合计" + _FILLER[:MAX_CLAUSE - 1] + "42家；"
              "共" + _FILLER[:MAX_CLAUSE - 1] + "43家；共" + _FILLER[:MAX_CLAUSE] + "44家")


def test_figures_led_by_are_the_figures_whose_lead_holds_a_word(monkeypatch):
    """Scope.figures_led_by finds the figures from the words' occurrences (_led_by_indexes)
    in a document dense with figures: what it finds is what testing each lead finds, to the
    character at the clause's MAX_CLAUSE limit.  (A sparse document tests each lead.)"""
    from zongjie_nlp.relations import figures
    from zongjie_nlp.relations.figures import has

    monkeypatch.setattr(figures, "_CHARS_PER_LEAD", 10**9)  # the word-position path, always
    scope = _scope(_LEAD_TEXT)
    assert len(scope.operand_figures) > 10
    at_limit = {f.text: f for f in scope.figures if f.text in ("41家", "42家", "43家", "44家")}
    assert len(at_limit) == 4
    for text, word, reach in [("41家", "合计", MAX_CLAUSE), ("42家", "合计", MAX_CLAUSE + 1),
                              ("43家", "共", MAX_CLAUSE), ("44家", "共", MAX_CLAUSE + 1)]:
        f = at_limit[text]
        assert scope.view[f.start - reach:f.start - reach + len(word)] == word
        assert scope.clause(f.start)[0] == f.start - MAX_CLAUSE  # no stop cuts the clause shorter
        assert has(scope.lead(f), (word,)) == (reach == MAX_CLAUSE), text
    for words in [("共",), ("共", "合计", "共计"), ("其余", "余下", "其他"), ("总数",), ("总",), ("合计",),
                  ("人均", "户均", "每"), ("现有", "剩余"), ("说明",), ("，",), ("",), ()]:
        expected = [f for f in scope.operand_figures if has(scope.lead(f), words)]
        assert scope.figures_led_by(words) == expected, words
        assert scope._led_by_indexes(words) == [i for i, f in enumerate(scope.figures)
                                                if has(scope.lead(f), words)], words
    assert [f.text for f in scope.figures_led_by(("合计",)) if f in at_limit.values()] == ["41家"]
    assert [f.text for f in scope.figures_led_by(("共",)) if f in at_limit.values()] == ["43家"]


def test_per_unit_is_the_per_unit_cue_of_every_figure():
    """Scope.per_unit rules out figures whose lead holds no 人均/户均/每 without reading it."""
    scope = _scope(_LEAD_TEXT)
    assert any(scope.per_unit(f) for f in scope.figures)
    for f in scope.figures:
        assert scope.per_unit(f) == (scope.per_unit_cue(f) is not None), f.text


def _outside_groups(pattern: str) -> str:
    """What a pattern writes outside its groups (and lookarounds): characters every match holds
    when no | is left."""
    group = r"\([^()]*\)(?:[?*+]|\{[\d,]*\})?\??"  # a group and its quantifier
    while re.search(group, pattern):
        pattern = re.sub(group, "", pattern)
    return pattern


def test_cue_patterns_hold_the_words_their_figures_are_found_by():
    """The kinds look for a cue only in the leads that hold a word every match of the cue
    holds (figures_led_by); the patterns must keep those words, each written as one literal
    (what is left outside the groups glues literals together: 的(…)总数 leaves 的总数)."""
    from zongjie_nlp.relations.figures import PER, _PER_WORDS

    parts = load_yaml("relations/parts.yaml")["cues"]
    total_cue = load_yaml("relations/cumulative.yaml")["cues"]["added_then_total"]["total_cue"]
    per_thousand = load_yaml("relations/per-head.yaml")["cues"]["per_thousand_cue"]
    for pattern, outside, word in [(parts["weak_total_after_cue"], "共", "共"),  # parts: figures_led_by(…, 共)
                                   (parts["noun_total_cue"], "的总数$", "总数"),  # parts: (总数,)
                                   (total_cue, "总$", "总"),  # cumulative: (总,)
                                   (per_thousand, "每", "每")]:  # per_head: (每,)
        assert _outside_groups(pattern) == outside
        assert word in outside and word in pattern, (word, pattern)  # a literal of the source
    assert all(re.fullmatch(r"\w+", w) for w in parts["total_after_cues"])  # literal words
    assert PER.pattern.startswith("(?:人均|户均|每(") and _PER_WORDS == ("人均", "户均", "每")


def _cue_ends_before(pattern, view: str, pos: int, back: int, ends=None):
    """The span of the cue found right before ``pos`` as the kinds search it: within the
    sentence (which a line break ends) and ``back`` characters; with ``ends``, only after
    the early test that the character before ``pos`` is one of them."""
    if ends is not None and not (pos > 0 and view[pos - 1] in ends):
        return None
    s0 = view.rfind("\n", 0, pos) + 1
    m = pattern.search(view, max(s0, pos - back), pos)
    return m.span() if m else None


def test_the_end_character_tests_keep_every_cue_match():
    """difference and growth test the character right before a figure before searching their
    cue: on random text over the cues' characters, line breaks, other Han characters and
    digits, the search finds what it finds without that test, right before every offset."""
    import random

    from zongjie_nlp.relations import difference, growth
    from zongjie_nlp.relations.figures import cues

    lex = cues("difference")
    target = difference._target_cue(tuple(lex["target_words"]), tuple(lex["short_words"]), tuple(lex["over_words"]))
    places = [  # (cue, its end characters, how far back it is searched, its words)
        (difference._DIFF_WORD, difference._DIFF_WORD_ENDS, 6, difference._DIFF_VERBS + difference._DIFF_SUFFIXES),
        (target, difference._target_cue_ends(lex["short_words"], lex["over_words"]), 16,
         (*(c + t for c in "与同比较" for t in lex["target_words"]), *lex["short_words"], *lex["over_words"],
          "与", "比", "数", "值", "相比", "比较", "，", ",", "了")),
        (growth._CHANGE_WORD, growth._CHANGE_WORD_ENDS, 12,
         growth._CHANGE_VERBS + growth._CHANGE_MEASURES + growth._CHANGE_FILLERS)]
    rng = random.Random(20240611)
    for pattern, ends, back, words in places:
        chars = sorted(set("".join(words)) | set("\n年的工作全县3０5"))
        found = 0
        for _ in range(3000):
            pieces = [rng.choice(words) if rng.random() < 0.5 else rng.choice(chars)
                      for _ in range(rng.randint(0, 8))]
            view = "".join(pieces)
            for pos in range(len(view) + 1):
                expected = _cue_ends_before(pattern, view, pos, back)
                assert _cue_ends_before(pattern, view, pos, back, ends) == expected, (view, pos)
                found += expected is not None
        assert found > 300, pattern.pattern  # the cue was found often enough to tell


def test_clause_stops_are_those_of_the_alternation_they_replace():
    """figures._STOPS (one class, then a lookbehind dropping a period before a digit) is a
    speed form of ``[。…]|[.．](?!\\d)``: over strings of stops, both periods, ASCII and
    Arabic-Indic digits, a Han character and a letter, it finds the same stops in every
    (pos, endpos) window (a digit past endpos is not seen by either)."""
    from hypothesis import given, settings, strategies as st

    from zongjie_nlp.relations.figures import _STOPS

    old = re.compile(r"[。！？!?；;\n，,：:]|[.．](?!\d)")
    chars = st.sampled_from(["。", "！", "？", "!", "?", "；", ";", "\n", "，", ",", "：", ":",
                             ".", "．", ".", "．", "0", "9", "٣", "年", "a"])

    @settings(max_examples=1000)
    @given(st.lists(chars, max_size=12).map("".join), st.data())
    def check(view, data):
        pos = data.draw(st.integers(0, len(view)))
        endpos = data.draw(st.integers(pos, len(view)))
        got = [m.span() for m in _STOPS.finditer(view, pos, endpos)]
        assert got == [m.span() for m in old.finditer(view, pos, endpos)], (view, pos, endpos)

    check()
