"""Exact power indices at size, timed against the `powerindex` package in the same run.

Games:
- 170 voters, random weights 1-100: Banzhaf and Shapley–Shubik, confed exact (modular
  table) against powerindex (pure-Python generating functions; its Shapley–Shubik
  divides by n! as a float, which overflows above 170 voters);
- 200 voters, random weights 1-100 (the README's game): confed exact; powerindex for
  Banzhaf only;
- 1,000 voters in three weight classes: confed exact; powerindex for Banzhaf only;
- 500 voters, random weights 1-100: beyond confed's exact budget, so Banzhaf and
  Coleman exact and Shapley–Shubik by quadrature with its error bound; powerindex
  for Banzhaf only;
- the EU Council's double majority (docs/examples/eu-council.yaml), all indices exact.

Each timing is the best of `--repeat` runs. Run: python benchmarks/bench_power.py
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from confed.institutions.commands import _read_body
from confed.institutions.power import power_of, weighted_power

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"


def best(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    """Best wall time of `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - t0)
    return min(times), result


def peer(quota: int, weights: list[int], shapley: bool) -> Any:
    """The powerindex game with Banzhaf (and Shapley–Shubik) computed."""
    import powerindex as px

    game = px.Game(quota, weights)
    game.calc_banzhaf()
    if shapley:
        game.calc_shapley_shubik()
    return game


def compare(label: str, quota: int, weights: list[int], repeat: int, shapley: bool) -> None:
    """Time confed and powerindex on one weighted game and print the largest difference."""
    print(f"\n{label}: {len(weights)} voters, total weight {sum(weights):,}, quota {quota:,}")
    ours_t, ours = best(repeat, lambda: weighted_power(quota, weights))
    exactness = (
        f"Shapley–Shubik within ±{ours.shapley_shubik_error:.1e}"
        if ours.shapley_shubik_error
        else "all indices exact"
    )
    print(f"  confed, {exactness} ({ours.method}): {ours_t:7.3f} s")
    ss = ours.shapley_shubik
    print(f"  Shapley–Shubik sums to {float(sum(ss))!r}, smallest index {float(min(ss)):.3e}")
    try:
        theirs_t, theirs = best(1, lambda: peer(quota, weights, shapley))
    except ImportError:
        print("  powerindex not installed: pip install powerindex (the peer)")
        return
    what = "Banzhaf and Shapley–Shubik" if shapley else "Banzhaf only"
    diff = max(abs(float(a) - b) for a, b in zip(ours.banzhaf, theirs.banzhaf, strict=True))
    if shapley:
        diff = max(
            diff,
            *(
                abs(float(a) - b)
                for a, b in zip(ours.shapley_shubik, theirs.shapley_shubik, strict=True)
            ),
        )
    print(f"  powerindex 0.3.5, {what}: {theirs_t:7.3f} s (once; max difference {diff:.1e})")


def main() -> None:
    """Print the figures of docs and benchmarks/README.md."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    weights = [rng.randint(1, 100) for _ in range(200)]
    compare("README game", sum(weights) // 2 + 1, weights, args.repeat, shapley=False)
    weights = weights[:170]
    compare("powerindex's largest", sum(weights) // 2 + 1, weights, args.repeat, shapley=True)
    weights = [rng.choice([1, 2, 3]) for _ in range(1000)]
    compare("three weight classes", sum(weights) // 2 + 1, weights, args.repeat, shapley=False)
    weights = [rng.randint(1, 100) for _ in range(500)]
    compare("beyond the exact budget", sum(weights) // 2 + 1, weights, args.repeat, shapley=False)
    for name in ("eu-council", "canada-amending-formula"):
        spec = _read_body(EXAMPLES / f"{name}.yaml")
        elapsed, power = best(args.repeat, lambda spec=spec: power_of(spec.game()))
        print(f"\n{spec.name}: {power.voters} members")
        print(f"  confed, all indices exact ({power.method}): {elapsed:7.3f} s")
        print(f"  Coleman's power to act {float(power.coleman_act):.4f}")


if __name__ == "__main__":
    main()
