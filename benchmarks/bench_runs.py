"""Cohort runs: one 30-year run per treaty, and many Monte-Carlo runs on 1 and 2 processes.

Prints, in one run: each shipped treaty's 30-year cohort run (best of N, wall and CPU
time); then `--runs` Monte-Carlo runs of one treaty with the results written to a run
store, on one process and on two (`simulate(..., workers=2)`), checking both give the
same values, with the wall time, the speed-up and the peak memory of this process and
its workers.

Run: python benchmarks/bench_runs.py [--repeat N] [--runs N] [--treaty T]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from confed.rights.engine import compiled_treaty
from confed.simulate.parameters import RunParameters
from confed.simulate.run import simulate
from confed.store import Store
from confed.treaty.load import shipped_ids


def one_run_per_treaty(repeat: int) -> None:
    """Best of `repeat` 30-year cohort runs of every shipped treaty."""
    params = RunParameters(years=30, start_year=2030)
    for name in shipped_ids():
        c = compiled_treaty(name)
        simulate(c, params)  # warm: compiled tables and caches
        walls, cpus = [], []
        for _ in range(repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            simulate(c, params)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        print(
            f"30-year cohort run, {name:26s}: best {min(walls) * 1e3:6.1f} ms wall, "
            f"{min(cpus) * 1e3:6.1f} ms CPU (of {repeat})"
        )


def many_runs(treaty: str, runs: int) -> None:
    """`runs` Monte-Carlo runs stored, three ways, all equal.

    On one core; on one process whose linear algebra may use both cores; and on two
    processes of one thread each.
    """
    c = compiled_treaty(treaty)
    params = RunParameters(years=30, start_year=2030, runs=runs)
    times, values = {}, {}
    ways = {
        "one core": (1, threadpool_limits(1)),
        "one process, BLAS on both cores": (1, nullcontext()),
        "two processes": (2, nullcontext()),
    }
    with tempfile.TemporaryDirectory() as folder:
        for way, (workers, limit) in ways.items():
            start = time.perf_counter()
            with limit:
                sim = simulate(c, params, workers=workers)
            with Store(Path(folder) / "runs.duckdb") as store:
                store.save_simulation(sim)
            times[way] = time.perf_counter() - start
            values[way] = sim.values
            print(f"{runs} runs of {treaty}, {way}, stored: {times[way]:.2f} s")
    for way in ways:
        same = all(
            np.array_equal(a, b) for a, b in zip(values["one core"], values[way], strict=True)
        )
        assert same, f"runs on {way} differ from the serial ones"
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"speed-up on 2 processes: {times['one core'] / times['two processes']:.2f}x against "
        f"one core, {times['one process, BLAS on both cores'] / times['two processes']:.2f}x "
        "against one process using both cores (identical values)"
    )
    print(f"peak RSS: this process {own:.0f} MiB, largest worker {workers:.0f} MiB")


def main() -> None:
    """Parse the options and print every figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--treaty", default="alfa")
    args = parser.parse_args()
    one_run_per_treaty(args.repeat)
    many_runs(args.treaty, args.runs)


if __name__ == "__main__":
    main()
