"""Command-line options several commands share, written once so they read the same."""

from __future__ import annotations

from pathlib import Path

import click

STORE = click.option(
    "--store",
    "store_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The run store file (default: runs.duckdb in the user's data directory).",
)
"""`--store FILE`: the DuckDB run store a command reads or writes."""

SWEEP_WORKERS = click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="Worker processes of the local Dask cluster that runs the sweep.",
)
"""`--workers N`: processes for a sensitivity sweep on this machine."""
