"""Person mode's compiled loops (numba): one pass over the rows where NumPy makes many.

Each kernel walks the existing columns (small integer codes) once and does what a
series of NumPy calls did over temporaries of every row: a year's dead, newborn and
arriving rows written, a move's columns and counts updated, a choice's candidates drawn
and thinned (a year's ageing: `ageing_kernels`); the passes that read and write rows
at random without drawing share them among numba's threads (`threads.row_pass`), the
draws and counts staying in turn between them. Kernels that draw take the run's
`np.random.Generator` and draw from its bit generator, so a seed gives the same
numbers serially, in forked workers and on Dask workers. Compiled on first call and
cached on disk (`cache=True`).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, prange

from confed.simulate.threads import row_pass


@njit(cache=True, nogil=True)
def spread_rows(
    rng, who, status, destinations, columns, type_facts, counts, people, home, sizes, slot_keys
):
    """Move each row of `who` with the new `status` (None: its own) to a place from its pool.

    A mover's pool (prior citizenship × status × group, `state.POOLS`) picks the row
    of the destination table (`destinations`: a `draws.GuidedDestinations`' flat
    shares, guide, steps and which pools have anywhere to go); a pool with nowhere
    stays put and draws nothing, the others draw a uniform u each in turn and go where
    `GuidedDestinations.search` finds pool + u. Each mover's new place and status are
    written as what follows from them: `columns` are the type and slot columns;
    `counts` (people per type) and `people` (types × groups × adult classes) move each
    person from the old key to the new; the new type and slot are the old ones changed
    by the new status and place (`home`: each group's home in each place). `sizes` are
    the number of statuses, places, groups, sexes and bands. Returns the places of the
    movers who moved.

    One pass over the movers, bound by the cache lines of the columns it touches when
    movers are many (a move inside a state moves one person in 25): what the row's type
    says (prior citizenship, status and place: `type_facts`, per type) and what its slot
    says (its group and adult class: `slot_keys`, per slot) are read from small tables,
    and the place and status are the new type's: no column of their own to write.
    """
    flat, guide, steps, has = destinations
    n_status, n_places, n_groups, n_sexes, n_bands = sizes
    types, slot = columns
    prior_of, status_of, place_of = type_facts
    slot_group, slot_class = slot_keys
    width = len(flat) // len(has)
    out = np.empty(len(who), np.int64)
    moved = 0
    for i in range(len(who)):
        r = who[i]
        q = slot[r]
        g = slot_group[q]
        old = types[r]
        s = np.int64(status_of[old]) if status is None else status[i]  # pruned when compiled
        pool = (np.int64(prior_of[old]) * n_status + s) * n_groups + g
        if not has[pool]:
            continue
        p = min(_find(flat, guide, steps, pool + rng.random()) - pool * width, width - 1)
        out[moved] = p
        moved += 1
        was = place_of[old]
        new = old + (s - status_of[old]) * n_places + (p - was)
        a = slot_class[q]
        types[r] = new
        slot[r] = q + (home[g, p] - home[g, was]) * (n_sexes * n_bands)
        counts[old] -= 1
        counts[new] += 1
        people[old, g, a] -= 1
        people[new, g, a] += 1
    return out[:moved]


@row_pass
def gathered(columns, rows):
    """The type and slot columns (`columns`) at `rows`, read on every thread."""
    types, slot = columns
    their_types = np.empty(len(rows), types.dtype)
    their_slots = np.empty(len(rows), slot.dtype)
    for i in prange(len(rows)):
        their_types[i] = types[rows[i]]
        their_slots[i] = slot[rows[i]]
    return their_types, their_slots


@njit(cache=True, nogil=True)
def replace_rows(gone, gaps, source, n, parents, born_sex, columns, kept, slot_keys, shape):
    """Rows `gone` leave, copies of rows `parents` arrive: passes over the rows that change.

    `columns` are the band, type and slot columns. The copies are written from row `n`
    on; the first `len(born_sex)` are newborns: their mother's type and home, the sex
    `born_sex` and the first band (`shape`: the sexes and bands). Each new row enters
    the kept counts (`kept`: people per type, and types × groups × adult classes, a
    slot's group and class its `slot_keys`); the rows `gone` leave them, and each row of
    `gaps` (the rows of `gone` before the new end, in the same order) is overwritten by
    the row of `source` (rows are unordered: the last rows fill the gaps).

    The rows read and written at random (the parents, the gaps) are read and written on
    every thread (`copied_parents`, `gathered`, `filled`); the counts, whole numbers,
    are kept in turn between those passes.
    """
    _, types, slot = columns
    counts, people = kept
    copied_parents(columns, n, parents, born_sex, shape)
    for to in range(n, n + len(parents)):
        _count(counts, people, types[to], slot[to], slot_keys, 1)
    for r in gone[len(gaps) :]:
        _count(counts, people, types[r], slot[r], slot_keys, -1)
    gap_types, gap_slots = gathered((types, slot), gaps)
    for j in range(len(gaps)):
        _count(counts, people, gap_types[j], gap_slots[j], slot_keys, -1)
    filled(columns, gaps, source)


@row_pass
def copied_parents(columns, n, parents, born_sex, shape):
    """Copy the band, type and slot of each row of `parents` to row `n` on (`replace_rows`)."""
    n_sexes, n_bands = shape
    per_home = n_sexes * n_bands
    band, types, slot = columns
    for i in prange(len(parents)):
        r = parents[i]
        b, q = band[r], slot[r]
        if i < len(born_sex):  # a newborn: the first band, a sex of its own
            b = 0
            q = q // per_home * per_home + born_sex[i] * n_bands
        types[n + i] = types[r]
        band[n + i] = b
        slot[n + i] = q


@row_pass
def filled(columns, gaps, source):
    """Overwrite the band, type and slot of each row of `gaps` by its row of `source`."""
    band, types, slot = columns
    for j in prange(len(gaps)):
        to, r = gaps[j], source[j]
        band[to] = band[r]
        types[to] = types[r]
        slot[to] = slot[r]


@njit(cache=True, nogil=True, inline="always")
def _count(counts, people, t, q, slot_keys, change):
    """Add `change` people of type `t` and slot `q` to the kept counts."""
    slot_group, slot_class = slot_keys
    counts[t] += change
    people[t, slot_group[q], slot_class[q]] += change


@njit(cache=True, nogil=True)
def chosen_sparse(rng, types, chance, top):
    """Rows each taken with their type's `chance`, via candidates at the top chance.

    Candidates are rows taken with probability `top` (< 1), the gaps between them
    geometric (ceil(E / -log(1 - top)), E standard exponential); a candidate whose
    type's chance is below `top` stays with probability chance / top. The cost is the
    candidates, about top × rows, not the rows. Returns the rows, ascending.

    The candidates are listed first and their chances read in a loop of their own:
    reads scattered over the rows then overlap instead of each waiting behind a draw.
    """
    n = len(types)
    scale = -math.log1p(-top)
    expected = n * top
    rows = np.empty(int(expected + 6 * math.sqrt(expected) + 16), np.int64)
    k = 0
    pos = -1
    while True:
        gap = rng.standard_exponential() / scale
        if gap > n - 1 - pos:  # ceil(gap) >= n - pos: past the last row
            break
        pos += max(math.ceil(gap), 1)
        if k == len(rows):
            rows = _grown(rows)
        rows[k] = pos
        k += 1
    rows = rows[:k]
    their = np.empty(k)
    for i in range(k):
        their[i] = chance[types[rows[i]]]
    kept = 0
    for i in range(k):
        c = their[i]
        if c > 0.0 and (c >= top or rng.random() * top < c):
            rows[kept] = rows[i]
            kept += 1
    return rows[:kept]


@njit(cache=True, nogil=True)
def chosen_dense(rng, types, chance):
    """Rows each taken with their type's `chance`: one uniform per row with a chance.

    For choices whose candidates at the top chance would outnumber the rows with a
    chance at all. Returns the rows, ascending. A block of rows at a time, the rows
    with a chance are listed first, then each draws, both without a branch: a branch
    and a draw in the loop over every row ran four times slower.
    """
    out = np.empty(1024, np.int64)
    some = np.empty(DENSE_BLOCK, np.int64)
    k = 0
    for start in range(0, len(types), DENSE_BLOCK):
        listed = 0
        for r in range(start, min(start + DENSE_BLOCK, len(types))):
            some[listed] = r
            listed += chance[types[r]] > 0.0
        while len(out) < k + listed:
            out = _grown(out)
        for i in range(listed):
            r = some[i]
            out[k] = r
            k += rng.random() < chance[types[r]]
    return out[:k]


DENSE_BLOCK = 1 << 14
"""Rows listed at a time by `chosen_dense` (128 kB of row numbers, in a core's cache)."""


@njit(cache=True, nogil=True)
def at_most(rng, types, drawn, wanted):
    """Keep at most `wanted[t]` of the persons of each type t, a uniform random subset.

    `types` are the drawn persons' types and `drawn` how many each type has; a type
    with more than it wants keeps each of its persons with probability (still needed)
    / (still to see) in turn, which picks every subset of the wanted size with equal
    chance (selection sampling). Persons of other types are all kept. Returns a mask.
    """
    need = wanted.copy()
    left = drawn.copy()
    keep = np.ones(len(types), np.bool_)
    for i in range(len(types)):
        t = types[i]
        if drawn[t] <= wanted[t]:
            continue
        keep[i] = rng.random() * left[t] < need[t]
        need[t] -= keep[i]
        left[t] -= 1
    return keep


@njit(cache=True, nogil=True)
def guided_search(flat, guide, steps, x):
    """`np.searchsorted(flat, x, side="right")`, each search narrowed by a guide (`_find`)."""
    out = np.empty(len(x), np.int64)
    for i in range(len(x)):
        out[i] = _find(flat, guide, steps, x[i])
    return out


@njit(cache=True, nogil=True, inline="always")
def _find(flat, guide, steps, v):
    """`np.searchsorted(flat, v, side="right")` for one value, narrowed by a guide.

    `guide[j]` is the first entry of `flat` above j / steps; a value lies between the
    guide's entries for floor(v × steps) - 1 and + 2 (a step to spare for rounding),
    and a binary search between them finds its entry.
    """
    j = int(v * steps)
    lo = guide[max(j - 1, 0)]
    hi = guide[min(j + 2, len(guide) - 1)]
    while lo < hi:
        mid = (lo + hi) >> 1
        if flat[mid] <= v:
            lo = mid + 1
        else:
            hi = mid
    return lo


@njit(cache=True, nogil=True)
def _grown(values):
    """`values` copied into an array twice as long."""
    grown = np.empty(2 * len(values), values.dtype)
    grown[: len(values)] = values
    return grown
