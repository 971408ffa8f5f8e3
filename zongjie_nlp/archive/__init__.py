"""Linting an archive of summaries on a Dask cluster, the findings written as Parquet.

``zongjie-lint --jobs`` uses the cores of one machine; a records office holds tens of thousands
of summaries a year and a province millions, so past one machine the work goes to an existing
distributed engine (Dask), not one of ours.  The files are checked by the linter's own
single-file path (:func:`zongjie_nlp.linter.lint_one`), in the workers, so a finding is exactly
what ``zongjie-lint`` reports; each worker writes its partition's rows itself, and the driver
only ever holds a few counts per partition.

- :mod:`.inputs`: the files of the inputs (directories, globs), one at a time;
- :mod:`.partition`: what a worker does with a partition of paths (lint, count, write Parquet);
- :mod:`.run`: :func:`lint_archive`, the driver (the output folder, the cluster, the waves).

Dask, distributed and pyarrow are the optional extra ``zongjie-nlp[archive]``; nothing here
imports them until :func:`lint_archive` runs.
"""

from __future__ import annotations

from .run import ArchiveSummary, lint_archive

__all__ = ["ArchiveSummary", "lint_archive"]
