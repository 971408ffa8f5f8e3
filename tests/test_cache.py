"""The start-up cache: compiled patterns and parsed YAML come back from the file an earlier run
wrote, an edited file is read again, and a damaged or unwritable cache is never an error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import regex

from zongjie_nlp import cache

PROGRAM = """
import regex
from zongjie_nlp import cache
calls = []
original = regex.compile
regex.compile = lambda *a, **k: calls.append(a[0]) or original(*a, **k)
cache.compile_regex(r"(?<=[\\p{Han}])[,，](?=\\d)")
print(len(calls))
"""


def _run(folder: Path) -> str:
    env = {**os.environ, "ZONGJIE_CACHE_DIR": str(folder)}
    done = subprocess.run([sys.executable, "-c", PROGRAM], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_a_pattern_compiled_by_one_run_is_not_compiled_by_the_next(tmp_path):
    assert _run(tmp_path) == "1"  # cold: compiled, and written at exit
    assert list(tmp_path.glob("startup-*.pickle"))
    assert _run(tmp_path) == "0"  # warm: unpickled with its compiled code


def test_a_cached_pattern_matches_as_the_pattern_does():
    source = r"(?P<n>[0-9]+)(?P<unit>万?元)"
    cached = cache.compile_regex(source)
    assert [m.groupdict() for m in cached.finditer("拨付12万元，补助300元")] == \
        [m.groupdict() for m in regex.compile(source).finditer("拨付12万元，补助300元")]


RE_PROGRAM = """
import re
from re import _parser
from zongjie_nlp import cache
calls = []
original = _parser.parse
_parser.parse = lambda *a, **k: calls.append(a[0]) or original(*a, **k)
pattern = cache.compile_re(r"(?<=[。；])[ \\u3000]*(?P<m>[一二三]是|第[一二])", re.M)
print(len(calls), pattern == re.compile(pattern.pattern, re.M))
"""


def test_a_cached_re_pattern_is_the_pattern_re_compiles(tmp_path):
    """``compile_re`` keeps ``re``'s compiled code: the next run does not parse the pattern,
    and gets the pattern ``re.compile`` makes (patterns compare by flags and code)."""
    env = {**os.environ, "ZONGJIE_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", RE_PROGRAM], env=env, capture_output=True, text=True,
                           check=True).stdout.split() for _ in range(2)]
    assert runs == [["1", "True"], ["0", "True"]]
    pattern = cache.compile_re(r"(?P<n>\d+)(?P<unit>万?元)")
    assert [m.groupdict() for m in pattern.finditer("拨付12万元，补助300元")] == \
        [{"n": "12", "unit": "万元"}, {"n": "300", "unit": "元"}]


def test_an_edited_yaml_file_is_read_again(tmp_path):
    path = tmp_path / "words.yaml"
    path.write_text("words: [甲]\n", encoding="utf-8")
    assert cache.load_yaml_file(path) == {"words": ["甲"]}
    path.write_text("words: [甲, 乙]\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different modification time, whatever the clock's resolution
    assert cache.load_yaml_file(path) == {"words": ["甲", "乙"]}


def test_the_cache_keeps_no_yaml_of_a_file_that_changed_or_went(tmp_path):
    kept, edited, gone = (tmp_path / name for name in ("kept.yaml", "edited.yaml", "gone.yaml"))
    for path in (kept, edited, gone):
        path.write_text("words: [甲]\n", encoding="utf-8")
    entries = {}
    for path in (kept, edited, gone):
        stat = path.stat()
        entries[("yaml", str(path), stat.st_size, stat.st_mtime_ns)] = {"words": ["甲"]}
    entries[("regex", "甲", 0)] = None
    edited.write_text("words: [甲, 乙]\n", encoding="utf-8")
    gone.unlink()
    assert sorted(key[1] for key in cache._current(entries)) == [str(kept), "甲"]


def test_a_damaged_cache_file_is_ignored(tmp_path):
    _run(tmp_path)
    for path in tmp_path.glob("startup-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert _run(tmp_path) == "1"  # compiled again, no error


def test_caching_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("ZONGJIE_CACHE_DIR", "off")
    assert cache.cache_file() is None
    monkeypatch.setenv("ZONGJIE_CACHE_DIR", str(tmp_path))
    assert os.path.dirname(cache.cache_file()) == str(tmp_path)


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert _run(blocker / "cache") == "1"  # the folder cannot be made: the run still works


def test_an_empty_yaml_file_is_parsed_once(tmp_path, monkeypatch):
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")
    calls = []
    original = cache._parse_yaml
    monkeypatch.setattr(cache, "_parse_yaml", lambda p: calls.append(p) or original(p))
    assert cache.load_yaml_file(path) is None and cache.load_yaml_file(path) is None
    assert len(calls) == 1


def test_a_file_that_is_no_yaml_is_a_value_error(tmp_path):
    import pytest

    path = tmp_path / "broken.yaml"
    path.write_text("- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError):
        cache.load_yaml_file(path)


CONVERT = """
import tempfile
from zongjie_nlp.script import to_traditional_chars
print(to_traditional_chars("们为这里"), tempfile.gettempdir())
"""


def test_the_opencc_character_config_is_written_once_into_the_cache(tmp_path):
    """OpenCC reads configurations only from files: the character-level one is kept in the
    cache folder; with caching off it is a temporary file, removed once loaded."""
    def convert(folder: str, tmp: Path) -> str:
        env = {**os.environ, "ZONGJIE_CACHE_DIR": folder, "TMPDIR": str(tmp)}
        done = subprocess.run([sys.executable, "-c", CONVERT], env=env, capture_output=True, text=True, check=True)
        return done.stdout.split()[0]

    temp = tmp_path / "tmp"
    temp.mkdir()
    assert convert(str(tmp_path / "cache"), temp) == "們為這裡"
    written = list((tmp_path / "cache").glob("opencc-*.json"))
    assert len(written) == 1
    stamp = written[0].stat().st_mtime_ns
    assert convert(str(tmp_path / "cache"), temp) == "們為這裡"
    assert written[0].stat().st_mtime_ns == stamp  # read, not written again
    assert convert("off", temp) == "們為這裡"
    assert list(temp.iterdir()) == []
