"""Tables of an input as rows × columns of cells with offsets: Word tables (from the layout
:mod:`zongjie_nlp.docx_text` records while reading) and Markdown pipe tables in text.

The cells' text stays in ``report.text`` as lines (a Word cell's paragraphs, a pipe table's
rows), so the outline and the quantities read it as before; a table adds the structure the
table checks (:mod:`zongjie_nlp.checks.tables`) need: which cell stands in which row and column.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from .model import Table, TableCell

# A pipe-table row: starts and ends with "|" (spaces around allowed); the delimiter row under
# the header is dashes and colons only.
_PIPE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_DELIMITER_ROW = re.compile(r"^[ \t]*\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*$")
_PIPE = re.compile(r"(?<!\\)\|")


def docx_tables(layouts: Sequence[Sequence], line_starts: Sequence[int], lines: Sequence[str]) -> list[Table]:
    """Word tables from their layouts (cells by paragraph index = line index) and the lines'
    offsets; a cell's span runs from its first paragraph's start to its last one's end."""
    tables = []
    for layout in layouts:
        cells = []
        for cell in layout:
            if cell.last > cell.first:
                start = line_starts[cell.first]
                end = line_starts[cell.last - 1] + len(lines[cell.last - 1])
                text = "\n".join(lines[cell.first:cell.last])
            else:  # an empty cell: no paragraph (rare, but Word allows it)
                start = end = line_starts[cell.first] if cell.first < len(line_starts) else 0
                text = ""
            cells.append(TableCell(cell.row, cell.col, cell.row_span, cell.col_span, start, end, text))
        if cells:
            tables.append(Table(0, min(c.start for c in cells), max(c.end for c in cells), tuple(cells)))
    return tables


def pipe_tables(text: str) -> list[Table]:
    """Markdown pipe tables: a header row, a delimiter row (``|---|---|``), then body rows.
    The delimiter row is no row of the table."""
    tables = []
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    i = 0
    while i + 1 < len(lines):
        if _PIPE_ROW.match(lines[i]) and _DELIMITER_ROW.match(lines[i + 1]):
            rows = [i]
            j = i + 2
            while j < len(lines) and _PIPE_ROW.match(lines[j]):
                rows.append(j)
                j += 1
            table = _pipe_table(rows, lines, starts)
            if table is not None:
                tables.append(table)
            i = j
        else:
            i += 1
    return tables


def _pipe_table(rows: list[int], lines: list[str], starts: list[int]) -> Optional[Table]:
    cells = []
    for r, n in enumerate(rows):
        line = lines[n]
        bars = [m.start() for m in _PIPE.finditer(line)]
        for c, (left, right) in enumerate(zip(bars, bars[1:])):
            raw = line[left + 1:right]
            lead = len(raw) - len(raw.lstrip())
            content = raw.strip()
            start = starts[n] + left + 1 + lead
            cells.append(TableCell(r, c, 1, 1, start, start + len(content), content))
    if not cells:
        return None
    return Table(0, starts[rows[0]], starts[rows[-1]] + len(lines[rows[-1]]), tuple(cells))


def numbered(tables: list[Table]) -> tuple[Table, ...]:
    """The tables in text order, numbered 1, 2 … (表1, 表2)."""
    ordered = sorted(tables, key=lambda t: t.start)
    return tuple(t._replace(number=n) for n, t in enumerate(ordered, 1))
