"""Where a spread's movers go: each pool's places and shares of a weights table, built once.

A weights table (pool × place, `state.POOLS`) is read by many moves of many runs, so
it becomes each pool's positive places and their shares once (`destinations`), and the
spreading kernels read those lists instead of the table.
"""

from __future__ import annotations

import numpy as np

from confed.simulate.kept import kept_for

_DESTINATIONS: dict = {}


def destinations(weights: np.ndarray) -> Destinations:
    """The destinations of a weights table, built once (tables recur by phase and by run).

    The movers' tables are themselves kept between runs (`moves._run_tables`); about
    2 MB each, so few are kept.
    """
    return kept_for(_DESTINATIONS, (weights,), lambda: Destinations.build(weights), limit=32)


class Destinations:
    """A weights table (pool × place) as each pool's places and shares, the shares summing to 1."""

    def __init__(self, start: np.ndarray, place: np.ndarray, share: np.ndarray):
        self.start, self.place, self.share = start, place, share
        self.has = start[1:] > start[:-1]
        """Per pool: has somewhere to go (a positive weight)."""

    @classmethod
    def build(cls, weights: np.ndarray) -> Destinations:
        """Each pool's row of `weights` over its sum, kept where it is positive."""
        total = (weights @ np.ones(weights.shape[1]))[:, None]
        share = np.divide(weights, total, out=np.zeros(weights.shape), where=total > 0)
        pool, place = np.nonzero(share)
        start = np.searchsorted(pool, np.arange(len(weights) + 1))
        return cls(start, place, share[pool, place])
