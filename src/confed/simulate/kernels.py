"""Compiled loops over a cohort run's columns (numba), where NumPy needs many calls.

A cohort year is a few hundred operations over arrays of a few thousand rows of 34
counts; as NumPy calls each costs its own pass and its own temporaries, so the year
is bound by call overhead and memory traffic rather than arithmetic. These kernels
do one pass each over the same columns (small integer codes, rows of counts). Random
draws go through the run's own `np.random.Generator`, whose numba implementation
draws the same numbers as NumPy's (tests/test_kernels.py), so a run's stream is the
same as with the NumPy calls. Compiled once and cached on disk (`cache=True`).
"""

from __future__ import annotations

import numpy as np
from numba import njit


def banded(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A stack of square matrices split as their diagonal, the diagonal above it, and the rest.

    Per matrix m: `stay[m, j]` = M[j, j], `up[m, j]` = M[j - 1, j] (0 for j = 0), and
    the other nonzeros as (input, output, value) rows of `rest[m, :count[m]]`, so
    `age_regions` can compute any matrix of this shape; the cohort step's has only
    its births there (the fertile bands into each sex's first band).
    """
    n_matrices, size, _ = matrix.shape
    stay = np.ascontiguousarray(np.diagonal(matrix, axis1=1, axis2=2))
    up = np.zeros((n_matrices, size))
    up[:, 1:] = np.diagonal(matrix, offset=1, axis1=1, axis2=2)
    other = matrix.copy()
    band = np.eye(size, dtype=bool) | np.eye(size, k=1, dtype=bool)
    other[:, band] = 0.0
    count = (other != 0).sum(axis=(1, 2))
    rest = np.zeros((n_matrices, max(int(count.max()), 1), 3))
    for m in range(n_matrices):
        i, j = np.nonzero(other[m])
        rest[m, : len(i)] = np.column_stack([i, j, other[m, i, j]])
    return stay, up, rest, count.astype(np.int64)


@njit(cache=True)
def row_sum(row):  # pragma: no cover - compiled
    """The sum of a row of counts, in four running sums combined at the end.

    One running sum makes each addition wait for the last (a chain of 34); four
    independent ones let the processor overlap them. Only the order of the sum changes.
    """
    a0 = a1 = a2 = a3 = 0.0
    j = 0
    while j + 4 <= len(row):
        a0 += row[j]
        a1 += row[j + 1]
        a2 += row[j + 2]
        a3 += row[j + 3]
        j += 4
    while j < len(row):
        a0 += row[j]
        j += 1
    return (a0 + a1) + (a2 + a3)


@njit(cache=True)
def pairwise_sum(values):  # pragma: no cover - compiled
    """`np.sum(values)` of a contiguous 1-D float array, bit for bit: NumPy's order of additions.

    NumPy's `pairwise_sum` (numpy/_core/src/umath/loops_utils.h.src) splits a run of
    over 128 values in two (at a multiple of 8), sums each half alike and adds them;
    shorter runs are `_pairwise_block`s. The halves are walked with a stack (numba
    cannot cache a recursive kernel), and the sum is added onto NumPy's identity, 0.0.
    """
    n = len(values)
    if n <= 128:
        return 0.0 + _pairwise_block(values, 0, n)
    start, size = np.empty(128, np.int64), np.empty(128, np.int64)  # runs to do; size -1: add
    done = np.empty(128)  # sums of runs done, awaiting their pair
    start[0], size[0] = 0, n
    n_todo, n_done = 1, 0
    while n_todo:
        n_todo -= 1
        s, m = start[n_todo], size[n_todo]
        if m < 0:
            done[n_done - 2] = done[n_done - 2] + done[n_done - 1]
            n_done -= 1
        elif m <= 128:
            done[n_done] = _pairwise_block(values, s, m)
            n_done += 1
        else:  # the first half, then the second, then their sum
            half = m // 2 - (m // 2) % 8
            start[n_todo], size[n_todo] = 0, -1
            start[n_todo + 1], size[n_todo + 1] = s + half, m - half
            start[n_todo + 2], size[n_todo + 2] = s, half
            n_todo += 3
    return 0.0 + done[0]


@njit(cache=True)
def _pairwise_block(a, start, n):  # pragma: no cover - compiled
    """NumPy's pairwise sum of a run `a[start:start + n]` of at most 128 values.

    Under 8 values a plain loop from -0.0; otherwise eight running sums combined in
    pairs, then the values past the last multiple of 8.
    """
    if n < 8:
        res = -0.0
        for i in range(start, start + n):
            res += a[i]
        return res
    r0, r1, r2, r3 = a[start], a[start + 1], a[start + 2], a[start + 3]
    r4, r5, r6, r7 = a[start + 4], a[start + 5], a[start + 6], a[start + 7]
    i = start + 8
    end = start + n - n % 8
    while i < end:
        r0 += a[i]
        r1 += a[i + 1]
        r2 += a[i + 2]
        r3 += a[i + 3]
        r4 += a[i + 4]
        r5 += a[i + 5]
        r6 += a[i + 6]
        r7 += a[i + 7]
        i += 8
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < start + n:
        res += a[i]
        i += 1
    return res


@njit(cache=True)
def row_dot(row, weight):  # pragma: no cover - compiled
    """`row @ weight` for one row of counts, in four running sums as `row_sum`."""
    a0 = a1 = a2 = a3 = 0.0
    j = 0
    while j + 4 <= len(row):
        a0 += row[j] * weight[j]
        a1 += row[j + 1] * weight[j + 1]
        a2 += row[j + 2] * weight[j + 2]
        a3 += row[j + 3] * weight[j + 3]
        j += 4
    while j < len(row):
        a0 += row[j] * weight[j]
        j += 1
    return (a0 + a1) + (a2 + a3)


@njit(cache=True)
def binomial(rng, n, p, memo):  # pragma: no cover - compiled
    """`rng.binomial(n, p)`: the same number, taking the same random numbers from `rng`.

    NumPy (and numba's port of it) draws a small mean (p ≤ 1/2 and n·p ≤ 30: most of a
    run's draws) by inversion, computing log(1 - p) afresh for each draw; a run's
    choices recur with a few values of p, so `memo` keeps the last p, 1 - p and
    log(1 - p). The inversion is NumPy's `random_binomial_inversion`, operation for
    operation, so each draw is bit for bit NumPy's; other draws are `rng.binomial`'s.
    """
    if n == 0 or p == 0.0:
        return 0
    if p > 0.5 or p * n > 30.0:
        return rng.binomial(n, p)
    if memo[0] != p:
        memo[0], memo[1], memo[2] = p, 1.0 - p, np.log(1.0 - p)
    q, log_q = memo[1], memo[2]
    qn = np.exp(n * log_q)
    mean = n * p
    bound = min(n, mean + 10.0 * np.sqrt(mean * q + 1))
    x = 0
    px = qn
    u = rng.random()
    while u > px:
        x += 1
        if x > bound:
            x = 0
            px = qn
            u = rng.random()
        else:
            u -= px
            px = ((n - x + 1) * p * px) / (x * q)
    return x


@njit(cache=True)
def age_regions(flat, sizes, regions, bounds, stay, up, rest, count):  # pragma: no cover
    """`flat[a:b] = flat[a:b] @ M[r]` for each region r's rows a:b, in place, with their sizes.

    The cohort step's matrix has 80 nonzeros of 34 × 34 (`banded`: survival along
    the bands on the diagonal, ageing into the next band above it, births into the
    first band in the rest), so each row costs a pass over its 34 counts and the
    births, not the 1,156 products of the dense matrix. `regions[i]` holds rows
    `bounds[i]:bounds[i + 1]`.
    """
    width = flat.shape[1]
    out = np.empty(width)
    for i in range(len(regions)):
        m = regions[i]
        on, above, n_rest = stay[m], up[m], count[m]
        source, target = np.empty(n_rest, np.int64), np.empty(n_rest, np.int64)
        for e in range(n_rest):  # the matrix's other entries, as indices once per slice
            source[e], target[e] = int(rest[m, e, 0]), int(rest[m, e, 1])
        value = rest[m, :n_rest, 2].copy()
        for r in range(bounds[i], bounds[i + 1]):
            row = flat[r]
            out[0] = row[0] * on[0]
            for j in range(1, width):
                out[j] = row[j - 1] * above[j] + row[j] * on[j]
            for e in range(n_rest):
                out[target[e]] += row[source[e]] * value[e]
            for j in range(width):
                row[j] = out[j]
            sizes[r] = row_sum(out)


@njit(cache=True)
def choose_in_order(rng, order, types, sizes, chance):  # pragma: no cover - compiled
    """Rows drawing a choice of probability `chance[type]`, and how many of each choose.

    Rows are visited in `order` (`types[i]` is the type of row `order[i]`, `sizes` are
    per row), so the draws follow that order without a gathered copy of the sizes. A
    row draws a binomial on its rounded size if its chance is positive and it holds
    half a person or more; a certain choice (chance 1) takes the whole row, after the
    same draw as NumPy's (which takes a random number), so the stream is NumPy's.
    """
    units = np.empty(len(types), np.int64)
    k = np.empty(len(types))
    memo = np.array([-1.0, 0.0, 0.0])  # `binomial`'s: no p seen yet
    m = 0
    for i in range(len(types)):
        p = chance[types[i]]
        r = order[i]
        size = sizes[r]
        if p > 0.0 and (size >= 0.5 or (p >= 1.0 and size > 0.0)):
            drawn = binomial(rng, np.int64(np.rint(size)), min(p, 1.0), memo)
            units[m] = r
            k[m] = size if p >= 1.0 else drawn
            m += 1
    return units[:m], k[:m]


@njit(cache=True)
def spread_rows(flat, sizes, units, k, pool, has, start, place, share):  # pragma: no cover
    """Take `k` people out of each row of `units` and split them over their pool's places.

    Movers whose pool has a destination (`has`) are taken out in the order of `units`,
    a row's share k / size of each count taken out in place (its size updated) and
    summed into its pool, so each pool sums its rows in that order (as a stable sort
    by pool would), while the rows are read in the order they were drawn, not pool by
    pool; each pool's sum is then fanned out over its places (`start`, `place`, `share`:
    `destinations.Destinations`). Returns the pools, their summed counts, and each
    destination's pool (an index into the pools), place, share and people; `add_rows`
    adds the counts there.
    """
    width = flat.shape[1]
    column = np.full(len(has), -1, np.int64)  # each pool's row of `pooled`
    for i in range(len(units)):
        if has[pool[i]]:
            column[pool[i]] = 0
    pools = np.flatnonzero(column == 0)
    for q in range(len(pools)):
        column[pools[q]] = q
    pooled = np.zeros((len(pools), width))
    for i in range(len(units)):
        q = column[pool[i]]
        if q >= 0:
            u = units[i]
            frac = min(k[i] / max(sizes[u], 1e-12), 1.0)  # draws on rounded sizes may overshoot
            row, into = flat[u], pooled[q]
            for j in range(width):
                moved = row[j] * frac
                row[j] -= moved
                into[j] += moved
            sizes[u] -= sizes[u] * frac  # nothing left when frac is 1
    n_dest = 0
    for q in range(len(pools)):
        n_dest += start[pools[q] + 1] - start[pools[q]]
    of_pool = np.empty(n_dest, np.int64)
    to_place = np.empty(n_dest, np.int64)
    to_share = np.empty(n_dest)
    people = np.empty(n_dest)
    d = 0
    for q in range(len(pools)):
        total = row_sum(pooled[q])
        for e in range(start[pools[q]], start[pools[q] + 1]):
            of_pool[d] = q
            to_place[d] = place[e]
            to_share[d] = share[e]
            people[d] = total * share[e]
            d += 1
    return pools, pooled, of_pool, to_place, to_share, people


@njit(cache=True)
def rows_of_destinations(row_of, pool_ident, pools, of_pool, place, n_groups):  # pragma: no cover
    """The row of each destination of `spread_rows` (-1 where its identity has none yet).

    A destination's identity is its pool's at place 0 (`pool_ident`) plus its place
    times the groups; `row_of` maps identities to rows. One pass, no temporaries.
    """
    rows = np.empty(len(of_pool), np.int64)
    for d in range(len(of_pool)):
        rows[d] = row_of[pool_ident[pools[of_pool[d]]] + place[d] * n_groups]
    return rows


@njit(cache=True)
def add_rows(flat, sizes, rows, of_pool, pooled, share):  # pragma: no cover - compiled
    """`flat[rows] += pooled[of_pool] * share[:, None]`, each row's size updated (rows distinct).

    A spread's destinations receive their pool's counts times their share, computed
    here rather than kept as a destinations × 34 table until the moves settle. A
    row's size grows by its pool's total times its share, so the row is not summed
    again (the loop over its counts has no running sum to wait on).
    """
    totals = np.empty(len(pooled))
    for q in range(len(pooled)):
        totals[q] = row_sum(pooled[q])
    for i in range(len(rows)):
        row, src, s = flat[rows[i]], pooled[of_pool[i]], share[i]
        for j in range(len(row)):
            row[j] += src[j] * s
        sizes[rows[i]] += totals[of_pool[i]] * s


@njit(cache=True)
def take_in_order(order, types, sizes, wanted, present):  # pragma: no cover - compiled
    """Rows and counts holding `wanted[t]` of each type t's `present[t]` people.

    Rows are visited in `order` (`types[i]` is the type of row `order[i]`). Each row of
    a type gives the same share, wanted / present (at most all of it), of its size.
    """
    units = np.empty(len(types), np.int64)
    k = np.empty(len(types))
    m = 0
    for i in range(len(types)):
        t, r = types[i], order[i]
        if present[t] > 0.0 and sizes[r] > 0.0:
            share = min(wanted[t] / present[t], 1.0)
            if share > 0.0:
                units[m] = r
                k[m] = sizes[r] * share
                m += 1
    return units[:m], k[:m]


@njit(cache=True)
def sum_in_order(order, types, sizes, n_types):  # pragma: no cover - compiled
    """`np.bincount(types, weights=sizes[order], minlength=n_types)` without the gathered copy.

    The rows' sizes are added to their types' sums in `order`, as `bincount` adds them.
    """
    out = np.zeros(n_types)
    for i in range(len(types)):
        out[types[i]] += sizes[order[i]]
    return out


@njit(cache=True)
def sum_by_key(flat, sizes, key, adult_share, n_keys):  # pragma: no cover - compiled
    """People and adults summed per key (occupied type × group) in one pass over the rows.

    Each row adds its size, and its counts weighed by each band's share of adults, to
    its key's sums, in row order (as `np.bincount` adds them).
    """
    everyone = np.zeros(n_keys)
    adults = np.zeros(n_keys)
    for r in range(len(key)):
        everyone[key[r]] += sizes[r]
        adults[key[r]] += row_dot(flat[r], adult_share)
    return everyone, adults


@njit(cache=True)
def sum_slots(values, rows, slot, n_slots):  # pragma: no cover - compiled
    """`np.bincount(slot, weights=values[rows])` for a table of rows × columns, unflattened.

    Each of `rows` adds its columns' values to its slots (`slot[i, g]`), row by row and
    column by column, in the order `bincount` adds the flattened table.
    """
    out = np.zeros(n_slots)
    for i in range(len(rows)):
        for g in range(values.shape[1]):
            out[slot[i, g]] += values[rows[i], g]
    return out
