"""Where a sweep's batches run: a Dask cluster (local by default, or an existing one).

A batch is a block of parameter rows evaluated by one task, long enough to hide the
scheduler's per-task cost (7-12 ms measured here). Results come back as they complete,
so the caller can store them as they come and an interrupted sweep can resume.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Protocol

import numpy as np

from confed.errors import ConfedError, Problem

Evaluate = Callable[[np.ndarray], np.ndarray]
Tasks = dict[Hashable, tuple[Evaluate, np.ndarray]]
"""Batches to run, each under its own key: the function to evaluate and its rows."""


class Runner(Protocol):
    """Runs batches of rows and yields (key, outputs) as each completes."""

    def run(self, tasks: Tasks) -> Iterator[tuple[Hashable, np.ndarray]]:
        """Yield (key, outputs) for every task, run in the order given where it can."""
        ...


class SerialRunner:
    """Every batch in this process, one after the other (for a model that is cheap)."""

    def run(self, tasks: Tasks) -> Iterator[tuple[Hashable, np.ndarray]]:
        """Yield each batch's outputs in order, computing each when asked for."""
        return ((key, evaluate(rows)) for key, (evaluate, rows) in tasks.items())


class DaskRunner:
    """Every batch as a task of a Dask client."""

    def __init__(self, client):
        self.client = client

    def run(self, tasks: Tasks) -> Iterator[tuple[Hashable, np.ndarray]]:
        """Submit every task now, first given first run; yield outputs as tasks complete.

        Tasks are submitted before this returns, so the cluster works while the caller
        does something else before reading the results.
        """
        from distributed import as_completed

        futures = {
            self.client.submit(evaluate, rows, pure=False, priority=-n): key
            for n, (key, (evaluate, rows)) in enumerate(tasks.items())
        }
        return ((futures[f], f.result()) for f in as_completed(futures))


@contextmanager
def dask_runner(scheduler: str | None, workers: int) -> Iterator[DaskRunner]:
    """A runner on the Dask scheduler at `scheduler`, or on a local cluster of `workers`.

    The local cluster's workers are processes bound to 127.0.0.1, one thread each, started
    in `worker_environment()` and without Dask's statistical profiler (a thread that
    takes the interpreter lock from the task every 10 ms to read its stack: CPU beside
    the task's own fell from 15-18 % of the task's to 6-8 % without it); it is closed
    when the block ends.
    """
    import dask
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise ConfedError(
                Problem(
                    f"no Dask scheduler answers at {scheduler} ({exc})",
                    field="--scheduler",
                    expected="tcp://HOST:PORT of a running `dask scheduler`",
                )
            ) from None
        with client:
            yield DaskRunner(client)
        return
    with (
        dask.config.set({PRE_SPAWN_ENVIRON: worker_environment(), WORKER_PROFILE: False}),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
        ) as cluster,
        Client(cluster) as client,
    ):
        yield DaskRunner(client)


PRE_SPAWN_ENVIRON = "distributed.nanny.pre-spawn-environ"
WORKER_PROFILE = "distributed.worker.profile.enabled"
NANNY_MALLOC_SETTING = "MALLOC_TRIM_THRESHOLD_"


def worker_environment() -> dict:
    """Dask's environment for a new worker process, without its malloc trim threshold.

    Dask's nanny sets MALLOC_TRIM_THRESHOLD_=65536 for its workers; any explicit glibc
    threshold also fixes the mmap threshold at 128 KiB, so each of a run's large NumPy
    arrays is a fresh mapping, faulted in page by page and unmapped when freed. A cohort
    run took 2.4x as long in such a process (44x the minor page faults; a third of its
    time in the kernel, see benchmarks/README.md). The thread limits are kept. Workers of
    an existing cluster are started by whoever runs it; `dask worker --no-nanny` avoids
    the setting.
    """
    import dask
    import distributed  # noqa: F401  (registers Dask's distributed defaults)

    environ = dict(dask.config.get(PRE_SPAWN_ENVIRON, default={}))
    environ.pop(NANNY_MALLOC_SETTING, None)
    return environ


def batches_of(rows: np.ndarray, tasks: int = 16) -> dict[int, np.ndarray]:
    """Rows cut into about `tasks` batches of at most 64 rows.

    The cut depends on the number of rows only, so a resumed sweep finds the same batches
    whatever the number of workers.
    """
    size = max(1, min(64, -(-len(rows) // tasks)))
    return {i: rows[start : start + size] for i, start in enumerate(range(0, len(rows), size))}
