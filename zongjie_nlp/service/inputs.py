"""What a request may send, read as strictly as the command line reads its arguments.

A lint request is a JSON object ``{"text": …, "name": …, options…}`` or a multipart form
with a ``file`` (or a ``text``) and the same options as fields.  The options are the
command line's: ``select``, ``ignore`` (rule ids, prefixes or categories; a list or one
comma-separated string), ``norm``, ``genre``, ``severity`` and ``show_verified``.  Anything
else is refused with 400 naming it: a client that misspells an option must not get a
silent default (the command line refuses an unknown option the same way).

Last year's summary (``zongjie-lint --previous LAST``) comes with the page: in JSON as
``previous`` (its text) and ``previous_name``, in a form as a second file field
``previous`` (or a text field of that name).  It is read exactly as the page is (size
limit, encodings, .docx), and a bad one is refused with an error that starts
``previous:``, as the command line's starts ``--previous:``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Optional

from ..errors import InputError, TooLargeError
from ..model import SEVERITY_ORDER
from ..profile import GENRES, NORMS
from ..source import Source, read_bytes
from .settings import RequestError

SEVERITIES = tuple(SEVERITY_ORDER)  # info, warning, error
OPTIONS = ("select", "ignore", "norm", "genre", "severity", "show_verified")
# formats.docx_comments.FIX_MODES, not imported from there: it would load the .docx code (~0.1 s) at start-up
FIX_MODES = ("revisions", "comments", "both")
TEXT_NAME = "<text>"  # the name findings carry for a pasted text (the CLI's is <stdin>)
PREVIOUS_FIELDS = ("previous", "previous_name")  # last year's summary, with the page
PREVIOUS_NAME = "<previous>"  # the name ZJ216 cites for a pasted last year's summary


@dataclass(frozen=True)
class LintOptions:
    """The command line's lint options, checked."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    norm: Optional[str] = None
    genre: Optional[str] = None
    severity: Optional[str] = None
    show_verified: bool = False
    fix_mode: str = "revisions"  # for the annotated .docx, as --fix-mode


def read_options(fields: dict[str, Any], extra_rules: tuple[str, ...] = (), allowed: tuple[str, ...] = ()) -> LintOptions:
    """The options among ``fields`` (JSON values, or a form's strings), checked; ``allowed``
    names the other fields the request may hold (``text``, ``name``, ``file`` …)."""
    from ..linter import split_codes, unknown_selectors

    refuse_unknown(fields, (*allowed, *OPTIONS), also=("fix_mode",))
    selectors = {}
    for key in ("select", "ignore"):
        codes = tuple(split_codes(_strings(fields.get(key), key)))
        bad = unknown_selectors(codes, extra_rules)
        if bad:
            raise RequestError(400, f"{key}: unknown rule selector {bad[0]!r} (see GET /api/rules)")
        selectors[key] = codes
    return LintOptions(
        select=selectors["select"],
        ignore=selectors["ignore"],
        norm=_choice(fields.get("norm"), "norm", NORMS),
        genre=_choice(fields.get("genre"), "genre", GENRES),
        severity=_choice(fields.get("severity"), "severity", SEVERITIES),
        show_verified=_flag(fields.get("show_verified"), "show_verified"),
        fix_mode=_choice(fields.get("fix_mode"), "fix_mode", FIX_MODES) or "revisions",
    )


def refuse_unknown(fields: dict[str, Any], expected: tuple[str, ...], also: tuple[str, ...] = ()) -> None:
    """A 400 naming the first field that is neither ``expected`` (listed in the message) nor
    ``also`` (accepted without being listed)."""
    unknown = [k for k in fields if k not in expected and k not in also]
    if unknown:
        raise RequestError(400, f"unknown field {unknown[0]!r} (expected: {', '.join(expected)})")


def read_text(fields: dict[str, Any], max_mb: float) -> Source:
    """The ``text`` of a request (a pasted page), read as an uploaded UTF-8 file would be."""
    if fields.get("text") is None:
        raise RequestError(400, "no input: send {\"text\": …} as JSON, or a form with a file field")
    return _read_field(fields, "text", "name", TEXT_NAME, max_mb)


def read_previous(fields: dict[str, Any], upload: Optional[tuple[str, bytes]], max_mb: float) -> Optional[Source]:
    """Last year's summary, if the request sent one: the form's ``previous`` file
    (``upload``: its name and bytes) or the ``previous`` text, named ``previous_name``.
    Read as the page is; any error names the field, as ``--previous:`` does on the
    command line."""
    if upload is None and fields.get("previous") is None:
        if "previous_name" in fields:
            raise RequestError(400, "previous_name without previous (last year's summary)")
        return None
    try:
        if upload is not None:
            if "previous" in fields:
                raise RequestError(400, "send a file or a text, not both")
            return read_upload(fields.get("previous_name") or upload[0], upload[1], max_mb)
        return _read_field(fields, "previous", "previous_name", PREVIOUS_NAME, max_mb)
    except RequestError as err:
        message = err.message if err.message.startswith("previous") else f"previous: {err.message}"
        raise RequestError(err.status, message) from None


def _read_field(fields: dict[str, Any], key: str, name_key: str, default_name: str, max_mb: float) -> Source:
    """The text in ``fields[key]``, named ``fields[name_key]``, read as an uploaded UTF-8 file."""
    text = fields[key]
    if not isinstance(text, str):
        raise RequestError(400, f"{key} must be a string, not {_kind(text)}")
    name = fields.get(name_key, default_name)
    if not isinstance(name, str) or not name.strip():
        raise RequestError(400, f"{name_key} must be a non-empty string")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise RequestError(400, f"{key} holds a lone surrogate (such as \\ud800), which is not a character") from None
    return read_upload(_basename(name), data, max_mb)


def read_upload(filename: Optional[str], data: bytes, max_mb: float) -> Source:
    """An uploaded file's bytes (a .docx, or text in any encoding the linter reads) as a
    :class:`Source` named after the file; never a path on this machine."""
    name = _basename(filename or "upload")
    try:
        return read_bytes(data, name, max_mb)
    except TooLargeError as err:
        raise RequestError(413, str(err)) from None
    except InputError as err:
        raise RequestError(400, str(err)) from None


def _basename(name: str) -> str:
    """A client's file name without its folders (either kind of slash): only a label."""
    base = os.path.basename(name.replace("\\", "/")).strip()
    return base or "upload"


def _strings(value: Any, key: str) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise RequestError(400, f"{key} must be a string or a list of strings, not {_kind(value)}")


def _choice(value: Any, key: str, choices: tuple[str, ...]) -> Optional[str]:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or value not in choices:
        raise RequestError(400, f"{key} must be one of {', '.join(choices)}, not {value!r}")
    return value


def _flag(value: Any, key: str) -> bool:
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "1", "on", "yes"):
        return True
    if isinstance(value, str) and value.lower() in ("false", "0", "off", "no"):
        return False
    raise RequestError(400, f"{key} must be true or false, not {value!r}")


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", int: "a number", float: "a number", bool: "a boolean",
            type(None): "null"}.get(type(value), type(value).__name__)
