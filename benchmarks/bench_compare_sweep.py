"""`confed compare` with its default sweep, end to end, against a peer checkout in turns.

Runs `confed compare` (every shipped treaty, `--sweep 2` on the local cluster of two
workers, the reports written) in a fresh process with its own store and output folder,
alternately with this checkout's `src` and the peer's (`--peer DIR/src`, e.g. a
`git worktree add --detach /tmp/peer main`), and prints each run's wall time, CPU (user
and system, the process and its workers), peak RSS of the largest process and the load
average before and after. Then checks that every comparison.json holds the same numbers
(the run ids and the date apart): how many numbers differ, by how much at most, and
where anything other than a number differs.

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


def _differences(a, b, at: str = "") -> list[tuple[float, float, str]]:
    """Every number that differs as (relative, absolute difference, where), and anything else.

    A relative difference is |a - b| / max(|a|, |b|): the kernels may sum in another
    order, which moves numbers in their last digits (and a zero by 1e-16) without
    changing what they say; what is not a number and differs comes as (inf, inf, where).
    """
    if isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys():
        return [d for k in a for d in _differences(a[k], b[k], f"{at}/{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [
            d
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in _differences(x, y, f"{at}[{i}]")
        ]
    if a == b:
        return []
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (a, b))
    if not numbers:
        return [(float("inf"), float("inf"), at or "/")]
    return [(abs(a - b) / max(abs(a), abs(b)), abs(a - b), at)]


def _summary(differences: list[tuple[float, float, str]]) -> str:
    """How many numbers differ, how many by more than 1e-9 relative and absolute, the largest."""
    beyond = [d for d in differences if d[0] > 1e-9 and d[1] > 1e-9]
    text = f"{len(differences):,} values differ, {len(beyond):,} by over 1e-9 relative and absolute"
    if beyond:
        rel, ab, where = max(beyond)
        text += f"; the largest {rel:.1e} relative ({ab:.1e} absolute) at {where}"
    return text


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
        for r, found in enumerate(runs[1:], start=2):
            differences = _differences(first, _numbers(found["json"]))
            print(f"comparison.json of run {r} against run 1: {_summary(differences)}")


if __name__ == "__main__":
    main()
