"""Plan and run sweeps: one per treaty, on one Dask cluster, stored batch by batch."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from confed.errors import ConfedError, Problem
from confed.sensitivity.cluster import Runner, SerialRunner, batches_of, dask_runner
from confed.sensitivity.models import TreatyModel
from confed.sensitivity.space import uncertain_parameters
from confed.sensitivity.store import SweepStore, sweep_key
from confed.sensitivity.sweep import SweepSpec, analyse, design


@dataclass(frozen=True)
class Plan:
    """One treaty's sweep: the model, the design and the key it is stored under."""

    model: TreatyModel
    spec: SweepSpec
    rows: np.ndarray
    sweep_id: str
    identity: dict[str, Any]


@dataclass(frozen=True)
class SweepRequest:
    """What a user asked for, before it is checked and turned into plans."""

    treaties: list[str]
    method: str
    samples: int
    years: int
    at_years: str | None
    metrics: list[str]
    names: list[str]
    seed: int

    def plans(self, default_outputs: tuple[tuple[str, str], ...]) -> list[Plan]:
        """A checked plan per treaty; a located error for any bad value, before any run."""
        from confed.rights.engine import compiled_treaty, entry_year
        from confed.simulate.parameters import RunParameters

        spec = SweepSpec(self.method, self.samples, self.seed)  # type: ignore[arg-type]
        spec.check()
        outputs = [_metric(m) for m in self.metrics] or list(default_outputs)
        plans = []
        for name in self.treaties:
            compiled = compiled_treaty(name)
            start, _ = entry_year(compiled)
            base = RunParameters(years=self.years, start_year=start, seed=self.seed)
            at = [(m, k, y) for y in _years(self.at_years, start, self.years) for m, k in outputs]
            plans.append(plan_for(name, base, at, spec, self.names or None))
        return plans


def plan_for(
    name: str,
    base,
    outputs: list[tuple[str, str, int]],
    spec: SweepSpec,
    only: list[str] | None = None,
    ranges: dict[str, tuple[float, float]] | None = None,
) -> Plan:
    """The sweep of treaty `name` around the run `base`, reading `outputs`."""
    from confed.rights.engine import compiled_treaty

    compiled = compiled_treaty(name)
    parameters = tuple(uncertain_parameters(compiled.treaty, only, ranges))
    model = TreatyModel(name, base, parameters, tuple(outputs))
    identity = {
        "treaty": compiled.treaty.id,
        "treaty_hash": compiled.loaded.content_hash,
        "base": base.model_dump(),
        "parameters": [p.__dict__ for p in parameters],
        "outputs": model.outputs,
        "spec": spec.__dict__,
    }
    return Plan(model, spec, design(spec, model), sweep_key(identity), identity)


def _metric(text: str) -> tuple[str, str]:
    metric, sep, key = text.partition(".")
    if not sep or not key:
        raise ConfedError(
            Problem(
                f"'{text}' names no key",
                field="--metric",
                expected="METRIC.KEY, e.g. population.in_land",
            )
        )
    return metric, key


def _years(text: str | None, start: int, years: int) -> list[int]:
    last = start + years - 1
    if text is None:
        return [last]
    try:
        found = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        found = []
    if not found or any(not start <= y <= last for y in found):
        raise ConfedError(
            Problem(
                f"'{text}' is not a list of simulated years",
                field="--at",
                expected=f"years from {start} to {last}, e.g. {last}",
            )
        )
    return found


SAVE_EVERY = 3.0
"""Seconds between saves of finished batches while a sweep runs (and once at its end)."""


def run_sweeps(
    plans: list[Plan],
    workers: int,
    scheduler: str | None,
    store_path: Path | None,
    export_path: Path | None,
    progress: Callable[[int], None] | None = None,
    serial: bool = False,
) -> list[dict[str, Any]]:
    """Run every plan's missing batches on one cluster, store them, then the indices.

    With `serial`, batches run in this process instead (a server's job thread).
    """
    with sweeping(plans, workers, scheduler, store_path, progress, serial) as results:
        return results(export_path)


@contextmanager
def sweeping(
    plans: list[Plan],
    workers: int,
    scheduler: str | None,
    store_path: Path | None,
    progress: Callable[[int], None] | None = None,
    serial: bool = False,
) -> Iterator[Callable[[Path | None], list[dict[str, Any]]]]:
    """Start every plan's missing batches; inside the block, a function that waits for them.

    The batches of all plans go to the cluster at once, the plans with the most rows
    first, so no worker waits at the end of each treaty's sweep and the last tasks are
    short ones; the caller may do other work (`confed compare` runs its treaties) while
    they run. The function saves the batches as they finish, then gives each plan's
    entry (`_entry`), exporting the indices to `export_path` if one is given. No cluster
    is started when the store already holds every batch.
    """
    with ExitStack() as stack:
        runner: Runner | None = SerialRunner() if serial else None
        if runner is None and scheduler is not None:  # a bad address fails before any store
            runner = stack.enter_context(dask_runner(scheduler, workers))
        store = stack.enter_context(SweepStore(store_path))
        done = store.begin([(p.sweep_id, p.model.treaty, p.identity) for p in plans])
        if progress is not None:
            progress(sum(len(rows) for d in done for rows in d.values()))
        tasks = {}
        for k in sorted(range(len(plans)), key=lambda k: -len(plans[k].rows)):
            for i, rows in batches_of(plans[k].rows).items():
                if i not in done[k]:
                    tasks[k, i] = (plans[k].model.evaluate, rows)
        if runner is None:
            runner = stack.enter_context(dask_runner(None, workers)) if tasks else SerialRunner()
        finished = runner.run(tasks)
        yield lambda export_path: _collect(plans, done, finished, store, export_path, progress)


def _collect(
    plans: list[Plan],
    done: list[dict[int, np.ndarray]],
    finished: Iterator[tuple[Any, np.ndarray]],
    store: SweepStore,
    export_path: Path | None,
    progress: Callable[[int], None] | None,
) -> list[dict[str, Any]]:
    """Every plan's entry, in the plans' order, once its batches are in.

    Finished batches are saved every `SAVE_EVERY` seconds, and a plan's indices as soon
    as its last batch is in.
    """
    expected = [len(batches_of(p.rows)) for p in plans]
    analysed: dict[int, list[dict[str, Any]]] = {}
    unsaved: list[tuple[str, int, np.ndarray]] = []
    unsaved_results: dict[str, list[dict[str, Any]]] = {}
    saved = time.monotonic()

    def analyse_complete(k: int) -> None:
        if k not in analysed and len(done[k]) == expected[k]:
            plan = plans[k]
            outputs = np.concatenate([done[k][i] for i in sorted(done[k])])
            analysed[k] = analyse(plan.spec, plan.model, plan.rows, outputs)
            unsaved_results[plan.sweep_id] = analysed[k]

    for k in range(len(plans)):
        analyse_complete(k)
    for (k, i), outputs in finished:
        done[k][i] = outputs
        unsaved.append((plans[k].sweep_id, i, outputs))
        if progress is not None:
            progress(len(outputs))
        analyse_complete(k)
        if time.monotonic() - saved >= SAVE_EVERY:
            store.save(unsaved, unsaved_results)
            unsaved, unsaved_results, saved = [], {}, time.monotonic()
    if unsaved or unsaved_results:
        store.save(unsaved, unsaved_results)
    if export_path is not None:
        store.export([p.sweep_id for p in plans], export_path)
    return [_entry(plan, analysed[k]) for k, plan in enumerate(plans)]


def _entry(plan: Plan, results: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "treaty": plan.model.treaty,
        "sweep_id": plan.sweep_id,
        "method": plan.spec.method,
        "samples": plan.spec.samples,
        "seed": plan.spec.seed,
        "runs": len(plan.rows),
        "parameters": [
            {"name": p.name, "low": p.low, "high": p.high, "central": p.central, "basis": p.basis}
            for p in plan.model.parameters
        ],
        "results": results,
    }
