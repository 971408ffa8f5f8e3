"""Relations a summary states between its figures, found and computed.

``find_relations(report)`` returns every :class:`StatedRelation` of every document: its
kind, its operands with their roles, the stated figure and the interval computed from the
operands (rounding-aware).  Each kind lives in its own module and registers itself; its
cue words and examples are in ``rules/relations/<kind>.yaml``.  The arithmetic check
(``zongjie_nlp.checks.arithmetic``) judges these relations and reports them; nothing here
reports anything.

Work is local: every relation is found from one trigger (a percentage, a 其中, a 累计 …)
and looks only at its sentence or paragraph, so finding is linear in the text.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Iterable, Optional

from ..model import Report
from .base import REGISTRY, RelationKind, StatedRelation, register
from .figures import Figure, Scope
from .interval import Interval

# The modules that are not kinds; every other module of this package is one, and
# registers itself when imported (so a new kind needs no list to be added to).  ``previous``
# compares two documents (this year's summary and last year's): it is imported when asked for.
_INFRASTRUCTURE = {"base", "figures", "interval", "previous", "referents", "show"}
for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    if _module not in _INFRASTRUCTURE and not _module.startswith("_"):
        importlib.import_module(f"{__name__}.{_module}")

__all__ = ["REGISTRY", "Figure", "Interval", "RelationKind", "Scope", "StatedRelation", "find_relations", "register"]


def find_relations(report: Report, kinds: Optional[Iterable[str]] = None) -> list[StatedRelation]:
    """Every relation stated in the report, document by document (a relation never spans
    two documents), each once."""
    chosen = [REGISTRY[name] for name in kinds] if kinds is not None else list(REGISTRY.values())
    found: list[StatedRelation] = []
    seen: set[tuple] = set()
    for document in report.documents:
        scope = Scope(report, document)
        for kind in chosen:
            for relation in kind.find(scope):
                key = (relation.rule, relation.where)
                if key not in seen:
                    seen.add(key)
                    found.append(relation)
    return found
