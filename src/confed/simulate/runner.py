"""Monte-Carlo runs on one process or several, handed on in run order as they finish.

Each run is passed on as one row of values (every year's metrics in turn) with its
layout, so a worker process sends 8 bytes a value instead of pickled dictionaries, and
the parent can write each run to the store and let it go: its memory stays that of a
few runs however many there are. Runs draw from their own children of the seed and are
taken in run order, so any number of processes gives the serial values.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from importlib.metadata import version
from itertools import islice
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from confed.rights.compile import CompiledTreaty
from confed.simulate.parameters import RunParameters
from confed.simulate.results import Columns, Simulation, YearLayout, layout_of, row_in, tidy_batch
from confed.simulate.run import Progress, check_person_budget, simulate_once
from confed.simulate.threads import one_thread

RunRow = tuple[tuple[YearLayout, ...] | None, np.ndarray, int]
"""A finished run: its layout (None when the worker's previous run had the same), its row,
and the process that ran it."""

AHEAD = 4
"""Runs handed to each worker process ahead of the one the parent waits for: enough to
keep every process busy while the parent writes, few enough that finished runs waiting
for an earlier one take a few megabytes."""


def simulate_runs(
    compiled: CompiledTreaty,
    params: RunParameters,
    progress: Progress | None = None,
    workers: int = 1,
) -> Simulation:
    """All Monte-Carlo runs of a treaty, kept for reading (`confed.simulate.run.simulate`)."""
    columns = Columns()
    for layout, row in _runs(compiled, params, progress, workers):
        columns.add_row(layout, row)
    return _simulation(compiled, params, columns)


def simulate_stored(
    compiled: CompiledTreaty,
    params: RunParameters,
    store_path: Path | None = None,
    progress: Progress | None = None,
    workers: int = 1,
) -> tuple[str, Simulation]:
    """All runs, each written to the store as it finishes; the run id and the runs.

    The store receives a run's tidy rows (run × years × keys) as NumPy columns while the
    next runs go on, so writing overlaps the runs instead of following them, and no
    process holds more than a few runs' values. The store is opened only to write each
    run (`confed.store.save_in_turns`), so other confed processes use it in between;
    the run appears in it whole or not at all.
    """
    from confed.store import NewRun, save_in_turns

    columns = Columns()
    runs = _runs(compiled, params, progress, workers)  # refuses bad parameters first

    def batches() -> Iterator[dict[str, np.ndarray]]:
        batch = None
        waiting: list[dict[str, np.ndarray]] = []
        written = time.monotonic()
        for r, (layout, row) in enumerate(runs):
            row = columns.add_row(layout, row)
            batch = batch or tidy_batch(columns.layout)
            waiting.append(batch(r, row))
            if time.monotonic() - written >= WRITE_EVERY:
                yield _joined(waiting)
                waiting, written = [], time.monotonic()
        if waiting:
            yield _joined(waiting)

    made = NewRun(
        compiled.treaty.id, compiled.loaded.content_hash, params.model_dump(), version("confed")
    )
    run_id = save_in_turns(store_path, made, batches())
    return run_id, _simulation(compiled, params, columns)


WRITE_EVERY = 1.0
"""Seconds of finished runs written to the store at once. Each write opens the store
(about 30 ms of CPU for DuckDB's connect, beside about 90 ms to insert a 30-year
cohort run's 146,000 rows), so a few runs a write save most of the opening; other
processes still get the store between writes, and the parent holds a second's runs."""


def _joined(batches: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Several runs' tidy columns as one batch."""
    if len(batches) == 1:
        return batches[0]
    return {name: np.concatenate([b[name] for b in batches]) for name in batches[0]}


def _simulation(compiled: CompiledTreaty, params: RunParameters, columns: Columns) -> Simulation:
    return Simulation(
        compiled.treaty.id,
        compiled.loaded.content_hash,
        params,
        columns.layout,
        columns.values(),
    )


def _runs(
    compiled: CompiledTreaty,
    params: RunParameters,
    progress: Progress | None,
    workers: int,
) -> Iterator[tuple[tuple[YearLayout, ...], np.ndarray]]:
    """Each run's own layout and row, in run order, from this process or forked ones.

    Forked workers share the compiled treaty (where the platform forks; elsewhere the
    runs go on here). A person run over its memory budget is refused before any run.
    """
    if params.persons:
        check_person_budget(params)
    seeds = run_seeds(params.seed, params.runs)
    workers = min(workers, params.runs)
    if workers > 1 and "fork" in mp.get_all_start_methods():
        return _forked(compiled, params, seeds, workers, progress)
    return _serial(compiled, params, seeds, progress)


def run_seeds(seed: int, runs: int) -> list[np.random.SeedSequence]:
    """Each Monte-Carlo run's own child of the seed, in run order."""
    return np.random.SeedSequence(seed).spawn(runs)


def first_seed(seed: int) -> np.random.SeedSequence:
    """The seed of a run on its own (`runs=1`), as a sweep's samples all use."""
    return run_seeds(seed, 1)[0]


def _serial(
    compiled: CompiledTreaty,
    params: RunParameters,
    seeds: list[np.random.SeedSequence],
    progress: Progress | None,
) -> Iterator[tuple[tuple[YearLayout, ...], np.ndarray]]:
    """Runs in this process, on one BLAS thread."""
    with one_blas_thread():
        for seed in seeds:
            years = simulate_once(compiled, params, seed, progress)
            layout = layout_of(years)
            yield layout, row_in(layout, years)


def _forked(
    compiled: CompiledTreaty,
    params: RunParameters,
    seeds: list[np.random.SeedSequence],
    workers: int,
    progress: Progress | None,
) -> Iterator[tuple[tuple[YearLayout, ...], np.ndarray]]:
    """Runs in `workers` forked processes, at most `AHEAD` a worker beyond the one awaited.

    A worker sends a run's layout only when it differs from its previous run's, so the
    parent keeps each worker's last layout to read the rows by.
    """
    global _SHARED
    _SHARED = (compiled, params)
    gc.freeze()  # inherited objects stay out of the workers' collections: no pages copied
    try:
        context = mp.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker) as pool:
            todo = iter(seeds)
            waiting: deque[Future[RunRow]] = deque(
                pool.submit(_run_shared, s) for s in islice(todo, workers * AHEAD)
            )
            layouts: dict[int, tuple[YearLayout, ...]] = {}
            try:
                while waiting:
                    layout, row, pid = waiting.popleft().result()
                    for seed in todo:
                        waiting.append(pool.submit(_run_shared, seed))
                        break
                    if layout is not None:
                        layouts[pid] = layout
                    if progress is not None:
                        progress(params.years)
                    yield layouts[pid], row
            finally:  # stopped early (an error, or the store failed): drop the runs not begun
                for future in waiting:
                    future.cancel()
    finally:
        _SHARED = None
        gc.unfreeze()


def one_blas_thread() -> threadpool_limits:
    """Linear algebra on one thread, for the run's small products (44 × 44 cohort steps).

    A second BLAS thread only adds hand-offs at this size, and when the cores are busy
    its waiting made a cohort run several times slower. In forked workers it also keeps
    the workers from oversubscribing the cores they already fill.
    """
    return threadpool_limits(1, user_api="blas")


_SHARED: tuple[CompiledTreaty, RunParameters] | None = None
"""The treaty and parameters forked worker processes run (set while `_forked` runs them)."""

_SENT: tuple[YearLayout, ...] | None = None
"""In a worker process, the layout of the last run it sent."""


def _start_worker() -> None:
    """A worker's setup: one BLAS thread, row passes on one thread, and no layout sent yet.

    The workers already fill the cores, one run each: a person run's passes over its
    rows (`threads.row_pass`) stay on the worker's own thread.
    """
    global _SENT
    _SENT = None
    one_blas_thread()
    one_thread()


def _run_shared(seed: np.random.SeedSequence) -> RunRow:
    """One run in a forked worker, of the treaty and parameters it inherited."""
    global _SENT
    assert _SHARED is not None
    compiled, params = _SHARED
    years = simulate_once(compiled, params, seed)
    layout = layout_of(years)
    row = row_in(layout, years)
    if layout == _SENT:
        return None, row, os.getpid()
    _SENT = layout
    return layout, row, os.getpid()
