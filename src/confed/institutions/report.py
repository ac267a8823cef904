"""Each body of a treaty in a given phase: seats, rule, power per party, checks.

This is what `confed institutions` prints and what later reports reuse; every number
is computed from the treaty file, never written into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from confed.institutions.bodies import BodyAtPhase, Check, body_at, by_party, equality_checks
from confed.institutions.passage import passage_probability
from confed.institutions.power import Power, power_of
from confed.treaty.describe import rule_text
from confed.treaty.model import Treaty


@dataclass(frozen=True)
class BodyReport:
    """One body in one phase, with its power figures and equality checks."""

    at: BodyAtPhase
    power: Power
    banzhaf_by_party: dict[str, Fraction]
    shapley_shubik_by_party: dict[str, Fraction | float]
    passage: float
    cohesion: float
    checks: list[Check]

    def as_json(self) -> dict[str, Any]:
        """The body's entry in `confed institutions --json`."""
        return {
            "body": self.at.body_id,
            "name": self.at.name,
            "phase": self.at.phase,
            "seats": self.at.seats,
            "rule": rule_text(self.at.rule),
            "voting": self.at.voting,
            "changed_by": self.at.changed_by,
            "banzhaf_by_party": {p: float(v) for p, v in self.banzhaf_by_party.items()},
            "shapley_shubik_by_party": {
                p: float(v) for p, v in self.shapley_shubik_by_party.items()
            },
            "coleman_act": float(self.power.coleman_act),
            "passage_probability": self.passage,
            "cohesion": self.cohesion,
            "checks": [
                {
                    "id": c.id,
                    "title": c.title,
                    "holds": c.holds,
                    "counterexample": c.counterexample,
                    "detail": c.detail,
                }
                for c in self.checks
            ],
        }


def body_report(
    treaty: Treaty, body_id: str, phase: str, cohesion: float = 0.5, seed: int = 0
) -> BodyReport:
    """Power, passage probability and equality checks of one body in one phase."""
    at = body_at(treaty, body_id, phase)
    game = at.game()
    power = power_of(game)
    states = list(treaty.states)
    passage = passage_probability(game, dict.fromkeys(states, cohesion), seed=seed)
    return BodyReport(
        at,
        power,
        by_party(game, power.banzhaf),
        by_party(game, power.shapley_shubik),
        passage,
        cohesion,
        equality_checks(at, states, power),
    )


def institutions_at(
    treaty: Treaty, phase: str, cohesion: float = 0.5, seed: int = 0
) -> list[BodyReport]:
    """Every body of the treaty as it stands in `phase`."""
    return [body_report(treaty, b, phase, cohesion, seed) for b in treaty.bodies]
