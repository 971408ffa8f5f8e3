"""The spaCy component ``"zongjie"``.

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("zongjie")            # found through the spacy_factories entry point
    doc = nlp(text)
    doc.ents                           # MONEY / PERCENT / CARDINAL from our quantities
    doc.ents[0]._.zongjie_category     # people | orgs | items | None
    doc.spans["outline"]               # one span per outline node, label "L<level>"
    doc._.zongjie_report               # the full Report
    doc._.findings                     # lint findings when the component is created with lint=True

Spans are built from our character offsets with ``doc.char_span(..., alignment_mode=
"expand")``, never by re-parsing tokens: jieba's boundaries cut quantities apart.
This module is the only one that imports spaCy; ``import zongjie_nlp`` does not.
"""

from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

LABELS = {"money": "MONEY", "percent": "PERCENT", "points": "PERCENT", "count": "CARDINAL"}


def _register_extensions() -> None:
    for name in ("zongjie_report", "findings"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("zongjie_category", "zongjie_quantity", "zongjie_node"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


class ZongjieComponent:
    """Adds quantities as entities, the outline as a span group, and optionally findings."""

    def __init__(self, lint: bool = False, overwrite_ents: bool = True) -> None:
        _register_extensions()
        self.lint = lint
        self.overwrite_ents = overwrite_ents

    def __call__(self, doc: Doc) -> Doc:
        from .parser import parse_source
        from .source import Source

        report = parse_source(Source(text=doc.text, path=None, encoding="str"))
        doc._.zongjie_report = report
        entities = []
        for quantity in report.quantities:
            span = doc.char_span(quantity.start, quantity.end, label=LABELS[quantity.kind], alignment_mode="expand")
            if span is None:
                continue
            span._.zongjie_category = quantity.category if quantity.kind == "count" else quantity.kind
            span._.zongjie_quantity = quantity.to_json()
            entities.append(span)
        existing = [] if self.overwrite_ents else list(doc.ents)
        doc.ents = filter_spans(existing + entities)
        outline = []
        for document in report.documents:
            for node in document.nodes():
                span = doc.char_span(node.start, node.end, label=f"L{node.level}", alignment_mode="expand")
                if span is not None:
                    span._.zongjie_node = {k: v for k, v in node.to_json().items() if k != "children"}
                    outline.append(span)
        doc.spans["outline"] = outline
        if self.lint:
            from .linter import lint_report

            doc._.findings = lint_report(report)
        return doc


@Language.factory(
    "zongjie",
    default_config={"lint": False, "overwrite_ents": True},
    assigns=["doc.ents", "doc.spans", "doc._.zongjie_report", "doc._.findings"],
)
def make_zongjie_component(nlp: Language, name: str, lint: bool, overwrite_ents: bool) -> ZongjieComponent:
    return ZongjieComponent(lint=lint, overwrite_ents=overwrite_ents)


def blank_pipeline(lint: bool = False, config: Optional[dict] = None) -> Language:
    """A ``zh`` pipeline with the jieba segmenter and our component, for convenience."""
    import spacy

    nlp = spacy.blank("zh", config=config or {"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("zongjie", config={"lint": lint})
    return nlp
