"""Exceptions. Every message is one line: the CLI prints ``str(err)`` and exits with status 2."""

from __future__ import annotations

__all__ = ["ZongjieError", "InputError", "TooLargeError", "RuleFileError"]


def _one_line(message: str) -> str:
    return " ".join(str(message).split()) if ("\n" in message or "\r" in message) else message


class ZongjieError(Exception):
    """Base class of the library's errors; ``str(err)`` is a single line."""

    def __init__(self, message: str = "") -> None:
        message = _one_line(str(message))
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(ZongjieError):
    """An input that cannot be read as text: missing, unreadable, empty, binary, undecodable,
    or a damaged .docx. The message names the path, e.g. ``report.txt: file is empty``.

    ``InputError(path, reason)`` builds ``"<path>: <reason>"`` (``<input>`` when path is None);
    ``InputError(message)`` takes a ready message.
    """

    def __init__(self, path_or_message: str | None, reason: str | None = None) -> None:
        if reason is None:
            self.path = None
            self.reason = _one_line(str(path_or_message))
            message = self.reason
        else:
            self.path = path_or_message
            self.reason = _one_line(str(reason))
            label = path_or_message if path_or_message is not None else "<input>"
            message = f"{label}: {self.reason}"
        super().__init__(message)


class TooLargeError(InputError):
    """An input over the size limit (``max-size-mb``; a .docx also once decompressed): an
    :class:`InputError` that the HTTP API answers with 413 instead of 400."""


class RuleFileError(ZongjieError):
    """A rule file that cannot be used (ours or a user's); the message names the file and the rule."""
