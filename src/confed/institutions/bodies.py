"""A treaty's bodies as they stand in each phase, and the checks of collective equality.

Collective equality (Dajani & Yehuda, Foreign Affairs 2024, § Equal Partners ¶3) is
written as predicates over the body's game: no side passes alone, each side can block,
the game is proper, the sides' power is equal, third-party power is capped and ends at
its sunset, and no seat is a dictator or a dummy. A failed predicate names a coalition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from confed.i18n import N_
from confed.institutions.game import Game, game_for
from confed.institutions.power import Power, power_of
from confed.treaty.decision import Deadlock, DecisionRule, WeightTable
from confed.treaty.model import Body, Treaty

THIRD_PARTY_CAP = Fraction(1, 5)
"""Largest Banzhaf share third parties together may hold: an assumption of confed's,
reading 'third parties help avoid stalemate' as a minority share (docs/institutions.md)."""


@dataclass(frozen=True)
class BodyAtPhase:
    """A body's composition and rule in force in one phase."""

    body_id: str
    name: str
    phase: str
    seats: dict[str, int]
    rule: DecisionRule
    voting: str
    changed_by: str | None
    deadlock: Deadlock | None = None
    weights: dict[str, WeightTable] = field(default_factory=dict)

    def game(self) -> Game:
        """The voting game of this composition, its deadlock step included."""
        return game_for(self.seats, self.rule, self.voting, self.weights, self.deadlock)


def body_at(treaty: Treaty, body_id: str, phase: str) -> BodyAtPhase:
    """Apply a body's `changes` whose `from` phase has begun by `phase`."""
    body: Body = treaty.bodies[body_id]
    order = treaty.phase_order()
    seats, rule, voting, changed_by = dict(body.seats), body.rule, body.voting, None
    deadlock = body.deadlock
    changes = sorted(body.changes.items(), key=lambda kv: order.index(kv[1].from_))
    for label, change in changes:
        if order.index(change.from_) <= order.index(phase):
            seats = dict(change.seats) if change.seats is not None else seats
            rule = change.rule or rule
            voting = change.voting or voting
            if "deadlock" in change.model_fields_set:
                deadlock = change.deadlock
            changed_by = label
    return BodyAtPhase(
        body_id, body.name, phase, seats, rule, voting, changed_by, deadlock, dict(body.weights)
    )


@dataclass(frozen=True)
class Check:
    """One predicate's verdict; a failure carries a coalition as counterexample."""

    id: str
    title: str
    holds: bool
    counterexample: dict[str, int] | None = None
    detail: str | None = None


def _coalition(game: Game, yes: np.ndarray) -> dict[str, int]:
    """Yes-seats per party of a yes-count vector."""
    return {
        p: int(k) * game.weights[i] for i, (p, k) in enumerate(zip(game.parties, yes, strict=True))
    }


def _wins(game: Game, yes: list[int]) -> bool:
    return bool(game.wins(np.array([yes], dtype=np.int64))[0])


def equality_checks(at: BodyAtPhase, states: list[str], power: Power | None = None) -> list[Check]:
    """Every collective-equality predicate for one body in one phase."""
    game = at.game()
    power = power or power_of(game)
    full = list(game.sizes)
    sides = [s for s in states if s in game.parties]
    thirds = [p for p in game.parties if p not in states]
    checks = []
    for side in sides:
        alone = [full[i] if p == side or p in thirds else 0 for i, p in enumerate(game.parties)]
        passes = _wins(game, alone)
        checks.append(
            Check(
                f"no-side-passes-alone:{side}",
                f"{side} cannot pass a decision without the other side",
                not passes,
                _coalition(game, np.array(alone)) if passes else None,
                N_("with every third-party seat on its side") if thirds else None,
            )
        )
        others = [0 if p == side else full[i] for i, p in enumerate(game.parties)]
        overruled = _wins(game, others)
        checks.append(
            Check(
                f"can-block:{side}",
                f"{side} can block a decision",
                not overruled,
                _coalition(game, np.array(others)) if overruled else None,
            )
        )
    vectors = game.vectors()
    wins = game.wins(vectors)
    complement = game.wins(np.array(full) - vectors)
    both = np.flatnonzero(wins & complement)
    checks.append(
        Check(
            "proper",
            "a coalition and its complement never both win",
            len(both) == 0,
            _coalition(game, vectors[both[0]]) if len(both) else None,
        )
    )
    share = by_party(game, power.banzhaf)
    if len(sides) == 2:
        a, b = (share[s] for s in sides)
        checks.append(
            Check(
                "equal-power",
                "the two sides hold equal Banzhaf power",
                a == b,
                None,
                f"{sides[0]} {float(a):.3f}, {sides[1]} {float(b):.3f}",
            )
        )
    third = sum((share[p] for p in thirds), Fraction(0))
    checks.append(
        Check(
            "third-party-capped",
            f"third parties together hold at most {THIRD_PARTY_CAP} of power",
            third <= THIRD_PARTY_CAP,
            None,
            f"third parties {float(third):.3f}",
        )
    )
    dictator = [i for i, p in enumerate(game.parties) if _is_dictator(game, i)]
    checks.append(
        Check(
            "no-dictator",
            "no single seat decides alone",
            not dictator,
            {game.parties[dictator[0]]: game.weights[dictator[0]]} if dictator else None,
        )
    )
    dummies = _dummy_parties(game, power)
    checks.append(
        Check(
            "no-dummy",
            "every seat can swing some decision",
            not dummies,
            None,
            f"seats without any swing: {', '.join(dummies)}" if dummies else None,
        )
    )
    return checks


def by_party(game: Game, per_seat: list) -> dict[str, Fraction]:
    """A per-seat index summed over each party's seats."""
    out, seat = {}, 0
    for party, size in zip(game.parties, game.sizes, strict=True):
        out[party] = sum(per_seat[seat : seat + size], Fraction(0))
        seat += size
    return out


def _dummy_parties(game: Game, power: Power) -> list[str]:
    out, seat = [], 0
    for party, size in zip(game.parties, game.sizes, strict=True):
        if size and power.swings[seat] == 0:
            out.append(party)
        seat += size
    return out


def _is_dictator(game: Game, i: int) -> bool:
    """A single voter of party i whose vote alone decides every outcome."""
    one = [0] * len(game.sizes)
    one[i] = 1
    rest = list(game.sizes)
    rest[i] -= 1
    return _wins(game, one) and not _wins(game, rest)
