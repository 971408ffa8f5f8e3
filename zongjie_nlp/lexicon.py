"""The word lists of ``rules/lexicon/``, each loaded once.

A word list is data a contributor edits without touching code: the classifiers a count is
recognised by, the words that hold a numeral character but state no number, the genres and
their cues, the cues of page furniture.  Modules ask this one for their words rather than
reading the YAML themselves, so that each list is read (and its shape checked) in one place.
Rules (``rules/*.yaml``) and relation cues (``rules/relations/``) are not word lists and are
loaded by the checks and the relation kinds.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .model import Record
from .resources import load_yaml

__all__ = ["Classifiers", "boilerplate_cues", "classifiers", "genres", "not_numerals"]

CLASSIFIER_CATEGORIES = ("people", "orgs", "items")
FURNITURE_KINDS = ("breadcrumb", "views", "blurb")


class Classifiers(Record):
    """``rules/lexicon/classifiers.yaml``: the category of each classifier (the first category
    listing a word wins) and the words after which a classifier is no count."""

    category: dict[str, str]  # classifier → people | orgs | items
    not_after: dict[str, tuple[str, ...]]  # last character of a classifier → words that may not follow
    not_after_ge: tuple[str, ...]  # words that may not follow 个 (个月: a duration)

    def longest_first(self) -> list[str]:
        """The classifiers, longest first: a regex alternation then prefers 个单位 to 个."""
        return sorted(self.category, key=len, reverse=True)


@lru_cache(maxsize=1)
def classifiers() -> Classifiers:
    """The classifiers (量词) a count is recognised by, with their categories."""
    data = load_yaml("lexicon/classifiers.yaml")
    category: dict[str, str] = {}
    for cat in CLASSIFIER_CATEGORIES:
        for word in data[cat]:
            category.setdefault(word, cat)
    return Classifiers(
        category=category,
        not_after={k: tuple(v) for k, v in (data.get("not_after") or {}).items()},
        not_after_ge=tuple(data.get("not_after_ge") or ()),
    )


@lru_cache(maxsize=1)
def not_numerals() -> tuple[str, ...]:
    """Words that hold a numeral character but state no number (登陆, 四川, 一切)."""
    return tuple(load_yaml("lexicon/not_numerals.yaml")["words"])


@lru_cache(maxsize=1)
def genres() -> dict[str, dict[str, Any]]:
    """The genre entries of ``rules/lexicon/genres.yaml`` in the order they are tried (the
    patterns as written; :func:`zongjie_nlp.profile.genres` compiles them)."""
    return dict(load_yaml("lexicon/genres.yaml"))


@lru_cache(maxsize=1)
def boilerplate_cues() -> dict[str, tuple[str, ...]]:
    """The cue words of each kind of page furniture, most telling first (``boilerplate`` finds the
    lines by them; the structure check quotes the first that a line holds)."""
    data = load_yaml("lexicon/boilerplate.yaml")
    return {kind: tuple(data[kind]) for kind in FURNITURE_KINDS}
