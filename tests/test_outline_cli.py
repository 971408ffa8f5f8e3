"""`zongjie outline`: the JSON contract and clean failures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from zongjie_nlp.cli import main

SEED = Path(__file__).resolve().parents[1] / "corpora" / "seed" / "union-annual-summaries.txt"
QUANTITY_KEYS = {"kind", "text", "value", "unit", "approx", "line", "col", "start", "end"}
NODE_KEYS = {"marker", "number", "style", "level", "title", "line", "col", "start", "end", "children"}


def test_json_contract_on_the_seed():
    result = CliRunner().invoke(main, ["outline", str(SEED), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"path", "encoding", "script", "documents"} <= data.keys()
    assert (data["encoding"], data["script"]) == ("utf-8", "traditional")
    doc = data["documents"][0]
    assert {"title", "line", "start", "end", "outline", "quantities"} <= doc.keys()
    assert (doc["title"], doc["line"]) == ("工會年度工作總結 篇1", 11)
    node = doc["outline"][0]
    assert NODE_KEYS <= node.keys() and (node["marker"], node["style"], node["level"]) == ("一、", "cn-dun", 1)
    text = SEED.read_text(encoding="utf-8")
    for quantity in doc["quantities"]:
        assert QUANTITY_KEYS <= quantity.keys()
        assert text[quantity["start"]:quantity["end"]] == quantity["text"]
    money = [q for q in doc["quantities"] if q["text"] == "13.02萬元"][0]
    assert (money["value"], money["unit"], money["line"]) == (130200, "元", 23)


def test_text_tree_lists_markers_and_lines():
    result = CliRunner().invoke(main, ["outline", str(SEED)])
    assert result.exit_code == 0
    assert "一、 主要工作" in result.output and "documents=3" in result.output


def run_cli(*args: str, stdin: bytes | None = None):
    exe = [sys.executable, "-c", "from zongjie_nlp.cli import main; main()"]
    return subprocess.run(exe + list(args), input=stdin, capture_output=True, timeout=60)


def test_bad_inputs_give_one_line_and_exit_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "picture.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    for path in (tmp_path / "missing.txt", empty, binary, broken):
        result = run_cli("outline", str(path))
        err = result.stderr.decode()
        assert result.returncode == 2, (path, err)
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err


def test_stdin_gbk_bytes():
    text = "工会工作总结\n一、主要工作\n走访慰问困难职工240人。\n"
    result = run_cli("outline", "-", "--format", "json", stdin=text.encode("gbk"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["encoding"] == "gb18030"
    assert data["documents"][0]["quantities"][0]["text"] == "240人"


def test_text_view_names_annexes_and_unnumbered_headings(tmp_path):
    text = ("某县2026年工作报告\n过去一年工作回顾\n全年地区生产总值增长5.2%，一般公共预算收入完成8.6亿元，各项社会事业全面进步。\n"
            "一、扩大内需\n全年地区生产总值增长5.2%，一般公共预算收入完成8.6亿元，各项社会事业全面进步。\n"
            "附件\n2026年民生实事\n一、新建养老服务站12个。\n二、改造农村公路80公里。\n")
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    out = CliRunner().invoke(main, ["outline", str(path)]).output
    assert "过去一年工作回顾 (line)" in out
    assert "[annex] 2026年民生实事" in out
    assert out.index("[annex]") < out.index("二、 改造农村公路80公里")
