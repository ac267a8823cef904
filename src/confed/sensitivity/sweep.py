"""A global sensitivity sweep: SALib's design, the model's runs, SALib's indices.

Sobol: first-order and total indices with 95% confidence intervals (Saltelli's design,
N × (D + 2) runs). Morris: the elementary-effects screen (mu*, sigma), r × (D + 1) runs.
Either way, each output's 5th, 50th and 95th percentiles across the design are given
too. The design is seeded, so a sweep is reproducible and can resume.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from confed.errors import ConfedError, Problem
from confed.sensitivity.cluster import Runner, batches_of

Method = Literal["sobol", "morris"]
MORRIS_LEVELS = 4


@dataclass(frozen=True)
class SweepSpec:
    """How to sample: the method, its base sample size and the seed."""

    method: Method
    samples: int
    seed: int

    def check(self) -> None:
        """A Sobol design needs a power of two; a located error otherwise."""
        n = self.samples
        if self.method == "sobol" and (n < 2 or n & (n - 1)):
            raise ConfedError(
                Problem(
                    f"{n} samples do not make a Sobol design",
                    field="--samples",
                    expected="a power of two, such as 16, 64 or 256",
                )
            )


def problem(model) -> dict[str, Any]:
    """SALib's problem for a model's parameters."""
    return {
        "num_vars": len(model.parameters),
        "names": model.names,
        "bounds": [[u.low, u.high] for u in model.parameters],
    }


def design(spec: SweepSpec, model) -> np.ndarray:
    """The parameter rows to run (SALib sampling, seeded)."""
    spec.check()
    if spec.method == "sobol":
        from SALib.sample import sobol

        return sobol.sample(problem(model), spec.samples, calc_second_order=False, seed=spec.seed)
    from SALib.sample import morris

    return morris.sample(problem(model), spec.samples, num_levels=MORRIS_LEVELS, seed=spec.seed)


def evaluate(
    model,
    rows: np.ndarray,
    runner: Runner,
    done: dict[int, np.ndarray] | None = None,
    on_batch: Callable[[int, np.ndarray, np.ndarray], None] | None = None,
) -> np.ndarray:
    """Every row's outputs; batches in `done` are reused, new ones reported to `on_batch`."""
    batches = batches_of(rows)
    done = dict(done or {})
    todo = {i: b for i, b in batches.items() if i not in done}
    for i, outputs in runner.run({i: (model.evaluate, b) for i, b in todo.items()}):
        done[i] = outputs
        if on_batch is not None:
            on_batch(i, batches[i], outputs)
    return np.concatenate([done[i] for i in sorted(batches)])


def analyse(spec: SweepSpec, model, rows: np.ndarray, outputs: np.ndarray) -> list[dict[str, Any]]:
    """Per output: percentiles, and each parameter's indices with confidence intervals."""
    out = []
    for j, label in enumerate(model.labels):
        y = outputs[:, j]
        p5, p50, p95 = np.percentile(y, [5, 50, 95])
        entry: dict[str, Any] = {
            "output": label,
            "p5": float(p5),
            "p50": float(p50),
            "p95": float(p95),
            "indices": [],
        }
        if np.ptp(y) <= 1e-9 * max(np.abs(y).max(), 1e-300):  # constant but for rounding
            entry["indices"] = [
                {"parameter": name, **dict.fromkeys(_measures(spec), 0.0)} for name in model.names
            ]
            out.append(entry)
            continue
        found = _indices(spec, model, rows, y)
        for i, name in enumerate(model.names):
            entry["indices"].append(
                {"parameter": name, **{k: float(v[i]) for k, v in found.items()}}
            )
        out.append(entry)
    return out


def _measures(spec: SweepSpec) -> tuple[str, ...]:
    if spec.method == "sobol":
        return ("S1", "S1_conf", "ST", "ST_conf")
    return ("mu_star", "mu_star_conf", "sigma")


def _indices(spec: SweepSpec, model, rows: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
    if spec.method == "sobol":
        from SALib.analyze import sobol

        found = sobol.analyze(
            problem(model), y, calc_second_order=False, conf_level=0.95, seed=spec.seed
        )
    else:
        from SALib.analyze import morris

        found = morris.analyze(
            problem(model), rows, y, conf_level=0.95, num_levels=MORRIS_LEVELS, seed=spec.seed
        )
    return {k: np.asarray(found[k]) for k in _measures(spec)}


NOISE = 1e-9
"""Indices closer than this are the same: an output that no parameter moves gets indices
of floating-point noise (about 1e-16), whose order would change with the order of a sum."""


def ranked(indices: list[dict[str, Any]], measure: str) -> list[dict[str, Any]]:
    """Parameters' indices, largest `measure` first; equal ones keep the parameters' order.

    >>> [i["parameter"] for i in ranked([{"parameter": "a", "ST": 3e-17},
    ...     {"parameter": "b", "ST": 0.4}, {"parameter": "c", "ST": -2e-16}], "ST")]
    ['b', 'a', 'c']
    """
    return sorted(indices, key=lambda i: -round(i.get(measure, 0.0) / NOISE))
