"""What compiling person mode's kernels costs: a small person run in a fresh process.

Runs two years of a person state at 1/200 of the population (moves and ageing, every
kernel called) in a child process, with numba's cache in an empty directory (every
kernel compiled) and again with that directory filled (kernels loaded from the cache),
and, with `--peer`, the same two runs on an older `src` (on PYTHONPATH), alternated.
Prints wall and CPU seconds of each child, imports included.

Run: python benchmarks/bench_person_compile.py [--peer /tmp/person-peer/src] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

SMALL_RUN = """
from dataclasses import replace
import numpy as np
from confed.people.summary import population_at
from confed.rights.engine import compiled_treaty
from confed.simulate.moves import Mover
from confed.simulate.parameters import default_behaviour
from confed.simulate.persons import PersonState
c = compiled_treaty("dajani-yehuda-2024")
cohorts = population_at(2030)
cohorts = replace(cohorts, counts=cohorts.counts / 200)
state = PersonState(cohorts, c.places, np.random.default_rng(1))
mover, rng = Mover(c, default_behaviour()), np.random.default_rng(2)
for year in range(2030, 2032):
    state.age_one_year(rng, year)
    mover.year(state, c.phase_at(year - 2030), year, rng)
"""


def child(env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU seconds) of one small run in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", SMALL_RUN], env=env, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer", help="an older src directory, the baseline")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    sides = [("this checkout", {})] + ([("peer", {"PYTHONPATH": args.peer})] if args.peer else [])
    for _ in range(args.rounds):
        for side, extra in sides:  # alternated, each with a cache of its own
            with tempfile.TemporaryDirectory() as cache:
                env = {**os.environ, **extra, "NUMBA_CACHE_DIR": cache}
                for label in ("empty cache (compiles)", "warm cache"):
                    wall, cpu = child(env)
                    print(f"{side:<14} {label:<24} wall {wall:6.2f} s  CPU {cpu:6.2f} s")


if __name__ == "__main__":
    main()
