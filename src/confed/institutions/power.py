"""Exact power indices: Banzhaf, Shapley–Shubik and Coleman's three measures.

Two exact methods share one result type:
- `power_of(game)` enumerates yes-count vectors of a party-structured game (any rule a
  treaty can write, double majorities included); cost is the product of (seats + 1).
- `weighted_power(quota, weights)` uses generating functions with Python integers for
  weighted games of hundreds of voters (Banzhaf and Coleman exact; Shapley–Shubik
  exact up to `EXACT_SS_LIMIT`, floating point beyond).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from math import comb, factorial

import numpy as np

from confed.institutions.game import Game

EXACT_SS_LIMIT = 2_000_000
"""Largest voters × total weight for which Shapley–Shubik is computed in exact integers."""


@dataclass(frozen=True)
class Power:
    """Indices per voter (seat order) and the body's power to act, as exact fractions."""

    banzhaf: list[Fraction]
    banzhaf_absolute: list[Fraction]
    shapley_shubik: list[Fraction | float]
    coleman_act: Fraction
    coleman_prevent: list[Fraction]
    coleman_initiate: list[Fraction]
    swings: list[int]
    winning: int
    voters: int

    def as_json(self, names: list[str] | None = None) -> dict[str, object]:
        """Floats under the documented keys, exact fractions under `exact`."""

        def floats(values: list) -> list[float]:
            return [float(v) for v in values]

        def exact(values: list) -> list[str | None]:
            return [str(v) if isinstance(v, Fraction) else None for v in values]

        out: dict[str, object] = {
            "banzhaf": floats(self.banzhaf),
            "banzhaf_absolute": floats(self.banzhaf_absolute),
            "shapley_shubik": floats(self.shapley_shubik),
            "coleman_act": float(self.coleman_act),
            "coleman_prevent": floats(self.coleman_prevent),
            "coleman_initiate": floats(self.coleman_initiate),
            "exact": {
                "banzhaf": exact(self.banzhaf),
                "banzhaf_absolute": exact(self.banzhaf_absolute),
                "shapley_shubik": exact(self.shapley_shubik),
                "coleman_act": str(self.coleman_act),
                "coleman_prevent": exact(self.coleman_prevent),
                "coleman_initiate": exact(self.coleman_initiate),
            },
        }
        if names is not None:
            out["names"] = names
        return out


def _indices(swings: list[int], ss: list, winning: int, n: int) -> Power:
    total = sum(swings)
    losing = 2**n - winning
    return Power(
        banzhaf=[Fraction(s, total) if total else Fraction(0) for s in swings],
        banzhaf_absolute=[Fraction(s, 2 ** (n - 1)) for s in swings],
        shapley_shubik=ss,
        coleman_act=Fraction(winning, 2**n),
        coleman_prevent=[Fraction(s, winning) if winning else Fraction(0) for s in swings],
        coleman_initiate=[Fraction(s, losing) if losing else Fraction(0) for s in swings],
        swings=swings,
        winning=winning,
        voters=n,
    )


def power_of(game: Game) -> Power:
    """Exact indices of every voter of a party-structured game, in seat order."""
    sizes = game.sizes
    n = game.n
    vectors = game.vectors()
    wins = game.wins(vectors)
    multiplicity = [
        int(np.prod([comb(sizes[j], int(k)) for j, k in enumerate(row)])) for row in vectors
    ]
    winning = sum(m for m, w in zip(multiplicity, wins, strict=True) if w)
    swings_by_party, ss_by_party = [], []
    index = {tuple(int(x) for x in row): i for i, row in enumerate(vectors)}
    for i, size in enumerate(sizes):
        swings, ss = 0, Fraction(0)
        for row in vectors:
            if row[i] >= size:  # the voter's own party: at most size - 1 others vote yes
                continue
            others = tuple(int(x) for x in row)
            with_voter = list(others)
            with_voter[i] += 1
            if wins[index[tuple(with_voter)]] and not wins[index[others]]:
                count = comb(size - 1, others[i])
                for j, k in enumerate(others):
                    if j != i:
                        count *= comb(sizes[j], k)
                s = sum(others)
                swings += count
                ss += Fraction(count * factorial(s) * factorial(n - 1 - s), factorial(n))
        swings_by_party.append(swings)
        ss_by_party.append(ss)
    swings = [swings_by_party[i] for i, size in enumerate(sizes) for _ in range(size)]
    ss_list: list[Fraction | float] = [
        ss_by_party[i] for i, size in enumerate(sizes) for _ in range(size)
    ]
    return _indices(swings, ss_list, winning, n)


def _product_polynomial(weights: list[int], total: int) -> np.ndarray:
    """Coefficients of Π(1 + x^w): how many coalitions have each total weight."""
    poly = np.zeros(total + 1, dtype=object)
    poly[0] = 1
    for w in weights:
        if w:
            poly[w:] = poly[w:] + poly[:-w]
        else:
            poly = poly * 2
    return poly


def _without(poly: np.ndarray, w: int) -> np.ndarray:
    """Divide Π(1 + x^w) by one factor (1 + x^w), blockwise."""
    if w == 0:
        return poly // 2
    out = poly.copy()
    for start in range(w, len(poly), w):
        stop = min(start + w, len(poly))
        out[start:stop] = poly[start:stop] - out[start - w : stop - w]
    return out


def _shapley_shubik_weighted(quota: int, weights: list[int]) -> list[Fraction | float]:
    n, total = len(weights), sum(weights)
    exact = n * total <= EXACT_SS_LIMIT
    dtype = object if exact else np.float64
    # counts[s, k]: coalitions of s voters and total weight k, among all voters
    counts = np.zeros((n + 1, total + 1), dtype=dtype)
    counts[0, 0] = 1
    for w in weights:
        counts[1:, w:] = counts[1:, w:] + counts[:-1, : total + 1 - w]
    out: list[Fraction | float] = []
    cache: dict[int, Fraction | float] = {}
    for w in weights:
        if w not in cache:
            rest = counts.copy()  # remove one voter of weight w: counts of the others
            for s in range(1, n + 1):
                rest[s, w:] = counts[s, w:] - rest[s - 1, : total + 1 - w]
            lo, hi = max(0, quota - w), quota  # others' weight where the voter is pivotal
            value: Fraction | float = Fraction(0) if exact else 0.0
            for s in range(n):
                pivotal = rest[s, lo:hi].sum() if hi > lo else 0
                if exact:
                    value += Fraction(
                        int(pivotal) * factorial(s) * factorial(n - 1 - s), factorial(n)
                    )
                else:
                    value += float(pivotal) * _ss_weight(s, n)
            cache[w] = value
        out.append(cache[w])
    return out


def _ss_weight(s: int, n: int) -> float:
    """s!(n-1-s)!/n! in floating point without overflow."""
    from math import lgamma

    return float(np.exp(lgamma(s + 1) + lgamma(n - s) - lgamma(n + 1)))


def weighted_swings(quota: int, weights: list[int]) -> tuple[list[int], int]:
    """Exact Banzhaf swings per voter and the number of winning coalitions."""
    if quota <= 0:
        raise ValueError("the quota must be positive")
    total = sum(weights)
    poly = _product_polynomial(weights, total)
    winning = int(poly[quota:].sum()) if quota <= total else 0
    per_weight: dict[int, int] = {}
    for w in Counter(weights):
        rest = _without(poly, w)
        lo = max(0, quota - w)
        per_weight[w] = int(rest[lo:quota].sum()) if quota > lo else 0
    return [per_weight[w] for w in weights], winning


def weighted_power(quota: int, weights: list[int]) -> Power:
    """Exact indices of the weighted game [quota; weights] by generating functions."""
    swings, winning = weighted_swings(quota, weights)
    ss = _shapley_shubik_weighted(quota, weights)
    return _indices(swings, ss, winning, len(weights))
