"""Person mode's random draws: the same numbers as NumPy's plain calls, at less cost.

Each function here is checked against the NumPy call it replaces
(tests/test_persons_draws.py), so a person run's numbers do not depend on them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


def bernoulli_positions(rng: np.random.Generator, n: int, p: float) -> np.ndarray:
    """Ascending positions in range(n), each taken independently with probability p.

    The gaps between taken positions are geometric, so the cost is the positions taken.
    Positions are summed as floats (exact: whole numbers far below 2**53).
    """
    chunk = int(n * p + 6 * np.sqrt(n * p) + 16)
    gaps = geometric(rng, p, chunk)
    gaps[0] -= 1  # the first position is the first gap less one
    positions = np.cumsum(gaps, out=gaps)
    while positions[-1] < n:  # the chunk fell short (rare): draw on
        more = geometric(rng, p, chunk)
        more[0] += positions[-1]
        positions = np.concatenate([positions, np.cumsum(more, out=more)])
    return positions[: np.searchsorted(positions, n)].astype(np.int64)


def by_type_then(types: np.ndarray, uniform: np.ndarray) -> np.ndarray:
    """`np.lexsort((uniform, types))`: the order by type, then by uniform within a type.

    Sorted as one key, type + uniform, about three times faster; where two keys round
    to the same number (uniforms equal in their first 37 bits, or one next to 1) the
    order could differ, so such rare draws are sorted by the two keys.
    """
    key = types + uniform
    order = np.argsort(key)
    ordered = key[order]
    if np.any(ordered[1:] == ordered[:-1]):
        return np.lexsort((uniform, types))
    return order


def geometric(rng: np.random.Generator, p: float, size: int) -> np.ndarray:
    """`rng.geometric(p, size)` as floats: the same numbers from the same stream.

    For 1e-16 <= p < 1/3 NumPy draws each as ceil(-E / log1p(-p)) with E standard
    exponential, one call per number; drawing the exponentials in one call and
    dividing them as an array is about twice as fast. Other p are NumPy's own draw.
    """
    if not 1e-16 <= p < 1 / 3:
        return rng.geometric(p, size).astype(float)
    gaps = rng.standard_exponential(size)
    gaps /= -math.log1p(-p)  # libm's log1p, as NumPy's draw uses; -E / L is E / -L exactly
    return np.ceil(gaps, out=gaps)


GUIDE = 1 << 14
"""Steps per pool row in a destination table's guide (`GuidedDestinations`): a power of two,
fine enough that a search mostly settles in its first round (a table's guide is 4.7 MB
for 72 pools)."""


@dataclass(frozen=True)
class GuidedDestinations:
    """One place per mover, drawn from their pool's row of `weights`, in one search.

    Each row's cumulative shares are offset by the row's number, so all rows form one
    ascending array and a mover's draw (row + uniform) falls inside their own row. A
    guide (where each step of 1 / GUIDE falls in that array) narrows each draw's search
    to a few entries, so the search reads a few entries instead of 17 levels of a
    binary search over the whole array; the place found is the same.
    """

    weights: np.ndarray  # pools × places, kept to tell the tables of a run apart
    flat: np.ndarray
    guide: np.ndarray  # rows × GUIDE + 2 (int32): the first entry above j / GUIDE, then the end

    @classmethod
    def of(cls, weights: np.ndarray) -> GuidedDestinations:
        """The ascending draw table of `weights`, with its guide."""
        cumulative = np.cumsum(weights, axis=1)
        total = cumulative[:, -1:]
        shares = np.divide(cumulative, total, out=np.ones_like(cumulative), where=total > 0)
        flat = (shares + np.arange(len(weights))[:, None]).reshape(-1)
        # entries up to step j / GUIDE: those whose ceil(entry × GUIDE) <= j (exact: a
        # power of two scales a float exactly)
        steps = len(weights) * GUIDE + 1
        at = np.ceil(flat * GUIDE).astype(np.intp)
        guide = np.cumsum(np.bincount(at, minlength=steps), dtype=np.int32)[:steps]
        return cls(weights, flat, np.append(guide, np.int32(len(flat))))

    def draw(self, rng: np.random.Generator, pool: np.ndarray) -> np.ndarray:
        """A place for each mover of `pool`."""
        n = self.weights.shape[1]
        found = self.search(pool + rng.random(len(pool))) - pool * n
        return np.minimum(found, n - 1)

    def search(self, x: np.ndarray) -> np.ndarray:
        """`np.searchsorted(self.flat, x, side="right")`, narrowed by the guide.

        A value x lies between the guide's steps j - 1 and j + 2 (j = floor(x × GUIDE),
        with a step to spare for rounding), so its entry lies between theirs; the
        search halves those intervals, each round over the values not yet settled.
        """
        j = (x * GUIDE).astype(np.intp)
        lo = self.guide[np.maximum(j - 1, 0)]
        hi = self.guide[np.minimum(j + 2, len(self.guide) - 1)]
        todo = np.flatnonzero(lo < hi)
        while len(todo):
            low, high = lo[todo], hi[todo]
            mid = (low + high) >> 1
            right = self.flat[mid] <= x[todo]
            lo[todo] = np.where(right, mid + 1, low)
            hi[todo] = np.where(right, high, mid)
            todo = todo[lo[todo] < hi[todo]]
        return lo
