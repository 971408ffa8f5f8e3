"""What the requests do, as plain functions: no Starlette, no request, no response.

Each takes what :mod:`.inputs` read (a :class:`~zongjie_nlp.source.Source`, the options)
and returns what the command line would print for it, through the same library functions:
``zongjie-lint --format json`` (:func:`lint_json`), ``zongjie outline --format json``
(:func:`outline_json`), ``zongjie draft`` (:func:`draft_text`), ``zongjie-lint --annotate``
(:func:`annotated_docx`) and ``--format html`` (:func:`report_payload`).  :mod:`.app` runs
them in a worker thread under the time limit.  The lint functions take last year's summary
as read from the request (``previous``) and parse it here, as ``zongjie-lint --previous``
does, so its parse counts in the time limit too.
"""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any, Optional

from ..errors import TooLargeError, ZongjieError
from ..linter import Config
from ..model import Finding, Report
from ..source import Source
from .inputs import LintOptions
from .settings import RequestError


def request_config(config: Config, options: LintOptions) -> Config:
    """The server's configuration with a request's options over it, as the command line puts
    its options over the configuration it finds."""
    return config.overridden(options.severity, options.genre, options.norm)


def lint_json(source: Source, options: LintOptions, config: Config, previous: Optional[Source] = None) -> str:
    """The findings as ``zongjie-lint --format json [--previous LAST]`` prints them (checked a
    segment at a time, as the command line does)."""
    from ..formats.json import findings_json
    from ..linter import lint_source

    last_year = parse_previous(previous)
    findings = _input_errors(lint_source, source, request_config(config, options), options.select, options.ignore,
                             options.show_verified, previous=last_year)
    return findings_json(findings)  # lint_source already left out the verified ones unless asked


def outline_json(source: Source) -> str:
    """The documents, outline and quantities as ``zongjie outline --format json`` prints them."""
    from ..formats.json import outline_json as to_json
    from ..parser import parse_source

    return to_json(_input_errors(parse_source, source))


def rules_json(config: Config) -> str:
    """Every rule, the configuration's own (``extra-rules``) too, as ``zongjie rules --format json``."""
    from ..checks import all_rules
    from ..formats.json import rules_json as to_json

    return to_json(all_rules(config.extra_rules).values())


def checked_report(source: Source, options: LintOptions, config: Config,
                   previous: Optional[Source] = None) -> tuple[Report, list[Finding]]:
    """The parsed report and its findings, the verified relations included (the page and the
    annotated copy show them, as ``--annotate`` does); checked against last year's summary
    when one was sent."""
    from ..linter import lint_report
    from ..parser import parse_source

    report = _input_errors(parse_source, source)
    last_year = parse_previous(previous)
    findings = _input_errors(lint_report, report, request_config(config, options), options.select, options.ignore,
                             True, last_year)
    return report, findings


def parse_previous(previous: Optional[Source]) -> Optional[Report]:
    """Last year's summary, parsed; an error in it is the request's, naming the field (as the
    command line's names ``--previous``)."""
    from ..parser import parse_source

    if previous is None:
        return None
    try:
        return _input_errors(parse_source, previous)
    except RequestError as err:
        raise RequestError(err.status, f"previous: {err.message}") from None


def report_payload(source: Source, options: LintOptions, config: Config,
                   previous: Optional[Source] = None) -> dict[str, Any]:
    """What the page shows for one input: the HTML report (``--format html``), the JSON as the
    command line prints it with these options, and the counts and categories for its filters."""
    from ..checks import all_rules
    from ..formats.html import CATEGORY_COLOURS, CATEGORY_LABELS, OTHER_COLOUR, SEVERITY_LABELS, _translator, to_html
    from ..formats.json import findings_json

    report, findings = checked_report(source, options, config, previous)
    problems = [f for f in findings if not f.verified]
    categories = list(dict.fromkeys(f.category for f in problems))
    tr = _translator(report.script)  # labels in the document's script, as the HTML report writes its own
    return {
        "name": source.path,
        "script": report.script,
        "encoding": report.encoding,
        "documents": len(report.documents),
        "problems": len(problems),
        "verified": len(findings) - len(problems),
        "categories": [{"name": c, "label": tr(CATEGORY_LABELS.get(c, c)),
                        "colour": CATEGORY_COLOURS.get(c, OTHER_COLOUR),
                        "count": sum(f.category == c for f in problems)} for c in categories],
        "severities": [{"name": s, "label": tr(label), "count": sum(f.severity == s for f in problems)}
                       for s, label in SEVERITY_LABELS.items()],
        "html": to_html([(report, findings)], all_rules(config.extra_rules), title=f"{source.path} {tr('检查报告')}"),
        "json": findings_json(findings if options.show_verified else problems),
    }


def annotated_docx(source: Source, data: Optional[bytes], options: LintOptions, config: Config,
                   previous: Optional[Source] = None) -> bytes:
    """The copy ``zongjie-lint FILE --annotate OUT.docx --fix-mode M`` writes, as bytes: the
    uploaded .docx (``data``) with its findings as tracked changes and comments, or for a text
    a new .docx carrying the same.  Written in a private temporary folder, removed at once."""
    from ..checks import all_rules
    from ..formats.docx_comments import annotate

    report, findings = checked_report(source, options, config, previous)
    with tempfile.TemporaryDirectory(prefix="zongjie-serve-") as folder:  # mode 0700
        out = os.path.join(folder, "annotated.docx")
        _input_errors(annotate, report, findings, out, data=data if report.encoding == "docx" else None,
                      rules=all_rules(config.extra_rules), fix_mode=options.fix_mode)
        with open(out, "rb") as handle:
            return handle.read()


def draft_text(spec: Any, fmt: str) -> str:
    """A loaded spec (a mapping, never a path) drafted as ``zongjie draft`` prints it."""
    from ..drafting.api import draft

    if not isinstance(spec, (dict, list)):
        raise RequestError(400, "a spec is a mapping (title:, sections: …)")
    return _input_errors(draft, spec, fmt=fmt)


def load_spec(data: bytes, json_body: bool, max_mb: float) -> Any:
    """A spec sent as JSON or YAML, parsed (YAML without aliases, as ``zongjie draft`` reads)."""
    from ..drafting.spec import find_surrogate, load_spec as load

    if json_body:
        spec = parse_json(data)
        if find_surrogate(spec) is not None:
            raise RequestError(400, "the spec holds a lone surrogate (such as \\ud800), which is not a character")
        return spec
    return _input_errors(load, bytes(data), max_mb)


def parse_json(data: bytes) -> Any:
    """A JSON body; malformed JSON (or not UTF-8) is a 400 naming the place."""
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise RequestError(400, "malformed JSON: the body is not UTF-8") from None
    except RecursionError:
        raise RequestError(400, "malformed JSON: nested too deep") from None
    except ValueError as err:
        raise RequestError(400, f"malformed JSON: {err}") from None


def _input_errors(function, *args, **kwargs):
    """``function(*args, **kwargs)``, its input errors turned into 400 (413 for too large):
    a page the linter cannot read is the client's problem, reported in one line."""
    try:
        return function(*args, **kwargs)
    except TooLargeError as err:
        raise RequestError(413, str(err)) from None
    except ZongjieError as err:
        raise RequestError(400, str(err)) from None
