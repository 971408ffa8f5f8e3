"""Issue 9, drafting and rebuild: bounded work and safe writes.

Every reproducer of the issue in ``zongjie draft`` / ``zongjie rebuild`` runs through the CLI
and ends in exit 0, 1 or 2 with no traceback, quickly, without losing or overwriting input.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from zongjie_nlp.drafting.api import draft, rebuild, to_spec
from zongjie_nlp.drafting.spec import load_spec
from zongjie_nlp.errors import InputError, ZongjieError
from zongjie_nlp.model import Boilerplate
from zongjie_nlp.parser import parse

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed" / "union-annual-summaries.txt"
SMALL_SUMMARY = "2025年工作总结\n\n一、主要工作\n\n走访慰问困难职工240人。\n"
RATE_SENTENCE = "全镇应建工会企业41家，已有39家企业建会，组建率95.1%。"


def run_cli(*args: str, cwd: Path = ROOT, stdin: bytes | None = None, timeout: float = 60):
    """Run ``zongjie`` in a fresh interpreter; the elapsed seconds come back with the result."""
    exe = [sys.executable, "-c", "from zongjie_nlp.cli import main; main()"]
    start = time.monotonic()
    result = subprocess.run(exe + list(args), input=stdin, capture_output=True, timeout=timeout, cwd=cwd)
    return result, time.monotonic() - start


def one_line_error(result, *expected: str) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert err.startswith("zongjie: error: "), err
    for text in expected:
        assert text in err, err
    return err


def billion_laughs(levels: int = 9) -> str:
    """Nested YAML aliases: 2 KB of spec, 9**levels strings once expanded."""
    names = "abcdefghijklmnop"
    rows = ['&a ["笑","笑","笑","笑","笑","笑","笑","笑","笑"]']
    rows += [f"&{names[i]} [" + ",".join([f"*{names[i - 1]}"] * 9) + "]" for i in range(1, levels + 1)]
    return "title: 工作总结\nintro: 全年工作顺利完成。\nsignature:\n  date: [" + ", ".join(rows) + "]\n"


# --------------------------------------------------------------------------- YAML aliases


def test_yaml_alias_bomb_is_refused_quickly(tmp_path):
    spec = tmp_path / "bomb.yaml"
    spec.write_text(billion_laughs(), encoding="utf-8")
    assert spec.stat().st_size < 3000
    result, seconds = run_cli("draft", str(spec))
    one_line_error(result, "bomb.yaml", "alias")
    assert seconds < 5


def test_yaml_alias_is_an_input_error_naming_the_place():
    with pytest.raises(InputError, match=r"<spec>:3:10: YAML alias \*t is not allowed"):
        load_spec("title: &t 工作总结\nintro: 全年工作顺利完成。\nclosing: *t\n")
    # An anchor alone expands nothing: it is accepted.
    assert load_spec("title: &t 工作总结\nintro: 全年工作顺利完成。\n")["title"] == "工作总结"


def test_shared_references_in_a_dict_spec_do_not_blow_up():
    """A dict spec built with shared lists (the API's billion laughs) fails fast, too."""
    inner: list = ["笑"] * 9
    for _ in range(9):
        inner = [inner] * 9
    start = time.monotonic()
    with pytest.raises(ZongjieError):
        draft({"title": "工作总结", "intro": "全年工作顺利完成。", "signature": {"date": inner}})
    with pytest.raises(ZongjieError):
        draft({"title": "工作总结", "intro": "全年工作顺利完成。", "figures": {"n": {"value": 1, "unit": inner}}})
    with pytest.raises(ZongjieError):
        draft({"title": "工作总结", "figures": {"a": {"value": 1, "unit": "人"}, "r": {"ratio": ["a", inner]}},
               "intro": "全年工作顺利完成。"})
    assert time.monotonic() - start < 5


# --------------------------------------------------------------------------- bounded work in rebuild


def test_rebuild_spec_of_repeated_rate_sentences_is_fast(tmp_path):
    """Rates that match no pair of counts used to search all triples of the paragraph."""
    text = RATE_SENTENCE.replace("95.1", "96.5") * 400
    path = tmp_path / "rates.txt"
    path.write_text(text, encoding="utf-8")
    result, seconds = run_cli("rebuild", "--spec", str(path))
    assert result.returncode == 0, result.stderr.decode()
    assert seconds < 5
    assert result.stdout.decode().count("unit: 家") == 800


def test_rebuild_spec_still_finds_the_nearest_ratio_in_long_paragraphs():
    spec = to_spec(RATE_SENTENCE * 300)
    figures = spec["figures"]
    rates = [f for f in figures.values() if "ratio" in f]
    assert len(rates) == 300
    assert rates[-1] == {"ratio": ["orgs600", "orgs599"], "decimals": 1}


def test_rebuild_of_many_headings_is_linear(tmp_path):
    path = tmp_path / "heads.txt"
    path.write_text("一、主要工作\n" * 30_000, encoding="utf-8")
    result, seconds = run_cli("rebuild", str(path))
    assert result.returncode == 0, result.stderr.decode()
    assert seconds < 10
    assert result.stdout.decode().count("主要工作") == 30_000


def test_to_spec_of_many_paragraphs_with_figures_is_linear():
    text = "2025年工作总结\n" + "走访慰问困难职工240人，发放慰问金1.5万元。\n" * 5000
    start = time.monotonic()
    spec = to_spec(text)
    assert time.monotonic() - start < 10
    assert len(spec["intro"]) == 5000 and len(spec["figures"]) == 10_000


def test_private_use_characters_of_the_text_survive_to_spec():
    """Figures stand in as private-use characters while prose is cleaned: the text's own
    private-use characters must not be taken for figures."""
    spec = to_spec("2025年工作总结\n走访\ue000职工240人。\n")
    assert spec["intro"] == "走访\ue000职工240人。"


# --------------------------------------------------------------------------- -o never names an input


@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink", "hardlink"])
def test_rebuild_refuses_output_naming_its_input(tmp_path, spelling):
    path = tmp_path / "x.txt"
    path.write_text(SMALL_SUMMARY, encoding="utf-8")
    output = {"same": str(path), "dotted": str(tmp_path / "." / "x.txt")}.get(spelling)
    if spelling == "symlink":
        output = str(tmp_path / "link.txt")
        os.symlink(path, output)
    elif spelling == "hardlink":
        output = str(tmp_path / "hard.txt")
        os.link(path, output)
    result, _ = run_cli("rebuild", str(path), "-o", output)
    one_line_error(result, "is the input")
    assert path.read_text(encoding="utf-8") == SMALL_SUMMARY
    result, _ = run_cli("rebuild", "x.txt", "-o", "x.txt", cwd=tmp_path)
    one_line_error(result, "is the input")
    assert path.read_text(encoding="utf-8") == SMALL_SUMMARY


def test_draft_and_rebuild_spec_refuse_output_naming_the_input(tmp_path):
    spec = tmp_path / "spec.txt"  # any other name is read as YAML
    text = "title: 工作总结\nintro: 全年工作顺利完成。\n"
    spec.write_text(text, encoding="utf-8")
    one_line_error(run_cli("draft", str(spec), "-o", str(spec))[0], "is the input")
    assert spec.read_text(encoding="utf-8") == text
    page = tmp_path / "page.yaml"
    page.write_text(SMALL_SUMMARY, encoding="utf-8")
    one_line_error(run_cli("rebuild", "--spec", str(page), "-o", str(page))[0], "is the input")
    assert page.read_text(encoding="utf-8") == SMALL_SUMMARY


# --------------------------------------------------------------------------- atomic writes


def test_lone_surrogate_in_spec_is_an_error_and_keeps_the_output(tmp_path):
    spec = tmp_path / "s.json"
    spec.write_text('{"title": "工作总结", "intro": "走访\\ud800职工。"}', encoding="utf-8")
    out = tmp_path / "keep.txt"
    out.write_text("keep me\n", encoding="utf-8")
    result, _ = run_cli("draft", str(spec), "-o", str(out))
    one_line_error(result, "s.json", "intro", "surrogate")
    assert out.read_text(encoding="utf-8") == "keep me\n"
    result, _ = run_cli("draft", str(spec))
    one_line_error(result, "surrogate")


@pytest.mark.parametrize("name", ["keep.txt", "keep.md", "keep.docx"])
def test_a_failed_write_leaves_the_existing_file_intact(tmp_path, monkeypatch, name):
    """The draft is written to a temporary file beside the target and renamed only on success."""
    import docx.document

    out = tmp_path / name
    out.write_bytes(b"keep me\n")

    def partial_save(self, target):
        with open(target, "wb") if isinstance(target, (str, os.PathLike)) else _nullcontext(target) as handle:
            handle.write(b"PARTIAL")
        raise OSError(28, "No space left on device")

    def failing_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", partial_save)
    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(ZongjieError, match="cannot write"):
        draft({"title": "工作总结", "intro": "全年工作顺利完成。"}, fmt=None, path=str(out))
    assert out.read_bytes() == b"keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


class _nullcontext:
    def __init__(self, value):
        self.value = value

    def __enter__(self):
        return self.value

    def __exit__(self, *exc):
        return False


def test_output_replaces_through_a_symlink_and_keeps_the_mode(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    draft({"title": "工作总结", "intro": "全年工作顺利完成。"}, path=str(link))
    assert link.is_symlink() and "全年工作顺利完成。" in target.read_text(encoding="utf-8")
    assert target.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "fresh.txt"
    draft({"title": "工作总结", "intro": "全年工作顺利完成。"}, path=str(fresh))
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.txt", "link.txt", "real.txt"]


def test_output_in_a_missing_folder_is_a_one_line_error(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text("title: 工作总结\nintro: 全年工作顺利完成。\n", encoding="utf-8")
    for name in ("r.txt", "r.docx"):
        one_line_error(run_cli("draft", str(spec), "-o", str(tmp_path / "nope" / name))[0], "cannot write")
    one_line_error(run_cli("rebuild", "--spec", str(spec), "-o", str(tmp_path / "nope" / "r.yaml"))[0],
                   "cannot write")


# --------------------------------------------------------------------------- control characters in .docx


def test_control_characters_do_not_break_docx(tmp_path):
    import docx

    spec = tmp_path / "ctl.yaml"
    spec.write_text('title: 工作总结\nintro: "走访\\x01慰问\\x0b困难职工240人。"\n', encoding="utf-8")
    text = tmp_path / "ctl.txt"
    text.write_text("2025年工作总结\n\n一、主要工作\n\n走访\x0b慰问困难\x1f职工240人。\n", encoding="utf-8")
    for args in (["draft", str(spec)], ["rebuild", str(text)]):
        out = tmp_path / f"{args[0]}.docx"
        result, _ = run_cli(*args, "-o", str(out))
        assert result.returncode == 0, result.stderr.decode()
        body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
        assert "困难" in body and "240人" in body
        assert not any(ord(c) < 32 and c not in "\t\n" for c in body), repr(body)


# --------------------------------------------------------------------------- a text never vanishes


def test_seed_page_without_newlines_keeps_its_text(tmp_path):
    flat = SEED.read_text(encoding="utf-8").replace("\r", "").replace("\n", "")
    path = tmp_path / "flat.txt"
    path.write_text(flat, encoding="utf-8")
    result, _ = run_cli("rebuild", str(path))
    assert result.returncode == 0, result.stderr.decode()
    kept = "".join(result.stdout.decode("utf-8").split())
    assert len(kept) >= 0.95 * len("".join(flat.split()))


def test_rebuild_keeps_text_when_nothing_is_recognised():
    text = "走访慰问困难职工240人，发放慰问金1.5万元，全年工作顺利完成。"
    report = parse(text)
    covered = dataclasses.replace(report, boilerplate=(Boilerplate("breadcrumb", text, 0, len(text), 1, 1),))
    assert "走访慰问困难职工240人" in rebuild(covered)
    no_documents = dataclasses.replace(report, documents=())
    assert "走访慰问困难职工240人" in rebuild(no_documents)
    assert "走访慰问困难职工240人" in str(to_spec(no_documents, fix=False))


def test_short_furniture_lines_are_still_dropped():
    text = "当前位置：首页>范文>工作总结\n2025年工作总结\n一、主要工作\n走访慰问困难职工240人。\n"
    out = rebuild(text)
    assert "主要工作" in out and "240人" in out


# --------------------------------------------------------------------------- size limit


def test_draft_and_rebuild_refuse_inputs_over_the_size_limit(tmp_path):
    (tmp_path / ".zongjie.toml").write_text("max-size-mb = 0.001\n", encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    spec.write_text("title: 工作总结\nintro: " + "全年工作顺利完成。" * 100 + "\n", encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(SMALL_SUMMARY * 20, encoding="utf-8")
    one_line_error(run_cli("draft", "spec.yaml", cwd=tmp_path)[0], "spec.yaml", "too large")
    one_line_error(run_cli("draft", "-", cwd=tmp_path, stdin=spec.read_bytes())[0], "too large")
    one_line_error(run_cli("rebuild", "page.txt", cwd=tmp_path)[0], "page.txt", "too large")
    one_line_error(run_cli("rebuild", "--spec", "page.txt", cwd=tmp_path)[0], "too large")
    small = tmp_path / "small.yaml"
    small.write_text("title: 工作总结\nintro: 全年工作顺利完成。\n", encoding="utf-8")
    assert run_cli("draft", "small.yaml", cwd=tmp_path)[0].returncode == 0


def test_load_spec_refuses_a_huge_file(tmp_path):
    spec = tmp_path / "big.yaml"
    spec.write_text("title: 工作总结\nintro: " + "全" * 2000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="big.yaml: .*too large"):
        load_spec(spec, max_mb=0.001)


# --------------------------------------------------------------------------- absurd figures


@pytest.mark.parametrize("value", ["1e400", "1" * 400, 10**400, "1e-400", "1E+999999", "0." + "0" * 30 + "1", 1e300])
@pytest.mark.parametrize("unit", ["元", "人", "%", "万元", "个百分点"])
def test_absurd_figure_values_are_spec_errors(value, unit):
    spec = {"title": "工作总结", "intro": "共{a}，{r}，{g}，{p}。",
            "figures": {"a": {"value": value, "unit": unit}, "b": {"value": 3, "unit": unit},
                        "r": {"ratio": ["b", "a"]}, "g": {"growth": ["a", "b"]}, "p": {"per_head": ["a", "b"]}}}
    with pytest.raises(ZongjieError):
        draft(spec)


def test_large_but_real_figures_still_draft():
    spec = {"title": "工作总结", "intro": "全市生产总值{gdp}，增长{g}。",
            "figures": {"gdp": {"value": 123456789012345, "unit": "元"}, "old": {"value": 120000000000000, "unit": "元"},
                        "g": {"growth": ["gdp", "old"]}}}
    assert "增长2.9%" in draft(spec)
