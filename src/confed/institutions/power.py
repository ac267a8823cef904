"""Exact power indices: Banzhaf, Shapley–Shubik and Coleman's three measures.

Every method reduces a game to exact integer counts — per voter and coalition size,
how many coalitions of the others it turns from losing to winning — from which all
indices follow as fractions:
- `power_of(game)`: a party-structured body (any rule a treaty can write), by
  enumerating yes-count vectors, or, when there are too many, as a threshold game;
- `weighted_power(quota, weights)` and `threshold_power(weights, tau)`: weighted
  games, with or without a member count, of any size (see `weighted.py`).
A plain weighted game too large for every exact method keeps exact Banzhaf and
Coleman indices and gets Shapley–Shubik by quadrature with a stated error bound
(`large_games.py`). Every result checks that its indices sum as they must.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import factorial, prod

from confed.errors import ConfedError, Problem
from confed.i18n import N_
from confed.institutions.game import Game, threshold_form
from confed.institutions.large_games import shapley_shubik_quadrature, weighted_swings
from confed.institutions.weighted import (
    TABLE_BUDGET,
    PivotCounts,
    enumerate_pivots,
    table_cost,
    threshold_pivots,
)

THRESHOLD_FROM = 2**18
"""Yes-count vectors above which a rule with a threshold form is computed as one."""
MAX_VECTORS = 2_000_000
"""Most yes-count vectors enumerated for a rule that has no threshold form."""
ENUMERATION = N_("enumeration of count vectors")
"""How a composite rule's indices are counted (`Power.method`, English in JSON)."""


class PowerCheckError(RuntimeError):
    """An index sum that does not hold: a bug, never a result to print."""


@dataclass(frozen=True)
class Power:
    """Indices per voter (seat order) and the body's power to act, as exact fractions.

    Only for weighted games too large to count exactly is Shapley–Shubik approximated:
    its entries are then floats and `shapley_shubik_error` bounds each one's error.
    """

    banzhaf: list[Fraction]
    banzhaf_absolute: list[Fraction]
    shapley_shubik: list[Fraction | float]
    coleman_act: Fraction
    coleman_prevent: list[Fraction]
    coleman_initiate: list[Fraction]
    swings: list[int]
    winning: int
    voters: int
    method: str = ENUMERATION
    shapley_shubik_error: float = 0.0

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
            "shapley_shubik_error": self.shapley_shubik_error,
            "coleman_act": float(self.coleman_act),
            "coleman_prevent": floats(self.coleman_prevent),
            "coleman_initiate": floats(self.coleman_initiate),
            "method": self.method,
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


def check_sums(power: Power) -> Power:
    """Raise PowerCheckError unless the indices sum and range as they must.

    >>> p = weighted_power(2, [1, 1])
    >>> check_sums(p).banzhaf
    [Fraction(1, 2), Fraction(1, 2)]
    >>> from dataclasses import replace
    >>> check_sums(replace(p, shapley_shubik=[Fraction(1, 2), Fraction(1, 3)]))
    Traceback (most recent call last):
    ...
    confed.institutions.power.PowerCheckError: Shapley–Shubik sums to 5/6, not 1
    """
    n, winning = power.voters, power.winning
    decisive = 0 < winning < 2**n and sum(power.swings) > 0
    target = Fraction(1) if decisive else Fraction(0)
    if any(s < 0 for s in power.swings) or winning < 0 or winning > 2**n:
        raise PowerCheckError(f"negative or impossible counts: {power.swings}, W = {winning}")
    if sum(power.banzhaf) != target:
        raise PowerCheckError(f"Banzhaf sums to {sum(power.banzhaf)}, not {target}")
    ss, error = power.shapley_shubik, power.shapley_shubik_error
    if error == 0 and (sum(ss, Fraction(0)) != target or any(v < 0 for v in ss)):
        raise PowerCheckError(f"Shapley–Shubik sums to {sum(ss, Fraction(0))}, not {target}")
    if error and (
        abs(sum(map(float, ss)) - float(target)) > n * error or any(v < -error for v in ss)
    ):
        raise PowerCheckError(
            f"Shapley–Shubik sums to {sum(map(float, ss))!r}, not {target} within {n} × {error:.1e}"
        )
    for name in ("banzhaf_absolute", "coleman_prevent", "coleman_initiate"):
        if any(not 0 <= v <= 1 for v in getattr(power, name)):
            raise PowerCheckError(f"{name} outside [0, 1]")
    return power


def _from_pivots(per_voter: list[list[int]], winning: int, n: int, method: str) -> Power:
    """Every index from exact pivot counts per voter and size of the others' coalition."""
    orders = [factorial(s) * factorial(n - 1 - s) for s in range(n)]
    cache: dict[int, Fraction] = {}  # voters of one class share one list of counts
    ss: list[Fraction | float] = []
    for p in per_voter:
        if id(p) not in cache:
            cache[id(p)] = Fraction(
                sum(c * w for c, w in zip(p, orders, strict=True)), factorial(n)
            )
        ss.append(cache[id(p)])
    return _indices([sum(p) for p in per_voter], ss, winning, n, method)


def _indices(
    swings: list[int], ss: list[Fraction | float], winning: int, n: int, method: str, error=0.0
) -> Power:
    """Every index from swings, Shapley–Shubik and the winning coalitions, checked."""
    total, losing = sum(swings), 2**n - winning
    return check_sums(
        Power(
            banzhaf=[Fraction(s, total) if total else Fraction(0) for s in swings],
            banzhaf_absolute=[Fraction(s, 2 ** (n - 1)) for s in swings],
            shapley_shubik=ss,
            coleman_act=Fraction(winning, 2**n),
            coleman_prevent=[Fraction(s, winning) if winning else Fraction(0) for s in swings],
            coleman_initiate=[Fraction(s, losing) if losing else Fraction(0) for s in swings],
            swings=swings,
            winning=winning,
            voters=n,
            method=method,
            shapley_shubik_error=error,
        )
    )


def power_of(game: Game) -> Power:
    """Exact indices of every voter of a party-structured game, in seat order.

    Yes-count vectors are enumerated; a game with too many of them whose rule is a
    member count with one weight (e.g. a double majority of states and population)
    is computed as a threshold game instead.
    """
    vectors = prod(s + 1 for s in game.sizes)
    if vectors > THRESHOLD_FROM:
        form = threshold_form(game)
        if form is not None:
            return threshold_power(*form)
        if vectors > MAX_VECTORS:
            raise ConfedError(
                Problem(
                    f"this body has {vectors:,} yes-count vectors and a rule that is not "
                    "a member count with one weight",
                    field="seats",
                    expected=f"at most {MAX_VECTORS:,} vectors (fewer seats, bloc voting), "
                    "or a rule over members and one weight",
                )
            )
    per_party, winning = enumerate_pivots(list(game.sizes), game.wins)
    per_voter = [per_party[i] for i, size in enumerate(game.sizes) for _ in range(size)]
    return _from_pivots(per_voter, winning, game.n, ENUMERATION)


def threshold_power(weights: list[int], tau: list[int | None]) -> Power:
    """Exact indices of the game w(S) ≥ τ(|S|), per voter in the order of `weights`."""
    counts = threshold_pivots(weights, tau)
    if counts is not None:
        return _power_from_counts(weights, counts)
    quota = tau[0]
    if quota is not None and len(set(tau)) == 1:  # a plain weighted game
        exact = weighted_swings(quota, weights)
        approx = shapley_shubik_quadrature(quota, weights)
        if exact is not None and approx is not None:
            (swings, winning), (ss, error) = exact, approx
            method = N_(
                "Banzhaf and Coleman by generating functions, "
                "Shapley–Shubik by Gauss–Legendre quadrature"
            )
            return _indices(swings, ss, winning, len(weights), method, error)
    ops, _ = table_cost(weights, tau)
    raise ConfedError(
        Problem(
            f"a game of {len(weights)} voters and total weight {sum(weights):,} needs about "
            f"{ops:,.0f} exact operations for Shapley–Shubik, and too many for its quadrature",
            field="weights",
            expected=f"fewer voters, fewer distinct weights or a smaller total weight "
            f"(at most {TABLE_BUDGET:.0e} operations)",
        )
    )


def _power_from_counts(weights: list[int], counts: PivotCounts) -> Power:
    per_voter = [counts.pivots[w] for w in weights]
    return _from_pivots(per_voter, counts.winning, counts.n, counts.method)


def weighted_power(quota: int, weights: list[int]) -> Power:
    """Exact indices of the weighted game [quota; weights].

    >>> weighted_power(12, [4, 4, 4, 2, 2, 1]).shapley_shubik[-1]
    Fraction(0, 1)
    """
    if quota <= 0:
        raise ValueError("the quota must be positive")
    return threshold_power(weights, [quota] * (len(weights) + 1))
