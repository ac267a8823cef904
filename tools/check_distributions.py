"""Check that a change to the cohort run's random stream leaves its distributions alone.

Runs every shipped treaty for 30 years (entry 2030) with `--seeds` Monte-Carlo runs
(the children of seed 1) under this checkout's code and under a peer's (`--peer`, a
`src` folder put on PYTHONPATH of a child process), then compares, for every headline
metric of the comparison (`compare.build.HEADLINE`) and every year:

- the new code's mean over the seeds must lie within the old code's seed-to-seed range
  (its smallest to its largest value; a metric no seed moves must match to 1e-9);
- printed too: the share of single new values inside the old range (about
  (n - 1) / (n + 1) if the two codes draw from one distribution), and the largest
  difference of means in units of its standard error (Welch).

Usage: .venv/bin/python tools/check_distributions.py --peer /tmp/main/src [--seeds 8]
Exit status 1 if any mean lies outside the old range.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

YEARS, START = 30, 2030


def headline_values(seeds: int) -> dict[str, np.ndarray]:
    """Per treaty: values of runs × years × headline metrics (the current `confed`)."""
    from confed.compare.build import HEADLINE
    from confed.rights.engine import compiled_treaty
    from confed.simulate.parameters import RunParameters
    from confed.simulate.run import simulate
    from confed.treaty.load import shipped_ids

    params = RunParameters(years=YEARS, start_year=START, runs=seeds, seed=1)
    keys = [(m, k) for m, k, _title, _unit in HEADLINE]
    out = {}
    for name in shipped_ids():
        runs = simulate(compiled_treaty(name), params).runs
        out[name] = np.array(
            [[[y.metrics.get(m, {}).get(k, 0.0) for m, k in keys] for y in run] for run in runs]
        )
    return out


def peer_values(peer: Path, seeds: int) -> dict[str, np.ndarray]:
    """`headline_values` computed by the peer's code in a child process."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "peer.npz"
        env = {**os.environ, "PYTHONPATH": str(peer)}
        command = [sys.executable, __file__, "--dump", str(path), "--seeds", str(seeds)]
        subprocess.run(command, env=env, check=True)
        with np.load(path) as data:
            return {name: data[name] for name in data.files}


def compare(old: dict[str, np.ndarray], new: dict[str, np.ndarray]) -> bool:
    """Print one line per treaty and the cells outside the old range; True if none is."""
    from confed.compare.build import HEADLINE

    labels = [f"{m}.{k}" for m, k, _title, _unit in HEADLINE]
    ok = True
    print(
        "| treaty | metric-years compared | means inside the old range | single new values "
        "inside the old range | largest |difference of means| / standard error |"
    )
    print("|---|---|---|---|---|")
    for name in sorted(old):
        a, b = old[name], new[name]  # runs × years × metrics
        low, high = a.min(axis=0), a.max(axis=0)
        slack = 1e-9 * np.maximum(np.abs(low), np.abs(high)) + 1e-9
        mean = b.mean(axis=0)
        inside = (mean >= low - slack) & (mean <= high + slack)
        single = ((b >= low - slack) & (b <= high + slack)).mean()
        spread = np.sqrt(a.var(axis=0, ddof=1) / len(a) + b.var(axis=0, ddof=1) / len(b))
        moved = spread > slack
        z = np.abs(mean - a.mean(axis=0))[moved] / spread[moved]
        print(
            f"| {name} | {inside.size} | {int(inside.sum())} | {single:.0%} | "
            f"{z.max() if z.size else 0.0:.1f} |"
        )
        for year, metric in zip(*np.nonzero(~inside), strict=True):
            ok = False
            print(
                f"  outside: {name} {START + year} {labels[metric]}: new mean "
                f"{mean[year, metric]:.6g}, old range {low[year, metric]:.6g} to "
                f"{high[year, metric]:.6g}"
            )
    return ok


def main() -> None:
    """Run both codes and compare, or (`--dump`) write this code's values for a parent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer", type=Path, help="the old code's src folder")
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump is not None:
        np.savez(args.dump, **headline_values(args.seeds))
        return
    if args.peer is None:
        parser.error("--peer SRC is required")
    old = peer_values(args.peer, args.seeds)
    new = headline_values(args.seeds)
    ok = compare(old, new)
    print("every mean inside the old range" if ok else "SOME MEANS OUTSIDE THE OLD RANGE")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
