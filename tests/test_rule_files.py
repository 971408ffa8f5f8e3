"""Every rule is one entry of ``rules/<family>.yaml``: pattern rules and logic rules alike, so
a rule id leads to one file, and a broken entry is an error that names it (never a family
silently switched off)."""

from __future__ import annotations

import pytest

from zongjie_nlp.checks import all_rules, logic_checks
from zongjie_nlp.checks import registry
from zongjie_nlp.errors import RuleFileError

LOGIC_ENTRY = """\
- id: ZJ199
  name: test-logic
  category: numbering
  severity: warning
  engine: logic
  check: {check}
  summary: a logic rule for the test
  why: only a test
  examples:
    - good: "一、甲"
"""


def test_each_category_is_one_file_named_after_it():
    for rule in all_rules().values():
        assert rule.source == f"{rule.category}.yaml", (rule.id, rule.source)


def test_every_logic_rule_names_a_function_that_exists():
    checks = logic_checks()
    assert {name for name, _, _ in checks} >= {"numbering.run", "arithmetic.run", "structure.run"}
    for name, function, rule_ids in checks:
        assert callable(function) and rule_ids, name
    logic = {rid for _, _, ids in checks for rid in ids}
    assert logic == {rid for rid, rule in all_rules().items() if rule.engine == "logic"}


def _rule_set_of(tmp_path, monkeypatch, text: str, user: bool = False):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "numbering.yaml").write_text(text, encoding="utf-8")
    if user:
        return registry.rule_set_for.__wrapped__(registry.user_rule_files((str(folder),)))
    monkeypatch.setattr(registry, "rules_dir", lambda: folder)
    return registry.rule_set_for.__wrapped__(())


def test_a_logic_rule_with_a_misspelt_module_is_an_error_naming_it(tmp_path, monkeypatch):
    with pytest.raises(RuleFileError, match=r"numbering.yaml: rule ZJ199: no check module .*numbring"):
        _rule_set_of(tmp_path, monkeypatch, LOGIC_ENTRY.format(check="numbring.run"))


def test_a_logic_rule_that_names_an_existing_check_loads(tmp_path, monkeypatch):
    rule_set = _rule_set_of(tmp_path, monkeypatch, LOGIC_ENTRY.format(check="numbering.run"))
    assert rule_set.logic == (("numbering.run", ("ZJ199",)),)
    assert rule_set.rules["ZJ199"].engine == "logic" and rule_set.patterns == ()


def test_a_misspelt_function_is_an_error_when_the_check_runs():
    with pytest.raises(RuleFileError, match="no check function rnu"):
        registry.check_function("numbering.rnu")


def test_a_users_rule_file_cannot_declare_logic_rules(tmp_path, monkeypatch):
    with pytest.raises(RuleFileError, match="pattern rules"):
        _rule_set_of(tmp_path, monkeypatch, LOGIC_ENTRY.format(check="numbering.run"), user=True)


def test_an_unknown_engine_is_an_error(tmp_path, monkeypatch):
    text = LOGIC_ENTRY.format(check="numbering.run").replace("engine: logic", "engine: magic")
    with pytest.raises(RuleFileError, match="engine must be one of"):
        _rule_set_of(tmp_path, monkeypatch, text)


def test_a_users_rule_file_that_is_not_utf8_is_an_error_naming_it(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "house.yaml").write_bytes("- id: 甲\n".encode("gb18030"))
    with pytest.raises(RuleFileError, match="house.yaml: cannot read rules"):
        registry.rule_set_for.__wrapped__(registry.user_rule_files((str(folder),)))
