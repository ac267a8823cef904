"""Cohort-component projection: each component does what it says."""

from __future__ import annotations

import numpy as np
import pytest

from confed.people.projection import (
    GOMPERTZ_SLOPE,
    SEX_RATIO_AT_BIRTH,
    Rates,
    gompertz_death_rates,
    project,
    step,
)


def _flat(value: float = 1000.0) -> np.ndarray:
    return np.full((1, 2, 17), value)


def _none() -> Rates:
    return Rates(np.zeros((1, 2, 17)), np.zeros((1, 7)), np.zeros(1))


def test_without_births_deaths_or_migration_people_only_age():
    after = step(_flat(), _none())
    assert after.sum() == pytest.approx(_flat().sum())
    assert after[0, 0, 0] == pytest.approx(800.0)  # a fifth of 0-4 turns 5
    assert after[0, 0, -1] == pytest.approx(1200.0)  # the open band gains and keeps


@pytest.mark.parametrize("e0", [70.0, 78.0, 84.0])
def test_death_rates_reproduce_the_life_expectancy_asked_for(e0):
    rates = gompertz_death_rates(e0)
    assert (np.diff(rates[:-1]) > 0).all()  # mortality rises with age
    # the hazard behind the rates, integrated year by year, gives back e0
    level = -np.log(1 - rates[0]) / np.exp(GOMPERTZ_SLOPE * 2.5)
    hazard = level * np.exp(GOMPERTZ_SLOPE * np.arange(0, 111))
    survival = np.exp(-np.concatenate([[0.0], np.cumsum(hazard)]))
    assert ((survival[:-1] + survival[1:]) / 2).sum() == pytest.approx(e0, abs=0.05)


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
    rates = Rates.from_summary(
        np.array([3.0, 1.5]), np.array([84.0, 84.0]), np.array([80.0, 80.0]), np.array([0.0, 0.0])
    )
    out = project(pop, rates, 20)
    assert out.shape == (21, 2, 2, 17)
    growth = out[20].sum(axis=(1, 2)) / out[0].sum(axis=(1, 2))
    assert growth[0] > growth[1]  # higher fertility grows faster
