"""Gated phases: the metrics a gate may read, its checks, and its conditions evaluated.

A gate makes a phase begin when measured conditions hold (the 2003 Roadmap's
performance benchmarks are the model) instead of on a fixed date, with a latest year
as fallback. The simulation measures the metrics every year; the gate reads the
previous year's. A condition the metric can never meet (a share above 1, a count
below 0) is found here, before anything runs.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from confed.errors import did_you_mean
from confed.i18n import _, current, isolate
from confed.treaty.model import Treaty
from confed.treaty.phasing import Gate, GateTest
from confed.vocab import STATUSES, ZONES


@dataclass(frozen=True)
class GateMetric:
    """A yearly metric a gate may read: what it measures, its keys and its bounds."""

    description: str
    keys: str
    """Which keys it has: 'total', 'population', 'states', 'zones', 'statuses',
    'assemblies', 'shares' (assembly.group) or 'quotas'."""
    low: float = 0.0
    high: float = math.inf


GATE_METRICS: dict[str, GateMetric] = {
    "population": GateMetric("people, in the land and abroad", "population"),
    "residents_by_state": GateMetric("residents of each sovereign", "states"),
    "residents_by_zone": GateMetric("residents of each zone", "zones"),
    "without_national_vote": GateMetric("adults in the land without a national vote", "statuses"),
    "under_collective_restriction": GateMetric("people under collective restriction", "total"),
    "free_movement_share": GateMetric("share free to enter every state", "total", high=1.0),
    "relocation_required": GateMetric("people required to relocate", "total"),
    "relocated_by_treaty": GateMetric("people relocated so far", "total"),
    "refugees_returned_to_il": GateMetric("refugees returned to Israel so far", "total"),
    "refugees_returned_to_ps": GateMetric("refugees returned to Palestine so far", "total"),
    "settlers_remaining_in_ps": GateMetric("Israeli citizens in settlements under PS", "total"),
    "internal_moves": GateMetric("moves within a state in the year", "total"),
    "inflow_share_max": GateMetric(
        "largest share of a council's people arriving in the year", "total"
    ),
    "applicants_waiting": GateMetric("applicants waiting for a quota place", "states"),
    "quota_admitted": GateMetric("people admitted under each quota in the year", "quotas"),
    "electorate": GateMetric("adults voting for each assembly", "assemblies"),
    "electorate_share": GateMetric("each group's share of an electorate", "shares", high=1.0),
}
"""The metrics a gate may read, as `confed simulate` names them."""


def metric_keys(t: Treaty, kind: str) -> list[str]:
    """The keys a metric of this kind has under treaty `t`."""
    from confed.people.cohorts import GROUPS

    assemblies = [s.assembly.id for s in t.states.values()]
    return {
        "total": ["total"],
        "population": ["total", "in_land", "abroad"],
        "states": [*t.states, "shared"],
        "zones": list(ZONES),
        "statuses": ["total", "foreign_nationals", "residents", *(f"status.{s}" for s in STATUSES)],
        "assemblies": [*assemblies, *(f"{a}.{g}" for a in assemblies for g in GROUPS)],
        "shares": [f"{a}.{g}" for a in assemblies for g in GROUPS],
        "quotas": list(t.quotas),
    }[kind]


def never_holds(test: GateTest) -> str | None:
    """Why a condition can never hold, from its metric's bounds; None if it may.

    >>> never_holds(GateTest(metric="inflow_share_max.total", at_most=0.02))
    >>> never_holds(GateTest(metric="free_movement_share.total", at_least=1.5))
    'free_movement_share is at most 1, never at least 1.5'
    """
    name = test.metric.split(".", 1)[0]
    m = GATE_METRICS[name]
    if test.at_least is not None and test.at_least > m.high:
        return f"{name} is at most {m.high:g}, never at least {test.at_least:g}"
    if test.at_most is not None and test.at_most < m.low:
        return f"{name} is at least {m.low:g}, never at most {test.at_most:g}"
    return None


def condition_text(test: GateTest) -> str:
    """A condition in words, e.g. 'inflow_share_max.total <= 0.02'.

    >>> condition_text(GateTest(metric="population.total", at_least=1, at_most=2))
    '1 <= population.total <= 2'
    """
    low = f"{test.at_least:g} <= " if test.at_least is not None else ""
    high = f" <= {test.at_most:g}" if test.at_most is not None else ""
    return f"{low}{test.metric}{high}"


def measure_words(metric: str) -> str:
    """What a gate's metric key measures, in words.

    >>> measure_words("inflow_share_max.total")
    'largest yearly inflow into a municipality'
    >>> measure_words("population.area-c")
    'people (Area C)'
    """
    from confed.metric_words import key_label, metric_title  # glossary reads plain words

    head, _, key = metric.partition(".")
    title = metric_title(head)
    title = title[0].lower() + title[1:]
    label = key_label(key) if key else ""
    return f"{title} ({label})" if label else title


def condition_words(test: GateTest) -> str:
    """A condition as a sentence says it.

    >>> condition_words(GateTest(metric="inflow_share_max.total", at_most=0.02))
    'the largest yearly inflow into a municipality is at most 0.02'
    """
    bounds = [
        f"{word} {value:g}"
        for word, value in (("at least", test.at_least), ("at most", test.at_most))
        if value is not None
    ]
    return f"the {measure_words(test.metric)} is {' and '.join(bounds)}"


def gate_text(gate: Gate) -> str:
    """A gate in words: its conditions, for how long, and its fallback."""
    words = condition_words if current() == "en" else condition_text  # formulas read in any
    tests = _(" and ").join(isolate(words(test)) for test in gate.when)
    run = (
        _(" for {years} years in a row").format(years=gate.for_years) if gate.for_years > 1 else ""
    )
    fallback = (
        _("no fallback: it waits on these conditions")
        if gate.latest == "never"
        else _("in year {year} at the latest").format(year=gate.latest)
    )
    return _("when {tests}{run}; {fallback}").format(tests=tests, run=run, fallback=fallback)


def gate_problems(t: Treaty) -> Iterator[tuple[tuple[Any, ...], str, str | None, str | None]]:
    """Problems of every gate: unknown metrics or keys, impossible years, a gated first phase."""
    order = t.phase_order()
    for i, pid in enumerate(order):
        phase = t.phases[pid]
        gate = phase.gate
        if gate is None:
            continue
        path = ("phases", pid, "gate")
        if i == 0:
            yield (
                path,
                "the first phase begins at entry into force: it cannot be gated",
                "no gate on the first phase",
                None,
            )
        if gate.latest != "never" and gate.latest < phase.start:
            yield (
                (*path, "latest"),
                f"the latest year ({gate.latest}) is before the phase's start ({phase.start})",
                f"a year from {phase.start} on, or 'never'",
                None,
            )
        for j, test in enumerate(gate.when):
            name, _, key = test.metric.partition(".")
            where = (*path, "when", j, "metric")
            if name not in GATE_METRICS:
                yield (
                    where,
                    f"unknown metric '{name}'",
                    ", ".join(GATE_METRICS),
                    did_you_mean(name, list(GATE_METRICS)),
                )
                continue
            keys = metric_keys(t, GATE_METRICS[name].keys)
            if key not in keys:
                yield (
                    where,
                    f"metric '{name}' has no key '{key}'",
                    ", ".join(keys[:20]),
                    (did_you_mean(key, keys)),
                )


@dataclass(frozen=True)
class GateTable:
    """A gate's conditions as arrays, so a year's test is one vectorised comparison."""

    names: tuple[str, ...]
    keys: tuple[str, ...]
    low: np.ndarray
    high: np.ndarray
    for_years: int
    latest: int | None  # None: no fallback

    @classmethod
    def of(cls, gate: Gate) -> GateTable:
        """The arrays of `gate`'s conditions (a missing bound is infinite)."""
        parts = [t.metric.partition(".") for t in gate.when]
        return cls(
            tuple(p[0] for p in parts),
            tuple(p[2] for p in parts),
            np.array([-math.inf if t.at_least is None else t.at_least for t in gate.when]),
            np.array([math.inf if t.at_most is None else t.at_most for t in gate.when]),
            gate.for_years,
            None if gate.latest == "never" else gate.latest,
        )

    def values(self, years: Sequence[Mapping[str, Mapping[str, float]]]) -> np.ndarray:
        """Each year's value of each condition's metric (years × conditions); NaN if absent."""
        return np.array(
            [
                [m.get(n, {}).get(k, math.nan) for n, k in zip(self.names, self.keys, strict=True)]
                for m in years
            ],
            dtype=float,
        ).reshape(len(years), len(self.names))

    def holds(self, values: np.ndarray) -> np.ndarray:
        """Per year, whether every condition holds (an absent value never holds).

        >>> g = GateTable(("a",), ("total",), np.array([0.0]), np.array([2.0]), 1, None)
        >>> g.holds(g.values([{"a": {"total": 1}}, {"a": {"total": 3}}])).tolist()
        [True, False]
        """
        return np.all((values >= self.low) & (values <= self.high), axis=-1)
