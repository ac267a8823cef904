"""A cohort state's rows: identities arriving during a run are drawn as if there from the start.

Rows are added at the end as moves reach new identities and never move (`CohortState`),
but the draws visit rows by demographic region, then identity. So a state that has
gained rows through a run draws, ages and sums exactly as a state built afresh from
the same cells, whose rows were laid out in that order from the start.
"""

from __future__ import annotations

import numpy as np
import pytest

from confed.people.cohorts import GROUPS, Cohorts
from confed.people.summary import population_at
from confed.rights.engine import compiled_treaty
from confed.simulate.moves import Mover
from confed.simulate.parameters import default_behaviour
from confed.simulate.state import CohortState, start_state


@pytest.fixture(scope="module")
def moved():
    """A dajani-yehuda-2024 state after four years of moves, and the same cells laid out afresh."""
    c = compiled_treaty("dajani-yehuda-2024")
    state = CohortState(population_at(2030), c.places)
    at_start = len(state.types())
    mover, rng = Mover(c, default_behaviour()), np.random.default_rng(1)
    for year in range(2030, 2034):
        if year > 2030:
            state.age_one_year(rng, year - 1)
        mover.year(state, c.phase_at(year - 2030), year, rng)
    assert len(state.types()) > at_start  # moves reached identities not there at the start
    cells = Cohorts(state.prior, state.status, state.place, state.group, state.counts.copy())
    return c, state, CohortState(cells, c.places)


def _identities(state: CohortState, units: np.ndarray) -> np.ndarray:
    return state.types()[units] * len(GROUPS) + state.group[units]


def test_a_grown_state_draws_its_choices_as_a_fresh_state_of_the_same_cells(moved):
    c, grown, fresh = moved
    chance = np.random.default_rng(2).random(c.space.size) * 0.2
    ours, theirs = np.random.default_rng(3), np.random.default_rng(3)
    units, k = grown.choose(ours, chance)
    fresh_units, fresh_k = fresh.choose(theirs, chance)
    assert len(units) > 1_000
    assert np.array_equal(_identities(grown, units), _identities(fresh, fresh_units))
    assert np.array_equal(k, fresh_k)
    assert ours.random() == theirs.random()  # the same numbers were taken from the stream


def test_a_grown_state_ages_and_sums_as_a_fresh_state_of_the_same_cells(moved):
    c, grown, fresh = moved
    np.testing.assert_allclose(grown.type_sizes(), fresh.type_sizes(), rtol=1e-12, atol=1e-9)
    for state in (grown, fresh):
        state.age_one_year(np.random.default_rng(4), 2034)
    rows = np.argsort(_identities(grown, np.arange(len(grown.types()))))
    fresh_rows = np.argsort(_identities(fresh, np.arange(len(fresh.types()))))
    np.testing.assert_allclose(grown.counts[rows], fresh.counts[fresh_rows], rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(grown.sizes[rows], fresh.sizes[fresh_rows], rtol=1e-12, atol=1e-9)
    ours, theirs = grown.totals(c.space.size), fresh.totals(c.space.size)
    assert np.array_equal(ours.types, theirs.types)
    np.testing.assert_allclose(ours.everyone, theirs.everyone, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(ours.adults, theirs.adults, rtol=1e-12, atol=1e-9)


def test_a_run_starting_from_a_kept_state_moves_as_one_built_afresh_and_leaves_it_as_it_was():
    c = compiled_treaty("dajani-yehuda-2024")
    cohorts = population_at(2030)
    kept = start_state(cohorts, c.places)
    before = kept.counts.copy()
    states = [start_state(cohorts, c.places), CohortState(cohorts, c.places)]
    rngs = [np.random.default_rng(5), np.random.default_rng(5)]
    for state, rng in zip(states, rngs, strict=True):
        mover = Mover(c, default_behaviour())
        for year in range(2030, 2033):
            if year > 2030:
                state.age_one_year(rng, year - 1)
            mover.year(state, c.phase_at(year - 2030), year, rng)
    copied, fresh = states
    assert len(copied.types()) > len(kept.types())  # the moves added rows to the copy only
    assert np.array_equal(copied.types(), fresh.types())
    assert np.array_equal(copied.counts, fresh.counts)
    assert rngs[0].random() == rngs[1].random()
    assert np.array_equal(start_state(cohorts, c.places).counts, before)
