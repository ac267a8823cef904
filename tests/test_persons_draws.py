"""Person mode's faster draws give the numbers NumPy's plain calls give (same seed, same run)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from confed.people.summary import population_at
from confed.rights.engine import compiled_treaty
from confed.simulate import draws, persons
from confed.simulate.draws import GUIDE, GuidedDestinations, by_type_then, geometric
from confed.simulate.persons import PersonState


@pytest.mark.parametrize("p", [1e-17, 1e-6, 0.004, 0.0455, 0.2, 1 / 3 - 1e-12, 1 / 3, 0.6])
def testgeometric_gaps_are_numpys_and_leave_the_stream_where_numpy_leaves_it(p):
    ours, numpys = np.random.default_rng(7), np.random.default_rng(7)
    assert np.array_equal(geometric(ours, p, 200_000), numpys.geometric(p, 200_000))
    assert ours.random() == numpys.random()


def test_a_destination_search_finds_what_a_binary_search_finds():
    rng = np.random.default_rng(3)
    for n in (1, 7, 1_955):
        weights = rng.random((72, n)) ** 8
        weights[rng.random(weights.shape) < 0.7] = 0  # runs of equal shares
        weights[rng.integers(0, 72, 5)] = 0  # pools with nowhere to go
        table = GuidedDestinations.of(weights)
        steps = np.arange(72 * GUIDE + 1) / GUIDE
        assert np.array_equal(table.guide[:-1], np.searchsorted(table.flat, steps, side="right"))
        x = np.concatenate(
            [
                rng.random(50_000) * 72,
                steps,  # on a guide step, and either side of one
                np.nextafter(steps, -1),
                np.nextafter(steps, 73),
                table.flat,  # on an entry, and just below one
                np.nextafter(table.flat, -1),
            ]
        )
        assert np.array_equal(table.search(x), np.searchsorted(table.flat, x, side="right"))


def test_the_orderby_type_then_uniform_is_lexsorts_even_when_keys_tie():
    rng = np.random.default_rng(5)
    types = rng.integers(0, 40, 30_000).astype(np.int16)
    uniform = rng.random(30_000)
    assert np.array_equal(by_type_then(types, uniform), np.lexsort((uniform, types)))
    uniform[:100] = uniform[100:200]  # the same uniform twice within a type: keys tie
    types[:100] = types[100:200]
    uniform[200] = np.nextafter(1.0, 0)  # rounds up to the next type's first key
    types[201], uniform[201] = types[200] + 1, 0.0
    assert np.array_equal(by_type_then(types, uniform), np.lexsort((uniform, types)))


def _state() -> PersonState:
    cohorts = population_at(2030)
    cohorts = replace(cohorts, counts=cohorts.counts / 200)
    return PersonState(cohorts, compiled_treaty("alfa").places, np.random.default_rng(1))


def test_ageing_in_blocks_ends_where_one_block_for_everyone_ends(monkeypatch):
    ends = []
    for block in (1 << 22, 997):  # one block; many, with a short last one
        monkeypatch.setattr(persons, "AGE_BLOCK", block)
        state, rng = _state(), np.random.default_rng(2)
        for year in (2030, 2031):
            state.age_one_year(rng, year)
        columns = [getattr(state, name) for name in PersonState.FACTS + PersonState.DERIVED]
        ends.append((columns, state.totals(compiled_treaty("alfa").space.size), rng.random()))
    (one, one_totals, one_next), (many, many_totals, many_next) = ends
    assert all(np.array_equal(a, b) for a, b in zip(one, many, strict=True))
    assert np.array_equal(one_totals.everyone, many_totals.everyone)
    assert one_next == many_next


@pytest.mark.parametrize(("n", "p"), [(10, 0.5), (1_000, 0.3), (100, 0.001), (2_000_000, 0.04)])
def test_bernoulli_positions_are_the_running_sums_of_numpysgeometric_gaps(n, p):
    for seed in range(5):
        gaps = np.random.default_rng(seed).geometric(p, int(n * p + 6 * np.sqrt(n * p) + 16))
        expected = np.cumsum(gaps) - 1
        if expected[-1] < n:  # the chunk fell short: not this seed
            continue
        got = draws.bernoulli_positions(np.random.default_rng(seed), n, p)
        assert got.dtype == np.int64 and np.array_equal(got, expected[expected < n])
