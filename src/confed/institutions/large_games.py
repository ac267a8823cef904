"""Weighted games too large to count by coalition size: a stated approximation.

Banzhaf and Coleman need no coalition sizes, so they stay exact: the generating
function Π(1 + x^w) in Python integers, a voter removed by exact division.
Shapley–Shubik is SS_i = ∫₀¹ f_i(p) dp, where f_i(p) is the probability that the other
voters' yes-weight lies in [q − w_i, q) when each votes yes with probability p.
f_i is a polynomial of degree ≤ n − 1 and f_i(p) + f_i(1 − p) needs p ≤ 1/2 only
(the no-weight at 1 − p is the yes-weight at p), so Gauss–Legendre with ⌈n/2⌉ nodes
on [0, 1/2] is exact but for rounding. At p ≤ 1/2 removing a voter from
Π((1 − p) + p x^w) is an alternating series with ratio p/(1 − p) ≤ 1, and every
operation is non-negative before it, so the rounding has a bound, which is reported.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

QUADRATURE_BUDGET = 3_000_000_000
"""Most voter × node × degree operations of the quadrature."""
GENERATING_BUDGET = 50_000_000
"""Most big-integer operations (distinct weights × total weight) for exact Banzhaf."""
UNIT = 2.0**-53
"""Unit roundoff of float64."""


def weighted_swings(quota: int, weights: list[int]) -> tuple[list[int], int] | None:
    """Exact Banzhaf swings per voter and winning coalitions, or None if too costly."""
    total = sum(weights)
    if len(set(weights)) * (total + 1) > GENERATING_BUDGET:
        return None
    poly = np.zeros(total + 1, dtype=object)
    poly[0] = 1
    for w in weights:
        poly[w:] = poly[w:] + poly[: total + 1 - w] if w else poly * 2
    winning = int(poly[quota:].sum()) if quota <= total else 0
    per_weight: dict[int, int] = {}
    for w in Counter(weights):
        rest = poly.copy() if w else poly // 2
        for start in range(w, total + 1, w) if w else ():
            stop = min(start + w, total + 1)
            rest[start:stop] = poly[start:stop] - rest[start - w : stop - w]
        per_weight[w] = int(rest[max(0, quota - w) : quota].sum())
    return [per_weight[w] for w in weights], winning


def shapley_shubik_quadrature(quota: int, weights: list[int]) -> tuple[list[float], float] | None:
    """Shapley–Shubik per voter and a bound on each value's error, or None if too costly."""
    n, total = len(weights), sum(weights)
    degrees = max(quota, total - quota + 1) + 1
    nodes = (n + 1) // 2
    if n * nodes * degrees > QUADRATURE_BUDGET:
        return None
    x, w_nodes = np.polynomial.legendre.leggauss(nodes)
    p, dp = (x + 1) / 4, w_nodes / 4  # nodes and weights on [0, 1/2]
    q = 1 - p
    dist = np.zeros((nodes, degrees))
    dist[:, 0] = 1.0
    for w in weights:  # Π((1 - p) + p x^w), degrees above the window dropped
        if w:
            moved = dist[:, : degrees - w] * p[:, None] if w < degrees else None
            dist *= q[:, None]
            if moved is not None:
                dist[:, w:] += moved
    cum = np.concatenate([np.zeros((nodes, 1)), np.cumsum(dist, axis=1)], axis=1)
    powers = (-(p / q))[:, None] ** np.arange(degrees + 1)
    per_weight: dict[int, float] = {}
    longest = 1
    for w in Counter(weights):
        # yes-weight of the others in [quota - w, quota) at p; no-weight there at 1 - p
        total_others = total - w
        windows = [(quota - w, quota), (total_others - quota + 1, total_others - quota + 1 + w)]
        f = np.zeros(nodes)
        for lo, hi in windows:
            value, terms = _window_without(cum, powers, q, w, max(lo, 0), max(hi, 0))
            f += value
            longest = max(longest, terms)
        per_weight[w] = float(dp @ f)
    bound = 2 * longest * (3 * n + degrees + 3) * UNIT + 1e-15
    return [per_weight[w] for w in weights], bound


def _window_without(
    cum: np.ndarray, powers: np.ndarray, q: np.ndarray, w: int, lo: int, hi: int
) -> tuple[np.ndarray, int]:
    """Per node, the mass in [lo, hi) of the product with one factor of weight w removed.

    Dividing by ((1 - p) + p x^w) gives Σ_j (-p/(1 - p))^j x^(jw) / (1 - p), with
    `powers` holding (-p/(1 - p))^j; the terms end where the window falls below 0.
    """
    top = cum.shape[1] - 1
    lo, hi = min(lo, top), min(hi, top)
    if hi <= lo:
        return np.zeros(len(q)), 0
    if w == 0:  # a factor (1 - p) + p = 1
        return cum[:, hi] - cum[:, lo], 1
    j = np.arange(hi // w + 1)
    mass = cum[:, hi - j * w] - cum[:, np.maximum(lo - j * w, 0)]
    return np.einsum("ij,ij->i", mass, powers[:, : len(j)]) / q, len(j)
