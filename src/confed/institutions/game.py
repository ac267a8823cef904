"""A joint body as a simple game: who sits, and which coalitions win.

Every decision rule a treaty can write (quotas, fractions, majorities, a majority of
each party, unanimity, a number of members, a share of a named weight, and AND/OR of
these) depends only on how many seats of each party vote yes. So a game is the
parties' seat counts and a predicate over yes-count vectors; seats of one party are
interchangeable. Enumerating count vectors instead of coalitions makes exact indices
cheap for any body a treaty describes, and double majorities need no weighted-game
representation. A deadlock rule adds who decides when neither side can carry the
body: wins(S) = rule(S) or (not rule(N - S) and when(S) and the breakers vote yes).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field, replace
from fractions import Fraction as Q
from typing import Any

import numpy as np

from confed.treaty.decision import (
    AllOf,
    AnyOf,
    AtLeast,
    Deadlock,
    DecisionRule,
    EachParty,
    Fraction,
    Majority,
    Members,
    Unanimity,
    WeightShare,
    weight_names,
)


@dataclass(frozen=True)
class Breaker:
    """Who decides a deadlock: party indices voting by majority, under a condition."""

    deciders: tuple[int, ...]
    when: DecisionRule | None
    after: int
    referral: bool


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
    named: dict[str, tuple[int, ...]] = field(default_factory=dict)
    breaker: Breaker | None = None
    own_parties: int | None = None
    """How many parties belong to the body; those after them join only for deadlocks."""

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

    def body(self) -> Game:
        """The body's own members and rule, without the deadlock step."""
        m = len(self.parties) if self.own_parties is None else self.own_parties
        named = {k: v[:m] for k, v in self.named.items()}
        return Game(self.parties[:m], self.sizes[:m], self.weights[:m], self.rule, named)

    def rule_passes(self, yes: np.ndarray) -> np.ndarray:
        """Whether the body's rule alone passes each yes-count vector."""
        body = self.body()
        return _passes(self.rule, yes[:, : len(body.parties)], body)

    def wins(self, yes: np.ndarray) -> np.ndarray:
        """Whether each yes-count vector (rows of `yes`) passes, deadlock step included."""
        passes = self.rule_passes(yes)
        b = self.breaker
        if b is None:
            return passes
        carried_by_no = self.rule_passes(np.array(self.sizes) - yes)
        cols = list(b.deciders)
        seated = np.array([self.sizes[c] * self.weights[c] for c in cols])
        breakers = 2 * (yes[:, cols] * np.array([self.weights[c] for c in cols])).sum(axis=1)
        decided = breakers > seated.sum()
        if b.when is not None:
            body = self.body()
            decided &= _passes(b.when, yes[:, : len(body.parties)], body)
        return passes | (~carried_by_no & decided)


def game_for(
    seats: dict[str, int],
    rule: DecisionRule,
    voting: str = "individual",
    weights: dict[str, Any] | None = None,
    deadlock: Deadlock | None = None,
) -> Game:
    """The game of a body: individual seats, or one voter per party under bloc voting.

    `weights` are the body's named weight tables; `deadlock` its deadlock rule. A
    casting vote whose party has no seats (e.g. after a sunset) is not in force.
    """
    parties = tuple(p for p, n in seats.items() if n > 0)
    counts = tuple(seats[p] for p in parties)
    sizes, per_voter = (
        ((1,) * len(parties), counts) if voting == "bloc" else (counts, (1,) * len(parties))
    )
    named = {
        name: tuple(table.values.get(p, 0) for p in parties)
        for name, table in (weights or {}).items()
    }
    game = Game(parties, sizes, per_voter, rule, named, own_parties=len(parties))
    if deadlock is None:
        return game
    if deadlock.casting:
        deciders = tuple(parties.index(p) for p in deadlock.casting if p in parties)
        if not deciders:
            return game
        return replace(game, breaker=Breaker(deciders, deadlock.when, deadlock.after, False))
    extra = tuple(deadlock.referral or {})
    return replace(
        game,
        parties=parties + extra,
        sizes=sizes + tuple((deadlock.referral or {})[p] for p in extra),
        weights=per_voter + (1,) * len(extra),
        named={k: v + (0,) * len(extra) for k, v in named.items()},
        breaker=Breaker(
            tuple(range(len(parties), len(parties) + len(extra))),
            deadlock.when,
            deadlock.after,
            True,
        ),
    )


def threshold_form(game: Game) -> tuple[list[int], list[int | None]] | None:
    """Voter weights and thresholds τ(c) when the rule is members and one weight only.

    Such a rule passes a coalition of c members with weight W exactly when W ≥ τ(c);
    τ is found by evaluating the rule at each weight threshold it names.

    >>> g = game_for({"A": 1, "B": 1, "C": 1}, Members(members=2))
    >>> threshold_form(g)
    ([0, 0, 0], [None, None, 0, 0])
    >>> threshold_form(game_for({"A": 2, "B": 1}, EachParty(each_party={"A": 1})))
    """
    if game.breaker is not None or not _counts_and_weight(game.rule):
        return None
    names = weight_names(game.rule)
    if len(names) > 1:
        return None
    name = next(iter(names), None)
    per_party = game.weights if name == "seats" else game.named.get(name, (0,) * len(game.parties))
    voters = [w for w, size in zip(per_party, game.sizes, strict=True) for _ in range(size)]
    n, total = len(voters), sum(voters)
    candidates = sorted({0, *_weight_thresholds(game.rule, total)})
    tau: list[int | None] = []
    for c in range(n + 1):
        tau.append(next((w for w in candidates if _symbolic(game.rule, c, w, n, total)), None))
    return voters, tau


def _counts_and_weight(rule: DecisionRule) -> bool:
    if isinstance(rule, Members | WeightShare):
        return True
    if isinstance(rule, AllOf | AnyOf):
        return all(map(_counts_and_weight, rule.all if isinstance(rule, AllOf) else rule.any))
    return False


def _weight_thresholds(rule: DecisionRule, total: int) -> set[int]:
    """The least weight meeting each weight share of the rule."""
    if isinstance(rule, WeightShare):
        share = Q(rule.share)
        need = share * total
        return {math.floor(need) + 1 if rule.strict else math.ceil(need)}
    if isinstance(rule, AllOf | AnyOf):
        subs = rule.all if isinstance(rule, AllOf) else rule.any
        return set().union(*(_weight_thresholds(r, total) for r in subs))
    return set()


def _members_needed(rule: Members, n: int) -> int:
    if isinstance(rule.members, int):
        return rule.members
    return math.ceil(Q(rule.members) * n)


def _symbolic(rule: DecisionRule, members: int, weight: int, n: int, total: int) -> bool:
    """The rule at a coalition of `members` members holding `weight`."""
    if isinstance(rule, Members):
        return members >= _members_needed(rule, n)
    if isinstance(rule, WeightShare):
        share = Q(rule.share)
        return (
            weight * share.denominator > total * share.numerator
            if rule.strict
            else (weight * share.denominator >= total * share.numerator)
        )
    subs = rule.all if isinstance(rule, AllOf) else rule.any
    results = (_symbolic(r, members, weight, n, total) for r in subs)
    return all(results) if isinstance(rule, AllOf) else any(results)


def _columns(game: Game, among: list[str] | None) -> list[int]:
    names = among if among is not None else game.parties
    return [game.parties.index(p) for p in names if p in game.parties]


def _total(game: Game, cols: list[int]) -> int:
    return sum(game.sizes[c] * game.weights[c] for c in cols)


def _passes(rule: DecisionRule, yes: np.ndarray, game: Game) -> np.ndarray:
    """Vectorized rule evaluation over yes-count vectors of the body's own parties."""
    seats = yes * np.array(game.weights, dtype=np.int64)
    if isinstance(rule, Members):
        return yes.sum(axis=1) >= _members_needed(rule, game.n)
    if isinstance(rule, WeightShare):
        per = game.weights if rule.weight == "seats" else game.named[rule.weight]
        share = Q(rule.share)
        held = (yes * np.array(per, dtype=object)).sum(axis=1) * share.denominator
        need = sum(s * w for s, w in zip(game.sizes, per, strict=True)) * share.numerator
        return np.asarray(held > need if rule.strict else held >= need, dtype=bool)
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
            ok &= _passes(sub, yes, game)
        return ok
    if isinstance(rule, AnyOf):
        ok = np.zeros(len(seats), dtype=bool)
        for sub in rule.any:
            ok |= _passes(sub, yes, game)
        return ok
    raise TypeError(f"unknown rule {rule!r}")
