"""Reading and validating a summary spec (YAML, JSON or TOML, or a dict).

Validation turns the spec into a :class:`Summary`: prose cleaned, placeholders replaced by
their figures, figures computed.  Every problem raises :class:`SpecError` whose one-line
message starts with the place in the spec: ``sections[0].points[1].figures.rate: unknown
figure 'nosuch'``.  The schema is documented in the README ("Drafting").
"""

from __future__ import annotations

import datetime as _dt
import difflib
from decimal import Decimal, DecimalException
import os
from dataclasses import dataclass, field
from typing import Any, Optional, Union

import regex

from ..cache import compile_regex
from ..errors import InputError, ZongjieError
from . import punct
from .figures import (
    APPROX_AFTER_NUMBER,
    APPROX_WORDS,
    COMPUTED,
    Figure,
    compute,
    computed_decimals,
    known_units,
    parse_unit,
    to_decimal,
    written_decimals,
)

MAX_LEVEL = 4
# Stated figures are bounded, so that every computation on them is exact in Decimal's default
# 28 digits: below 10^15 (a thousand trillion: any budget in 元), at most 6 decimals.
MAX_VALUE = Decimal(10) ** 15
MAX_DECIMALS = 6
SCRIPTS = ("simplified", "traditional", "traditional-tw", "traditional-hk", "traditional-opencc")
SUMMARY_KEYS = ("title", "organization", "period", "script", "intro", "figures", "sections",
                "lessons", "problems", "plans", "closing", "signature")
NODE_KEYS = ("heading", "text", "figures", "points", "item")
FIGURE_KEYS = ("value", "unit", "decimals", "approx", "magnitude", *COMPUTED)
SIGNATURE_KEYS = ("organization", "name", "date")
DEFAULT_HEADINGS = {"lessons": "经验体会", "problems": "存在问题", "plans": "下步打算"}
MAGNITUDE_CHOICES = ("auto", "none", "万", "亿", "萬", "億")

# "A placeholder left in text": 20xx, XX, ××, 某某, 【待核实】, X月X日 …
PLACEHOLDER = compile_regex(
    r"(?<![0-9])(?:19|20)(?:[0-9][xX×]|[xX×]{2})(?![0-9A-Za-z])"
    r"|(?<![A-Za-z])[xX]{2,}(?![A-Za-z])|[×＊*]{2,}|○{2,}|某某"
    r"|(?<![A-Za-z])[xX×](?=[年月日号])"
    r"|[【\[［(（]\s*(?:待|TODO|TBD|填写|补充|此处)[^】\]］)）]{0,10}[】\]］)）]"
    r"|此处(?:填写|插入|补充|添加|输入)|请填写|_{3,}|＿{2,}|【\s*】"
    r"|\bTODO\b|\bTBD\b"
)
PLACEHOLDER_REF = compile_regex(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
# Line markers a paragraph must not start with (they would read as a numbered heading).
_MARKER_START = compile_regex(
    r"[ \t\u3000]*(?:[（(][一二三四五六七八九十0-9０-９]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、．.]"
    r"|[0-9０-９]{1,3}(?:、|[.．](?![0-9０-９]))|[①-⑳⑴-⒇])"
)


class SpecError(ZongjieError):
    """A spec that cannot be drafted.  ``str(err)`` is ``"<place in spec>: <problem>"``."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)


# --------------------------------------------------------------------------- the model


@dataclass
class Paragraph:
    """One paragraph (or heading phrase): its final text and the figures it states, in order."""

    text: str
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Node:
    """A numbered point.  ``item`` is True for a list entry (``item:`` in the spec): one
    numbered paragraph, its first phrase read as the title (``heading``)."""

    heading: Paragraph
    level: int
    path: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    points: list["Node"] = field(default_factory=list)
    figures: dict[str, Figure] = field(default_factory=dict)
    item: bool = False

    @property
    def title(self) -> str:
        """What an outline reads as this point's title: the heading, or an item's first phrase."""
        if not self.item:
            return self.heading.text
        m = regex.search(r"[。！？；]", self.heading.text)
        return (self.heading.text[: m.start()] if m else self.heading.text).strip("，。：；、 ")

    def walk(self):
        yield self
        for point in self.points:
            yield from point.walk()


@dataclass
class Signature:
    organization: str = ""
    name: str = ""
    date: str = ""  # 2025年12月31日


@dataclass
class Summary:
    title: str
    script: str = "simplified"
    intro: list[Paragraph] = field(default_factory=list)
    sections: list[Node] = field(default_factory=list)
    closing: list[Paragraph] = field(default_factory=list)
    signature: Optional[Signature] = None
    figures: dict[str, Figure] = field(default_factory=dict)
    organization: str = ""
    period: str = ""

    def nodes(self):
        for section in self.sections:
            yield from section.walk()

    def stated_figures(self) -> list[Figure]:
        """Every figure occurrence in reading order (intro, headings and text, closing)."""
        out = [f for p in self.intro for f in p.figures]
        for node in self.nodes():
            out += node.heading.figures
            out += [f for p in node.paragraphs for f in p.figures]
        out += [f for p in self.closing for f in p.figures]
        return out


# --------------------------------------------------------------------------- loading


# Specs are hand-written files of a few kilobytes; the limit matches the linter's default
# ``max-size-mb`` (the CLI passes the configured value).
DEFAULT_MAX_MB = 20.0
# Characters a spec's text cannot hold: lone surrogates (not characters at all: they cannot
# be encoded, so writing the draft would fail half-way).
_SURROGATE = compile_regex(r"[\ud800-\udfff]")


def load_spec(source: Any, max_mb: Optional[float] = DEFAULT_MAX_MB) -> Any:
    """A dict as is; a path (.yaml/.yml/.json/.toml; other names are read as YAML); or
    spec text (YAML or JSON).  Syntax errors are :class:`InputError` naming the file, and
    so is a file over ``max_mb`` megabytes (None: no limit) or YAML that uses aliases."""
    if isinstance(source, (dict, list)):
        return source
    if isinstance(source, (bytes, bytearray)):  # spec text (stdin), never a path
        _check_size("<spec>", len(source), max_mb)
        try:
            return parse_spec_text(bytes(source).decode("utf-8-sig"), None)
        except UnicodeDecodeError:
            raise InputError("<spec>", "spec is not UTF-8 text") from None
    if isinstance(source, os.PathLike) or (isinstance(source, str) and "\n" not in source
                                            and len(source) < 4096 and os.path.isfile(source)):
        path = os.fspath(source)
        try:
            with open(path, "rb") as handle:
                _check_size(path, os.fstat(handle.fileno()).st_size, max_mb)
                limit = None if max_mb is None else int(max_mb * 1e6) + 1
                data = handle.read() if limit is None else handle.read(limit)
        except OSError as err:
            raise InputError(path, err.strerror or str(err)) from None
        _check_size(path, len(data), max_mb)  # a pipe or a file that grew
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(path, "spec is not UTF-8 text") from None
        return parse_spec_text(text, path)
    if isinstance(source, str):
        if "\n" not in source and not source.lstrip().startswith("{") and ":" not in source:
            raise InputError(source, "no such file")
        _check_size("<spec>", len(source), max_mb)
        return parse_spec_text(source, None)
    raise SpecError("", f"a spec is a mapping or a path, not {type(source).__name__}")


def _check_size(label: str, size: int, max_mb: Optional[float]) -> None:
    if max_mb is not None and size > max_mb * 1e6:
        from ..source import too_large

        raise too_large(label, size, max_mb, what="spec")


def parse_spec_text(text: str, path: Optional[str]) -> Any:
    """Parse spec text (format from the extension of ``path``; YAML otherwise) into a mapping."""
    label = path or "<spec>"
    data = _parse_spec_text(text, path, label)
    if data is None:
        raise InputError(label, "spec is empty")
    if not isinstance(data, (dict, list)):
        raise InputError(label, f"a spec is a mapping (title:, sections: …), not {_kind(data)}")
    place = find_surrogate(data)
    if place is not None:
        raise InputError(label, f"{place or '<spec>'}: a lone surrogate (such as \\ud800) is not a character")
    return data


def find_surrogate(data: Any, path: str = "") -> Optional[str]:
    """The place in a loaded spec of the first string holding a lone surrogate, or None.

    Each container is visited once, so a spec built from shared references (a dict passed to
    the API) is walked in time linear in its distinct parts."""
    seen: set[int] = set()
    stack: list[tuple[str, Any]] = [(path, data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return where
        elif isinstance(value, (dict, list)):
            if id(value) in seen:
                continue
            seen.add(id(value))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in reversed(list(items)):
                if isinstance(key, str) and _SURROGATE.search(key):
                    return _join(where, "<key>")
                stack.append((_join(where, key if isinstance(key, int) and isinstance(value, list) else str(key)), item))
    return None


class _AliasFound(Exception):
    def __init__(self, mark, anchor: str) -> None:
        super().__init__(anchor)
        self.mark = mark
        self.anchor = anchor


def _load_yaml(text: str) -> Any:
    """Safe-load YAML that uses no aliases (``*name``), with libyaml when it is installed.

    An alias repeats a node by reference: nine levels of nine aliases (2 KB of "billion
    laughs") expand into 387 million strings as soon as anything walks or prints the spec.
    A summary spec has no need for them, so the event stream is read first (nothing is built)
    and the first alias is an error naming its place."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            raise _AliasFound(event.start_mark, event.anchor)
    return yaml.load(text, Loader=loader)  # noqa: S506 (a safe loader)


def _parse_spec_text(text: str, path: Optional[str], label: str) -> Any:
    ext = os.path.splitext(path or "")[1].lower()
    if ext == ".toml":
        try:
            import tomllib
        except ModuleNotFoundError:  # Python 3.10
            import tomli as tomllib  # type: ignore[no-redef]
        try:
            return tomllib.loads(text)
        except ValueError as err:
            raise InputError(label, f"invalid TOML: {err}") from None
    if ext == ".json":
        import json

        try:
            return json.loads(text)
        except (ValueError, RecursionError) as err:
            raise InputError(label, f"invalid JSON: {err}") from None
    import yaml

    try:
        return _load_yaml(text)
    except _AliasFound as err:
        raise InputError(f"{label}:{err.mark.line + 1}:{err.mark.column + 1}: YAML alias *{err.anchor} is not "
                         "allowed in a spec (write the value out)") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{label}:{mark.line + 1}:{mark.column + 1}" if mark else label
        problem = getattr(err, "problem", None) or str(err)
        raise InputError(f"{where}: invalid YAML: {problem}") from None
    except RecursionError:
        raise InputError(label, "invalid YAML: nested too deep") from None


# --------------------------------------------------------------------------- validation


def validate(data: Any, path: str = "") -> Summary:
    """Check a loaded spec and build the :class:`Summary` (one document)."""
    return _Validator().summary(data, path)


def validate_many(data: Any) -> list[Summary]:
    """A spec is one summary, or ``documents: [summary, …]`` (what ``rebuild --spec`` writes
    for a page holding several)."""
    place = find_surrogate(data)
    if place is not None:
        raise SpecError(place or "<spec>", "a lone surrogate (such as \\ud800) is not a character")
    if isinstance(data, dict) and "documents" in data:
        extra = [k for k in data if k != "documents"]
        if extra:
            raise SpecError(str(extra[0]), "unknown key beside 'documents' (put it inside each document)")
        docs = data["documents"]
        if not isinstance(docs, list) or not docs:
            raise SpecError("documents", "must be a non-empty list of summaries")
        return [validate(doc, f"documents[{i}]") for i, doc in enumerate(docs)]
    return [validate(data)]


def _join(path: str, key: Union[str, int]) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _keys(mapping: dict, allowed: tuple[str, ...], path: str, what: str) -> None:
    for key in mapping:
        if not isinstance(key, str) or key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" ({what} keys: {', '.join(allowed)})"
            raise SpecError(_join(path, str(key)), f"unknown key{hint}")


class _Validator:
    def __init__(self) -> None:
        self.scope_stack: list[dict[str, Figure]] = []
        self.script = "simplified"

    # ---- summary
    def summary(self, data: Any, path: str) -> Summary:
        if not isinstance(data, dict):
            raise SpecError(path or "<spec>", f"a spec is a mapping (title:, sections: …), not {_kind(data)}")
        _keys(data, SUMMARY_KEYS, path, "summary")
        organization = self.string(data.get("organization"), _join(path, "organization"), optional=True)
        period = self.string(data.get("period"), _join(path, "period"), optional=True)
        title = self.string(data.get("title"), _join(path, "title"), optional=True)
        if not title:
            if not (organization and period):
                raise SpecError(_join(path, "title"), "missing (or give organization and period to build one)")
            title = f"{organization}{period}工作总结"
        title = punct.heading(title)
        self.check_title(title, _join(path, "title"))
        script = data.get("script", "simplified")
        if script not in SCRIPTS:
            raise SpecError(_join(path, "script"), f"must be simplified or traditional, not {_show(script)}"
                                                   f" (also: {', '.join(SCRIPTS[2:])})")
        summary = Summary(title=title, script=script, organization=organization, period=period)
        self.script = script
        self.placeholders(period, _join(path, "period"))
        summary.figures = self.figures(data.get("figures"), _join(path, "figures"))
        self.scope_stack = [summary.figures]
        summary.intro = self.paragraphs(data.get("intro"), _join(path, "intro"))
        sections = data.get("sections")
        if sections is None:
            sections = []
        if not isinstance(sections, list):
            raise SpecError(_join(path, "sections"), f"must be a list of sections, not {_kind(sections)}")
        summary.sections = [self.node(s, 1, _join(_join(path, "sections"), i)) for i, s in enumerate(sections)]
        for key in ("lessons", "problems", "plans"):
            if data.get(key) is not None:
                summary.sections.append(self.shortcut(data[key], key, _join(path, key)))
        summary.closing = self.paragraphs(data.get("closing"), _join(path, "closing"))
        if not (summary.intro or summary.sections or summary.closing):
            raise SpecError(path or "<spec>", "nothing to draft: give intro, sections, lessons, problems, plans or closing")
        summary.signature = self.signature(data.get("signature"), _join(path, "signature"), organization)
        return summary

    def check_title(self, title: str, path: str) -> None:
        # Names may be anonymised on purpose (某某市总工会, as the checks' ZJ314 also holds):
        # in the title, only the other placeholders (20xx, XX, 【待填】…) are errors.
        self.placeholders(title.replace("某某", "某"), path)
        if "\n" in title:
            raise SpecError(path, "must be one line")
        if regex.search(r"[，,。；;！？!?：:]", title):
            raise SpecError(path, f"a title has no sentence punctuation ({title!r})")
        if not 2 <= len(title) <= 40:
            raise SpecError(path, f"must be 2 to 40 characters long ({len(title)})")
        if _MARKER_START.match(title):
            raise SpecError(path, f"must not start with a numbering marker ({title!r})")

    def shortcut(self, value: Any, key: str, path: str) -> Node:
        """``lessons:`` / ``problems:`` / ``plans:`` → a level-1 section with a default heading."""
        default = DEFAULT_HEADINGS[key]
        if isinstance(value, dict):
            node = dict(value)
            node.setdefault("heading", default)
            return self.node(node, 1, path)
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            return self.node({"heading": default, "points": value}, 1, path, points_path=path)
        return self.node({"heading": default, "text": value}, 1, path, text_path=path)

    # ---- nodes
    def node(self, data: Any, level: int, path: str, points_path: str = "", text_path: str = "") -> Node:
        if not isinstance(data, dict):
            if isinstance(data, str):
                raise SpecError(path, f"a point is a mapping (heading:, text: … or item: …); write heading: {data!r}")
            raise SpecError(path, f"a point is a mapping (heading:, text: … or item: …), not {_kind(data)}")
        _keys(data, NODE_KEYS, path, "point")
        if level > MAX_LEVEL:
            raise SpecError(path, f"nested too deep: GB/T 9704 numbers 4 levels (一、（一）1.（1）), this is level {level}")
        figures = self.figures(data.get("figures"), _join(path, "figures"))
        self.scope_stack.append(figures)
        try:
            if "item" in data:
                return self.item(data, level, path, figures)
            heading_path = _join(path, "heading")
            raw = data.get("heading")
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                raise SpecError(heading_path, "missing heading")
            heading = self.heading(raw, heading_path)
            node = Node(heading=heading, level=level, path=path, figures=figures)
            node.paragraphs = self.paragraphs(data.get("text"), text_path or _join(path, "text"))
            points = data.get("points")
            if points is None:
                points = []
            ppath = points_path or _join(path, "points")
            if not isinstance(points, list):
                raise SpecError(ppath, f"must be a list of points, not {_kind(points)}")
            if points and level == MAX_LEVEL:
                raise SpecError(_join(ppath, 0), "nested too deep: GB/T 9704 numbers 4 levels (一、（一）1.（1）)")
            node.points = [self.node(p, level + 1, _join(ppath, i)) for i, p in enumerate(points)]
        finally:
            self.scope_stack.pop()
        return node

    def item(self, data: dict, level: int, path: str, figures: dict) -> Node:
        """``item: text`` — a numbered list entry written as one paragraph (（1）……；)."""
        for key in ("heading", "text", "points"):
            if data.get(key):
                raise SpecError(_join(path, key), "an item is one numbered paragraph: give heading (with text and points) or item")
        item_path = _join(path, "item")
        raw = data.get("item")
        if not isinstance(raw, str) or not raw.strip():
            raise SpecError(item_path, "missing text" if not raw else f"must be text, not {_kind(raw)}")
        if "\n" in raw.strip():
            raise SpecError(item_path, "an item is one paragraph")
        para = self.fill(raw.strip(), item_path)
        para.text = punct.prose(para.text)
        if _MARKER_START.match(para.text):
            raise SpecError(item_path, f"leave out the number: the draft numbers items itself ({para.text[:12]!r}…)")
        return Node(heading=para, level=level, path=path, figures=figures, item=True)

    def heading(self, raw: Any, path: str) -> Paragraph:
        text = self.string(raw, path)
        if "\n" in text.strip():
            raise SpecError(path, "a heading is one line")
        para = self.fill(text, path)
        para.text = punct.heading(para.text)
        if not para.text:
            raise SpecError(path, "missing heading")
        if regex.search(r"[。！？；;!?]", para.text):
            raise SpecError(path, f"a heading is one phrase, without 。！？； inside ({para.text!r})")
        if _MARKER_START.match(para.text):
            raise SpecError(path, f"leave out the number: the draft numbers headings itself ({para.text!r})")
        return para

    def paragraphs(self, value: Any, path: str) -> list[Paragraph]:
        if value is None:
            return []
        if isinstance(value, str):
            items = [(path, value)]
        elif isinstance(value, list):
            items = []
            for i, item in enumerate(value):
                if not isinstance(item, str):
                    raise SpecError(_join(path, i), f"a paragraph is text, not {_kind(item)}")
                items.append((_join(path, i), item))
        else:
            raise SpecError(path, f"must be text or a list of paragraphs, not {_kind(value)}")
        out = []
        for item_path, text in items:
            for chunk in regex.split(r"\n[ \t\u3000]*\n?", text.strip()):
                if not chunk.strip():
                    continue
                para = self.fill(chunk, item_path)
                para.text = punct.prose(para.text)
                if _MARKER_START.match(para.text):
                    marker = _MARKER_START.match(para.text).group().strip()
                    raise SpecError(item_path, f"a paragraph must not start with a numbering marker ({marker!r}); "
                                               "use points for numbered items")
                out.append(para)
        return out

    def fill(self, text: str, path: str) -> Paragraph:
        """Replace ``{name}`` by the figure's text; ``{{``/``}}`` are literal braces."""
        used: list[Figure] = []
        self.placeholders(PLACEHOLDER_REF.sub(" ", text), path)

        def repl(m: regex.Match) -> str:
            token = m.group()
            if token in ("{{", "}}"):
                return token[0]
            if m.group(1) is None:
                raise SpecError(path, f"unbalanced brace {token!r} (write {token * 2} for a literal brace)")
            name = m.group(1).strip()
            figure = self.lookup(name)
            if figure is None:
                raise SpecError(path, f"unknown figure {name!r} in {{{name}}}{self.suggest(name)}")
            used.append(figure)
            return self.written(figure)

        return Paragraph(PLACEHOLDER_REF.sub(repl, text), used)

    def written(self, figure: Figure) -> str:
        """The figure in the summary's script (so that it also fits text already written in it)."""
        if self.script == "simplified":
            return figure.text
        from .layout import convert_text

        return convert_text(figure.text, self.script)

    def placeholders(self, text: str, path: str) -> None:
        from ..script import to_simplified

        m = PLACEHOLDER.search(to_simplified(text)) if text else None
        if m:
            raise SpecError(path, f"placeholder {m.group()!r} left in text")

    def lookup(self, name: str) -> Optional[Figure]:
        for scope in reversed(self.scope_stack):
            if name in scope:
                return scope[name]
        return None

    def suggest(self, name: str) -> str:
        names = [n for scope in self.scope_stack for n in scope]
        close = difflib.get_close_matches(name, names, n=1)
        if close:
            return f" (did you mean {close[0]!r}?)"
        return f" (defined here: {', '.join(names)})" if names else " (no figures defined here)"

    # ---- figures
    def figures(self, data: Any, path: str) -> dict[str, Figure]:
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise SpecError(path, f"must be a mapping of name: figure, not {_kind(data)}")
        for name in data:
            if not isinstance(name, str) or not regex.fullmatch(r"[\p{L}_][\p{L}\p{N}_]*", name):
                raise SpecError(_join(path, str(name)), "a figure name is a word (letters, digits, _)")
            if self.lookup(name) is not None:
                raise SpecError(_join(path, name), f"figure {name!r} is already defined in an enclosing part")
        resolved: dict[str, Figure] = {}
        resolving: list[str] = []
        outer = list(self.scope_stack)

        def resolve(name: str) -> Figure:
            if name in resolved:
                return resolved[name]
            fpath = _join(path, name)
            if name in resolving:
                cycle = " → ".join([*resolving[resolving.index(name):], name])
                raise SpecError(fpath, f"circular reference: {cycle}")
            resolving.append(name)
            figure = self.figure(data[name], name, fpath, lambda ref, where: lookup(ref, where))
            resolving.pop()
            resolved[name] = figure
            return figure

        def lookup(ref: Any, where: str) -> Figure:
            if isinstance(ref, str) and ref in data:
                return resolve(ref)
            if isinstance(ref, str):
                for scope in reversed(outer):
                    if ref in scope:
                        return scope[ref]
            if not isinstance(ref, str):
                raise SpecError(where, f"operands are figure names, not {_kind(ref)} ({_show(ref)})")
            names = [*data, *(n for s in outer for n in s)]
            close = difflib.get_close_matches(ref, names, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise SpecError(where, f"unknown figure {ref!r}{hint}")

        for name in data:
            resolve(name)
        return {name: resolved[name] for name in data}

    def figure(self, data: Any, name: str, path: str, lookup) -> Figure:
        if not isinstance(data, dict):
            if isinstance(data, (int, float)) and not isinstance(data, bool):
                raise SpecError(path, f"give the unit too: {{value: {data}, unit: …}}")
            raise SpecError(path, f"a figure is a mapping ({{value: …, unit: …}} or {{ratio: [part, whole]}}), not {_kind(data)}")
        _keys(data, FIGURE_KEYS, path, "figure")
        kinds = [k for k in COMPUTED if k in data]
        if len(kinds) > 1:
            raise SpecError(path, f"give one computation, not {' and '.join(kinds)}")
        decimals = data.get("decimals")
        if decimals is not None and (isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 6):
            raise SpecError(_join(path, "decimals"), f"must be a whole number from 0 to 6, not {_show(decimals)}")
        approx = data.get("approx", "") or ""
        if approx:
            if approx not in APPROX_WORDS:
                raise SpecError(_join(path, "approx"), f"unknown approximation {_show(approx)} (one of {'、'.join(APPROX_WORDS)})")
        magnitude = data.get("magnitude", "auto")
        if magnitude not in MAGNITUDE_CHOICES:
            raise SpecError(_join(path, "magnitude"), f"must be auto, none, 万 or 亿, not {_show(magnitude)}")
        magnitude = {"萬": "万", "億": "亿"}.get(magnitude, magnitude)
        if kinds:
            kind = kinds[0]
            if "value" in data:
                raise SpecError(path, f"give either value or {kind}, not both")
            if "unit" in data:
                raise SpecError(_join(path, "unit"), f"a computed figure takes its unit from {kind}")
            operands = data[kind]
            where = _join(path, kind)
            arity = {"sum": None, "ratio": 2, "difference": 2, "growth": 2, "decline": 2, "per_head": 2}[kind]
            if not isinstance(operands, list) or (arity and len(operands) != arity) or (not arity and len(operands) < 2):
                shape = {"ratio": "[part, whole]", "difference": "[a, b]", "growth": "[new, old]",
                         "decline": "[new, old]", "per_head": "[total, people]", "sum": "[a, b, …]"}[kind]
                raise SpecError(where, f"must be a list {shape} of figure names")
            figs = [lookup(ref, _join(where, i)) for i, ref in enumerate(operands)]
            try:
                value, unit = compute(kind, figs)
                return Figure(name=name, path=path, value=value, unit=unit,
                              decimals=computed_decimals(kind, value, unit, decimals, tuple(figs)), approx=approx,
                              magnitude=magnitude, computed=kind, operands=tuple(str(o) for o in operands),
                              trim=kind == "per_head" and decimals is None)
            except ValueError as err:
                raise SpecError(path, str(err)) from None
            except DecimalException:  # a result too large or too precise to write
                raise SpecError(path, f"the {kind} of these figures cannot be written as a figure") from None
        if "value" not in data:
            raise SpecError(path, "missing value (or a computation: " + ", ".join(COMPUTED) + ")")
        raw = data["value"]
        value = to_decimal(raw)
        if value is None:
            raise SpecError(_join(path, "value"), f"{_show(raw)} is not a number")
        if value < 0:
            raise SpecError(_join(path, "value"), f"{_show(raw)} is negative (state the amount and word the text: 减少、下降)")
        unit_raw = data.get("unit")
        if unit_raw is None or (isinstance(unit_raw, str) and not unit_raw.strip()):
            raise SpecError(_join(path, "unit"), "missing unit (元, 万元, 人, 家, 项, %, 个百分点 …)")
        if not isinstance(unit_raw, str):
            raise SpecError(_join(path, "unit"), f"must be text (元, 人, %, …), not {_kind(unit_raw)}")
        parsed = parse_unit(unit_raw)
        if parsed is None:
            close = difflib.get_close_matches(str(unit_raw), known_units(), n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else " (money: 元 万元 亿元; counts: 人 名 家 个 项 次 …; %, 个百分点)"
            raise SpecError(_join(path, "unit"), f"unknown unit {_show(unit_raw)}{hint}")
        unit, scale = parsed
        if value >= MAX_VALUE or (value and value.as_tuple().exponent < -MAX_DECIMALS):
            raise SpecError(_join(path, "value"), f"{_show(raw)} is out of range (a figure is below 10^15, "
                                                  f"with at most {MAX_DECIMALS} decimals)")
        value = value * scale
        if magnitude == "auto" and scale > 1 and unit.kind in ("money", "count"):
            magnitude = "万" if scale == 10**4 else "亿"  # written as given: {value: 1.2, unit: 万人次}
        if unit.kind == "count" and value != value.to_integral_value():
            raise SpecError(_join(path, "value"), f"{_show(raw)} {unit_raw} is not a whole number")
        if approx in APPROX_AFTER_NUMBER and unit.kind == "percent":
            raise SpecError(_join(path, "approx"), f"{approx!r} is not used with percentages (use 约 or 以上)")
        if decimals is None and unit.kind in ("percent", "points"):
            decimals = written_decimals(raw)
        try:
            return Figure(name=name, path=path, value=value, unit=unit, decimals=decimals, approx=approx,
                          magnitude=magnitude)
        except DecimalException:
            raise SpecError(_join(path, "value"), f"{_show(raw)} cannot be written as a figure") from None

    # ---- signature
    def signature(self, data: Any, path: str, organization: str) -> Optional[Signature]:
        if data is None:
            return Signature(organization=organization) if organization else None
        if isinstance(data, str):
            data = {"organization": data}
        if not isinstance(data, dict):
            raise SpecError(path, f"must be a mapping (organization:, date:) or text, not {_kind(data)}")
        _keys(data, SIGNATURE_KEYS, path, "signature")
        sig = Signature(
            organization=self.string(data.get("organization"), _join(path, "organization"), optional=True) or organization,
            name=self.string(data.get("name"), _join(path, "name"), optional=True),
        )
        if data.get("date") is not None:
            sig.date = format_date(data["date"], _join(path, "date"))
        if not (sig.organization or sig.name or sig.date):
            return None
        for key in ("organization", "name"):
            value = getattr(sig, key)
            if "\n" in value:
                raise SpecError(_join(path, key), "must be one line")
            setattr(sig, key, punct.clean(value))
        return sig

    @staticmethod
    def string(value: Any, path: str, optional: bool = False) -> str:
        if value is None:
            if optional:
                return ""
            raise SpecError(path, "missing")
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise SpecError(path, f"must be text, not {_kind(value)}")
        return str(value).strip()


DATE_FORMS = (
    compile_regex(r"(?P<y>[0-9]{4})\s*[-/.]\s*(?P<m>[0-9]{1,2})\s*[-/.]\s*(?P<d>[0-9]{1,2})"),
    compile_regex(r"(?P<y>[0-9]{4})\s*年\s*(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*[日号]"),
)


def format_date(value: Any, path: str) -> str:
    """``2025-12-31``, ``2025/12/31``, ``2025年12月31日`` or a date → ``2025年12月31日``
    (成文日期: Arabic digits, full year, no leading zeros)."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise SpecError(path, f"must be a date (write 2025-12-31), not {_kind(value)}")
    text = str(value).strip()
    for form in DATE_FORMS:
        m = form.fullmatch(text)
        if m:
            try:
                day = _dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                break
            return f"{day.year}年{day.month}月{day.day}日"
    raise SpecError(path, f"{_show(text)} is not a date (write 2025-12-31)")


def _show(value: Any, limit: int = 40) -> str:
    """A user's value quoted in a message: a scalar's repr (cut short), a container's kind.

    Never the repr of a list or mapping: a spec built from shared references (YAML aliases,
    or a dict passed to the API) can be exponentially large when printed."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        shown = repr(value) if not isinstance(value, int) or value.bit_length() < 64 else f"a {value.bit_length()}-bit number"
        return shown if len(shown) <= limit else shown[: limit - 1] + "…"
    return _kind(value)


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)
