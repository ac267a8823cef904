"""Each body of a treaty in a given phase: seats, rule, power per party, checks.

This is what `confed institutions` prints and what later reports reuse; every number
is computed from the treaty file, never written into it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from confed.i18n import N_, _
from confed.institutions.bodies import (
    THIRD_PARTY_CAP,
    BodyAtPhase,
    Check,
    body_at,
    by_party,
    equality_checks,
)
from confed.institutions.deadlock import DeadlockStatus, deadlock_status
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
    cohesion: dict[str, float]
    checks: list[Check]
    deadlock: DeadlockStatus

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
            "deadlock": self.deadlock.as_json(),
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
    treaty: Treaty, body_id: str, phase: str, cohesion: dict[str, float], seed: int = 0
) -> BodyReport:
    """Power, passage probability and equality checks of one body in one phase."""
    at = body_at(treaty, body_id, phase)
    game = at.game()
    power = power_of(game)
    states = list(treaty.states)
    passage = passage_probability(game, cohesion, seed=seed)
    checks = [*equality_checks(at, states, power), _sunset_check(treaty, body_id)]
    return BodyReport(
        at,
        power,
        by_party(game, power.banzhaf),
        by_party(game, power.shapley_shubik),
        passage,
        cohesion,
        [c for c in checks if c is not None],
        deadlock_status(game, at.deadlock),
    )


CHECK_TITLES = {
    "no-side-passes-alone": N_("{side} cannot pass a decision without the other side"),
    "can-block": N_("{side} can block a decision"),
    "proper": N_("a coalition and its complement never both win"),
    "equal-power": N_("the two sides hold equal Banzhaf power"),
    "third-party-capped": N_("third parties together hold at most {cap} of power"),
    "no-dictator": N_("no single seat decides alone"),
    "no-dummy": N_("every seat can swing some decision"),
    "third-party-sunset": N_("third-party seats and deadlock roles end by a stated phase"),
}
"""Each check by its id (before any ':side'), as `bodies` and `report` word it."""


def check_title(check_id: str, side_name: Callable[[str], str]) -> str | None:
    """A check's title in the current language, its side named by `side_name`.

    None for a check that has no message yet (its English title is then shown as data).
    """
    kind, _sep, side = check_id.partition(":")
    if kind not in CHECK_TITLES:
        return None
    return _(CHECK_TITLES[kind]).format(side=side_name(side), cap=str(THIRD_PARTY_CAP))


SUNSET_LEAVES = "they leave from phase "
"""How the third-party-sunset check's detail names the phase third parties leave from
(read back by the terminal to name that phase in the reader's language)."""


def _sunset_check(treaty: Treaty, body_id: str) -> Check | None:
    """Third-party seats, where a body has them, must end by a stated phase."""
    states = set(treaty.states)
    order = treaty.phase_order()
    thirds = [
        [p for p in body_at(treaty, body_id, ph).game().parties if p not in states] for ph in order
    ]
    if not any(thirds):
        return None
    ends = next((ph for ph, t in zip(order, thirds, strict=True) if not t and ph != order[0]), None)
    holds = ends is not None and not thirds[-1]
    return Check(
        "third-party-sunset",
        "third-party seats and deadlock roles end by a stated phase",
        holds,
        None,
        f"{SUNSET_LEAVES}{ends}" if holds else "they sit in every phase",
    )


def institutions_at(
    treaty: Treaty, phase: str, cohesion: dict[str, float] | None = None, seed: int = 0
) -> list[BodyReport]:
    """Every body of the treaty as it stands in `phase`."""
    cohesion = cohesion if cohesion is not None else dict.fromkeys(treaty.states, 0.5)
    return [body_report(treaty, b, phase, cohesion, seed) for b in treaty.bodies]
