"""Frozen data model shared by the parser, the checks, the formatters and the drafter.

Every position is a Python code-point offset into the one normalised text of a
:class:`Report` (``report.text``).  Lines and columns are 1-based and derived from
those offsets, so every consumer (JSON, ``--fix``, HTML, Word comments) points at the
same characters.
"""

from __future__ import annotations

import bisect
import re
import sys
from array import array
from collections import namedtuple
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any, Iterator, Literal, Optional

QuantityKind = Literal["money", "count", "percent", "points"]
Severity = Literal["info", "warning", "error"]
SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}
_AFTER_ANY = float("inf")  # sorts after every end offset: bisects (offset, _AFTER_ANY) among spans


class _RecordType(type):
    """Makes each subclass of :class:`Record` a ``collections.namedtuple`` with the class's
    fields (its annotations, in order), defaults, docstring and methods, as
    ``typing.NamedTuple`` does, but without evaluating the annotations."""

    def __new__(mcls, name: str, bases: tuple, namespace: dict[str, Any]):
        if not bases:  # Record itself
            return super().__new__(mcls, name, bases, namespace)
        annotations = namespace.get("__annotations__", {})
        fields = tuple(annotations)
        defaults = [namespace[f] for f in fields if f in namespace]
        if any(f not in namespace for f in fields[len(fields) - len(defaults):]):
            raise TypeError(f"{name}: a field without a default follows one with a default")
        record = namedtuple(name, fields, defaults=defaults, module=namespace["__module__"])
        record.__annotations__ = annotations
        for key, value in namespace.items():
            if key not in annotations and key not in ("__module__", "__annotations__"):
                setattr(record, key, value)
        return record


if TYPE_CHECKING:  # type checkers know named tuples by this name
    from typing import NamedTuple as Record
else:
    class Record(metaclass=_RecordType):
        """Base of the package's named tuples: ``class Span(Record): start: int; end: int = 0``
        makes the same class as ``typing.NamedTuple`` would.

        Why: ``typing.NamedTuple`` turns every annotation into a ``ForwardRef`` (each a small
        compilation: with ``from __future__ import annotations`` every annotation is a string)
        and checks it; a cold ``zongjie-lint`` creates about forty such classes, and that
        typing work cost it ~5 ms.  Nothing reads the annotations at run time (they stay
        strings in ``__annotations__``)."""


_LINE_END = re.compile("\n")


class LineIndex:
    """Maps code-point offsets to 1-based (line, column) with a bisect over line starts."""

    def __init__(self, text: str) -> None:
        # An array, not a list: a 20 MB page has hundreds of thousands of lines, and a list
        # would hold an int object for each (eight times the memory).
        # (Each line end's match read by an unbound method, in C: no Python step per line.)
        self.starts = array("q", [0])
        self.starts.extend(map(re.Match.end, _LINE_END.finditer(text)))
        self.length = len(text)

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self.starts[line - 1]

    def line_end(self, line: int) -> int:
        """Offset just past the last character of ``line`` (before its newline)."""
        if line < len(self.starts):
            return self.starts[line] - 1
        return self.length


class Quantity(Record):
    """A figure in the text: money, a count, a percentage or percentage points.

    ``value`` is normalised (money in yuan, percent in percent units).  ``low``/``high``
    bound the true value: the rounding interval of the digits as written, widened by
    approximation words (多/余/近/约/左右/超过…).  ``high`` is ``None`` when unbounded.
    """

    kind: QuantityKind
    text: str
    value: float
    unit: str
    start: int
    end: int
    line: int
    col: int
    category: Optional[str] = None  # counts: people | orgs | items | times | other
    approx: bool = False
    decimals: int = 0
    low: Optional[float] = None
    high: Optional[float] = None
    number_text: str = ""  # the numeral part as written (e.g. "13.02萬", "三千二百多")
    arabic: bool = True  # written with Arabic digits (GB/T 15835 consistency checks)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.category is not None:
            data["category"] = self.category
        data.update(
            value=_plain_number(self.value),
            unit=self.unit,
            approx=self.approx,
            decimals=self.decimals,
            low=_plain_number(self.low),
            high=_plain_number(self.high),
            line=self.line,
            col=self.col,
            start=self.start,
            end=self.end,
        )
        return data


class OutlineNode(Record):
    """A numbered heading or point.  ``start``/``end`` cover the marker and the title;
    ``body_end`` is where the node's whole section ends (next sibling or ancestor)."""

    marker: str
    number: int
    style: str
    level: int
    title: str
    line: int
    col: int
    start: int
    end: int
    body_end: int
    inline: bool = False  # an enumeration inside a paragraph (…。一是…，二是…)
    part: str = "body"  # the document part holding it: body | annex | glossary
    children: tuple["OutlineNode", ...] = ()

    def walk(self):
        """Yield this node and all its descendants in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def to_json(self) -> dict[str, Any]:
        return {
            "marker": self.marker,
            "number": self.number,
            "style": self.style,
            "level": self.level,
            "title": self.title,
            "line": self.line,
            "col": self.col,
            "start": self.start,
            "end": self.end,
            "inline": self.inline,
            "part": self.part,
            "children": [c.to_json() for c in self.children],
        }


class Boilerplate(Record):
    """Page furniture that is not part of any summary (breadcrumbs, view counts…)."""

    kind: str
    text: str
    start: int
    end: int
    line: int
    col: int


PART_KINDS = ("front", "contents", "body", "annex", "glossary")


class Part(Record):
    """A part of a document: its title block (``front``), a table of contents, the body, an
    annex (附件) or a glossary (名词解释/注释).  Annexes and glossaries number their own points
    (``outline``); the front matter and a table of contents have none."""

    kind: str  # one of PART_KINDS
    title: str  # 附件1 / the annex's title line / 名词解释 / 目录; "" for front and body
    start: int
    end: int
    line: int
    outline: tuple[OutlineNode, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "title": self.title, "start": self.start,
                                "end": self.end, "line": self.line}
        if self.kind in ("annex", "glossary"):  # the body's outline is the document's "outline"
            data["outline"] = [n.to_json() for n in self.outline]
        return data


class Closing(Record):
    """The 落款 at the end of a document: where its signature (署名) and its date (成文日期)
    are written, each a ``(start, end)`` span or ``None``.  The signature is the line before
    the date, the part of the date's own line before the date (某某局 2024年1月5日), or, with
    no date, a last line that reads as one."""

    signature: Optional[tuple[int, int]] = None
    date: Optional[tuple[int, int]] = None


class Document(Record):
    """One summary on the page.  ``start``/``end`` span its title line through its last line.

    The parser records once what every reader of a document needs and would otherwise work out
    again: ``body``, its text as sorted disjoint ``(start, end)`` spans with the page furniture
    left out (the checks, the relation finder and the quantities read only these); ``closing``,
    its 落款; ``dates``, where a date is written in its body.  None of the three is in
    ``to_json()``: the outline JSON is a contract that only grows by decision."""

    title: str
    line: int
    start: int
    end: int
    outline: tuple[OutlineNode, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    genre: str = "summary"  # summary | duty-report | speech-report | plan (rules/lexicon/genres.yaml)
    parts: tuple[Part, ...] = ()  # in text order; ``outline`` is the body's
    body: tuple[tuple[int, int], ...] = ()
    closing: Optional[Closing] = None
    dates: tuple[tuple[int, int], ...] = ()

    def in_body(self, offset: int) -> bool:
        """Whether ``offset`` is in the document's text, not in page furniture (a bisect, so a
        check may ask it of every character)."""
        i = bisect.bisect_right(self.body, (offset, _AFTER_ANY)) - 1
        return i >= 0 and offset < self.body[i][1]

    def outlines(self) -> list[tuple[str, int, tuple[OutlineNode, ...]]]:
        """(part kind, where the part starts, its top-level points) for the body and every annex
        and glossary, in text order: numbering restarts in each."""
        if not self.parts:
            return [("body", self.start, self.outline)]
        return [(p.kind, p.start, self.outline if p.kind == "body" else p.outline)
                for p in self.parts if p.kind in ("body", "annex", "glossary")]

    def nodes(self):
        """All outline nodes of every part, in document order."""
        for _, _, outline in self.outlines():
            for node in outline:
                yield from node.walk()

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "line": self.line,
            "start": self.start,
            "end": self.end,
            "genre": self.genre,
            "parts": [p.to_json() for p in self.parts],
            "outline": [n.to_json() for n in self.outline],
            "quantities": [q.to_json() for q in self.quantities],
        }


class TableCell(Record):
    """One cell of a table: where it stands in the grid (0-based; a merged cell spans
    ``row_span`` × ``col_span`` positions) and where its text is in ``report.text``."""

    row: int
    col: int
    row_span: int
    col_span: int
    start: int
    end: int
    text: str


class Table(Record):
    """A table of the input (a Word table, or a Markdown pipe table in text): its cells in
    reading order.  ``number`` is its place among the input's tables (表1, 表2 …)."""

    number: int
    start: int
    end: int
    cells: tuple[TableCell, ...]

    @property
    def rows(self) -> int:
        return max((c.row + c.row_span for c in self.cells), default=0)

    @property
    def cols(self) -> int:
        return max((c.col + c.col_span for c in self.cells), default=0)

    def grid(self) -> list[list[Optional[TableCell]]]:
        """Rows × columns, a merged cell standing at every position it covers (None where a
        row has no cell)."""
        grid: list[list[Optional[TableCell]]] = [[None] * self.cols for _ in range(self.rows)]
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.row_span):
                for c in range(cell.col, cell.col + cell.col_span):
                    grid[r][c] = cell
        return grid


@dataclass(frozen=True, slots=True)
class Report:
    """The parse of one input: its normalised text, script, documents and page furniture."""

    text: str
    path: Optional[str]
    encoding: str
    script: str  # simplified | traditional | mixed | unknown
    documents: tuple[Document, ...]
    boilerplate: tuple[Boilerplate, ...] = ()
    simplified: str = ""  # char-aligned simplified view of ``text`` (same length)
    index: LineIndex = field(default=None, repr=False, compare=False)  # type: ignore[assignment]
    norm: str = "gb"  # the punctuation and number convention the text follows: gb | tw | hk
    # ``simplified`` with the characters of written figures (０-９ ％ ．) in ASCII, char-aligned:
    # what quantities are read on; "" when the report was made without it.
    figures: str = field(default="", repr=False, compare=False)
    # A long input is checked in segments (:meth:`zongjie_nlp.parser.Page.segments`): each is a
    # report of the whole page's text holding the documents of ``text[segment[0]:segment[1]]``
    # only.  ``None``: the report holds every document of the page.
    segment: Optional[tuple[int, int]] = field(default=None, compare=False)
    # The input's tables, every one in every segment's report (a table check asks which
    # tables its segment holds).
    tables: tuple[Table, ...] = field(default=(), compare=False)

    @property
    def holds_page_start(self) -> bool:
        """Whether this report holds the start of the page: what is said once per page (the
        text before the first document, page furniture) is said by this report."""
        return self.segment is None or self.segment[0] == 0

    def line_col(self, offset: int) -> tuple[int, int]:
        return self.index.line_col(offset)

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        return tuple(q for d in self.documents for q in d.quantities)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "encoding": self.encoding,
            "script": self.script,
            "norm": self.norm,
            "documents": [d.to_json() for d in self.documents],
            "boilerplate": [{"kind": b.kind, "text": b.text, "start": b.start, "end": b.end, "line": b.line, "col": b.col}
                            for b in self.boilerplate],
        }


class Fix(Record):
    """A replacement of ``text[start:end]`` by ``replacement``.

    ``applicability`` follows ruff: ``safe`` fixes are applied by ``--fix``; ``unsafe``
    ones only with ``--unsafe-fixes``; ``display`` ones are shown, never applied."""

    start: int
    end: int
    replacement: str
    applicability: Literal["safe", "unsafe", "display"] = "safe"

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement,
                "applicability": self.applicability}


class Category(Record):
    """A family of findings (arithmetic, numbering …), as ``rules/categories.yaml`` defines
    it: its label in a report and the colour it is highlighted in."""

    name: str
    label: str
    colour: str
    summary: str = ""


class Example(Record):
    """A rule's example.  ``bad`` texts mark the expected span with ``[[…]]``; ``fix`` is the
    expected replacement of that span (when the rule offers one); ``previous`` is last year's
    summary, for a rule that checks a text against it (ZJ216)."""

    text: str
    bad: bool
    fix: Optional[str] = None
    previous: Optional[str] = None


class Rule(Record):
    """Metadata of one rule: one entry of ``rules/<family>.yaml``.  ``examples`` are the
    rule's tests."""

    id: str
    name: str
    category: str
    severity: str
    summary: str
    rationale: str
    examples: tuple[Example, ...] = ()
    fixable: bool = False
    source: str = ""  # the rule file that defines it, for `zongjie rules ID`
    # The writing conventions the rule belongs to (gb: GB/T 15834/15835/9704; tw: Taiwan's
    # 重訂標點符號手冊; hk: Hong Kong practice).  A rule runs only on text of those norms.
    norms: tuple[str, ...] = ("gb", "tw", "hk")
    engine: str = "pattern"  # pattern: a regex or word list; logic: a check written in Python
    check: str = ""  # a logic rule's check function, ``module.function`` in zongjie_nlp.checks


class RelationOperand(Record):
    """One figure of a stated relation: where it is written and the part it plays
    (``part``, ``whole``, ``stated``, ``total``, ``item``, ``earlier``, ``later`` …)."""

    role: str
    start: int
    end: int
    text: str
    value: Optional[float] = None

    def to_json(self) -> dict[str, Any]:
        return {"role": self.role, "start": self.start, "end": self.end, "text": self.text,
                "value": _plain_number(self.value) if self.value is not None else None}


class RelationDetail(Record):
    """What an arithmetic finding computed: the relation's kind, its operands with their
    roles, the computed and the stated value (each with the interval it stands for) and the
    formula as a reader checks it (``39 ÷ 41 = 95.12% ≈ 95.1%``).

    ``legacy`` keeps the keys earlier versions wrote (``part``, ``whole``, ``total`` …), so
    the JSON of a finding stays what consumers already read."""

    relation: str
    operands: tuple[RelationOperand, ...]
    computed: Optional[float]
    stated: Optional[float]
    computed_range: tuple[Optional[float], Optional[float]]
    stated_range: tuple[Optional[float], Optional[float]]
    formula: str = ""
    holds: Optional[bool] = None
    legacy: tuple[tuple[str, Any], ...] = ()

    def role(self, name: str) -> list[RelationOperand]:
        return [op for op in self.operands if op.role == name]

    def to_json(self) -> dict[str, Any]:
        return {"relation": self.relation, **dict(self.legacy),
                "computed": self.computed, "stated": self.stated,
                "computed_range": list(self.computed_range), "stated_range": list(self.stated_range),
                "operands": [[op.start, op.end] for op in self.operands],
                "roles": [op.to_json() for op in self.operands],
                "formula": self.formula}


def detail_json(detail: Any) -> Any:
    """A finding's detail as JSON: typed details by their ``to_json``, dicts as they are."""
    return detail.to_json() if hasattr(detail, "to_json") else detail


class Occurrences(Sequence):
    """The occurrences of an aggregated finding (every half-width comma of a page, every
    character of the other script), each read as the dict a finding's details hold::

        {"start", "end", "line", "col", "text", "fix": None | {"start", "end", "replacement", "applicability"}}

    Kept as columns (offsets in arrays, each distinct text and replacement one interned string): a page of
    hundreds of thousands of occurrences costs tens of bytes for each, not a kilobyte of
    dicts, and a dict is made only when an occurrence is read."""

    __slots__ = ("_numbers", "_texts", "_replacements", "_applicability", "_none_fix")

    def __init__(self, rows: Iterable[tuple[int, int, int, int, str, Optional[str]]] = (),
                 applicability: str = "safe", none_fix: bool = True) -> None:
        """``rows``: ``(start, end, line, col, text, replacement or None)`` in text order;
        ``none_fix``: whether an occurrence without a fix reads ``"fix": None`` (else it has no
        ``fix`` key)."""
        self._numbers = array("q")  # start, end, line, col of each occurrence in turn
        self._texts: list[str] = []
        self._replacements: list[Optional[str]] = []
        self._applicability = applicability
        self._none_fix = none_fix
        for start, end, line, col, text, replacement in rows:
            self._numbers.extend((start, end, line, col))
            self._texts.append(sys.intern(text))
            self._replacements.append(replacement if replacement is None else sys.intern(replacement))

    @staticmethod
    def from_columns(starts: Sequence[int], ends: Sequence[int], lines: Sequence[int], cols: Sequence[int],
                     texts: Sequence[str], replacements: Sequence[Optional[str]], applicability: str = "safe",
                     none_fix: bool = True) -> "Occurrences":
        """The occurrences whose ``i``-th is ``starts[i]``, ``ends[i]``, … (as the rows of
        ``__init__``, a column each): a rule with tens of thousands of hits has them as
        columns already, and a row at a time costs a step of Python for each."""
        return _occurrences_from_columns(
            array("q", chain.from_iterable(zip(starts, ends, lines, cols))),
            _shared(texts), _shared(replacements), applicability, none_fix)

    def __len__(self) -> int:
        return len(self._texts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            return list(self._dicts(start, stop))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("occurrence index out of range")
        return next(self._dicts(index, index + 1))

    def __iter__(self) -> Iterator[dict]:
        return self._dicts(0, len(self))

    def _dicts(self, first: int, stop: int) -> Iterator[dict]:
        """The occurrences ``first`` to ``stop`` (exclusive), read in one pass over the columns
        (a JSON report reads every one of a page's hundreds of thousands)."""
        numbers = iter(self._numbers[4 * first: 4 * stop])
        applicability, none_fix = self._applicability, self._none_fix
        for start, end, line, col, text, replacement in zip(numbers, numbers, numbers, numbers, self._texts[first:stop],
                                                            self._replacements[first:stop]):
            occurrence = {"start": start, "end": end, "line": line, "col": col, "text": text}
            if replacement is not None:
                occurrence["fix"] = {"start": start, "end": end, "replacement": replacement, "applicability": applicability}
            elif none_fix:
                occurrence["fix"] = None
            yield occurrence

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Occurrences):
            return self.__reduce__()[1] == other.__reduce__()[1]
        return isinstance(other, (tuple, list)) and len(other) == len(self) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]  (a finding's details are not hashed)

    def __repr__(self) -> str:
        return f"Occurrences({len(self)} occurrences)"

    def __reduce__(self):
        return _unpickled_occurrences, (self._numbers, self._texts, self._replacements, self._applicability,
                                        self._none_fix)

    def __add__(self, other: "Occurrences") -> "Occurrences":
        """Both runs of occurrences, ``self``'s first."""
        return Occurrences.joined([self, other])

    @staticmethod
    def joined(runs: Iterable["Occurrences"]) -> "Occurrences":
        """``runs`` (at least one) one after another, each copied once."""
        gathered = GatheredOccurrences()
        for run in runs:
            gathered.add(run)
        return gathered.occurrences()

    @property
    def texts(self) -> set[str]:
        """The distinct texts of the occurrences."""
        return set(self._texts)

    @property
    def has_safe_fix(self) -> bool:
        return self._applicability == "safe" and any(r is not None for r in self._replacements)


class GatheredOccurrences:
    """Runs of occurrences gathered one after another: one aggregated finding's, from the
    segments of a long input as they come.  Each run is copied once, into columns that grow in
    place, and can be let go at once: joining runs two at a time would copy the first runs again
    at every step and hold the old and the new columns together (on a 20 MB page, hundreds of
    thousands of occurrences: tens of megabytes at the peak)."""

    def __init__(self) -> None:
        self._numbers = array("q")
        self._texts: list[str] = []
        self._replacements: list[Optional[str]] = []
        self._kind: Optional[tuple[str, bool]] = None  # (applicability, none_fix) of the first run

    def add(self, run: Occurrences) -> None:
        self._numbers.extend(run._numbers)
        self._texts.extend(run._texts)
        self._replacements.extend(run._replacements)
        if self._kind is None:
            self._kind = (run._applicability, run._none_fix)

    def __len__(self) -> int:
        return len(self._texts)

    def occurrences(self) -> Occurrences:
        """The runs gathered, as one :class:`Occurrences` (which takes the columns over: add no
        more runs)."""
        assert self._kind is not None, "no run was added"
        return _occurrences_from_columns(self._numbers, self._texts, self._replacements, *self._kind)


def _shared(texts: Iterable[Optional[str]]) -> list[Optional[str]]:
    """``texts`` with each distinct text one object (``sys.intern``): occurrences repeat a few
    short texts (a comma, a character of the other script) hundreds of thousands of times on a
    long page, and each segment's, read back from a worker, are copies of their own."""
    return [text if text is None else sys.intern(text) for text in texts]


def _unpickled_occurrences(numbers, texts, replacements, applicability, none_fix) -> Occurrences:
    return _occurrences_from_columns(numbers, _shared(texts), _shared(replacements), applicability, none_fix)


def _occurrences_from_columns(numbers, texts, replacements, applicability, none_fix) -> Occurrences:
    occurrences = Occurrences(applicability=applicability, none_fix=none_fix)
    occurrences._numbers, occurrences._texts, occurrences._replacements = numbers, texts, replacements
    return occurrences


class Finding(Record):
    """One problem (or, with ``verified=True``, one relation that checked out)."""

    rule: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    col: int
    end_line: int
    end_col: int
    path: Optional[str] = None
    fix: Optional[Fix] = None
    # dicts (occurrences, fixes), typed details (RelationDetail), or an aggregated finding's
    # Occurrences (a sequence of dicts)
    details: Sequence[Any] = ()
    verified: bool = False

    @property
    def occurrences(self) -> Sequence[dict]:
        """The untyped details: further occurrences of an aggregated finding, with their fixes."""
        if isinstance(self.details, Occurrences):
            return self.details
        return [d for d in self.details if isinstance(d, dict)]

    def occurrence_texts(self) -> set[str]:
        """The distinct texts of the occurrences (each dict's ``text``)."""
        if isinstance(self.details, Occurrences):
            return self.details.texts
        return {d["text"] for d in self.occurrences if isinstance(d.get("text"), str)}

    def has_safe_fix(self) -> bool:
        """Whether ``--fix`` changes something for this finding (its own fix or an occurrence's)."""
        if self.fix and self.fix.applicability == "safe":
            return True
        if isinstance(self.details, Occurrences):
            return self.details.has_safe_fix
        return any(d.get("fix") and d["fix"]["applicability"] == "safe" for d in self.occurrences)

    @property
    def relation(self) -> Optional[RelationDetail]:
        """The relation an arithmetic finding computed, if any."""
        return next((d for d in self.details if isinstance(d, RelationDetail)), None)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "end_line": self.end_line,
            "end_col": self.end_col,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix.to_json() if self.fix else None,
        }
        if self.details:  # (formats.json writes a finding of many details in pieces, in this order)
            data["details"] = [detail_json(d) for d in self.details]
        if self.verified:
            data["verified"] = True
        return data


def _plain_number(value: Optional[float]) -> Optional[float]:
    """JSON-friendly number: integral floats become ints (130200.0 → 130200)."""
    if value is None:
        return None
    if value == float("inf"):
        return None
    if float(value).is_integer():
        return int(value)
    return round(float(value), 10)
