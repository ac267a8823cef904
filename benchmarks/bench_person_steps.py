"""A person year's steps one at a time, on the same state, against a peer's code.

Builds a treaty's population of its entry year as one row per person and times, in
CPU and wall milliseconds (row passes run on numba's threads: CPU sums them), the
steps a person run repeats: a sparse choice (chance 0.04 for every other person type,
as the moves inside a state draw), the move of the persons it chose (`spread`, to
places drawn from a fixed random weights table), a dense choice (chance 0.25 for 800
types, as the first year's relocations draw), and a year's ageing (`age_one_year`,
three years in a row). Each figure is the median of its rounds
after a first call that loads the kernels. With `--peer`, the same steps run with an
older `src` on PYTHONPATH in a child process, the two sides alternated.

Run: python benchmarks/bench_person_steps.py [--peer /tmp/person-peer/src]
     [--treaty dajani-yehuda-2024] [--rounds 5] [--batches 2]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np


def steps(treaty: str, rounds: int) -> dict[str, float]:
    """Median CPU and wall milliseconds of each step, with the code on this process's path."""
    from confed.people.summary import population_at
    from confed.rights.engine import compiled_treaty, entry_year
    from confed.simulate.persons import PersonState
    from confed.simulate.state import POOLS

    c = compiled_treaty(treaty)
    start, _ = entry_year(c)
    state = PersonState(population_at(start), c.places, np.random.default_rng(1))
    rng = np.random.default_rng(7)
    n_types = len(state.type_sizes())
    sparse = np.where(np.arange(n_types) % 2 == 0, 0.04, 0.0)
    dense = np.zeros(n_types)
    dense[np.random.default_rng(0).choice(n_types, 800, replace=False)] = 0.25
    weights = np.random.default_rng(3).random((POOLS, len(c.places)))
    spent: dict[str, list[float]] = {}

    def timed(name, fn):
        t, wall = time.process_time(), time.perf_counter()
        out = fn()
        spent.setdefault(name, []).append(time.process_time() - t)
        spent.setdefault(f"{name}, wall", []).append(time.perf_counter() - wall)
        return out

    for _ in range(rounds + 1):  # the first round loads the kernels and is dropped
        units, _ = timed("sparse choice", lambda: state.choose(rng, sparse))
        status = c.space.status[state.types()[units]]  # each row's status, either code
        timed("move", lambda u=units, s=status: state.spread(rng, u, s, weights))
        timed("dense choice", lambda: state.choose(rng, dense))
    for year in range(start, start + 4):
        timed("a year's ageing", lambda y=year: state.age_one_year(rng, y))
    out = {name: 1e3 * float(np.median(values[1:])) for name, values in spent.items()}
    out["rows (M)"] = len(state.types()) / 1e6
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer", help="an older src directory, the baseline")
    parser.add_argument("--treaty", default="dajani-yehuda-2024")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--batches", type=int, default=2)
    parser.add_argument("--emit", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.emit:
        print(json.dumps(steps(args.treaty, args.rounds)))
        return
    sides = [("this checkout", None)] + ([("peer", args.peer)] if args.peer else [])
    for _ in range(args.batches):
        for side, src in sides:
            env = {**os.environ, **({"PYTHONPATH": src} if src else {})}
            argv = [sys.executable, __file__, "--emit", "--treaty", args.treaty]
            run = subprocess.run(
                [*argv, "--rounds", str(args.rounds)], env=env, check=True, capture_output=True
            )
            figures = json.loads(run.stdout)
            shown = ", ".join(f"{name} {value:.1f}" for name, value in figures.items())
            print(f"{side:<14} {shown} (ms CPU, and wall where said; median)")


if __name__ == "__main__":
    main()
