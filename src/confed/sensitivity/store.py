"""Sweeps in the run store: the design's outputs batch by batch, then the indices.

A sweep is keyed by a hash of everything its numbers depend on (treaty content, base
parameters, uncertain ranges, outputs, method, sample size, seed), so running the same
sweep again resumes from the batches already stored and an interrupted sweep loses at
most the batches in flight and those finished in the last few seconds
(`run.SAVE_EVERY`). Indices and percentiles export to CSV or Parquet.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from confed.errors import ConfedError, Problem
from confed.sensitivity.sweep import ranked
from confed.store import connect, default_path

SCHEMA = """
CREATE TABLE IF NOT EXISTS sweeps (
    sweep_id VARCHAR PRIMARY KEY,
    treaty VARCHAR NOT NULL,
    spec JSON NOT NULL,
    created TIMESTAMP NOT NULL,
    confed_version VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS sweep_batches (
    sweep_id VARCHAR NOT NULL,
    batch INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    outputs BLOB NOT NULL,
    PRIMARY KEY (sweep_id, batch)
);
CREATE TABLE IF NOT EXISTS sweep_results (
    sweep_id VARCHAR NOT NULL,
    output VARCHAR NOT NULL,
    parameter VARCHAR NOT NULL,
    measure VARCHAR NOT NULL,
    value DOUBLE NOT NULL
);
"""


def sweep_key(identity: dict[str, Any]) -> str:
    """The id of a sweep: a hash of what its numbers depend on."""
    text = json.dumps(identity, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class SweepStore:
    """The sweeps tables of a DuckDB run store."""

    def __init__(self, path: Path | None = None):
        self.path = path or default_path()
        with self._open() as db:
            db.execute(SCHEMA)

    def __enter__(self) -> SweepStore:
        return self

    def __exit__(self, *exc: object) -> None:
        """Nothing is held between operations: each opens the store for itself."""

    @contextmanager
    def _open(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The store for one operation, so other processes can use it in between."""
        db = connect(self.path)
        try:
            yield db
        finally:
            db.close()

    def begin(self, sweeps: list[tuple[str, str, dict[str, Any]]]) -> list[dict[int, np.ndarray]]:
        """Register each (sweep id, treaty, identity) once; per sweep, its stored batches."""
        with self._open() as db:
            found = []
            for sweep_id, treaty, identity in sweeps:
                db.execute(
                    "INSERT INTO sweeps VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    [
                        sweep_id,
                        treaty,
                        json.dumps(identity, default=str),
                        datetime.now(UTC),
                        version("confed"),
                    ],
                )
                rows = db.execute(
                    "SELECT batch, rows, outputs FROM sweep_batches WHERE sweep_id = ?",
                    [sweep_id],
                ).fetchall()
                found.append(
                    {b: np.frombuffer(blob, dtype="<f8").reshape(n, -1) for b, n, blob in rows}
                )
            return found

    def save(
        self,
        batches: list[tuple[str, int, np.ndarray]],
        results: dict[str, list[dict[str, Any]]],
    ) -> None:
        """Keep finished batches (sweep id, batch, outputs) and finished sweeps' results.

        One opening of the store and one transaction for all of them: opening the store
        costs tens of milliseconds, so a sweep saves what finished since its last save
        rather than each batch on its own. A sweep's results replace any stored before.
        """
        rows = []
        for sweep_id, entries in results.items():
            for entry in entries:
                for p in ("p5", "p50", "p95"):
                    rows.append((sweep_id, entry["output"], "", p, entry[p]))
                for index in entry["indices"]:
                    for measure, value in index.items():
                        if measure != "parameter":
                            rows.append(
                                (sweep_id, entry["output"], index["parameter"], measure, value)
                            )
        with self._open() as db:
            db.execute("BEGIN")
            for sweep_id, batch, outputs in batches:
                data = np.ascontiguousarray(outputs, dtype="<f8").tobytes()
                db.execute(
                    "INSERT INTO sweep_batches VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    [sweep_id, batch, len(outputs), data],
                )
            for sweep_id in results:
                db.execute("DELETE FROM sweep_results WHERE sweep_id = ?", [sweep_id])
            if rows:  # as columns: executemany took 0.4 s of CPU for a treaty's 870 rows
                names = ("sweep_id", "output", "parameter", "measure", "value")
                found = zip(names, zip(*rows, strict=True), strict=True)
                columns = {n: np.array(c, dtype=object) for n, c in found}
                columns["value"] = columns["value"].astype(np.float64)
                db.register("found", columns)
                db.execute("INSERT INTO sweep_results SELECT * FROM found")
                db.unregister("found")
            db.execute("COMMIT")

    def has_results(self, sweep_id: str) -> bool:
        """Whether a sweep's indices are stored (it ran to the end)."""
        with self._open() as db:
            found = db.execute(
                "SELECT count(*) FROM sweep_results WHERE sweep_id = ?", [sweep_id]
            ).fetchone()
            return bool(found and found[0])

    def summary(self, sweep_id: str) -> dict[str, Any]:
        """A stored sweep: its treaty, runs, parameters and, per metric, range and indices."""
        with self._open() as db:
            found = db.execute(
                "SELECT treaty, spec FROM sweeps WHERE sweep_id = ?", [sweep_id]
            ).fetchone()
            if found is None:
                raise ConfedError(
                    Problem(
                        f"no sweep '{sweep_id}' in {self.path}",
                        field="sweep",
                        expected="a stored sweep id",
                    )
                )
            identity = json.loads(found[1])
            metrics: dict[str, dict[str, Any]] = {}
            for output, parameter, measure, value in db.execute(
                "SELECT output, parameter, measure, value FROM sweep_results WHERE sweep_id = ?",
                [sweep_id],
            ).fetchall():
                entry = metrics.setdefault(output.rsplit("@", 1)[0], {"indices": {}})
                if parameter:
                    entry["indices"].setdefault(parameter, {"parameter": parameter})[measure] = (
                        value
                    )
                else:
                    entry[measure] = value
            for entry in metrics.values():
                entry["indices"] = ranked(list(entry["indices"].values()), "ST")
            parameters = identity["parameters"]
            return {
                "treaty": found[0],
                "runs": identity["spec"]["samples"] * (len(parameters) + 2),
                "parameters": parameters,
                "metrics": metrics,
            }

    def export(self, sweep_ids: list[str], path: Path) -> None:
        """The sweeps' results as CSV or Parquet (by the file's suffix), written whole."""
        with self._open() as db:
            kind = "PARQUET" if path.suffix == ".parquet" else "CSV"
            ids = ", ".join(f"'{s}'" for s in sweep_ids if s.isalnum())
            tmp = path.with_name(f".{path.name}.part")
            target = str(tmp).replace("'", "''")
            db.execute(
                f"COPY (SELECT s.treaty, r.* FROM sweep_results r JOIN sweeps s USING (sweep_id) "
                f"WHERE sweep_id IN ({ids}) ORDER BY s.treaty, output, parameter, measure) "
                f"TO '{target}' (FORMAT {kind})"
            )
            tmp.replace(path)
