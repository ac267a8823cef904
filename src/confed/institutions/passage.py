"""How often a body passes a proposal when each side's members vote together.

Coleman's power to act assumes every seat votes yes or no independently. Real
delegations are cohesive: with cohesion c, each seat of a party follows its party's
shared leaning with probability c and votes independently otherwise. The passage
probability is estimated by seeded Monte-Carlo, so the same seed gives the same figure.
"""

from __future__ import annotations

import numpy as np

from confed.institutions.game import Game


def passage_probability(
    game: Game, cohesion: dict[str, float], draws: int = 100_000, seed: int = 0
) -> float:
    """Share of `draws` simulated votes that pass; `cohesion` per party (0 = independent)."""
    rng = np.random.default_rng(seed)
    yes = np.empty((draws, len(game.parties)), dtype=np.int64)
    for j, (party, size) in enumerate(zip(game.parties, game.sizes, strict=True)):
        c = cohesion.get(party, 0.0)
        if not 0.0 <= c <= 1.0:
            raise ValueError(f"cohesion of {party} must be between 0 and 1, got {c}")
        leaning = rng.random(draws) < 0.5
        followers = rng.binomial(size, c, draws)
        free = rng.binomial(size - followers, 0.5)
        yes[:, j] = np.where(leaning, followers, 0) + free
    return float(game.wins(yes).mean())
