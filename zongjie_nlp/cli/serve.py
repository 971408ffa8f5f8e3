"""``zongjie serve``: the page and the HTTP API on this machine (the ``serve`` extra).

The server is the library's (:mod:`zongjie_nlp.service`); this module parses the options,
checks that the extra is installed and starts uvicorn.  It listens on 127.0.0.1 unless
``--host`` names another address, which is then said on stderr: anyone who can reach that
address can submit documents.
"""

from __future__ import annotations

from typing import Optional

import click

from ..service.settings import DEFAULT_MAX_UPLOAD_MB, DEFAULT_TIMEOUT_S
from .common import EXIT_INPUT_ERROR

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; anything but this machine's loopback serves the network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the browser once the server is up.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes serving requests side by side.")
@click.option("--max-upload", "max_upload", type=click.FloatRange(min=0.001), default=DEFAULT_MAX_UPLOAD_MB, show_default=True,
              metavar="MB", help="The largest request body (an upload, a text, a spec), in MB.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT_S, show_default=True, metavar="S",
              help="The time one request may take, in seconds (504 past it).")
def serve_command(host: str, port: int, open_browser: bool, workers: int, max_upload: float,
                  timeout: float) -> None:
    """Serve the checking page and the HTTP API (POST /api/lint, /api/outline, /api/draft …).

    Drop a .docx, .txt or .md file (or paste a text) on the page to see the report, and
    download the annotated .docx and the JSON.  Nothing leaves this machine."""
    missing = _missing_extra()
    if missing:
        click.echo(f"zongjie: error: zongjie serve needs the serve extra ({missing} is missing): "
                   "pip install 'zongjie-nlp[serve]'", err=True)
        raise SystemExit(EXIT_INPUT_ERROR)
    from ..service.run import check_address, serve
    from ..service.settings import Settings

    check_address(host, port)
    if host not in LOOPBACK:
        click.echo(f"zongjie: warning: serving on {host}: anyone who can reach this address can submit documents",
                   err=True)
    url = f"http://{_url_host(host)}:{port}/"
    click.echo(f"zongjie serve: {url} (Ctrl+C stops it)", err=True)
    if open_browser:
        _open_when_up(url)
    serve(host, port, workers, Settings(max_upload_mb=max_upload, timeout_s=timeout))


def _missing_extra() -> Optional[str]:
    """The first package of the ``serve`` extra that is not installed, or None."""
    from importlib.util import find_spec

    for package, modules in (("starlette", ("starlette",)), ("uvicorn", ("uvicorn",)),
                             ("python-multipart", ("python_multipart", "multipart"))):
        if not any(find_spec(m) for m in modules):
            return package
    return None


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", "::", ""):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def _open_when_up(url: str, timeout: float = 30.0) -> None:
    """Open ``url`` in the browser as soon as ``/healthz`` answers (in a thread: uvicorn runs
    in this one)."""
    import threading

    def wait_and_open() -> None:
        import time
        import urllib.request
        import webbrowser

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url + "healthz", timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        webbrowser.open(url)

    threading.Thread(target=wait_and_open, daemon=True).start()
