"""Cohort runs: one 30-year run per treaty, and many Monte-Carlo runs on 1 and 2 processes.

Prints, in one run: each shipped treaty's 30-year cohort run (best of N, wall and CPU
time); then `--runs` Monte-Carlo runs of one treaty streamed to a run store
(`simulate_stored`), on one process and on two, checking both give the same values,
with the wall and CPU times, the store's share, the speed-up measured and the one
Amdahl's law allows, a pure-Python two-process control of the machine's load, and the
peak memory of the parent and its workers.

With `--peer SRC` (another checkout's `src`, say main's), the per-treaty runs are timed
in fresh processes, this checkout's and the peer's alternated `--rounds` times, and the
first run's cost in a fresh process is shown with an empty and a warm numba cache (the
kernels' compile time). `--skip-many-runs` leaves out the stored Monte-Carlo runs.

Run: python benchmarks/bench_runs.py [--repeat N] [--runs N] [--treaty T] [--skip-per-treaty]
     [--skip-many-runs] [--peer SRC] [--rounds N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from confed.rights.engine import compiled_treaty
from confed.simulate.parameters import RunParameters
from confed.simulate.run import simulate
from confed.simulate.runner import simulate_stored
from confed.store import Store
from confed.treaty.load import shipped_ids


def one_run_per_treaty(repeat: int) -> None:
    """Best of `repeat` 30-year cohort runs of every shipped treaty."""
    for name, (wall, cpu, _first) in best_runs(repeat, shipped_ids()).items():
        print(
            f"30-year cohort run, {name:26s}: best {wall * 1e3:6.1f} ms wall, "
            f"{cpu * 1e3:6.1f} ms CPU (of {repeat})"
        )


def best_runs(repeat: int, names: list[str]) -> dict[str, tuple[float, float, float]]:
    """Per treaty: best wall and CPU time of `repeat` 30-year cohort runs, and the first's.

    In a fresh process the first run's CPU time includes compiling or loading the kernels.
    """
    params = RunParameters(years=30, start_year=2030)
    out = {}
    for name in names:
        c = compiled_treaty(name)
        cpu = time.process_time()
        simulate(c, params)  # warm: compiled tables and caches
        first = time.process_time() - cpu
        walls, cpus = [], []
        for _ in range(repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            simulate(c, params)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        out[name] = (min(walls), min(cpus), first)
    return out


def against_peer(peer: Path, repeat: int, rounds: int) -> None:
    """Per treaty, best CPU of this checkout and of `peer` (a `src` folder), alternated.

    Each side runs in a fresh process per round; the best of all rounds is shown, with
    the load average when each round ended.
    """
    best: dict[str, dict[str, float]] = {"this": {}, "peer": {}}
    for r in range(rounds):
        for side in ("peer", "this"):
            got = _side(peer if side == "peer" else None, ["--per-treaty-json"], repeat)
            for name, (_wall, cpu, _first) in got.items():
                best[side][name] = min(cpu, best[side].get(name, cpu))
            load = " ".join(f"{x:.1f}" for x in os.getloadavg())
            print(f"round {r + 1}, {side}: done, load {load}")
    for name, cpu in best["this"].items():
        peer_cpu = best["peer"][name]
        print(
            f"30-year cohort run, {name:26s}: this {cpu * 1e3:6.1f} ms CPU, peer "
            f"{peer_cpu * 1e3:6.1f} ms CPU ({cpu / peer_cpu - 1:+.0%}; best of {rounds} x {repeat})"
        )


def first_runs(peer: Path | None) -> None:
    """The first run's CPU time in a fresh process: numba's cache empty, then warm.

    The difference from a later run is the kernels' compile (empty cache) or load (warm)
    time, plus the run's first-time tables; the peer's first run shows the latter alone.
    """
    treaty = shipped_ids()[0]
    with tempfile.TemporaryDirectory() as cache:
        env = {"NUMBA_CACHE_DIR": cache}
        for label in ("empty numba cache", "warm numba cache"):
            _wall, cpu, first = _side(None, ["--per-treaty-json", "--treaty", treaty], 1, env)[
                treaty
            ]
            print(f"first run in a fresh process, {label}: {first:.2f} s CPU, later {cpu:.3f} s")
    if peer is not None:
        _wall, cpu, first = _side(peer, ["--per-treaty-json", "--treaty", treaty], 1)[treaty]
        print(f"first run in a fresh process, peer: {first:.2f} s CPU, later {cpu:.3f} s")


def _side(
    peer: Path | None, args: list[str], repeat: int, env: dict[str, str] | None = None
) -> dict[str, list[float]]:
    """Figures of this script as JSON from a fresh process, on `peer`'s code when given."""
    environ = {**os.environ, **(env or {})}
    if peer is not None:
        environ["PYTHONPATH"] = str(peer)
    out = subprocess.run(
        [sys.executable, __file__, *args, "--repeat", str(repeat)],
        check=True, capture_output=True, text=True, env=environ,
    ).stdout  # fmt: skip
    return json.loads(out.splitlines()[-1])


def many_runs(treaty: str, runs: int) -> None:
    """`runs` Monte-Carlo runs stored, on one process and on two, with what limits the ratio.

    Each way runs in a fresh Python process (`--way`), so its CPU time, its workers' and
    its peak memory are its own. A pure-Python control before and after each way shows
    how much of two cores the machine gave at that minute; the parent's time in the
    store (DuckDB) and after the last run (the part no worker can share) give the
    speed-up Amdahl's law allows. A quarter as many runs on two processes shows the
    parent's memory per run.
    """
    ways = [("one process", 1, runs), ("two processes", 2, runs), ("two processes", 2, runs // 4)]
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        for i, (way, workers, n) in enumerate(ways):
            before = two_core_control()
            out = subprocess.run(
                [sys.executable, __file__, "--way", str(workers), "--runs", str(n),
                 "--treaty", treaty, "--store", str(Path(folder) / f"runs{i}.duckdb")],
                check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
            got = json.loads(out.splitlines()[-1])
            after = two_core_control()
            figures.append(got)
            print(
                f"{n} runs of {treaty}, {way}, stored: {got['wall']:.2f} s wall; CPU "
                f"{got['cpu_self']:.1f} s this process, {got['cpu_workers']:.1f} s workers; "
                f"store {got['store']:.2f} s, after the last run {got['tail']:.2f} s; peak RSS "
                f"{got['rss_self']:.0f} MiB, largest worker {got['rss_worker']:.0f} MiB; minor "
                f"faults {got['faults_self'] / 1e3:.0f} k, workers "
                f"{got['faults_workers'] / 1e3:.0f} k; two-core control {before:.2f}x before, "
                f"{after:.2f}x after; "
                f"load {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
            )
    one, two, few = figures
    assert one["digest"] == two["digest"], "runs on two processes differ from the serial ones"
    serial = one["store"] / one["wall"]
    tail = two["tail"] / one["wall"]
    cpu_two = (two["cpu_self"] + two["cpu_workers"]) / one["cpu_self"]
    print(
        f"speed-up on 2 processes: {one['wall'] / two['wall']:.2f}x measured (identical values); "
        f"Amdahl allows {amdahl(serial):.2f}x with the store write serial ({serial:.0%} of one "
        f"process), {amdahl(tail):.2f}x with it streamed (after the last run: {tail:.1%}); "
        f"two processes and the parent used {cpu_two:.0%} of one process's CPU time"
    )
    per_run = (two["rss_self"] - few["rss_self"]) * 2**20 / (runs - runs // 4)
    print(
        f"peak RSS summed over processes: {two['rss_self'] + 2 * two['rss_worker']:.0f} MiB "
        f"(this process and two workers at their largest); this process {few['rss_self']:.0f} "
        f"MiB at {runs // 4} runs, {two['rss_self']:.0f} MiB at {runs}: "
        f"{per_run / 1e3:.0f} kB a run"
    )


def amdahl(serial: float) -> float:
    """The speed-up on two cores of work with this serial fraction."""
    return 1 / (serial + (1 - serial) / 2)


def _spin(n: int) -> int:
    """Pure-Python work: no I/O, no shared state, no native library."""
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def two_core_control(n: int = 3_000_000) -> float:
    """How many cores two processes got at this minute: 2.0 on an idle 2-core machine.

    The same pure-Python work once alone, then twice at once in two forked processes.
    """
    start = time.perf_counter()
    _spin(n)
    alone = time.perf_counter() - start
    context = mp.get_context("fork")
    pair = [context.Process(target=_spin, args=(n,)) for _ in range(2)]
    start = time.perf_counter()
    for p in pair:
        p.start()
    for p in pair:
        p.join()
    return 2 * alone / (time.perf_counter() - start)


def one_way(treaty: str, runs: int, workers: int, store: Path) -> None:
    """Run and store `runs` runs on `workers` processes; print this process's figures as JSON."""
    c = compiled_treaty(treaty)
    params = RunParameters(years=30, start_year=2030, runs=runs)
    timing = _time_the_store()
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    _run_id, sim = simulate_stored(c, params, store, workers=workers)
    end = time.perf_counter()
    wall = end - start
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    digest = hashlib.sha256()
    for values in sim.values:
        digest.update(values.tobytes())
    figures = {
        "wall": wall,
        "cpu_self": own.ru_utime + own.ru_stime - before.ru_utime - before.ru_stime,
        "cpu_workers": children.ru_utime + children.ru_stime,
        "store": timing["store"] + end - timing["saved"],  # with the store's close
        "tail": end - timing["last"],
        "rss_self": own.ru_maxrss / 1024,
        "rss_worker": children.ru_maxrss / 1024,
        "faults_self": own.ru_minflt - before.ru_minflt,
        "faults_workers": children.ru_minflt,
        "digest": digest.hexdigest(),
    }
    print(json.dumps(figures))


def _time_the_store() -> dict[str, float]:
    """Time the store's writes, the arrival of the last run, and the end of the save.

    The writes are each run's rows (`Store.add_rows`) and the run's record
    (`Store.finish_run`).
    """
    timing = {"store": 0.0, "last": 0.0, "saved": 0.0}
    add, finish = Store.add_rows, Store.finish_run

    def timed_add(self, run_id, batch):
        timing["last"] = start = time.perf_counter()
        add(self, run_id, batch)
        timing["store"] += time.perf_counter() - start

    def timed_finish(self, *args):
        start = time.perf_counter()
        finish(self, *args)
        timing["saved"] = time.perf_counter()
        timing["store"] += timing["saved"] - start

    Store.add_rows, Store.finish_run = timed_add, timed_finish
    return timing


def main() -> None:
    """Parse the options and print every figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--treaty", default="alfa")
    parser.add_argument("--skip-per-treaty", action="store_true", help="Only the many runs.")
    parser.add_argument("--skip-many-runs", action="store_true", help="Only the per-treaty runs.")
    parser.add_argument("--peer", type=Path, help="Another checkout's src, timed alternately.")
    parser.add_argument("--rounds", type=int, default=2, help="Alternations with --peer.")
    parser.add_argument("--per-treaty-json", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--way", type=int, help=argparse.SUPPRESS)  # workers, in a subprocess
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.way:
        one_way(args.treaty, args.runs, args.way, args.store)
        return
    if args.per_treaty_json:  # in a subprocess: one treaty (with --treaty given) or all
        names = [args.treaty] if "--treaty" in sys.argv else shipped_ids()
        print(json.dumps(best_runs(args.repeat, names)))
        return
    if not args.skip_per_treaty:
        if args.peer is None:
            one_run_per_treaty(args.repeat)
        else:
            against_peer(args.peer, args.repeat, args.rounds)
        first_runs(args.peer)
    if not args.skip_many_runs:
        many_runs(args.treaty, args.runs)


if __name__ == "__main__":
    main()
