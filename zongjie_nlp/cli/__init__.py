"""Command line: ``zongjie`` (outline, lint, rules, draft, rebuild, lsp, serve, archive) and ``zongjie-lint``.

Click code only: what a command does lives in the library (:mod:`zongjie_nlp.linter`,
:mod:`zongjie_nlp.drafting`), a command parses its options, calls it and prints.  Each
family of commands has its own module, named in ``COMMANDS`` below.
Imports are kept inside the commands so that ``zongjie outline`` and ``zongjie-lint`` start
fast: nothing here imports spaCy, PyYAML, python-docx or OpenCC at import time.
"""

from __future__ import annotations

import gc
import sys
from typing import NoReturn, Optional

import click

from ..errors import ZongjieError
from .common import EXIT_INPUT_ERROR, STDIN

__all__ = ["main", "lint_main"]

# Each command by name: its module in this package and its function, imported when the command
# is asked for (``zongjie-lint`` imports the lint command only).
COMMANDS = {
    "outline": ("outline", "outline_command"),
    "lint": ("lint", "lint_command"),
    "rules": ("rules", "rules_command"),
    "draft": ("draft", "draft_command"),
    "rebuild": ("draft", "rebuild_command"),
    "lsp": ("lsp", "lsp_command"),
    "serve": ("serve", "serve_command"),
    "archive": ("archive", "archive_command"),
}


class _Group(click.Group):
    """A click group that turns our own errors into one line on stderr and exit 2, and imports
    a command's module only when that command runs (or help lists it)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> Optional[click.Command]:
        if name not in COMMANDS:
            return None
        from importlib import import_module

        module, function = COMMANDS[name]
        return getattr(import_module(f".{module}", __name__), function)

    def invoke(self, ctx: click.Context):
        STDIN.clear()  # each command reads stdin afresh (CliRunner runs several in one process)
        try:
            return super().invoke(ctx)
        except ZongjieError as err:
            click.echo(f"zongjie: error: {err}", err=True)
            ctx.exit(EXIT_INPUT_ERROR)
        except KeyboardInterrupt:
            click.echo("zongjie: interrupted", err=True)
            ctx.exit(130)

    def main(self, *args, **kwargs):
        """Like click's standalone mode, but a usage error is one line on stderr (exit 2),
        not click's three-line Usage/Try/Error block."""
        kwargs["standalone_mode"] = False
        # A run allocates many objects and makes few reference cycles: collecting the youngest
        # generation every 700 allocations (Python's default) cost a cold lint ~2% of its time;
        # every 100,000 still bounds what cycles can hold.
        gc.set_threshold(100_000, 50, 50)
        try:
            result = super().main(*args, **kwargs)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except click.ClickException as err:
            click.echo(f"zongjie: error: {err.format_message()} (see --help)", err=True)
            sys.exit(err.exit_code)
        except click.Abort:
            click.echo("zongjie: aborted", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="zongjie-nlp")
def main() -> None:
    """Parse, check and draft Chinese work summaries (工作总结 / 工作總結)."""


def lint_main(argv: Optional[list[str]] = None) -> None:
    """Entry point of ``zongjie-lint``: the same as ``zongjie lint``.  Run as the command (no
    ``argv``), it ends the process as soon as its work is done (:func:`_end_process`)."""
    if argv is not None:
        main.main(args=["lint", *argv], prog_name="zongjie-lint")
        return
    try:
        main.main(args=["lint", *sys.argv[1:]], prog_name="zongjie-lint")
    except SystemExit as done:
        _end_process(done)


def _end_process(done: SystemExit) -> NoReturn:
    """Exit with ``done``'s status without tearing the interpreter down.

    Why: freeing every module, compiled pattern and rule one by one cost a cold
    ``zongjie-lint`` about a twelfth of its run, for nothing: the process ends.  (mypy ends the
    same way.)  What Python's own exit does that matters is done first: the exit handlers run
    (the start-up cache is written) and stdout and stderr are flushed.  Python exits as usual
    when another thread still runs, when the status is no number, or when a stream cannot be
    flushed (a closed pipe: Python then says so as it always does)."""
    import atexit
    import os
    import threading

    if not isinstance(done.code, (int, type(None))) or threading.active_count() > 1:
        raise done
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise done from None
    os._exit(done.code or 0)
