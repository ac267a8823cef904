"""Compiled moves of a cohort year: a draw or a take and the spread it leads to, in one call.

Each move of a year was a kernel to draw or take its movers, Python in between, then a
kernel to spread them; passing the run's generator to a kernel alone costs about 30 µs.
These kernels chain the steps of `simulate.kernels` in one call with the same draws, in
the same order, so the run's stream and its numbers are as with the separate calls.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from confed.simulate.kernels import (
    binomial,
    choose_in_order,
    rows_of_destinations,
    spread_rows,
    take_in_order,
)


@njit(cache=True)
def choose_and_spread(
    rng, order, types, flat, sizes, chance, prior, status, group, n_statuses, n_groups, row_of,
    pool_ident, *d
):  # pragma: no cover - compiled  # fmt: skip
    """`choose_in_order`, then `spread_rows` of the rows drawing anyone, each keeping its status.

    One call for a move whose choosers all go by one weights table (`d`: its `has`,
    `start`, `place`, `share`), with the draws and the spread of the two calls;
    returns the destinations' rows (`rows_of_destinations`), then what `spread_rows`
    returns.
    """
    units, k = choose_in_order(rng, order, types, sizes, chance)
    moving = k > 0  # rows drawing nobody stay as they are
    pool = pools_of(units[moving], -1, prior, status, group, n_statuses, n_groups)
    pools, pooled, of_pool, place, share, people = spread_rows(
        flat, sizes, units[moving], k[moving], pool, *d
    )
    rows = rows_of_destinations(row_of, pool_ident, pools, of_pool, place, n_groups)
    return rows, pools, pooled, of_pool, place, share, people


@njit(cache=True)
def take_and_spread(
    order, types, flat, sizes, wanted, present, new_status, prior, status, group, n_statuses,
    n_groups, row_of, pool_ident, *d
):  # pragma: no cover - compiled  # fmt: skip
    """`take_in_order`, then `spread_rows` of those taken, with status `new_status` (-1: kept).

    One call for serving a queue's applicants by one weights table (`d`: its `has`,
    `start`, `place`, `share`); returns the rows and counts taken, then what
    `choose_and_spread` returns.
    """
    units, k = take_in_order(order, types, sizes, wanted, present)
    moving = k > 0
    pool = pools_of(units[moving], new_status, prior, status, group, n_statuses, n_groups)
    pools, pooled, of_pool, place, share, people = spread_rows(
        flat, sizes, units[moving], k[moving], pool, *d
    )
    rows = rows_of_destinations(row_of, pool_ident, pools, of_pool, place, n_groups)
    return units, k, rows, pools, pooled, of_pool, place, share, people


@njit(cache=True)
def pools_of(units, new_status, prior, status, group, n_statuses, n_groups):  # pragma: no cover
    """The pool (`state.POOLS`) of each unit's prior citizenship, status and group.

    The status is `new_status`, or the unit's own where that is -1.
    """
    pool = np.empty(len(units), np.int64)
    for i in range(len(units)):
        u = units[i]
        s = np.int64(status[u]) if new_status < 0 else np.int64(new_status)
        pool[i] = (np.int64(prior[u]) * n_statuses + s) * n_groups + group[u]
    return pool


@njit(cache=True)
def draw_applicants(rng, types, chance, sizes, waiting):  # pragma: no cover - compiled
    """New applicants among `types`: a binomial of `chance` on those free to apply, per entry.

    An entry's free people are its type's rounded size less those of it already
    waiting (`waiting`, per entry). Entries with no chance, under half a person or
    nobody free draw nothing (a binomial of nobody takes no random number), so the
    draws are those of `rng.binomial` over the others' arrays, in order; a year's
    applications to every queue are drawn in one call, one list after the other.
    Returns the entries drawing (indices into `types`, ascending) and how many of each apply.
    """
    drawn = np.empty(len(types), np.int64)
    counts = np.empty(len(types))
    memo = np.array([-1.0, 0.0, 0.0])  # `binomial`'s: no p seen yet
    m = 0
    for i in range(len(types)):
        p, size = chance[i], sizes[types[i]]
        if p > 0.0 and size >= 0.5:
            free = np.int64(np.rint(max(size - waiting[i], 0.0)))
            if free > 0:
                drawn[m] = i
                counts[m] = binomial(rng, free, p, memo)
                m += 1
    return drawn[:m], counts[:m]
