"""The facts rules read about each person type, and where a rule that decides sits.

A person type is prior citizenship × registered status × place; its facts (zone,
council, district, the state of residence, ...) are small integer codes over the types,
with their vocabularies, so a rule's condition is a vectorized mask.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from confed.treaty.model import Default, Rule
from confed.vocab import (
    STATUSES,
    ZONES,
)

BASE_FACTS = (
    "prior_citizenship",
    "status",
    "place",
    "zone",
    "council",
    "district",
    "residence_state",
    "in_land",
)
RIGHT_FACTS = (*BASE_FACTS, "citizenship", "lives_in_own_state")
STATE_FACTS = (*RIGHT_FACTS, "state", "citizen_of_state", "lives_in_state")
BOOL = (False, True)
TYPICAL = np.array(
    [
        [s == "israeli-citizen" for s in STATUSES],
        [s in ("jerusalem-resident", "west-bank", "gaza", "refugee") for s in STATUSES],
        [s in ("jerusalem-resident", "refugee", "other") for s in STATUSES],
    ]
)
"""Which registered statuses usually go with each prior citizenship (rows IL, PS, none)."""
ZONE_FIT = np.array(
    [
        [
            z in ("israel", "settlement-bloc", "settlement-outside-blocs", "east-jerusalem-israeli")
            for z in ZONES
        ],  # israeli-citizen
        [z == "east-jerusalem-palestinian" for z in ZONES],  # jerusalem-resident
        [z.startswith("area-") for z in ZONES],  # west-bank
        [z == "gaza" for z in ZONES],  # gaza
        [z in ("abroad", "area-a", "area-b", "gaza") for z in ZONES],  # refugee
        [z == "israel" for z in ZONES],  # other
    ]
)
"""Zones where people of each registered status usually live (rows in STATUSES order)."""


@dataclass(frozen=True)
class RuleRef:
    """Where a deciding rule sits: which right, rank and label, and the clause itself."""

    right: str
    rank: str
    label: str
    clause: Rule[Any] | Default[Any]

    @property
    def path(self) -> tuple[str, ...]:
        """The rule's path in the treaty file."""
        head = ("citizenship",) if self.right == "citizenship" else ("rights", self.right)
        return (*head, self.rank) if self.rank == "default" else (*head, self.rank, self.label)


@dataclass
class Decided:
    """Final value codes and the deciding rule for one right over one axis of types."""

    value: np.ndarray
    rule: np.ndarray


@dataclass(frozen=True)
class Facts:
    """Fact name → (codes over the axis, vocabulary) for one evaluation axis."""

    codes: dict[str, np.ndarray]
    vocab: dict[str, tuple[Any, ...]]

    def describe(self, i: int) -> str:
        """A person type in words, for counterexamples."""
        return ", ".join(f"{k}={self.vocab[k][self.codes[k][i]]}" for k in self.codes)

    def consistent(self) -> np.ndarray:
        """Types whose registered status is consistent with their prior citizenship."""
        return TYPICAL[self.codes["prior_citizenship"], self.codes["status"]]

    def first(self, mask: np.ndarray) -> int:
        """The first type in `mask`, preferring coherent and typical people.

        A counterexample then reads like a real person: status fitting citizenship, and
        a zone where people of that status usually live.
        """
        prior, status = self.codes["prior_citizenship"], self.codes["status"]
        typical = mask & TYPICAL[prior, status]
        for candidates in (typical & ZONE_FIT[status, self.codes["zone"]], typical, mask):
            if candidates.any():
                return int(np.argmax(candidates))
        return int(np.argmax(mask))
