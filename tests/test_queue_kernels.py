"""A queue's compiled year gives the numbers of the NumPy code it replaced, bit for bit.

`Queue.serve`, `settle` and `waiting` run compiled kernels (`simulate.queue_kernels`)
whose sums must be added in NumPy's order (pairwise, or row by row, as NumPy chose for
each shape), or a run's numbers would change in their last bits. Each is checked here
against the NumPy expressions the queue used before, on random tables of one row to a
dozen, one column to a few thousand, with quotas given in order and by lottery, none,
full, empty or without bound.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from confed.simulate.queue import Queue
from confed.simulate.quotas import BARRED, FREE

N_TYPES = 5000


class Book:
    """The quota book's reads a queue makes: each quota's room and allocation."""

    def __init__(self, rooms, lottery):
        self.rooms, self.lottery = rooms, lottery
        self.ids = tuple(range(len(rooms)))

    def room(self, q, type_sizes):
        return self.rooms[q]

    def quota(self, q):
        return SimpleNamespace(allocation="lottery" if self.lottery[q] else "queue")


def numpy_serve(queue, book, quota_of, whole):
    """`Queue.serve` as NumPy calls (the code the kernel replaced); also each row's places."""
    codes = quota_of[queue.types]
    quotas = np.unique(codes[codes >= 0])
    column = np.searchsorted(quotas, codes) + 2
    column[codes < 0] = codes[codes < 0] - BARRED
    share = np.zeros((len(queue), len(quotas) + 2))
    share[:, FREE - BARRED] = 1.0
    for i, q in enumerate(quotas.tolist()):
        demand = queue.counts[:, np.flatnonzero(codes == q)].sum(axis=1)
        room = book.room(q, None)
        if book.quota(q).allocation == "lottery":
            given = demand * min(1.0, room / demand.sum()) if demand.sum() else demand
        else:
            before = np.cumsum(demand) - demand
            given = np.clip(room - before, 0.0, demand)
        share[:, i + 2] = np.divide(given, demand, out=np.zeros(len(queue)), where=given > 0)
    served = queue.counts * share[:, column]
    out = {}
    for kind in dict.fromkeys(queue.kinds):
        wanted = np.zeros(queue.n_types)
        wanted[queue.types] = served[rows_of(queue, kind)].sum(axis=0)
        out[kind] = np.floor(wanted + 1e-9) if whole else wanted
    return served, out


def numpy_settle(queue, served, quota_of, kind, types, counts):
    """`Queue.settle` as NumPy calls: the table left, and the people admitted per quota."""
    left = queue.counts.copy()
    rows = rows_of(queue, kind)
    moved = np.bincount(queue._column[types], weights=counts, minlength=len(queue.types))
    offered = served[rows].sum(axis=0)
    ratio = np.divide(moved, offered, out=np.zeros_like(offered), where=offered > 0)
    left[rows] = np.maximum(left[rows] - served[rows] * np.minimum(ratio, 1.0), 0.0)
    codes = quota_of[queue.types]
    admitted = []
    for q in np.unique(codes[codes >= 0]).tolist():
        under = moved[np.flatnonzero(codes == q)]
        if (under > 0).any():
            admitted.append((q, float(under.sum())))
    return left, admitted


def rows_of(queue, kind):
    return np.array([k == kind for k in queue.kinds], dtype=bool)


def random_queue(rng, n_rows, n_columns):
    """A queue of `n_rows` years of applications by `n_columns` types, some cells empty."""
    queue = Queue(N_TYPES)
    applying = rng.choice(N_TYPES, n_columns + n_columns // 2, replace=False)
    for _ in range(n_rows):
        types = rng.choice(applying, n_columns, replace=False)
        counts = rng.gamma(0.5, 300.0, n_columns) * (rng.random(n_columns) < 0.8)
        counts[0] = max(counts[0], 1.0)  # the row is added
        queue.apply(rng.choice(["return", "cross"]), types, counts)
    return queue


def random_quotas(rng, n_quotas):
    """Each type's quota (some free, some barred) and each quota's room and allocation."""
    quota_of = rng.integers(-2, n_quotas, N_TYPES) if n_quotas else rng.integers(-2, 0, N_TYPES)
    rooms = rng.choice([0.0, 1.0, 1e3, 1e5, np.inf], n_quotas) * rng.random(n_quotas)
    rooms[np.isnan(rooms)] = np.inf
    return quota_of, Book(rooms.tolist(), (rng.random(n_quotas) < 0.4).tolist())


@pytest.mark.parametrize(
    ("n_rows", "n_columns", "n_quotas"),
    [(1, 1, 1), (1, 40, 3), (1, 3000, 2), (3, 1, 1), (12, 1, 1), (20, 1, 2), (5, 9, 0), (7, 130, 4),
     (12, 1000, 6), (2, 2500, 1)],
)  # fmt: skip
@pytest.mark.parametrize("whole", [False, True])
def test_a_served_and_settled_queue_is_numpys_to_the_last_bit(n_rows, n_columns, n_quotas, whole):
    rng = np.random.default_rng(n_rows * 1000 + n_columns + n_quotas + whole)
    for _ in range(5):
        queue = random_queue(rng, n_rows, n_columns)
        quota_of, book = random_quotas(rng, n_quotas)
        served, wanted = numpy_serve(queue, book, quota_of, whole)
        got = queue.serve(book, quota_of, None, whole)
        assert list(got) == list(wanted)
        for kind in got:
            assert np.array_equal(got[kind], wanted[kind])
        for kind in got:
            taken = np.flatnonzero(wanted[kind])
            k = wanted[kind][taken] * rng.choice([1.0, 0.5, 0.0], len(taken))
            left, admitted = numpy_settle(queue, served, quota_of, kind, taken, k)
            assert queue.settle(kind, taken, k) == admitted
            assert np.array_equal(queue.counts, left)


def test_a_queue_in_a_year_of_lotteries_with_no_one_in_them_gives_no_places():
    queue = Queue(N_TYPES)
    queue.apply("return", np.array([3, 4]), np.array([5.0, 6.0]))
    queue.counts[:] = 0.0
    book = Book([10.0], [True])
    got = queue.serve(book, np.zeros(N_TYPES, np.int64), None, False)
    assert not got["return"].any()
    assert queue.settle("return", np.zeros(0, np.int64), np.zeros(0)) == []


def test_those_waiting_are_numpys_row_by_row_sums():
    rng = np.random.default_rng(5)
    for n_rows, n_columns in ((0, 0), (1, 30), (12, 1), (9, 800)):
        queue = Queue(N_TYPES)
        if n_rows:
            queue = random_queue(rng, n_rows, n_columns)
        types = rng.integers(0, N_TYPES, 2000)
        for kind in ("return", "cross"):
            want = np.zeros(len(queue.types) + 1)
            for row in np.flatnonzero(rows_of(queue, kind)):
                want[:-1] += queue.counts[row]
            assert np.array_equal(queue.waiting(kind, types), want[queue._column[types]])


def test_applications_add_the_rows_and_columns_numpy_added():
    rng = np.random.default_rng(6)
    queue = Queue(N_TYPES)
    table, columns, column_of = np.zeros((0, 0)), np.zeros(0, np.intp), np.full(N_TYPES, -1)
    for n in (0, 1, 700, 3, 0, 1100, 40):
        types = rng.choice(N_TYPES, n, replace=False)
        counts = rng.gamma(0.5, 300.0, n) * (rng.random(n) < 0.7)
        queue.apply("cross", types, counts)
        types = types[counts > 0]  # as `Queue.apply` did in NumPy calls
        if len(types):
            new = types[column_of[types] < 0]
            column_of[new] = np.arange(len(columns), len(columns) + len(new))
            columns = np.concatenate([columns, new])
            table = np.hstack([table, np.zeros((len(table), len(new)))])
            row = np.zeros((1, len(columns)))
            row[0, column_of[types]] = counts[counts > 0]
            table = np.concatenate([table, row])
        assert np.array_equal(queue.counts, table)
        assert np.array_equal(queue.types, columns)
        assert np.array_equal(queue._column, column_of)
    assert len(queue) == len(table)
