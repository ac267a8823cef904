"""Cohort-component projection: births, deaths, ageing and migration, one year at a time.

The population is an array of cells × sex × 5-year age band (0-4 … 80+). Each year:
deaths remove a band's share given by its annual death rate; a fifth of each band's
survivors age into the next band (the open band keeps its own); births from women
aged 15-49 enter the first band split by the sex ratio at birth; net migration adds a
share of the population spread like the population itself. Rates are per cell, so
groups and regions with different fertility and mortality are projected together in
one vectorized step.

Mortality is derived from life expectancy at birth with a Gompertz hazard whose slope
is fixed (`GOMPERTZ_SLOPE`), and fertility from the total fertility rate with a fixed
age pattern (`FERTILITY_PATTERN`) where no age-specific rates are given: both are
stated modelling assumptions, documented in docs/population.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

AGE_BANDS: tuple[str, ...] = (*(f"{a}-{a + 4}" for a in range(0, 80, 5)), "80+")
SEXES: tuple[str, ...] = ("female", "male")
BAND_START = np.arange(0, 85, 5, dtype=float)

SEX_RATIO_AT_BIRTH = 1.05
"""Boys per girl at birth: the biological norm (WHO); an assumption where not sourced."""

GOMPERTZ_SLOPE = 0.085
"""Yearly rate at which adult mortality grows with age (Gompertz b): an assumption
typical of human life tables, used to turn a life expectancy into age-specific rates."""

FERTILITY_PATTERN = np.array([0.06, 0.21, 0.28, 0.24, 0.14, 0.06, 0.01])
"""Share of a total fertility rate borne at ages 15-19 … 45-49 where no age-specific
rates are given: an assumption close to the pattern of high-fertility populations."""

FERTILE = slice(3, 10)
"""Bands 15-19 … 45-49."""


def gompertz_death_rates(life_expectancy: float) -> np.ndarray:
    """Annual death rates per band whose life expectancy at birth matches the input."""
    ages = np.arange(0, 111, dtype=float)

    def e0(level: float) -> float:
        hazard = level * np.exp(GOMPERTZ_SLOPE * ages)
        survival = np.exp(-np.concatenate([[0.0], np.cumsum(hazard)]))
        return float(((survival[:-1] + survival[1:]) / 2).sum())

    lo, hi = 1e-7, 1.0  # bisection: e0 falls as the hazard level rises
    for _ in range(80):
        mid = (lo * hi) ** 0.5
        lo, hi = (mid, hi) if e0(mid) > life_expectancy else (lo, mid)
    hazard = lo * np.exp(GOMPERTZ_SLOPE * (BAND_START + 2.5))
    # the open band 80+: its stationary death rate is 1 / (life expectancy at 80)
    survival = np.exp(-np.cumsum(lo * np.exp(GOMPERTZ_SLOPE * ages[80:])))
    hazard[-1] = 1.0 / (0.5 + survival.sum())
    return 1.0 - np.exp(-hazard)


@dataclass(frozen=True)
class Rates:
    """Per-cell demographic rates for one year (arrays over cells)."""

    death: np.ndarray  # cells × sex × band: annual probability of dying
    fertility: np.ndarray  # cells × 7 fertile bands: births per woman per year
    net_migration: np.ndarray  # cells: net migrants per person per year

    @classmethod
    def from_summary(
        cls,
        tfr: np.ndarray,
        life_expectancy_female: np.ndarray,
        life_expectancy_male: np.ndarray,
        net_migration_per_1000: np.ndarray,
    ) -> Rates:
        """Rates from summary indicators per cell (TFR, e0 by sex, net migration)."""
        death = np.stack(
            [
                np.stack([gompertz_death_rates(f), gompertz_death_rates(m)])
                for f, m in zip(life_expectancy_female, life_expectancy_male, strict=True)
            ]
        )
        fertility = np.outer(tfr, FERTILITY_PATTERN) / 5.0
        return cls(death, fertility, np.asarray(net_migration_per_1000) / 1000.0)


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
