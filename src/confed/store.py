"""The embedded store of simulation runs: one DuckDB file, tidy rows, reproducible runs.

A run is saved with the treaty's content hash and every parameter, so it can be
reopened and re-run. Results are tidy rows (run, year, metric, key, value). A run
becomes visible whole, in one last transaction: an interrupted run leaves nothing
half-written.
"""

from __future__ import annotations

import json
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import platformdirs

from confed.errors import ConfedError, Problem

if TYPE_CHECKING:
    import numpy as np

    from confed.simulate.run import Simulation

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    treaty VARCHAR NOT NULL,
    treaty_hash VARCHAR NOT NULL,
    parameters JSON NOT NULL,
    created TIMESTAMP NOT NULL,
    confed_version VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS run_names (
    run_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS pending_runs (
    run_id VARCHAR PRIMARY KEY
);
ALTER TABLE pending_runs ADD COLUMN IF NOT EXISTS writer INTEGER;
ALTER TABLE pending_runs ADD COLUMN IF NOT EXISTS host VARCHAR;
CREATE TABLE IF NOT EXISTS results (
    run_id VARCHAR NOT NULL,
    run INTEGER NOT NULL,
    year INTEGER NOT NULL,
    metric VARCHAR NOT NULL,
    key VARCHAR NOT NULL,
    value DOUBLE NOT NULL
);
"""


MAX_NAME = 80
"""Characters of a run's name."""

WAIT = 120.0
"""Seconds a process waits for another to finish with the store before giving up."""

MEMORY = "256MB"
"""DuckDB's memory for the store. Its default, 80 % of the machine's, let the checkpoint
at close (the written rows moved from the log into the file) hold every row of a save at
once: 880 MiB for 60 runs of alfa, against 390 MiB with this limit; beyond it DuckDB
spills to disk."""


def connect(path: Path, wait: float = WAIT) -> duckdb.DuckDBPyConnection:
    """Open the store, waiting while another process holds it (DuckDB allows one at once).

    Every confed process holds the store only to read or write, so a second writer or
    a reader waits its turn (with growing pauses, at most `wait` seconds) instead of
    failing and losing its finished work.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    pause = 0.05
    while True:
        try:
            return duckdb.connect(str(path))
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise ConfedError(
                    Problem(
                        f"cannot open the run store {path}: {str(exc).splitlines()[0]}",
                        field="store",
                        expected=f"the store free within {wait:.0f} s, or another --store",
                    )
                ) from None
        except duckdb.Error as exc:
            raise ConfedError(
                Problem(f"cannot open the run store: {exc}", field=str(path))
            ) from None
        time.sleep(pause)
        pause = min(pause * 2, 1.0)


@dataclass(frozen=True)
class NewRun:
    """What reproduces a run being saved, the record `Store.finish_run` writes.

    Its treaty, the treaty's hash, its parameters and confed's version.
    """

    treaty: str
    treaty_hash: str
    parameters: dict[str, Any]
    version: str


def save_in_turns(path: Path | None, run: NewRun, columns: Iterable[dict[str, np.ndarray]]) -> str:
    """`Store.save`, opening the store only to write each batch: the new run id.

    Between batches (while the next runs are computed) other confed processes read
    and write the store; the run still appears whole or not at all.
    """
    return _saved(lambda: Store(path), run, columns)


def _saved(
    held: Callable[[], AbstractContextManager[Store]],
    run: NewRun,
    columns: Iterable[dict[str, np.ndarray]],
) -> str:
    """A new run id: the run begun, its batches written and its record made.

    Each step works in the store `held` gives (open throughout, or opened per step); if
    any step fails, the run's rows are removed.
    """
    with held() as store:
        run_id = store.begin_run()
    try:
        for batch in columns:
            with held() as store:
                store.add_rows(run_id, batch)
        with held() as store:
            store.finish_run(run_id, run)
    except BaseException:
        with held() as store:
            store.drop_run(run_id)
        raise
    return run_id


def _still_writing(writer: int | None, host: str | None) -> bool:
    """Whether the process that began a pending run still runs (on another host: assumed)."""
    if writer is None:
        return False  # listed before writers were recorded
    if host != socket.gethostname():
        return True
    try:
        os.kill(writer, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def default_path() -> Path:
    """The store in the user's data directory (created on first use)."""
    return Path(platformdirs.user_data_dir("confed")) / "runs.duckdb"


@dataclass(frozen=True)
class RunRecord:
    """A stored run's identity and how to reproduce it."""

    run_id: str
    treaty: str
    treaty_hash: str
    parameters: dict[str, Any]
    created: datetime
    confed_version: str
    name: str | None = None  # a reader's name for the run, shown instead of its id

    @property
    def label(self) -> str:
        """What a page calls the run: its name where one is set, else its short id."""
        return self.name or self.run_id[:12]

    def as_json(self) -> dict[str, Any]:
        """The item of `confed runs --json` and `GET /runs`."""
        return {
            "run_id": self.run_id,
            "treaty": self.treaty,
            "treaty_hash": self.treaty_hash,
            "parameters": self.parameters,
            "created": self.created.isoformat(),
            "confed_version": self.confed_version,
            "name": self.name,
        }


Row = tuple[int, int, str, str, float]
"""(Monte-Carlo run, year, metric, key, value)."""


class Store:
    """A DuckDB file of runs and their tidy results."""

    def __init__(self, path: Path | None = None):
        self.path = path or default_path()
        self._db = connect(self.path)
        self._db.execute(f"SET memory_limit = '{MEMORY}'")
        self._db.execute(SCHEMA)

    def close(self) -> None:
        """Close the database file."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def save(self, run: NewRun, columns: Iterable[dict[str, np.ndarray]]) -> str:
        """Write a run and its results; return the new run id.

        `columns` are batches of the results' columns (run, year, metric, key, value as
        NumPy arrays): DuckDB reads each batch's arrays directly, so no Python object
        is made per value. Each batch is committed as it comes (an open transaction
        would hold every row written so far in memory, about 23 bytes a row) under an
        id listed as pending; the run's record appears last, so a reader sees the run
        whole or not at all. A save that fails removes its rows.
        """
        return _saved(lambda: nullcontext(self), run, columns)

    def begin_run(self) -> str:
        """A new run id, listed as pending (with this process as its writer) until finished.

        Rows of runs whose writer is gone (a killed process) are removed first.
        """
        self._drop_abandoned()
        run_id = uuid.uuid4().hex[:12]
        self._db.execute(
            "INSERT INTO pending_runs (run_id, writer, host) VALUES (?, ?, ?)",
            [run_id, os.getpid(), socket.gethostname()],
        )
        return run_id

    def add_rows(self, run_id: str, batch: dict[str, np.ndarray]) -> None:
        """Commit one batch of a pending run's columns (run, year, metric, key, value)."""
        self._db.register("batch", batch)
        self._db.execute(
            "INSERT INTO results SELECT ?, run, year, metric, key, value FROM batch", [run_id]
        )
        self._db.unregister("batch")

    def finish_run(self, run_id: str, run: NewRun) -> None:
        """Make a pending run visible: its record appears and its pending mark goes at once."""
        self._db.execute("BEGIN TRANSACTION")
        try:
            self._db.execute(
                "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?)",
                [
                    run_id,
                    run.treaty,
                    run.treaty_hash,
                    json.dumps(run.parameters, sort_keys=True),
                    datetime.now(UTC).replace(tzinfo=None),
                    run.version,
                ],
            )
            self._db.execute("DELETE FROM pending_runs WHERE run_id = ?", [run_id])
            self._db.execute("COMMIT")
        except BaseException:
            with suppress(duckdb.Error):
                self._db.execute("ROLLBACK")
            raise

    def drop_run(self, run_id: str) -> None:
        """Remove a pending run's rows and its mark (its save failed)."""
        self._db.execute("DELETE FROM results WHERE run_id = ?", [run_id])
        self._db.execute("DELETE FROM pending_runs WHERE run_id = ?", [run_id])

    def _drop_abandoned(self) -> None:
        """Remove the rows of pending runs whose writing process no longer runs."""
        pending = self._db.execute("SELECT run_id, writer, host FROM pending_runs").fetchall()
        for run_id, writer, host in pending:
            if not _still_writing(writer, host):
                self.drop_run(run_id)

    def save_simulation(self, sim: Simulation, extra: dict[str, Any] | None = None) -> str:
        """Store a simulation with its parameters (and `extra` ones); return the run id."""
        parameters = {**sim.parameters.model_dump(), **(extra or {})}
        made = NewRun(sim.treaty, sim.treaty_hash, parameters, version("confed"))
        return self.save(made, sim.columns())

    def runs(self) -> list[RunRecord]:
        """Every stored run, newest first."""
        rows = self._db.execute(
            "SELECT r.run_id, treaty, treaty_hash, parameters, created, confed_version, n.name "
            "FROM runs r LEFT JOIN run_names n USING (run_id) ORDER BY created DESC"
        ).fetchall()
        return [RunRecord(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], r[6]) for r in rows]

    def name_run(self, run_id: str, name: str) -> RunRecord:
        """Give a run (a unique id prefix is enough) a name; an empty name removes it."""
        record = self.run(run_id)
        name = " ".join(name.split())
        if len(name) > MAX_NAME:
            raise ConfedError(
                Problem(
                    f"the name is {len(name)} characters long",
                    field="name",
                    expected=f"at most {MAX_NAME} characters",
                )
            )
        self._db.execute("DELETE FROM run_names WHERE run_id = ?", [record.run_id])
        if name:
            self._db.execute("INSERT INTO run_names VALUES (?, ?)", [record.run_id, name])
        return self.run(record.run_id)

    def run(self, run_id: str) -> RunRecord:
        """One run by id (a unique prefix is enough)."""
        matches = [r for r in self.runs() if r.run_id.startswith(run_id)]
        if len(matches) != 1:
            known = ", ".join(r.run_id for r in self.runs()[:10]) or "none yet"
            what = "no run" if not matches else "more than one run"
            raise ConfedError(
                Problem(f"{what} matches '{run_id}'", field="run", expected=f"one of: {known}")
            )
        return matches[0]

    def results(self, run_id: str, only: Sequence[tuple[str, str]] | None = None) -> list[Row]:
        """A run's tidy rows, ordered by run, year, metric and key.

        `only` keeps the rows of those (metric, key) pairs: a summary of many runs reads
        a few thousand rows instead of every place's (about 146,000 a run of 30 years).
        """
        full = self.run(run_id).run_id
        if only is None:
            return self._db.execute(
                "SELECT run, year, metric, key, value FROM results WHERE run_id = ? "
                "ORDER BY run, year, metric, key",
                [full],
            ).fetchall()
        return self._db.execute(
            "SELECT run, year, metric, key, value FROM results "
            "JOIN (SELECT unnest(?::VARCHAR[]) AS metric, unnest(?::VARCHAR[]) AS key) "
            "USING (metric, key) WHERE run_id = ? ORDER BY run, year, metric, key",
            [[m for m, _ in only], [k for _, k in only], full],
        ).fetchall()

    def export_parquet(self, run_id: str, path: Path) -> Path:
        """Write a run's tidy rows to a Parquet file (atomically: temp file, then rename)."""
        full = self.run(run_id).run_id
        tmp = path.with_name(f".{path.name}.tmp")
        self._db.execute(
            f"COPY (SELECT * FROM results WHERE run_id = '{full}' "
            "ORDER BY run, year, metric, key) TO ? (FORMAT parquet)",
            [str(tmp)],
        )
        tmp.replace(path)
        return path
