"""Finding formatters.  Every one reads the same :class:`~zongjie_nlp.model.Finding` list."""

from __future__ import annotations
