"""The OpenAPI 3 description of every route, written as data (``GET /openapi.json``).

Kept by hand next to the routes of :mod:`.app`; ``tests/test_serve.py`` checks that every
route is described and every description is a route.
"""

from __future__ import annotations

from typing import Any

from ..profile import GENRES, NORMS
from .inputs import FIX_MODES, SEVERITIES
from .settings import Settings

_ERROR = {"description": "A one-line error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}

_OPTIONS: dict[str, Any] = {
    "select": {"description": "Rule ids, id prefixes or categories to run (a list, or comma-separated).",
               "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    "ignore": {"description": "Rule ids, id prefixes or categories to skip.",
               "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    "norm": {"type": "string", "enum": list(NORMS), "description": "gb (mainland GB/T), tw, hk [detected]."},
    "genre": {"type": "string", "enum": list(GENRES), "description": "The kind of document [detected]."},
    "severity": {"type": "string", "enum": list(SEVERITIES), "description": "Report findings at or above it."},
    "show_verified": {"type": "boolean", "description": "Also list the arithmetic relations that check out."},
}


_PREVIOUS = {
    "previous": {"type": "string", "description": "Last year's summary, as text: what the page says of last year "
                 "(上年完成…, 比上年增长…) is checked against it (rule ZJ216), as `zongjie-lint --previous LAST`. "
                 "Not with a raw body."},
    "previous_name": {"type": "string", "description": "The name ZJ216 cites for last year's summary "
                      "(default <previous>; in a form, the file's name)."},
}


def _input(extra: dict[str, Any] | None = None, options: bool = True) -> dict[str, Any]:
    """The request body of a route that takes a page: JSON text, a form with a file, or the
    file itself (options then in the query string).  With options, last year's summary may
    come along (JSON or form only)."""
    props = {"text": {"type": "string", "description": "The page, as text."},
             "name": {"type": "string", "description": "The name the findings carry (default <text>)."},
             **(_OPTIONS if options else {}), **(_PREVIOUS if options else {}), **(extra or {})}
    form = {"file": {"type": "string", "format": "binary", "description": "A .docx, .txt or .md file."},
            **{k: v for k, v in props.items() if k != "name"}}
    if options:
        form["previous"] = {"type": "string", "format": "binary",
                            "description": "Last year's summary: a .docx, .txt or .md file (or its text), "
                                           "checked against as `zongjie-lint --previous LAST` (ZJ216)."}
    raw = {"schema": {"type": "string", "format": "binary"}}
    return {"required": True, "content": {
        "application/json": {"schema": {"type": "object", "required": ["text"], "properties": props,
                                        "additionalProperties": False}},
        "multipart/form-data": {"schema": {"type": "object", "properties": form}},
        "text/plain": raw, "application/octet-stream": raw,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": raw,
    }}


def _errors(*codes: int) -> dict[str, Any]:
    return {str(code): _ERROR for code in codes}


_LIMITED = (400, 413, 415, 503, 504)


def openapi(settings: Settings) -> dict[str, Any]:
    """The description, with this server's limits in it."""
    limits = (f"Request bodies up to {settings.max_upload_mb:g} MB (413 above); each request within "
              f"{settings.timeout_s:g} s (504 when the work takes longer, 503 when no worker came free).")
    finding_list = {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "zongjie serve", "version": "1",
                 "description": "Check Chinese work summaries (工作总结): the JSON is what the command line prints. "
                                + limits},
        "paths": {
            "/": {"get": {"summary": "The page: drop a .docx/.txt/.md or paste a text, see the report",
                          "responses": {"200": {"description": "A self-contained HTML page",
                                                "content": {"text/html": {}}}}}},
            "/healthz": {"get": {"summary": "Whether the server is up",
                                 "responses": {"200": {"description": "ok", "content": {"application/json": {
                                     "schema": {"type": "object", "properties": {
                                         "status": {"type": "string"}, "version": {"type": "string"}}}}}}}}},
            "/openapi.json": {"get": {"summary": "This description",
                                      "responses": {"200": {"description": "OpenAPI 3",
                                                            "content": {"application/json": {}}}}}},
            "/api/rules": {"get": {"summary": "Every rule, as `zongjie rules --format json`",
                                   "responses": {"200": {"description": "The rules", "content": {"application/json": {
                                       "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Rule"}}}}},
                                       **_errors(503, 504)}}},
            "/api/lint": {"post": {"summary": "The findings, as `zongjie-lint --format json`",
                                   "requestBody": _input(),
                                   "parameters": _query_options(),
                                   "responses": {"200": {"description": "The findings", "content": finding_list},
                                                 **_errors(*_LIMITED)}}},
            "/api/outline": {"post": {"summary": "Documents, outline and quantities, as `zongjie outline --format json`",
                                      "requestBody": _input(options=False),
                                      "parameters": [_NAME],
                                      "responses": {"200": {"description": "The outline",
                                                            "content": {"application/json": {"schema": {"type": "object"}}}},
                                                    **_errors(*_LIMITED)}}},
            "/api/report": {"post": {"summary": "What the page shows: the HTML report, the JSON, counts for the filters",
                                     "requestBody": _input(),
                                     "parameters": _query_options(),
                                     "responses": {"200": {"description": "The report", "content": {"application/json": {
                                         "schema": {"$ref": "#/components/schemas/Report"}}}},
                                         **_errors(*_LIMITED)}}},
            "/api/annotate": {"post": {"summary": "The annotated .docx, as `zongjie-lint FILE --annotate OUT.docx`",
                                       "requestBody": _input({"fix_mode": {"type": "string", "enum": list(FIX_MODES)}}),
                                       "parameters": [*_query_options(), {"name": "fix_mode", "in": "query",
                                                      "schema": {"type": "string", "enum": list(FIX_MODES)}}],
                                       "responses": {"200": {"description": "A .docx with comments and tracked changes",
                                                             "content": {"application/vnd.openxmlformats-officedocument."
                                                                         "wordprocessingml.document": {}}},
                                                     **_errors(*_LIMITED)}}},
            "/api/draft": {"post": {"summary": "A summary drafted from a spec, as `zongjie draft SPEC`",
                                    "parameters": [{"name": "format", "in": "query",
                                                    "schema": {"type": "string", "enum": ["text", "markdown"]}}],
                                    "requestBody": {"required": True, "content": {
                                        "application/json": {"schema": {"type": "object"}},
                                        "application/yaml": {"schema": {"type": "string"}},
                                        "text/plain": {"schema": {"type": "string"}}}},
                                    "responses": {"200": {"description": "The draft",
                                                          "content": {"text/plain": {}, "text/markdown": {}}},
                                                  **_errors(*_LIMITED)}}},
        },
        "components": {"schemas": {
            "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
            "Finding": {"type": "object", "description": "One finding, as the README's JSON contract describes it",
                        "properties": {k: {"type": t} for k, t in (
                            ("rule", "string"), ("category", "string"), ("severity", "string"),
                            ("message", "string"), ("start", "integer"), ("end", "integer"), ("line", "integer"),
                            ("col", "integer"), ("path", "string"))}},
            "Rule": {"type": "object", "properties": {k: {"type": t} for k, t in (
                ("id", "string"), ("name", "string"), ("category", "string"), ("severity", "string"),
                ("fixable", "boolean"), ("summary", "string"))}},
            "Report": {"type": "object", "properties": {
                "name": {"type": "string"}, "script": {"type": "string"}, "html": {"type": "string"},
                "json": {"type": "string", "description": "The findings as /api/lint returns them"},
                "problems": {"type": "integer"}, "verified": {"type": "integer"},
                "categories": {"type": "array", "items": {"type": "object"}},
                "severities": {"type": "array", "items": {"type": "object"}}}},
        }},
    }


_NAME = {"name": "name", "in": "query", "schema": {"type": "string"},
         "description": "With a raw body: the file's name (its findings carry it)."}


def _query_options() -> list[dict[str, Any]]:
    """With a raw body (the file itself) the options are query parameters."""
    return [_NAME, *({"name": key, "in": "query", "schema": {"type": "string"}, "description": spec["description"]}
                     for key, spec in _OPTIONS.items())]
