"""Word's automatic list labels (一、 1. (1) ① 甲 …), computed from ``numbering.xml`` and the
paragraph styles the way Word computes them, so that a .docx reads as it is seen: the .docx
reader (:mod:`zongjie_nlp.source`) puts each paragraph's label in front of its text."""

from __future__ import annotations

import re

from .numerals import to_chinese, to_chinese_digits

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class WordNumbering:
    """Word's automatic list labels, computed from numbering.xml and the paragraph styles."""

    def __init__(self, document) -> None:
        self.nums: dict[str, object] = {}
        self.abstracts: dict[str, object] = {}
        self.styles: dict[str, object] = {}
        self.counters: dict[tuple[str, int], int] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is not None:
            for num in numbering.iterchildren(_W + "num"):
                self.nums[num.get(_W + "numId")] = num
            for an in numbering.iterchildren(_W + "abstractNum"):
                self.abstracts[an.get(_W + "abstractNumId")] = an
        if self.nums:
            try:
                styles = document.styles.element
            except Exception:  # pragma: no cover
                styles = None
            if styles is not None:
                for st in styles.iterchildren(_W + "style"):
                    self.styles[st.get(_W + "styleId")] = st

    # -- lookups
    @staticmethod
    def _val(el, name: str) -> str | None:
        if el is None:
            return None
        child = el.find(_W + name)
        return None if child is None else child.get(_W + "val")

    def _style_numpr(self, style_id: str | None) -> tuple[str | None, str | None, str | None]:
        """(numId, ilvl, styleId carrying it) from the style chain (basedOn)."""
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            st = self.styles.get(style_id)
            if st is None:
                break
            ppr = st.find(_W + "pPr")
            numpr = ppr.find(_W + "numPr") if ppr is not None else None
            if numpr is not None:
                return self._val(numpr, "numId"), self._val(numpr, "ilvl"), style_id
            style_id = self._val(st, "basedOn")
        return None, None, None

    def _abstract_for(self, num_id: str, depth: int = 0):
        num = self.nums.get(num_id)
        if num is None:
            return None, None
        an = self.abstracts.get(self._val(num, "abstractNumId"))
        if an is not None and depth < 3:
            link = self._val(an, "numStyleLink")
            if link:
                linked_num, _, _ = self._style_numpr(link)
                if linked_num and linked_num != num_id:
                    linked_an = self._abstract_for(linked_num, depth + 1)[1]
                    if linked_an is not None:
                        an = linked_an
        return num, an

    def _level(self, num, an, ilvl: int):
        """(lvl element, start value) with the num's lvlOverride applied."""
        lvl = None
        start_override = None
        if num is not None:
            for ov in num.iterchildren(_W + "lvlOverride"):
                if ov.get(_W + "ilvl") == str(ilvl):
                    so = self._val(ov, "startOverride")
                    if so is not None:
                        start_override = int_or(so, 0)
                    lvl = ov.find(_W + "lvl")
        if lvl is None and an is not None:
            for cand in an.iterchildren(_W + "lvl"):
                if cand.get(_W + "ilvl") == str(ilvl):
                    lvl = cand
                    break
        start = start_override
        if start is None:
            start = int_or(self._val(lvl, "start"), 0) if lvl is not None else 0
        return lvl, start

    # -- the label of one paragraph
    def label(self, p) -> str:
        if not self.nums:
            return ""
        ppr = p.find(_W + "pPr")
        numpr = ppr.find(_W + "numPr") if ppr is not None else None
        num_id = ilvl_s = None
        style_id = self._val(ppr, "pStyle") if ppr is not None else None
        if numpr is not None:
            num_id = self._val(numpr, "numId")
            ilvl_s = self._val(numpr, "ilvl")
        carrier = None
        if num_id is None or ilvl_s is None:
            s_num, s_ilvl, carrier = self._style_numpr(style_id)
            if num_id is None:
                num_id = s_num
            if ilvl_s is None:
                ilvl_s = s_ilvl
        if not num_id or num_id == "0":
            return ""
        num, an = self._abstract_for(num_id)
        if num is None or an is None:
            return ""
        if ilvl_s is None:
            # A style-numbered paragraph: the level is the one that names the style.
            ilvl = 0
            if carrier:
                for cand in an.iterchildren(_W + "lvl"):
                    if self._val(cand, "pStyle") == carrier:
                        ilvl = int_or(cand.get(_W + "ilvl"), 0)
                        break
        else:
            ilvl = int_or(ilvl_s, 0)
        ilvl = max(0, min(ilvl, 8))

        lvl, start = self._level(num, an, ilvl)
        if lvl is None:
            return ""
        key = (num_id, ilvl)
        self.counters[key] = self.counters[key] + 1 if key in self.counters else start
        for deeper in range(ilvl + 1, 9):
            self.counters.pop((num_id, deeper), None)

        fmt = self._val(lvl, "numFmt") or "decimal"
        if fmt == "bullet":
            return ""  # bullets are not numbers; their glyphs are often private-use symbols
        text = self._val(lvl, "lvlText")
        if text is None:
            text = f"%{ilvl + 1}."
        is_lgl = lvl.find(_W + "isLgl") is not None

        def repl(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            if k > ilvl:
                return ""
            if k == ilvl:
                value, f = self.counters[key], fmt
            else:
                klvl, kstart = self._level(num, an, k)
                value = self.counters.get((num_id, k), kstart)
                f = (self._val(klvl, "numFmt") if klvl is not None else None) or "decimal"
            if is_lgl and k != ilvl:
                f = "decimal"
            return format_number(value, f)

        label = re.sub(r"%([1-9])", repl, text)
        if not label:
            return ""
        suff = self._val(lvl, "suff") or "tab"
        if suff != "nothing" and (label[-1] == "." or label[-1].isascii() and label[-1].isalnum()):
            label += " "  # keeps "1." + "5萬元" from reading as 1.5萬元
        return label


def int_or(s: str | None, default: int) -> int:
    """An integer attribute of the XML, or ``default`` when it is missing or not a number."""
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default


# -- number formats ----------------------------------------------------------------------------

_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _counting(n: int, legal: str | None = None) -> str:
    """Word's Chinese counting formats: 十一, 一百零一, 壹拾贰; 0 alone is 〇 in the counting
    form and 零 in the legal ones.  A negative counter, or one of 亿 or more, is written in digits."""
    if not 0 <= n < 10**8:
        return str(n)
    return to_chinese(n, legal=legal) if legal else to_chinese(n, zero="〇")


def _ideograph_digits(n: int) -> str:
    return to_chinese_digits(n) if n >= 0 else str(n)


def _letters(n: int, upper: bool) -> str:
    if n <= 0:
        return str(n)
    letter = chr((ord("A") if upper else ord("a")) + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for v, s in vals:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _enclosed(n: int, table: list[tuple[int, int, int]]) -> str:
    for lo, hi, base in table:
        if lo <= n <= hi:
            return chr(base + n - lo)
    return str(n)


def format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in Word's ``w:numFmt`` ``fmt`` (unknown formats: decimal)."""
    if fmt in ("decimal", "decimalHalfWidth", "arabicAbjad", "hindiNumbers"):
        return str(n)
    if fmt == "none":
        return ""
    if fmt == "decimalZero":
        return f"{n:02d}" if 0 <= n < 10 else str(n)
    if fmt in ("chineseCounting", "taiwaneseCounting", "japaneseCounting"):
        return _counting(n) if 0 <= n < 100 else _ideograph_digits(n)
    if fmt in ("chineseCountingThousand", "taiwaneseCountingThousand", "japaneseCountingThousand"):
        return _counting(n)
    if fmt == "chineseLegalSimplified":
        return _counting(n, "simplified")
    if fmt in ("ideographLegalTraditional", "japaneseLegal"):
        return _counting(n, "traditional")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return _ideograph_digits(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _enclosed(n, [(1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1)])
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, [(1, 20, 0x2474)])
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, [(1, 20, 0x2488)])
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in str(n))
    if fmt == "upperLetter":
        return _letters(n, True)
    if fmt == "lowerLetter":
        return _letters(n, False)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return str(n)
