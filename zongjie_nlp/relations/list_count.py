"""A declared number of items against the items listed.

A summary says how many items it lists in four ways, each found here:

* a declaration, then a numbered run (the outline's points or inline 一是/二是): 以下五项工作：
  （一）…, 重点抓好八个方面工作。⏎（一）…, 把握好以下三点。一是…  The declaration ends with a
  colon or a line end, or with 。 when 以下/如下 or a forward-looking word (重点抓好, 把握好)
  says the list is coming; a review (办成了三件大事。) announces nothing;
* a declaration, then an unmarked list after its colon: 分三步：备料、加工、质检;
* an inline enumeration summed up by its count: 东片、西片、南片三大片区, 县、乡、村三级,
  医疗、医保、医药"三医", 游客和消费双提升, 存量增量双支撑;
* a count figure, then the list that names its items: 新增书屋3个，分别是：…, or the next
  sentence 新增书屋是：… (the same words as the figure's label);
* forms read only where they agree (never reported): a review's count before its points
  (主要抓了九个方面工作。（一）…), an inline run a sentence or two after its declaration,
  dash-led paragraphs after a colon (做到“五个注重”：⏎——…), 即 and commas after a colon,
  a quoted count not in the items' words (甲、乙、丙“三个体系”), quoted items back to back
  (“甲”“乙”“丙”三篇文章), and a quoted count of a word its clauses each say (“三个更加”).

A disagreement is reported only where the list surely belongs to the count and is cut
where the text cuts it (the 、 of a list of short items, a numbered run): an inline count
after a kind word (三大片区, 两项工作); a list after a colon or 分别是.  Where the count may
count things of the listed kinds (幼儿园、小学三所), where 和/与 or commas make the cut
uncertain, and for 双, the relation is a reading: shown when it holds, never reported.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterator, Optional

import regex

from ..cache import compile_re, compile_regex
from ..model import Record
from ..numerals import parse_numeral, to_chinese
from .base import StatedRelation, register
from .figures import MAX_LIST, MAX_PARAGRAPH, Figure, Scope, cues, has, occurrences
from .interval import Interval

MAX_ITEM = 12  # characters of one item of an inline list: longer chunks are clauses
MAX_SURE_ITEM = 8  # an inline list of longer items is cut too uncertainly to report on
MAX_NAMED_ITEM = 24  # a named item (an organisation's full name) may be longer
MAX_MISCOUNT = 1  # an inline count further off its list (中央八项规定 after three items) names something else
OPENING = 4  # characters of a sentence that take up one item of a topic (在细管上)
MAX_HEAD = 5  # characters of the noun a count phrase heads (三大｜工程): one more 、 item after it
MAX_LOOKBACK = 100  # characters looked back from a count for its list
MAX_LIST_TEXT = 300  # characters looked at after a colon or 分别是 for the list
MAX_NAMED = 30  # a count figure whose items are named one by one is small
MAX_SENTENCE_AFTER = 200  # characters looked at after a count figure for its sentence's end
# A quoted count whose words are not the items' (甲、乙、丙“三个体系”) is read as their
# number only for a list this long that it matches: a pair before 两项 is often a coincidence.
MIN_APART = 3
MAX_ECHO = 300  # characters looked back for the clauses a quoted count of a word echoes
_ECHO_WORD = compile_regex(r"(?P<word>\p{Han}{2,6})[”」』\"]")
_CLAUSE = compile_regex(r"[^，,。；;：:！？!?\n]+")
MAX_GAP = 120  # characters between a declaration and an inline run (一是) that starts later
# What between them says the run is not the declaration's: another count or a colon.
_LIST_BREAK = compile_regex(r"[：:]|[两三四五六七八九十\d]+(?:个|项|大|条|点|方面)")
SHARED_HEAD = 2  # characters of the last item that may be the head all items share (灵活性改造)
MAX_ECHO_HEAD = 8  # characters of a numbered point looked at for the word a quoted count echoes
MAX_DASHED_ITEM = 2000  # characters of one dash-led paragraph looked at for its line end

_SEMICOLON = compile_regex(r"[；;]")
_COMMA = compile_regex(r"[，,]")
_DIGIT = compile_regex(r"\d")
_HAN_ONLY = compile_regex(r"\p{Han}+")
_HAN_FOUR = compile_regex(r"\p{Han}{4}")
_COUNT_DIGIT = compile_regex(r"[二两三四五六七八九十\d]")  # what a count in _Lexicon.lead_end starts with
_NUMBER_BEFORE = compile_regex(r"[\d一二两三四五六七八九十百千万第]")
_QUOTES = "“”「」‘’『』\"' \t"
_OPEN_QUOTES = "“「『‘\""
# Where a clause starts: an inline list never runs across these.  (The last one before an
# offset is found among the scope's clause stops, or by a search run backwards: ``regex.REVERSE``.)
_LAST_CLAUSE_STOP = compile_regex(r"[，,。；;：:！？!?\n]", regex.REVERSE)
_PERIODS = ".．"  # the clause stops of a scope that are not _LAST_CLAUSE_STOP's
_LAST_SENTENCE_STOP = compile_regex(r"[。！？!?；;\n]", regex.REVERSE)
_LIST_END = compile_regex(r"[。；;\n！？!?]")
_HEAD_NOUN = compile_regex(r"\p{Han}+")
_SENTENCE_END = compile_regex(r"[。！？!?\n]")
_SENTENCE = compile_regex(r"[^。；;\n]+")
# A topic sentence ends soon after its count (深化“大城三管”。).
TOPIC_TAIL = 6  # characters of a topic's name after its count (深化“大城三管”。)
_TOPIC_END = compile_regex(rf"[”」』\p{{Han}}]{{0,{TOPIC_TAIL}}}。")
# The next sentence names the items under the figure's label: 新建服务站是：….
_DASH = compile_regex(r"(?:——|—|－－|--)(?!\d)")
_ITEM_STOP = compile_regex(r"[，,。；;！？!?：:]")
# A colon or another run's 一是 between two points: the run ended before.
_ORDINAL_OTHER = compile_regex(r"[：:]|(?<=[，,；;。！？!?\s])一[是要]")
_LABELLED = compile_regex(r"(?P<label>\p{Han}{2,8}?)(?:分别)?(?:是|为)[：:]")


class Item(Record):
    """One listed item: where it is written.  (A named tuple: immutable, and built for
    every piece of every candidate list, ten times as fast as a frozen dataclass.)"""

    start: int
    end: int


class Listed(Record):
    """The items of a list, and whether they are cut where the text surely cuts them."""

    items: tuple[Item, ...]
    sure: bool
    guessed: bool = False  # the first item's start is a guess (no verb ends the clause's lead)


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


class _Lexicon(Record):
    """The cue words of ``list-count.yaml`` compiled once."""

    declared: regex.Pattern
    declared_at: re.Pattern  # where a declaration may start: a numeral before a classifier
    inline: regex.Pattern
    count_word: regex.Pattern  # a classifier after an inline count: group "summary" if it names a kind
    classifier_starts: frozenset[str]  # the first characters of count_word's classifiers
    lead_end: regex.Pattern
    conjunction: regex.Pattern
    not_conjunction: regex.Pattern
    naming: regex.Pattern
    not_in_last: regex.Pattern
    pair_tail: regex.Pattern
    grade: regex.Pattern
    verb: regex.Pattern
    lead_ins: tuple[str, ...]
    forward: tuple[str, ...]
    not_after: frozenset[str]
    open_ends: tuple[str, ...]
    predicates: tuple[str, ...]  # longest first
    predicate_ends: frozenset[str]  # the last characters of the predicates
    levels: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    lex = cues("list-count")
    classifiers = _alternation(lex["summary_classifiers"] + lex["count_classifiers"])
    return _Lexicon(
        declared=compile_regex(  # (a leading lookahead: the engine skips to candidates)
            r"(?=[一二两三四五六七八九十1-9])(?P<n>[一二两三四五六七八九十]{1,2}|[1-9]\d?)"
            rf"(?P<cls>{_alternation(lex['declare_classifiers'])})(?P<noun>\p{{Han}}{{0,6}}?)[”」』\"]?"
            rf"(?P<stop>[：:。]|[，,](?={_ORDINAL_OPENING})|(?=\n))"),
        # The last character of a numeral of one or two, right before a classifier's first:
        # a declaration starts there or one character before.
        declared_at=compile_re(r"[一二两三四五六七八九十\d](?=[%s])" % "".join(
            sorted({re.escape(w[0]) for w in lex["declare_classifiers"]}))),
        # A count right after an item's last character (甲、乙、丙三大…): 二 … 十九, 两, 双.
        # (二 before a classifier is a grade: 二级旧里; 双双 is "both".)
        # (The leading lookahead lets the engine skip to candidate characters: without it the
        # lookbehinds are tried at every offset, seven times slower.  With it, a plain scan is
        # faster than trying the pattern at the starts a stdlib scan finds: the candidates are
        # many, one in about 30 characters of a page, and each costs a call.)
        inline=compile_regex(r"(?=[十两三四五六七八九双1-9])(?<=[\p{Han}“”「」『』‘’)）A-Za-z])(?<![一二两三四五六七八九十百千万第几双])"
                             r"(?P<n>十[一二三四五六七八九]?|[两三四五六七八九]|双(?!双)|(?<!\d)(?:[2-9]|[1-9]\d)(?![\d.．%]))(?=[\p{Han}])"),
        # A summary classifier before a noun (三大｜片区), else any classifier (三所): the first
        # branch is tried in full before the second, as two matches one after the other would be.
        count_word=compile_regex(rf"(?P<summary>{_alternation(lex['summary_classifiers'])})(?=\p{{Han}})"
                                 rf"|(?:{classifiers})"),
        lead_end=compile_regex(rf"{_alternation(lex['verbs'])}|(?P<conj>{_alternation(lex['conjunctions'])})"
                               rf"|(?P<count>[二两三四五六七八九十\d]+(?:{classifiers}))"),
        conjunction=compile_regex(_alternation(lex["conjunctions"])),
        not_conjunction=compile_regex(_alternation(lex["not_conjunctions"])),
        naming=compile_regex(rf"[，,]?\s*(?:{_alternation(lex['naming'])})(?![将可使便时刻])[：:]?"),
        not_in_last=compile_regex(_alternation(lex["not_in_last"])),
        pair_tail=compile_regex(rf"(?:{_alternation(lex['pair_tails'])})+$"),
        grade=compile_regex(_alternation(lex["grades"])),
        verb=compile_regex(_alternation([v for v in lex["verbs"] if v not in lex["nominal_verbs"]])),
        lead_ins=tuple(lex["lead_ins"]),
        forward=tuple(lex["forward_cues"]),
        not_after=frozenset(lex["not_after"]),
        open_ends=tuple(lex["open_ends"]),
        classifier_starts=frozenset(w[0] for w in lex["summary_classifiers"] + lex["count_classifiers"]),
        predicates=tuple(sorted(lex["predicates"], key=len, reverse=True)),
        predicate_ends=frozenset(w[-1] for w in lex["predicates"]),
        levels=frozenset(lex["levels"]),
    )


@register("list-count", ("ZJ208",), "a declared number of items equals the items listed")
def find(scope: Scope) -> Iterator[StatedRelation]:
    yield from _declarations(scope)
    yield from _inline_counts(scope)
    yield from _named_lists(scope)


def declared_count(scope: Scope, start: int, end: int, numeral: str, declared: int, items,
                   asserted: bool = True) -> StatedRelation:
    """The relation between a declaration (三项, 四个) and the items listed (outline nodes
    or items with ``start``/``end``, after it or, for an inline count, before it).
    ``asserted`` False: a reading, shown only when it holds."""
    words = scope.text[start:end]
    side = "其前" if items and items[0].start < start else "其后"
    stated = Figure("count", ("items",), Interval.exact(declared), start, end, words, numeral, 0, declared)
    listed = len(items)
    operands = tuple(("item", Figure("count", ("items",), Interval.exact(1), i.start, i.end,
                                     scope.text[i.start:i.end], "1", 0, 1)) for i in items)
    return StatedRelation(
        "list-count", "ZJ208", stated, operands, Interval.exact(listed), f"列出 {listed} 项", "",
        (f"声明{words}，{side}列出 {listed} 项，相符", f"声明{words}，{side}实际列出 {listed} 项"),
        asserted=asserted, stated_role="declared", legacy=(("declared", declared), ("listed", listed)))


# -- a declaration, then its list -----------------------------------------------------

def _declarations(scope: Scope) -> Iterator[StatedRelation]:
    """以下五项工作：（一）…, 重点抓好三个方面。一是…, 分三步：备料、加工、质检."""
    lex = _lexicon()
    view = scope.view
    for m in scope.finditer_from(lex.declared, lex.declared_at, back=1):
        at = m.start("n")
        if at and _NUMBER_BEFORE.match(view[at - 1]):
            continue
        nodes, node_starts = scope.outline()  # (walked only for a document that declares a list)
        stop = m.group("stop")
        colon = stop in ("：", ":")
        lead_in = view[max(scope.lo, at - 2):at] in lex.lead_ins
        n = parse_numeral(m.group("n"))
        if n is None:
            continue
        declared = int(n.value)
        if stop in ("，", ","):  # 重点为两个方面，一是…，二是…: only a run right after the comma
            run = _ordinal_run(scope, m.end())
            if run is not None:
                yield declared_count(scope, at, m.end("cls"), m.group("n"), declared, run.items,
                                     asserted=_announces(scope, at, stop, lead_in) and run.sure)
            continue
        items = _items_after(scope, nodes, node_starts, m.end()) if nodes else None
        if colon or lead_in:
            run = _ordinal_run(scope, m.end())  # 具有三个特点：一是…，二是…（the outline sees only 一是）
            if run is not None and (items is None or len(run.items) > len(items)):
                yield declared_count(scope, at, m.end("cls"), m.group("n"), declared, run.items, run.sure)
                continue
        if items is None and not colon:
            later = _items_after(scope, nodes, node_starts, m.end(), gap=True) if nodes else None
            if later is not None and len(later) == declared:  # 三个方面。这些工作…。一是…: a reading
                yield declared_count(scope, at, m.end("cls"), m.group("n"), declared, later, asserted=False)
            elif later is None:  # 重点把握好四个方面。⏎——…⏎——…
                listed = _dashed_after(scope, m.end(), node_starts)
                if listed is not None and _announces(scope, at, stop, lead_in):
                    yield declared_count(scope, at, m.end("cls"), m.group("n"), declared, listed.items, listed.sure)
            continue
        if items is not None:
            if not _announces(scope, at, stop, lead_in):  # 主要抓了九个方面工作。（一）…: a review,
                # read so only when it agrees
                if len(items) == declared:
                    yield declared_count(scope, at, m.end("cls"), m.group("n"), declared, items, asserted=False)
                continue
            if len(items) < declared and _more_items_follow(scope, items[-1]):
                continue
            yield declared_count(scope, at, m.end("cls"), m.group("n"), declared, items)
        elif colon:
            listed = _dashed_after(scope, m.end(), node_starts) or _unmarked_after(scope, _named_from(scope, m.end()))
            if listed is not None:
                yield declared_count(scope, at, m.end("cls"), m.group("n"), declared, listed.items, listed.sure)


def _announces(scope: Scope, at: int, stop: str, lead_in: bool) -> bool:
    """Does the declaration at ``at``, ending with ``stop``, say that its list comes next: a
    colon, 以下 before it, or a sentence that looks ahead?  (Asked only where the answer
    counts: the look back of :func:`_looks_ahead` costs more than most declarations need.)"""
    return stop in ("：", ":") or lead_in or (stop in ("。", "", "，", ",") and _looks_ahead(scope, at))


# An inline run's first point (一是, 一要).  A declaration ending with a comma is read only
# when one follows the comma (重点为两个方面，一是…): its pattern asks so itself, which drops
# the many counts a comma ends (建成3个站点，) before a match is made of them.  (Every match
# that could start inside such a count ends at the same comma: so no other match is lost.)
_ORDINAL_OPENING = r"[ \t\u3000]*一(?P<mark>[是要])(?=\p{Han}|[“「\"])"
_ORDINAL_START = compile_regex(_ORDINAL_OPENING)


def _ordinal_run(scope: Scope, at: int) -> Optional[Listed]:
    """An inline run 一是…，二是…，三是… starting right at ``at``, its points parted by commas
    as well as stops (the outline takes up a point only after a stop or colon).  Each item
    runs from its ordinal to the stop before the next.  Sure unless another point may follow
    in a form the run does not know (四要, 最后, 此外)."""
    view = scope.view
    first = _ORDINAL_START.match(view, at, scope.hi)
    if first is None:
        return None
    mark = first.group("mark")
    _, line_end = scope.paragraph(at)
    starts = [first.end() - 2]
    while len(starts) < MAX_NAMED:
        ordinal = to_chinese(len(starts) + 1)
        nxt = compile_regex(rf"[，,；;。！？!?][ \t\u3000]*(?P<o>{ordinal}{mark})").search(view, starts[-1] + 2, line_end)
        if nxt is None or _ORDINAL_OTHER.search(view, starts[-1] + 2, nxt.start()):
            break
        starts.append(nxt.start("o"))
    if len(starts) < 2:
        return None
    items = []
    for k, s in enumerate(starts):
        stop = _ITEM_STOP.search(view, s + 2, starts[k + 1] if k + 1 < len(starts) else line_end)
        items.append(Item(s, stop.start() if stop else (starts[k + 1] - 1 if k + 1 < len(starts) else line_end)))
    rest = view[items[-1].end:line_end]
    following = to_chinese(len(starts) + 1)
    sure = not regex.search(rf"(?:^|[。；;，,\s]){following}[要则是来、，]|最后|此外|另外|再次|第{following}", rest)
    return Listed(tuple(items), sure)


def _points_after(scope: Scope, nodes: list, node_starts: list[int], at: int) -> Optional[list]:
    """The numbered points right after ``at``: the outline's run, or the comma-parted
    一是…，二是… run when that has more."""
    run = _items_after(scope, nodes, node_starts, at) if nodes else None
    ordinal = _ordinal_run(scope, at)
    if ordinal is not None and (run is None or len(ordinal.items) > len(run)):
        return list(ordinal.items)
    return run


def _looks_ahead(scope: Scope, at: int) -> bool:
    """A declaration ending with 。 announces a list when its sentence looks ahead
    (重点抓好, 把握好 …) and does not review what was done (了)."""
    view = scope.view
    floor = max(scope.lo, at - MAX_LOOKBACK)
    stop = _LAST_SENTENCE_STOP.search(view, floor, at)
    sentence = view[stop.end() if stop else floor:at]
    clause = sentence[max(sentence.rfind("，"), sentence.rfind(",")) + 1:]
    return has(sentence, _lexicon().forward) and "了" not in clause


def _named_from(scope: Scope, at: int) -> int:
    """Where the list after a declaration's colon starts: after 即 / 分别是 (三个一：即…)."""
    m = _lexicon().naming.match(scope.view, at, scope.hi)
    return m.end() if m and m.end() > at else at


def _dashed_after(scope: Scope, at: int, node_starts: list[int]) -> Optional[Listed]:
    """Paragraphs opened by a dash right after the colon (做到五个更加注重：⏎——更加注重…⏎——…):
    each is an item, named up to its first stop.  Sure only where the run ends where a
    numbered point or the scope does; otherwise a plain paragraph may go on the list."""
    view = scope.view
    pos = at
    items: list[Item] = []
    while pos < scope.hi and len(items) <= MAX_LIST:
        while pos < scope.hi and view[pos] in " \t\u3000\n":
            pos += 1
        dash = _DASH.match(view, pos, scope.hi)
        if dash is None:
            break
        line_end = view.find("\n", dash.end(), min(scope.hi, dash.end() + MAX_DASHED_ITEM))
        if line_end < 0:
            line_end = min(scope.hi, dash.end() + MAX_DASHED_ITEM)
        stop = _ITEM_STOP.search(view, dash.end(), line_end)
        item = _strip(scope, dash.end(), stop.start() if stop else line_end)
        item = Item(dash.start(), item.end) if item is not None else None  # the dash marks it, as （一） does
        if item is None:
            return None
        items.append(item)
        pos = max(line_end, dash.end())
    if len(items) < 2:
        return None
    i = bisect.bisect_left(node_starts, pos)
    ends_run = pos >= scope.hi or (i < len(node_starts) and node_starts[i] == pos)
    return Listed(tuple(items), ends_run)


def _items_after(scope: Scope, nodes: list, node_starts: list[int], at: int, gap: bool = False) -> Optional[list]:
    """The numbered run that starts right after ``at`` (1, 2, 3 … of one style); None when
    no run starts there or its numbering is irregular.  ``gap``: an inline run (一是…)
    may start a sentence or two later in the declaration's paragraph."""
    i = bisect.bisect_left(node_starts, at)
    if i >= len(nodes) or nodes[i].number != 1:
        return None
    between = scope.view[at:nodes[i].start]
    if between.strip() and not (gap and nodes[i].inline and len(between) <= MAX_GAP and "\n" not in between
                                and not _LIST_BREAK.search(between)):
        return None
    first = nodes[i]
    run = [first]
    for node in nodes[i + 1:i + MAX_LIST]:
        if node.level > first.level:
            continue
        if node.level < first.level or node.style != first.style:
            break
        if node.number == 1:
            break
        if node.number != len(run) + 1:
            return None  # a gap or a repeat: the numbering check speaks, not this one
        run.append(node)
    return run


def _more_items_follow(scope: Scope, last) -> bool:
    """Fewer items than declared: is the next one there in a form the outline does not
    know (三要…, 最后，…, 此外)?  Then the list may well be complete: stay silent."""
    count = last.number
    end = min(last.body_end, scope.hi, last.end + MAX_PARAGRAPH)
    following = scope.view[last.end:end]
    ordinal = to_chinese(count + 1)
    return bool(regex.search(rf"(?:^|[。；;，,\s]){ordinal}[要则是来、，.．]|(?:^|[。；;，,\s])(?:最后|此外|另外|再次|第{ordinal})"
                             rf"|(?:^|[。；;\s]){count + 1}[.．、]", following))


def _unmarked_after(scope: Scope, at: int) -> Optional[Listed]:
    """The list after a declaration's colon, to the end of its sentence, with no markers:
    cut at 、 (sure) or at ；/， (a reading: a comma may as well part one item's clauses)."""
    end = _end_of_list(scope, at)
    text = scope.view[at:end]
    if not text.strip() or scope.figures_in(at, end) or text.rstrip().endswith(_lexicon().open_ends):
        return None
    if _SEMICOLON.search(text):
        return _split(scope, at, end, "；;", sure=False, limit=MAX_LIST_TEXT)
    if _COMMA.search(text):
        return None if "、" in text else _split(scope, at, end, "，,", sure=False, limit=MAX_ITEM)
    if "、" in text:
        return _split(scope, at, end, "、", sure=True, limit=MAX_ITEM)
    return None


def _end_of_list(scope: Scope, at: int) -> int:
    m = _LIST_END.search(scope.view, at, min(scope.hi, at + MAX_LIST_TEXT))
    return m.start() if m else min(scope.hi, at + MAX_LIST_TEXT)


def _split(scope: Scope, start: int, end: int, separators: str, sure: bool, limit: int,
           sure_limit: int = MAX_SURE_ITEM) -> Optional[Listed]:
    """The items of ``[start, end)`` cut at ``separators``; the last two joined by 和/与
    make one item more (and the cut a reading)."""
    items: list[Item] = []
    at = start
    for i in range(start, end + 1):
        if i == end or scope.view[i] in separators:
            item = _strip(scope, at, i)
            if item is None or item.end - item.start > limit:
                return None
            items.append(item)
            at = i + 1
    if len(items) < 2:
        return None
    split = _conjoined(scope, items[-1])
    if split is not None:
        items[-1:] = split
        sure = False
    if sure and any(item.end - item.start > sure_limit or _conjoined(scope, item) for item in items):
        sure = False
    return Listed(tuple(items), sure)


def _strip(scope: Scope, start: int, end: int) -> Optional[Item]:
    """An item without the quotes and spaces around it; None when nothing is left."""
    view = scope.view
    while start < end and view[start] in _QUOTES:
        start += 1
    while end > start and view[end - 1] in _QUOTES:
        end -= 1
    return Item(start, end) if end > start else None


def _conjunctions(scope: Scope, start: int, end: int) -> list[regex.Match]:
    """The 和/与/及 in ``[start, end)`` that join two things (not those of 和谐, 及时)."""
    lex = _lexicon()
    found = list(lex.conjunction.finditer(scope.view, start, end))
    if not found:
        return found  # (most text has none: the words that block one need not be looked for)
    blocked = [(m.start(), m.end()) for m in lex.not_conjunction.finditer(scope.view, start, end)]
    return [m for m in found if not any(s <= m.start() < e for s, e in blocked)]


def _conjoined(scope: Scope, item: Item) -> Optional[list[Item]]:
    """甲和乙 as two items; None when no 和/与 joins two things in ``item``."""
    for m in _conjunctions(scope, item.start, item.end):
        left, right = _strip(scope, item.start, m.start()), _strip(scope, m.end(), item.end)
        if left is not None and right is not None:
            return [left, right]
    return None


# -- an inline enumeration and its count ----------------------------------------------

def _inline_counts(scope: Scope) -> Iterator[StatedRelation]:
    """甲、乙、丙三大片区, 县、乡、村三级, 医疗、医保、医药"三医", 游客和消费双提升, 存量增量双支撑."""
    lex = _lexicon()
    view = scope.view
    for m in scope.finditer(lex.inline):
        at, after = m.span()  # (group "n": the rest of the pattern looks around; a group by name is dear)
        if view[at - 1] in lex.not_after:
            continue
        numeral = view[at:after]
        end, strong = _count_word(view, after, numeral)
        list_end = at - 1 if view[at - 1] in _OPEN_QUOTES else at
        # Most candidates have no list at all.  They are rejected early by tests that mirror
        # the later ones: a topic after the count (_elaborated), a quoted count (_echoed*),
        # or a list before it (_inline_list), first in all the clause may hold, then in it.
        topic = end is None and _may_open_topic(view, after, scope.hi)
        quoted_count = end is not None and list_end < at  # the only candidates _echoed* are tried on
        counted = view[after]
        if not (topic or quoted_count or view[list_end - 1] in lex.predicate_ends  # (the list may end before one)
                or _may_list(view, max(scope.lo, list_end - MAX_LOOKBACK), list_end, numeral, end, counted)):
            continue  # (the clause starts at most MAX_LOOKBACK characters back: _clause_start)
        start = _clause_start(scope, list_end)
        said = _predicate_start(view, start, list_end)  # 甲、乙实现“双下降”: the list is the subject
        items_end = list_end if said is None else said
        if not (topic or quoted_count or _may_list(view, start, items_end, numeral, end, counted)):
            continue
        # (After the tests above, which are cheaper and reject more: all of them only reject.)
        if end is not None and not _closes_list(view, end, scope.hi):
            continue
        listed = _inline_list(scope, start, items_end, numeral, end, paired=said is not None)
        if said is not None and listed is not None:
            list_end = said
        if listed is None and end is None:
            listed = _elaborated(scope, after)
        if listed is None and end is not None and list_end < at:
            listed = (_echoed(scope, list_end, end, _declared_number(numeral))
                      or _echoed_ahead(scope, end, _declared_number(numeral)))
        if listed is None or not _parallel(listed.items) or _quantities_in(scope, listed):
            continue
        if end is not None and not strong and numeral != "双" and view[list_end - 1] == "的":
            continue  # 规模最大、技术领先的两座电站: the items say what the things counted are like
        apart = list_end < at and numeral != "双" and end is not None and not _names_them(scope, end, listed)
        if apart and (_declared_number(numeral) != len(listed.items) or len(listed.items) < MIN_APART
                      or listed.guessed):
            continue  # 做到“两个维护”, 残疾人“两项补贴”: a quoted name of its own
        if end is None:  # 三医: the character after the numeral is in every item, or ends the
            word = counted  # last as the head they share (节能、供热、灵活性改造“三改”)
            last = listed.items[-1]
            if not (all(word in view[i.start:i.end] for i in listed.items)
                    or word in view[max(last.start, last.end - SHARED_HEAD):last.end]):
                continue
            end = after + 1
        declared = _declared_number(numeral)
        near = abs(declared - len(listed.items)) <= MAX_MISCOUNT
        yield declared_count(scope, at, end, numeral, declared, listed.items,
                             asserted=strong and listed.sure and near and numeral != "双" and not apart
                             and not _quoted_clauses(scope, at))


def _may_open_topic(view: str, at: int, hi: int) -> bool:
    """Can :func:`_elaborated` find a topic sentence after the counted character at ``at``?
    Its first test, _TOPIC_END, needs a 。 within TOPIC_TAIL + 1 characters after it."""
    return view.find("。", at + 1, min(hi, at + 2 + TOPIC_TAIL)) >= 0


def _may_list(view: str, start: int, end: int, numeral: str, word_end: Optional[int], counted: str) -> bool:
    """Can the count sum up a list :func:`_inline_list` finds in ``[start, end)``?  A count
    with no classifier (三医) only one whose items hold the ``counted`` character after the
    numeral (the test after the list in :func:`_inline_counts`); and a list is found only in
    one of four ways, each with a condition tested here: a 、 (_enumeration, _subjects), a
    closing quote right before ``end`` with room for two quoted items (_quoted_run), 双 or 两
    (_pair), or a count ending in 级 (_levels).  Items lie in ``[start, end)``: an earlier
    ``start`` can only let more through."""
    if word_end is None and view.find(counted, start, end) < 0:
        return False
    return (view.find("、", start, end) >= 0
            or (end - 2 >= start and view[end - 1] in _CLOSE_QUOTES)
            or numeral in ("双", "两")
            or (word_end is not None and view[word_end - 1] == "级"))


def _predicate_start(view: str, start: int, end: int) -> Optional[int]:
    """Where the predicate that ``[start, end)`` ends with starts (the longest one), if any."""
    lex = _lexicon()
    if end <= start or view[end - 1] not in lex.predicate_ends:
        return None  # what every ``endswith`` below would find: almost every candidate stops here
    for word in lex.predicates:
        if view.endswith(word, start, end):
            return end - len(word)
    return None


def _declared_number(numeral: str) -> int:
    return 2 if numeral == "双" else int(parse_numeral(numeral).value)


_CLOSE_QUOTES = "”」』’\""
_OPENING_OF = {"”": "“", "」": "「", "』": "『", "’": "‘", "\"": "\""}


def _quoted_clauses(scope: Scope, at: int) -> bool:
    """Is the count right after a quotation that holds clause stops (“甲多、乙少，丙高、丁低”
    三大矛盾)?  Its items may be the clauses, not the 、 pieces: the cut is not certain."""
    view = scope.view
    if at <= scope.lo or view[at - 1] not in _CLOSE_QUOTES:
        return False
    opening = view.rfind(_OPENING_OF[view[at - 1]], max(scope.lo, at - MAX_LOOKBACK), at - 1)
    return opening >= 0 and any(c in view[opening:at] for c in "，,；;")


def _inline_list(scope: Scope, start: int, end: int, numeral: str, word_end: Optional[int],
                 paired: bool = False) -> Optional[Listed]:
    """The items before an inline count: a 、 list, quoted items, or for 双/两 a pair (甲和乙,
    存量增量), or levels run together (县乡村三级).  双 after a 、 list is left alone (it is as
    often part of a name: 双一流, 双城, 金华双龙) unless the items are quoted or ``paired``:
    the list is the subject of a predicate before the count (甲、乙实现“双下降”)."""
    enumerated = "、" in scope.view[start:end]
    quoted = _quoted_run(scope, start, end)
    if quoted is not None:
        return quoted
    if enumerated and paired:
        listed = _subjects(scope, start, end)
        return listed if listed is not None and (numeral != "双" or len(listed.items) == 2) else None
    if numeral == "双" or (numeral == "两" and not enumerated):
        return _pair(scope, start, end, run_together=numeral == "双" or (
            word_end is not None and scope.view[word_end - 1] in "个大种类项"))
    if not enumerated and word_end is not None and scope.view[word_end - 1] == "级":
        return _levels(scope, start, end)
    return _enumeration(scope, start, end) if enumerated else None


def _subjects(scope: Scope, start: int, end: int) -> Optional[Listed]:
    """The 、 list that is the subject of a predicate before the count (固定资产投资、引进外资、
    常住人口实现“三个翻番”): its items run from the clause's start, verbs and all, the
    first without the clause's lead verb (推动｜甲、乙实现…).  A reading: never sure."""
    view = scope.view
    items: list[Item] = []
    at = start
    for piece in view[start:end].split("、"):
        item = _strip(scope, at, at + len(piece))
        if item is None or item.end - item.start > MAX_ITEM:
            return None
        items.append(item)
        at += len(piece) + 1
    if len(items) < 2:
        return None
    cut = _lead_end(scope, items[0].start, items[0].end)
    if cut is not None and not cut.group("count") and items[0].end - cut.end() >= 2:
        items[0] = Item(cut.end(), items[0].end)
    return Listed(tuple(items), False)


def _levels(scope: Scope, start: int, end: int) -> Optional[Listed]:
    """Levels of government written back to back before 级 (县乡村三级, 省市县四级): each
    character an item.  A reading: the run may start inside a word (全省市县两级)."""
    levels = _lexicon().levels
    at = end
    while at > start and scope.view[at - 1] in levels:
        at -= 1
    if end - at < 2:
        return None
    return Listed(tuple(Item(i, i + 1) for i in range(at, end)), False)


def _echoed_ahead(scope: Scope, at: int, declared: int) -> Optional[Listed]:
    """A quoted count of a word (落实“三个着力推进”重点任务。) whose points follow in the next
    lines, each opening with that word (一是着力推进…): the points are its items.  A reading."""
    word = _echo_word(scope, at)
    if word is None:
        return None
    view = scope.view
    _, line_end = scope.paragraph(at)
    nodes, node_starts = scope.outline()
    run = _items_after(scope, nodes, node_starts, _skip_space(view, line_end, scope.hi))
    if run is None or len(run) != declared or not all(
            word in view[n.start:min(n.end, n.start + MAX_ECHO_HEAD)] for n in run):
        return None
    return Listed(tuple(Item(n.start, n.end) for n in run), False)


def _echo_word(scope: Scope, at: int) -> Optional[str]:
    """The word a quoted count repeats (“三个更加” → 更加), when one closes the quote at ``at``."""
    close = _ECHO_WORD.match(scope.view, at, scope.hi)
    return close.group("word") if close else None


def _skip_space(view: str, at: int, hi: int) -> int:
    while at < hi and view[at] in " \t\u3000\n":
        at += 1
    return at


def _echoed(scope: Scope, quote: int, at: int, declared: int) -> Optional[Listed]:
    """A quoted count of a word (对照“三个更加”) after clauses that each say it (…更加完善，
    …更加优美，…更加安全), in its sentence or the one before: the run of them closest
    before is the items.  A reading, kept only where it agrees: a word as common as 更加
    recurs in clauses that are no list."""
    word = _echo_word(scope, at)
    if word is None:
        return None
    view = scope.view
    floor = max(scope.lo, quote - MAX_ECHO)
    items: list[Item] = []
    for clause in reversed(list(_CLAUSE.finditer(view, floor, quote))):
        if word in clause.group():
            items[:0] = _saying(scope, clause.start(), clause.end(), word)
        elif items:
            break
    return Listed(tuple(items), False) if len(items) == declared >= 2 else None


def _saying(scope: Scope, start: int, end: int, word: str) -> list[Item]:
    """The clause ``[start, end)`` as the items that say ``word``: one, or where it says the
    word more than once, its 、 pieces that do (甲稳居上游、乙稳居上游)."""
    text = scope.view[start:end]
    if text.count(word) < 2:
        item = _strip(scope, start, end)
        return [item] if item is not None else []
    items, at = [], start
    for piece in text.split("、"):
        item = _strip(scope, at, at + len(piece))
        if item is not None and word in piece:
            said = at + piece.index(word)
            cut = _lead_end(scope, item.start, said) if not items else None  # 要实现｜甲稳居…
            items.append(Item(cut.end(), item.end) if cut is not None else item)
        at += len(piece) + 1
    return items


def _quoted_run(scope: Scope, start: int, end: int) -> Optional[Listed]:
    """Quoted items written back to back before the count (做好“甲”“乙”“丙”三篇文章): the
    quotes cut them.  Sure when nothing but the clause's verb stands before the run."""
    view = scope.view
    items: list[Item] = []
    pos = end
    while pos - 2 >= start and view[pos - 1] in _CLOSE_QUOTES:
        opening = view.rfind(_OPENING_OF[view[pos - 1]], max(start, pos - 2 - MAX_ITEM), pos - 1)
        if opening < 0 or not _HAN_ONLY.fullmatch(view[opening + 1:pos - 1]):
            break
        items.insert(0, Item(opening + 1, pos - 1))
        pos = opening
        if pos - 1 >= start and view[pos - 1] == "、" and items and view[pos - 2:pos - 1] in _CLOSE_QUOTES:
            pos -= 1  # “甲”、“乙”: the 、 between quoted items
    if len(items) < 2 or (pos > start and view[pos - 1] == "、"):
        return None  # an unquoted item before them: the list is longer
    lead = view[start:pos]
    ends = [m for m in _lexicon().lead_end.finditer(view, start, pos) if m.end() == pos]
    sure = not lead.strip() or any(not m.group("conj") and not m.group("count") for m in ends)
    return Listed(tuple(items), sure)


def _names_them(scope: Scope, at: int, listed: Listed) -> bool:
    """A quoted count names the list only when its words are the items' (政治生态、自然生态
    “两个生态”)."""
    head = _HEAD_NOUN.match(scope.view, at, min(scope.hi, at + 8))
    return bool(head) and any(all(ch in scope.view[i.start:i.end] for i in listed.items) for ch in head.group())


def _elaborated(scope: Scope, at: int) -> Optional[Listed]:
    """A topic sentence naming N things by one shared character (深化“大城三管”。) and the
    sentences after it taking them up one by one, each opening alike with its own
    (在细管上…。在智管上…。在众管上…): the items are those openings.  A reading only."""
    view, word = scope.view, scope.view[at]
    stop = _TOPIC_END.match(view, at + 1, scope.hi)
    if stop is None:
        return None
    _, line_end = scope.paragraph(stop.end())
    items: list[Item] = []
    opening = None
    for sentence in _SENTENCE.finditer(view, stop.end(), line_end):
        start = sentence.start()
        head = view[start:start + OPENING]
        k = head.find(word, 1)
        if k < 0 or (opening is not None and head[0] != opening):
            if not items:
                return None  # the first sentence after the topic must take up an item
            continue
        opening = head[0]
        items.append(Item(start, start + k + 1))
    return Listed(tuple(items), False) if len(items) >= 2 else None


def _count_word(view: str, at: int, numeral: str) -> tuple[Optional[int], bool]:
    """Where the count's classifier ends, and whether it names the kind of the items (三大,
    两项, 三级 before a noun) rather than counting things of those kinds (三所, 四个)."""
    if numeral == "双":
        return at, False
    lex = _lexicon()
    if view[at:at + 1] not in lex.classifier_starts:
        return None, False  # what the match below finds (most candidates: 三年, 两会)
    m = lex.count_word.match(view, at)
    return (m.end(), m.group("summary") is not None) if m else (None, False)


def _closes_list(view: str, at: int, hi: int) -> bool:
    """Does the count phrase sum up the list, or is it part of one more item (残疾人两项补贴、
    散居…; 三大球运动会等) or a grade (三级以上公路)?"""
    head = _HEAD_NOUN.match(view, at, min(hi, at + 12))
    words, after = (head.group(), head.end()) if head else ("", at)
    follows = view[after:after + 1]
    return not (_lexicon().grade.search(words) or "等" in words[:MAX_HEAD]
                or (follows == "、" and len(words) <= MAX_HEAD))


def _parallel(items: tuple[Item, ...]) -> bool:
    """Items of one list are alike in length (省、市、开发区 but not 电子证照、公立医院检查结果
    before a count of something else)."""
    lengths = [i.end - i.start for i in items]
    return max(lengths) <= 2 * min(lengths) + 1


def _quantities_in(scope: Scope, listed: Listed) -> bool:
    """A list of quantities (甲村3户、乙村5户) breaks a total down: no list of items.  A
    Han numeral inside a name (三门峡) is none."""
    return any(_DIGIT.search(f.text) or f.end == item.end
               for item in listed.items for f in scope.figures_in(item.start, item.end))


def _clause_start(scope: Scope, at: int) -> int:
    """The start of the clause ``at`` is in (a bounded look back): just after the last of
    _LAST_CLAUSE_STOP's characters in ``[floor, at)``.  Every one of them is a clause stop
    of the scope (``Scope.clause_stops``: these, and periods not before a digit), so the
    last is found by bisection there, periods skipped, rather than by a search backwards
    (asked of every candidate count).  A scope without figures found no stops."""
    view = scope.view
    floor = max(scope.lo, at - MAX_LOOKBACK)
    if not scope.figures:
        stop = _LAST_CLAUSE_STOP.search(view, floor, at)
        return stop.end() if stop else floor
    stops = scope.clause_stops
    k = bisect.bisect_left(stops, at) - 1
    while k >= 0 and stops[k] >= floor:
        if view[stops[k]] not in _PERIODS:
            return stops[k] + 1
        k -= 1
    return floor


def _lead_end(scope: Scope, start: int, end: int, conjunctions: bool = True) -> Optional[regex.Match]:
    """The last verb, conjunction or count in ``[start, end)`` that leaves something after
    it: the item starts there (充分发挥｜甲, 推进生态建设 is cut after 推进, not 建设).
    ``conjunctions`` False: 和/及 inside a 、 item join its own parts (纤维及复合材料)."""
    joining = {m.start() for m in _conjunctions(scope, start, end)} if conjunctions else set()
    last = None
    for m in _lexicon().lead_end.finditer(scope.view, start, end):
        if m.group("conj") and m.start() not in joining:
            continue
        if _strip(scope, m.end(), end) is not None:
            last = m
    return last


def _enumeration(scope: Scope, start: int, end: int) -> Optional[Listed]:
    """The 、-separated items right before ``end``, from the last one back to the first
    (whose start is where the clause's verb ends); None when the last item is not a short
    noun (甲、乙联合开展三项 counts what they do, not them) or opens a quote the count is in
    (“广德三件套”)."""
    lex, view = _lexicon(), scope.view
    seps = occurrences(view, "、", start, end)
    bounds = list(zip([start] + [s + 1 for s in seps], seps + [end]))
    last = _strip(scope, *bounds[-1])
    if last is not None and view[last.end - 1] == "的":  # 甲、乙、丙的三大…
        last = _strip(scope, last.start, last.end - 1)
    if (last is None or last.end - last.start > MAX_ITEM or view[last.start:last.end].endswith(lex.open_ends)
            or _has_verb(scope, last) or _has_count(scope, last) or _open_quote(view, *bounds[-1])):
        return None
    sure, guessed = True, False
    items = _conjoined(scope, last) or [last]
    if len(items) > 1:
        sure = False
    for k in range(len(bounds) - 2, -1, -1):
        s, e = bounds[k]
        cut = _lead_end(scope, s, e, conjunctions=False)
        if cut is not None:
            item = _modified(scope, _strip(scope, cut.end(), e))
            if item is None:
                return None if len(items) < 2 else Listed(tuple(items), False)
            items.insert(0, item)
            sure = sure and k == 0 and not cut.group("count")
            break
        item = _strip(scope, s, e)
        if item is None:
            return None
        if k == 0:
            item = _modified(scope, item)
        if k == 0 or item.end - item.start > MAX_ITEM:
            if item.end - item.start > (items[0].end - items[0].start) + 1:  # no verb ends the lead:
                item, guessed = Item(e - (items[0].end - items[0].start), e), True  # as long as the next item
            items.insert(0, item)
            sure = sure and k == 0 and not guessed
            break
        items.insert(0, item)
    if len(items) < 2:
        return None
    if sure and any(i.end - i.start > MAX_SURE_ITEM or _DIGIT.search(view, i.start, i.end)
                    or _conjunctions(scope, i.start, i.end) for i in items):
        sure = False
    return Listed(tuple(items), sure, guessed)


def _modified(scope: Scope, item: Optional[Item]) -> Optional[Item]:
    """The first item without what modifies the whole list or ends the verb before it:
    群众最关心的｜教育、医疗…, 完成了｜乡镇、村两级."""
    if item is None:
        return None
    text = scope.view[item.start:item.end]
    start = item.start + max(text.rfind("的") + 1, 1 if text.startswith("了") else 0)
    return Item(start, item.end) if start < item.end else item


def _open_quote(view: str, start: int, end: int) -> bool:
    """A quote opened in ``[start, end)`` and not closed: the count is inside a name."""
    depth = 0
    for ch in view[start:end]:
        if ch in "“「『":
            depth += 1
        elif ch in "”」』" and depth:
            depth -= 1
    return depth > 0


def _has_verb(scope: Scope, item: Item) -> bool:
    """甲、乙联合开展三项, 深入贯彻中央八项规定: the count is a verb's object (or part of
    its name), not the items' number; the item before a summing count is a noun."""
    lex = _lexicon()
    return bool(lex.not_in_last.search(scope.view, item.start, item.end)
                or lex.verb.search(scope.view, item.start, item.end))


def _has_count(scope: Scope, item: Item) -> bool:
    """Is the first verb, conjunction or count in ``item`` a count (甲、乙两个｜片区)?"""
    if not _COUNT_DIGIT.search(scope.view, item.start, item.end):
        return False  # a count in lead_end starts with one of these: none, no count
    m = _lexicon().lead_end.search(scope.view, item.start, item.end)
    return bool(m and m.group("count"))


def _pair(scope: Scope, start: int, end: int, run_together: bool) -> Optional[Listed]:
    """Two items before 双/两: 甲和乙 (the first from the clause's verb on), or two
    two-character words that share a character, run together (存量增量, 线上线下; not
    一圈一带, where 两区 goes on the series)."""
    view = scope.view
    whole = _strip(scope, start, end)
    if whole is None:
        return None
    found = _conjunctions(scope, whole.start, whole.end)
    joined = found[-1] if found else None
    if joined is not None:
        second = _strip(scope, joined.end(), whole.end)
        tail = _lexicon().pair_tail.search(view, second.start, second.end) if second else None
        if tail is not None and tail.start() > second.start:
            second = _strip(scope, second.start, tail.start())
        if second is None or second.end - second.start > MAX_ITEM or _has_verb(scope, second):
            return None
        cut = _lead_end(scope, whole.start, joined.start())
        first = _strip(scope, cut.end() if cut else whole.start, joined.start())
        if first is None or "、" in view[first.start:first.end]:
            return None
        if cut is None and first.end - first.start > (second.end - second.start) + 1:
            first = Item(first.end - (second.end - second.start), first.end)  # as long as the second
        return Listed((first, second), False)
    if run_together and whole.end - whole.start >= 4:
        a, b = view[whole.end - 4:whole.end - 2], view[whole.end - 2:whole.end]
        if (_HAN_FOUR.fullmatch(a + b) and a != b and (a[0] == b[0] or a[1] == b[1])
                and not _NUMBER_BEFORE.match(a) and not _NUMBER_BEFORE.match(b)):
            return Listed((Item(whole.end - 4, whole.end - 2), Item(whole.end - 2, whole.end)), False)
    return None


# -- a count figure and the list naming its items -------------------------------------

def _named_lists(scope: Scope) -> Iterator[StatedRelation]:
    """新增书屋3个，分别是：甲、乙、丙 / 新建服务站4个。新建服务站是：甲、乙、丙、丁 /
    在谈项目2个：一是…，二是… (a reading: the points may as well sort the things counted)."""
    labels = _label_colons(scope)
    for fig in scope.figures:
        if (fig.kind != "count" or fig.iv.lo != fig.iv.hi or fig.value != int(fig.value)
                or not 2 <= fig.value <= MAX_NAMED):
            continue
        if fig.end < scope.hi and scope.view[fig.end] in "：:":
            nodes, node_starts = scope.outline()
            run = _points_after(scope, nodes, node_starts, fig.end + 1)
            if run is not None:
                yield declared_count(scope, fig.start, fig.end, fig.numeral, int(fig.value), run, asserted=False)
                continue
        at = _naming_after(scope, fig, labels)
        if at is None:
            continue
        listed = _named(scope, at)
        if listed is not None:
            yield declared_count(scope, fig.start, fig.end, fig.numeral, int(fig.value), listed.items, listed.sure)


# What every match of _LABELLED ends with, and how far after its start that may be.
_LABEL_COLONS = ("是：", "是:", "为：", "为:")
_LABEL_REACH = 8 + 2 + 2  # _LABELLED's longest label, 分别, then 是：


def _label_colons(scope: Scope) -> list[int]:
    """Where the document writes 是：/为： (what ends every label _naming_after looks for;
    rare), in order: a figure with none in reach of its next sentence is named by no label."""
    return sorted(at for word in _LABEL_COLONS for at in occurrences(scope.view, word, scope.lo, scope.hi))


def _naming_after(scope: Scope, fig: Figure, labels: list[int]) -> Optional[int]:
    """Where the list naming ``fig``'s items starts: right after it (，分别是：), or in
    the next sentence opened by the figure's own label (新建服务站是：).  ``labels``: the
    offsets of :func:`_label_colons`."""
    view = scope.view
    m = _lexicon().naming.match(view, fig.end, scope.hi)
    if m:
        return m.end()
    # The label starts right after a 。 found at most MAX_SENTENCE_AFTER characters on.
    i = bisect.bisect_left(labels, fig.end)
    if i == len(labels) or labels[i] >= fig.end + MAX_SENTENCE_AFTER + _LABEL_REACH:
        return None
    stop = _SENTENCE_END.search(view, fig.end, min(scope.hi, fig.end + MAX_SENTENCE_AFTER))
    if stop is None or stop.group() != "。":
        return None
    head = _LABELLED.match(view, stop.end(), scope.hi)
    if head and head.group("label") in scope.lead(fig):
        return head.end()
    return None


def _named(scope: Scope, at: int) -> Optional[Listed]:
    """The named items, to the end of the sentence: cut at 、 (sure) or at ， (a reading)."""
    end = _end_of_list(scope, at)
    text = scope.view[at:end]
    if scope.figures_in(at, end) or text.rstrip().endswith(_lexicon().open_ends):
        return None
    if "、" in text:
        listed = _split(scope, at, end, "、，," if _COMMA.search(text) else "、", sure=True,
                        limit=MAX_NAMED_ITEM, sure_limit=MAX_NAMED_ITEM)
        if listed is not None and _COMMA.search(text):
            listed = Listed(listed.items, False)
        return listed
    if _COMMA.search(text):
        return _split(scope, at, end, "，,", sure=False, limit=MAX_NAMED_ITEM)
    return None
