"""The Starlette application: routes, the size and time limits, JSON errors.

Each route reads its request (:mod:`.inputs`), runs the work (:mod:`.work`) in a worker
thread under the time limit, and answers what the command line would print.  Every failure
is JSON ``{"error": "…"}``: a :class:`~.settings.RequestError` with its status, Starlette's
own 404/405/400, and anything unexpected as a 500 that never carries a traceback.

The body limit is checked twice: a Content-Length over it is refused before anything is
read, and a body without one (chunked) is counted as it arrives and refused as soon as it
passes the limit, so a large upload is never held in memory.
"""

from __future__ import annotations

import functools
import logging
from typing import Any, Callable, NamedTuple, Optional
from urllib.parse import quote

import anyio
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..linter import Config, find_config
from ..source import Source
from . import work
from .inputs import PREVIOUS_FIELDS, LintOptions, read_options, read_previous, read_text, read_upload, refuse_unknown
from .settings import BodyTooLarge, RequestError, Settings

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
JSON_TYPE = "application/json"
# Raw bodies taken as a file's bytes (options and the name in the query string).
RAW_TYPES = ("text/plain", "text/markdown", "application/octet-stream", DOCX_TYPE)
# The page may talk to this server only: no other origin, no external asset.
PAGE_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
            "img-src data: blob:; frame-src 'self'; form-action 'none'; base-uri 'none'")
LOG = logging.getLogger("zongjie.serve")


def create_app(settings: Optional[Settings] = None, config: Optional[Config] = None) -> Starlette:
    """The server: the page at ``/`` and the API under ``/api``.  ``config`` is the linter's
    configuration (default: the one ``zongjie-lint`` finds from the working folder)."""
    from .openapi import openapi
    from .page import page_html

    settings = settings or Settings()
    config = config or find_config()
    server = _Server(settings, config)
    routes = [
        Route("/", lambda request: HTMLResponse(page_html(), headers={"Content-Security-Policy": PAGE_CSP})),
        Route("/healthz", server.health),
        Route("/openapi.json", lambda request: JSONResponse(openapi(settings))),
        Route("/api/rules", server.rules),
        Route("/api/lint", server.lint, methods=["POST"]),
        Route("/api/outline", server.outline, methods=["POST"]),
        Route("/api/report", server.report, methods=["POST"]),
        Route("/api/annotate", server.annotate, methods=["POST"]),
        Route("/api/draft", server.draft, methods=["POST"]),
    ]
    handlers = {RequestError: _request_error, HTTPException: _http_error, Exception: _internal_error}
    return Starlette(routes=routes, middleware=[Middleware(BodyLimit, settings=settings)],
                     exception_handlers=handlers)  # type: ignore[arg-type]


def create_app_from_env() -> Starlette:
    """The app of one uvicorn worker process, its settings handed over in the environment."""
    return create_app(Settings.from_env())


# --------------------------------------------------------------------------- routes


class _Server:
    """The routes, sharing the settings, the configuration and the worker threads."""

    def __init__(self, settings: Settings, config: Config) -> None:
        self.settings = settings
        self.config = config
        self._threads: Optional[anyio.CapacityLimiter] = None  # made in the event loop

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": _version()})

    async def rules(self, request: Request) -> Response:
        return _json_text(await self._run(work.rules_json, self.config))

    async def lint(self, request: Request) -> Response:
        given = await self._read_input(request)
        return _json_text(await self._run(work.lint_json, given.source, given.options, self.config, given.previous))

    async def outline(self, request: Request) -> Response:
        given = await self._read_input(request, options=False)
        return _json_text(await self._run(work.outline_json, given.source))

    async def report(self, request: Request) -> Response:
        given = await self._read_input(request)
        return JSONResponse(await self._run(work.report_payload, given.source, given.options, self.config,
                                            given.previous))

    async def annotate(self, request: Request) -> Response:
        given = await self._read_input(request)
        docx = await self._run(work.annotated_docx, given.source, given.data, given.options, self.config,
                               given.previous)
        stem = (given.source.path or "upload").rsplit(".", 1)[0] or "upload"
        filename = f"{stem}.annotated.docx"
        disposition = f"attachment; filename=\"annotated.docx\"; filename*=UTF-8''{quote(filename)}"
        return Response(docx, media_type=DOCX_TYPE, headers={"Content-Disposition": disposition})

    async def draft(self, request: Request) -> Response:
        fmt = request.query_params.get("format", "text")
        if fmt not in ("text", "markdown"):
            raise RequestError(400, f"format must be text or markdown, not {fmt!r}")
        body = await _body(request)
        spec = work.load_spec(body, _content_type(request) == JSON_TYPE, self.settings.max_upload_mb)
        text = await self._run(work.draft_text, spec, fmt)
        return Response(text, media_type="text/markdown; charset=utf-8" if fmt == "markdown"
                        else "text/plain; charset=utf-8")

    # ----------------------------------------------------------------------- helpers

    async def _run(self, function: Callable, *args: Any) -> Any:
        """``function(*args)`` in a worker thread, within the time limit: 503 when no thread
        came free in time, 504 when the work did not finish (the thread is left to end on its
        own: the checks stop at their own time budget)."""
        if self._threads is None:
            self._threads = anyio.CapacityLimiter(self.settings.threads)
        started = False
        with anyio.move_on_after(self.settings.timeout_s):
            async with self._threads:
                started = True
                return await anyio.to_thread.run_sync(functools.partial(function, *args), abandon_on_cancel=True)
        if started:
            raise RequestError(504, f"the request took longer than {self.settings.timeout_s:g} s "
                                    "(start the server with --timeout to allow more)")
        raise RequestError(503, f"the server is busy: no worker was free within {self.settings.timeout_s:g} s")

    async def _read_input(self, request: Request, options: bool = True) -> "_Input":
        """The page to work on, its bytes when it was uploaded as a file, the options and
        last year's summary (routes with options only): a JSON object, a multipart form, or
        a raw body (options in the query string; no last year's summary)."""
        max_mb = self.settings.max_upload_mb
        allowed = ("text", "name", *PREVIOUS_FIELDS) if options else ("text", "name")
        ctype = _content_type(request)
        if ctype == "multipart/form-data":
            fields, uploads = await _form(request, allowed)
            checked = read_options(fields, self.config.extra_rules, allowed) if options else _no_options(fields, allowed)
            if "file" in uploads:
                if "text" in fields:
                    raise RequestError(400, "send a file or a text, not both")
                filename, data = uploads["file"]
                page, page_data = read_upload(filename, data, max_mb), data
            else:
                page, page_data = read_text(fields, max_mb), None
            return _Input(page, page_data, checked, read_previous(fields, uploads.get("previous"), max_mb))
        if ctype in RAW_TYPES:
            fields = dict(request.query_params)
            name = fields.pop("name", None)
            if options and any(key in fields for key in PREVIOUS_FIELDS):
                raise RequestError(400, "previous: a raw body is the one file checked; send last year's summary "
                                        "in a JSON body ({\"text\": …, \"previous\": …}) or a multipart form "
                                        "(fields file and previous)")
            checked = read_options(fields, self.config.extra_rules) if options else _no_options(fields, ())
            data = await _body(request)
            return _Input(read_upload(name or "upload", data, max_mb), data, checked)
        if ctype not in (JSON_TYPE, ""):
            raise RequestError(415, f"unsupported content type {ctype!r} (send application/json, multipart/form-data "
                                    "or the file itself as text/plain or application/octet-stream)")
        fields = work.parse_json(await _body(request))
        if not isinstance(fields, dict):
            raise RequestError(400, "the JSON body must be an object: {\"text\": …, options…}")
        checked = read_options(fields, self.config.extra_rules, allowed) if options else _no_options(fields, allowed)
        return _Input(read_text(fields, max_mb), None, checked, read_previous(fields, None, max_mb))


class _Input(NamedTuple):
    """What a request sent: the page, its bytes when uploaded as a file, the options, and
    last year's summary when sent (not yet parsed: that is work, done under the time limit)."""

    source: Source
    data: Optional[bytes]
    options: LintOptions
    previous: Optional[Source] = None


def _no_options(fields: dict, allowed: tuple[str, ...]) -> LintOptions:
    refuse_unknown(fields, allowed)
    return LintOptions()


async def _body(request: Request) -> bytes:
    body = await request.body()
    if not body:
        raise RequestError(400, "empty request body")
    return body


async def _form(request: Request, allowed: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    """A multipart form's fields (a repeated field as a list) and its files by field name
    (``file``, and ``previous`` where ``allowed`` names it), read into memory: the body
    limit already bounds them."""
    fields: dict[str, Any] = {}
    uploads: dict[str, tuple[str, bytes]] = {}
    file_fields = ("file", "previous") if "previous" in allowed else ("file",)
    async with request.form(max_files=2, max_fields=32) as form:
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                if key not in file_fields or key in uploads:
                    raise RequestError(400, f"unexpected file field {key!r} (the file goes in the field 'file'"
                                            + (", last year's summary in 'previous')" if len(file_fields) > 1 else ")"))
                uploads[key] = (value.filename or "upload", await value.read())
            elif key in fields:
                fields[key] = [*(fields[key] if isinstance(fields[key], list) else [fields[key]]), value]
            else:
                fields[key] = value
    if not fields and not uploads:
        raise RequestError(400, "empty request body")
    return fields, uploads


def _content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _json_text(text: str) -> Response:
    """JSON as the command line prints it, byte for byte (its final newline included)."""
    return Response(text + "\n", media_type=JSON_TYPE)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("zongjie-nlp")
    except PackageNotFoundError:  # a checkout that was never installed
        return "unknown"


# --------------------------------------------------------------------------- limits and errors


class BodyLimit:
    """Refuses a request body over the upload limit: by its Content-Length before reading it,
    else while it arrives (:class:`~.settings.BodyTooLarge`, answered with 413)."""

    def __init__(self, app, settings: Settings) -> None:
        self.app = app
        self.limit = settings.max_upload_bytes
        self.limit_mb = settings.max_upload_mb

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await _request_error(None, RequestError(400, "invalid Content-Length"))(scope, receive, send)
                return
            if declared > self.limit:
                await _request_error(None, BodyTooLarge(self.limit_mb))(scope, receive, send)
                return
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.limit_mb)
            return message

        await self.app(scope, limited_receive, send)


def _request_error(request: Optional[Request], err: Exception) -> Response:
    assert isinstance(err, RequestError)
    return JSONResponse({"error": err.message}, status_code=err.status)


def _http_error(request: Request, err: Exception) -> Response:
    assert isinstance(err, HTTPException)
    message = {404: "not found (see GET /openapi.json)", 405: "method not allowed"}.get(err.status_code, err.detail)
    return JSONResponse({"error": message}, status_code=err.status_code, headers=err.headers)


def _internal_error(request: Request, err: Exception) -> Response:
    """An unexpected exception: logged on the server, answered without its traceback."""
    LOG.error("internal error on %s %s: %s: %s", request.method, request.url.path, type(err).__name__, err)
    return JSONResponse({"error": "internal error (the server's log has the details; please report it)"},
                        status_code=500)
