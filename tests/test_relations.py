"""The relation kinds (``zongjie_nlp.relations``): each kind's examples in
``rules/relations/<kind>.yaml`` are its tests, run through the finders alone (no check,
no report), and the registry is complete: every kind has its file, every file its kind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zongjie_nlp import parse
from zongjie_nlp.relations import REGISTRY, find_relations
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
# overlapping each other (其余下, 共计, 总数).
_LEAD_TEXT = ("共有企业120家，其中已建工会的85家，其余下属35家。合计发放资金36万元，人均3000元，每户1500元，"
              "总数达到477个，" + "这是一段很长的没有标点的说明文字" * 9 + "其他68人；总共150人，共计1.2万元。"
              "现有教师11人，专任教师10人，代课1人，剩余2人，户均2.5亩")


@pytest.mark.parametrize("dense", [True, False])
def test_figures_led_by_are_the_figures_whose_lead_holds_a_word(dense, monkeypatch):
    """Scope.figures_led_by finds the figures from the words' occurrences (a document dense
    with figures) or by testing each lead (a sparse one): both ways give what testing each
    lead gives."""
    from zongjie_nlp.relations import figures
    from zongjie_nlp.relations.figures import has

    monkeypatch.setattr(figures, "_CHARS_PER_LEAD", 0 if dense else 10**9)
    scope = _scope(_LEAD_TEXT)
    assert len(scope.operand_figures) > 10
    for words in [("共",), ("共", "合计", "共计"), ("其余", "余下", "其他"), ("总数",), ("总",),
                  ("人均", "户均", "每"), ("现有", "剩余"), ("说明",), ("，",), ("",), ()]:
        expected = [f for f in scope.operand_figures if has(scope.lead(f), words)]
        assert scope.figures_led_by(words) == expected, words


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
    holds (figures_led_by); the patterns must keep those words."""
    from zongjie_nlp.relations.figures import PER, _PER_WORDS

    parts = load_yaml("relations/parts.yaml")["cues"]
    assert _outside_groups(parts["weak_total_after_cue"]) == "共"
    assert all(re.fullmatch(r"\w+", w) for w in parts["total_after_cues"])  # literal words
    assert _outside_groups(parts["noun_total_cue"]) == "的总数$"
    total_cue = load_yaml("relations/cumulative.yaml")["cues"]["added_then_total"]["total_cue"]
    assert _outside_groups(total_cue) == "总$"
    assert _outside_groups(load_yaml("relations/per-head.yaml")["cues"]["per_thousand_cue"]) == "每"
    assert PER.pattern.startswith("(?:人均|户均|每(") and _PER_WORDS == ("人均", "户均", "每")


def test_the_end_character_tests_keep_every_cue_match():
    """difference and growth test the character right before a figure before searching their
    cue: every match of the cue ends with one of the characters they test for."""
    from zongjie_nlp.relations import difference, growth

    for pattern, ends, words in [
        (difference._DIFF_WORD, difference._DIFF_WORD_ENDS, difference._DIFF_VERBS + difference._DIFF_SUFFIXES),
        (growth._CHANGE_WORD, growth._CHANGE_WORD_ENDS,
         growth._CHANGE_VERBS + growth._CHANGE_MEASURES + growth._CHANGE_FILLERS)]:
        for verb in words:
            for tail in ("", *words):
                m = pattern.search("全年" + verb + tail)
                if m:
                    assert m.group()[-1] in ends
