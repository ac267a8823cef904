"""Exact pivot counts for threshold games of any size: weights, and a member count.

A threshold game gives voter i an integer weight w_i; a coalition S wins when
w(S) ≥ τ(|S|), with τ non-increasing in |S|. A plain weighted game has τ = quota;
"15 members comprising 65 % of the population" has τ(c) = 65 % of the population for
c ≥ 15 and no threshold reachable below. Everything a power index needs is, per
distinct weight, N(c): how many coalitions of c *other* voters the voter turns from
losing to winning, and the number of winning coalitions. Three exact methods give
them, chosen by cost: count vectors per weight class (few distinct weights, any
number of voters), meet in the middle (at most `MITM_VOTERS` voters, any weights),
and a (count, weight) table in modular integer arithmetic recovered by the Chinese
remainder theorem (many voters, moderate total weight). All counts are exact integers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from math import comb, prod

import numpy as np

from confed.i18n import N_

ENUMERATION_LIMIT = 500_000
"""Most count vectors of all weight classes but the largest that are enumerated."""
MITM_VOTERS = 36
"""Most voters for meet in the middle (2^(n/2) subsets per half)."""
TABLE_BUDGET = 4_000_000_000
"""Most element operations (moduli × voters × table size) of the modular table."""
TABLE_MEMORY = 400_000_000
"""Most bytes of the modular table (it is held twice while it is transposed)."""


@dataclass(frozen=True)
class PivotCounts:
    """Exact counts per distinct weight: pivots[w][c] coalitions of c others, and W."""

    n: int
    pivots: dict[int, list[int]]
    winning: int
    method: str


def threshold_pivots(weights: list[int], tau: list[int | None]) -> PivotCounts | None:
    """Pivot counts of the game w(S) ≥ τ(|S|) (None: no weight wins), or None if too big."""
    n = len(weights)
    if len(tau) != n + 1:
        raise ValueError("tau needs one threshold per coalition size 0..n")
    classes = Counter(weights)
    largest = max(classes.values(), default=0)
    if prod(m + 1 for m in classes.values()) // (largest + 1) <= ENUMERATION_LIMIT:
        return _by_class_intervals(classes, tau, n)
    if n <= MITM_VOTERS:
        return _meet_in_the_middle(weights, tau)
    return _modular_table(weights, tau)


def _cap(tau: list[int | None], total: int) -> np.ndarray:
    """τ as integers, with 'never' as a weight no coalition reaches."""
    return np.array([total + 1 if t is None else max(t, 0) for t in tau], dtype=np.int64)


def _class_vectors(sizes: list[int]) -> np.ndarray:
    """Every vector of yes-counts per class (rows), for classes of the given sizes."""
    if not sizes:
        return np.zeros((1, 0), dtype=np.int64)
    grids = np.meshgrid(*[np.arange(m + 1) for m in sizes], indexing="ij")
    return np.stack([g.ravel() for g in grids], axis=1)


def _binomials(m: int) -> np.ndarray:
    return np.array([comb(m, k) for k in range(m + 1)], dtype=object)


def _multiplicities(vectors: np.ndarray, sizes: list[int]) -> tuple[list[np.ndarray], np.ndarray]:
    """Binomials per class, and how many coalitions each yes-count vector stands for."""
    tables = [_binomials(m) for m in sizes]
    mult = np.ones(len(vectors), dtype=object)
    for j, table in enumerate(tables):
        mult = mult * table[vectors[:, j]]
    return tables, mult


def _with_one_fewer(mult: np.ndarray, tables: list[np.ndarray], i: int, k: np.ndarray):
    """Multiplicities when class i has one voter fewer (the pivotal voter's own class)."""
    return mult // tables[i][k] * _binomials(len(tables[i]) - 2)[k]


def _losing_prefix(
    weight: np.ndarray,
    size: np.ndarray,
    big: int,
    need: np.ndarray,
    count: int,
    voter: int | None = None,
) -> np.ndarray:
    """Per row, for how many k = 0 … count - 1 the coalition with k more of weight `big` loses.

    With `voter` (a weight), the coalition is counted with that voter joined. The
    coalition loses on a prefix of k (adding members only helps), found by bisection.
    """
    add, step = (0, 0) if voter is None else (voter, 1)
    lo = np.zeros(len(weight), dtype=np.int64)
    hi = np.full(len(weight), count, dtype=np.int64)
    while (lo < hi).any():
        mid = (lo + hi) // 2
        k = np.minimum(mid, count - 1)
        ok = (weight + add + k * big < need[size + k + step]) & (lo < hi)
        lo = np.where(ok, mid + 1, lo)
        hi = np.where(ok | (lo >= hi), hi, mid)
    return lo


def _by_class_intervals(classes: Counter, tau: list[int | None], n: int) -> PivotCounts:
    """Enumerate yes-counts of every class but the largest; solve the largest by intervals.

    For fixed counts of the other classes, adding members of the largest class only
    raises both the size and the weight, so the losing coalitions form a prefix of its
    counts and those the voter turns into winners a suffix: one interval per vector,
    accumulated with a difference array. Exact for any number of voters in few classes.
    """
    order = sorted(classes, key=lambda w: classes[w])
    big, rest = order[-1], order[:-1]
    sizes = [classes[w] for w in rest]
    need = _cap(tau, sum(w * m for w, m in classes.items()))
    vectors = _class_vectors(sizes)
    s0 = vectors.sum(axis=1)
    w0 = vectors @ np.array(rest, dtype=np.int64)
    tables, mult = _multiplicities(vectors, sizes)
    full = _binomials(classes[big])
    first_win = _losing_prefix(w0, s0, big, need, classes[big] + 1)
    suffix = np.concatenate([np.cumsum(full[::-1])[::-1], np.array([0], dtype=object)])
    winning = int((mult * suffix[first_win]).sum())
    pivots: dict[int, list[int]] = {}
    for i, w in enumerate(order):
        if w == big:  # one voter of the largest class: the others hold one fewer
            rows, m_big, own = np.arange(len(vectors)), classes[big] - 1, mult
        else:
            rows = np.flatnonzero(vectors[:, i] < sizes[i])
            own = _with_one_fewer(mult[rows], tables, i, vectors[rows, i])
            m_big = classes[big]
        size, weight = s0[rows], w0[rows]
        loses = _losing_prefix(weight, size, big, need, m_big + 1)
        turns = _losing_prefix(weight, size, big, need, m_big + 1, voter=w)
        live = turns < loses
        span = np.zeros((n + 1, m_big + 2), dtype=object)
        np.add.at(span, (s0[rows][live], turns[live]), own[live])
        np.add.at(span, (s0[rows][live], loses[live]), -own[live])
        span = np.cumsum(span, axis=1)[:, : m_big + 1] * _binomials(m_big)
        per = [0] * n
        for start, row in enumerate(span):
            for j, value in enumerate(row):
                if value and start + j < n:
                    per[start + j] += int(value)
        pivots[w] = per
    return PivotCounts(n, pivots, winning, N_("count vectors per weight class"))


def enumerate_pivots(
    sizes: list[int], wins: Callable[[np.ndarray], np.ndarray]
) -> tuple[list[list[int]], int]:
    """Pivots per class and coalition size, and winning coalitions, over yes-count vectors.

    Voters of a class are interchangeable, so a vector (k_1, …) of yes-counts stands for
    Π C(m_j, k_j) coalitions; a voter of class i is pivotal for the others' vector k when
    k + e_i wins and k loses, counted C(m_i - 1, k_i) Π_{j≠i} C(m_j, k_j) times.
    """
    n = sum(sizes)
    vectors = _class_vectors(sizes)
    count = vectors.sum(axis=1)
    won = np.asarray(wins(vectors), dtype=bool)
    strides = [prod(m + 1 for m in sizes[j + 1 :]) for j in range(len(sizes))]
    tables, mult = _multiplicities(vectors, sizes)
    winning = int(mult[won].sum()) if won.any() else 0
    flat = np.arange(len(vectors))
    out = []
    for i, size in enumerate(sizes):
        rows = flat[vectors[:, i] < size]
        rows = rows[won[rows + strides[i]] & ~won[rows]]
        per = np.zeros(n, dtype=object)
        if len(rows):
            np.add.at(per, count[rows], _with_one_fewer(mult[rows], tables, i, vectors[rows, i]))
        out.append([int(x) for x in per])
    return out, winning


def _subsets(ws: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Size and weight of every subset of `ws`."""
    h = len(ws)
    masks = np.arange(1 << h, dtype=np.int64)
    bits = (masks[:, None] >> np.arange(h)) & 1
    return bits.sum(axis=1), bits @ ws


def _halves(ws: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Subset weights of the two halves, grouped by subset size (the second half sorted)."""
    h = len(ws) // 2
    ca, wa = _subsets(ws[:h])
    cb, wb = _subsets(ws[h:])
    a = [wa[ca == k] for k in range(h + 1)]
    b = [np.sort(wb[cb == k]) for k in range(len(ws) - h + 1)]
    return a, b


def _count_between(b: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> int:
    """Pairs (a, x in b) with lo[a] ≤ x < hi[a]."""
    return int((np.searchsorted(b, hi, "left") - np.searchsorted(b, lo, "left")).sum())


def _meet_in_the_middle(weights: list[int], tau: list[int | None]) -> PivotCounts:
    """Split the voters in two halves; count pairs of half-coalitions by sorted search."""
    n, total = len(weights), sum(weights)
    need = _cap(tau, total)
    inf = np.int64(total + 1)
    all_a, all_b = _halves(np.array(weights, dtype=np.int64))
    winning = 0
    for ka, a in enumerate(all_a):
        for kb, b in enumerate(all_b):
            winning += _count_between(b, need[ka + kb] - a, np.full(len(a), inf))
    pivots: dict[int, list[int]] = {}
    for w in Counter(weights):
        others = list(weights)
        others.remove(w)
        half_a, half_b = _halves(np.array(others, dtype=np.int64))
        per = [0] * n
        for ka, a in enumerate(half_a):
            for kb, b in enumerate(half_b):
                c = ka + kb
                # S loses (w(S) < τ(c)) and S + voter wins (w(S) + w ≥ τ(c + 1))
                lo, hi = need[c + 1] - w - a, np.minimum(need[c], inf) - a
                per[c] += _count_between(b, lo, hi)
        pivots[w] = per
    return PivotCounts(n, pivots, winning, N_("meet in the middle"))


def _primes(count: int) -> list[int]:
    """The `count` largest primes below 2^31 (deterministic Miller–Rabin for 32 bits)."""
    out, candidate = [], (1 << 31) - 1
    while len(out) < count:
        if _is_prime(candidate):
            out.append(candidate)
        candidate -= 2
    return out


def _is_prime(x: int) -> bool:
    d, s = x - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in (2, 3, 5, 7):
        y = pow(a, d, x)
        if y in (1, x - 1):
            continue
        for _ in range(s - 1):
            y = y * y % x
            if y == x - 1:
                break
        else:
            return False
    return True


def table_cost(weights: list[int], tau: list[int | None]) -> tuple[int, int]:
    """Element operations and bytes the modular (count, weight) table would take."""
    n = len(weights)
    cap = int(max((t for t in tau if t is not None), default=0))
    moduli = (n + 2) // 30 + 1
    size = moduli * (n + 1) * max(cap, 1)
    return size * (n // 2 + len(set(weights))), size * 8


def _modular_table(weights: list[int], tau: list[int | None]) -> PivotCounts | None:
    """Count coalitions by (size, weight below the largest threshold) modulo 31-bit primes.

    F[s, x] counts coalitions of s voters with weight below x. Removing one voter of
    weight w divides the generating function by (1 + y x^w), so the others' counts are
    the alternating sums Σ_j (-1)^j F[s - j, x - j w]: exact modulo a prime, unlike the
    floating-point subtraction this replaces. The primes' product exceeds 2^(n+1), more
    than any count, so the residues give the exact integers.
    """
    n, total = len(weights), sum(weights)
    ops, size = table_cost(weights, tau)
    if ops > TABLE_BUDGET or size > TABLE_MEMORY:
        return None
    need = _cap(tau, total)
    cap = max(int(max((t for t in tau if t is not None), default=0)), 1)
    primes = _primes((n + 2) // 30 + 1)
    mod = np.array(primes, dtype=np.int64)[:, None]
    # column x + 1 holds weight x; column 0 stays zero so that cumsum gives "below x"
    rows = np.zeros((n + 1, len(primes), cap + 1), dtype=np.int64)
    rows[0, :, 1] = 1
    for j, w in enumerate(weights, start=1):
        if w < cap:  # a coalition holding a heavier voter is above every threshold
            for s in range(j, 0, -1):  # larger sizes first: each reads the row below
                rows[s, :, 1 + w :] += rows[s - 1, :, 1 : cap + 1 - w]
        if j % 30 == 0:  # each step at most doubles an entry: reduce before 2^63
            rows %= mod
    table = np.ascontiguousarray(rows.transpose(1, 0, 2))
    del rows
    table %= mod[:, :, None]
    np.cumsum(table, axis=2, out=table)
    table %= mod[:, :, None]
    sizes = np.arange(n + 1)
    losing = _crt(table[:, sizes, np.minimum(need, cap)], primes)
    losing = [comb(n, c) if need[c] > cap else losing[c] for c in range(n + 1)]
    winning = sum(comb(n, c) - losing[c] for c in range(n + 1))
    c = sizes[:-1]
    pivots: dict[int, list[int]] = {}
    for w in Counter(weights):
        lo = np.clip(need[c + 1] - w, 0, cap)
        hi = np.maximum(np.clip(need[c], 0, cap), lo)
        at = _crt(
            _without_one(table, np.concatenate([c, c]), np.concatenate([lo, hi]), w, mod), primes
        )
        at_lo, at_hi = at[:n], at[n:]
        # a size that never wins: its coalitions above the cap lose too
        pivots[w] = [
            ((comb(n - 1, k) if need[k] > cap else at_hi[k]) - at_lo[k])
            if need[k + 1] <= cap
            else 0
            for k in range(n)
        ]
    return PivotCounts(n, pivots, winning, N_("modular (count, weight) table"))


def _without_one(
    cum: np.ndarray, sizes: np.ndarray, below: np.ndarray, w: int, mod: np.ndarray
) -> np.ndarray:
    """Coalitions of the others (one voter of weight w removed), of each size, below each x."""
    cap = cum.shape[2] - 1
    steps = len(cum[0]) if w == 0 else min(len(cum[0]), cap // w + 1)
    j = np.arange(steps)
    sign = np.where(j % 2, -1, 1)
    out = np.zeros((cum.shape[0], len(sizes)), dtype=np.int64)
    chunk = max(1, 20_000_000 // (cum.shape[0] * steps))
    for a in range(0, len(sizes), chunk):
        rows = sizes[a : a + chunk, None] - j
        cols = below[a : a + chunk, None] - j * w
        ok = (rows >= 0) & (cols > 0)
        terms = cum[:, np.where(ok, rows, 0), np.where(ok, cols, 0)] * (ok * sign)
        out[:, a : a + chunk] = terms.sum(axis=2) % mod
    return out


def _crt(residues: np.ndarray, primes: list[int]) -> list[int]:
    """Integers from their residues (rows: one per prime), each below the primes' product."""
    product = prod(primes)
    out = np.zeros(residues.shape[1], dtype=object)
    for row, p in zip(residues, primes, strict=True):
        other = product // p
        out = out + row.astype(object) * (other * pow(other, -1, p))
    return [int(x) % product for x in out]
