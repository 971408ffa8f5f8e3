"""The start-up cache: compiled patterns and parsed YAML come back from the file an earlier run
wrote, an edited file is read again, and a damaged or unwritable cache is never an error.  The
file a wheel ships starts a fresh install warm, and is used only where it is valid."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import regex

import hatch_build  # (the wheel build hook, at the top of the tree)
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


# -- the start-up cache a wheel ships (hatch_build.py, zongjie_nlp.warmup) -------------------

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "corpora" / "seed" / "union-annual-summaries.txt"


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    """The start-up cache the wheel build makes, built from this tree (about a second)."""
    folder = tmp_path_factory.mktemp("startup")
    return Path(hatch_build.build_startup_cache(str(ROOT), str(folder)))


def test_the_build_hook_makes_a_file_the_runtime_accepts(shipped, monkeypatch):
    assert str(shipped) == cache.shipped_file(str(shipped.parent))
    entries, rules_yaml = cache._read_shipped(str(shipped))
    assert len(entries) > 300 and {key[0] for key in entries} == {"regex", "re"}
    assert rules_yaml["categories.yaml"][2] == cache._parse_yaml(str(ROOT / "rules" / "categories.yaml"))
    monkeypatch.setattr(cache, "SHIPPED_FOLDER", str(shipped.parent))
    monkeypatch.setattr(cache, "SHIPPED_RULES", str(ROOT / "rules"))
    monkeypatch.setenv("ZONGJIE_CACHE_DIR", "off")  # off: the shipped file is still read
    store = cache._Store()
    assert store.load().keys() == entries.keys() and store.rules_yaml == rules_yaml
    monkeypatch.setattr(cache, "_STORE", store)
    key = next(key for key in entries if key[0] == "regex")
    assert cache.compile_regex(key[1], key[2]) is store.entries[key]
    assert not store.added  # came from the shipped file


def test_a_failing_warm_up_is_a_one_line_error(tmp_path, monkeypatch):
    """The hook turns it into one warning line and builds the wheel without the cache."""
    package = tmp_path / "zongjie_nlp"  # a tree whose warm-up lacks a dependency
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "warmup.py").write_text("import no_such_dependency\n", encoding="utf-8")
    with pytest.raises(hatch_build.StartupCacheError, match="no_such_dependency") as excinfo:
        hatch_build.build_startup_cache(str(tmp_path), str(tmp_path / "out"))
    assert "\n" not in str(excinfo.value)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python"))
    with pytest.raises(hatch_build.StartupCacheError):
        hatch_build.build_startup_cache(str(tmp_path), str(tmp_path / "out"))


LINT = """
import json, sys
from zongjie_nlp import cache
cache.SHIPPED_FOLDER, cache.SHIPPED_RULES = sys.argv[1], sys.argv[2]
parsed = []
original = cache._parse_yaml
cache._parse_yaml = lambda path: parsed.append(path) or original(path)
shipped = set(cache._STORE.load())
from zongjie_nlp.linter import lint_path
findings = lint_path(sys.argv[3])[2]
compiled = [key for key in cache._STORE.entries if key not in shipped and key[0] != "yaml"]
print(json.dumps([len(shipped), len(compiled), len(parsed), [f.to_json() for f in findings]]))
"""


def _lint(shipped_folder: Path, user_cache: str) -> list:
    env = {**os.environ, "ZONGJIE_CACHE_DIR": user_cache}
    done = subprocess.run([sys.executable, "-c", LINT, str(shipped_folder), str(ROOT / "rules"), str(PAGE)],
                          env=env, capture_output=True, text=True, check=True, cwd=str(ROOT))
    return json.loads(done.stdout)


def test_a_fresh_install_compiles_nothing_to_lint_the_sample_page(shipped, tmp_path):
    """With an empty user cache and the shipped file, linting the sample page compiles no
    pattern and parses no YAML; the findings are those of a run without it; the user's file
    is then written as usual."""
    from_shipped, compiled, parsed, findings = _lint(shipped.parent, str(tmp_path / "user"))
    assert from_shipped > 300 and (compiled, parsed) == (0, 0)
    assert list((tmp_path / "user").glob("startup-*.pickle"))
    from_shipped, compiled, parsed, without = _lint(tmp_path / "nothing shipped", "off")
    assert from_shipped == 0 and compiled > 300 and parsed > 20
    assert findings == without and findings


def test_no_pattern_is_compiled_again_by_a_run_with_another_hash_seed(tmp_path):
    """A pattern built from a set must not change with the order the set iterates in (which
    the hash seed decides): a changed source misses the cache, and every run then compiles it
    again and rewrites the whole cache file at exit.  A long page takes the long-page
    scanner's patterns too."""
    from zongjie_nlp.quantities import FAST_SCAN_MIN

    text = PAGE.read_text(encoding="utf-8")
    page = tmp_path / "long-page.txt"
    page.write_text("\n\n".join([text] * (FAST_SCAN_MIN // len(text) + 1)), encoding="utf-8")
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "ZONGJIE_CACHE_DIR": str(tmp_path / "user"), "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", LINT, str(tmp_path / "nothing shipped"), str(ROOT / "rules"),
                               str(page)], env=env, capture_output=True, text=True, check=True, cwd=str(ROOT))
        runs.append(json.loads(done.stdout))
    (_, compiled_first, _, findings_first), (_, compiled_again, _, findings_again) = runs
    assert compiled_first > 300 and findings_first == findings_again
    assert compiled_again == 0


def test_a_shipped_file_for_another_regex_or_python_is_ignored(shipped, tmp_path, monkeypatch):
    folder = tmp_path / "startup"
    folder.mkdir()
    other = shipped.name.replace("-py", "-py2")  # another Python's file beside ours…
    shutil.copy(shipped, folder / other)
    monkeypatch.setattr(cache, "SHIPPED_FOLDER", str(folder))
    monkeypatch.setenv("ZONGJIE_CACHE_DIR", "off")
    assert cache._Store().load() == {}
    shutil.copy(shipped, folder / shipped.name)  # …and ours, but for another regex
    assert cache._Store().load() != {}
    monkeypatch.setattr(regex, "__version__", "0.0.0")
    assert cache._Store().load() == {}


def test_a_shipped_file_of_another_layout_or_re_engine_is_not_used(shipped, tmp_path):
    import pickle

    entries, rules_yaml = cache._read_shipped(str(shipped))
    damaged = tmp_path / "damaged.pickle"
    damaged.write_bytes(pickle.dumps({("regex", "甲", 0): None}))  # a user file's layout
    assert cache._read_shipped(str(damaged)) == ({}, {})
    foreign = {("re", -1, "甲", 0): None, ("hyperscan", "0.9", ()): b"", **entries}
    damaged.write_bytes(pickle.dumps((cache.SHIPPED_FORMAT, foreign, rules_yaml)))
    kept, kept_yaml = cache._read_shipped(str(damaged))
    assert kept.keys() == entries.keys() and kept_yaml == rules_yaml


def test_shipped_yaml_of_an_edited_rule_file_is_not_used(shipped, tmp_path, monkeypatch):
    """A shipped rule file's YAML is used only while the file has the bytes it was built from
    (an installed rule file edited in place, even to the same size, is parsed again)."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    monkeypatch.setattr(cache, "SHIPPED_FOLDER", str(shipped.parent))
    monkeypatch.setattr(cache, "SHIPPED_RULES", str(rules))
    monkeypatch.setenv("ZONGJIE_CACHE_DIR", "off")
    store = cache._Store()
    store.load()
    kept, edited = rules / "categories.yaml", rules / "lexicon" / "genres.yaml"
    text = edited.read_bytes()
    assert b"\n#" in text
    edited.write_bytes(text.replace(b"\n#", b"#\n", 1))  # the same size, other bytes
    found, data = store.shipped_yaml(str(kept), kept.stat().st_size)
    assert found and data == cache._parse_yaml(str(kept))
    assert store.shipped_yaml(str(edited), edited.stat().st_size) == (False, None)
    assert store.shipped_yaml(str(ROOT / "rules" / "categories.yaml"), kept.stat().st_size) == (False, None)
