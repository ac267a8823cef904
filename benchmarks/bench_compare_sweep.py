"""`confed compare` with its default sweep, end to end, against a peer checkout in turns.

Runs `confed compare` (every shipped treaty, `--sweep 2` on the local cluster of two
workers, the reports written) in a fresh process with its own store and output folder,
alternately with this checkout's `src` and the peer's (`--peer DIR/src`, e.g. a
`git worktree add --detach /tmp/peer main`), and prints each run's wall time, CPU (user
and system, the process and its workers), peak RSS of the largest process and the load
average before and after. Then checks that every comparison.json holds the same numbers
(the run ids and the date apart).

    python benchmarks/bench_compare_sweep.py --peer /tmp/peer/src [--rounds 2] [compare's options]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "src"


def _load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def _run(src: Path, folder: Path, args: list[str]) -> dict:
    """One `confed compare` in a fresh process with `src` first on its path."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [str(Path(sys.executable).parent / "confed"), "compare", *args]
    command += ["--store", str(folder / "runs.duckdb"), "--out", str(folder / "out")]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load, start = _load(), time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "wall": wall,
        "user": after.ru_utime - before.ru_utime,
        "system": after.ru_stime - before.ru_stime,
        "rss_gib": after.ru_maxrss / 2**20,
        "load": f"{load} -> {_load()}",
        "json": folder / "out" / "comparison.json",
    }


def _numbers(path: Path) -> dict:
    """comparison.json without what differs from run to run (date, run ids)."""
    data = json.loads(path.read_text())
    data.pop("generated", None)
    return data


def main() -> None:
    """Alternate the two checkouts and print each run's figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer", type=Path, required=True, help="the peer checkout's src")
    parser.add_argument("--rounds", type=int, default=2)
    args, more = parser.parse_known_args()  # the rest goes to confed compare
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            for name, src in (("peer", args.peer), ("this", HERE)):
                folder = Path(tmp) / f"{name}-{r}"
                found = _run(src, folder, more)
                runs.append(found)
                print(
                    f"{name} round {r + 1}: wall {found['wall']:.1f} s, CPU "
                    f"{found['user']:.1f} s user + {found['system']:.1f} s system, "
                    f"peak RSS {found['rss_gib']:.2f} GiB, load {found['load']}",
                    flush=True,
                )
        first = _numbers(runs[0]["json"])
        same = all(_numbers(r["json"]) == first for r in runs[1:])
    print("comparison.json: " + ("the same numbers in every run" if same else "DIFFERS"))


if __name__ == "__main__":
    main()
