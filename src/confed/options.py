"""Command-line options and output several commands share, written once so they read the same."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


def print_json(data: Any) -> None:
    """A command's --json answer on stdout: indented, names in their own script."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))
