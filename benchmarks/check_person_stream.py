"""Does a new person mode sample the same model as an old one? Headline metrics over seeds.

Person mode draws each person's year at random, so a change to how it draws (a new
random stream) changes every number of a run; what must not change is the
distribution. This script runs person mode for several seeds with this checkout's code
and with a peer's (an older `src` on PYTHONPATH, in a child process), and compares every
headline metric of the comparison at the checked years: the two means must lie within
three standard errors of their difference (from the seed-to-seed spread of both), and a
metric equal for every old seed must be equal for every new one. It prints each metric's
old and new range and mean, and exits non-zero when a metric fails.

Run: python benchmarks/check_person_stream.py --peer /tmp/person-peer/src
     [--treaties dajani-yehuda-2024,holy-land-confederation] [--seeds 5] [--first-seed 1]
     [--years 10]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import numpy as np


def runs(treaties: list[str], seeds: range, years: int) -> dict[str, list[list[list[float]]]]:
    """Per treaty: per seed, per checked year, every headline metric (this process's code)."""
    from confed.compare.build import HEADLINE
    from confed.rights.engine import compiled_treaty, entry_year
    from confed.simulate.parameters import RunParameters, default_behaviour
    from confed.simulate.run import simulate

    behaviour = default_behaviour()
    out = {}
    for name in treaties:
        c = compiled_treaty(name)
        start, _ = entry_year(c)
        out[name] = []
        for seed in seeds:
            params = RunParameters(
                years=years, start_year=start, persons=True, behaviour=behaviour, seed=seed
            )
            run = simulate(c, params).runs[0]
            out[name].append(
                [[float(run[y].metrics[m][k]) for m, k, _, _ in HEADLINE] for y in checked(years)]
            )
    return out


def checked(years: int) -> list[int]:
    """The years compared: the middle one and the last."""
    return sorted({years // 2, years - 1})


def peer_runs(peer: str, treaties: list[str], seeds: range, years: int) -> dict:
    """`runs` with the peer's code, in a child process with the peer's `src` first."""
    env = {**os.environ, "PYTHONPATH": peer}
    args = [sys.executable, __file__, "--emit", "--treaties", ",".join(treaties)]
    args += ["--seeds", str(len(seeds)), "--first-seed", str(seeds.start), "--years", str(years)]
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def compare(old: dict, new: dict, years: int) -> int:
    """Print every metric's old and new spread; return how many metrics fail."""
    from confed.compare.build import HEADLINE

    failed = 0
    print(f"{'treaty':<24} {'year':>4} {'metric':<40} {'old min-max (mean)':>34} "
          f"{'new min-max (mean)':>34}  z")  # fmt: skip
    for name in old:
        a, b = np.array(old[name]), np.array(new[name])  # seeds × years × metrics
        for y, year in enumerate(checked(years)):
            for i, (metric, key, _, _) in enumerate(HEADLINE):
                o, n = a[:, y, i], b[:, y, i]
                se = np.sqrt(o.var(ddof=1) / len(o) + n.var(ddof=1) / len(n))
                if se == 0:
                    ok, z = bool(np.array_equal(o, n)), 0.0
                else:
                    z = (n.mean() - o.mean()) / se
                    ok = abs(z) <= 3
                failed += not ok
                verdict = "" if ok else "  FAILS"
                print(f"{name:<24} {year + 1:>4} {metric + '.' + key:<40} "
                      f"{_spread(o):>34} {_spread(n):>34} {z:+5.1f}{verdict}")  # fmt: skip
    return failed


def _spread(values: np.ndarray) -> str:
    """min-max (mean), in the metric's own unit."""
    if np.abs(values).max() <= 1:
        return f"{values.min():.4f}-{values.max():.4f} ({values.mean():.4f})"
    return f"{values.min():,.0f}-{values.max():,.0f} ({values.mean():,.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer", help="the older code's src directory")
    parser.add_argument("--treaties", default="dajani-yehuda-2024,holy-land-confederation")
    parser.add_argument("--seeds", type=int, default=5, help="how many seeds")
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--emit", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    treaties = args.treaties.split(",")
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    if args.emit:
        print(json.dumps(runs(treaties, seeds, args.years)))
        return
    if not args.peer:
        parser.error("--peer is required")
    old = peer_runs(args.peer, treaties, seeds, args.years)
    new = runs(treaties, seeds, args.years)
    failed = compare(old, new, args.years)
    print(f"{failed} metric(s) outside the old person mode's seed-to-seed spread")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
