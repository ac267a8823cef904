"""`confed data check`: the built population's totals against the published aggregates.

Each check reads one aggregate (its latest row, with its own tolerance) and the same
quantity from the base population, so a change to any table that breaks a published
total shows up as a failed line naming that aggregate and its source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from confed.people.build import aggregate, base_population
from confed.people.cohorts import GROUPS, Cohorts
from confed.people.tables import table
from confed.places import places
from confed.vocab import STATUSES, ZONES


@dataclass(frozen=True)
class Check:
    """One published total, the model's value and whether they agree within tolerance."""

    metric: str
    what: str
    published: float
    date: str
    source: str
    model: float
    tolerance_pct: float

    @property
    def difference_pct(self) -> float:
        """Model minus published, in percent of published."""
        return 100.0 * (self.model - self.published) / self.published

    @property
    def ok(self) -> bool:
        """Within the published figure's tolerance."""
        return abs(self.difference_pct) <= self.tolerance_pct


def _status(c: Cohorts, *names: str) -> np.ndarray:
    return np.isin(c.status, [STATUSES.index(n) for n in names])


def _zone(c: Cohorts, *names: str) -> np.ndarray:
    return np.isin(places().zone[c.place], [ZONES.index(n) for n in names])


def registered_refugee_share(area: str) -> float:
    """Share of a Palestinian area's residents registered with UNRWA (PCBS, mid-2023 base)."""
    residents = {"west-bank": "west_bank_population_pcbs", "gaza": "gaza_population_pcbs"}[area]
    registered = aggregate(f"unrwa_registered_refugees_{area.replace('-', '_')}")
    return registered / aggregate(residents, "2023-07-01")


def _refugees(c: Cohorts) -> float:
    s = c.sizes
    west_bank = s[_status(c, "west-bank", "jerusalem-resident")].sum()
    return (
        s[_status(c, "refugee")].sum()
        + west_bank * registered_refugee_share("west-bank")
        + s[_status(c, "gaza")].sum() * registered_refugee_share("gaza")
    )


CHECKS: dict[str, tuple[str, Callable[[Cohorts], float]]] = {
    "israel_population_total": (
        "Israel (CBS coverage: citizens, East Jerusalem residents, settlers, foreigners)",
        lambda c: c.sizes[_status(c, "israeli-citizen", "jerusalem-resident", "other")].sum(),
    ),
    "israel_jews_and_others": (
        "Israeli citizens, Jews and others",
        lambda c: c.sizes[
            _status(c, "israeli-citizen")
            & np.isin(c.group, [GROUPS.index("jewish"), GROUPS.index("other")])
        ].sum(),
    ),
    "israel_arabs": (
        "CBS 'Arabs': Arab citizens and East Jerusalem residents",
        lambda c: c.sizes[
            (c.group == GROUPS.index("arab")) | _status(c, "jerusalem-resident")
        ].sum(),
    ),
    "west_bank_population_pcbs": (
        "West Bank Palestinians incl. East Jerusalem (J1 as counted by CBS)",
        lambda c: c.sizes[_status(c, "west-bank", "jerusalem-resident")].sum(),
    ),
    "gaza_population_pcbs": ("Gaza", lambda c: c.sizes[_status(c, "gaza")].sum()),
    "israeli_settlers_west_bank_excl_ej": (
        "Israelis in West Bank settlements",
        lambda c: c.sizes[_zone(c, "settlement-bloc", "settlement-outside-blocs")].sum(),
    ),
    "israelis_east_jerusalem": (
        "Israelis in East Jerusalem's post-1967 neighbourhoods",
        lambda c: c.sizes[_zone(c, "east-jerusalem-israeli")].sum(),
    ),
    "jerusalem_municipality_arabs": (
        "Arabs in the Jerusalem municipality",
        lambda c: c.sizes[_status(c, "jerusalem-resident")].sum(),
    ),
    "unrwa_registered_refugees_total": ("UNRWA-registered refugees, all fields", _refugees),
    **{
        f"unrwa_registered_refugees_{field}": (
            f"UNRWA-registered refugees in {field.title()}",
            lambda c, f=field: c.sizes[
                places().district[c.place] == places().districts.index(f)
            ].sum(),
        )
        for field in ("jordan", "lebanon", "syria")
    },
}
"""Aggregate metric → (what it counts, how to count it in the model)."""


def data_check(population: Cohorts | None = None) -> list[Check]:
    """Every check against the latest row of its aggregate."""
    c = population if population is not None else base_population()
    out = []
    for metric, (what, count) in CHECKS.items():
        row = max(
            (r for r in table("aggregates.csv") if r["metric"] == metric),
            key=lambda r: (r["date"], r.line),
        )
        out.append(
            Check(
                metric,
                what,
                row.number("value"),
                row["date"],
                row["source"],
                float(count(c)),
                row.number("tolerance_pct"),
            )
        )
    return out
