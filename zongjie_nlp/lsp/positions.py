"""Offsets (code points into ``report.text``) as LSP positions, and back.

Our offsets count code points of the normalised text (no byte-order mark, every line end a
``\\n``); an LSP position is a line and a column counted in the units the client and server
agreed on, UTF-16 code units unless the client offered ``utf-8`` or ``utf-32``.  A character
outside the Basic Multilingual Plane (𠀀, most emoji) is one code point but two UTF-16 units,
so a column cannot be copied from ``Finding.col``.

Line numbers need no mapping: the LSP counts ``\\r\\n``, ``\\r`` and ``\\n`` each as one line
end, exactly as :func:`zongjie_nlp.source.normalise` folds them into one ``\\n``, and a line
end never falls inside a column.  Only a byte-order mark kept in the editor's text shifts
the columns of the first line, by one character.
"""

from __future__ import annotations

from bisect import bisect_right

UNIT_ENCODINGS = ("utf-16", "utf-8", "utf-32")


def units(text: str, encoding: str = "utf-16") -> int:
    """The length of ``text`` in the units of a position encoding."""
    if encoding == "utf-32" or text.isascii():
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class PositionMap:
    """Positions in one text: ``position(offset)`` → ``(line, column)`` (both from 0) and
    ``offset(line, column)`` → the offset, in the units of ``encoding``.

    ``text`` is the normalised text the offsets point into; ``bom`` says whether the editor's
    copy of it still starts with a byte-order mark (its first line is one character longer)."""

    def __init__(self, text: str, encoding: str = "utf-16", bom: bool = False) -> None:
        if encoding not in UNIT_ENCODINGS:
            raise ValueError(f"unknown position encoding {encoding!r}")
        self.text = text
        self.encoding = encoding
        self.bom = bom
        self.starts = [0]
        pos = text.find("\n")
        while pos >= 0:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self._plain: dict[int, bool] = {}  # line → every character one unit (most lines)

    def _line_end(self, line: int) -> int:
        return self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)

    def _is_plain(self, line: int) -> bool:
        plain = self._plain.get(line)
        if plain is None:
            segment = self.text[self.starts[line]:self._line_end(line)]
            plain = self._plain[line] = units(segment, self.encoding) == len(segment)
        return plain

    def position(self, offset: int) -> tuple[int, int]:
        """The LSP position of a code-point offset (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        column = offset - start if self._is_plain(line) else units(self.text[start:offset], self.encoding)
        return line, column + (1 if self.bom and line == 0 else 0)

    def offset(self, line: int, column: int) -> int:
        """The code-point offset of an LSP position; a column past the line's end (or inside a
        character's units) falls back to the line's end (or that character), as the LSP asks."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self._line_end(line)
        column -= 1 if self.bom and line == 0 else 0
        if column <= 0:
            return start
        if self._is_plain(line):
            return min(start + column, end)
        count = 0
        for index in range(start, end):
            count += units(self.text[index], self.encoding)
            if count > column:
                return index
        return end
