"""``zongjie lsp``: a Language Server for plain-text and Markdown summaries.

- :mod:`.positions`: code-point offsets as LSP positions (UTF-16 units by default) and back;
- :mod:`.settings`: the editor's settings over the project's config file;
- :mod:`.checking`: a document checked as ``zongjie-lint`` checks a file, its findings as
  places (one per occurrence), and the hover text of a rule; no LSP types, no pygls;
- :mod:`.server`: the pygls server (the one module that imports pygls).

pygls is an optional dependency (``pip install "zongjie-nlp[lsp]"``): :func:`serve` says so in
one line when it is missing.
"""

from __future__ import annotations

INSTALL_HINT = 'zongjie lsp needs pygls: pip install "zongjie-nlp[lsp]" (or pip install "pygls>=2")'


def serve(tcp: bool = False, host: str = "127.0.0.1", port: int = 2087) -> None:
    """Run the language server on stdio or, with ``tcp``, on ``host:port`` until the client
    ends it.  Without pygls: a :class:`~zongjie_nlp.errors.ZongjieError` saying how to install it."""
    from ..errors import ZongjieError

    try:
        from .server import serve as run
    except ImportError as err:
        if (err.name or "").split(".")[0] in ("pygls", "lsprotocol", "cattrs"):
            raise ZongjieError(INSTALL_HINT) from None
        raise
    run(tcp, host, port)
