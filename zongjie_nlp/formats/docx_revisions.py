"""Safe fixes as Word tracked changes (修订): ``w:del`` around the runs of the old text, a ``w:ins``
run with the new text, authored ``zongjie-lint`` and dated.

An editor accepts or rejects each change in Word or WPS (审阅 → 接受/拒绝), or all at once;
accepting all gives the text ``--fix`` writes for a .txt of the same content, because the
edits are the ones :func:`zongjie_nlp.linter.fix_edits` chooses.  The inserted run copies the
formatting (``w:rPr``) of the first deleted run (of the neighbouring run for a pure
insertion), so a changed character keeps its font, size and emphasis.

An edit that cannot be a plain change of run text is left to a comment (:func:`revisable_edits`):
one on an automatic list label (the label has no run), one that crosses a paragraph boundary,
one on text that is itself a pending tracked insertion.
"""

from __future__ import annotations

import bisect
import itertools
from typing import Iterable, Iterator

from .docx_runs import W, Para, run_at, run_text, runs, runs_in

Edit = tuple[int, int, str]


def revisable_edits(paras: list[Para], edits: Iterable[Edit]) -> list[Edit]:
    """The edits that can be written as tracked changes: inside one paragraph's runs (not on its
    list label), adding no paragraph break, and touching only runs that are not themselves a
    pending insertion."""
    starts = [p.start for p in paras]
    kept = []
    for start, end, replacement in edits:
        i = bisect.bisect_right(starts, start) - 1
        if i < 0 or not paras[i].text_start <= start <= end <= paras[i].end or "\n" in replacement:
            continue
        a, b = start - paras[i].text_start, end - paras[i].text_start
        pos, plain = 0, True
        for r in runs(paras[i].element):
            size = len(run_text(r))
            if pos <= b and pos + size >= a and r.getparent().tag not in (W + "p", W + "hyperlink"):
                plain = False
                break
            pos += size
        if plain:
            kept.append((start, end, replacement))
    return kept


def write_revisions(document, paras: list[Para], edits: Iterable[Edit], author: str, date: str) -> list[Edit]:
    """Write each edit (sorted, non-overlapping, as :func:`revisable_edits` keeps them) as a
    tracked change; returns those written.

    Edits are written from the last backwards: a run moved into ``w:del`` no longer counts as
    paragraph text and an inserted run adds text after it (:mod:`.docx_runs`), so only the
    offsets after an edit move, and those of the edits still to write hold."""
    starts = [p.start for p in paras]
    ids = _free_ids(document)
    written = []
    for start, end, replacement in sorted(edits, reverse=True):
        para = paras[bisect.bisect_right(starts, start) - 1]
        if _revise(para.element, start - para.text_start, end - para.text_start, replacement, ids, author, date):
            written.append((start, end, replacement))
    written.reverse()
    return written


def _revise(p, a: int, b: int, replacement: str, ids: Iterator[int], author: str, date: str) -> bool:
    """Replace run-text characters ``[a, b)`` of paragraph ``p`` by ``replacement`` as a tracked
    change; False (nothing written) when there is no run to anchor it on."""
    from docx.oxml import OxmlElement

    attrs = lambda: {W + "id": str(next(ids)), W + "author": author, W + "date": date}  # noqa: E731
    after = None  # the element the insertion follows
    if b > a:
        deleted = runs_in(p, a, b)
        if not deleted:
            return False
        for r in deleted:
            wrapper = OxmlElement("w:del", attrs=attrs())
            r.addprevious(wrapper)
            wrapper.append(r)
            _mark_deleted(r)
            after = wrapper
        model = deleted[0]
    else:
        model = run_at(p, a)
    if not replacement:
        return True
    if model is None:  # an insertion at the end of the paragraph: after its last run
        texts = runs(p)
        model = texts[-1] if texts else None
        after = model
    inserted = OxmlElement("w:ins", attrs=attrs())
    inserted.append(_new_run(model, replacement))
    if after is not None:
        after.addnext(inserted)
    elif model is not None:
        model.addprevious(inserted)
    else:
        p.append(inserted)
    return True


def _mark_deleted(r) -> None:
    """Deleted text is ``w:delText`` (``w:delInstrText`` for field codes) in Word's markup."""
    from docx.oxml.ns import qn

    for el in r.iter(W + "t", W + "instrText"):
        el.tag = W + ("delText" if el.tag == W + "t" else "delInstrText")
        el.set(qn("xml:space"), "preserve")


def _new_run(model, text: str):
    """A run holding ``text``, formatted like ``model`` (a run, or None for the defaults)."""
    import copy

    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    rpr = model.find(W + "rPr") if model is not None else None
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    return run


def _free_ids(document) -> Iterator[int]:
    """Revision ids not used by any annotation already in the body (comments, bookmarks,
    earlier revisions): Word wants them unique across all of them."""
    used = [int(v) for el in document.element.body.iter() if (v := el.get(W + "id")) is not None and v.isdigit()]
    return itertools.count(max(used, default=0) + 1)
