"""``zongjie outline``: the documents, outline and quantities of one input."""

from __future__ import annotations

import click

from .common import STDIN


@click.command("outline")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--quantities/--no-quantities", "-q", default=False, help="Also list the quantities (text format).")
def outline_command(file: str, fmt: str, quantities: bool) -> None:
    """Print the documents, outline and quantities of FILE ('-' reads stdin)."""
    from ..linter import find_config
    from ..parser import parse_source
    from ..source import read_input

    report = parse_source(read_input(file, find_config().max_size_mb, STDIN))
    if fmt == "json":
        from ..formats.json import outline_json

        click.echo(outline_json(report))
        return
    click.echo(outline_text(report, quantities))


def outline_text(report, with_quantities: bool) -> str:
    """The outline as indented lines: ``line:col  marker title``, one document after another."""
    lines = [f"{report.path}  encoding={report.encoding} script={report.script} documents={len(report.documents)}"]
    for number, doc in enumerate(report.documents, 1):
        nodes = list(doc.nodes())
        title = doc.title or "(untitled)"
        lines.append(f"\n[{number}] {title}  line {doc.line}: {len(nodes)} points, {len(doc.quantities)} quantities")
        for part in doc.parts:  # annexes and glossaries are listed with their own points below
            if part.kind == "contents":
                lines.append(f"  {part.line:>4}:1    [contents] {part.title} (not outline)")
        parts_by_start = {p.start: p for p in doc.parts}
        for kind, start, outline in doc.outlines():
            if kind != "body":
                part = parts_by_start[start]
                lines.append(f"  {part.line:>4}:1    [{kind}] {part.title}")
            for top in outline:
                for node in top.walk():
                    indent = "  " * node.level
                    tag = " (inline)" if node.inline else f" ({node.style})" if not node.marker else ""
                    lines.append(f"  {node.line:>4}:{node.col:<3}{indent}{node.marker} {node.title}{tag}")
        if with_quantities:
            for q in doc.quantities:
                approx = " ≈" if q.approx else ""
                cat = f"/{q.category}" if q.category else ""
                lines.append(f"  {q.line:>4}:{q.col:<3}  {q.kind}{cat} {q.text} = {_num(q.value)} {q.unit}{approx}")
    return "\n".join(lines)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
