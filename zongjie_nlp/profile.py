"""Which kind of document this is (genre) and which writing convention it follows (norm).

Both decide which rules apply.  A government work report is a speech: asking it for a closing
signature is a false alarm.  A Hong Kong or Taiwan text follows its own consistent practice
(「」 quotes, a space between a number and Chinese text): holding it to GB/T 15834/15835 raises
hundreds of findings that are not errors.  Detection reads evidence from the text; the user can
always say (``--genre``, ``--norm`` or the config file).
"""

from __future__ import annotations

from functools import lru_cache

import regex

from .cache import compile_re, compile_regex
from .lexicon import genres as genre_entries
from .model import Record

NORMS = ("gb", "tw", "hk")
GENRES = ("summary", "duty-report", "speech-report", "plan")  # the keys of rules/lexicon/genres.yaml
DEFAULT_GENRE = "summary"
OPENING_CHARS = 400  # the opening lines a genre is read from

# Evidence for a norm in traditional text.  Corner quotes are the Hong Kong and Taiwan quotes;
# a traditional text quoting with “” is a mainland text converted to traditional script, and
# mainland norms apply to it.
_CORNER_QUOTES = "「」『』"
_CURLY_QUOTES = "“”"
# (By the standard library's engine: it skips to the first characters of an alternation of
# words in C, several times as fast as ``regex`` over a page's first 200,000 characters.)
_HONG_KONG = compile_re(r"香港|本港|港元|港幣|港币|特區|特区|區議會|九龍|九龙|新界")
_TAIWAN = compile_re(r"臺灣|台灣|台湾|新臺幣|新台幣|民國[0-9一二三四五六七八九十百]+年|行政院|立法院")


class Genre(Record):
    id: str
    name: str
    why: str
    title: regex.Pattern | None
    opening: regex.Pattern | None
    expects: frozenset[str]
    heading_cues: dict[str, regex.Pattern]  # part → extra cue in a heading, in this genre only
    body_cues: dict[str, regex.Pattern]  # part → extra cue in the body text


@lru_cache(maxsize=1)
def genres() -> dict[str, Genre]:
    """The genres of ``rules/lexicon/genres.yaml`` in the order they are tried."""
    out = {}
    for gid, entry in genre_entries().items():
        out[gid] = Genre(
            id=gid,
            name=entry["name"],
            why=entry["why"],
            title=compile_regex(entry["title"]) if entry.get("title") else None,
            opening=compile_regex(entry["opening"], regex.M) if entry.get("opening") else None,
            expects=frozenset(entry.get("expects", ())),
            heading_cues={part: compile_regex(p) for part, p in entry.get("heading_cues", {}).items()},
            body_cues={part: compile_regex(p) for part, p in entry.get("body_cues", {}).items()},
        )
    return out


def detect_genre(title: str, opening: str) -> str:
    """The genre named by the title (simplified view), else announced by the opening lines."""
    table = genres()
    title = title.strip()
    for genre in table.values():
        if title and genre.title is not None and genre.title.search(title):
            return genre.id
    head = opening[:OPENING_CHARS]
    for genre in table.values():
        if genre.opening is not None and genre.opening.search(head):
            return genre.id
    return DEFAULT_GENRE


def detect_norm(text: str, script: str) -> str:
    """``gb`` for simplified text and for mainland text converted to traditional script;
    ``hk`` or ``tw`` for traditional text with corner quotes or a place that names the region
    (Taiwan's manual is the default for such text: it is the written standard of the two)."""
    if script not in ("traditional", "mixed"):
        return "gb"
    corner = sum(map(text.count, _CORNER_QUOTES))
    curly = sum(map(text.count, _CURLY_QUOTES))
    hong_kong = len(_HONG_KONG.findall(text))
    taiwan = len(_TAIWAN.findall(text))
    if corner <= curly and not (hong_kong or taiwan):
        return "gb"
    return "hk" if hong_kong > taiwan else "tw"
