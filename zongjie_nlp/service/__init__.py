"""``zongjie serve`` as a library: the web page and the HTTP API of the linter.

The server is a Starlette application (the ``serve`` extra: starlette, uvicorn,
python-multipart), made by :func:`create_app`.  Its parts have one job each:

- :mod:`.settings`: the limits (upload size, time per request, threads) and the errors a
  request can end in (:class:`RequestError`, always answered as JSON ``{"error": …}``);
- :mod:`.inputs`: what a request may send (a text, a file, options) read into a
  :class:`~zongjie_nlp.source.Source` and :class:`LintOptions`, checked as strictly as the
  command line checks its arguments;
- :mod:`.work`: what the requests do: lint, outline, draft, the report page, the annotated
  .docx; plain functions on bytes and options (no Starlette), run in a worker thread;
- :mod:`.page`: the one self-contained page (no external asset, no network call but to this
  server);
- :mod:`.openapi`: the OpenAPI description of every route, written as data;
- :mod:`.app`: the routes, the size and time limits, the JSON error handlers;
- :mod:`.run`: uvicorn, in one process or N worker processes sharing one TCP socket.

Only :mod:`.app` and :mod:`.run` import Starlette and uvicorn: the rest is importable
without the extra.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app", "Settings", "RequestError"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    if name in ("Settings", "RequestError"):
        from . import settings

        return getattr(settings, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
