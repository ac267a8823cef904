"""Plan and run sweeps: one per treaty, on one Dask cluster, stored batch by batch."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from confed.errors import ConfedError, Problem
from confed.sensitivity.cluster import SerialRunner, dask_runner
from confed.sensitivity.models import TreatyModel
from confed.sensitivity.space import uncertain_parameters
from confed.sensitivity.store import SweepStore, sweep_key
from confed.sensitivity.sweep import SweepSpec, analyse, design, evaluate


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
    out = []
    cluster = nullcontext(SerialRunner()) if serial else dask_runner(scheduler, workers)
    with cluster as runner, SweepStore(store_path) as store:
        stored = [store.begin(p.sweep_id, p.model.treaty, p.identity) for p in plans]
        if progress is not None:
            progress(sum(sum(len(b) for b in done.values()) for done in stored))
        for plan, done in zip(plans, stored, strict=True):

            def keep(i: int, rows: np.ndarray, outputs: np.ndarray, plan: Plan = plan) -> None:
                store.save_batch(plan.sweep_id, i, outputs)
                if progress is not None:
                    progress(len(rows))

            outputs = evaluate(plan.model, plan.rows, runner, done, keep)
            results = analyse(plan.spec, plan.model, plan.rows, outputs)
            store.save_results(plan.sweep_id, results)
            out.append(_entry(plan, results))
        if export_path is not None:
            store.export([p.sweep_id for p in plans], export_path)
    return out


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
