"""Write blocks as a Word document laid out per GB/T 9704-2012 (python-docx).

A4, margins 37/35/28/26 mm; body 仿宋_GB2312 三号 (16 pt), exact 28 pt line spacing, first-line
indent of two characters, justified; the title 方正小标宋简体 二号 (22 pt) centred; headings use
Word's own *Heading 1–4* styles (so the navigation pane and a table of contents work) in 黑体,
楷体_GB2312, 仿宋_GB2312 (bold) and 仿宋_GB2312; the signature and date right-aligned, the date
four characters in from the right margin; page numbers ``— 1 —`` in 宋体 四号, odd pages right,
even pages left.  The East Asian font (``w:eastAsia``) is set as well as ASCII/hAnsi.
"""

from __future__ import annotations

import re
from typing import Iterable

from .layout import Block

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONTS = {1: ("黑体", False), 2: ("楷体_GB2312", False), 3: (BODY_FONT, True), 4: (BODY_FONT, False),
                 5: (BODY_FONT, False)}
BODY_PT, TITLE_PT, LINE_PT = 16, 22, 28


# XML 1.0 holds tab, newline, carriage return and the characters from U+0020 up, less the
# surrogates and U+FFFE/U+FFFF; lxml refuses the rest with a ValueError.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` as a .docx can hold it: a vertical tab or form feed (Word's own line and page
    breaks in plain text) becomes a line break, any other character XML 1.0 cannot hold is
    dropped.  Plain-text and Markdown output keep the text as it is."""
    if not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "", text)


def build_document(blocks: Iterable[Block], title: str = ""):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = Document()
    _page_setup(document, Mm)
    _styles(document, Pt)
    _page_numbers(document, Pt, WD_ALIGN_PARAGRAPH)
    if title:
        document.core_properties.title = xml_text(title)
    # Each paragraph's style is set by its id, looked up once: python-docx's own setter scans
    # every style of the document on each call (quadratic in a long draft).  Normal is the
    # default style and is left unset, as python-docx does.
    style_ids = {name: document.styles[name].style_id for name in ("Title", *(f"Heading {n}" for n in range(1, 6)))}

    def add(text: str, style: str = ""):
        paragraph = document.add_paragraph(xml_text(text))
        if style:
            paragraph._p.style = style_ids[style]
        return paragraph

    pending_break = written = False
    for block in blocks:
        if block.kind == "break":
            pending_break = written
            continue
        if block.kind == "title":
            paragraph = add(block.text, "Title")
        elif block.kind == "heading":
            paragraph = add(block.line, f"Heading {min(block.level, 5)}")
        elif block.kind in ("signature", "date"):
            paragraph = add(block.text)
            fmt = paragraph.paragraph_format
            fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            fmt.first_line_indent = Pt(0)
            fmt.right_indent = Pt(BODY_PT * 4) if block.kind == "date" else Pt(BODY_PT * 2)
        else:
            paragraph = add(block.line)
        written = True
        if pending_break:
            paragraph.paragraph_format.page_break_before = True
            pending_break = False
    return document


def _page_setup(document, Mm) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)


def _fonts(style_or_run, name: str) -> None:
    """Set ASCII, hAnsi and East Asian fonts (Word ignores ``font.name`` for CJK text)."""
    from docx.oxml.ns import qn

    style_or_run.font.name = name
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _styles(document, Pt) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    def body_format(fmt, indent: bool = True) -> None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PT)
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.first_line_indent = Pt(BODY_PT * 2) if indent else Pt(0)

    normal = document.styles["Normal"]
    _fonts(normal, BODY_FONT)
    normal.font.size = Pt(BODY_PT)
    body_format(normal.paragraph_format)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.widow_control = True

    title = document.styles["Title"]
    _fonts(title, TITLE_FONT)
    title.font.size = Pt(TITLE_PT)
    title.font.bold = False
    title.font.color.rgb = RGBColor(0, 0, 0)
    body_format(title.paragraph_format, indent=False)
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = Pt(LINE_PT)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)  # the default template underlines Title with a blue rule

    for level, (font, bold) in HEADING_FONTS.items():
        style = document.styles[f"Heading {level}"]
        _fonts(style, font)
        style.font.size = Pt(BODY_PT)
        style.font.bold = bold
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        body_format(style.paragraph_format)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        style.paragraph_format.keep_with_next = True


def _page_numbers(document, Pt, WD_ALIGN_PARAGRAPH) -> None:
    """``— N —`` in 宋体 四号: odd pages right-aligned, even pages left-aligned."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, alignment in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph.paragraph_format.alignment = alignment
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.paragraph_format.right_indent = Pt(14) if alignment == WD_ALIGN_PARAGRAPH.RIGHT else Pt(0)
        paragraph.paragraph_format.left_indent = Pt(14) if alignment == WD_ALIGN_PARAGRAPH.LEFT else Pt(0)
        for text in ("— ", "1", " —"):
            run = paragraph.add_run(text)
            _fonts(run, "宋体")
            run.font.size = Pt(14)
            if text == "1":
                _as_page_field(run)


def _as_page_field(run) -> None:
    """Wrap ``run`` (the placeholder "1") in a ``PAGE`` field so Word shows the page number."""
    from docx.oxml.ns import qn

    r = run._r
    field = r.makeelement(qn("w:fldSimple"), {qn("w:instr"): " PAGE "})
    r.addprevious(field)
    field.append(r)
