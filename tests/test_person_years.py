"""Person mode's yearly draws: bytes refined to 32-bit words draw each probability exactly."""

from __future__ import annotations

import numpy as np
import pytest

from confed.people.cohorts import GROUPS, region_of
from confed.people.projection import AGE_BANDS
from confed.simulate.ageing_kernels import age_rows, raw_words
from confed.simulate.metrics import ADULT_SHARE, row_keys, totals_from_counts
from confed.simulate.person_years import (
    ADULT_CLASS,
    AGE_THRESHOLD,
    AGE_TOP,
    AGEING,
    CROSS_LO,
    CROSS_SPAN,
    HOME_GROUP,
    HOME_OF_ZONE,
    HOME_REGION,
    WORD,
    RandomBytes,
    class_keys,
    threshold,
)
from confed.vocab import ZONES


def test_a_threshold_is_the_probability_on_a_32_bit_word():
    p = np.array([0.0, 1e-9, 1e-4, 0.2, 0.5, 1.0])
    t = threshold(p)
    assert t.dtype == np.uint32
    assert (np.abs(t / WORD - p) < 2**-32 + 1e-15).all()
    assert t[-1] == 2**32 - 1  # certain: the largest word


def test_bytes_do_not_depend_on_how_the_calls_are_cut():
    whole = RandomBytes(np.random.default_rng(5).bit_generator).take(1_000)
    cut = RandomBytes(np.random.default_rng(5).bit_generator)
    parts = [cut.take(k) for k in (3, 1, 997 - 1, 0)]
    assert np.array_equal(np.concatenate(parts), whole[: sum(len(p) for p in parts)])


def test_a_refined_word_keeps_its_top_byte_and_draws_the_rest_evenly():
    bits = RandomBytes(np.random.default_rng(6).bit_generator)
    top = np.full(400_000, AGE_TOP)
    words = bits.words(top)
    assert ((words >> 24) == AGE_TOP).all()
    low = (words & 0xFFFFFF) / 2**24
    assert low.mean() == pytest.approx(0.5, abs=0.003)
    assert np.histogram(low, bins=8)[0].min() > 0.97 * len(low) / 8


def test_a_byte_then_its_refinement_age_a_fifth_exactly():
    # P(byte < top) + P(byte == top) × P(refined word < threshold) = threshold / 2**32
    top, rest = divmod(int(AGE_THRESHOLD), 2**24)
    assert top == AGE_TOP
    assert (top + rest / 2**24) / 256 == pytest.approx(AGEING, abs=2**-32)
    rng = np.random.default_rng(7)
    n = 4_000_000
    first = RandomBytes(rng.bit_generator).take(n)
    aged = first < AGE_TOP
    edge = np.flatnonzero(first == AGE_TOP)
    aged[edge] = RandomBytes(rng.bit_generator).words(first[edge]) < AGE_THRESHOLD
    assert abs(aged.mean() - AGEING) < 5 * np.sqrt(AGEING * (1 - AGEING) / n)


def test_counting_people_per_adult_class_gives_the_totals_of_every_band():
    rng = np.random.default_rng(8)
    n_types, rows = 50, 20_000
    types = rng.integers(0, n_types, rows)
    group = rng.integers(0, 4, rows)
    band = rng.integers(0, len(AGE_BANDS), rows).astype(np.int8)
    size = n_types * 4 * len(AGE_BANDS)
    by_band = totals_from_counts(np.bincount(row_keys(types, group, band), minlength=size), n_types)
    by_class = totals_from_counts(
        np.bincount(class_keys(types, group, band), minlength=size), n_types
    )
    assert np.array_equal(by_band.everyone, by_class.everyone)
    assert np.array_equal(by_band.adults, by_class.adults)


def test_a_band_crosses_into_another_class_where_its_share_of_adults_changes():
    assert (ADULT_SHARE[ADULT_CLASS] == ADULT_SHARE).all()
    band = np.arange(len(AGE_BANDS) - 1)
    crosses = (band >= CROSS_LO) & (band <= CROSS_LO + CROSS_SPAN)
    assert np.array_equal(crosses, ADULT_SHARE[band] != ADULT_SHARE[band + 1])


@pytest.mark.parametrize("n", [0, 1, 7, 8, 100_003])
def test_raw_words_drawn_into_a_kept_buffer_are_random_raws(n):
    out = np.zeros(n, np.uint64)
    rng = np.random.default_rng(9)
    raw_words(rng, out)
    theirs = np.random.default_rng(9).bit_generator
    assert np.array_equal(out, theirs.random_raw(n))
    assert rng.random() == np.random.Generator(theirs).random()  # and the stream goes on


@pytest.mark.parametrize(
    ("n", "block", "batch"),
    [(0, 64, 1), (5, 64, 1), (64, 64, 1), (1_001, 64, 1), (3_000, 4_096, 1), (0, 64, 3),
     (5, 64, 3), (192, 64, 3), (1_001, 64, 3), (1_001, 64, 8), (300_001, 4_096, 8)],
)  # fmt: skip
def test_a_year_in_blocks_takes_the_first_bytes_of_its_stream_and_leaves_the_rest(n, block, batch):
    # every first byte is at most its slot's top byte (255): every row is listed near; the
    # blocks of a batch are aged side by side, their findings listed in block order
    slot, band = np.zeros(n, np.int16), np.zeros(n, np.int8)
    limits = (np.full(1, 255, np.uint8), AGE_TOP, 16, CROSS_LO, CROSS_SPAN)
    words = batch * block // 8
    work = (
        np.empty(words, np.uint64),
        np.empty(words, np.uint64),
        np.empty((batch, 5, block), np.int32),
        np.empty((batch, block), np.uint8),
    )
    lists = tuple(np.empty(1, dtype) for dtype in (np.intp, np.uint8, np.int16, np.intp, np.intp))
    found, sizes, left = age_rows(
        np.random.default_rng(10), np.random.default_rng(11), slot, band, limits, work, lists
    )
    stream = RandomBytes(np.random.default_rng(10).bit_generator)
    assert sizes[0] == n
    assert np.array_equal(found[0][:n], np.arange(n))
    assert np.array_equal(found[1][:n], stream.take(n))
    assert np.array_equal(left, stream.left)  # the same bytes wait in the last word
    ageing = RandomBytes(np.random.default_rng(11).bit_generator).take(n)
    assert np.array_equal(band, (ageing < AGE_TOP).astype(np.int8))  # the top byte: later


def test_a_groups_home_in_a_zone_has_the_group_and_the_region_of_that_group_there():
    group = np.repeat(np.arange(len(GROUPS)), len(ZONES))
    zone = np.tile(np.arange(len(ZONES)), len(GROUPS))
    home = HOME_OF_ZONE[group, zone]
    assert np.array_equal(HOME_GROUP[home], group)
    assert np.array_equal(HOME_REGION[home], region_of(group, zone))
    assert len(np.unique(home)) == len(HOME_GROUP)  # every home is some group's somewhere
