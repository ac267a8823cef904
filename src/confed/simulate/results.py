"""A simulation's results as columns: one array of runs × keys per year.

Every run of a treaty reports the same metrics and keys in a year (they follow from the
treaty and the phase), so runs are kept as rows of one float array per year rather
than as dictionaries: a run costs 8 bytes a value, kept in a temporary file rather than
in memory, means and bands are one NumPy call per year, and the store receives columns
a run at a time. `Simulation.runs` still reads as lists of `YearResult`, built on demand.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from typing import IO, Any

import numpy as np

from confed.simulate.parameters import RunParameters

Metrics = Mapping[str, Mapping[str, float]]
"""A year's metrics: metric → key → value (a dict, or a `YearMetrics` row read by key)."""


@dataclass(frozen=True)
class YearLayout:
    """One year's calendar year, phase and each metric's keys, in the metrics' order.

    A run reuses the layout of the same year of the previous run when its keys are the
    same (`layout_for`), so what is derived from it (`keys`, `width`, `spans`) is built
    once per process, and runs are compared by identity, not key by key.
    """

    year: int
    phase: str
    metrics: tuple[tuple[str, tuple[str, ...]], ...]

    @cached_property
    def keys(self) -> list[tuple[str, str]]:
        """The (metric, key) of each column."""
        return [(m, k) for m, keys in self.metrics for k in keys]

    @cached_property
    def width(self) -> int:
        """The number of columns."""
        return sum(len(keys) for _, keys in self.metrics)

    @cached_property
    def spans(self) -> dict[str, tuple[int, tuple[str, ...]]]:
        """Each metric's first column and keys."""
        starts = np.cumsum([0, *(len(keys) for _, keys in self.metrics)]).tolist()
        return {m: (start, keys) for (m, keys), start in zip(self.metrics, starts, strict=False)}

    @cached_property
    def columns(self) -> dict[tuple[str, str], int]:
        """The column of each (metric, key)."""
        return {mk: i for i, mk in enumerate(self.keys)}

    def row(self, metrics: Metrics) -> np.ndarray:
        """A year's values in this layout's columns (0 where a run lacks a key)."""
        if isinstance(metrics, YearMetrics) and metrics.layout == self:
            return metrics.values
        if len(metrics) == len(self.metrics) and all(
            m in metrics and tuple(metrics[m]) == keys for m, keys in self.metrics
        ):  # the same keys in the same order (as a treaty's runs give): read them in turn
            values = chain.from_iterable(metrics[m].values() for m, _ in self.metrics)
            return np.fromiter(values, float, count=self.width)
        return np.array([metrics.get(m, {}).get(k, 0.0) for m, k in self.keys])


_LAYOUTS: dict[tuple[int, str], YearLayout] = {}
"""The last layout made for each year and phase (reused while the keys stay the same)."""


def layout_for(
    year: int, phase: str, metrics: tuple[tuple[str, tuple[str, ...]], ...]
) -> YearLayout:
    """The layout of a year with these metrics and keys: the last one made, if it matches.

    The electorates' key tuples are kept per treaty and phase (thousands of keys), so the
    match is mostly identity checks.
    """
    kept = _LAYOUTS.get((year, phase))
    if kept is not None and kept.metrics == metrics:
        return kept
    if len(_LAYOUTS) > 1024:
        _LAYOUTS.clear()
    kept = _LAYOUTS[year, phase] = YearLayout(year, phase, metrics)
    return kept


class YearMetrics(Mapping):
    """A year's metrics as one row of values in a layout, read as metric → key → value.

    A run keeps each year this way (one array, its layout shared with the other runs)
    instead of as dictionaries of thousands of keys; a metric's dictionary is built
    only when one is read.
    """

    __slots__ = ("layout", "values")

    def __init__(self, layout: YearLayout, values: np.ndarray):
        self.layout = layout
        self.values = values

    def __getitem__(self, metric: str) -> dict[str, float]:
        start, keys = self.layout.spans[metric]
        return dict(zip(keys, self.values[start : start + len(keys)].tolist(), strict=True))

    def __iter__(self) -> Iterator[str]:
        return iter(self.layout.spans)

    def __len__(self) -> int:
        return len(self.layout.metrics)

    def __repr__(self) -> str:
        return f"YearMetrics({dict(self)!r})"

    def value(self, metric: str, key: str, default: float = 0.0) -> float:
        """One value, or `default` where the year has no such metric or key."""
        column = self.layout.columns.get((metric, key))
        return default if column is None else float(self.values[column])


def value_of(metrics: Metrics, metric: str, key: str, default: float = 0.0) -> float:
    """One value of a year's metrics, or `default` where it has no such metric or key."""
    if isinstance(metrics, YearMetrics):
        return metrics.value(metric, key, default)
    return metrics.get(metric, {}).get(key, default)


class YearParts:
    """A year's metrics as they are computed: each metric's keys and values, in order."""

    def __init__(self) -> None:
        self.metrics: list[tuple[str, tuple[str, ...]]] = []
        self.values: list[Any] = []

    def add(self, metric: str, keys: tuple[str, ...], values: Any) -> None:
        """A metric whose keys are `keys` (kept per treaty and phase where they are many)."""
        self.metrics.append((metric, keys))
        self.values.append(values)

    def add_dict(self, metric: str, values: Mapping[str, float]) -> None:
        """A metric given as key → value."""
        self.add(metric, tuple(values), list(values.values()))

    def metric(self, metric: str) -> dict[str, float]:
        """One metric added so far, as key → value."""
        at = [m for m, _ in self.metrics].index(metric)
        return _keyed(self.metrics[at][1], self.values[at])

    def as_dict(self) -> dict[str, dict[str, float]]:
        """Metric → key → value, each value a float."""
        return {m: _keyed(keys, v) for (m, keys), v in zip(self.metrics, self.values, strict=True)}

    def year(self, year: int, phase: str) -> YearResult:
        """The year's result, its values in one row of its layout."""
        layout = layout_for(year, phase, tuple(self.metrics))
        values = np.concatenate([np.asarray(v, dtype=float) for v in self.values])
        return YearResult(year, phase, YearMetrics(layout, values))


def _keyed(keys: tuple[str, ...], values: Any) -> dict[str, float]:
    """Key → value, each value a float."""
    return dict(zip(keys, np.asarray(values, dtype=float).tolist(), strict=True))


@dataclass(frozen=True)
class YearResult:
    """The metrics of one simulated year."""

    year: int
    phase: str
    metrics: Metrics


class Columns:
    """Runs added one at a time, each kept as one row of values in an unnamed temporary file.

    A run's row is every year's values in turn (the layout's keys, 8 bytes a value), so
    the process holds one run at a time however many runs there are; a year's runs ×
    keys array is read back from the file when asked for.
    """

    def __init__(self) -> None:
        self.layout: tuple[YearLayout, ...] = ()
        self.runs = 0
        self._file: IO[bytes] | None = None

    def add_row(self, layout: tuple[YearLayout, ...], row: np.ndarray) -> np.ndarray:
        """Keep one run given as its own layout and row; return its row in this layout.

        The first run sets the layout; a later run with other keys is read by key (0
        where it lacks one), as `YearLayout.row` reads a run's metrics.
        """
        if not self.layout:
            self.layout = layout
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the values)
        elif layout != self.layout:
            row = row_in(self.layout, _years_of(layout, row))
        assert self._file is not None
        self._file.write(np.ascontiguousarray(row, dtype=np.float64).tobytes())
        self.runs += 1
        return row

    def values(self) -> RunValues:
        """Per year, the runs × keys array (read from the file when asked for)."""
        if self._file is not None:
            self._file.flush()
        return RunValues(self._file, self.runs, self.layout)


def layout_of(years: list[YearResult]) -> tuple[YearLayout, ...]:
    """A run's own layout: each year's metrics and keys in the order the run gave them."""
    return tuple(
        y.metrics.layout
        if isinstance(y.metrics, YearMetrics)
        else YearLayout(y.year, y.phase, tuple((m, tuple(v)) for m, v in y.metrics.items()))
        for y in years
    )


def row_in(layout: tuple[YearLayout, ...], years: list[YearResult]) -> np.ndarray:
    """A run's values in `layout`'s columns, every year's in turn."""
    return np.concatenate([y.row(r.metrics) for r, y in zip(years, layout, strict=True)])


def _years_of(layout: tuple[YearLayout, ...], row: np.ndarray) -> list[YearResult]:
    """A run's `YearResult`s from its layout and row."""
    out = []
    start = 0
    for year in layout:
        metrics: Metrics = {}
        keys = year.keys
        for (metric, key), v in zip(keys, row[start : start + len(keys)].tolist(), strict=True):
            metrics.setdefault(metric, {})[key] = v
        start += len(keys)
        out.append(YearResult(year.year, year.phase, metrics))
    return out


class RunValues(Sequence):
    """Per year, the runs × keys values of a simulation, read from the runs' file on demand."""

    def __init__(self, file: IO[bytes] | None, runs: int, layout: tuple[YearLayout, ...]):
        self._file = file
        self.runs = runs
        self.bounds = np.cumsum([0, *(y.width for y in layout)])

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def __getitem__(self, year):
        if isinstance(year, slice):
            return [self[i] for i in range(*year.indices(len(self)))]
        if not -len(self) <= year < len(self):
            raise IndexError(year)
        year %= len(self)
        table = self._table()
        return np.array(table[:, self.bounds[year] : self.bounds[year + 1]])

    def run(self, r: int) -> np.ndarray:
        """One run's row: every year's values in turn."""
        return np.array(self._table()[r])

    def _table(self) -> np.ndarray:
        width = int(self.bounds[-1])
        if self._file is None or width == 0:
            return np.zeros((self.runs, width))
        return np.memmap(self._file, dtype=np.float64, mode="r", shape=(self.runs, width))


def tidy_batch(layout: tuple[YearLayout, ...]) -> Callable[[int, np.ndarray], dict]:
    """A function giving one run's tidy columns (run, year, metric, key, value) for the store.

    The year, metric and key columns are built once and shared by every run's batch, so
    a batch costs the run's values and one run column.
    """
    keys = [(year.year, m, k) for year in layout for m, k in year.keys]
    years = np.array([y for y, _, _ in keys], dtype=np.int32)
    metric = np.array([m for _, m, _ in keys], dtype=object)
    key = np.array([k for _, _, k in keys], dtype=object)

    def batch(run: int, row: np.ndarray) -> dict[str, np.ndarray]:
        return {
            "run": np.full(len(row), run, dtype=np.int32),
            "year": years,
            "metric": metric,
            "key": key,
            "value": np.asarray(row, dtype=np.float64),
        }

    return batch


@dataclass(frozen=True)
class Simulation:
    """Every run's years, with the treaty and parameters that produced them."""

    treaty: str
    treaty_hash: str
    parameters: RunParameters
    layout: tuple[YearLayout, ...]
    values: Sequence[np.ndarray]  # per year: runs × keys

    @property
    def runs(self) -> Sequence[list[YearResult]]:
        """Each run's years as `YearResult`s (built when read)."""
        return _Runs(self)

    def columns(self) -> Iterator[dict[str, np.ndarray]]:
        """Tidy columns (run, year, metric, key, value) for the store, one batch a run."""
        batch = tidy_batch(self.layout)
        for r in range(len(self.runs)):
            yield batch(r, self._run_row(r))

    def _run_row(self, r: int) -> np.ndarray:
        if isinstance(self.values, RunValues):
            return self.values.run(r)
        return np.concatenate([v[r] for v in self.values])

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
        return len(self.sim.values[0]) if len(self.sim.values) else 0

    def __getitem__(self, r):
        if isinstance(r, slice):
            return [self[i] for i in range(*r.indices(len(self)))]
        return _years_of(self.sim.layout, self.sim._run_row(r))
