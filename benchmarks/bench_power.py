"""Exact Banzhaf for a weighted game of 200 voters with total weight over 10,000.

Times confed's big-integer generating functions against the `powerindex` package
(the peer, also exact, pure Python) on the same game in the same run, and checks that
both agree.

Run: python benchmarks/bench_power.py [--voters N] [--max-weight W]
"""

from __future__ import annotations

import argparse
import random
import time
from fractions import Fraction

from confed.institutions.power import weighted_power, weighted_swings


def main() -> None:
    """Time Banzhaf for both, then the full set of indices for confed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--voters", type=int, default=200)
    parser.add_argument("--max-weight", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    weights = [rng.randint(1, args.max_weight) for _ in range(args.voters)]
    quota = sum(weights) // 2 + 1
    print(f"{args.voters} voters, total weight {sum(weights):,}, quota {quota:,}")

    t0 = time.perf_counter()
    swings, _ = weighted_swings(quota, weights)
    ours = time.perf_counter() - t0
    total = sum(swings)
    banzhaf = [Fraction(s, total) for s in swings]
    print(f"confed Banzhaf (exact)    : {ours:6.3f} s")

    try:
        import powerindex as px
    except ImportError:
        print("powerindex not installed: pip install powerindex (the peer)")
    else:
        t0 = time.perf_counter()
        game = px.Game(quota, weights)
        game.calc_banzhaf()
        theirs = time.perf_counter() - t0
        worst = max(abs(float(a) - b) for a, b in zip(banzhaf, game.banzhaf, strict=True))
        print(
            f"powerindex Banzhaf        : {theirs:6.3f} s  (ratio {theirs / ours:.2f}x, "
            f"max difference {worst:.1e})"
        )

    t0 = time.perf_counter()
    weighted_power(quota, weights)
    print(
        f"confed all indices        : {time.perf_counter() - t0:6.3f} s "
        "(Shapley-Shubik in floating point above the exact limit)"
    )


if __name__ == "__main__":
    main()
