"""The laid-out draft: a list of blocks, written as plain text, Markdown or .docx.

Both ``draft`` (from a spec) and ``rebuild`` (from an existing summary) produce blocks, so
the three output formats are written by one piece of code each.

Layout (GB/T 9704-2012 §7.3.3):

* the title on the first line;
* every numbered heading on a line of its own, its marker from the level:
  ``一、`` → ``（一）`` → ``1.`` (no space after the point) → ``（1）``, and no punctuation at the end;
  the heading's text follows as separate paragraph(s) (never run in);
* one paragraph per line, a blank line between paragraphs (plain text and Markdown);
* the signature last: organization (and name), then the date ``2025年12月31日``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..numerals import to_chinese

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def marker(level: int, number: int) -> str:
    """The GB/T 9704 marker of the ``number``-th point at ``level`` (1-based)."""
    if level == 1:
        return f"{to_chinese(number)}、"
    if level == 2:
        return f"（{to_chinese(number)}）"
    if level == 3:
        return f"{number}."
    if level == 4:
        return f"（{number}）"
    return CIRCLED[number - 1] if number <= len(CIRCLED) else f"（{number}）"


@dataclass
class Block:
    """``kind``: title | heading | item | paragraph | signature | date | break.

    ``item`` is a numbered line that is body text (a list entry ending in ；or 。), kept
    from an original by ``rebuild``; ``heading`` has ``level`` 1-4 (5 = ①, rebuild only)."""

    kind: str
    text: str
    level: int = 0
    marker: str = ""

    @property
    def line(self) -> str:
        return f"{self.marker}{self.text}"


# OpenCC configuration per ``script`` value of a spec.  ``traditional`` uses the Taiwan character
# forms (為, 裡, 群眾: what most traditional-script pages, the seed among them, use) with the
# mainland word forms of the same characters (了解, not 瞭解).
SCRIPT_CONFIGS = {"simplified": "t2s", "traditional": "s2tw", "traditional-tw": "s2tw",
                  "traditional-hk": "s2hk", "traditional-opencc": "s2t"}
# Phrase-dictionary slips of OpenCC: 做好困难 is segmented as 做|好困|难 and gives 睏難;
# 折合 (to convert an amount) is written 折合 in traditional script too, not 摺合.
OPENCC_SLIPS = {"睏難": "困難", "摺合": "折合"}
MAINLAND_FORMS = {"瞭解": "了解"}


def convert_text(text: str, script: str) -> str:
    """``text`` in ``script`` (a spec's ``script`` value) via OpenCC, with the fixes above."""
    if not text:
        return text
    if script == "simplified":
        from ..script import to_simplified

        return to_simplified(text)
    from ..script import detect_script, to_traditional, trad_simp_chars

    config = SCRIPT_CONFIGS[script]
    if detect_script(text) == "traditional":
        # Text the writer gave in traditional script is kept as written (OpenCC's s2t
        # dictionaries are made for simplified input and can change traditional text); only
        # its simplified-only characters (a figure's 场, 万) are converted, one by one.
        chars = list(text)
        for i in trad_simp_chars(text)[1]:
            chars[i] = to_traditional(chars[i], config)
        out = "".join(chars)
    else:
        out = to_traditional(text, config)
    fixes = {**OPENCC_SLIPS, **(MAINLAND_FORMS if script in ("traditional", "traditional-hk") else {})}
    for wrong, right in fixes.items():
        out = out.replace(wrong, right)
    return out


def convert(blocks: Iterable[Block], script: str) -> list[Block]:
    """The blocks in the requested script (headings, figures and signature too)."""
    return [Block(b.kind, convert_text(b.text, script), b.level, b.marker) for b in blocks]


def to_text(blocks: Iterable[Block]) -> str:
    """Plain text: one paragraph per line, blank lines between, a final newline."""
    out: list[str] = []
    for block in blocks:
        if block.kind == "break":
            if out:
                out.append("")
            continue
        out.append(block.line)
    return "\n\n".join(out).replace("\n\n\n\n", "\n\n\n") + "\n"


def to_markdown(blocks: Iterable[Block]) -> str:
    """Markdown: ``#`` title, ``##`` level 1 … ``#####`` level 4, Chinese markers kept in the
    headings; the signature as right-aligned HTML paragraphs (Markdown has no alignment)."""
    out: list[str] = []
    for block in blocks:
        if block.kind == "title":
            out.append(f"# {block.text}")
        elif block.kind == "heading":
            out.append(f"{'#' * min(block.level + 1, 6)} {block.line}")
        elif block.kind in ("signature", "date"):
            out.append(f'<p align="right">{_html(block.text)}</p>')
        elif block.kind == "break":
            if out:
                out.append("---")
        else:
            out.append(_md_escape(block.line))
    return "\n\n".join(out) + "\n"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _md_escape(line: str) -> str:
    """Keep a paragraph from being read as Markdown syntax (a leading ``1.`` list, ``#``, ``>``…)."""
    import re

    if re.match(r"[0-9]+[.)]", line):
        return re.sub(r"^([0-9]+)([.)])", r"\1\\\2", line)
    if line[:1] in "#>-+*=|":
        return "\\" + line
    return line
