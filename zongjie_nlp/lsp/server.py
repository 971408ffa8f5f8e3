"""The language server (pygls): diagnostics as you type, quick fixes, the rule on hover.

The only module that imports pygls and lsprotocol; ``zongjie lsp`` imports it when it runs.

- ``didOpen`` checks at once, ``didChange`` after :data:`DEBOUNCE_SECONDS` of quiet: a burst of
  keystrokes costs one check, of the text as it is after the last one.
- A check runs in a worker thread, so the server keeps answering (hover, code actions, the
  next change) while a long document is checked; one thread, so checks never compete.
  A check whose document changed meanwhile is dropped: only the latest text is published.
- Code actions and hovers read the last check, and only while it is of the current version
  (positions in an older text would point at the wrong characters).
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Optional

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..errors import ZongjieError
from .checking import Checked, Place, check_document, rule_help
from .positions import PositionMap
from .settings import Settings, read_settings

DEBOUNCE_SECONDS = 0.3
# The documents checked: plain text and Markdown, by the editor's language id or the file name.
LANGUAGES = ("plaintext", "text", "markdown")
SUFFIXES = (".txt", ".md", ".markdown")
FIX_ALL_KIND = "source.fixAll.zongjie"

SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


@dataclass(frozen=True)
class Published:
    """A check as published for one version of a document: one diagnostic per place (in the
    same order; a check that failed has no places and the one diagnostic saying why)."""

    version: Optional[int]
    checked: Checked
    diagnostics: tuple[types.Diagnostic, ...]


class ZongjieServer(LanguageServer):
    """The server's state: the editor's settings, the open documents and their last check."""

    def __init__(self) -> None:
        super().__init__("zongjie", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.settings = Settings()
        self.delay = DEBOUNCE_SECONDS
        self.open: dict[str, Optional[str]] = {}  # uri → file path (None: not a file)
        self.published: dict[str, Published] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zongjie-check")

    # -- checking ---------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        """Check ``uri`` after ``delay`` seconds, replacing a check not yet published."""
        if uri not in self.open:
            return
        earlier = self.pending.pop(uri, None)
        if earlier is not None:
            earlier.cancel()
        self.pending[uri] = asyncio.ensure_future(self._check_later(uri, delay))

    async def _check_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        document = self.workspace.get_text_document(uri)
        text, version = document.source, document.version
        encoding = self.encoding()
        loop = asyncio.get_running_loop()
        try:
            published = await loop.run_in_executor(self.checker, _check, text, version, self.open[uri],
                                                   self.settings, encoding)
        except asyncio.CancelledError:
            raise
        except Exception as err:  # a bug must not take the editor's server down: say it, go on
            self.window_log_message(types.LogMessageParams(types.MessageType.Error,
                                                           f"zongjie: cannot check {uri}: {err!r}"))
            return
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]
        if uri not in self.open or self.workspace.get_text_document(uri).version != version:
            return  # closed or changed meanwhile: its own check is on the way
        self.published[uri] = published
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=list(published.diagnostics)))

    def encoding(self) -> str:
        """The position encoding agreed with the client: ``utf-16`` unless it offered another."""
        kind = self.workspace.position_encoding
        return str(getattr(kind, "value", kind) or "utf-16")

    def current(self, uri: str) -> Optional[Published]:
        """The last check of ``uri`` if it is of the document's current version."""
        published = self.published.get(uri)
        if published is None or uri not in self.open:
            return None
        return published if self.workspace.get_text_document(uri).version == published.version else None

    def change_settings(self, options) -> None:
        """New settings from the editor; a bad value is shown and the old settings kept."""
        try:
            self.settings = read_settings(options, self.settings)
        except ZongjieError as err:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"zongjie: {err}"))
            return
        for uri in self.open:
            self.schedule(uri, 0)


def _check(text: str, version: Optional[int], path: Optional[str], settings: Settings, encoding: str) -> Published:
    """Check a text and lay out its diagnostics (in the worker thread: both take time on a
    long document)."""
    checked = check_document(text, path, settings)
    positions = PositionMap(checked.text, encoding, checked.bom)
    if checked.error is not None:
        start = types.Position(0, 0)
        diagnostic = types.Diagnostic(types.Range(start, start), checked.error,
                                      severity=types.DiagnosticSeverity.Error, source="zongjie")
        return Published(version, checked, (diagnostic,))
    diagnostics = tuple(_diagnostic(place, _range(positions, place.start, place.end)) for place in checked.places)
    return Published(version, checked, diagnostics)


def _range(positions: PositionMap, start: int, end: int) -> types.Range:
    return types.Range(types.Position(*positions.position(start)), types.Position(*positions.position(end)))


def _diagnostic(place: Place, span: types.Range) -> types.Diagnostic:
    finding = place.finding
    return types.Diagnostic(span, finding.message, severity=SEVERITIES[finding.severity], code=finding.rule,
                            source="zongjie", data={"category": finding.category})


def _overlaps(span: types.Range, asked: types.Range) -> bool:
    """Whether a place's range touches the range asked about (a cursor is an empty range)."""
    def key(p: types.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(span.start) <= key(asked.end) and key(asked.start) <= key(span.end)


def _fix_title(rule: str, fix: dict, text: str) -> str:
    """A quick fix's menu title: the rule, and what the fix deletes, inserts or replaces."""
    old, new = (_short(t) for t in (text[fix["start"]:fix["end"]], fix["replacement"]))
    what = f"删去“{old}”" if not new else f"插入“{new}”" if not old else f"“{old}”改为“{new}”"
    return f"{rule}：{what}"


def _short(text: str, most: int = 12) -> str:
    """A quoted text in a menu title: one line, and at most ``most`` characters."""
    text = text.replace("\n", "⏎")
    return text if len(text) <= most else text[:most - 1] + "…"


def create_server() -> ZongjieServer:
    """A server with every feature registered (one per run; the tests start their own)."""
    server = ZongjieServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: ZongjieServer, params: types.InitializeParams) -> None:
        ls.change_settings(params.initialization_options)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ZongjieServer, params: types.DidOpenTextDocumentParams) -> None:
        document = params.text_document
        uri = document.uri
        path = ls.workspace.get_text_document(uri).path if uri.startswith("file:") else None
        if document.language_id not in LANGUAGES and not (path or "").lower().endswith(SUFFIXES):
            return
        ls.open[uri] = path
        ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ZongjieServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.delay)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ZongjieServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.published.pop(uri, None)
        if ls.open.pop(uri, False) is not False:
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: ZongjieServer, params: types.DidChangeConfigurationParams) -> None:
        options = params.settings
        can_ask = getattr(ls.client_capabilities.workspace, "configuration", False)
        if options is None and can_ask:  # "ask me": the pull model
            try:
                answer = await ls.workspace_configuration_async(
                    types.ConfigurationParams([types.ConfigurationItem(section="zongjie")]))
            except Exception:  # a client that cannot answer: keep the settings
                return
            options = answer[0] if answer else None
        ls.change_settings(options)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]))
    def code_action(ls: ZongjieServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return _code_actions(ls, params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ZongjieServer, params: types.HoverParams) -> Optional[types.Hover]:
        published = ls.current(params.text_document.uri)
        if published is None:
            return None
        cursor = types.Range(params.position, params.position)
        hits = [(place, diagnostic.range) for place, diagnostic in zip(published.checked.places, published.diagnostics)
                if _overlaps(diagnostic.range, cursor)]
        if not hits:
            return None
        rules = list(dict.fromkeys(place.finding.rule for place, _ in hits))
        texts = [rule_help(published.checked.rules[rule]) for rule in rules if rule in published.checked.rules]
        if not texts:
            return None
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(texts)),
                           range=hits[0][1])

    return server


def _code_actions(ls: ZongjieServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """A quick fix for each safe fix at the range asked about, and one that applies every safe
    fix of the document (the edits ``zongjie-lint --fix`` makes)."""
    from ..linter.fixes import fix_edits

    uri = params.text_document.uri
    published = ls.current(uri)
    if published is None or published.checked.error:
        return []
    checked = published.checked
    positions = PositionMap(checked.text, ls.encoding(), checked.bom)
    only = params.context.only

    def wanted(kind: str) -> bool:
        return not only or any(kind == k or kind.startswith(f"{k}.") for k in only)

    actions = []
    if wanted(types.CodeActionKind.QuickFix):
        for place, diagnostic in zip(checked.places, published.diagnostics):
            fix = place.safe_fix
            if fix is None or not _overlaps(diagnostic.range, params.range):
                continue
            edit = types.TextEdit(_range(positions, fix["start"], fix["end"]), fix["replacement"])
            actions.append(types.CodeAction(_fix_title(place.finding.rule, fix, checked.text), kind=types.CodeActionKind.QuickFix,
                                            diagnostics=[diagnostic], is_preferred=True,
                                            edit=types.WorkspaceEdit(changes={uri: [edit]})))
    edits = fix_edits(checked.findings)
    for kind in (types.CodeActionKind.QuickFix, FIX_ALL_KIND):
        if edits and wanted(kind) and (kind != types.CodeActionKind.QuickFix or actions):
            changes = [types.TextEdit(_range(positions, start, end), new) for start, end, new in edits]
            actions.append(types.CodeAction(f"zongjie：修复全部可安全修复的问题（{len(edits)} 处）", kind=kind,
                                            edit=types.WorkspaceEdit(changes={uri: changes})))
    return actions


def _not_exit(record: logging.LogRecord) -> bool:
    return not (record.exc_info and isinstance(record.exc_info[1], SystemExit))


def serve(tcp: bool = False, host: str = "127.0.0.1", port: int = 2087) -> None:
    """Run the server on stdio (what editors start) or, with ``tcp``, on ``host:port``."""
    server = create_server()
    try:
        if tcp:
            # pygls ends a TCP server on the client's `exit` with sys.exit inside asyncio's
            # connection callback, which asyncio logs as an unhandled error: it is the normal end
            logging.getLogger("asyncio").addFilter(_not_exit)
            try:
                server.start_tcp(host, port)
            except OSError as err:  # the port is taken, the address is not this machine's …
                reason = (err.strerror or str(err)).lower()
                raise ZongjieError(f"cannot listen on {host}:{port} ({reason})") from None
        else:
            server.start_io()
    finally:
        server.checker.shutdown(wait=False, cancel_futures=True)
