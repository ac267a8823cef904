"""Whether a body can deadlock with no way out, and who breaks its deadlocks.

A vote is deadlocked when neither the members voting yes nor those voting no could
carry the body: the proposal fails, yet its rejection could not have been carried
either (typically one side's veto against the other). A deadlock rule (`deadlock:` in
the body format) hands such votes to a casting vote or a referral; what it leaves
undecided has no way out. The share counts coalitions, each equally likely, as
Coleman's power to act does.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import comb, prod

import numpy as np

from confed.institutions.game import Game
from confed.treaty.decision import Deadlock
from confed.treaty.describe import deadlock_text

DEADLOCK_VECTORS = 2**18
"""Most yes-count vectors enumerated to look for a deadlock."""


@dataclass(frozen=True)
class DeadlockStatus:
    """Can the body deadlock with no way out; in what share of votes; who breaks deadlocks."""

    no_way_out: bool | None
    share: Fraction | None
    counterexample: dict[str, dict[str, int]] | None
    breaker: str | None

    def as_json(self) -> dict[str, object]:
        """The `deadlock` entry of a body in `confed institutions --json`."""
        return {
            "no_way_out": self.no_way_out,
            "share": None if self.share is None else float(self.share),
            "share_exact": None if self.share is None else str(self.share),
            "counterexample": self.counterexample,
            "breaker": self.breaker,
        }


def deadlock_status(game: Game, rule: Deadlock | None) -> DeadlockStatus:
    """Look for a deadlocked vote of the game, deadlock step included.

    >>> from confed.institutions.game import game_for
    >>> from confed.treaty.decision import EachParty, Majority
    >>> both = EachParty(each_party={"A": 1, "B": 1})
    >>> deadlock_status(game_for({"A": 1, "B": 1}, both, "bloc"), None).no_way_out
    True
    >>> deadlock_status(game_for({"A": 2, "B": 1}, Majority(majority="simple")), None).no_way_out
    False
    """
    breaker = describe_breaker(game, rule)
    if prod(s + 1 for s in game.sizes) > DEADLOCK_VECTORS:
        return DeadlockStatus(None, None, None, breaker)
    vectors = game.vectors()
    full = np.array(game.sizes, dtype=np.int64)
    stuck = ~game.wins(vectors) & ~game.wins(full - vectors)
    mult = [prod(comb(s, int(k)) for s, k in zip(game.sizes, row, strict=True)) for row in vectors]
    share = Fraction(sum(m for m, s in zip(mult, stuck, strict=True) if s), 2**game.n)
    example = None
    if stuck.any():
        yes = vectors[np.flatnonzero(stuck)[0]]
        example = {
            "yes": _seats(game, yes),
            "no": _seats(game, full - yes),
        }
    return DeadlockStatus(bool(stuck.any()), share, example, breaker)


def _seats(game: Game, counts: np.ndarray) -> dict[str, int]:
    return {
        p: int(k) * game.weights[i]
        for i, (p, k) in enumerate(zip(game.parties, counts, strict=True))
        if k
    }


def describe_breaker(game: Game, rule: Deadlock | None) -> str | None:
    """Who decides a deadlock, in words; None when the body has no deadlock rule."""
    if rule is None:
        return None
    if game.breaker is None:
        names = ", ".join(rule.casting or [])
        return f"casting vote of {names}: not in force ({names} holds no seat in this phase)"
    return deadlock_text(rule)
