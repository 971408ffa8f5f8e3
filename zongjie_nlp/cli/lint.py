"""``zongjie lint`` (and ``zongjie-lint``): check files, print the findings, apply fixes.

The work is the library's (:mod:`zongjie_nlp.linter`): collecting the inputs, linting them
in one process or several, fixing them in their own encoding.  This module parses the
options, prints the results in input order and chooses the exit status.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Optional

import click

from ..profile import GENRES as GENRE_CHOICES
from ..profile import NORMS as NORM_CHOICES
from .common import EXIT_INPUT_ERROR, STDIN

if TYPE_CHECKING:  # pragma: no cover
    from ..linter import Config, FileResult
    from ..model import Report


@click.command("lint")
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "html"]), default="text", show_default=True,
              help="html: one self-contained page (use with -o).")
@click.option("--select", multiple=True, help="Rule ids, id prefixes or categories to run (comma-separated).")
@click.option("--ignore", multiple=True, help="Rule ids, id prefixes or categories to skip (comma-separated).")
@click.option("--severity", type=click.Choice(["info", "warning", "error"]), default=None,
              help="Report only findings at or above this severity [config or info].")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place (atomic write; never .docx).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix/--diff, also apply unsafe fixes.")
@click.option("--diff", is_flag=True, help="Show the fixes as a unified diff; write nothing.")
@click.option("--show-verified", is_flag=True, help="Also list the arithmetic relations that check out.")
@click.option("--no-source", is_flag=True, help="Text format: do not print the source line and caret.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write the report to a file.")
@click.option("--annotate", "annotate_out", type=click.Path(), default=None, metavar="OUT.docx",
              help="Write a copy of the document for review in Word: safe fixes as tracked changes, one comment per "
                   "finding that needs a decision, a summary comment on the title (several inputs: OUT is a folder).")
@click.option("--fix-mode", type=click.Choice(["revisions", "comments", "both"]), default="revisions",
              show_default=True,
              help="With --annotate: safe fixes as tracked changes (revisions), as comments only (comments), or both.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Lint in N processes: files, and the parts of a long file, side by side; output stays "
                   "in input order. 0: one per CPU when the inputs pass 1 MB.")
@click.option("--genre", type=click.Choice(GENRE_CHOICES), default=None,
              help="The kind of document, which decides the parts it must have [config or detected from the title].")
@click.option("--norm", type=click.Choice(NORM_CHOICES), default=None,
              help="Punctuation and number conventions: gb (mainland GB/T), tw (Taiwan), hk (Hong Kong) "
                   "[config or detected from the text].")
@click.option("--previous", "previous_path", type=click.Path(dir_okay=False), default=None, metavar="LAST",
              help="Last year's summary (.txt, .md or .docx): check what the input says of last year (上年完成…, "
                   "比上年增长…) against it (ZJ216). One input file only.")
def lint_command(files, fmt, select, ignore, severity, fix, unsafe_fixes, diff, show_verified, no_source, output,
                 annotate_out, fix_mode, jobs, genre, norm, previous_path) -> None:
    """Check work summaries: arithmetic, numbering, figures, punctuation, script, structure.

    FILES may be .txt, .md or .docx files, directories (walked for those), or '-' for stdin.
    Exit status: 0 clean, 1 findings, 2 usage or input error."""
    from ..errors import ZongjieError
    from ..linter import check_output, collect_paths, find_config, lint_files, summary_lines, write_output
    from .reports import annotate, html_payload, payload_pieces

    if not files:
        raise click.UsageError("no input files (give a path, a directory, or '-' for stdin)")
    config = find_config().overridden(severity, genre, norm)
    _warn_unknown_selectors(config, select, ignore)
    paths = collect_paths(files)
    if not paths:
        raise ZongjieError("no .txt, .md or .docx files found in the given directories")
    if previous_path is not None and len(paths) != 1:
        raise click.UsageError(f"--previous compares one input file with last year's; {len(paths)} inputs given")
    if output:
        check_output(output, paths)
    previous = _read_previous(previous_path, config) if previous_path is not None else None

    results, texts, errors, batch = [], {}, 0, []
    keep = "report" if (fmt == "html" or annotate_out or fix or diff) else "text"
    # The annotated copy's summary lists the verified relations, asked for or not; they are
    # printed only with --show-verified.
    verify = show_verified or bool(annotate_out)
    stream = lint_files(paths, config, select, ignore, verify, jobs=jobs, keep=keep, stdin=STDIN, previous=previous)
    show_bar = len(paths) > 1 and sys.stderr.isatty()
    with click.progressbar(stream, length=len(paths), label="zongjie-lint", file=sys.stderr) if show_bar \
            else _nullbar(stream) as bar:
        for res in bar:
            if res.error is None and (fix or diff):
                res, not_fixed = _fix(res, config, select, ignore, verify, unsafe_fixes,
                                      write=fix and not diff, previous=previous)
                if not_fixed:  # the file stays as it was; its findings are still reported
                    click.echo(f"zongjie: error: {not_fixed}", err=True)
                    errors += 1
            batch.append(res)
            if res.error is not None:
                click.echo(f"zongjie: error: {res.error}", err=True)
                errors += 1
                continue
            texts[res.name] = res.text
            results.append((res.path, res.report, list(res.findings)))
    shown = results if show_verified else [(p, r, [f for f in fs if not f.verified]) for p, r, fs in results]
    findings = [f for _, _, fs in shown for f in fs]
    pieces = iter([html_payload(shown)]) if fmt == "html" else payload_pieces(fmt, findings, texts, not no_source)
    summary = summary_lines(batch) if len(paths) > 1 else []
    if output:
        parts = ["".join(pieces)] + (["\n".join(summary)] if summary and fmt == "text" else [])
        write_output(output, ("\n".join(parts) + "\n").encode("utf-8"))
    else:
        # `--fix -` prints the fixed text on stdout (like ruff): the report goes to stderr then
        _echo_pieces(pieces, err=fix and not diff and "-" in paths)
    if summary and fmt == "text" and not output:
        click.echo("\n".join(summary))
    elif summary and fmt != "text" and sys.stderr.isatty():
        click.echo("\n".join(summary), err=True)
    if annotate_out:
        errors += annotate(results, annotate_out, fix_mode)
    problems = [f for f in findings if not f.verified]
    if errors:
        sys.exit(EXIT_INPUT_ERROR)
    sys.exit(1 if problems else 0)


def _read_previous(path: str, config: Config) -> Report:
    """Last year's summary, parsed; unreadable, too large or not a summary file: one line, exit 2."""
    from ..errors import ZongjieError
    from ..parser import parse_source
    from ..source import read_input

    if path == "-":
        raise click.UsageError("--previous needs a file (stdin is for the input)")
    try:
        return parse_source(read_input(path, config.max_size_mb))
    except ZongjieError as err:
        raise ZongjieError(f"--previous: {err}") from None


def _echo_pieces(pieces, err: bool) -> None:
    """The report as it is made, and a final newline; nothing for an empty report."""
    written = False
    for piece in pieces:
        if piece:
            click.echo(piece, nl=False, err=err)
            written = True
    if written:
        click.echo("", err=err)


def _warn_unknown_selectors(config: Config, select: tuple[str, ...], ignore: tuple[str, ...]) -> None:
    """A selector that matches no rule selects or ignores nothing: say so on stderr (as ruff
    does) instead of running nothing in silence."""
    from ..linter import split_codes, unknown_selectors

    for selector in unknown_selectors([*split_codes(select), *split_codes(ignore)], config.extra_rules):
        click.echo(f"zongjie: warning: unknown rule selector {selector!r}", err=True)
    for key, values in (("select", config.select), ("ignore", config.ignore),
                        ("severity-overrides", list(config.severity_overrides))):
        for selector in unknown_selectors(values, config.extra_rules):
            click.echo(f"zongjie: warning: unknown rule selector {selector!r} ({config.path}: {key})", err=True)


class _nullbar:
    """Stands in for click's progress bar when there is none to show (one file, no tty)."""

    def __init__(self, items):
        self.items = items

    def __enter__(self):
        return self.items

    def __exit__(self, *exc):
        return False


def _fix(res: FileResult, config: Config, select: tuple[str, ...], ignore: tuple[str, ...], show_verified: bool,
         unsafe: bool, write: bool, previous: Optional[Report] = None) -> tuple[FileResult, Optional[str]]:
    """Fix (or diff) one linted file with :func:`~zongjie_nlp.linter.fix_and_relint` and print
    what it did.  Returns the result to report and, when the fixes could not be written, why."""
    from ..linter import fix_and_relint

    fixed_res, done = fix_and_relint(res, config, select, ignore, show_verified, unsafe, write, STDIN, previous)
    if done.note:
        click.echo(f"zongjie: {done.note}", err=True)
    for line in done.diff:
        click.echo(line, nl=not line.endswith("\n"))
    if done.stdout is not None:
        click.echo(done.stdout, nl=False)  # `--fix -`: the fixed bytes, in their own encoding
    if done.fixed is not None and fixed_res.error is None:
        left = len(fixed_res.problems)
        click.echo(f"{res.report.path or res.path}: applied {done.count} fix{'es' if done.count != 1 else ''}, "
                   f"{left} problem{'s' if left != 1 else ''} left", err=True)
    return fixed_res, done.error

