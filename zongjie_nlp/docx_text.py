"""The text of a Word document as the linter reads it: paragraphs in reading order, the
headings Word marks without a number, and tables as rows × columns of cells.

Reading order is the body's: paragraphs, then each table's cells row by row (a cell's
paragraphs in turn), content controls and smart tags opened.  A paragraph's text is its runs
(``w:r``, inside hyperlinks too) with tracked insertions (``w:ins``) in and tracked deletions
(``w:del``) out: the document as it reads once its pending changes are accepted, which is
what an editor submits.  The annotator (:mod:`zongjie_nlp.formats.docx_runs`) walks the same
way, so its offsets agree with the text linted.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple, Optional

from .docx_numbering import _W, WordNumbering, int_or

TEXT_TAGS = {_W + t for t in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab")}
HEADING_STYLE_NAME = re.compile(r"^(?:heading|标题|標題)\s*[1-9]$", re.IGNORECASE)
BOLD_HEADING_MAX = 40  # an all-bold paragraph longer than this is emphasis, not a heading


class CellLayout(NamedTuple):
    """Where one cell of a Word table stands: its grid position and span, and which of the
    document's paragraphs (by reading-order index) hold its text."""

    row: int
    col: int
    row_span: int
    col_span: int
    first: int  # index of its first paragraph
    last: int  # index past its last paragraph


def runs(p) -> list:
    """The ``w:r`` elements that hold a paragraph's text, in order: direct, inside hyperlinks,
    inside tracked insertions (and hyperlinks within those)."""
    found = []
    for child in p.iterchildren(_W + "r", _W + "hyperlink", _W + "ins"):
        if child.tag == _W + "r":
            found.append(child)
        else:
            for inner in child.iterchildren(_W + "r", _W + "hyperlink"):
                found.extend([inner] if inner.tag == _W + "r" else inner.iterchildren(_W + "r"))
    return found


def item_text(el) -> str:
    """Text of one run child, as python-docx's ``CT_R.text`` renders it."""
    tag = el.tag
    if tag == _W + "t":
        return el.text or ""
    if tag in (_W + "tab", _W + "ptab"):
        return "\t"
    if tag == _W + "cr":
        return "\n"
    if tag == _W + "noBreakHyphen":
        return "-"
    if tag == _W + "br":
        kind = el.get(_W + "type")
        return "\n" if kind in (None, "textWrapping") else ""
    return ""


def run_text(r) -> str:
    return "".join(item_text(el) for el in r.iterchildren() if el.tag in TEXT_TAGS)


def paragraph_text(p) -> str:
    return "".join(run_text(r) for r in runs(p))


def iter_docx_paragraphs(document, tables: Optional[list] = None) -> Iterator[tuple[object, str, str]]:
    """``(paragraph element, list label, text)`` in reading order.  ``label`` is Word's
    automatic list number when the text does not already start with it, else "".

    With ``tables`` (a list), the layout of every table met is appended to it, in reading
    order (an inner table after its outer one): a list of :class:`CellLayout`."""
    numbering = WordNumbering(document)
    count = 0

    def walk(container):
        nonlocal count
        for child in container:
            tag = child.tag
            if tag == _W + "p":
                text = paragraph_text(child)
                label = numbering.label(child)
                if not label or text.lstrip().startswith(label.rstrip()):
                    label = ""
                count += 1
                yield child, label, text
            elif tag == _W + "tbl":
                layout: list[CellLayout] = []
                if tables is not None:
                    tables.append(layout)
                for row, col, row_span, col_span, tc in _grid(child):
                    first = count
                    yield from walk(tc)
                    layout.append(CellLayout(row, col, row_span, col_span, first, count))
            elif tag in (_W + "sdt", _W + "customXml", _W + "ins", _W + "smartTag"):
                content = child.find(_W + "sdtContent")
                yield from walk(content if content is not None else child)

    yield from walk(document.element.body)


def _grid(tbl) -> Iterator[tuple[int, int, int, int, object]]:
    """``(row, column, rows spanned, columns spanned, w:tc)`` of each cell that starts a merge
    (or stands alone), in reading order; 0-based grid positions.  A cell that continues a
    vertical merge (``w:vMerge`` without ``restart``) holds no text of its own: the cell above
    it spans its row."""
    open_merges: dict[int, list] = {}  # grid column → [row, col, rows, cols, tc] of the merge above
    pending: list[list] = []
    for row, tr in enumerate(tbl.iterchildren(_W + "tr")):
        col = 0
        grid_before = tr.find(f"{_W}trPr/{_W}gridBefore")
        if grid_before is not None:
            col = int_or(grid_before.get(_W + "val"), 0)
        for tc in tr.iterchildren(_W + "tc"):
            props = tc.find(_W + "tcPr")
            span = int_or(_val(props, "gridSpan"), 1) if props is not None else 1
            merge = props.find(_W + "vMerge") if props is not None else None
            if merge is not None and merge.get(_W + "val") != "restart" and col in open_merges:
                open_merges[col][2] += 1
            else:
                cell = [row, col, 1, max(span, 1), tc]
                pending.append(cell)
                if merge is not None:
                    open_merges[col] = cell
                else:
                    open_merges.pop(col, None)
            col += max(span, 1)
    for row, col, rows, cols, tc in pending:
        yield row, col, rows, cols, tc


def _val(props, name: str) -> Optional[str]:
    el = props.find(_W + name)
    return el.get(_W + "val") if el is not None else None


def lines_headings_and_tables(document) -> tuple[list[str], dict[int, str], list[list[CellLayout]]]:
    """The text lines; the lines Word marks as headings without a list number (a Heading style
    or an outline level: ``docx-style``; a short paragraph in bold throughout: ``bold``); the
    layout of every table (cells by paragraph index, which is also the line index)."""
    heading_styles, bold_styles = _styles_marking_headings(document)
    lines: list[str] = []
    headings: dict[int, str] = {}
    tables: list[list[CellLayout]] = []
    for element, label, text in iter_docx_paragraphs(document, tables):
        if not label and text.strip():
            ppr = element.find(_W + "pPr")
            style_id = WordNumbering._val(ppr, "pStyle") if ppr is not None else None
            level = ppr.find(_W + "outlineLvl") if ppr is not None else None
            if style_id in heading_styles or (level is not None and int_or(level.get(_W + "val"), 9) < 9):
                headings[len(lines)] = "docx-style"
            elif len(text.strip()) <= BOLD_HEADING_MAX and text.strip()[-1] not in "。；;，," \
                    and _all_bold(element, style_id in bold_styles):
                headings[len(lines)] = "bold"
        lines.append(label + text)
    return lines, headings, tables


def _styles_marking_headings(document) -> tuple[set[str], set[str]]:
    """Ids of paragraph styles that are headings (by name or outline level) and of bold ones."""
    headings, bold = set(), set()
    for style in document.styles.element.iterchildren(_W + "style"):
        style_id = style.get(_W + "styleId")
        name = style.find(_W + "name")
        name = name.get(_W + "val", "") if name is not None else ""
        ppr = style.find(_W + "pPr")
        level = ppr.find(_W + "outlineLvl") if ppr is not None else None
        if HEADING_STYLE_NAME.match(name) or (level is not None and int_or(level.get(_W + "val"), 9) < 9):
            headings.add(style_id)
        rpr = style.find(_W + "rPr")
        if rpr is not None and _is_on(rpr.find(_W + "b")):
            bold.add(style_id)
    return headings, bold


def _all_bold(paragraph, style_bold: bool) -> bool:
    texts = [r for r in runs(paragraph) if run_text(r).strip()]
    if not texts:
        return False
    for run in texts:
        rpr = run.find(_W + "rPr")
        b = rpr.find(_W + "b") if rpr is not None else None
        if not (_is_on(b) if b is not None else style_bold):
            return False
    return True


def _is_on(element) -> bool:
    """A w:b (or other toggle) element that is present and not switched off."""
    return element is not None and element.get(_W + "val", "true") not in ("0", "false", "off")
