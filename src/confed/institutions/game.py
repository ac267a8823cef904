"""A joint body as a simple game: who sits, and which coalitions win.

Every decision rule a treaty can write (quotas, fractions, majorities, a majority of
each party, unanimity, and AND/OR of these) depends only on how many seats of each
party vote yes. So a game is the parties' seat counts and a predicate over yes-count
vectors; seats of one party are interchangeable. Enumerating count vectors instead of
coalitions makes exact indices cheap for any body a treaty describes, and double
majorities need no weighted-game representation.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction as Q

import numpy as np

from confed.treaty.model import (
    AllOf,
    AnyOf,
    AtLeast,
    DecisionRule,
    EachParty,
    Fraction,
    Majority,
    Unanimity,
)


@dataclass(frozen=True)
class Game:
    """Voters grouped by party; `wins` decides each vector of yes-counts per party.

    With bloc voting each party is a single voter carrying all its seats, so `sizes`
    are all 1 and `weights` hold the seats.
    """

    parties: tuple[str, ...]
    sizes: tuple[int, ...]
    weights: tuple[int, ...]
    rule: DecisionRule

    @property
    def n(self) -> int:
        """Number of voters."""
        return sum(self.sizes)

    def seat_names(self) -> list[str]:
        """A name per voter in seat order: the party, numbered when it has several seats."""
        return [
            f"{p}{i + 1}" if size > 1 else p
            for p, size in zip(self.parties, self.sizes, strict=True)
            for i in range(size)
        ]

    def vectors(self) -> np.ndarray:
        """Every yes-count vector (one row per vector, one column per party)."""
        ranges = [range(size + 1) for size in self.sizes]
        return np.array(list(itertools.product(*ranges)), dtype=np.int64).reshape(
            -1, len(self.sizes)
        )

    def wins(self, yes: np.ndarray) -> np.ndarray:
        """Whether each yes-count vector (rows of `yes`) passes the rule."""
        seats = yes * np.array(self.weights, dtype=np.int64)
        return _passes(self.rule, seats, self)


def game_for(seats: dict[str, int], rule: DecisionRule, voting: str = "individual") -> Game:
    """The game of a body: individual seats, or one voter per party under bloc voting."""
    parties = tuple(p for p, n in seats.items() if n > 0)
    counts = tuple(seats[p] for p in parties)
    if voting == "bloc":
        return Game(parties, (1,) * len(parties), counts, rule)
    return Game(parties, counts, (1,) * len(parties), rule)


def _columns(game: Game, among: list[str] | None) -> list[int]:
    names = among if among is not None else game.parties
    return [game.parties.index(p) for p in names if p in game.parties]


def _total(game: Game, cols: list[int]) -> int:
    return sum(game.sizes[c] * game.weights[c] for c in cols)


def _passes(rule: DecisionRule, seats: np.ndarray, game: Game) -> np.ndarray:
    """Vectorized rule evaluation over yes-seat vectors."""
    if isinstance(rule, AtLeast):
        cols = _columns(game, rule.among)
        return seats[:, cols].sum(axis=1) >= rule.at_least
    if isinstance(rule, Majority):
        cols = _columns(game, rule.among)
        return 2 * seats[:, cols].sum(axis=1) > _total(game, cols)
    if isinstance(rule, Fraction):
        cols = _columns(game, rule.among)
        share = Q(rule.fraction)
        yes = seats[:, cols].sum(axis=1) * share.denominator
        need = _total(game, cols) * share.numerator
        return yes > need if rule.strict else yes >= need
    if isinstance(rule, EachParty):
        ok = np.ones(len(seats), dtype=bool)
        for party, need in rule.each_party.items():
            if party in game.parties:
                ok &= seats[:, game.parties.index(party)] >= need
            elif need > 0:
                ok &= False  # the party has no seats (e.g. after a sunset): cannot reach it
        return ok
    if isinstance(rule, Unanimity):
        return seats.sum(axis=1) == _total(game, list(range(len(game.parties))))
    if isinstance(rule, AllOf):
        ok = np.ones(len(seats), dtype=bool)
        for sub in rule.all:
            ok &= _passes(sub, seats, game)
        return ok
    if isinstance(rule, AnyOf):
        ok = np.zeros(len(seats), dtype=bool)
        for sub in rule.any:
            ok |= _passes(sub, seats, game)
        return ok
    raise TypeError(f"unknown rule {rule!r}")
