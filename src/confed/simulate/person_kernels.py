"""Person mode's compiled loops (numba): one pass over the rows where NumPy makes many.

Each kernel walks the existing columns (small integer codes) once and does what a
series of NumPy calls did over temporaries of every row: a year's bytes compared and
bands aged, a move's columns and counts updated, a choice's candidates drawn and
thinned. Kernels that draw take the run's `np.random.Generator` and draw from its bit
generator, so a seed gives the same numbers serially, in forked workers and on Dask
workers. Compiled on first call and cached on disk (`cache=True`).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def age_block(first, second, slot, band, event_top, age_top, last, cross_lo, cross_span, found):
    """Compare one block's bytes with its rows' thresholds; age the rows that age.

    `first` (event bytes) and `second` (ageing bytes) belong to the rows whose `slot`
    and `band` are given (views of the columns, written in place). Writes into the
    columns of `found` (5 × block): rows whose first byte is at most their slot's
    event threshold top byte, those bytes and the slots before ageing; then the aged
    rows whose second byte equals the ageing threshold's top byte (24 more bits
    decide), and the aged rows whose band leaves [cross_lo, cross_lo + cross_span]
    (their adult class changes). Returns how many rows of each of the three lists.
    """
    # three loops, each simple enough to run at a few cycles a row; a combined loop
    # ran two to three times slower (its stores may alias its loads; a fifth of rows
    # branching at random)
    near = 0
    for i in range(len(first)):
        if first[i] <= event_top[slot[i]]:  # a few percent: the branch is mostly foreseen
            found[0, near] = i
            found[1, near] = first[i]
            found[2, near] = slot[i]
            near += 1
    edges = 0
    crossed = 0
    for i in range(len(first)):
        y = second[i]
        b = band[i]
        crossing = ((b - cross_lo) & 0xFF) <= cross_span
        if (y <= age_top) & (b < last) & ((y == age_top) | crossing):  # rare, branch-free test
            if y == age_top:
                found[3, edges] = i
                edges += 1
            if crossing:
                found[4, crossed] = i
                crossed += 1
    for i in range(len(first)):
        up = np.int8((second[i] <= age_top) & (band[i] < last))
        band[i] += up
        slot[i] += up
    return near, edges, crossed


@njit(cache=True, nogil=True)
def move_rows(who, place, status, columns, types, slot, counts, people, region, sizes, adult_class):
    """Write each mover's new place and status, and what follows from them, in one pass.

    `columns` holds the facts' rows (prior, status, place, group, sex, band as int16),
    `types` and `slot` the derived columns; `counts` (people per type) and `people`
    (per type × group × adult class) move each person from the old key to the new.
    `sizes` are the number of statuses, places, groups, sexes and bands.
    """
    n_status, n_places, n_groups, n_sexes, n_bands = sizes
    prior_col, status_col, place_col, group_col, sex_col, band_col = columns
    for i in range(len(who)):
        r = who[i]
        p = place[i]
        s = status[i]
        old = types[r]
        new = (prior_col[r] * n_status + s) * n_places + p
        g = group_col[r]
        b = band_col[r]
        place_col[r] = p
        status_col[r] = s
        types[r] = new
        slot[r] = (region[g, p] * n_sexes + sex_col[r]) * n_bands + b
        counts[old] -= 1
        counts[new] += 1
        a = adult_class[b]
        people[(old * n_groups + g) * n_bands + a] -= 1
        people[(new * n_groups + g) * n_bands + a] += 1


@njit(cache=True, nogil=True)
def chosen_sparse(rng, types, chance, top):
    """Rows each taken with their type's `chance`, via candidates at the top chance.

    Candidates are rows taken with probability `top` (< 1), the gaps between them
    geometric (ceil(E / -log(1 - top)), E standard exponential); a candidate whose
    type's chance is below `top` stays with probability chance / top. The cost is the
    candidates, about top × rows, not the rows. Returns the rows, ascending.
    """
    n = len(types)
    scale = -math.log1p(-top)
    expected = n * top
    out = np.empty(int(expected + 6 * math.sqrt(expected) + 16), np.int64)
    k = 0
    pos = -1
    while True:
        gap = rng.standard_exponential() / scale
        if gap > n - 1 - pos:  # ceil(gap) >= n - pos: past the last row
            break
        pos += max(math.ceil(gap), 1)
        c = chance[types[pos]]
        if c <= 0.0 or (c < top and rng.random() * top >= c):
            continue
        if k == len(out):
            out = _grown(out)
        out[k] = pos
        k += 1
    return out[:k]


@njit(cache=True, nogil=True)
def chosen_dense(rng, types, chance):
    """Rows each taken with their type's `chance`: one uniform per row with a chance.

    For choices whose candidates at the top chance would outnumber the rows with a
    chance at all. Returns the rows, ascending.
    """
    out = np.empty(1024, np.int64)
    k = 0
    for r in range(len(types)):
        c = chance[types[r]]
        if c > 0.0 and rng.random() < c:
            if k == len(out):
                out = _grown(out)
            out[k] = r
            k += 1
    return out[:k]


@njit(cache=True, nogil=True)
def at_most(rng, units, types, drawn, wanted):
    """Keep at most `wanted[t]` of the `units` of each type t, a uniform random subset.

    `drawn` is how many units each type has; a type with more than it wants keeps each
    of its units with probability (still needed) / (still to see) in turn, which picks
    every subset of the wanted size with equal chance (selection sampling). Units of
    other types are all kept. Returns a mask over `units`.
    """
    need = wanted.copy()
    left = drawn.copy()
    keep = np.ones(len(units), np.bool_)
    for i in range(len(units)):
        t = types[i]
        if drawn[t] <= wanted[t]:
            continue
        keep[i] = rng.random() * left[t] < need[t]
        need[t] -= keep[i]
        left[t] -= 1
    return keep


@njit(cache=True, nogil=True)
def guided_search(flat, guide, steps, x):
    """`np.searchsorted(flat, x, side="right")`, each search narrowed by a guide.

    `guide[j]` is the first entry of `flat` above j / steps; a value lies between the
    guide's entries for floor(x × steps) - 1 and + 2 (a step to spare for rounding),
    and a binary search between them finds its entry.
    """
    out = np.empty(len(x), np.int64)
    last = len(guide) - 1
    for i in range(len(x)):
        v = x[i]
        j = int(v * steps)
        lo = guide[max(j - 1, 0)]
        hi = guide[min(j + 2, last)]
        while lo < hi:
            mid = (lo + hi) >> 1
            if flat[mid] <= v:
                lo = mid + 1
            else:
                hi = mid
        out[i] = lo
    return out


@njit(cache=True, nogil=True)
def _grown(values):
    """`values` copied into an array twice as long."""
    grown = np.empty(2 * len(values), values.dtype)
    grown[: len(values)] = values
    return grown
