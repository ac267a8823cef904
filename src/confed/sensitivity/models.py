"""What a sweep evaluates: a treaty's run read at chosen years, or a reference function.

A model maps rows of parameter values to rows of outputs. It is a small, picklable
object, so a batch of rows can run on any worker of a cluster; the treaty model compiles
its treaty once per worker process.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from confed.sensitivity.space import Uncertain, run_parameters
from confed.simulate.parameters import RunParameters

Output = tuple[str, str, int]
"""(metric, key, year) of a run's yearly metrics."""


@dataclass(frozen=True)
class TreatyModel:
    """A treaty's cohort run with the sampled parameters, read at `outputs`.

    Every sample uses the same seed, so differences between samples come from the
    parameters, not from the draws (common random numbers).
    """

    treaty: str
    base: RunParameters
    parameters: tuple[Uncertain, ...]
    outputs: tuple[Output, ...]

    @property
    def names(self) -> list[str]:
        """Parameter names, in column order."""
        return [u.name for u in self.parameters]

    @property
    def labels(self) -> list[str]:
        """Output names, in column order: `metric.key@year`."""
        return [f"{m}.{k}@{y}" for m, k, y in self.outputs]

    def evaluate(self, rows: np.ndarray) -> np.ndarray:
        """One output row per parameter row.

        Each sample is one `simulate_once` with the seed `simulate` gives a single run,
        computing only the metrics read (and those its phase gates read) in the years
        read: the same numbers as `simulate(...).value`, without the metrics of every
        year of every place nobody reads here (a fifth of a sample's time).
        """
        from confed.rights.engine import compiled_treaty
        from confed.simulate.results import value_of
        from confed.simulate.run import simulate_once
        from confed.simulate.runner import first_seed, one_blas_thread

        compiled = compiled_treaty(self.treaty)
        seed = first_seed(self.base.seed)
        reads: dict[int, frozenset[str]] = {}
        for m, _k, y in self.outputs:
            reads[y] = reads.get(y, frozenset()) | {m}
        out = np.empty((len(rows), len(self.outputs)))
        with one_blas_thread():
            for i, values in enumerate(rows):
                params = run_parameters(self.base, list(self.parameters), list(values))
                years = {
                    y.year: y.metrics for y in simulate_once(compiled, params, seed, None, reads)
                }
                out[i] = [value_of(years[y], m, k) for m, k, y in self.outputs]
        return out


ISHIGAMI_A, ISHIGAMI_B = 7.0, 0.1


@dataclass(frozen=True)
class IshigamiModel:
    """The Ishigami function, whose Sobol indices are known exactly: a check of the wiring."""

    parameters: tuple[Uncertain, ...] = tuple(
        Uncertain(f"x{i}", -np.pi, np.pi, 0.0, False, "reference function") for i in (1, 2, 3)
    )

    @property
    def names(self) -> list[str]:
        """x1, x2, x3."""
        return [u.name for u in self.parameters]

    @property
    def labels(self) -> list[str]:
        """The one output."""
        return ["ishigami"]

    def evaluate(self, rows: np.ndarray) -> np.ndarray:
        """The function, y = sin x1 + a sin² x2 + b x3⁴ sin x1, one row per parameter row."""
        x1, x2, x3 = rows[:, 0], rows[:, 1], rows[:, 2]
        y = np.sin(x1) + ISHIGAMI_A * np.sin(x2) ** 2 + ISHIGAMI_B * x3**4 * np.sin(x1)
        return y[:, None]

    @staticmethod
    def exact() -> dict[str, dict[str, float]]:
        """Analytic first-order and total indices (Ishigami and Homma, 1990)."""
        a, b = ISHIGAMI_A, ISHIGAMI_B
        v1 = 0.5 * (1 + b * np.pi**4 / 5) ** 2
        v2 = a**2 / 8
        v13 = b**2 * np.pi**8 * (1 / 18 - 1 / 50)
        v = v1 + v2 + v13
        return {
            "S1": {"x1": v1 / v, "x2": v2 / v, "x3": 0.0},
            "ST": {"x1": (v1 + v13) / v, "x2": v2 / v, "x3": v13 / v},
        }
