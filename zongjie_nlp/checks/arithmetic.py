"""Arithmetic checks: judge the relations the prose states, and report them.

The relations themselves (a rate and the counts it was computed from, a total and its
parts, a growth rate and two years' values …) are found by ``zongjie_nlp.relations``, one
module per kind, with the computed interval of each.  This check only judges them — a
relation fails when its computed interval cannot meet the stated figure's (docs/standards.md
"Rounding-aware arithmetic", the way XBRL Calculations 1.1 treats rounded facts) — and
emits a finding: an error (or warning) when it fails, a ``verified`` info finding when it
holds (shown with ``--show-verified``).  A relation the words allow but do not assert is
shown only when it holds.  The finding's ``details`` carry the typed relation
(:class:`~zongjie_nlp.model.RelationDetail`): operands with roles and offsets, computed and
stated values, the formula.
"""

from __future__ import annotations

from ..relations import StatedRelation, find_relations
from .base import Context


def emit(ctx: Context, relation: StatedRelation) -> None:
    """One finding for a relation: verified when it holds, a problem when an asserted one fails."""
    holds = relation.holds
    if (not holds and not relation.asserted) or (holds and not ctx.show_verified):
        return  # (a verified finding that would be dropped is not built: most relations hold)
    start, end = relation.where
    if holds:
        ctx.emit(relation.rule, start, end, relation.message, details=[relation.detail()], verified=True, severity="info")
    else:
        ctx.emit(relation.rule, start, end, relation.message, details=[relation.detail()], severity=relation.severity)


def run(ctx: Context) -> None:
    for relation in find_relations(ctx.report):
        emit(ctx, relation)


def previous(ctx: Context) -> None:
    """This year's summary against last year's (ZJ216): only when last year's is given
    (``--previous``); what this text says of last year against what that one said."""
    if ctx.previous is None:
        return
    from ..relations.previous import compare

    for relation in compare(ctx.report, ctx.previous):
        emit(ctx, relation)
