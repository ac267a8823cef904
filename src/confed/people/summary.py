"""The population in a given year (projected from the base, no treaty) and its totals."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from confed.errors import ConfedError, Problem
from confed.people.build import BASE_YEAR, base_population
from confed.people.cohorts import GROUPS, Cohorts
from confed.people.projection import step
from confed.people.rates import cell_rates
from confed.places import places
from confed.vocab import STATUSES, ZONES


def population_at(year: int) -> Cohorts:
    """The base population projected to the start of `year` by births, deaths and migration.

    The step from the start of year Y to the start of Y + 1 uses the rates of calendar
    year Y (the WPP convention for annual rates).
    """
    if year < BASE_YEAR:
        raise ConfedError(
            Problem(
                f"{year} is before the base population ({BASE_YEAR})",
                field="year",
                expected=f"a year from {BASE_YEAR} on",
            )
        )
    base = base_population()
    regions = base.regions(places())
    counts = base.counts.copy()  # the base is cached: callers may change what they get
    for calendar_year in range(BASE_YEAR, year):
        counts = step(counts, cell_rates(regions, calendar_year))
    return replace(base, counts=counts)


def _by(codes: np.ndarray, vocab: tuple[str, ...], sizes: np.ndarray) -> dict[str, float]:
    sums = np.bincount(codes, weights=sizes, minlength=len(vocab))
    return {name: float(v) for name, v in zip(vocab, sums, strict=True)}


def summary(c: Cohorts) -> dict[str, object]:
    """Totals by zone, registered status and national group (the foundation's ids)."""
    sizes = c.sizes
    return {
        "total": float(sizes.sum()),
        "by_zone": _by(places().zone[c.place], ZONES, sizes),
        "by_status": _by(c.status, STATUSES, sizes),
        "by_group": _by(c.group, GROUPS, sizes),
    }


def by_place(c: Cohorts) -> list[dict[str, object]]:
    """Every place's people by national group and by registered status (places with people)."""
    t = places()
    n = len(t)
    sizes = c.sizes
    total = np.bincount(c.place, weights=sizes, minlength=n)
    groups = np.zeros((n, len(GROUPS)))
    np.add.at(groups, (c.place, c.group), sizes)
    statuses = np.zeros((n, len(STATUSES)))
    np.add.at(statuses, (c.place, c.status), sizes)
    return [
        {
            "id": t.ids[row],
            "name": t.names[row],
            "code": t.codes[row] or None,
            "zone": ZONES[t.zone[row]],
            "district": t.districts[t.district[row]],
            "council": t.council_of(row),
            "total": float(total[row]),
            "by_group": {g: float(v) for g, v in zip(GROUPS, groups[row], strict=True) if v},
            "by_status": {s: float(v) for s, v in zip(STATUSES, statuses[row], strict=True) if v},
        }
        for row in np.flatnonzero(total > 0)
    ]
