"""The cohort run's compiled kernels give the numbers of the NumPy calls they replace.

A cohort run's random stream is NumPy's: the kernels draw through the run's own
`np.random.Generator`, so they must take the same numbers from it, in the same order,
as `rng.binomial` over arrays did; the arithmetic kernels must equal the NumPy
expressions they stand for (to the last bits where only the order of a sum differs).
"""

from __future__ import annotations

import numpy as np
import pytest

from confed.simulate.kernels import (
    add_rows,
    age_regions,
    banded,
    choose_in_order,
    pairwise_sum,
    spread_rows,
    sum_by_key,
    sum_slots,
    take_in_order,
)
from confed.simulate.move_kernels import draw_applicants
from confed.simulate.state import _leslie_matrices

WIDTH = 34


def _rows(seed: int, n: int) -> np.ndarray:
    """Cohort-like rows: counts from nothing to a few thousand, some rows empty."""
    rng = np.random.default_rng(seed)
    flat = rng.gamma(0.5, 400.0, (n, WIDTH))
    flat[rng.random(n) < 0.1] = 0.0
    return flat


def test_choose_draws_numpys_binomials_from_the_same_stream():
    flat = _rows(1, 3000)
    sizes = flat.sum(axis=1)
    sizes[:50] = 0.3  # under half a person: no draw
    types = np.random.default_rng(2).integers(0, 500, len(sizes))
    chance = np.random.default_rng(3).random(500) * 0.1
    chance[:40] = 0.0
    chance[40:50] = 1.0  # certain: the whole row, after NumPy's draw
    ours, theirs = np.random.default_rng(7), np.random.default_rng(7)
    units, k = choose_in_order(ours, np.arange(len(types)), types, sizes, chance)

    p = chance[types]
    want = np.flatnonzero((p > 0) & ((sizes >= 0.5) | ((p >= 1.0) & (sizes > 0))))
    drawn = theirs.binomial(np.rint(sizes[want]).astype(np.int64), np.clip(p[want], 0.0, 1.0))
    assert np.array_equal(units, want)
    assert np.array_equal(k, np.where(p[want] >= 1.0, sizes[want], drawn))
    assert ours.random() == theirs.random()  # the generator is where NumPy's would be


def test_choices_with_recurring_chances_draw_numpys_binomials_by_every_method():
    """A few chances, recurring as a run's do, over sizes from none to large cities.

    Inversion (n·p ≤ 30), BTPE (n·p > 30) and chances above one half, from one stream.
    """
    sizes = np.random.default_rng(16).gamma(0.3, 3000.0, 5000)
    types = np.random.default_rng(17).integers(0, 4, len(sizes))
    chance = np.array([0.02, 0.0013, 0.7, 0.5])
    ours, theirs = np.random.default_rng(18), np.random.default_rng(18)
    units, k = choose_in_order(ours, np.arange(len(types)), types, sizes, chance)

    n = np.rint(sizes[units]).astype(np.int64)
    p = chance[types[units]]
    assert ((n * p <= 30) & (p <= 0.5)).any() and (n * p > 30).any() and (p > 0.5).any()
    assert np.array_equal(units, np.flatnonzero(sizes >= 0.5))
    assert np.array_equal(k, theirs.binomial(n, p))
    assert ours.random() == theirs.random()


def test_applicants_are_numpys_binomials_on_those_free_to_apply():
    sizes = np.random.default_rng(11).gamma(0.5, 40.0, 2000)
    sizes[:100] = 0.2  # under half a person: no draw
    types = np.flatnonzero(np.random.default_rng(12).random(2000) < 0.6)
    types = np.concatenate([types, types[::2]])  # a second list, as for another queue
    chance = np.random.default_rng(13).random(len(types)) * 0.05
    chance[:30] = 0.0
    waiting = np.random.default_rng(14).gamma(0.5, 30.0, len(types))
    waiting[1::3] = 0.0  # types nobody of which is waiting
    ours, theirs = np.random.default_rng(15), np.random.default_rng(15)
    drawn, counts = draw_applicants(ours, types, chance, sizes, waiting)

    free = np.rint(np.maximum(sizes[types] - waiting, 0.0)).astype(np.int64)
    some = (chance > 0) & (sizes[types] >= 0.5) & (free > 0)
    assert 0 < some.sum() < len(types)
    assert np.array_equal(drawn, np.flatnonzero(some))
    assert np.array_equal(counts, theirs.binomial(free[some], chance[some]))
    assert ours.random() == theirs.random()


def test_applicants_of_none_draw_nothing():
    rng = np.random.default_rng(3)
    before = rng.bit_generator.state
    drawn, counts = draw_applicants(
        rng, np.zeros(0, np.int64), np.zeros(0), np.ones(5), np.zeros(0)
    )
    assert len(drawn) == len(counts) == 0
    assert rng.bit_generator.state == before


@pytest.mark.parametrize("year", [2031, 2050])
def test_ageing_equals_the_dense_cohort_step(year):
    leslie = _leslie_matrices(year)
    flat = _rows(4, 2000)
    bounds = np.array([0, 300, 900, 1000, 1600, 2000])
    regions = np.array([0, 1, 2, 3, 4])
    spans = zip(regions, bounds[:-1], bounds[1:], strict=True)
    want = np.concatenate([flat[a:b] @ leslie[r] for r, a, b in spans])
    sizes = np.zeros(len(flat))
    age_regions(flat, sizes, regions, bounds, *banded(leslie))
    np.testing.assert_allclose(flat, want, rtol=1e-13, atol=1e-9)
    np.testing.assert_allclose(sizes, want.sum(axis=1), rtol=1e-13)


def test_ageing_reads_any_matrix_not_only_the_cohort_steps_shape():
    matrix = np.random.default_rng(5).random((2, WIDTH, WIDTH))
    matrix[matrix < 0.7] = 0.0
    flat = _rows(6, 100)
    want = np.concatenate([flat[:40] @ matrix[1], flat[40:] @ matrix[0]])
    age_regions(flat, np.zeros(100), np.array([1, 0]), np.array([0, 40, 100]), *banded(matrix))
    np.testing.assert_allclose(flat, want, rtol=1e-13)


def test_spread_takes_out_pools_and_fans_out_as_numpy_would():
    flat = _rows(8, 500)
    before = flat.copy()
    sizes = flat.sum(axis=1)
    units = np.array([3, 10, 11, 40, 41, 42, 200, 499])
    k = np.array([5.0, 1e9, 0.0, 2.0, 3.0, 7.0, 1.0, 4.0])  # 1e9: more than the row holds
    pool = np.array([2, 0, 2, 1, 0, 3, 2, 1])
    weights = np.array([[1.0, 0, 3, 0], [0, 0, 0, 0], [2, 2, 0, 1], [0, 5, 0, 0]])
    has = weights.sum(axis=1) > 0
    share = weights / np.where(has, weights.sum(axis=1), 1.0)[:, None]
    pool_of, place = np.nonzero(share)
    start = np.searchsorted(pool_of, np.arange(len(weights) + 1))
    pools, pooled, of_pool, to, to_share, people = spread_rows(
        flat, sizes, units, k, pool, has, start, place, share[pool_of, place]
    )

    moving = has[pool]
    frac = np.minimum(k / np.maximum(before[units].sum(axis=1), 1e-12), 1.0)
    moved = before[units] * frac[:, None]
    assert np.array_equal(pools, [0, 2, 3])
    for q, p in enumerate(pools):
        np.testing.assert_allclose(pooled[q], moved[moving & (pool == p)].sum(axis=0))
        np.testing.assert_allclose(to_share[of_pool == q], share[p][share[p] > 0])
        assert np.array_equal(to[of_pool == q], np.flatnonzero(share[p]))
    np.testing.assert_allclose(people, pooled.sum(axis=1)[of_pool] * to_share)
    left = before.copy()
    left[units[moving]] -= moved[moving]
    np.testing.assert_allclose(flat, left, rtol=1e-13, atol=1e-9)  # pool 1 has nowhere to go
    np.testing.assert_allclose(sizes, left.sum(axis=1), rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(flat[10], 0.0, atol=1e-9)

    rows = np.arange(len(to)) * 7
    add_rows(flat, sizes, rows, of_pool, pooled, to_share)
    left[rows] += pooled[of_pool] * to_share[:, None]
    np.testing.assert_allclose(flat, left, rtol=1e-13, atol=1e-9)
    np.testing.assert_allclose(sizes, left.sum(axis=1), rtol=1e-12, atol=1e-9)


def test_take_splits_a_types_wanted_people_over_its_rows():
    sizes = np.array([10.0, 30.0, 0.0, 5.0, 5.0, 8.0])
    types = np.array([0, 0, 0, 1, 1, 2])
    present = np.bincount(types, weights=sizes)
    wanted = np.array([20.0, 50.0, 0.0])
    units, k = take_in_order(np.arange(len(types)), types, sizes, wanted, present)
    assert np.array_equal(units, [0, 1, 3, 4])
    assert np.array_equal(k, [5.0, 15.0, 5.0, 5.0])  # type 1 gives all it has, no more


def test_sums_by_key_and_slot_are_numpys_bincounts():
    flat = _rows(9, 800)
    sizes = flat.sum(axis=1)
    key = np.random.default_rng(10).integers(0, 90, 800)
    share = np.linspace(0, 1, WIDTH)
    everyone, adults = sum_by_key(flat, sizes, key, share, 100)
    assert np.array_equal(everyone, np.bincount(key, weights=sizes, minlength=100))
    np.testing.assert_allclose(adults, np.bincount(key, weights=flat @ share, minlength=100))

    values = np.random.default_rng(11).random((60, 4))
    rows = np.array([5, 2, 59, 2, 0])
    slot = np.random.default_rng(12).integers(0, 12, (5, 4))
    want = np.bincount(slot.reshape(-1), weights=values[rows].reshape(-1), minlength=12)
    assert np.array_equal(sum_slots(values, rows, slot, 12), want)


@pytest.mark.parametrize("scale", [1.0, 1e-300, 1e290])
def test_pairwise_sum_is_numpys_sum_to_the_last_bit(scale):
    rng = np.random.default_rng(13)
    for n in range(2001):
        values = rng.standard_normal(n) * 10.0 ** rng.integers(-6, 9, n) * scale
        assert pairwise_sum(values) == np.sum(values), n
    for n in (0, 1, 7, 8, 129, 1000):
        assert np.signbit(pairwise_sum(np.full(n, -0.0))) == np.signbit(np.sum(np.full(n, -0.0)))
        assert pairwise_sum(np.zeros(n)) == 0.0
    big = rng.random(300_001) * 1e6
    assert pairwise_sum(big) == np.sum(big)
