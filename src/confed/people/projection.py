"""Cohort-component projection: births, deaths, ageing and migration, one year at a time.

The population is an array of cells × sex × 5-year age band (0-4 … 80+). Each year:
deaths remove a band's share given by its annual death rate; a fifth of each band's
survivors age into the next band (the open band keeps its own); births from women
aged 15-49 enter the first band split by the sex ratio at birth; net migration adds a
share of the population spread like the population itself. Rates are per cell, so
groups and regions with different fertility and mortality are projected together in
one vectorized step.

Mortality comes from published death rates by age (UN WPP 2024, `band_death_rates`),
scaled for a group by the hazard ratio that gives its published life-expectancy gap;
fertility is a total fertility rate spread over ages by a published age pattern
(`rates.py`). Documented in docs/population.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

AGE_BANDS: tuple[str, ...] = (*(f"{a}-{a + 4}" for a in range(0, 80, 5)), "80+")
SEXES: tuple[str, ...] = ("female", "male")

SEX_RATIO_AT_BIRTH = 1.05
"""Boys per girl at birth: the biological norm (WHO); an assumption where not sourced."""

FERTILE = slice(3, 10)
"""Bands 15-19 … 45-49."""

WPP_AGES = np.array([0, 1, *range(5, 101, 5)])
"""First ages of the UN WPP death-rate groups: 0, 1-4, 5-9 … 95-99, 100+."""
_WIDTHS = np.diff(WPP_AGES)


def band_death_rates(mx: np.ndarray) -> np.ndarray:
    """Annual probability of dying per band (0-4 … 80+) from death rates by WPP age group.

    `mx` is (…, 22): deaths per person-year at ages 0, 1-4, 5-9 … 100+. The first band
    weighs ages 0 and 1-4 by their width; the open band 80+ takes the stationary rate of
    its ages (survivors at 80 over the person-years they live), so a published schedule
    gives back its own life expectancy.
    """
    first = (mx[..., 0] + 4 * mx[..., 1]) / 5
    tail = mx[..., 17:]  # 80-84 … 95-99, 100+
    survive = np.exp(-5 * tail[..., :-1])
    alive = np.concatenate([np.ones_like(tail[..., :1]), np.cumprod(survive, axis=-1)], axis=-1)
    years = alive[..., :-1] * (1 - survive) / tail[..., :-1]
    person_years = years.sum(axis=-1) + alive[..., -1] / tail[..., -1]
    hazard = np.concatenate(
        [first[..., None], mx[..., 2:17], (1.0 / person_years)[..., None]], axis=-1
    )
    return 1.0 - np.exp(-hazard)


def life_expectancy(mx: np.ndarray) -> np.ndarray:
    """Life expectancy at birth of death rates by WPP age group.

    An abridged life table with a constant rate within each age group.
    """
    closed = mx[..., :-1]
    survive = np.exp(-_WIDTHS * closed)
    alive = np.concatenate([np.ones_like(mx[..., :1]), np.cumprod(survive, axis=-1)], axis=-1)
    years = alive[..., :-1] * (1 - survive) / closed
    return years.sum(axis=-1) + alive[..., -1] / mx[..., -1]


def hazard_ratio(mx: np.ndarray, gap: float) -> float:
    """The factor on every death rate of `mx` that moves its life expectancy by `gap` years.

    >>> mx = np.full(22, 0.02)
    >>> round(float(life_expectancy(hazard_ratio(mx, 5.0) * mx) - life_expectancy(mx)), 6)
    5.0
    """
    target = float(life_expectancy(mx)) + gap
    lo, hi = 0.05, 20.0  # bisection: life expectancy falls as the factor rises
    for _ in range(80):
        mid = (lo * hi) ** 0.5
        lo, hi = (mid, hi) if float(life_expectancy(mid * mx)) > target else (lo, mid)
    return (lo * hi) ** 0.5


@dataclass(frozen=True)
class Rates:
    """Per-cell demographic rates for one year (arrays over cells)."""

    death: np.ndarray  # cells × sex × band: annual probability of dying
    fertility: np.ndarray  # cells × 7 fertile bands: births per woman per year
    net_migration: np.ndarray  # cells: net migrants per person per year


def step(population: np.ndarray, rates: Rates) -> np.ndarray:
    """The population one year later (cells × sex × band)."""
    survivors = population * (1.0 - rates.death)
    moving = survivors[:, :, :-1] / 5.0
    out = survivors.copy()
    out[:, :, :-1] -= moving
    out[:, :, 1:] += moving
    women = (population[:, 0, FERTILE] + survivors[:, 0, FERTILE]) / 2.0
    births = (women * rates.fertility).sum(axis=1)
    out[:, 0, 0] += births / (1.0 + SEX_RATIO_AT_BIRTH)
    out[:, 1, 0] += births * SEX_RATIO_AT_BIRTH / (1.0 + SEX_RATIO_AT_BIRTH)
    out *= (1.0 + rates.net_migration)[:, None, None]
    return out


def project(population: np.ndarray, rates: Rates, years: int) -> np.ndarray:
    """The population in each of `years` + 1 years (year 0 is the input)."""
    out = np.empty((years + 1, *population.shape))
    out[0] = population
    for year in range(years):
        out[year + 1] = step(out[year], rates)
    return out
