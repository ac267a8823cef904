"""Compiled steps of a queue's year: adding applications, serving them within the quotas, settling.

A queue's table is at most about a dozen rows (years and kinds of application) by a
thousand person types, and serving it was some fifty NumPy calls on small arrays a
year. These kernels do the same arithmetic in one pass each, adding every sum in the
order NumPy added it (`kernels.pairwise_sum` where NumPy sums pairwise), so a run's
numbers stay the same to the last bit.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from confed.simulate.kernels import pairwise_sum


@njit(cache=True)
def demand_of(counts, columns):  # pragma: no cover - compiled
    """Each row's applicants over `columns`: `counts[:, columns].sum(axis=1)`, bit for bit.

    NumPy lays a gathered copy of several rows out column by column, so it adds each
    row's values one after the other; a single row it adds pairwise.
    """
    n_rows = counts.shape[0]
    demand = np.zeros(n_rows)
    if n_rows == 1:
        demand[0] = pairwise_sum(gather(counts[0], columns))
        return demand
    for j in range(len(columns)):
        for r in range(n_rows):
            demand[r] += counts[r, columns[j]]
    return demand


@njit(cache=True)
def gather(values, index):  # pragma: no cover - compiled
    """`values[index]`, a contiguous copy."""
    out = np.empty(len(index))
    for i in range(len(index)):
        out[i] = values[index[i]]
    return out


@njit(cache=True)
def given_by_quota(demand, room, lottery):  # pragma: no cover - compiled
    """Places a quota with `room` gives each row's `demand`, in order or by lottery.

    In order (`queue`), the oldest rows first, each taking what the rows before it
    left; by lottery, every row the same share of its demand.
    """
    if lottery:
        total = pairwise_sum(demand)
        if total == 0.0:
            return demand.copy()
        share = room / total
        if not share < 1.0:  # Python's min(1.0, share)
            share = 1.0
        given = np.empty(len(demand))
        for r in range(len(demand)):
            given[r] = demand[r] * share
        return given
    given = np.empty(len(demand))
    running = 0.0  # np.cumsum(demand), which starts from the first row's demand
    for r in range(len(demand)):
        running = running + demand[r] if r else demand[r]
        left = room - (running - demand[r])  # np.clip(room - before, 0.0, demand)
        left = left if left > 0.0 else 0.0
        given[r] = left if left < demand[r] else demand[r]
    return given


@njit(cache=True)
def serve_table(
    counts, column, ration_columns, ration_bounds, rooms, lottery, row_kind, n_kinds, types,
    n_types, whole,
):  # pragma: no cover - compiled  # fmt: skip
    """Places given to each row and type of a queue's table within every quota's room.

    `column[c]` is column c's code: 0 barred, 1 free, 2 + q rationed by quota q, whose
    columns are `ration_columns[ration_bounds[q]:ration_bounds[q + 1]]`, with `rooms[q]`
    places, given by lottery where `lottery[q]`. Returns the places per row and column,
    their sums per kind of row (`row_kind`, row by row) and those sums per person type
    (`types`: the columns' types), floored to whole people where `whole`.
    """
    n_rows, n_columns = counts.shape
    share = np.zeros((n_rows, len(rooms) + 2))
    for r in range(n_rows):
        share[r, 1] = 1.0
    for q in range(len(rooms)):
        demand = demand_of(counts, ration_columns[ration_bounds[q] : ration_bounds[q + 1]])
        given = given_by_quota(demand, rooms[q], lottery[q])
        for r in range(n_rows):
            if given[r] > 0.0:
                share[r, q + 2] = given[r] / demand[r]
    served = np.empty((n_rows, n_columns))
    for r in range(n_rows):
        for c in range(n_columns):
            served[r, c] = counts[r, c] * share[r, column[c]]
    offered = kind_sums(served, row_kind, n_kinds)
    wanted = np.zeros((n_kinds, n_types))
    for k in range(n_kinds):
        for c in range(n_columns):
            wanted[k, types[c]] = np.floor(offered[k, c] + 1e-9) if whole else offered[k, c]
    return served, offered, wanted


@njit(cache=True)
def settle_rows(
    counts, served, offered, rows, column_of, moved_types, moved_counts,
    ration_columns, ration_bounds,
):  # pragma: no cover - compiled  # fmt: skip
    """Take those of `rows` who moved out of the table, as they were served; who moved.

    `moved_counts` of each of `moved_types` moved (`column_of`: each type's column),
    summed per column as `np.bincount` sums them. Each served row and column gives up
    its share of what moved; the table is changed in place. Returns, per quota, how
    many moved under it (`moved[columns].sum()`) and whether any did.
    """
    n_rows, n_columns = counts.shape
    moved = np.zeros(n_columns)
    for i in range(len(moved_types)):
        moved[column_of[moved_types[i]]] += moved_counts[i]
    ratio = np.zeros(n_columns)
    for c in range(n_columns):
        if offered[c] > 0.0:
            ratio[c] = min(moved[c] / offered[c], 1.0)
    for r in range(n_rows):
        if rows[r]:
            for c in range(n_columns):
                left = counts[r, c] - served[r, c] * ratio[c]
                counts[r, c] = left if left >= 0.0 else 0.0
    n_quotas = len(ration_bounds) - 1
    people = np.zeros(n_quotas)
    under = np.zeros(n_quotas, np.bool_)
    for q in range(n_quotas):
        some = gather(moved, ration_columns[ration_bounds[q] : ration_bounds[q + 1]])
        for i in range(len(some)):
            under[q] = under[q] or some[i] > 0.0
        people[q] = pairwise_sum(some)
    return people, under


@njit(cache=True)
def kind_sums(table, row_kind, n_kinds):  # pragma: no cover - compiled
    """Per kind k, `table[row_kind == k].sum(axis=0)`, bit for bit.

    NumPy adds the rows one after the other, unless the table has a single column,
    which it adds pairwise.
    """
    n_rows, n_columns = table.shape
    out = np.zeros((n_kinds, n_columns))
    if n_columns == 1:
        for k in range(n_kinds):
            column = np.empty(n_rows)
            n = 0
            for r in range(n_rows):
                if row_kind[r] == k:
                    column[n] = table[r, 0]
                    n += 1
            out[k, 0] = pairwise_sum(column[:n])
        return out
    for r in range(n_rows):
        for c in range(n_columns):
            out[row_kind[r], c] += table[r, c]
    return out


@njit(cache=True)
def waiting_of(counts, rows, column_of, types):  # pragma: no cover - compiled
    """Applicants of `rows` waiting per type of `types` (0 where a type has no column).

    Each type's `rows` are added one after the other, as `sum(axis=0)` adds them.
    """
    out = np.zeros(len(types))
    for i in range(len(types)):
        c = column_of[types[i]]
        if c >= 0:
            for r in range(counts.shape[0]):
                if rows[r]:
                    out[i] += counts[r, c]
    return out


@njit(cache=True)
def add_row(table, queue_types, column_of, types, counts):  # pragma: no cover - compiled
    """The table with a row of `counts` of each of `types` after its rows, and its types.

    Types with no one applying are left out; types new to the queue get the next
    columns, in the order given (`column_of` is updated), empty in the rows before.
    """
    n_rows, n_columns = table.shape
    n_new = 0
    for i in range(len(types)):
        if counts[i] > 0.0 and column_of[types[i]] < 0:
            column_of[types[i]] = n_columns + n_new
            n_new += 1
    grown = np.zeros((n_rows + 1, n_columns + n_new))
    for r in range(n_rows):
        for c in range(n_columns):
            grown[r, c] = table[r, c]
    all_types = np.empty(n_columns + n_new, queue_types.dtype)
    for c in range(n_columns):
        all_types[c] = queue_types[c]
    for i in range(len(types)):
        if counts[i] > 0.0:
            c = column_of[types[i]]
            grown[n_rows, c] = counts[i]
            if c >= n_columns:
                all_types[c] = types[i]
    return grown, all_types


@njit(cache=True)
def rationing(codes, n_quotas):  # pragma: no cover - compiled
    """The quotas rationing a queue's columns, each column's code, and each quota's columns.

    `codes` are the columns' `QuotaBook.quota_of_types` codes (BARRED -2, FREE -1, or
    a quota). Returns the quotas present, ascending; each column's code for
    `serve_table` (0 barred, 1 free, 2 + the quota's place among those present); and
    the columns of each present quota, ascending, as (columns, bounds).
    """
    n_of = np.zeros(n_quotas, np.int64)
    for c in codes:
        if c >= 0:
            n_of[c] += 1
    place = np.empty(n_quotas, np.int64)
    n_present = 0
    for q in range(n_quotas):
        place[q] = n_present
        if n_of[q] > 0:
            n_present += 1
    quotas = np.empty(n_present, np.int64)
    bounds = np.zeros(n_present + 1, np.int64)
    for q in range(n_quotas):
        if n_of[q]:
            quotas[place[q]] = q
            bounds[place[q] + 1] = bounds[place[q]] + n_of[q]
    column = np.empty(len(codes), np.int64)
    columns = np.empty(bounds[n_present], np.int64)
    filled = np.empty(n_present, np.int64)
    for i in range(n_present):
        filled[i] = bounds[i]
    for j in range(len(codes)):
        if codes[j] >= 0:
            column[j] = place[codes[j]] + 2
            columns[filled[place[codes[j]]]] = j
            filled[place[codes[j]]] += 1
        else:
            column[j] = codes[j] + 2
    return quotas, column, columns, bounds
