"""Person mode's compiled draws: the numbers NumPy gives, or the distribution the model asks."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from confed.people.summary import population_at
from confed.rights.engine import compiled_treaty
from confed.simulate import persons
from confed.simulate.draws import GUIDE, GuidedDestinations
from confed.simulate.person_kernels import (
    at_most,
    chosen_dense,
    chosen_sparse,
    gathered,
    replace_rows,
)
from confed.simulate.persons import PersonState
from confed.simulate.state import POOLS


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


def _state() -> PersonState:
    cohorts = population_at(2030)
    cohorts = replace(cohorts, counts=cohorts.counts / 200)
    return PersonState(cohorts, compiled_treaty("alfa").places, np.random.default_rng(1))


def test_ageing_in_blocks_ends_where_one_block_for_everyone_ends(monkeypatch):
    ends = []
    for block in (1 << 22, 1000):  # one block; many, with a short last one
        monkeypatch.setattr(persons, "AGE_BLOCK", block)
        state, rng = _state(), np.random.default_rng(2)
        for year in (2030, 2031):
            state.age_one_year(rng, year)
        columns = [getattr(state, name) for name in PersonState.COLUMNS]
        ends.append((columns, state.totals(compiled_treaty("alfa").space.size), rng.random()))
    (one, one_totals, one_next), (many, many_totals, many_next) = ends
    assert all(np.array_equal(a, b) for a, b in zip(one, many, strict=True))
    assert np.array_equal(one_totals.everyone, many_totals.everyone)
    assert one_next == many_next


def test_a_move_that_keeps_the_status_moves_as_one_given_each_movers_own_status():
    moved = []
    for own in (False, True):
        state, rng = _state(), np.random.default_rng(3)
        units = np.flatnonzero(np.random.default_rng(4).random(len(state.types())) < 0.05)
        weights = np.random.default_rng(5).random((POOLS, len(state.table)))
        status = None if own else state.status[units]
        place, _ = state.spread(rng, units, status, weights)
        moved.append((place, state.types().copy(), state._slot.copy(), rng.random()))
    assert all(np.array_equal(a, b) for a, b in zip(*moved, strict=True))
    assert len(moved[0][0]) > 0


@pytest.mark.parametrize("dense", [False, True])
def test_each_row_is_chosen_at_its_types_own_chance(dense):
    rng = np.random.default_rng(11)
    types = rng.integers(0, 4, 400_000).astype(np.uint16)
    chance = np.array([0.0, 0.001, 0.02, 0.05])  # none, far below the top, below, the top
    draw = (
        (lambda: chosen_dense(rng, types, chance))
        if dense
        else (lambda: chosen_sparse(rng, types, chance, 0.05))
    )
    rows = draw()
    assert rows.dtype == np.int64 and (np.diff(rows) > 0).all() and rows[-1] < len(types)
    chosen = np.bincount(types[rows], minlength=4)
    expected = np.bincount(types, minlength=4) * chance
    assert chosen[0] == 0
    assert (np.abs(chosen - expected) < 5 * np.sqrt(expected) + 1).all()
    # and the same seed draws the same rows
    rng = np.random.default_rng(11)
    rng.integers(0, 4, 400_000)
    assert np.array_equal(draw(), rows)


@pytest.mark.parametrize(("n", "k"), [(0, 0), (10, 0), (10, 10), (1_000, 37), (3_000_000, 200_000)])
def test_columns_read_on_every_thread_are_numpys_gathers(n, k):
    rng = np.random.default_rng(13)
    types, slot = (
        rng.integers(0, 35_000, n).astype(np.uint16),
        rng.integers(0, 204, n).astype(np.int16),
    )
    rows = np.sort(rng.choice(n, k, replace=False)) if k else np.zeros(0, np.int64)
    their_types, their_slots = gathered((types, slot), rows)
    assert np.array_equal(their_types, types[rows]) and their_types.dtype == types.dtype
    assert np.array_equal(their_slots, slot[rows]) and their_slots.dtype == slot.dtype


def _replaced_in_turn(gone, gaps, source, n, parents, born_sex, columns, kept, keys, shape):
    """`replace_rows` as one loop in plain Python: the rows it must leave, and the counts."""
    band, types, slot = (c.copy() for c in columns)
    counts, people = (k.copy() for k in kept)
    n_sexes, n_bands = shape
    for i, r in enumerate(parents):
        t, b, q = types[r], band[r], slot[r]
        if i < len(born_sex):
            b, q = 0, q // (n_sexes * n_bands) * (n_sexes * n_bands) + born_sex[i] * n_bands
        types[n + i], band[n + i], slot[n + i] = t, b, q
        counts[t] += 1
        people[t, keys[0][q], keys[1][q]] += 1
    for r in gone[len(gaps) :]:
        counts[types[r]] -= 1
        people[types[r], keys[0][slot[r]], keys[1][slot[r]]] -= 1
    for to, r in zip(gaps, source, strict=True):
        counts[types[to]] -= 1
        people[types[to], keys[0][slot[to]], keys[1][slot[to]]] -= 1
        band[to], types[to], slot[to] = band[r], types[r], slot[r]
    return (band, types, slot), (counts, people)


@pytest.mark.parametrize(
    ("n", "n_gone", "n_new"),
    [(0, 0, 0), (50, 0, 0), (50, 50, 0), (50, 10, 30), (400_000, 9_000, 12_000)],
)
def test_new_and_gone_rows_on_every_thread_are_those_of_one_loop(n, n_gone, n_new):
    rng = np.random.default_rng(14)
    shape, n_types = (2, 17), 300
    keys = (rng.integers(0, 3, 204).astype(np.int8), rng.integers(0, 3, 204).astype(np.int8))
    total = n + n_new
    columns = (
        np.resize(rng.integers(0, 17, n).astype(np.int8), total),
        np.resize(rng.integers(0, n_types, n).astype(np.uint16), total),
        np.resize(rng.integers(0, 204, n).astype(np.int16), total),
    )
    gone = np.sort(rng.choice(n, n_gone, replace=False)) if n_gone else np.zeros(0, np.int64)
    parents = (
        rng.choice(np.setdiff1d(np.arange(n), gone), n_new, replace=False) if n_new else gone[:0]
    )
    born_sex = rng.integers(0, 2, n_new // 2).astype(np.int8)
    kept_rows = total - n_gone
    tail = np.ones(total - kept_rows, dtype=bool)
    tail[gone[gone >= kept_rows] - kept_rows] = False
    source, gaps = kept_rows + np.flatnonzero(tail), gone[gone < kept_rows]
    kept = (np.full(n_types, 10**6, np.int64), np.full((n_types, 3, 3), 10**6, np.int32))
    args = (gone, gaps, source, n, parents, born_sex)
    expected_columns, expected_kept = _replaced_in_turn(*args, columns, kept, keys, shape)
    replace_rows(*args, columns, kept, keys, shape)
    assert all(
        np.array_equal(a[:kept_rows], b[:kept_rows])
        for a, b in zip(columns, expected_columns, strict=True)
    )
    assert all(np.array_equal(a, b) for a, b in zip(kept, expected_kept, strict=True))


def test_a_type_over_its_wanted_count_keeps_every_subset_of_that_size_equally_often():
    rng = np.random.default_rng(12)
    types = np.array([0, 1, 1, 1, 1, 2, 2], dtype=np.uint16)  # type 1 drew 4, wants 2
    drawn, wanted = np.bincount(types, minlength=3), np.array([5.0, 2.0, 2.0])
    seen = {}
    for _ in range(6_000):
        keep = at_most(rng, types, drawn, wanted)
        assert keep[0] and keep[5:].all() and keep[1:5].sum() == 2
        pair = tuple(np.flatnonzero(keep[1:5]))
        seen[pair] = seen.get(pair, 0) + 1
    assert len(seen) == 6  # every pair of the four, each about a sixth of the time
    assert all(abs(n - 1_000) < 5 * np.sqrt(1_000 * 5 / 6) for n in seen.values())
