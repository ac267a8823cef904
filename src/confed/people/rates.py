"""Demographic rates per region, picked from `rates.csv` with the choice stated per row.

Where a region has no published rate, the row it borrows is named here with the word
"assumption", and `rate_sources()` lists every pick so reports can show them.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from confed.people.cohorts import REGIONS
from confed.people.projection import Rates
from confed.people.tables import Row, table

INDICATORS = ("tfr", "life_expectancy_female", "life_expectancy_male", "net_migration_per_1000")

PICKS: dict[str, dict[str, tuple[str, str | None]]] = {
    "israel-jewish-other": {
        **{i: ("israel-jewish-other", None) for i in INDICATORS},
        # assumption: the 2024 emigration wave (-2.3 per 1000, unverified) is not a trend;
        # the UN WPP 2023 rate for all Israel applies
        "net_migration_per_1000": ("israel", "2023"),
    },
    "israel-arab": {i: ("israel-arab", None) for i in INDICATORS},
    "west-bank": {
        **{i: ("west-bank", None) for i in INDICATORS},
        # assumption: the UN WPP 2023 fertility of Palestine (3.31) is newer than PCBS's
        # 2017-2019 regional rates and replaces them in both regions
        "tfr": ("palestine", "2023"),
    },
    "gaza": {
        "tfr": ("palestine", "2023"),
        "life_expectancy_female": ("gaza", None),
        "life_expectancy_male": ("gaza", None),
        # assumption: the war-time departures of 2024 are a one-off; the pre-war
        # Palestinian rate applies from 2025
        "net_migration_per_1000": ("palestine", "2022"),
    },
    # assumption: refugees abroad follow West Bank fertility and mortality, with no
    # net migration (none is published by field)
    "refugees-abroad": {
        "tfr": ("west-bank", None),
        "life_expectancy_female": ("west-bank", None),
        "life_expectancy_male": ("west-bank", None),
    },
}
"""Region → indicator → (rates.csv population, date or None for the latest)."""


def _pick(population: str, rate: str, date: str | None) -> Row:
    rows = [
        r
        for r in table("rates.csv")
        if r["population"] == population and r["rate"] == rate and date in (None, r["date"])
    ]
    return max(rows, key=lambda r: (r["date"], r.line))


@cache
def rate_rows() -> dict[str, dict[str, Row | None]]:
    """The rates.csv row behind each region's indicator (None: zero by assumption)."""
    return {
        region: {
            i: _pick(PICKS[region][i][0], i, PICKS[region][i][1]) if i in PICKS[region] else None
            for i in INDICATORS
        }
        for region in REGIONS
    }


@cache
def region_rates() -> Rates:
    """Rates with one entry per region, in `REGIONS` order."""
    values = {
        i: np.array(
            [row.number("value") if row else 0.0 for row in (rate_rows()[r][i] for r in REGIONS)]
        )
        for i in INDICATORS
    }
    return Rates.from_summary(*(values[i] for i in INDICATORS))


def cell_rates(regions: np.ndarray) -> Rates:
    """Rates for each cell, gathered from its region."""
    r = region_rates()
    return Rates(r.death[regions], r.fertility[regions], r.net_migration[regions])
