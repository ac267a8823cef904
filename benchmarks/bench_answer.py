"""A one-off `confed rights`: the command as a user runs it, against its peer, in one run.

Each round starts fresh interpreters, alternating: `confed rights ...` (which compiles
the treaty over the one person's type) and the peer, the same answer after the whole
compile over every person type (as the command did before) with the command's imports.
Wall and CPU time (user + system of the child) are printed as best and median over the
rounds; both print the same answer (checked). Then, in this process, the load and
compile steps alone.

    python benchmarks/bench_answer.py [--rounds N] [--treaty ID]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ARGS = ["--citizenship", "PS", "--residence", "jaffa", "--status", "refugee", "--year", "2045"]
PEER = """
import sys
from confed.cli import _print_json
from confed.rights.answer import answer_for
from confed.rights.engine import compiled_treaty
import confed.rights.terminal
_print_json(answer_for(compiled_treaty(sys.argv[1]), "PS", "jaffa", 2045, "refugee").data)
"""


def timed(command: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of a child process, and what it printed."""
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu, done.stdout


def summary(name: str, figures: list[tuple[float, float]]) -> None:
    walls, cpus = [w for w, _ in figures], [c for _, c in figures]
    print(
        f"{name:52s} wall best {min(walls):.3f} s median {statistics.median(walls):.3f} s; "
        f"CPU best {min(cpus):.3f} s median {statistics.median(cpus):.3f} s"
    )


def in_process(treaty: str) -> None:
    """Load, check and compile steps alone (imports already paid)."""
    from confed.places import places
    from confed.rights.answer import one_answer
    from confed.rights.compile import CompiledTreaty
    from confed.rights.engine import checked_treaty

    places()
    loaded = checked_treaty(treaty)
    steps = {
        "load and check the treaty": lambda: checked_treaty(treaty),
        "compile every person type (peer)": lambda: CompiledTreaty(loaded, places()),
        "one_answer: load, check, one type, answer": lambda: one_answer(treaty, *PERSON),
    }
    best: dict[str, float] = {}
    for _ in range(5):
        for name, step in steps.items():
            start = time.process_time()
            step()
            best[name] = min(best.get(name, 1e9), time.process_time() - start)
    for name, seconds in best.items():
        print(f"{name:52s} CPU best {seconds * 1000:.1f} ms")


PERSON = ("PS", "jaffa", 2045, "refugee")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--treaty", default="dajani-yehuda-2024")
    args = parser.parse_args()
    confed = os.path.join(os.path.dirname(sys.executable), "confed")
    ours = [confed, "rights", args.treaty, *ARGS, "--json"]
    peer = [sys.executable, "-c", PEER, args.treaty]
    help_ = [confed, "--help"]
    figures: dict[str, list[tuple[float, float]]] = {"ours": [], "peer": [], "help": []}
    for _ in range(args.rounds):
        for key, command in (("ours", ours), ("peer", peer), ("help", help_)):
            wall, cpu, out = timed(command)
            figures[key].append((wall, cpu))
            if key != "help":
                answers = figures.setdefault(f"{key} answer", [])  # type: ignore[arg-type]
                answers.append(json.loads(out))  # type: ignore[arg-type]
    assert figures["ours answer"] == figures["peer answer"], "the two paths answer differently"
    print(f"load average {os.getloadavg()[0]:.1f}; {args.rounds} rounds; answers identical")
    summary(f"confed rights {args.treaty} ... --json (one type)", figures["ours"])
    summary("peer: the same after compiling every type", figures["peer"])
    summary("confed --help", figures["help"])
    in_process(args.treaty)


if __name__ == "__main__":
    main()
