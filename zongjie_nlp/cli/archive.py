"""``zongjie archive``: lint an archive of files on a Dask cluster, the findings written as
Parquet.

The work is the library's (:mod:`zongjie_nlp.archive`); this module parses the options, prints
the one-line summary and chooses the exit status (0 when the run finished, whatever it found:
the findings and the files that could not be checked are rows of the output).
"""

from __future__ import annotations

import click

from ..profile import GENRES as GENRE_CHOICES
from ..profile import NORMS as NORM_CHOICES


@click.command("archive")
@click.argument("inputs", nargs=-1, metavar="GLOB...")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Folder for the Parquet datasets findings/ and files/ (and summary.json); must be empty.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="A running Dask scheduler (tcp://host:8786); without it a local cluster is started.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes of the local cluster, one thread each [one per CPU].")
@click.option("--select", multiple=True, help="Rule ids, id prefixes or categories to run (comma-separated).")
@click.option("--ignore", multiple=True, help="Rule ids, id prefixes or categories to skip (comma-separated).")
@click.option("--genre", type=click.Choice(GENRE_CHOICES), default=None,
              help="The kind of document [config or detected from the title].")
@click.option("--norm", type=click.Choice(NORM_CHOICES), default=None,
              help="Punctuation and number conventions: gb, tw, hk [config or detected from the text].")
@click.option("--show-verified", is_flag=True, help="Also write the arithmetic relations that check out.")
@click.option("--partition-size", type=click.IntRange(min=1), default=None,
              help="Files per task (one Parquet file per task and dataset) [100].")
@click.option("--overwrite", is_flag=True, help="Replace the datasets of an earlier run in --out.")
def archive_command(inputs, out, scheduler, workers, select, ignore, genre, norm, show_verified, partition_size,
                    overwrite) -> None:
    """Lint an archive of work summaries on Dask and write the findings as Parquet.

    GLOB... are files, directories (walked for .txt, .md and .docx files) or glob patterns,
    quoted so that the shell leaves them alone ('archive/2024/**/*.txt').  The workers read the
    files and write --out themselves: on a cluster, both must be on a shared file system."""
    from ..archive import lint_archive
    from ..archive.run import PARTITION_SIZE, require_dask
    from ..errors import ZongjieError
    from ..linter import find_config
    from .lint import _warn_unknown_selectors

    if not inputs:
        raise click.UsageError("no inputs (give paths, directories or quoted glob patterns)")
    _, distributed = require_dask()  # the install hint before anything else
    config = find_config()
    _warn_unknown_selectors(config, select, ignore)
    client = None
    if scheduler:
        try:
            client = distributed.Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as err:
            raise ZongjieError(f"cannot connect to the Dask scheduler at {scheduler} ({err})") from None
    try:
        summary = lint_archive(list(inputs), out, client=client, select=select, ignore=ignore, norm=norm,
                               genre=genre, partition_size=partition_size or PARTITION_SIZE, workers=workers,
                               config=config, show_verified=show_verified, overwrite=overwrite)
    finally:
        if client is not None:
            client.close()
    click.echo(f"zongjie archive: {summary.line()}")
