"""Read a path, bytes or a str into one normalised text.

Normalisation is minimal and the same for every input: a leading BOM is removed, CRLF and lone CR
become LF. Nothing else is changed, so offsets into ``Source.text`` are offsets into what the user
wrote (after newline normalisation).

Encodings, in the order they are tried: BOM (UTF-8, UTF-16, UTF-32), strict UTF-8, BOM-less
UTF-16 (NUL bytes at alternating positions), then GB18030 vs Big5 chosen by decoding with both and
scoring the result (charset-normalizer breaks near ties). python-docx and charset-normalizer are
imported only when needed.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from functools import lru_cache

from .errors import InputError, TooLargeError
from .model import Record

__all__ = ["Source", "read_source", "read_path", "read_bytes", "decode_bytes", "raw_codec"]


class Source(Record):
    """One input, decoded and normalised.

    ``encoding`` is the Python codec that decoded the bytes (``"utf-8"``, ``"utf-8-sig"``,
    ``"utf-16"``, ``"utf-32"``, ``"gb18030"``, ``"big5"``, or ``"cp950"``/``"big5hkscs"`` for Big5
    files using those extensions), ``"docx"`` for a Word file, or ``"str"`` for a str input.
    """

    text: str
    path: str | None
    encoding: str
    # Paragraphs a .docx marks as headings without a number (Heading style, outline level, all
    # bold), by start offset in ``text``, with how they were recognised (docx-style | bold).
    headings: dict[int, str] | None = None
    # A .docx's tables (:class:`zongjie_nlp.model.Table`), their cells' offsets in ``text``.
    tables: tuple = ()


_DOCX_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def normalise(text: str) -> str:
    """The text as every reader gives it: no byte-order mark, line ends as ``\n``."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _check_not_empty(text: str, path: str | None) -> None:
    if not text.strip():
        raise InputError(path, "file is empty" if text == "" else "file is empty (whitespace only)")


def read_source(src, path: str | None = None) -> Source:
    """A str is TEXT (already decoded, encoding ``"str"``); bytes are decoded (a .docx by its zip
    magic); a ``pathlib.Path`` / ``os.PathLike`` is read from disk.

    A str is only normalised, never rejected: an empty str gives an empty text.
    """
    if isinstance(src, str):
        return Source(normalise(src), path, "str")
    if isinstance(src, (bytes, bytearray, memoryview)):
        data = bytes(src)
        if data.startswith(_ZIP_MAGIC) and _zip_is_docx(data):
            return _read_docx(data, path)
        return decode_bytes(data, path)
    if isinstance(src, os.PathLike):
        return read_path(src)
    raise TypeError(f"read_source() expects str, bytes or a path, not {type(src).__name__}")


def _os_reason(err: OSError, path: str) -> str:
    if isinstance(err, FileNotFoundError):
        return "no such file"
    if isinstance(err, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(err, NotADirectoryError):
        return "no such file (a parent is not a directory)"
    if isinstance(err, PermissionError):
        if os.path.isdir(path):  # Windows reports a directory as permission denied
            return "is a directory, not a file"
        return "permission denied"
    reason = (err.strerror or err.__class__.__name__).lower()
    return f"cannot read ({reason})"


def too_large(path: str | None, size: int, max_mb: float, what: str = "file") -> InputError:
    """The one-line error for an input over the size limit (``max-size-mb``)."""
    mb = size / 1e6
    shown = f"{mb:.1f}" if mb >= 0.1 else f"{mb:.3g}"
    return TooLargeError(path, f"{what} too large ({shown} MB > {max_mb:g} MB; "
                            "set max-size-mb in [tool.zongjie] to raise the limit)")


def read_path(path, max_mb: float | None = None) -> Source:
    """Read a file: a .docx (zip magic or .docx suffix) through python-docx, otherwise decode.

    With ``max_mb`` a file larger than that is refused before it is read, and so is a .docx
    whose XML is larger once decompressed (a small zip can hold a huge document.xml)."""
    p = os.fsdecode(os.fspath(path))
    try:
        if os.path.isdir(p):
            raise IsADirectoryError(p)
        with open(p, "rb") as f:
            if max_mb is not None:
                size = os.fstat(f.fileno()).st_size
                if size > max_mb * 1e6:
                    raise too_large(p, size, max_mb)
            data = f.read()
    except OSError as err:
        raise InputError(p, _os_reason(err, p)) from None
    return read_bytes(data, p, max_mb)


def read_bytes(data: bytes, path: str, max_mb: float | None = None) -> Source:
    """The bytes of a file named ``path`` (read from disk, or uploaded to ``zongjie serve``):
    a .docx (zip magic or .docx suffix) through python-docx, otherwise decoded; refused over
    ``max_mb``, a .docx also when its XML is larger once decompressed."""
    p = path
    if max_mb is not None and len(data) > max_mb * 1e6:  # a pipe, a file that grew, an upload
        raise too_large(p, len(data), max_mb)

    is_zip = data.startswith(_ZIP_MAGIC)
    if p.lower().endswith(_DOCX_SUFFIXES):
        if not data:
            raise InputError(p, "file is empty")
        if data.startswith(_OLE_MAGIC):
            raise InputError(p, "not a valid .docx (old binary Word .doc format; save it as .docx)")
        if not is_zip:
            raise InputError(p, "not a valid .docx (not a zip file)")
        return _read_docx(data, p, max_mb)
    if is_zip:
        if _zip_is_docx(data):
            return _read_docx(data, p, max_mb)
        raise InputError(p, "not a text file (zip archive)")
    if data.startswith(_OLE_MAGIC):
        raise InputError(p, "not a text file (binary data: old Word .doc/OLE format)")
    return decode_bytes(data, p)


# --------------------------------------------------------------------------- decoding

# Control characters that do not occur in text (tab, LF, VT, FF, CR, and ESC's neighbours aside).
_CTRL_RE = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
_CTRL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_NON_CTRL_BYTES = bytes(b for b in range(256) if b not in _CTRL_BYTES)

_UNDECODABLE = "cannot detect the text encoding (tried UTF-8, UTF-16, GB18030, Big5)"
_BINARY = "not a text file (binary data)"


def _too_many_controls(text: str) -> bool:
    if not text:
        return False
    n = 0
    for _ in _CTRL_RE.finditer(text):
        n += 1
    return n > 0.05 * len(text) or n > 0 and len(text) < 20 and n * 4 > len(text)


def read_input(file: str, max_mb: float | None = None, stdin: dict[str, bytes] | None = None) -> Source:
    """Read ``file``, or standard input for ``"-"``, refusing inputs over ``max_mb``
    (decompressed, for a .docx).  ``stdin``, when given, keeps the bytes read from standard
    input under ``"-"`` (it cannot be read twice: a caller that writes fixes back in the
    input's own encoding reads them again from there)."""
    if file != "-":
        return read_path(file, max_mb)
    cache = stdin if stdin is not None else {}
    if "-" not in cache:
        import sys

        limit = None if max_mb is None else int(max_mb * 1e6)
        data = sys.stdin.buffer.read() if limit is None else sys.stdin.buffer.read(limit + 1)
        if limit is not None and len(data) > limit:
            raise too_large("<stdin>", len(data), max_mb)
        cache["-"] = data
    return decode_bytes(cache["-"], path="<stdin>")


def decode_bytes(data: bytes, path: str | None = None) -> Source:
    """Decode bytes into a normalised :class:`Source`; raise :class:`InputError` if the bytes are
    empty, binary or in no supported encoding."""
    data = bytes(data)
    text, encoding = _decode(data, path)
    text = normalise(text)
    _check_not_empty(text, path)
    return Source(text, path, encoding)


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def raw_codec(data: bytes, encoding: str) -> tuple[bytes, str]:
    """``(bom, codec)`` to write text back exactly as ``data`` was stored: the byte-order mark
    it starts with (or ``b""``) and a codec that adds none, in the same byte order.

    ``Source.encoding`` says ``"utf-16"`` for UTF-16 with or without BOM; encoding with that
    codec would add a BOM in the machine's byte order, so the order is read from the bytes."""
    family = "utf-8" if encoding == "utf-8-sig" else encoding
    for bom, codec in _BOMS:
        if codec.startswith(family) and data.startswith(bom):
            return bom, codec
    if encoding == "utf-16":
        found = _utf16_without_bom(data)
        return b"", found[1] if found else "utf-16-le"
    return b"", family


def _decode(data: bytes, path: str | None) -> tuple[str, str]:
    if not data:
        raise InputError(path, "file is empty")

    # 1. byte-order marks (UTF-32 first: its LE BOM starts with the UTF-16 LE BOM)
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _strict(data, "utf-32", "utf-32", path), "utf-32"
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data, "utf-8-sig", "UTF-8", path), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", "UTF-16", path), "utf-16"

    # 2. NUL bytes: UTF-16 without BOM, or binary
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is None:
            raise InputError(path, _BINARY)
        return found[0], "utf-16"

    # 3. strict UTF-8 (the fast path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _too_many_controls(text):
            raise InputError(path, _BINARY)
        if not _utf8_implausible(text):
            return text, "utf-8"
        # e.g. GBK 同时 (CD AC CA B1) is valid UTF-8 for two stray IPA/combining characters
        try:
            return _decode_legacy(data, path)
        except InputError:
            return text, "utf-8"

    # 4. GB18030 or Big5
    return _decode_legacy(data, path)


_BEYOND_LATIN_RE = re.compile("[^\x00-\u036f]")
# Compiled (by ``re``'s own cache) only for the rare text with no character beyond U+036F:
_LATIN_EXT = "[\x80-\x9f\u0180-\u01cc\u01dd-\u036f]"
_LATIN_LETTER = "[\u00a0-\u017f\u01cd-\u01dc]"  # incl. pinyin ǎ ǐ ǒ ǔ ǚ


def _utf8_implausible(text: str) -> bool:
    """Valid UTF-8 whose non-ASCII characters are all C1 controls, Latin Extended-B (other than
    pinyin ǎ ǐ ǒ ǔ ǚ), IPA, modifier letters or combining marks: short GBK/Big5 text can look
    like that."""
    if text.isascii() or _BEYOND_LATIN_RE.search(text):
        return False
    return bool(re.search(_LATIN_EXT, text)) and not re.search(_LATIN_LETTER, text)


def _strict(data: bytes, codec: str, name: str, path: str | None) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as err:
        raise InputError(
            path, f"invalid {name} at byte {err.start} despite a {name} byte-order mark"
        ) from None
    if _too_many_controls(text):
        raise InputError(path, _BINARY)
    return text


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM: ASCII characters (and newlines) put NUL bytes at one parity (odd for
    LE, even for BE). Both byte orders are tried; the result must decode strictly and read as
    text. Returns the text and the codec that decoded it (``utf-16-le`` or ``utf-16-be``)."""
    if len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    order = [("utf-16-le", odd, even), ("utf-16-be", even, odd)]
    order.sort(key=lambda x: -x[1])
    best: tuple[float, str, str] | None = None
    for codec, major, minor in order:
        if major == 0 or major < 2 * minor:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _too_many_controls(text):
            continue
        score = _plausibility(text)
        if score >= 0.6 and (best is None or score > best[0]):
            best = (score, text, codec)
    return (best[1], best[2]) if best else None


# -- GB18030 vs Big5 ---------------------------------------------------------------------------

@lru_cache(maxsize=0xA000 - 0x4E00)  # the CJK Unified block, the only characters it is asked about
def _is_common_hanzi(ch: str) -> bool:
    """In GB2312 level 1 (3,755 common simplified) or Big5's 5,401 common characters."""
    try:
        b = ch.encode("gb2312")
        if len(b) == 2 and 0xB0 <= b[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b = ch.encode("big5")
        return len(b) == 2 and 0xA440 <= (b[0] << 8 | b[1]) <= 0xC67E
    except UnicodeEncodeError:
        return False


_GOOD_PUNCT = frozenset("。，、；：？！“”‘’（）《》〈〉【】「」『』—…·％　")


def _char_weight(ch: str) -> float:
    o = ord(ch)
    if 0x4E00 <= o <= 0x9FFF:
        return 1.0 if _is_common_hanzi(ch) else 0.0
    if ch in _GOOD_PUNCT:
        return 1.0
    if 0xFF01 <= o <= 0xFF5E:  # full-width ASCII forms
        return 0.5
    if 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or o >= 0x20000:
        return -1.0  # rare ideographs (Ext A/B…, compatibility); PUA planes included
    if (
        0xE000 <= o <= 0xF8FF  # private use
        or 0x0080 <= o <= 0x036F  # Latin-1/Extended, IPA, modifiers, combining marks
        or 0x0370 <= o <= 0x052F  # Greek, Cyrillic
        or 0x2500 <= o <= 0x259F  # box drawing, blocks
        or 0x3040 <= o <= 0x30FF  # kana
        or 0x3100 <= o <= 0x318F  # bopomofo, Hangul compatibility jamo
        or 0x31A0 <= o <= 0x31BF
        or 0xA000 <= o <= 0xA4CF  # Yi
        or 0xAC00 <= o <= 0xD7AF  # Hangul
        or 0x1100 <= o <= 0x11FF
        or 0xFE10 <= o <= 0xFE6F  # vertical, compatibility and small forms
        or 0xFF61 <= o <= 0xFFFF  # half-width forms, specials
    ):
        return -2.0
    return 0.0


def _legacy_score(text: str) -> float:
    """Mean weight of the non-ASCII characters: ~1 for real Chinese text, low or negative for
    the mojibake that decoding with the wrong one of GB18030/Big5 gives."""
    counts = Counter(text)
    total = 0.0
    n = 0
    for ch, k in counts.items():
        if ord(ch) < 0x80:
            continue
        total += _char_weight(ch) * k
        n += k
    return total / n if n else 0.0


def _plausibility(text: str) -> float:
    """Share of characters that are ASCII text, whitespace, common hanzi or CJK punctuation."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        o = ord(ch)
        if 0x20 <= o < 0x7F or ch in "\t\n\r\f\v" or _char_weight(ch) > 0:
            good += 1
    return good / len(text)


def _decode_legacy(data: bytes, path: str | None) -> tuple[str, str]:
    candidates: list[tuple[str, str]] = []
    try:
        candidates.append(("gb18030", data.decode("gb18030")))
    except UnicodeDecodeError:
        pass
    for codec in ("big5", "cp950", "big5hkscs"):
        try:
            candidates.append((codec, data.decode(codec)))
            break
        except UnicodeDecodeError:
            continue
    candidates = [(c, t) for c, t in candidates if not _too_many_controls(t)]

    if not candidates:
        ctrl = len(data.translate(None, _NON_CTRL_BYTES))
        if ctrl > 0.02 * len(data):
            raise InputError(path, _BINARY)
        raise InputError(path, _UNDECODABLE)
    if len(candidates) == 1:
        return candidates[0][1], candidates[0][0]

    (c1, t1), (c2, t2) = candidates
    s1, s2 = _legacy_score(t1), _legacy_score(t2)
    if abs(s1 - s2) >= 0.15:
        return (t1, c1) if s1 > s2 else (t2, c2)
    # Near tie: charset-normalizer is the library of record.
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        if guess in ("gb18030", "gbk", "gb2312", "hz", "cp936"):
            return t1, c1
        if guess.startswith("big5") or guess == "cp950":
            return t2, c2
    return (t1, c1) if s1 >= s2 else (t2, c2)


def _charset_normalizer_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        best = from_bytes(data, cp_isolation=["gb18030", "big5", "cp950", "gbk"]).best()
    except Exception:  # pragma: no cover - defensive: never let the detector crash a read
        return None
    if best is None:
        return None
    return best.encoding.lower().replace("-", "").replace("_", "")


# --------------------------------------------------------------------------- .docx


def _zip_is_docx(data: bytes) -> bool:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _check_docx_size(data: bytes, path: str | None, max_mb: float) -> None:
    """Refuse a .docx whose XML, decompressed, is over the limit: the sizes the zip declares
    (``ZipInfo.file_size``) are checked before anything is inflated, and zipfile never inflates
    a member past its declared size."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # python-docx reports the damage
    xml = sum(i.file_size for i in infos if i.filename.lower().endswith((".xml", ".rels")))
    if xml > max_mb * 1e6:
        raise too_large(path, xml, max_mb, "document (decompressed XML)")
    # media are stored nearly as is; a part inflating far past the limit is a zip bomb
    total = sum(i.file_size for i in infos)
    if total > 10 * max_mb * 1e6:
        raise too_large(path, total, 10 * max_mb, "document (decompressed)")


def _read_docx(data: bytes, path: str | None, max_mb: float | None = None) -> Source:
    import io
    import zipfile

    if max_mb is not None:
        _check_docx_size(data, path, max_mb)

    try:
        import docx  # python-docx, imported only for Word input
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as err:  # pragma: no cover - a declared dependency
        raise InputError(path, f"cannot read .docx (python-docx is not installed: {err})") from None

    try:
        document = docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(path, "not a valid .docx (zip damaged)") from None
    except PackageNotFoundError:
        raise InputError(path, "not a valid .docx (zip damaged or not a Word package)") from None
    except KeyError as err:
        raise InputError(path, f"not a valid .docx (missing part {err})") from None
    except Exception as err:  # lxml XMLSyntaxError, ValueError, zlib.error …
        raise InputError(path, f"not a valid .docx ({type(err).__name__}: {err})") from None

    from .docx_text import lines_headings_and_tables
    from .tables import docx_tables

    try:
        lines, heading_lines, layouts = lines_headings_and_tables(document)
    except Exception as err:  # pragma: no cover - defensive
        raise InputError(path, f"not a valid .docx ({type(err).__name__}: {err})") from None
    joined = "\n".join(lines)
    text = normalise(joined)
    _check_not_empty(text, path)
    headings, tables = None, ()
    if len(text) == len(joined):  # offsets hold: nothing was normalised away
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        if heading_lines:
            headings = {starts[i] + len(lines[i]) - len(lines[i].lstrip()): how for i, how in heading_lines.items()}
        tables = tuple(docx_tables(layouts, starts, lines))
    return Source(text, path, "docx", headings, tables)




