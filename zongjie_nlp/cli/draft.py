"""``zongjie draft`` and ``zongjie rebuild``: write a summary from a spec, or rewrite one cleanly.

Attached to the ``zongjie`` group by :mod:`zongjie_nlp.cli`.  Nothing heavy is
imported here at module level (PyYAML, python-docx and OpenCC load inside the commands), so
``zongjie --help`` and the other commands start fast.  Errors in a spec or an input are
:class:`~zongjie_nlp.errors.ZongjieError`: the group prints ``zongjie: error: …`` and exits 2.
"""

from __future__ import annotations

import sys
from typing import Optional

import click

SCRIPT_CHOICES = ["simplified", "traditional", "traditional-tw", "traditional-hk"]
FORMAT_CHOICES = ["text", "markdown", "docx"]


@click.command("draft")
@click.argument("spec", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to a file: .txt, .md or .docx (the format follows the extension).")
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default=None,
              help="Output format [default: from -o, else text]; docx needs -o.")
@click.option("--script", type=click.Choice(SCRIPT_CHOICES), default=None,
              help="Override the spec's script.")
@click.option("--check", is_flag=True, help="Also lint the draft and print any findings on stderr.")
def draft_command(spec: str, output: Optional[str], fmt: Optional[str], script: Optional[str], check: bool) -> None:
    """Draft a work summary from SPEC (YAML, JSON or TOML; '-' reads stdin).

    The spec describes the summary as data (title, intro, sections with points, figures,
    signature); numbering, punctuation and computed figures are right by construction.
    Exit status: 0 written, 2 invalid spec (the message names the place in the spec)."""
    from ..drafting.api import draft, format_for_path
    from ..drafting.spec import load_spec

    max_mb = _max_size_mb()
    _refuse_output_over_input(output, spec)
    if spec == "-":
        data = load_spec(_read_stdin(max_mb), max_mb)
    else:
        data = load_spec(_existing(spec), max_mb)
    if script:
        data = _with_script(data, script)
    fmt = _resolve_format(fmt, output, format_for_path)
    result = draft(data, fmt=fmt, path=output)
    if output is None:
        click.echo(result, nl=False)
    else:
        click.echo(f"{output}: written", err=True)
    if check:
        _report_findings(draft(data, fmt="text"))


@click.command("rebuild")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to a file: .txt, .md or .docx (with --spec: .yaml, .yml or .json).")
@click.option("--spec", "as_spec", is_flag=True,
              help="Write the spec recovered from FILE (figures as named placeholders) instead of a draft.")
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default=None,
              help="Output format of the draft [default: from -o, else text].")
@click.option("--script", type=click.Choice(SCRIPT_CHOICES), default=None,
              help="Convert the draft to this script [default: as the original].")
@click.option("-d", "--document", "documents", type=int, multiple=True,
              help="Only this document of the page (1-based; repeatable).")
@click.option("--check", is_flag=True, help="Also lint the draft and print any findings on stderr.")
def rebuild_command(file: str, output: Optional[str], as_spec: bool, fmt: Optional[str],
                    script: Optional[str], documents: tuple[int, ...], check: bool) -> None:
    """Rebuild an existing summary FILE ('-' reads stdin) as a clean draft.

    Applies every safe fix, renumbers the headings 一、（一）1.（1） by depth, cleans the
    punctuation, and keeps every sentence and figure of the original.  With --spec, writes
    the spec it recovered, so that the data can be edited instead of the prose."""
    from ..drafting.api import format_for_path
    from ..parser import parse_source
    from ..source import read_input

    _refuse_output_over_input(output, file)
    report = parse_source(read_input(file, _max_size_mb()))
    if as_spec:
        _write_spec(report, output, list(documents))
        return
    from ..drafting.api import rebuild

    fmt = _resolve_format(fmt, output, format_for_path)
    result = rebuild(report, fmt=fmt, path=output, script=script, documents=list(documents) or None)
    if output is None:
        click.echo(result, nl=False)
    else:
        click.echo(f"{output}: written", err=True)
    if check:
        _report_findings(rebuild(report, fmt="text", script=script, documents=list(documents) or None))


def _refuse_output_over_input(output: Optional[str], source: str) -> None:
    """An ``-o`` that would overwrite the input (or cannot be written) is refused before any work."""
    from ..linter import check_output

    if output is not None:
        check_output(output, [source])


def _max_size_mb() -> float:
    """The input size limit: ``max-size-mb`` of the config the linter reads (20 MB by default)."""
    from ..linter import find_config

    return find_config().max_size_mb


def _read_stdin(max_mb: float) -> bytes:
    """A spec from stdin, read no further than the size limit (and one byte to tell)."""
    from ..source import too_large

    limit = int(max_mb * 1e6)
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise too_large("<stdin>", len(data), max_mb, what="spec")
    return data


def _existing(path: str) -> str:
    import os

    from ..errors import InputError

    if not os.path.exists(path):
        raise InputError(path, "no such file")
    if os.path.isdir(path):
        raise InputError(path, "is a directory")
    return path


def _resolve_format(fmt: Optional[str], output: Optional[str], format_for_path) -> str:
    from ..errors import ZongjieError

    if output is not None:
        by_extension = format_for_path(output)
        if fmt is not None and fmt != by_extension:
            raise ZongjieError(f"{output}: --format {fmt} does not match the extension (a {by_extension} file)")
        return by_extension
    if fmt == "docx":
        raise click.UsageError("--format docx needs -o FILE.docx")
    return fmt or "text"


def _with_script(data, script: str):
    if isinstance(data, dict) and isinstance(data.get("documents"), list):
        return {**data, "documents": [{**d, "script": script} if isinstance(d, dict) else d for d in data["documents"]]}
    if isinstance(data, dict):
        return {**data, "script": script}
    return data


def _write_spec(report, output: Optional[str], documents: list[int]) -> None:
    import os

    from ..drafting.api import to_spec
    from ..drafting.rebuild import dump_spec
    from ..errors import ZongjieError
    from ..linter import write_output

    if len(documents) > 1:
        raise ZongjieError("--spec takes one --document (or none for every document)")
    spec = to_spec(report, document=documents[0] if documents else None)
    kind = "yaml"
    if output is not None:
        ext = os.path.splitext(output)[1].lower()
        kinds = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
        if ext not in kinds:
            raise ZongjieError(f"{output}: a spec is written as .yaml, .yml or .json, not {ext or '(none)'!r}")
        kind = kinds[ext]
    text = dump_spec(spec, kind, source=report.path)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise ZongjieError(f"{output}: cannot write: {err.reason}") from None
    write_output(output, data)
    click.echo(f"{output}: written", err=True)


def _report_findings(text: str) -> None:
    """``--check``: lint the draft and print its findings (or that there are none) on stderr."""
    from ..formats.text import format_text
    from ..linter import lint_report
    from ..parser import parse

    report = parse(text)
    findings = [f._replace(path="<draft>") for f in lint_report(report)]
    if findings:
        click.echo(format_text(findings, {"<draft>": report.text}, False), err=True)
    else:
        click.echo("draft: no findings", err=True)
