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
def age_regions(flat, regions, bounds, stay, up, rest, count):  # pragma: no cover - compiled
    """`flat[a:b] = flat[a:b] @ M[r]` for each region r's rows a:b, in place.

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
        for r in range(bounds[i], bounds[i + 1]):
            row = flat[r]
            out[0] = row[0] * stay[m, 0]
            for j in range(1, width):
                out[j] = row[j - 1] * up[m, j] + row[j] * stay[m, j]
            for e in range(count[m]):
                out[int(rest[m, e, 1])] += row[int(rest[m, e, 0])] * rest[m, e, 2]
            row[:] = out
