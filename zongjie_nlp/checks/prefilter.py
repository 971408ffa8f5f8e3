"""Which pattern rules can match a text at all, found in one pass of Hyperscan.

Why: each pattern rule is a whole-text scan of its own (53 scans of a 2.6 MB page), and on a
typical page most rules find nothing, yet each still reads every character.  Hyperscan matches
all the rules' patterns in one pass over the UTF-8 bytes.  It is used in *prefilter* mode: what
it cannot match exactly (lookarounds, back-references) it approximates by a pattern that
matches more, so it may report a rule that in fact finds nothing, never the reverse.  A rule it
does not report is skipped: the findings are those of the rules' own scans.

The patterns are written for the ``regex`` module (or the stdlib ``re``): before Hyperscan sees
one, each class escape (``\\d \\s \\w \\p{Han}`` and their negations) becomes its ASCII members as
the rule's own engine gives them plus every non-ASCII character, so Hyperscan's own (older)
Unicode tables never decide what a class holds; ``\\uXXXX`` becomes ``\\x{XXXX}`` and named groups
plain groups.  Hyperscan drops lookarounds in prefilter mode, so a text scanned from its first
document on loses no match whose lookbehind sees what comes before (a test holds it to that).
A pattern that cannot be translated or that Hyperscan rejects (it cannot compile a pattern that
matches the empty string) has no place in the database: its rule always runs.

Hyperscan is optional: without it (it is a dependency on Linux x86-64, where wheels are
built), every rule runs, with the same findings.  Short texts are not prefiltered at all
(:data:`MIN_CHARS`): their scans are cheap, and the database would cost a cold start more.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import NamedTuple, Optional, Sequence, Union

import regex

from ..cache import compile_regex, remember

# Texts shorter than this are not prefiltered: 53 scans of 50,000 characters take a few
# milliseconds, less than loading the database.
MIN_CHARS = 50_000

# The version of what :func:`translate_for_prefilter` makes of a pattern, part of the database's
# key in the start-up cache: one compiled from an older translation is compiled afresh.
TRANSLATION = 3

CLASS_ESCAPES = "dDsSwW"
PLAIN_ESCAPES = "nrtfv"  # escapes that mean one character to Python (\\v: a class to PCRE, see _escape)
# Compile flags both engines read alike (Unicode matching is the default of both for str)
SHARED_FLAGS = re.MULTILINE | re.DOTALL | re.UNICODE | regex.VERSION0


class Untranslatable(ValueError):
    """A pattern uses syntax the translation does not carry over (its rule always runs)."""


def hyperscan_module():
    """The ``hyperscan`` module, or None when it is not installed (or cannot load)."""
    try:
        import hyperscan
    except ImportError:
        return None
    return hyperscan


def translate(source: str, stdlib: bool = False) -> str:
    """``source`` (``regex`` syntax, or stdlib ``re`` when ``stdlib``) as a Hyperscan pattern
    that matches wherever ``source`` does, and maybe more (Hyperscan's prefilter mode widens it
    further where it must: lookarounds, back-references).  Raises :class:`Untranslatable` for
    syntax it does not handle."""
    out: list[str] = []
    in_class = ""  # "[" or "[^" inside a set
    set_opened = 0  # where in ``out`` the members of the current set start
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            text, i = _escape(source, i, in_class, stdlib)
            out.append(text)
            continue
        if in_class:
            if char == "[":  # a literal in a set to Python; PCRE could read [: as a POSIX class
                if not stdlib and source.startswith("[:", i):
                    raise Untranslatable("a POSIX class")  # ([[:digit:]] is one to ``regex``)
                out.append("\\[")
                i += 1
                continue
            if char == "]":  # (a ] that is the set's first member was taken where the set opened)
                if not "".join(out[set_opened:]):
                    raise Untranslatable("a set left empty")
                in_class = ""
        elif char == "[":
            in_class = "[^" if source.startswith("[^", i) else "["
            out.append(in_class)
            i += len(in_class)
            set_opened = len(out)
            if source.startswith("]", i):  # a ] right after [ or [^ is a literal
                out.append("\\]")
                i += 1
            continue
        elif char == "(" and source.startswith("(?", i):
            text, i = _group_opening(source, i)
            out.append(text)
            continue
        elif char == "{" and source.startswith("{,", i):
            out.append("{0,")  # {,n} is {0,n} to Python, a literal to PCRE
            i += 2
            continue
        out.append(char)
        i += 1
    if in_class:
        raise Untranslatable("an unclosed set")
    return "".join(out)


# --- Lookarounds at the ends of a match, kept as text Hyperscan must see -------------------
#
# Prefilter mode drops a lookaround, so a rule whose matches all need a word after them (支援(?=下))
# is reported wherever the rest matches.  A lookaround at the start of a match (nothing consumed
# before it) or at its end can instead be matched as text: a match of ``(?<=的)支援`` ends where
# 的支援 does, one of ``支援(?=下)`` starts where 支援下 does.  The scanned data runs to the end of
# what the rule's own scan sees (its ``endpos``) but may start inside a lookbehind's text, so a
# lookbehind becomes "its text, or up to as many characters as it can span at the start of the
# data" (``\A``); a negated lookaround of one character becomes "another character, or the edge
# of the data".  Every other lookaround is left out (a pattern that matches more), so none is left
# for Hyperscan to place against the text now matched before or after it.

ANY_CHARACTER = "[\\x{0}-\\x{10ffff}]"
ZERO_WIDTH_ESCAPES = "bBAZzG"


class _Group(NamedTuple):
    opening: str  # as written: "(", "(?:", "(?P<hit>", "(?=", "(?m)" (flags only: no branches)…
    branches: list  # each a list of _Items


class _Item(NamedTuple):
    atom: Union[str, _Group]  # a character, an escape or a set as written, or a group
    quantifier: str  # as written ("", "?", "{0,3}", "*+"…)
    widest: Optional[int]  # the most characters the item can match; None: no bound


LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")


def translate_for_prefilter(source: str, stdlib: bool = False) -> str:
    """``source`` as Hyperscan gets it: :func:`translate`, with the lookarounds at the ends of
    the match matched as text where that is sound (above), the rest left out.  A pattern the
    reading below does not take (back-references, nested sets…) is translated as it is."""
    try:
        if regex.search(r"\\[1-9]|\(\?P[=>]|\\g<|\(\?[>|(]|\(\?[Vv]|\(\?[a-zA-Z]*[ixLauVvfbe]", source):
            raise Untranslatable("a construct the reading does not take")
        branches, end = _branches(source, 0)
        if end != len(source):
            raise Untranslatable("an unmatched )")
        return "|".join(_rendered(branch, True, True, stdlib) for branch in branches)
    except (Untranslatable, ValueError):
        return translate(source, stdlib)


def _branches(source: str, i: int) -> tuple[list, int]:
    """The alternatives from ``i`` to the ``)`` that closes them (or the end), and where that is."""
    branches: list = [[]]
    while i < len(source) and source[i] != ")":
        if source[i] == "|":
            branches.append([])
            i += 1
            continue
        atom, widest, i = _atom(source, i)
        quantifier, low_high, i = _quantifier(source, i)
        if quantifier and (isinstance(atom, _Group) and atom.opening in LOOKAROUNDS or widest == 0):
            raise Untranslatable("a quantified zero-width item")
        high = low_high[1]
        total = None if widest is None or high is None else widest * high
        branches[-1].append(_Item(atom, quantifier, total))
    return branches, i


def _atom(source: str, i: int) -> tuple[Union[str, _Group], Optional[int], int]:
    """The atom at ``i``, the most characters it matches, and the offset after it."""
    char = source[i]
    if char == "\\":
        end = _escape_end(source, i)
        return source[i:end], (0 if source[i + 1] in ZERO_WIDTH_ESCAPES else 1), end
    if char == "[":
        return _set_end(source, i)
    if char == "(":
        opening = regex.match(r"\((?:\?(?:P?<[A-Za-z_]\w*>|:|=|!|<=|<!|[ms]+\)|[ms]+:))?", source[i:]).group()
        if opening.endswith(")"):  # inline flags: no branches
            return _Group(opening, []), 0, i + len(opening)
        branches, end = _branches(source, i + len(opening))
        if end >= len(source):
            raise Untranslatable("an unclosed group")
        widest = 0 if opening in LOOKAROUNDS else _widest_of(branches)
        return _Group(opening, branches), widest, end + 1
    if char in "*+?{" and _quantifier(source, i)[0]:
        raise Untranslatable("a quantifier with nothing to repeat")
    return char, (0 if char in "^$" else 1), i + 1


def _escape_end(source: str, i: int) -> int:
    if i + 1 >= len(source):
        raise Untranslatable("a trailing backslash")
    char = source[i + 1]
    if char in "pPN" and source.startswith("{", i + 2) or char == "x" and source.startswith("{", i + 2):
        end = source.find("}", i)
        if end < 0:
            raise Untranslatable("an unclosed escape")
        return end + 1
    return i + 2 + {"u": 4, "U": 8, "x": 2}.get(char, 0)


def _set_end(source: str, i: int) -> tuple[str, int, int]:
    """A set ``[...]`` at ``i``: its text, width 1, and the offset after it."""
    j = i + 1 + (source.startswith("^", i + 1))
    if source.startswith("]", j):
        j += 1
    while j < len(source) and source[j] != "]":
        if source[j] == "\\":
            j = _escape_end(source, j)
        else:
            j += 1
    if j >= len(source):
        raise Untranslatable("an unclosed set")
    return source[i:j + 1], 1, j + 1


def _quantifier(source: str, i: int) -> tuple[str, tuple[int, Optional[int]], int]:
    """The quantifier at ``i`` (with its lazy or possessive mark), its bounds, and the offset
    after it; ``""`` and ``(1, 1)`` when there is none."""
    found = regex.match(r"(?:[*+?]|\{(\d*),(\d*)\}|\{(\d+)\})[?+]?", source[i:])
    if not found:
        return "", (1, 1), i
    text = found.group()
    if found.group(3):
        bounds = (int(found.group(3)), int(found.group(3)))
    elif text[0] == "{":
        if not found.group(1) and not found.group(2) and text.startswith("{,}"):
            raise Untranslatable("an empty repeat")
        bounds = (int(found.group(1) or 0), int(found.group(2)) if found.group(2) else None)
    else:
        bounds = {"*": (0, None), "+": (1, None), "?": (0, 1)}[text[0]]
    return text, bounds, i + len(text)


def _widest_of(branches: list) -> Optional[int]:
    widest = 0
    for branch in branches:
        total = 0
        for item in branch:
            if item.widest is None:
                return None
            total += item.widest
        widest = max(widest, total)
    return widest


def _is_transparent(item: _Item) -> bool:
    """A lookaround or inline flags: consumes nothing, so what follows starts where it stands."""
    return isinstance(item.atom, _Group) and (item.atom.opening in LOOKAROUNDS or item.atom.opening.endswith(")"))


def _rendered(branch: list, leading: bool, trailing: bool, stdlib: bool) -> str:
    """One alternative in Hyperscan syntax; ``leading``/``trailing``: whether nothing is consumed
    before/after it in a match, so that its lookarounds there may become text."""
    consuming = [n for n, item in enumerate(branch) if not _is_transparent(item)]
    converted: dict[int, str] = {}
    inner_leading = inner_trailing = -1  # the group at the edge whose own alternatives are the edge
    if consuming:
        first, last = consuming[0], consuming[-1]
        if leading:
            chosen = _edge_lookaround(branch, range(first - 1, -1, -1), "(?<=", "(?<!", stdlib)
            if chosen:
                converted[chosen[0]] = chosen[1]
            elif _is_plain_group(branch[first]):
                inner_leading = first
        if trailing:
            chosen = _edge_lookaround(branch, range(last + 1, len(branch)), "(?=", "(?!", stdlib)
            if chosen:
                converted[chosen[0]] = chosen[1]
            elif _is_plain_group(branch[last]):
                inner_trailing = last
    out = []
    for n, item in enumerate(branch):
        if n in converted:
            out.append(converted[n])
        elif _is_transparent(item) and item.atom.opening in LOOKAROUNDS:
            continue  # left out: the pattern matches more
        else:
            out.append(_item_text(item, n == inner_leading, n == inner_trailing, stdlib))
    return "".join(out)


def _is_plain_group(item: _Item) -> bool:
    return isinstance(item.atom, _Group) and not item.quantifier and bool(item.atom.branches)


def _edge_lookaround(branch: list, order, positive: str, negative: str, stdlib: bool) -> Optional[tuple[int, str]]:
    """Of the lookarounds at one edge (``order``: their positions, nearest the match first), the
    one to match as text and its text: a positive one of bounded width first, else a negated
    single character."""
    for n in order:
        group = branch[n].atom
        if group.opening == positive:
            content = "|".join(_rendered(b, False, False, stdlib) for b in group.branches)
            if positive == "(?=":
                return n, f"(?:{content})"
            widest = _widest_of(group.branches)
            if widest is not None:
                return n, f"(?:{content}|\\A{ANY_CHARACTER}{{0,{widest}}})"
    for n in order:
        group = branch[n].atom
        if group.opening == negative:
            other = _other_character(group, stdlib)
            if other is not None:
                edge = "\\A" if negative == "(?<!" else "\\z"  # the start or the end of the data
                return n, f"(?:{other}|{edge})"
    return None


def _other_character(group: _Group, stdlib: bool) -> Optional[str]:
    """The set of every character but the one ``group`` (a negated lookaround) names, when it
    names exactly one character or a set of characters written out (no class escapes, whose
    Hyperscan form is wider than the class, so its complement would be narrower)."""
    if len(group.branches) != 1 or len(group.branches[0]) != 1 or group.branches[0][0].quantifier:
        return None
    atom = group.branches[0][0].atom
    if not isinstance(atom, str) or atom in ".^$":
        return None
    if atom.startswith("["):
        if atom.startswith("[^") or regex.search(r"\\[dDsSwWpPN]", atom):
            return None
        return "[^" + translate(atom, stdlib)[1:]
    if atom.startswith("\\") and atom[1:2].isalnum() and atom[1] not in PLAIN_ESCAPES + "ux":
        return None
    return "[^" + translate(atom, stdlib) + "]"


def _item_text(item: _Item, leading: bool, trailing: bool, stdlib: bool) -> str:
    atom = item.atom
    quantifier = item.quantifier.replace("{,", "{0,")
    if isinstance(atom, str):
        return translate(atom, stdlib) + quantifier
    opening = "(" if regex.match(r"\(\?P?<\w", atom.opening) else atom.opening
    if not atom.branches:
        return opening + quantifier
    content = "|".join(_rendered(b, leading, trailing, stdlib) for b in atom.branches)
    return f"{opening}{content}){quantifier}"


def _group_opening(source: str, i: int) -> tuple[str, int]:
    """A ``(?…`` group opening at ``i``: a named group becomes a plain group (numbering kept);
    lookarounds, non-capturing groups and inline flags are the same in both syntaxes."""
    named = regex.match(r"\(\?P?<([A-Za-z_]\w*)>", source[i:])
    if named:
        return "(", i + named.end()
    if regex.match(r"\(\?(?::|=|!|<=|<!|[ms]+\)|[ms]+:)", source[i:]):
        return "(?", i + 2
    raise Untranslatable(f"group syntax {source[i:i + 4]!r}")


def _escape(source: str, i: int, in_class: str, stdlib: bool) -> tuple[str, int]:
    """The escape at ``i`` (a backslash) translated, and the offset after it."""
    if i + 1 >= len(source):
        raise Untranslatable("a trailing backslash")
    char = source[i + 1]
    if char == "u" or char == "U":
        width = 4 if char == "u" else 8
        digits = source[i + 2: i + 2 + width]
        if len(digits) != width or not all(c in "0123456789abcdefABCDEF" for c in digits):
            raise Untranslatable("a bad \\u escape")
        return f"\\x{{{digits}}}", i + 2 + width
    if char in CLASS_ESCAPES:
        return _class_text(f"\\{char}", in_class, stdlib), i + 2
    if char in "pP" and not stdlib:
        end = source.find("}", i)
        if not source.startswith("{", i + 2) or end < 0:
            raise Untranslatable("a \\p escape without braces")
        return _class_text(source[i:end + 1], in_class, stdlib), end + 1
    if char == "v":  # one character to Python, every vertical space (\n, \r, \u2028…) to PCRE
        return "\\x0b", i + 2
    if char == "x" and regex.fullmatch(r"[0-9a-fA-F]{2}", source[i + 2: i + 4]):
        return source[i:i + 4], i + 4
    if char in PLAIN_ESCAPES or not char.isalnum() or (char.isdigit() and char != "0" and not in_class):
        return source[i:i + 2], i + 2  # \n, an escaped punctuation mark, a back-reference
    raise Untranslatable(f"the escape \\{char}")


def _class_text(escape: str, in_class: str, stdlib: bool) -> str:
    """A class escape as Hyperscan gets it: a superset of what it matches, cheap to compile.

    Its ASCII members are listed as the rule's own engine gives them; every non-ASCII character
    is let in (Chinese text is nearly all non-ASCII, so little is lost, while ``\\d`` spelled
    out exactly took a second to compile).  Outside a set it becomes a set; in a set it adds its
    members; in a negated set (``[^()\\p{Han}\\n]``) it is left out, which makes the set match
    more."""
    if in_class == "[^":
        return ""
    members = "".join(f"\\x{a:02x}" if a == b else f"\\x{a:02x}-\\x{b:02x}" for a, b in ascii_ranges(escape, stdlib))
    members += "\\x{80}-\\x{10ffff}"
    return members if in_class else f"[{members}]"


@lru_cache(maxsize=32)
def ascii_ranges(escape: str, stdlib: bool = False) -> tuple[tuple[int, int], ...]:
    """The ASCII characters ``escape`` (``\\d``, ``\\P{Han}``…) matches in the rule's own
    engine, as ``(first, last)`` ranges."""
    engine = re if stdlib else regex
    ranges: list[list[int]] = []
    for point in map(ord, engine.findall(escape, "".join(map(chr, range(128))))):
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return tuple((a, b) for a, b in ranges)


class Prefilter:
    """The Hyperscan database of a rule set's patterns (those it can take), and its scan."""

    def __init__(self, hyperscan, database: Optional[bytes], always: frozenset[int]) -> None:
        """``database``: as :func:`build` serialised it; ``always``: the rules not in it."""
        self.always = always
        self.database = None
        self._hyperscan = hyperscan
        # A scratch space serves one scan at a time (a second one at once fails with
        # ScratchInUseError, and scans release the GIL): one per thread, so that threads
        # (those of ``zongjie serve``) may check long texts side by side.
        self._local = threading.local()
        if database is not None:
            self.database = hyperscan.loadb(database, hyperscan.HS_MODE_BLOCK)
            self._local.scratch = hyperscan.Scratch(self.database)

    def _scratch(self):
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = self._hyperscan.Scratch(self.database)
        return scratch

    def possible(self, data: bytes) -> set[int]:
        """The numbers of the rules that may match ``data`` (UTF-8): those Hyperscan reports,
        and those it does not hold."""
        found = set(self.always)
        if self.database is not None:
            def on_match(number: int, start: int, end: int, flags: int, context) -> None:
                found.add(number)

            self.database.scan(data, match_event_handler=on_match, scratch=self._scratch())
        return found


def build(hyperscan, patterns: Sequence[tuple[str, int, bool]]) -> tuple[Optional[bytes], frozenset[int]]:
    """The serialised database of ``patterns`` (``(source, flags, stdlib)`` of each rule, numbered
    by position) and the numbers of those left out (untranslatable, or rejected by Hyperscan)."""
    base = hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_SINGLEMATCH
    entries, always = [], set()
    for number, (source, flags, stdlib) in enumerate(patterns):
        try:
            flags = _compiled_flags(source, flags, stdlib)
            entries.append((translate_for_prefilter(source, stdlib).encode("utf-8"), number, base | _hyperscan_flags(hyperscan, flags)))
        except (Untranslatable, re.error, regex.error):  # (a pattern its engine rejects runs, and says so)
            always.add(number)
    database = _compiled(hyperscan, entries)
    if database is None:  # one pattern is rejected: find it (and any other) by compiling each alone
        rejected = {entry[1] for entry in entries if _compiled(hyperscan, [entry]) is None}
        always |= rejected
        database = _compiled(hyperscan, [entry for entry in entries if entry[1] not in rejected])
    return (hyperscan.dumpb(database) if database is not None else None), frozenset(always)


def _compiled(hyperscan, entries: list[tuple[bytes, int, int]]):
    """A database of ``(expression, number, flags)`` entries, or None when Hyperscan rejects one
    (or there are none)."""
    if not entries:
        return None
    database = hyperscan.Database()
    try:
        database.compile(expressions=[e for e, _, _ in entries], ids=[n for _, n, _ in entries],
                         elements=len(entries), flags=[f for _, _, f in entries])
    except hyperscan.error:
        return None
    return database


def _compiled_flags(source: str, flags: int, stdlib: bool) -> int:
    """A pattern's flags as its engine compiles them: the ones given, its inline flags
    (``(?m)``) and the engine's defaults."""
    return (re.compile(source, flags) if stdlib else compile_regex(source, flags)).flags


def _hyperscan_flags(hyperscan, flags: int) -> int:
    """The Hyperscan flags of a compiled pattern's ``flags`` (``re`` and ``regex`` share the
    values used here); flags whose meaning the engines do not share make it untranslatable."""
    if flags & ~SHARED_FLAGS:
        raise Untranslatable("flags")
    return (hyperscan.HS_FLAG_MULTILINE if flags & re.MULTILINE else 0) | (hyperscan.HS_FLAG_DOTALL if flags & re.DOTALL else 0)


@lru_cache(maxsize=4)
def prefilter_for(patterns: tuple[tuple[str, int, bool], ...]) -> Optional[Prefilter]:
    """The prefilter of a rule set's patterns, or None without Hyperscan.  Compiling the
    database takes about 0.3 s, so it is kept in the start-up cache (:mod:`..cache`) as
    Hyperscan serialises it; one that no longer loads (another CPU, another Hyperscan) is
    compiled afresh."""
    hyperscan = hyperscan_module()
    if hyperscan is None:
        return None
    key = ("hyperscan", hyperscan.__version__, TRANSLATION, patterns)
    try:
        return Prefilter(hyperscan, *remember(key, lambda: build(hyperscan, patterns)))
    except hyperscan.error:
        return Prefilter(hyperscan, *build(hyperscan, patterns))


def possible_rules(patterns: tuple[tuple[str, int, bool], ...], data: bytes) -> Optional[set[int]]:
    """The numbers (positions in ``patterns``) of the rules that may match ``data``; None when
    Hyperscan is not available (every rule must run)."""
    prefilter = prefilter_for(patterns)
    return None if prefilter is None else prefilter.possible(data)
