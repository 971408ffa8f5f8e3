"""`zongjie lsp`: the language server as an editor sees it.

The server runs as a subprocess (``python -c "from zongjie_nlp.cli import main; main()" lsp``),
driven by pygls's own ``LanguageClient`` on an event loop in a background thread, so that the
tests read as an editor's steps: open, wait for diagnostics, change, ask for a fix, hover.
Its diagnostics are compared with ``zongjie lint --format json``; positions are worked out
here from the text (UTF-16 units), not with the server's own code.  The position and settings
helpers are tested directly too (without pygls)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from zongjie_nlp.cli import main
from zongjie_nlp.lsp.positions import PositionMap
from zongjie_nlp.lsp.settings import Settings, read_settings

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed" / "union-annual-summaries.txt"
SERVER = [sys.executable, "-c", "from zongjie_nlp.cli import main; main()", "lsp"]
# Our own sentences: a half-width comma in Chinese text (ZJ401, a safe fix) after characters
# outside the BMP (two UTF-16 units each), and a full-width digit (ZJ5xx, number format).
ASTRAL = "𠀀𠀁工会组织开展了读书活动,参加职工１２０人。\n"
COMMA = "工会组织开展了读书活动,参加职工120人。\n"
TIMEOUT = 60


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def lsp_position(text: str, offset: int) -> tuple[int, int]:
    """An offset of ``text`` (LF line ends) as an LSP line and UTF-16 column."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return line, utf16(text[start:offset])


def lsp_offset(text: str, line: int, column: int) -> int:
    """An LSP position in ``text`` as a code-point offset (the editor's side of an edit)."""
    start = 0
    for _ in range(line):
        start = text.index("\n", start) + 1
    offset, units = start, 0
    while units < column:
        units += utf16(text[offset])
        offset += 1
    return offset


def apply_text_edits(text: str, edits) -> str:
    """Apply LSP text edits as an editor does (all positions refer to the text before)."""
    spans = sorted(((lsp_offset(text, e.range.start.line, e.range.start.character),
                     lsp_offset(text, e.range.end.line, e.range.end.character), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def cli_findings(path: Path, *args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["lint", str(path), "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def expected_diagnostics(findings: list[dict], text: str) -> list[tuple]:
    """What the server should publish for the CLI's findings: one diagnostic at each finding's
    span and one at each further place (``details`` with offsets) of an aggregated finding."""
    rows = []
    for f in findings:
        spans = [(f["start"], f["end"])]
        spans += [(d["start"], d["end"]) for d in f.get("details", []) if "start" in d and "end" in d]
        for start, end in dict.fromkeys(spans):
            rows.append((f["rule"], lsp_position(text, start), lsp_position(text, end), f["message"],
                         {"error": 1, "warning": 2, "info": 3}[f["severity"]]))
    return sorted(rows)


def published_rows(params) -> list[tuple]:
    return sorted((d.code, (d.range.start.line, d.range.start.character), (d.range.end.line, d.range.end.character),
                   d.message, int(d.severity)) for d in params.diagnostics)


# -- without pygls ----------------------------------------------------------------------------


def test_positions_count_utf16_units_outside_the_bmp():
    text = "ab\n𠀀x,y\n"
    positions = PositionMap(text)
    assert positions.position(text.index(",")) == (1, 3)  # 𠀀 is two units, x one
    assert positions.position(len(text)) == (2, 0)
    assert positions.offset(1, 3) == text.index(",")
    assert positions.offset(1, 1) == text.index("𠀀")  # inside the pair: the character itself
    assert positions.offset(0, 99) == 2  # past the line's end: its end
    assert PositionMap(text, "utf-32").position(text.index(",")) == (1, 2)
    assert PositionMap(text, "utf-8").position(text.index(",")) == (1, 5)
    assert PositionMap(text, bom=True).position(1) == (0, 2)  # the editor's copy keeps a BOM
    for offset in range(len(text) + 1):
        if offset == 0 or text[offset - 1] != "𠀀":
            assert positions.offset(*positions.position(offset)) == offset


def test_settings_from_an_editor():
    settings = read_settings({"zongjie": {"select": "ZJ4,ZJ5", "ignore": ["ZJ401"], "norm": "gb"}})
    assert settings == Settings(select=("ZJ4", "ZJ5"), ignore=("ZJ401",), norm="gb")
    assert read_settings({"norm": ""}, settings).norm is None  # empty: the config file's or detected
    assert read_settings(None, settings) == settings
    with pytest.raises(Exception, match="zongjie.norm must be one of"):
        read_settings({"norm": "xx"})


def test_without_pygls_one_line_and_exit_2():
    code = ("import sys; sys.modules['pygls'] = None; sys.modules['lsprotocol'] = None; "
            "from zongjie_nlp.cli import main; main()")
    done = subprocess.run([sys.executable, "-c", code, "lsp"], capture_output=True, text=True, timeout=TIMEOUT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and 'pip install "zongjie-nlp[lsp]"' in done.stderr, done.stderr


def test_a_taken_port_is_one_line_and_exit_2():
    import socket

    pytest.importorskip("pygls")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([*SERVER, "--tcp", "--port", str(port)], capture_output=True, text=True,
                              timeout=TIMEOUT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert done.stderr.startswith(f"zongjie: error: cannot listen on 127.0.0.1:{port}")
    assert done.stderr.count("\n") == 1, done.stderr


# -- the server, through pygls's client -------------------------------------------------------


class Editor:
    """pygls's LanguageClient talking to ``zongjie lsp`` over stdio, from the test's thread."""

    def __init__(self, initialization_options=None, configuration=None) -> None:
        """``configuration``: what the client answers to ``workspace/configuration`` (the pull
        model); ``None``: the client does not offer it."""
        from lsprotocol import types
        from pygls.lsp.client import LanguageClient

        self.types = types
        self.published: dict[str, list] = {}
        self.messages: list[str] = []
        self.changed = threading.Condition()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.client = client = LanguageClient("zongjie-test", "0")

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(ls, params) -> None:
            with self.changed:
                self.published.setdefault(params.uri, []).append(params)
                self.changed.notify_all()

        @client.feature(types.WINDOW_SHOW_MESSAGE)
        def show(ls, params) -> None:
            with self.changed:
                self.messages.append(params.message)
                self.changed.notify_all()

        @client.feature(types.WORKSPACE_CONFIGURATION)
        def answer(ls, params):
            return [configuration for _ in params.items]

        self.run(client.start_io(*SERVER, env={**os.environ, "PYTHONPATH": str(ROOT)}))
        capabilities = types.ClientCapabilities(
            workspace=types.WorkspaceClientCapabilities(configuration=configuration is not None))
        self.initialized = self.run(client.initialize_async(types.InitializeParams(
            capabilities=capabilities, process_id=os.getpid(), initialization_options=initialization_options)))
        client.initialized(types.InitializedParams())
        self.versions: dict[str, int] = {}

    def run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(TIMEOUT)

    def call(self, function, *args):
        """A client method that sends a notification, run on the client's loop."""
        self.run(_call(function, *args))

    def open(self, uri: str, text: str, language: str = "plaintext", wait: bool = True):
        t = self.types
        self.versions[uri] = 1
        self.call(self.client.text_document_did_open, t.DidOpenTextDocumentParams(t.TextDocumentItem(uri, language, 1, text)))
        return self.diagnostics(uri, 1) if wait else None

    def change(self, uri: str, text: str, wait: bool = True):
        t = self.types
        self.versions[uri] += 1
        version = self.versions[uri]
        self.call(self.client.text_document_did_change, t.DidChangeTextDocumentParams(
            t.VersionedTextDocumentIdentifier(version=version, uri=uri),
            [t.TextDocumentContentChangeWholeDocument(text)]))
        return self.diagnostics(uri, version) if wait else None

    def configure(self, settings) -> None:
        self.call(self.client.workspace_did_change_configuration, self.types.DidChangeConfigurationParams(settings))

    def diagnostics(self, uri: str, version, after: int = 0):
        """The first diagnostics published for ``uri`` at ``version`` (from the ``after``-th on)."""
        deadline = time.monotonic() + TIMEOUT
        with self.changed:
            while True:
                for params in self.published.get(uri, [])[after:]:
                    if params.version == version:
                        return params
                left = deadline - time.monotonic()
                assert left > 0, f"no diagnostics for {uri} version {version}"
                self.changed.wait(left)

    def count(self, uri: str) -> int:
        with self.changed:
            return len(self.published.get(uri, []))

    def code_actions(self, uri: str, start, end, only=None):
        t = self.types
        return self.run(self.client.text_document_code_action_async(t.CodeActionParams(
            t.TextDocumentIdentifier(uri), t.Range(t.Position(*start), t.Position(*end)),
            t.CodeActionContext([], only=only)))) or []

    def hover(self, uri: str, position):
        t = self.types
        return self.run(self.client.text_document_hover_async(
            t.HoverParams(t.TextDocumentIdentifier(uri), t.Position(*position))))

    def close(self) -> None:
        try:
            self.run(self.client.shutdown_async(None))
            self.call(self.client.exit, None)
            self.run(self.client.stop())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(10)


async def _call(function, *args):
    return function(*args)


@pytest.fixture(scope="module")
def editor():
    pytest.importorskip("pygls")
    started = Editor()
    yield started
    started.close()


def test_initialize_answers_with_capabilities(editor):
    result = editor.initialized
    capabilities = result.capabilities
    assert result.server_info.name == "zongjie"
    assert capabilities.hover_provider
    assert "quickfix" in capabilities.code_action_provider.code_action_kinds
    assert "source.fixAll.zongjie" in capabilities.code_action_provider.code_action_kinds
    assert capabilities.position_encoding == "utf-16"
    assert capabilities.text_document_sync.open_close


def test_sample_page_diagnostics_equal_the_cli_findings(editor):
    text = SEED.read_text(encoding="utf-8")
    findings = cli_findings(SEED)
    published = editor.open(SEED.as_uri(), text)
    assert len(findings) > 40 and {"ZJ401", "ZJ604", "ZJ731"} <= {f["rule"] for f in findings}
    assert published_rows(published) == expected_diagnostics(findings, text)
    assert {d.source for d in published.diagnostics} == {"zongjie"}


def test_change_updates_and_close_clears(editor):
    uri = "untitled:change.txt"
    first = editor.open(uri, COMMA)
    assert "ZJ401" in {d.code for d in first.diagnostics}
    fixed = editor.change(uri, COMMA.replace(",", "，"))
    assert "ZJ401" not in {d.code for d in fixed.diagnostics}
    seen = editor.count(uri)
    editor.call(editor.client.text_document_did_close,
                editor.types.DidCloseTextDocumentParams(editor.types.TextDocumentIdentifier(uri)))
    assert not editor.diagnostics(uri, None, after=seen).diagnostics


def test_changes_are_debounced_to_the_latest_text(editor):
    uri = "untitled:debounce.txt"
    editor.open(uri, COMMA)
    seen = editor.count(uri)
    for n in range(4):  # four edits 50 ms apart (typing): only the last one is checked and published
        editor.change(uri, COMMA.replace("120", str(121 + n)), wait=False)
        time.sleep(0.05)
    last = editor.diagnostics(uri, editor.versions[uri], after=seen)
    time.sleep(0.5)
    assert [p.version for p in editor.published[uri][seen:]] == [last.version]


def test_astral_characters_before_a_finding_give_utf16_columns(editor):
    uri = "untitled:astral.txt"
    published = editor.open(uri, ASTRAL)
    comma = [d for d in published.diagnostics if d.code == "ZJ401"]
    assert len(comma) == 1
    start = ASTRAL.index(",")
    assert (comma[0].range.start.line, comma[0].range.start.character) == (0, start + 2)  # 2 astral chars
    assert (comma[0].range.end.line, comma[0].range.end.character) == (0, start + 3)
    # the quick fix edits the comma itself, not a neighbour
    actions = editor.code_actions(uri, (0, start + 2), (0, start + 2), only=["quickfix"])
    single = [a for a in actions if a.diagnostics]
    assert single and single[0].diagnostics[0].code == "ZJ401"
    after = apply_text_edits(ASTRAL, single[0].edit.changes[uri])
    assert after == ASTRAL.replace(",", "，")


def test_code_actions_apply_the_cli_fixes(editor, tmp_path):
    uri = "untitled:fix.txt"
    text = SEED.read_text(encoding="utf-8")
    published = editor.open(uri, text)
    comma = next(d for d in published.diagnostics if d.code == "ZJ401")
    actions = editor.code_actions(uri, (comma.range.start.line, comma.range.start.character),
                                  (comma.range.end.line, comma.range.end.character))
    quick = next(a for a in actions if a.diagnostics and a.diagnostics[0].range == comma.range)
    assert quick.kind == "quickfix" and quick.is_preferred
    once = apply_text_edits(text, quick.edit.changes[uri])
    after = editor.change(uri, once)
    assert comma.range not in [d.range for d in after.diagnostics if d.code == "ZJ401"]
    assert len(after.diagnostics) == len(published.diagnostics) - 1
    # "fix all" makes the text `zongjie-lint --fix` writes
    fix_all = next(a for a in editor.code_actions(uri, (0, 0), (0, 0), only=["source.fixAll"]))
    assert fix_all.kind == "source.fixAll.zongjie"
    copy = tmp_path / "fixed.txt"
    copy.write_text(once, encoding="utf-8")
    CliRunner().invoke(main, ["lint", "--fix", str(copy)])
    assert apply_text_edits(once, fix_all.edit.changes[uri]) == copy.read_text(encoding="utf-8")


def test_hover_shows_the_rule_and_its_rationale(editor):
    from zongjie_nlp.checks import all_rules

    uri = "untitled:hover.txt"
    published = editor.open(uri, COMMA)
    comma = next(d for d in published.diagnostics if d.code == "ZJ401")
    hover = editor.hover(uri, (comma.range.start.line, comma.range.start.character))
    rule = all_rules()["ZJ401"]
    assert hover.contents.kind == "markdown"
    assert "ZJ401" in hover.contents.value and rule.summary in hover.contents.value
    assert rule.rationale.strip().splitlines()[-1] in hover.contents.value  # its source line, 来源：…
    assert hover.range == comma.range
    assert editor.hover(uri, (1, 0)) is None  # nothing there


def test_settings_select_and_ignore(editor):
    uri = "untitled:settings.txt"
    before = {d.code for d in editor.open(uri, ASTRAL).diagnostics}
    assert "ZJ401" in before and len(before) > 1
    try:
        seen = editor.count(uri)
        editor.configure({"zongjie": {"ignore": ["ZJ401"]}})
        assert "ZJ401" not in {d.code for d in editor.diagnostics(uri, 1, after=seen).diagnostics}
        seen = editor.count(uri)
        editor.configure({"zongjie": {"select": ["ZJ401"], "ignore": []}})
        assert {d.code for d in editor.diagnostics(uri, 1, after=seen).diagnostics} == {"ZJ401"}
        editor.configure({"zongjie": {"norm": "xx"}})  # a bad value: shown, the settings kept
        with editor.changed:
            assert editor.changed.wait_for(lambda: editor.messages, TIMEOUT)
        assert "zongjie.norm must be one of" in editor.messages[-1]
    finally:
        seen = editor.count(uri)
        editor.configure({"zongjie": {"select": [], "ignore": [], "norm": None}})
        assert {d.code for d in editor.diagnostics(uri, 1, after=seen).diagnostics} == before


def test_initialization_options_the_config_file_and_pulled_settings(tmp_path, monkeypatch):
    """The config file next to the document counts, as it does for `zongjie-lint` run there;
    ``initializationOptions`` and settings pulled with ``workspace/configuration`` go on top.
    The text has three findings (ZJ311 a placeholder year, ZJ401, ZJ501): each layer leaves a
    different set."""
    pytest.importorskip("pygls")
    text = "𠀀𠀁20xx年" + ASTRAL[2:]
    (tmp_path / ".zongjie.toml").write_text('ignore = ["ZJ401"]\n', encoding="utf-8")
    path = tmp_path / "summary.md"
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    expected = cli_findings(path, "--select", "placeholder,punctuation")
    assert {f["rule"] for f in expected} == {"ZJ311"}
    started = Editor(initialization_options={"select": ["placeholder", "punctuation"]},
                     configuration={"zongjie": {"select": ["number-format", "punctuation"]}})
    try:
        uri = path.as_uri()
        published = started.open(uri, text, language="markdown")
        assert published_rows(published) == expected_diagnostics(expected, text)
        # settings: null asks the client (workspace/configuration), as VS Code-style clients expect
        seen = started.count(uri)
        started.configure(None)
        assert {d.code for d in started.diagnostics(uri, 1, after=seen).diagnostics} == {"ZJ501"}
        # another language is none of the server's business
        started.open("untitled:notes.py", "x = 1  # 工会组织开展了读书活动,参加职工120人\n", language="python", wait=False)
        started.open("untitled:notes.txt", COMMA, wait=False)  # published after the .py would be
        started.diagnostics("untitled:notes.txt", 1)
        time.sleep(0.3)
        assert started.count("untitled:notes.py") == 0
    finally:
        started.close()


def test_a_long_document_does_not_block_the_server(editor):
    """While a long page is checked (in the worker thread), a hover on another document is
    answered at once, not after the check."""
    small = "untitled:small.txt"
    comma = next(d for d in editor.open(small, COMMA).diagnostics if d.code == "ZJ401")
    long_uri = "untitled:long.txt"
    editor.versions[long_uri] = 1
    t = editor.types
    long_text = SEED.read_text(encoding="utf-8") * 60
    sent = time.monotonic()
    editor.call(editor.client.text_document_did_open,
                t.DidOpenTextDocumentParams(t.TextDocumentItem(long_uri, "plaintext", 1, long_text)))
    time.sleep(0.2)  # the check has started
    assert editor.hover(small, (comma.range.start.line, comma.range.start.character)) is not None
    answered = time.monotonic() - sent
    assert editor.count(long_uri) == 0, "the hover waited for the long page's check"
    published = editor.diagnostics(long_uri, 1)
    checked = time.monotonic() - sent
    assert len(published.diagnostics) > 10000 and answered < checked


def test_a_broken_config_or_a_document_too_large_is_one_diagnostic(editor, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / ".zongjie.toml").write_text('norm = "xx"\n', encoding="utf-8")
    small = tmp_path / "small"
    small.mkdir()
    (small / ".zongjie.toml").write_text("max-size-mb = 0.0001\n", encoding="utf-8")
    for folder, says in ((broken, "norm must be one of gb, tw, hk"), (small, "document too large")):
        path = folder / "summary.txt"
        published = editor.open(path.as_uri(), COMMA * 20)
        assert len(published.diagnostics) == 1, published.diagnostics
        diagnostic = published.diagnostics[0]
        assert says in diagnostic.message and "\n" not in diagnostic.message
        assert diagnostic.severity == 1 and diagnostic.source == "zongjie"
        assert editor.code_actions(path.as_uri(), (0, 0), (0, 1)) == []
