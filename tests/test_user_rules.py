"""Users add rules of their own: ``extra-rules = ["folder"]`` in the config loads the YAML
rule files in that folder (the format of ``rules/*.yaml``), validated like the built-in ones.
The rule fires, is listed by ``zongjie rules``, and its examples run with ``zongjie rules --test``."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from zongjie_nlp.cli import main

HOUSE_RULE = """\
- id: HOUSE01
  name: house-style-annual
  category: typo
  severity: warning
  summary: 本单位统一写“年度”，不写“年份总结”
  why: 本单位公文用语约定（示例规则）。
  source: 本单位写作手册
  message: “{match}”应写作“{fix}”
  words:
    年份总结: 年度总结
  fix: {map: {年份总结: 年度总结}}
  applicability: safe
  examples:
    - good: "现将本年度总结报告如下："
    - {bad: "现将2024[[年份总结]]如下：", fix: 年度总结}
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "style.yaml").write_text(HOUSE_RULE, encoding="utf-8")
    (tmp_path / ".zongjie.toml").write_text('extra-rules = ["house"]\n', encoding="utf-8")
    (tmp_path / "report.txt").write_text("某单位2024年工作总结\n现将2024年份总结如下：全年工作顺利。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_user_rule_fires_and_fixes(project):
    result = CliRunner().invoke(main, ["lint", "report.txt", "--select", "HOUSE01", "--format", "json"])
    findings = json.loads(result.stdout)
    assert [(f["rule"], f["fix"]["replacement"]) for f in findings] == [("HOUSE01", "年度总结")]
    assert result.exit_code == 1


def test_a_user_rule_is_listed_and_explained(project):
    listing = CliRunner().invoke(main, ["rules"])
    assert "HOUSE01" in listing.stdout and "house-style-annual" in listing.stdout
    explained = CliRunner().invoke(main, ["rules", "house01"])
    assert explained.exit_code == 0 and "本单位公文用语约定" in explained.stdout


def test_a_user_rules_examples_run(project):
    result = CliRunner().invoke(main, ["rules", "HOUSE01", "--test"])
    assert result.exit_code == 0, result.output
    assert "2 of 2 examples as expected" in result.stdout
    broken = HOUSE_RULE.replace("[[年份总结]]", "[[年份]]总结")
    (project / "house" / "style.yaml").write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "HOUSE01", "--test"])
    assert result.exit_code == 1 and "HOUSE01: does not fire on the marked span" in result.stdout


def test_without_the_config_the_rule_is_not_there(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "HOUSE01" not in CliRunner().invoke(main, ["rules"]).stdout


@pytest.mark.parametrize("content, message", [
    ("- id: ZJ101\n  name: x\n", "missing"),  # a required key missing (and an id the project uses)
    ("- [not, a, rule]\n", "a rule file is a list of rules"),
    (HOUSE_RULE.replace('- good: "现将本年度总结报告如下："', "- 现将本年度总结报告如下"), "an example is"),
    ("- id: HOUSE02\n  name: x\n  category: nosuch\n  severity: warning\n  summary: s\n  why: w\n"
     "  examples: []\n  pattern: 甲\n", "unknown category"),
    (HOUSE_RULE.replace("HOUSE01", "ZJ801"), "duplicate rule id ZJ801"),
    # a user's patterns are compiled when the file is loaded, the stdlib engine's too
    (HOUSE_RULE.replace("  words:\n    年份总结: 年度总结\n", "  pattern: '年份(总结'\n  matcher: re\n"), "bad pattern"),
    (HOUSE_RULE.replace("  words:\n", "  trigger: '(?<=年+)份'\n  words:\n"), "bad pattern"),
])
def test_a_broken_user_rule_is_a_one_line_error(project, content, message):
    (project / "house" / "style.yaml").write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "report.txt"])
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_a_missing_rule_folder_is_an_error(tmp_path, monkeypatch):
    (tmp_path / ".zongjie.toml").write_text('extra-rules = ["nowhere"]\n', encoding="utf-8")
    (tmp_path / "report.txt").write_text("某单位2024年工作总结\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", "report.txt"])
    assert result.exit_code == 2 and "extra-rules: 'nowhere' is not a folder" in result.stderr
