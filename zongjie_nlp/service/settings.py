"""The server's limits, and the one way a request fails.

A request that cannot be served ends in a :class:`RequestError`: an HTTP status and a
one-line message, answered as ``{"error": message}``.  Nothing else reaches the client: an
unexpected exception is a JSON 500 without its traceback (:mod:`.app`).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

# The environment variable that hands the settings to uvicorn's worker processes, which
# build the app themselves (``--workers N`` needs an import string, not an app object).
SETTINGS_ENV = "ZONGJIE_SERVE_SETTINGS"

DEFAULT_MAX_UPLOAD_MB = 20.0
DEFAULT_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Settings:
    """What one server process allows.

    ``max_upload_mb``: the largest request body (an upload, a text, a spec); larger ones are
    refused with 413 from their Content-Length, or as soon as the body passes the limit.
    ``timeout_s``: the time a request may take, waiting for a free thread included (503 when
    none came free in time, 504 when the work did not finish).
    ``threads``: requests worked on at once in one process; more requests wait.  The checks
    are pure Python, so more processes (``--workers``) serve more requests, not more threads.
    """

    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB
    timeout_s: float = DEFAULT_TIMEOUT_S
    threads: int = 2

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1e6)

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> "Settings":
        raw = os.environ.get(SETTINGS_ENV)
        return cls(**json.loads(raw)) if raw else cls()


class RequestError(Exception):
    """A request that cannot be served: ``status`` and a one-line ``message``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = " ".join(str(message).split())


class BodyTooLarge(RequestError):
    """The request body passed the upload limit (found from Content-Length or while reading)."""

    def __init__(self, limit_mb: float) -> None:
        super().__init__(413, f"request body too large (the limit is {limit_mb:g} MB; "
                              "start the server with --max-upload to raise it)")
