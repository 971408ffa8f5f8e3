"""Command line: ``zongjie`` (outline, lint, rules, draft, rebuild) and ``zongjie-lint``.

Imports are kept inside the commands so that ``zongjie outline`` and ``zongjie-lint``
start fast: nothing here imports spaCy or loads jieba's dictionary.
"""

from __future__ import annotations

import json
import sys
from typing import Optional

import click

from .errors import ZongjieError
from .profile import GENRES as GENRE_CHOICES
from .profile import NORMS as NORM_CHOICES

EXIT_INPUT_ERROR = 2


class _Group(click.Group):
    """A click group that turns our own errors into one line on stderr and exit 2."""

    def invoke(self, ctx: click.Context):
        _STDIN.clear()  # each command reads stdin afresh (CliRunner runs several in one process)
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


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--quantities/--no-quantities", "-q", default=False, help="Also list the quantities (text format).")
def outline(file: str, fmt: str, quantities: bool) -> None:
    """Print the documents, outline and quantities of FILE ('-' reads stdin)."""
    from .lint import find_config
    from .parser import parse_source

    report = parse_source(_read(file, find_config().max_size_mb))
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
        return
    click.echo(_outline_text(report, quantities))


# The bytes read from stdin, kept so that `--fix -` can write them back in their own
# encoding and line endings (stdin cannot be read twice).  Reset by each command.
_STDIN: dict[str, bytes] = {}


def _read(file: str, max_mb: Optional[float] = None):
    """Read FILE ('-': stdin, kept in ``_STDIN`` for writing fixes back)."""
    from .source import read_input

    return read_input(file, max_mb, _STDIN)


def _outline_text(report, with_quantities: bool) -> str:
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


def lint_main(argv: Optional[list[str]] = None) -> None:
    """Entry point of ``zongjie-lint``: the same as ``zongjie lint``."""
    args = list(sys.argv[1:] if argv is None else argv)
    main.main(args=["lint", *args], prog_name="zongjie-lint")


LINT_SUFFIXES = (".txt", ".md", ".docx")


def collect_paths(inputs: tuple[str, ...]) -> list[str]:
    """Files named on the command line, and .txt/.md/.docx files inside named directories."""
    import os

    paths: list[str] = []
    for item in inputs:
        if item != "-" and os.path.isdir(item):
            for root, dirs, files in os.walk(item):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                paths.extend(os.path.join(root, f) for f in sorted(files) if f.lower().endswith(LINT_SUFFIXES))
        else:
            paths.append(item)
    # A file named twice (itself and inside its folder) is checked, and fixed, once.
    seen: set[str] = set()
    unique = []
    for path in paths:
        key = path if path == "-" else os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


@main.command()
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
              help="Write a copy of the document with one Word comment per finding (several inputs: OUT is a folder).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Lint files in N processes (0: one per CPU); output stays in input order.")
@click.option("--genre", type=click.Choice(GENRE_CHOICES), default=None,
              help="The kind of document, which decides the parts it must have [config or detected from the title].")
@click.option("--norm", type=click.Choice(NORM_CHOICES), default=None,
              help="Punctuation and number conventions: gb (mainland GB/T), tw (Taiwan), hk (Hong Kong) "
                   "[config or detected from the text].")
def lint(files, fmt, select, ignore, severity, fix, unsafe_fixes, diff, show_verified, no_source, output,
         annotate_out, jobs, genre, norm) -> None:
    """Check work summaries: arithmetic, numbering, figures, punctuation, script, structure.

    FILES may be .txt, .md or .docx files, directories (walked for those), or '-' for stdin.
    Exit status: 0 clean, 1 findings, 2 usage or input error."""
    from .errors import ZongjieError
    from .lint import check_output, find_config, write_output

    if not files:
        raise click.UsageError("no input files (give a path, a directory, or '-' for stdin)")
    config = find_config()
    if severity:
        config.severity = severity
    config.genre = genre or config.genre
    config.norm = norm or config.norm
    _warn_unknown_selectors(config, select, ignore)
    paths = collect_paths(files)
    if not paths:
        raise ZongjieError("no .txt, .md or .docx files found in the given directories")
    if output:
        check_output(output, paths)
    from .batch import lint_files, summary_lines

    results, texts, errors, batch = [], {}, 0, []
    keep = "report" if (fmt == "html" or annotate_out or fix or diff) else "text"
    stream = lint_files(paths, config, select, ignore, show_verified, jobs=jobs, keep=keep, stdin=_STDIN)
    show_bar = len(paths) > 1 and sys.stderr.isatty()
    with click.progressbar(stream, length=len(paths), label="zongjie-lint", file=sys.stderr) if show_bar \
            else _nullbar(stream) as bar:
        for res in bar:
            if res.error is None and (fix or diff):
                res, not_fixed = _fix_and_relint(res, config, select, ignore, show_verified, unsafe_fixes,
                                                 write=fix and not diff)
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
    findings = [f for _, _, fs in results for f in fs]
    if fmt == "html":
        payload = _html_payload(results)
    else:
        payload = _payload(fmt, findings, texts, not no_source)
    summary = summary_lines(batch) if len(paths) > 1 else []
    if output:
        parts = [payload] + (["\n".join(summary)] if summary and fmt == "text" else [])
        write_output(output, ("\n".join(parts) + "\n").encode("utf-8"))
    elif payload:
        # `--fix -` prints the fixed text on stdout (like ruff): the report goes to stderr then
        click.echo(payload, err=fix and not diff and "-" in paths)
    if summary and fmt == "text" and not output:
        click.echo("\n".join(summary))
    elif summary and fmt != "text" and sys.stderr.isatty():
        click.echo("\n".join(summary), err=True)
    if annotate_out:
        errors += _annotate(results, annotate_out)
    problems = [f for f in findings if not f.verified]
    if errors:
        sys.exit(EXIT_INPUT_ERROR)
    sys.exit(1 if problems else 0)


def _warn_unknown_selectors(config, select, ignore) -> None:
    """A selector that matches no rule selects or ignores nothing: say so on stderr (as ruff
    does) instead of running nothing in silence."""
    from .lint import split_codes, unknown_selectors

    for selector in unknown_selectors([*split_codes(select), *split_codes(ignore)], config.extra_rules):
        click.echo(f"zongjie: warning: unknown rule selector {selector!r}", err=True)
    for key, values in (("select", config.select), ("ignore", config.ignore),
                        ("severity-overrides", list(config.severity_overrides))):
        for selector in unknown_selectors(values, config.extra_rules):
            click.echo(f"zongjie: warning: unknown rule selector {selector!r} ({config.path}: {key})", err=True)


class _nullbar:
    def __init__(self, items):
        self.items = items

    def __enter__(self):
        return self.items

    def __exit__(self, *exc):
        return False


def _fix_and_relint(res, config, select, ignore, show_verified: bool, unsafe: bool, write: bool):
    """Apply (or show) the fixes of one linted file; after writing, lint the fixed text again
    so that the findings printed and the exit status are what remains, not what was fixed.

    Returns the result to report and, when the fixes could not be written, why."""
    from dataclasses import replace

    from .lint import lint_report, split_codes
    from .parser import parse_source
    from .source import Source

    try:
        error, fixed, count = _fix_one(res.path, res.report, list(res.findings), unsafe, write)
        if error is not None:
            return res, error
        if fixed is None:
            return res, None
        report = parse_source(Source(fixed, res.report.path, res.report.encoding))
        findings = lint_report(report, config, split_codes(select), split_codes(ignore), show_verified)
    except Exception as err:  # one file's failure must not cost the others their reports
        from .batch import internal_error

        return replace(res, error=internal_error(res.path, err)), None
    left = sum(1 for f in findings if not f.verified)
    click.echo(f"{res.report.path or res.path}: applied {count} fix{'es' if count != 1 else ''}, "
               f"{left} problem{'s' if left != 1 else ''} left", err=True)
    return replace(res, findings=tuple(findings), report=report, text=report.text), None


def _fix_one(path: str, report, findings, unsafe: bool, write: bool):
    """Apply fixes to the file as stored: same encoding and BOM (or none), same line endings,
    only the spans; symlinks are followed and a read-only file is refused.

    Returns ``(error, fixed text (newline-normalised) or None if nothing was written, count)``."""
    import difflib
    import os

    from .lint import apply_edits, fix_edits, write_atomically
    from .source import normalise, raw_codec

    edits = fix_edits(findings, unsafe=unsafe)
    if report.encoding == "docx":
        if edits:
            click.echo(f"zongjie: {path}: --fix does not edit .docx files in place (use 'zongjie rebuild')", err=True)
        return None, None, 0
    if not edits and not (write and path == "-"):
        return None, None, 0
    if path == "-":
        raw_bytes = _STDIN.get("-", b"")
    else:
        try:
            with open(path, "rb") as handle:
                raw_bytes = handle.read()
        except OSError as err:
            return f"{path}: not fixed: cannot read it again ({(err.strerror or str(err)).lower()})", None, 0
    bom, codec = raw_codec(raw_bytes, report.encoding)
    try:
        raw = raw_bytes[len(bom):].decode(codec)
    except UnicodeDecodeError:
        return f"{path}: not fixed: cannot decode it again as {codec}", None, 0
    head = "\ufeff" if raw.startswith("\ufeff") else ""  # a second BOM: not part of the text
    raw = raw[len(head):]
    if normalise(raw) != report.text:
        return f"{path}: not fixed: the file changed while it was being checked", None, 0
    mapping = _normalised_to_raw(raw)
    fixed = apply_edits(raw, [(mapping[s], mapping[e], r) for s, e, r in edits])
    if not write:
        name = "<stdin>" if path == "-" else path
        _echo_diff(difflib.unified_diff(raw.splitlines(True), fixed.splitlines(True), name,
                                        name if path == "-" else path + " (fixed)"))
        return None, None, 0
    try:
        data = bom + (head + fixed).encode(codec)
    except UnicodeEncodeError:
        return f"{path}: fixes not written: the result cannot be encoded as {codec}", None, 0
    if path == "-":
        click.echo(data, nl=False)  # the bytes as they came, fixed: same encoding and line endings
        return None, (normalise(fixed) if edits else None), len(edits)
    target = os.path.realpath(path)
    if not os.stat(target).st_mode & 0o222 or not os.access(target, os.W_OK):
        return (f"{path}: not fixed: the file is read-only ({len(edits)} fix{'es' if len(edits) != 1 else ''} "
                "available; make it writable or use --diff)"), None, 0
    try:
        write_atomically(path, data)
    except OSError as err:
        reason = (err.strerror or str(err)).lower()
        return f"{path}: not fixed: cannot write in {os.path.dirname(target) or '.'} ({reason})", None, 0
    return None, normalise(fixed), len(edits)


def _normalised_to_raw(raw: str) -> list[int]:
    """Offset in the newline-normalised text → offset in the raw decoded text."""
    if "\r" not in raw:
        return list(range(len(raw) + 1))
    mapping, i = [], 0
    while i < len(raw):
        mapping.append(i)
        i += 2 if raw[i] == "\r" and raw[i + 1: i + 2] == "\n" else 1
    mapping.append(len(raw))
    return mapping


def _echo_diff(lines) -> None:
    for line in lines:
        click.echo(line, nl=not line.endswith("\n"))


def _rules() -> dict:
    """Every rule, the users' own (config key ``extra-rules``) included."""
    from .checks import all_rules
    from .lint import find_config

    return all_rules(find_config().extra_rules)


def _html_payload(results) -> str:
    from .formats.html import to_html

    return to_html([(report, findings) for _, report, findings in results], _rules())


def _annotate(results, out: str) -> int:
    """Write the annotated .docx copies; the number of inputs that failed."""
    import os

    from .errors import ZongjieError
    from .formats.docx_comments import annotate

    if not results:  # every input failed: nothing to write (and no folder to create)
        return 0
    if len(results) == 1:
        targets = [out]
    else:
        os.makedirs(out, exist_ok=True)
        targets, used = [], set()
        for path, _, _ in results:
            stem = os.path.splitext(os.path.basename(path))[0] if path != "-" else "stdin"
            name, n = f"{stem}.annotated.docx", 1
            while name in used:
                n += 1
                name = f"{stem}-{n}.annotated.docx"
            used.add(name)
            targets.append(os.path.join(out, name))
    failed = 0
    for (path, report, findings), target in zip(results, targets):
        try:
            result = annotate(report, findings, target, rules=_rules())
        except (ZongjieError, OSError) as err:
            reason = (err.strerror or str(err)).lower() if isinstance(err, OSError) else str(err)
            click.echo(f"zongjie: error: {path}: cannot annotate: {reason}", err=True)
            failed += 1
            continue
        click.echo(f"{target}: {result.comments} comment{'s' if result.comments != 1 else ''} "
                   f"for {result.findings} finding{'s' if result.findings != 1 else ''}", err=True)
    return failed


def _payload(fmt: str, findings, texts: dict, show_source: bool) -> str:
    """The report in ``fmt`` (text, json, sarif) as one string."""
    if fmt == "json":
        # one finding per line: readable, and json's C encoder (not used with indent) keeps it fast
        rows = ",\n ".join(json.dumps(f.to_json(), ensure_ascii=False) for f in findings)
        return f"[{rows}]" if not rows else f"[\n {rows}\n]"
    if fmt == "sarif":
        from .formats.sarif import to_sarif

        return json.dumps(to_sarif(findings, _rules()), ensure_ascii=False, indent=1)
    from .formats.text import format_text

    return format_text(findings, texts, show_source)


@main.command("rules")
@click.argument("rule_id", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--test", "run_examples", is_flag=True,
              help="Run the rules' examples (RULE_ID's, or every rule's) and report the ones that fail.")
def rules_command(rule_id: Optional[str], fmt: str, run_examples: bool) -> None:
    """List every rule (the users' own from extra-rules too), or explain RULE_ID."""
    rules = _rules()
    if run_examples:
        from .checks import example_failures
        from .lint import find_config

        chosen = [rules[rule_id.upper()]] if rule_id and rule_id.upper() in rules else list(rules.values())
        if rule_id and rule_id.upper() not in rules:
            raise click.UsageError(f"unknown rule {rule_id!r} (see 'zongjie rules')")
        failures = example_failures(chosen, find_config().extra_rules)
        for rule_id_failed, problem in failures:
            click.echo(f"{rule_id_failed}: {problem}")
        count = sum(len(r.examples) for r in chosen)
        click.echo(f"{count - len(failures)} of {count} examples as expected" if count else "no examples")
        sys.exit(1 if failures else 0)
    if rule_id:
        rule = rules.get(rule_id.upper())
        if rule is None:
            raise click.UsageError(f"unknown rule {rule_id!r} (see 'zongjie rules')")
        click.echo(f"{rule.id} {rule.name}  [{rule.category}, {rule.severity}{', fixable' if rule.fixable else ''}]")
        click.echo(f"norms: {', '.join(rule.norms)}")
        click.echo(f"\n{rule.summary}\n\n{rule.rationale}\n")
        for example in rule.examples:
            label = "fires:     " if example.bad else "silent:    "
            fix = f"   → {example.fix}" if example.fix else ""
            click.echo(f"  {label}{example.text.replace(chr(10), ' ⏎ ')}{fix}")
        return
    if fmt == "json":
        click.echo(json.dumps([{"id": r.id, "name": r.name, "category": r.category, "severity": r.severity,
                                "fixable": r.fixable, "norms": list(r.norms), "summary": r.summary}
                               for r in rules.values()],
                              ensure_ascii=False, indent=1))
        return
    for rule in rules.values():
        fixable = "*" if rule.fixable else " "
        click.echo(f"{rule.id} {fixable} {rule.category:<14} {rule.severity:<7} {rule.name}: {rule.summary}")


from .draft_cli import draft_command, rebuild_command  # noqa: E402

main.add_command(draft_command, "draft")
main.add_command(rebuild_command, "rebuild")
