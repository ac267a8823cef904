"""A one-off `confed rights`: the command as a user runs it, against today's path, in one run.

Each round starts fresh interpreters, alternating: `confed rights ...` answering from
the treaty's kept answers (`confed.rights.cached`, written by a first call beforehand),
and the peer, the same command through the engine (the treaty loaded and compiled over
the one person's type, as the command answers without kept answers), in --json and in
text. Wall and CPU time (user + system of the child) are printed as best and median over
the rounds, with `confed --help` and the first call that writes the kept answers; both
paths print the same bytes (checked). With `--peer SRC` (another checkout's `src`, say
main's in a `git worktree`), that code answers the same commands in the same rounds,
from its own kept answers, and must print the same bytes too. Then, in this process,
the steps alone.

    python benchmarks/bench_answer.py [--rounds N] [--treaty ID] [--peer SRC]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ARGS = ["--citizenship", "PS", "--residence", "jaffa", "--status", "refugee", "--year", "2045"]
ENGINE = """
import sys
from confed.cli import main
from confed.rights import cached
cached.Kept.load = classmethod(lambda cls, name: None)  # the engine's path, keeping nothing
import confed.rights.cache_build
confed.rights.cache_build.keep_answers = lambda name, loaded=None: None
sys.argv = ["confed", *sys.argv[1:]]
main()
"""
"""The command through the engine: what `confed rights` does when nothing is kept."""

PEER = "import sys; from confed.cli import main; sys.argv[0] = 'confed'; main()"
"""`confed ARGS` from the peer's code (its `src` first on PYTHONPATH)."""


def timed(command: list[str], env: dict[str, str] | None) -> tuple[float, float, str]:
    """Wall and CPU seconds of a child process, and what it printed."""
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu, done.stdout


def summary(name: str, figures: list[tuple[float, float]]) -> None:
    walls, cpus = [w for w, _ in figures], [c for _, c in figures]
    print(
        f"{name:44s} wall best {min(walls):.3f} s median {statistics.median(walls):.3f} s; "
        f"CPU best {min(cpus):.3f} s median {statistics.median(cpus):.3f} s"
    )


def in_process(treaty: str) -> None:
    """The steps alone, imports already paid: reading kept answers against the engine's."""
    from confed.rights.answer import one_answer
    from confed.rights.cached import Kept

    kept = Kept.load(treaty)
    assert kept is not None
    steps = {
        "kept: read and check the file": lambda: Kept.load(treaty),
        "kept: one answer from the read file": lambda: kept.answer("PS", "jaffa", 2045, "refugee"),
        "engine: load, check, one type, answer": lambda: one_answer(treaty, *PERSON),
    }
    best: dict[str, float] = {}
    for _ in range(5):
        for name, step in steps.items():
            start = time.process_time()
            step()
            best[name] = min(best.get(name, 1e9), time.process_time() - start)
    for name, seconds in best.items():
        print(f"{name:44s} CPU best {seconds * 1000:.1f} ms")


PERSON = ("PS", "jaffa", 2045, "refugee")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--treaty", default="dajani-yehuda-2024")
    parser.add_argument("--peer", metavar="SRC", help="another checkout's src, timed alongside")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="confed-bench-cache-") as cache:
        os.environ["CONFED_CACHE_DIR"] = cache  # kept answers of this run only
        measure(args.treaty, args.rounds, args.peer)


def measure(treaty: str, rounds: int, peer: str | None = None) -> None:
    """Time each command `rounds` times, alternating, and print the figures."""
    peer_env = {**os.environ, "PYTHONPATH": os.path.abspath(peer)} if peer else None
    confed = os.path.join(os.path.dirname(sys.executable), "confed")
    question = ["rights", treaty, *ARGS]
    first = timed([confed, *question, "--json"], None)  # writes the kept answers
    commands: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "kept, --json": ([confed, *question, "--json"], None),
        "engine, --json (peer)": ([sys.executable, "-c", ENGINE, *question, "--json"], None),
        "kept, text": ([confed, *question], None),
        "engine, text (peer)": ([sys.executable, "-c", ENGINE, *question], None),
        "confed --help": ([confed, "--help"], None),
    }
    if peer:
        env = peer_env
        peer_first = timed([sys.executable, "-c", PEER, *question], env)  # its kept answers
        commands |= {
            "peer kept, --json": ([sys.executable, "-c", PEER, *question, "--json"], env),
            "peer kept, text": ([sys.executable, "-c", PEER, *question], env),
            "peer confed --help": ([sys.executable, "-c", PEER, "--help"], env),
        }
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    printed: dict[str, set[str]] = {"--json": set(), "text": set()}
    for _ in range(rounds):
        for name, (command, env) in commands.items():
            wall, cpu, out = timed(command, env)
            figures[name].append((wall, cpu))
            if "help" not in name:
                printed["--json" if "--json" in name else "text"].add(out)
    assert printed["--json"] == {first[2]}, "the two paths print different JSON"
    assert len(printed["text"]) == 1, "the two paths print different text"
    print(f"load average {os.getloadavg()[0]:.1f}; {rounds} rounds; outputs identical")
    print(f"confed rights {' '.join(question[1:])}:")
    print(f"{'first call (engine, then keeps the answers)':44s} wall {first[0]:.3f} s; "
          f"CPU {first[1]:.3f} s")  # fmt: skip
    if peer:
        print(f"{'peer first call (text)':44s} wall {peer_first[0]:.3f} s; "
              f"CPU {peer_first[1]:.3f} s")  # fmt: skip
    for name, runs in figures.items():
        summary(name, runs)
    in_process(treaty)


if __name__ == "__main__":
    main()
