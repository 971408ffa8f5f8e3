"""分别 alignment: the subjects before 分别 and the figures after it pair one to one.

城镇、农村居民收入分别增长4.4%、5.9%: two subjects, two figures.  A list that lost or gained
an item in editing (甲、乙、丙分别增长5%、6%) leaves a reader unable to tell which figure is
whose.  The subjects are the 、-separated items of the clause before 分别; a 和/与/及 may join
two more (高中阶段和高等教育毛入学率 is two), so both counts are readings and either one
agrees.  Checked only when the subjects are a 、 list (two or more items) of one clause with
no 等 (an open list), and the figures are a list of one clause right after 分别.
"""

from __future__ import annotations

from typing import Iterator

import regex

from ..cache import compile_regex
from .base import StatedRelation, register
from .figures import Figure, Scope, cue_pattern
from .interval import Interval

MAX_SUBJECTS_TEXT = 60  # characters of the clause before 分别 looked at for its subjects
_RESPECTIVELY = compile_regex(r"分别")
_CLAUSE_STOP = compile_regex(r"[，,。；;：:！？!?\n（）()“”「」]")
_JOINERS = compile_regex(r"和|与|及|以及")
_VALUE_GAP = compile_regex(r"\s*(?:、|和|与|及|以及)\s*")
_NEXT_CLAUSE_FIGURE = compile_regex(r"[，,]\s*[\d一二三四五六七八九十两]")


@register("respectively", ("ZJ211",), "as many figures after 分别 as subjects before it")
def find(scope: Scope) -> Iterator[StatedRelation]:
    if not scope.figures:
        return
    open_list = cue_pattern("respectively", "open_list")
    for m in _RESPECTIVELY.finditer(scope.view, scope.lo, scope.hi):
        subjects = _subjects(scope, m.start())
        if subjects is None or open_list.search(subjects):
            continue
        by_dun = subjects.count("、") + 1
        if by_dun < 2:
            continue
        by_all = by_dun + len(_JOINERS.findall(subjects))
        values = _values(scope, m.end())
        if len(values) < 2 or _more_values_follow(scope, values[-1]):
            continue
        yield _relation(scope, m, by_dun, by_all, values)


def _subjects(scope: Scope, at: int) -> str | None:
    """The clause before 分别 (its subjects and their shared noun), or None when it runs
    too long to be a list of subjects."""
    lo = max(scope.lo, at - MAX_SUBJECTS_TEXT)
    stops = list(_CLAUSE_STOP.finditer(scope.view, lo, at))
    start = stops[-1].end() if stops else lo
    if not stops and lo > scope.lo:
        return None
    return scope.view[start:at]


def _values(scope: Scope, at: int) -> list[Figure]:
    """The figures listed right after 分别 (为/达到/增长 … then 18.6%、13.4%): consecutive
    figures joined only by 、 or 和/与/及, starting within a few characters."""
    figures = scope.figures_in(at, min(scope.hi, at + 200), near=at)
    if not figures or figures[0].start - at > 8 or _CLAUSE_STOP.search(scope.view, at, figures[0].start):
        return []
    values = [figures[0]]
    for fig in figures[1:]:
        if not _VALUE_GAP.fullmatch(scope.view, values[-1].end, fig.start):
            break
        values.append(fig)
    return values


def _more_values_follow(scope: Scope, last: Figure) -> bool:
    """Does the list of figures perhaps go on?  A digit right after it, or a comma and a
    figure (37座、14座，6部作品…: more often the next clause, but the list's end is then
    not certain)."""
    rest = scope.view[last.end:last.end + 3]
    return bool(rest) and (rest[0] in "0123456789" or bool(_NEXT_CLAUSE_FIGURE.match(rest)))


def _relation(scope: Scope, m: regex.Match, by_dun: int, by_all: int, values: list[Figure]) -> StatedRelation:
    start, end = values[0].start, values[-1].end
    text = scope.text[start:end]
    stated = Figure("count", ("items",), Interval.exact(len(values)), start, end, text, str(len(values)), 0,
                    len(values))
    counts = f"{by_dun}" if by_dun == by_all else f"{by_dun}～{by_all}"
    return StatedRelation(
        "respectively", "ZJ211", stated, tuple(("value", f) for f in values), Interval(by_dun, by_all),
        f"{counts} 项", "",
        (f"“分别”前 {counts} 项，其后 {len(values)} 个数，一一对应",
         f"“分别”前列出 {counts} 项，其后却有 {len(values)} 个数，无法一一对应"),
        stated_role="values", span=(m.start(), end),
        legacy=(("subjects", [by_dun, by_all]), ("values", len(values))))
