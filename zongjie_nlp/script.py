"""Simplified / traditional script: detection, a char-aligned simplified view, width folding.

Rules are written once, against simplified text. :func:`simplified_view` gives a string of the
same length as the input in which each character is the simplified form of the character at the
same index, so a match found in the view has exactly the offsets of the original text.

OpenCC (the ``opencc`` package) does the conversion; converters are created lazily, once.
``t2s`` (not ``tw2sp``) is used because it converts characters in place: its only phrase
conversions map a phrase to one of the same length (瞭解→了解). That is still verified on every
call, with a line-by-line and then a character-by-character fallback.
"""

from __future__ import annotations

import codecs
import itertools
import operator
import re
import threading
from functools import lru_cache
from typing import Callable, Iterator, Optional

from .cache import compile_re, compile_regex

__all__ = [
    "detect_script",
    "simplified_view",
    "to_simplified",
    "to_traditional",
    "fold_width",
    "fold_digits",
    "fold_figures",
    "width_folder",
    "trad_simp_chars",
    "ScriptMarks",
    "is_cjk",
]

# CJK ideographs: Ext A, the Unified block, Compatibility Ideographs, and the supplementary planes
# (Ext B-H and the Compatibility Supplement). OpenCC only ever changes characters in these ranges.
_CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
# By ``regex`` through the start-up cache: compiling this class with the stdlib walks every
# code point of its ranges (as much as 3 ms of a cold start for each such pattern).
_CJK_RE = compile_regex(f"[{_CJK_RANGES}]")
# Split into alternating (non-CJK run, CJK run, non-CJK run, ...); the capturing group keeps the
# CJK runs at the odd indices.
_CJK_RUNS = f"([{_CJK_RANGES}]+)"


def _split_cjk_runs(text: str) -> list[str]:
    """``text`` split into alternating non-CJK and CJK runs (the CJK runs at the odd indices),
    by the stdlib engine: about twice as fast at this as ``regex``, and its compiled pattern
    comes from the start-up cache."""
    return compile_re(_CJK_RUNS).split(text)


def is_cjk(ch: str) -> bool:
    """True if ``ch`` (one character) is a CJK ideograph (Unified, Ext A-H or Compatibility)."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3FFFF
    )


# (From the start-up cache: the stdlib compiles a class reaching past the BMP code point by code point.)
_COMPAT_RE = compile_regex("[\uF900-\uFAFF\U0002F800-\U0002FA1F]")


def _is_compat(ch: str) -> bool:
    o = ord(ch)
    return 0xF900 <= o <= 0xFAFF or 0x2F800 <= o <= 0x2FA1F


# --------------------------------------------------------------------------- converters

_converters: dict = {}
_lock = threading.Lock()


def _converter(config: str):
    conv = _converters.get(config)
    if conv is None:
        with _lock:
            conv = _converters.get(config)
            if conv is None:
                import opencc

                chain = _CHAR_CHAINS.get(config)
                conv = _make_st_characters(*chain) if chain else None
                if conv is None:
                    conv = opencc.OpenCC("s2t" if config == _ST_CHARS else "s2tw" if config == _ST_TW_CHARS else config)
                _converters[config] = conv
    return conv


_ST_CHARS = "st-characters"
_ST_TW_CHARS = "st-tw-characters"
# Character-level conversion chains: a few ms to load, where full configs with phrase
# dictionaries cost ~90 ms (too much for the CLI's cold start).
_CHAR_CHAINS = {_ST_CHARS: ("STCharacters.ocd2",), _ST_TW_CHARS: ("STCharacters.ocd2", "TWVariants.ocd2")}


def _make_st_characters(*dictionaries: str):
    """A converter with only OpenCC's STCharacters dictionary (character-level s2t).

    Building ``s2t`` costs ~90 ms (its phrase dictionary); the character table alone ~2 ms.
    OpenCC only reads configurations from files, so a two-line JSON config naming the installed
    dictionaries by absolute path is kept in the cache folder (written by the first run; with
    caching off, a temporary file removed once loaded).  Returns None (the caller then uses
    ``s2t``, equivalent for single characters) on any failure.
    """
    import os

    import opencc

    path, temporary = None, False
    try:
        share = os.path.join(os.path.dirname(opencc.__file__), "clib", "share", "opencc")
        files = [os.path.join(share, name) for name in dictionaries or ("STCharacters.ocd2",)]
        if not all(os.path.isfile(f) for f in files):
            return None
        path, temporary = _opencc_config(files)
        conv = opencc.OpenCC(path)
        return conv if conv.convert("们") == "們" else None
    except Exception:
        return None
    finally:
        if temporary:
            try:
                os.unlink(path)
            except OSError:
                pass


def _opencc_config_text(files: list[str]) -> str:
    """The configuration as JSON (written by hand: importing json would cost more than this)."""
    chain = ", ".join('{"dict": {"type": "ocd2", "file": "%s"}}' % f.replace("\\", "\\\\").replace('"', '\\"')
                      for f in files)
    return '{"name": "character-level s2t", "conversion_chain": [%s]}' % chain


def _opencc_config(files: list[str]) -> tuple[str, bool]:
    """The path of an OpenCC configuration chaining the dictionary ``files``, and whether it is
    a temporary file.  It is kept in the cache folder, named by what it holds, so later runs
    load it without writing anything (or importing tempfile)."""
    import os
    import zlib

    from .cache import cache_folder

    folder = cache_folder()
    text = _opencc_config_text(files)
    if folder is not None:
        path = os.path.join(folder, "opencc-{:08x}.json".format(zlib.crc32(text.encode("utf-8"))))
        if os.path.isfile(path):
            return path, False
        try:
            from .atomic import write_atomically

            os.makedirs(folder, exist_ok=True)
            write_atomically(path, text.encode("utf-8"))
            return path, False
        except OSError:
            pass  # an unwritable cache folder: a temporary file, as with caching off
    import tempfile

    fd, path = tempfile.mkstemp(prefix="zongjie-opencc-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path, True


def _convert(config: str, text: str) -> str:
    """Convert with OpenCC, tolerating lone surrogates (which cannot be encoded as UTF-8)."""
    conv = _converter(config)
    try:
        return conv.convert(text)
    except UnicodeEncodeError:
        parts = re.split("([\ud800-\udfff]+)", text)
        # odd indices are surrogate runs: keep them as they are
        return "".join(p if i % 2 else (conv.convert(p) if p else p) for i, p in enumerate(parts))


def to_traditional_chars(text: str) -> str:
    """Character-level simplified → traditional with Taiwan variants (為, 裡): for our own
    short messages, where phrase conversion is not worth ~90 ms of start-up."""
    return _convert(_ST_TW_CHARS, text)


def to_simplified(text: str) -> str:
    """Plain OpenCC ``t2s`` (for drafting; the length may change with other OpenCC versions)."""
    return _convert("t2s", text)


def to_traditional(text: str, variant: str = "s2t") -> str:
    """OpenCC ``s2t`` by default (for drafting); ``variant="s2tw"`` gives the Taiwan forms
    (為, 裡) that most traditional-script web pages, the seed among them, use."""
    return _convert(variant, text)


# --------------------------------------------------------------------------- simplified view


# The characters other than CJK ideographs that Chinese text is mostly made of: ASCII and the
# common full-width and CJK punctuation, 256 in all, each a byte of its own in the skeleton of
# a text (see _same_skeleton).  Which ones are listed changes only how fast a text is checked.
_SKELETON_CHARS = "".join(map(chr, range(128))) + (
    "\u3000、。〃〄々〆〇〈〉《》「」『』【】〒〓〔〕〖〗〝〞"
    "–—―‘’“”…‰·•′″※"
    + "".join(map(chr, range(0xFF01, 0xFF21)))  # ！＂＃ … ０-９ … ？＠
    + "［＼］＾＿｀｛｜｝～"
    "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
    "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
    "×÷±°℃−∶≥≤→○●■□"
)
_SKELETON_MAP = codecs.charmap_build(_SKELETON_CHARS)
# A character with no byte of its own in the skeleton that is no CJK ideograph either.
_OFF_SKELETON = f"[^{_CJK_RANGES}{re.escape(_SKELETON_CHARS)}]"


def _skeleton(text: str) -> bytes:
    """``text`` a byte per character: its own for the characters of :data:`_SKELETON_CHARS`,
    ``?`` for every other (an encoder with the "replace" error handler, in C)."""
    return codecs.charmap_encode(text, "replace", _SKELETON_MAP)[0]


def _same_skeleton(orig: str, conv: str) -> bool:
    """:func:`_aligned` of two texts of equal length made of CJK ideographs and the characters
    of :data:`_SKELETON_CHARS` only.  Equal skeletons hold, at each index, the same character
    of the table in both texts, or in each an ideograph or a ``?`` (both written ``?``).  When
    the texts also hold their ``?`` at the same offsets, every other ``?`` byte stands for an
    ideograph in both: exactly what :func:`_aligned` asks."""
    if _skeleton(orig) != _skeleton(conv):
        return False
    return [m.start() for m in re.finditer(r"\?", orig)] == [m.start() for m in re.finditer(r"\?", conv)]


def _aligned(orig: str, conv: str) -> bool:
    """True if ``conv`` has the length of ``orig``, equal non-CJK text at equal offsets, and CJK
    runs of equal length at equal offsets (so every changed index is a CJK character).

    Read from the texts' skeletons when both are made of CJK and the skeleton's characters, as
    most are (an encoder reads them in C); else from their CJK runs, which costs a string per
    run (most of the time of a traditional page's view)."""
    if len(orig) != len(conv):
        return False
    if orig == conv:
        return True
    off_skeleton = compile_re(_OFF_SKELETON)
    if off_skeleton.search(orig) is None and off_skeleton.search(conv) is None:
        return _same_skeleton(orig, conv)
    return _aligned_runs(orig, conv)


def _aligned_runs(orig: str, conv: str) -> bool:
    """:func:`_aligned` of two texts of equal length, read from their CJK runs."""
    a = _split_cjk_runs(orig)
    b = _split_cjk_runs(conv)
    if len(a) != len(b) or a[0::2] != b[0::2]:
        return False
    return list(map(len, a[1::2])) == list(map(len, b[1::2]))


def _convert_chars(config: str, text: str) -> str:
    """Character by character; a character whose conversion is not exactly one character is kept."""
    out = []
    conv = _converter(config)
    for ch in text:
        if not is_cjk(ch):
            out.append(ch)
            continue
        try:
            c = conv.convert(ch)
        except UnicodeEncodeError:  # pragma: no cover - CJK chars are never surrogates
            c = ch
        out.append(c if len(c) == 1 else ch)
    return "".join(out)


CHUNK = 1 << 16  # characters converted at a time (cut at a line end): bounds the memory of a view


def _aligned_convert(config: str, text: str) -> str:
    """``text`` converted, index for index, in chunks of whole lines: the alignment check splits
    a chunk into runs, about 45 bytes per character at its peak, which on a 20 MB page was most
    of the process's memory.  No phrase spans a line end, so chunks convert as the whole would."""
    if len(text) <= CHUNK:
        return _aligned_chunk(config, text)
    out, start = [], 0
    while start < len(text):
        cut = text.find("\n", start + CHUNK)
        end = len(text) if cut < 0 else cut + 1
        out.append(_aligned_chunk(config, text[start:end]))
        start = end
    return "".join(out)


def _aligned_chunk(config: str, text: str) -> str:
    conv = _convert(config, text)
    if _aligned(text, conv):
        return conv
    # Fallback: line by line, then character by character for a line that still misaligns.
    out = []
    for line in text.split("\n"):
        c = _convert(config, line)
        if not _aligned(line, c):
            c = _convert_chars(config, line)
        out.append(c)
    return "\n".join(out)


def simplified_view(text: str) -> str:
    """``text`` with each character replaced by its simplified form, index for index.

    ``len(simplified_view(t)) == len(t)``, and ``simplified_view(t)[i] != t[i]`` only where
    ``t[i]`` is a CJK ideograph. Phrase context is used where it keeps the length (瞭解→了解).
    """
    if not text:
        return text
    return _cached_view(text)


@lru_cache(maxsize=2)
def _cached_view(text: str) -> str:
    """The view of the last two texts.  The drafter detects the script of a text, then lists
    its characters: the second call is a hit.  Keyed by the text itself (a str caches its
    hash), so an equal text hits, not only the same object; two entries bound what it keeps
    alive.  A text that is already simplified is its own view (one string in memory, not two
    equal ones: 14 MB on a 20 MB page)."""
    view = _aligned_convert("t2s", text)
    return text if view == text else view


# --------------------------------------------------------------------------- width folding
# One mapping (a full-width form is its ASCII character shifted by U+FEE0), folded with a regex
# over the characters to fold rather than ``str.translate``: in running text they are rare, and
# ``re.sub`` skips the rest in C (1 MB of corpus text: 2-4 ms, against 30-40 ms for ``translate``,
# which looks every character up in its table).

_FULLWIDTH_SHIFT = 0xFEE0
FULLWIDTH_DIGITS = "０１２３４５６７８９"


def _fullwidth_class(chars: str) -> re.Pattern:
    if any(not 0xFF01 <= ord(c) <= 0xFF5E for c in chars):
        raise ValueError("only full-width ASCII forms (U+FF01-FF5E) fold to ASCII")
    return re.compile("[" + re.escape(chars) + "]")


_ANY_FORM = re.compile("[\uff01-\uff5e]")  # every full-width ASCII form (a range: the stdlib compiles it at once)


def _half_width(m: re.Match) -> str:
    return chr(ord(m.group()) - _FULLWIDTH_SHIFT)


_DIGIT = _fullwidth_class(FULLWIDTH_DIGITS)
_FIGURE = _fullwidth_class(FULLWIDTH_DIGITS + "％．")


def fold_width(text: str) -> str:
    """Full-width ASCII forms (U+FF01-FF5E: ０-９ Ａ-Ｚ ａ-ｚ （）．，％ …) → ASCII. Same length.

    The ideographic space U+3000 and CJK punctuation such as 。、「」 are left alone.
    """
    return _ANY_FORM.sub(_half_width, text)


def fold_digits(text: str) -> str:
    """Full-width digits ０-９ → 0-9 and nothing else (a marker's number, a run of digits)."""
    return _DIGIT.sub(_half_width, text)


def fold_figures(text: str) -> str:
    """The characters of a written figure, ０-９ ％ ．, → ASCII: figures are matched and read on
    this.  A full-width comma stays: in Chinese text it is a clause mark far more often than a
    thousands separator."""
    return _FIGURE.sub(_half_width, text)


def width_folder(chars: str) -> Callable[[str], str]:
    """A folder for the full-width forms in ``chars`` only, for a caller that must leave the
    others as written (the drafter folds ％ but keeps a full-width ． that ends a sentence)."""
    pattern = _fullwidth_class(chars)
    return lambda text: pattern.sub(_half_width, text)


# --------------------------------------------------------------------------- script detection

# Characters OpenCC's s2t changes although they are also correct traditional characters in
# common use (STCharacters lists the character among its own traditional forms): 公里/里長, 皇后,
# 干擾, 范 (surname), 征服, 准許, 岩石, 游泳, 風采 … They are not evidence of simplified script.
# Characters that s2tw or s2hk keep (群, 台, 着 …) are excluded separately, by conversion.
# Ambiguous characters deliberately NOT listed here (万 丰 价 党 厂 叶 广 据 极 种 胜 适 确 愿 …)
# are, in running traditional text, almost always simplified forms (萬 豐 價 黨 廠 …).
_VALID_IN_TRADITIONAL = frozenset(
    "㐹丑于云亘仆伙余准几凶划占厘吁后咨咸夸尸岩岳干征挂斗朴杰涂涌游熏筑范辟郁采里雇"
    "台系着"
)

_simp_only_cache: dict[str, bool] = {}
# One bool per CJK character seen.  Running text uses a few thousand characters; a text of rare
# ideographs could bring the whole CJK repertoire (~160,000 code points).  A call that would take
# the cache past this many entries empties it first (one text may still fill it with its own).
SIMP_ONLY_CACHE_LIMIT = 30_000


def _classify_simp_only(chars) -> None:
    """Fill the cache for CJK ``chars``: True if the character exists only in simplified form,
    i.e. its character-level s2t form differs, and so do the Taiwan and Hong Kong variants of
    that form (群→羣, but Taiwan writes 群), and it is not in ``_VALID_IN_TRADITIONAL``."""
    new = [c for c in chars if c not in _simp_only_cache]
    if not new:
        return
    if len(_simp_only_cache) + len(new) > SIMP_ONLY_CACHE_LIMIT:
        _simp_only_cache.clear()
        new = list(chars)  # the caller reads every one of ``chars`` back from the cache
    joined = "\n".join(new)
    trad = _convert(_ST_CHARS, joined)
    results = [trad, _convert("t2tw", trad), _convert("t2hk", trad)]
    split = [r.split("\n") for r in results]
    if any(len(r) != len(new) for r in split):  # pragma: no cover - OpenCC never changes "\n"
        split = []
        for config in (_ST_CHARS, "t2tw", "t2hk"):
            split.append([_convert(config, c if config == _ST_CHARS else _convert(_ST_CHARS, c))
                          for c in new])
    for i, c in enumerate(new):
        _simp_only_cache[c] = c not in _VALID_IN_TRADITIONAL and all(r[i] != c for r in split)


def trad_simp_chars(text: str, view: str | None = None) -> tuple[list[int], list[int]]:
    """Offsets of traditional-only and of simplified-only characters in ``text``.

    Traditional-only: the simplified view (OpenCC ``t2s`` with phrase context) changes the
    character, so 乾 in 乾隆 or 瞭 in 瞭望 (valid simplified) are not counted, 瞭 in 瞭解 is.
    Compatibility ideographs, which OpenCC only normalises, are not counted.

    Simplified-only: OpenCC's ``s2t``, ``s2tw`` and ``s2hk`` all change the character on its own,
    and it is not a character also in common traditional use (里 后 干 范 征 …, see
    ``_VALID_IN_TRADITIONAL``). Variants that only OpenCC's own standard prefers (群→羣, 台→臺,
    核→覈) therefore do not count.

    ``view`` may pass an already computed ``simplified_view(text)``.
    """
    if not text:
        return [], []
    if view is None:
        view = simplified_view(text)
    trad: list[int] = []
    if view != text:
        # map/compress keep the per-character comparison in C (a generator is ~10x slower).
        trad = list(itertools.compress(range(len(text)), map(operator.ne, text, view)))
        if _COMPAT_RE.search(text):
            trad = [i for i in trad if not _is_compat(text[i])]

    cjk_chars = [c for c in set(text) if is_cjk(c)]
    _classify_simp_only(cjk_chars)
    simp_set = [c for c in cjk_chars if _simp_only_cache[c]]
    if simp_set:
        pat = re.compile("[" + "".join(re.escape(c) for c in simp_set) + "]")
        simp = [m.start() for m in pat.finditer(text)]
    else:
        simp = []
    return trad, simp


class ScriptMarks:
    """Traditional-only and simplified-only characters of one page, counted or listed span by
    span (as :func:`trad_simp_chars` defines them).  A check that compares the two scripts of
    each document needs the counts of both but the offsets of the rarer only: on a traditional
    page, listing every traditional-only character cost more than the rest of the check.
    Spans are read :data:`CHUNK` characters at a time: a long report's body is one span, and
    slicing or listing it whole held a copy of the report at once."""

    def __init__(self, text: str, view: str, bounds: tuple[int, int] | None = None) -> None:
        """``bounds``: only spans inside ``text[bounds[0]:bounds[1]]`` will be asked about (a
        segment of a long page), so only its characters are read: a worker checking some of a
        page's segments does not read the whole page."""
        self.text, self.view = text, view
        lo, hi = bounds or (0, len(text))
        self.converted = view != text  # else no character is traditional-only
        self.has_compat = _COMPAT_RE.search(text, lo, hi) is not None
        cjk_chars = [c for c in set(text[lo:hi]) if is_cjk(c)]
        _classify_simp_only(cjk_chars)
        simp_set = [c for c in cjk_chars if _simp_only_cache[c]]
        self.simp = re.compile("[" + "".join(re.escape(c) for c in simp_set) + "]") if simp_set else None

    def counts(self, spans) -> tuple[int, int]:
        """(traditional-only, simplified-only) characters in the spans."""
        return self.traditional_count(spans), self.simplified_count(spans)

    def traditional_count(self, spans, enough: Optional[int] = None) -> int:
        """Traditional-only characters in the spans; with ``enough``, at least that many (once
        found) or all of them.

        Counted :data:`_STEP` characters at a time: a piece equal in the text and its view
        (simplified text, on a page that mixes the scripts) holds none, and comparing the two
        pieces whole costs far less than comparing them character by character."""
        if not self.converted:
            return 0
        trad = 0
        for start, end in _windows(spans, _STEP):
            text, view = self.text[start:end], self.view[start:end]
            if text == view:
                continue
            trad += sum(map(operator.ne, text, view))
            if self.has_compat:
                trad -= sum(1 for m in _COMPAT_RE.finditer(self.text, start, end)
                            if self.text[m.start()] != self.view[m.start()])
            if enough is not None and trad >= enough:
                break
        return trad

    def simplified_count(self, spans) -> int:
        """Simplified-only characters in the spans."""
        if self.simp is None:
            return 0
        # (a list of 1-character strings)
        return sum(len(self.simp.findall(self.text, start, end)) for start, end in _windows(spans))

    def traditional(self, spans) -> list[int]:
        """Offsets of the traditional-only characters in the spans."""
        found: list[int] = []
        for start, end in _windows(spans) if self.converted else ():
            changed = map(operator.ne, self.text[start:end], self.view[start:end])
            found += [start + i for i in itertools.compress(range(end - start), changed)
                      if not (self.has_compat and _is_compat(self.text[start + i]))]
        return found

    def simplified(self, spans) -> list[int]:
        """Offsets of the simplified-only characters in the spans."""
        if self.simp is None:
            return []
        return [m.start() for start, end in spans for m in self.simp.finditer(self.text, start, end)]


_STEP = 256  # characters compared at a time by ScriptMarks.traditional_count


def _windows(spans, size: int = CHUNK) -> Iterator[tuple[int, int]]:
    """``spans`` cut into pieces of at most ``size`` characters, in order."""
    for start, end in spans:
        for at in range(start, end, size):
            yield at, min(at + size, end)


def detect_script(text: str, view: str | None = None) -> str:
    """``"simplified"``, ``"traditional"``, ``"mixed"`` or ``"unknown"`` (no CJK at all).

    With T traditional-only and S simplified-only characters (see :func:`trad_simp_chars`):
    traditional if T >= 3 and S <= max(1, 2% of T); simplified symmetrically; when both are
    below 3 the text is nearly script-neutral: traditional if it has only traditional-only
    characters, else simplified; anything else is mixed.

    ``view`` may pass the text's simplified view: the parser has the page's, and detects the
    script of its first part (converting that part again and listing every offset cost about
    a tenth of reading a long page).  Only the counts are needed, so nothing is listed.
    """
    if not text or _CJK_RE.search(text) is None:
        return "unknown"
    if view is None:
        view = simplified_view(text)
    if view == text:
        return "simplified"  # T = 0: with any S, the rules below say simplified
    marks, whole = ScriptMarks(text, view), ((0, len(text)),)
    s = marks.simplified_count(whole)
    # From T = 50 * S + 50 on, T >= 3 and S <= 2% of T both hold: the verdict is traditional
    # whatever more T holds, so T is counted that far at most (on a traditional page, a line).
    return _verdict(marks.traditional_count(whole, enough=50 * s + 50), s)


def _verdict(t: int, s: int) -> str:
    """The script of a text with ``t`` traditional-only and ``s`` simplified-only characters
    (see :func:`detect_script`)."""
    if t >= 3 and s <= max(1, 0.02 * t):
        return "traditional"
    if s >= 3 and t <= max(1, 0.02 * s):
        return "simplified"
    if t < 3 and s < 3:
        return "traditional" if t > 0 and s == 0 else "simplified"
    return "mixed"
