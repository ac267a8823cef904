"""Rights for 20 million weighted rows: the type-gather engine against its peers.

The engine decides every output once per person type, packs a type's outputs into one
64-bit word and gathers that word to each row (columns are decoded from it on demand).
The peers, in the same run and each best of 3: the same compiled rule sets evaluated
on every row's facts (vectorized NumPy: an engine without the type space); the same
rules written for OpenFisca, per row and on the person types then gathered; and the
same formulas on PolicyEngine-core. Every peer's columns are checked equal to confed's.

Run: python benchmarks/bench_rights.py [--rows N] [--treaty T] [--skip-per-row]
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc

import numpy as np

from confed.places import places
from confed.rights.compile import Facts
from confed.rights.engine import People, compiled_treaty, entry_year, rights_for
from confed.rights.packed import output_columns
from confed.vocab import PER_STATE_RIGHTS, RIGHTS


def synthetic_people(n: int, seed: int = 0) -> People:
    """N rows with random legal facts drawn over the whole type space."""
    rng = np.random.default_rng(seed)
    return People(
        rng.integers(0, 3, n, dtype=np.int8),
        rng.integers(0, 6, n, dtype=np.int8),
        rng.integers(0, len(places()), n, dtype=np.int16),
        rng.random(n, dtype=np.float32),
        rng.integers(0, 4, n, dtype=np.int8),
    )


def engine(people: People, treaty: str, year: int) -> dict[str, np.ndarray]:
    """Every output column for every row: the packed gather, then each column decoded."""
    c = compiled_treaty(treaty)
    result = rights_for(people, c, year)
    return {name: result.codes(*name.split(".")) for name in output_columns(c, result.phase)}


def packed(people: People, treaty: str, year: int) -> np.ndarray:
    """Every output for every row as the packed words (8 bytes a row): one gather."""
    return rights_for(people, compiled_treaty(treaty), year).packed


def per_row_peer(people: People, treaty: str, year: int) -> dict[str, np.ndarray]:
    """The same rules evaluated on each row's facts instead of once per type."""
    c = compiled_treaty(treaty)
    result = rights_for(people, c, year)
    types = result.types
    facts = Facts({k: v[types] for k, v in c.right_facts.codes.items()}, c.right_facts.vocab)
    out = {}
    for right in RIGHTS:
        ruleset = getattr(c.treaty.rights, right)
        if right in PER_STATE_RIGHTS:
            state_facts = c._state_facts(facts)
            decided = c._decide(right, ruleset, state_facts, result.phase)
            for s, state in enumerate(c.states):
                out[f"{right}.{state}"] = decided.value.reshape(len(c.states), -1)[s]
        else:
            out[right] = c._decide(right, ruleset, facts, result.phase).value
    return out


def best_of(fn, repeat: int) -> tuple[float, dict[str, np.ndarray]]:
    """The fastest of `repeat` runs, and the last result."""
    best, result = float("inf"), {}
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def line(label: str, seconds: float, rows: int, note: str = "") -> None:
    """One figure: seconds and rows per second."""
    print(f"{label:34s}: {seconds:7.3f} s  {rows / seconds / 1e6:8.1f} M rows/s {note}")


def main() -> None:
    """Time the engine and its peers and print rows per second, the ratios and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000_000)
    parser.add_argument("--treaty", default="dajani-yehuda-2024")
    parser.add_argument("--skip-per-row", action="store_true", help="skip the slow per-row peer")
    args = parser.parse_args()
    c = compiled_treaty(args.treaty)
    year = entry_year(c)[0] + 8
    people = synthetic_people(args.rows)
    t_packed, _ = best_of(lambda: packed(people, args.treaty, year), 3)
    t_engine, ours = best_of(lambda: engine(people, args.treaty, year), 3)
    print(f"treaty {args.treaty}, {args.rows:,} rows, {len(ours)} output columns, year {year}")
    line("packed gather, all outputs", t_packed, args.rows)
    tracemalloc.start()
    packed(people, args.treaty, year)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{'  its peak memory (with the index)':34s}: {peak / args.rows:7.1f} bytes a row")
    line("and every column decoded", t_engine, args.rows)
    if not args.skip_per_row:
        t_peer, theirs = best_of(lambda: per_row_peer(people, args.treaty, year), 1)
        for name, column in theirs.items():
            assert np.array_equal(column, ours[name]), f"peer disagrees on {name}"
        line("per-row rules peer", t_peer, args.rows)
    openfisca(people, c, year, t_engine, ours)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak RSS':34s}: {peak:7.0f} MiB")


def openfisca(people: People, c, year: int, t_engine: float, ours: dict) -> None:
    """Time the OpenFisca encoding of the same rules on each installed core, best of 3.

    Per row on every row, and, for OpenFisca, on the person types then gathered to the
    rows by type (confed's idea, done in OpenFisca).
    """
    if c.treaty.id != "dajani-yehuda-2024":
        print("OpenFisca peers: written for dajani-yehuda-2024 only; skipped")
        return
    try:
        from openfisca_peer import core, openfisca_rights, system
    except ImportError:
        print("OpenFisca peers: not installed (pip install -e '.[bench]'); skipped")
        return
    types = rights_for(people, c, year).types
    space = People(c.space.prior, c.space.status, c.space.place, np.ones(c.space.size))
    for name in ("openfisca", "policyengine"):
        try:
            peer = core(name)
        except ImportError:
            print(f"{name:34s}: not installed (pip install -e '.[bench]'); skipped")
            continue
        tbs = system(c, peer)
        label = f"{name} {peer.version}"
        runs = {"per row": lambda peer=peer, tbs=tbs: openfisca_rights(peer, tbs, people, year)}
        if name == "openfisca":
            runs["types + gather"] = lambda peer=peer, tbs=tbs: {
                k: v[types] for k, v in openfisca_rights(peer, tbs, space, year).items()
            }
        for how, run in runs.items():
            t, theirs = best_of(run, 3)
            for column, values in theirs.items():
                mine = ours[column.replace("_IL", ".IL").replace("_PS", ".PS")]
                assert np.array_equal(values, mine), f"{label} disagrees on {column}"
            note = f"({len(theirs)} columns, identical; confed {t / t_engine:.1f}x faster)"
            line(f"{label}, {how}", t, len(people), note)


if __name__ == "__main__":
    main()
