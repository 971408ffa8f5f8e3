"""Command line: ``zongjie`` (outline, lint, rules, draft, rebuild) and ``zongjie-lint``.

Click code only: what a command does lives in the library (:mod:`zongjie_nlp.linter`,
:mod:`zongjie_nlp.drafting`), a command parses its options, calls it and prints.  Each
family of commands has its own module, attached to the group below by ``add_command``.
Imports are kept inside the commands so that ``zongjie outline`` and ``zongjie-lint`` start
fast: nothing here imports spaCy, PyYAML, python-docx or OpenCC at import time.
"""

from __future__ import annotations

import sys
from typing import Optional

import click

from ..errors import ZongjieError
from .common import EXIT_INPUT_ERROR, STDIN
from .draft import draft_command, rebuild_command
from .lint import lint_command
from .outline import outline_command
from .rules import rules_command

__all__ = ["main", "lint_main"]


class _Group(click.Group):
    """A click group that turns our own errors into one line on stderr and exit 2."""

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


main.add_command(outline_command)
main.add_command(lint_command)
main.add_command(rules_command)
main.add_command(draft_command)
main.add_command(rebuild_command)


def lint_main(argv: Optional[list[str]] = None) -> None:
    """Entry point of ``zongjie-lint``: the same as ``zongjie lint``."""
    args = list(sys.argv[1:] if argv is None else argv)
    main.main(args=["lint", *args], prog_name="zongjie-lint")
