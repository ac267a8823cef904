"""A simulation's results as columns: one array of runs × keys per year.

Every run of a treaty reports the same metrics and keys in a year (they follow from the
treaty and the phase), so runs are kept as rows of one float array per year rather
than as dictionaries: a run costs 8 bytes a value, means and bands are one NumPy call
per year, and the store receives columns. `Simulation.runs` still reads as lists of
`YearResult`, built on demand.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

import numpy as np

from confed.simulate.parameters import RunParameters

Metrics = dict[str, dict[str, float]]


@dataclass(frozen=True)
class YearResult:
    """The metrics of one simulated year."""

    year: int
    phase: str
    metrics: Metrics


@dataclass(frozen=True)
class YearLayout:
    """One year's calendar year, phase and each metric's keys, in the metrics' order."""

    year: int
    phase: str
    metrics: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def keys(self) -> list[tuple[str, str]]:
        """The (metric, key) of each column."""
        return [(m, k) for m, keys in self.metrics for k in keys]

    def row(self, metrics: Metrics) -> np.ndarray:
        """A year's values in this layout's columns (0 where a run lacks a key)."""
        if len(metrics) == len(self.metrics) and all(
            m in metrics and tuple(metrics[m]) == keys for m, keys in self.metrics
        ):  # the same keys in the same order (as a treaty's runs give): read them in turn
            values = chain.from_iterable(metrics[m].values() for m, _ in self.metrics)
            return np.fromiter(values, float, count=sum(len(k) for _, k in self.metrics))
        return np.array([metrics.get(m, {}).get(k, 0.0) for m, k in self.keys])


class Columns:
    """Runs added one at a time, kept as a row of values per year."""

    def __init__(self) -> None:
        self.layout: tuple[YearLayout, ...] = ()
        self.rows: list[list[np.ndarray]] = []  # per run: one row per year

    def add(self, years: list[YearResult]) -> None:
        """Keep one run's years as rows of values (keys of the first run's layout)."""
        if not self.layout:
            self.layout = tuple(
                YearLayout(y.year, y.phase, tuple((m, tuple(v)) for m, v in y.metrics.items()))
                for y in years
            )
        self.rows.append([year.row(y.metrics) for y, year in zip(years, self.layout, strict=True)])

    def values(self) -> tuple[np.ndarray, ...]:
        """Per year, the runs × keys array."""
        return tuple(np.stack([run[i] for run in self.rows]) for i in range(len(self.layout)))


@dataclass(frozen=True)
class Simulation:
    """Every run's years, with the treaty and parameters that produced them."""

    treaty: str
    treaty_hash: str
    parameters: RunParameters
    layout: tuple[YearLayout, ...]
    values: tuple[np.ndarray, ...]  # per year: runs × keys

    @property
    def runs(self) -> Sequence[list[YearResult]]:
        """Each run's years as `YearResult`s (built when read)."""
        return _Runs(self)

    def value(self, run: int, metric: str, key: str, year: int) -> float:
        """One run's value of `metric.key` in `year` (0 where the year lacks the key).

        Reads the one column, so a sweep reading a few outputs of a run does not build
        the run's dictionaries of every metric (`runs`).
        """
        for layout, values in zip(self.layout, self.values, strict=True):
            if layout.year != year:
                continue
            at = 0
            for m, keys in layout.metrics:
                if m == metric:
                    return float(values[run, at + keys.index(key)]) if key in keys else 0.0
                at += len(keys)
            return 0.0
        raise KeyError(year)

    def columns(self) -> Iterator[dict[str, np.ndarray]]:
        """Tidy columns (run, year, metric, key, value) for the store, one batch a year."""
        for year, values in zip(self.layout, self.values, strict=True):
            keys = year.keys
            metric = np.array([m for m, _ in keys], dtype=object)
            key = np.array([k for _, k in keys], dtype=object)
            runs = len(values)
            yield {
                "run": np.repeat(np.arange(runs, dtype=np.int32), len(key)),
                "year": np.full(values.size, year.year, dtype=np.int32),
                "metric": np.tile(metric, runs),
                "key": np.tile(key, runs),
                "value": values.reshape(-1).astype(np.float64),
            }

    def as_json(self) -> dict[str, Any]:
        """`{"treaty", "parameters", "years": [{year, phase, <metrics>}]}`.

        With several runs each metric is the mean and `bands` holds the 5th and 95th
        percentiles.
        """
        years = []
        for year, values in zip(self.layout, self.values, strict=True):
            entry: dict[str, Any] = {"year": year.year, "phase": year.phase}
            mean = values.mean(axis=0).tolist()
            for (metric, key), v in zip(year.keys, mean, strict=True):
                entry.setdefault(metric, {})[key] = v
            if len(values) > 1:
                low, high = np.percentile(values, [5, 95], axis=0).tolist()
                bands: dict[str, dict[str, list[float]]] = {}
                for (metric, key), lo, hi in zip(year.keys, low, high, strict=True):
                    bands.setdefault(metric, {})[key] = [lo, hi]
                entry["bands"] = bands
            years.append(entry)
        return {
            "treaty": self.treaty,
            "treaty_hash": self.treaty_hash,
            "parameters": self.parameters.model_dump(),
            "years": years,
        }


class _Runs(Sequence):
    """The runs of a simulation, each read back as its list of `YearResult`."""

    def __init__(self, sim: Simulation):
        self.sim = sim

    def __len__(self) -> int:
        return len(self.sim.values[0]) if self.sim.values else 0

    def __getitem__(self, r):
        if isinstance(r, slice):
            return [self[i] for i in range(*r.indices(len(self)))]
        out = []
        for year, values in zip(self.sim.layout, self.sim.values, strict=True):
            metrics: Metrics = {}
            for (metric, key), v in zip(year.keys, values[r].tolist(), strict=True):
                metrics.setdefault(metric, {})[key] = v
            out.append(YearResult(year.year, year.phase, metrics))
        return out
