"""How ``zongjie lint`` renders its findings: text, JSON, SARIF, HTML, annotated Word copies.

The formatters themselves are in :mod:`zongjie_nlp.formats`; here they are chosen by
``--format`` and ``--annotate`` and imported only when used (cold start).
"""

from __future__ import annotations

import json

import click

from .common import configured_rules


def payload(fmt: str, findings, texts: dict, show_source: bool) -> str:
    """The report in ``fmt`` (text, json, sarif) as one string."""
    if fmt == "json":
        # one finding per line: readable, and json's C encoder (not used with indent) keeps it fast
        rows = ",\n ".join(json.dumps(f.to_json(), ensure_ascii=False) for f in findings)
        return f"[{rows}]" if not rows else f"[\n {rows}\n]"
    if fmt == "sarif":
        from ..formats.sarif import to_sarif

        return json.dumps(to_sarif(findings, configured_rules()), ensure_ascii=False, indent=1)
    from ..formats.text import format_text

    return format_text(findings, texts, show_source)


def html_payload(results) -> str:
    """One self-contained HTML page for every ``(path, report, findings)`` of the run."""
    from ..formats.html import to_html

    return to_html([(report, findings) for _, report, findings in results], configured_rules())


def annotate(results, out: str) -> int:
    """Write the annotated .docx copies (several inputs: one each in the folder ``out``);
    the number of inputs that failed."""
    import os

    from ..errors import ZongjieError
    from ..formats.docx_comments import annotate as annotate_docx

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
            result = annotate_docx(report, findings, target, rules=configured_rules())
        except (ZongjieError, OSError) as err:
            reason = (err.strerror or str(err)).lower() if isinstance(err, OSError) else str(err)
            click.echo(f"zongjie: error: {path}: cannot annotate: {reason}", err=True)
            failed += 1
            continue
        click.echo(f"{target}: {result.comments} comment{'s' if result.comments != 1 else ''} "
                   f"for {result.findings} finding{'s' if result.findings != 1 else ''}", err=True)
    return failed
