"""How ``zongjie lint`` renders its findings: text, JSON, SARIF, HTML, annotated Word copies.

The formatters themselves are in :mod:`zongjie_nlp.formats`; here they are chosen by
``--format`` and ``--annotate`` and imported only when used (cold start).
"""

from __future__ import annotations

from typing import Iterator

import click

from .common import configured_rules


def payload_pieces(fmt: str, findings, texts: dict, show_source: bool) -> Iterator[str]:
    """The report in ``fmt`` (text, json, sarif) in pieces of about 64K characters, made as they
    are written: the report of a long page (tens of thousands of findings) is never one string
    in memory."""
    if fmt == "json":
        from ..formats.json import findings_pieces

        pieces = findings_pieces(findings)
    elif fmt == "sarif":
        import json

        from ..formats.sarif import to_sarif

        pieces = iter([json.dumps(to_sarif(findings, configured_rules()), ensure_ascii=False, indent=1)])
    else:
        from ..formats.text import text_lines

        pieces = (("\n" if i else "") + line for i, line in enumerate(text_lines(findings, texts, show_source)))
    batch, size = [], 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= PIECE_CHARS:
            yield "".join(batch)
            batch, size = [], 0
    yield "".join(batch)


PIECE_CHARS = 1 << 16


def html_payload(results) -> str:
    """One self-contained HTML page for every ``(path, report, findings)`` of the run."""
    from ..formats.html import to_html

    return to_html([(report, findings) for _, report, findings in results], configured_rules())


def annotate(results, out: str, fix_mode: str = "revisions") -> int:
    """Write the annotated .docx copies (several inputs: one each in the folder ``out``);
    the number of inputs that failed."""
    import os

    from ..errors import ZongjieError
    from ..formats.docx_comments import annotate as annotate_docx
    from ..linter.batch import _plural

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
            result = annotate_docx(report, findings, target, rules=configured_rules(), fix_mode=fix_mode)
        except (ZongjieError, OSError) as err:
            reason = (err.strerror or str(err)).lower() if isinstance(err, OSError) else str(err)
            click.echo(f"zongjie: error: {path}: cannot annotate: {reason}", err=True)
            failed += 1
            continue
        problems = sum(not f.verified for f in findings)
        click.echo(f"{target}: {_plural(result.comments, 'comment')} and {_plural(result.revisions, 'tracked change')} "
                   f"for {_plural(problems, 'finding')}", err=True)
    return failed
