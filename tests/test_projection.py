"""Cohort-component projection: each component does what it says."""

from __future__ import annotations

import numpy as np
import pytest

from confed.people.projection import (
    SEX_RATIO_AT_BIRTH,
    Rates,
    band_death_rates,
    hazard_ratio,
    life_expectancy,
    project,
    step,
)
from confed.people.rates import death_rates_by_age, fertility_pattern, region_rates, wpp_path


def _flat(value: float = 1000.0) -> np.ndarray:
    return np.full((1, 2, 17), value)


def _none() -> Rates:
    return Rates(np.zeros((1, 2, 17)), np.zeros((1, 7)), np.zeros(1))


def test_without_births_deaths_or_migration_people_only_age():
    after = step(_flat(), _none())
    assert after.sum() == pytest.approx(_flat().sum())
    assert after[0, 0, 0] == pytest.approx(800.0)  # a fifth of 0-4 turns 5
    assert after[0, 0, -1] == pytest.approx(1200.0)  # the open band gains and keeps


@pytest.mark.parametrize("country", ["israel", "palestine"])
@pytest.mark.parametrize("sex", ["female", "male"])
@pytest.mark.parametrize("period", [2030, 2045, 2070])
def test_published_death_rates_give_back_the_published_life_expectancy(country, sex, period):
    mx = death_rates_by_age(country, sex, period)
    annual = wpp_path(country, f"life_expectancy_{sex}")[period - 2024 : period - 2019]
    assert float(life_expectancy(mx)) == pytest.approx(annual.mean(), abs=0.3)
    rates = band_death_rates(mx)
    assert (np.diff(rates[6:]) > 0).all()  # from 30 on, mortality rises with age
    assert rates[-1] > 0.05  # the open band 80+


def test_a_hazard_ratio_moves_life_expectancy_by_the_gap_asked_for():
    mx = death_rates_by_age("israel", "male", 2025)
    for gap in (-3.4, 0.9):
        ratio = hazard_ratio(mx, gap)
        assert float(life_expectancy(ratio * mx) - life_expectancy(mx)) == pytest.approx(
            gap, abs=1e-6
        )
        assert (ratio > 1) == (gap < 0)


def test_fertility_falls_as_the_published_projection_says():
    for year in (2025, 2050):
        assert fertility_pattern("palestine", year).sum() == pytest.approx(1.0)
    early, late = region_rates(2025), region_rates(2050)
    births_early, births_late = early.fertility.sum(axis=1) * 5, late.fertility.sum(axis=1) * 5
    assert (births_late < births_early).all()  # every region's TFR falls by 2050
    assert births_early[2] == pytest.approx(wpp_path("palestine", "tfr")[1])  # West Bank, 2025


def test_births_follow_fertility_and_the_sex_ratio():
    rates = Rates(np.zeros((1, 2, 17)), np.full((1, 7), 0.1), np.zeros(1))
    after = step(_flat(), rates)
    births = 7 * 1000.0 * 0.1
    girls = after[0, 0, 0] - 800.0
    boys = after[0, 1, 0] - 800.0
    assert girls + boys == pytest.approx(births)
    assert boys / girls == pytest.approx(SEX_RATIO_AT_BIRTH)


def test_net_migration_scales_every_cell():
    rates = Rates(np.zeros((1, 2, 17)), np.zeros((1, 7)), np.array([0.01]))
    assert step(_flat(), rates).sum() == pytest.approx(_flat().sum() * 1.01)


def test_cells_are_projected_independently_and_in_one_step():
    pop = np.concatenate([_flat(), _flat(500.0)])
    death = np.broadcast_to(
        band_death_rates(death_rates_by_age("israel", "female", 2025)), (2, 2, 17)
    )
    pattern = fertility_pattern("israel", 2025)
    rates = Rates(death, np.outer([3.0, 1.5], pattern) / 5.0, np.zeros(2))
    out = project(pop, rates, 20)
    assert out.shape == (21, 2, 2, 17)
    growth = out[20].sum(axis=(1, 2)) / out[0].sum(axis=(1, 2))
    assert growth[0] > growth[1]  # higher fertility grows faster
