"""``zongjie lsp``: run the language server (:mod:`zongjie_nlp.lsp`) for an editor."""

from __future__ import annotations

import click


@click.command("lsp")
@click.option("--tcp", is_flag=True, help="Listen on a TCP port instead of stdio (for debugging a client).")
@click.option("--host", default="127.0.0.1", show_default=True, help="With --tcp: the address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=2087, show_default=True,
              help="With --tcp: the port to listen on.")
def lsp_command(tcp: bool, host: str, port: int) -> None:
    """Language server for editors: findings as you type in .txt and .md files, quick fixes,
    the rule's rationale on hover.  Editors start it on stdio; needs the lsp extra
    (pip install "zongjie-nlp[lsp]")."""
    from ..lsp import serve

    serve(tcp=tcp, host=host, port=port)
