"""Meaning-preserving clean-up of prose: punctuation width, spacing, doubled 点号.

Applied to every piece of prose the drafter writes (the spec's text, and the original
sentences ``zongjie rebuild`` keeps).  Each rule only changes the *form* of punctuation
or whitespace, never a word or a figure (GB/T 15834-2011):

* half-width ``, ; : ? !`` and a sentence-final ``.`` next to Chinese text → ``， ； ： ？ ！ 。``
  (``41,320`` and ``10:30`` between digits are left alone);
* ``(…)`` around or next to Chinese text → ``（…）``; paired ``"…"`` → ``“…”``, ``'…'`` → ``‘…’``;
  a lone ``'`` between two Chinese characters (a web-copy artefact) is dropped;
* ``...``, ``。。。`` and a single ``…`` → ``……``;
* spaces next to Chinese characters or full-width punctuation are removed (``39 名`` → ``39名``);
* a run of 点号 keeps its strongest mark (``。，`` → ``。``, ``，，`` → ``，``; ``？！`` stays);
* full-width digits and ``％`` → ``0-9`` and ``%`` (GB/T 15835);
* a paragraph that does not end in a sentence mark gets ``。`` (:func:`prose` only).
"""

from __future__ import annotations

import regex

from ..cache import compile_regex
from ..script import FULLWIDTH_DIGITS, width_folder

CJK = r"\p{Han}\ue000-\uf8ff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—·"
_CJK_CHAR = compile_regex(f"[{CJK}]")
# Digits and ％ only: a full-width ． is a decimal point only between digits (folded below).
_fold_digits_and_percent = width_folder(FULLWIDTH_DIGITS + "％")
STOPS = "，、；：。！？"
_STRENGTH = {"。": 5, "！": 5, "？": 5, "；": 4, "：": 3, "，": 2, "、": 1}
_RUN = compile_regex(f"[{STOPS}]{{2,}}")
_SPACE_BEFORE = compile_regex(f"[ \\t\\u3000\\u00a0]+(?=[{CJK}])")
_SPACE_AFTER = compile_regex(f"(?<=[{CJK}])[ \\t\\u3000\\u00a0]+")
_ELLIPSIS = compile_regex(r"\.{3,}|。{3,}|…+|⋯+")
_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_HALF_PUNCT = compile_regex(r"[,;:?!]")
_PERIOD = compile_regex(r"(?<![0-9A-Za-z.])\.(?![0-9A-Za-z.])")
_PARENS = compile_regex(r"[(（]([^()（）\n]*)[)）]")
_DQUOTE = compile_regex(r'"([^"\n]*)"')
_SQUOTE = compile_regex(r"'([^'\n]*)'")
_LONE_APOSTROPHE = compile_regex(r"(?<=\p{Han})'(?=\p{Han})")
SENTENCE_END = "。！？…；："
CLOSERS = "”’」』）》〉】"


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK_CHAR.match(ch))


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in " \t":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _width(text: str) -> str:
    def half(m: regex.Match) -> str:
        ch, i = m.group(), m.start()
        before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if ch == "," and before.isdigit() and regex.match(r"[0-9]{3}(?![0-9])", text[i + 1:]):
            return ch  # 41,320: digit grouping
        if ch == ":" and before.isdigit() and after.isdigit():
            return ch  # 10:30
        if _is_cjk(before) or _is_cjk(after) or (not after and _is_cjk(before)):
            return _HALF[ch]
        if ch in ",;" and not (before.isascii() and after.isascii()):
            return _HALF[ch]
        return ch

    text = _HALF_PUNCT.sub(half, text)

    def period(m: regex.Match) -> str:
        i = m.start()
        before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if _is_cjk(before) or before in "%)" or (before and _is_cjk(after)):
            return "。"
        return "."

    return _PERIOD.sub(period, text)


def _brackets(text: str) -> str:
    def paren(m: regex.Match) -> str:
        inner = m.group(1)
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if _CJK_CHAR.search(inner) or _is_cjk(before) or _is_cjk(after) or m.group().startswith("（"):
            return f"（{inner}）"
        return m.group()

    text = _PARENS.sub(paren, text)
    text = _DQUOTE.sub(lambda m: f"“{m.group(1)}”" if _CJK_CHAR.search(m.group(1)) else m.group(), text)
    if text.count("'") % 2:
        text = _LONE_APOSTROPHE.sub("", text, count=1)
    return _SQUOTE.sub(lambda m: f"‘{m.group(1)}’" if _CJK_CHAR.search(m.group(1)) else m.group(), text)


def _runs(text: str) -> str:
    def strongest(m: regex.Match) -> str:
        run = m.group()
        if run in ("？！", "！？"):
            return run
        best = run[0]
        for ch in run[1:]:
            if _STRENGTH[ch] > _STRENGTH[best]:
                best = ch
        return best

    return _RUN.sub(strongest, text)


# Anything one of the rules above could change.  Most headings and many lines contain none of
# it, and skip the eight passes of :func:`clean` (rebuild cleans every line of a document).
_MAY_CHANGE = compile_regex(
    r"[,;:?!.()\"'\s\u00a0\u3000…⋯％．（\uff10-\uff19]|。。。|[，、；：。！？][，、；：。！？]"
)


def clean(text: str) -> str:
    """Every rule above except the final 。 (used for headings and prose alike)."""
    if not _MAY_CHANGE.search(text):
        return text
    text = _fold_digits_and_percent(text).strip(" \t\u3000\u00a0\r\n")
    text = regex.sub(r"(?<=[0-9])．(?=[0-9])", ".", text)
    text = _ELLIPSIS.sub("……", text)
    text = _width(text)
    text = _brackets(text)
    text = _SPACE_BEFORE.sub("", text)
    text = _SPACE_AFTER.sub("", text)
    return _runs(text)


def prose(text: str) -> str:
    """A paragraph: :func:`clean`, and ``。`` added when it does not end a sentence."""
    text = clean(text)
    if text and not ends_sentence(text):
        text += "。"
    return text


def ends_sentence(text: str) -> bool:
    core = text.rstrip(CLOSERS)
    return bool(core) and core[-1] in SENTENCE_END


def heading(text: str) -> str:
    """A heading on its own line: :func:`clean`, without trailing 。，、；：(GB/T 9704 practice)."""
    return clean(text).rstrip("。，、；：,.;: \u3000")
