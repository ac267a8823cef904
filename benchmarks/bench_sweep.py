"""Sensitivity sweeps: runs per second serially and on a local Dask cluster of 1 and 2 workers.

The same Sobol design of one treaty's 30-year cohort run is evaluated three ways in one
run — in this process (the peer: no scheduler at all), on a local cluster with one worker
process, and with two — and the per-task overhead is measured with empty tasks. Results
must agree exactly across the three.

Each way prints its wall time and the CPU time a run took (this process's, or the
workers' summed), the figure to compare while other work shares the cores. To measure
another checkout with the same script: PYTHONPATH=OTHER/src python benchmarks/bench_sweep.py.

Run: python benchmarks/bench_sweep.py [--treaty T] [--samples N] [--years Y]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from confed.rights.engine import compiled_treaty, entry_year
from confed.sensitivity.cluster import SerialRunner, dask_runner
from confed.sensitivity.run import plan_for
from confed.sensitivity.sweep import SweepSpec, evaluate
from confed.simulate.parameters import RunParameters


def _nothing(rows: np.ndarray) -> np.ndarray:
    return np.zeros((len(rows), 1))


def main() -> None:
    """Time each way of running the same design and print runs per second."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--treaty", default="dajani-yehuda-2024")
    parser.add_argument("--samples", type=int, default=8)
    parser.add_argument("--years", type=int, default=30)
    args = parser.parse_args()
    c = compiled_treaty(args.treaty)
    start, _ = entry_year(c)
    base = RunParameters(years=args.years, start_year=start)
    plan = plan_for(
        args.treaty, base, [("population", "in_land", start + args.years - 1)],
        SweepSpec("sobol", args.samples, 1),
    )  # fmt: skip
    n = len(plan.rows)
    print(
        f"{args.treaty}: {n} runs of {args.years} years ({len(plan.model.parameters)} parameters)"
    )
    plan.model.evaluate(plan.rows[:1])  # compile and warm up this process
    t, cpu = time.perf_counter(), time.process_time()
    serial = evaluate(plan.model, plan.rows, SerialRunner())
    serial_s, cpu = time.perf_counter() - t, time.process_time() - cpu
    print(
        f"serial, in this process: {serial_s:.1f} s, {n / serial_s:.1f} runs/s; "
        f"{cpu / n * 1e3:.0f} ms CPU a run"
    )
    rates = {}
    for workers in (1, 2):
        with dask_runner(None, workers) as runner:
            runner.client.run(plan.model.evaluate, plan.rows[:1])  # warm every worker
            before = runner.client.run(time.process_time)
            t = time.perf_counter()
            found = evaluate(plan.model, plan.rows, runner)
            seconds = time.perf_counter() - t
            after = runner.client.run(time.process_time)
            cpu = sum(after[w] - before[w] for w in after)
            assert np.array_equal(found, serial), "a cluster run differs from the serial one"
            rates[workers] = n / seconds
            print(
                f"local cluster, {workers} worker(s): {seconds:.1f} s, {rates[workers]:.1f} runs/s;"
                f" {cpu / n * 1e3:.0f} ms of the workers' CPU a run"
            )
            if workers == 2:
                empty = {i: (_nothing, np.zeros((1, 1))) for i in range(200)}
                t = time.perf_counter()
                for _ in runner.run(empty):
                    pass
                per_task = (time.perf_counter() - t) / len(empty)
                print(f"per-task overhead (200 empty tasks): {per_task * 1000:.1f} ms")
    print(f"speed-up from 1 to 2 workers: {rates[2] / rates[1]:.2f}x")


if __name__ == "__main__":
    main()
