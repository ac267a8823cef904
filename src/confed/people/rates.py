"""Demographic rates per region and year, following the UN WPP 2024 medium variant.

Each region follows its country's published projection (`wpp_paths.csv`: Israel for its
two groups, the State of Palestine for the West Bank, Gaza and the refugees abroad) year
by year: total fertility and its age pattern, death rates by sex and age, and net
migration, so fertility falls and mortality declines as the UN projects instead of being
held at today's level. A group keeps its published distance from its country: its total
fertility as a ratio and its life expectancy as a difference (turned into a hazard ratio
on the country's death rates), both from one publisher's figures for one year
(`rates.csv`). Where a region has no published rate the choice is stated below with the
word "assumption".
"""

from __future__ import annotations

from functools import cache

import numpy as np

from confed.people.cohorts import REGIONS
from confed.people.projection import Rates, band_death_rates, hazard_ratio
from confed.people.tables import Row, table

COUNTRY = {
    "israel-jewish-other": "israel",
    "israel-arab": "israel",
    "west-bank": "palestine",
    "gaza": "palestine",
    "refugees-abroad": "palestine",
}
"""Region → the WPP country whose path it follows. assumption: refugees abroad follow the
State of Palestine's fertility and mortality (no path is published for them)."""

GROUP_LEVELS = {
    "israel-jewish-other": "2023",
    "israel-arab": "2023",
}
"""Regions whose fertility and life expectancy sit at a published distance from their
country (the CBS group and national figures of this year). assumption: the West Bank and
Gaza follow the State of Palestine's path itself (PCBS's regional rates are older than
WPP's and of a different vintage)."""

NET_MIGRATION = {
    "israel-jewish-other": "path-all",
    "israel-arab": "israel-arab",
    "west-bank": "path",
    "gaza": "path",
    "refugees-abroad": "zero",
}
"""Region → `path` (its country's WPP crude rate), `path-all` (its country's migrants,
all of them in this region), a rates.csv population (its latest row), or `zero`.
assumptions: Israel's whole net migration falls on Jews and others (Arab net migration is
near zero, a U row), so their rate is the national one over their share of citizens; the
West Bank and Gaza share Palestine's rate; refugees abroad have none (none is published
by field)."""

FIRST_YEAR, LAST_YEAR = 2024, 2100
"""The years `wpp_paths.csv` covers; later years keep the last year's rates."""

FERTILE_AGES = ("15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49")
"""WPP's mother's-age groups of the fertile bands; births at 10-14 count with 15-19 and
births at 50-54 with 45-49."""


@cache
def wpp_path(country: str, indicator: str, age: str = "") -> np.ndarray:
    """A WPP 2024 medium-variant indicator for each year FIRST_YEAR … LAST_YEAR."""
    values = {
        int(r["year"]): r.number("value")
        for r in table("wpp_paths.csv")
        if r["population"] == country and r["indicator"] == indicator and r["age"] == age
    }
    return np.array([values[y] for y in range(FIRST_YEAR, LAST_YEAR + 1)])


@cache
def _death_rate_schedules(country: str, sex: str) -> dict[int, np.ndarray]:
    """Period start → WPP death rates by age group (0, 1-4 … 100+)."""
    rows: dict[int, dict[int, float]] = {}
    for r in table("wpp_paths.csv"):
        if r["population"] == country and r["indicator"] == f"mx_{sex}":
            rows.setdefault(int(r["year"]), {})[int(r["age"])] = r.number("value")
    return {start: np.array([ages[a] for a in sorted(ages)]) for start, ages in rows.items()}


def death_rates_by_age(country: str, sex: str, year: int) -> np.ndarray:
    """WPP death rates by age group for calendar `year` (its five-year period's)."""
    schedules = _death_rate_schedules(country, sex)
    start = min(max(year - (year - 2020) % 5, min(schedules)), max(schedules))
    return schedules[start]


def fertility_pattern(country: str, year: int) -> np.ndarray:
    """Shares of a year's births by mother's age band 15-19 … 45-49 (WPP, summing to 1)."""
    at = min(max(year, FIRST_YEAR), LAST_YEAR) - FIRST_YEAR
    shares = np.array([wpp_path(country, "asfr_percent", a)[at] for a in FERTILE_AGES])
    shares[0] += wpp_path(country, "asfr_percent", "10-14")[at]
    shares[-1] += wpp_path(country, "asfr_percent", "50-54")[at]
    return shares / shares.sum()


def _national_row(population: str, rate: str, date: str) -> Row:
    """A rates.csv row of a statistical office (not WPP) for one population and date."""
    rows = [
        r
        for r in table("rates.csv")
        if r["population"] == population
        and r["rate"] == rate
        and r["date"] == date
        and "un-wpp-2024" not in r.sources
    ]
    return max(rows, key=lambda r: r.line)


def _latest(population: str, rate: str) -> Row:
    rows = [r for r in table("rates.csv") if r["population"] == population and r["rate"] == rate]
    return max(rows, key=lambda r: (r["date"], r.line))


@cache
def _jews_and_others_share() -> float:
    """Jews and others among Israel's citizens (CBS end-2024)."""
    from confed.people.build import aggregate

    jews_others = aggregate("israel_jews_and_others")
    return jews_others / (jews_others + aggregate("israel_arabs"))


@cache
def group_distance(region: str, indicator: str) -> float:
    """A group's fertility ratio to, or life-expectancy gap from, its country (1 or 0 if none)."""
    date = GROUP_LEVELS.get(region)
    if date is None:
        return 1.0 if indicator == "tfr" else 0.0
    group = _national_row(region, indicator, date).number("value")
    national = _national_row(COUNTRY[region], indicator, date).number("value")
    return group / national if indicator == "tfr" else group - national


def indicator(region: str, name: str, year: int) -> float:
    """One region's indicator in one calendar year."""
    at = min(max(year, FIRST_YEAR), LAST_YEAR) - FIRST_YEAR
    country = COUNTRY[region]
    if name == "net_migration_per_1000":
        how = NET_MIGRATION[region]
        if how == "zero":
            return 0.0
        if how not in ("path", "path-all"):
            return _latest(how, name).number("value")
        rate = float(wpp_path(country, name)[at])
        return rate / _jews_and_others_share() if how == "path-all" else rate
    value = float(wpp_path(country, name)[at])
    distance = group_distance(region, name)
    return value * distance if name == "tfr" else value + distance


@cache
def mortality_ratio(region: str, sex: str) -> float:
    """The factor on its country's death rates that gives a group its life-expectancy gap.

    1 for regions at their country's level; set on the 2025 death rates.
    """
    gap = group_distance(region, f"life_expectancy_{sex}")
    mx = death_rates_by_age(COUNTRY[region], sex, 2025)
    return hazard_ratio(mx, gap) if gap else 1.0


@cache
def region_rates(year: int) -> Rates:
    """Rates for calendar `year` with one entry per region, in `REGIONS` order."""
    death = np.stack(
        [
            np.stack(
                [
                    band_death_rates(
                        mortality_ratio(r, sex) * death_rates_by_age(COUNTRY[r], sex, year)
                    )
                    for sex in ("female", "male")
                ]
            )
            for r in REGIONS
        ]
    )
    fertility = np.stack(
        [indicator(r, "tfr", year) * fertility_pattern(COUNTRY[r], year) / 5.0 for r in REGIONS]
    )
    migration = np.array([indicator(r, "net_migration_per_1000", year) for r in REGIONS])
    return Rates(death, fertility, migration / 1000.0)


def cell_rates(regions: np.ndarray, year: int) -> Rates:
    """Rates for each cell in calendar `year`, gathered from its region."""
    r = region_rates(year)
    return Rates(r.death[regions], r.fertility[regions], r.net_migration[regions])
