"""Person mode's destination draws: the place `searchsorted` would find, at less cost.

The search is checked against NumPy's `searchsorted` (tests/test_persons_draws.py), so
a person run's numbers do not depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from confed.simulate.person_kernels import guided_search

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

    flat: np.ndarray
    guide: np.ndarray  # rows × GUIDE + 2 (int32): the first entry above j / GUIDE, then the end
    has: np.ndarray  # per row (pool): has it a place with a positive weight

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
        has = (weights > 0).any(axis=1)
        return cls(flat, np.append(guide, np.int32(len(flat))), has)

    def parts(self) -> tuple[np.ndarray, np.ndarray, int, np.ndarray]:
        """What a compiled draw reads (`person_kernels.spread_rows`): flat, guide, steps, has.

        A mover of pool p draws a uniform u and goes to the entry `search` finds for
        p + u, less p × places (the last place at most, against rounding).
        """
        return self.flat, self.guide, GUIDE, self.has

    def search(self, x: np.ndarray) -> np.ndarray:
        """`np.searchsorted(self.flat, x, side="right")`, narrowed by the guide.

        A value x lies between the guide's steps j - 1 and j + 2 (j = floor(x × GUIDE),
        with a step to spare for rounding), so its entry lies between theirs; a
        compiled loop (`person_kernels.guided_search`) halves that interval per value.
        """
        return guided_search(self.flat, self.guide, GUIDE, x)
