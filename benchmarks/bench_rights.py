"""Rights for 20 million weighted rows: the type-gather engine against a per-row peer.

The engine decides each right once per person type and gathers it to rows. The peer, in
the same run, evaluates the same compiled rule sets directly on every row's facts (still
vectorized NumPy), which is what an engine without the type space would do.

Run: python benchmarks/bench_rights.py [--rows N] [--treaty T]
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np

from confed.places import places
from confed.rights.compile import Facts
from confed.rights.engine import People, compiled_treaty, entry_year, rights_for
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
    """Every output column for every row, through the type index."""
    c = compiled_treaty(treaty)
    result = rights_for(people, c, year)
    out = {"sovereign": result.codes("sovereign"), "citizenship": result.codes("citizenship")}
    for right in RIGHTS:
        if right in PER_STATE_RIGHTS:
            for state in c.states:
                out[f"{right}.{state}"] = result.codes(right, state)
        else:
            out[right] = result.codes(right)
    return out


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


def main() -> None:
    """Time both and print rows per second, the ratio and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000_000)
    parser.add_argument("--treaty", default="dajani-yehuda-2024")
    args = parser.parse_args()
    c = compiled_treaty(args.treaty)
    year = entry_year(c)[0] + 8
    people = synthetic_people(args.rows)
    t_engine, ours = best_of(lambda: engine(people, args.treaty, year), 3)
    t_peer, theirs = best_of(lambda: per_row_peer(people, args.treaty, year), 1)
    for name, column in theirs.items():
        assert np.array_equal(column, ours[name]), f"peer disagrees on {name}"
    print(f"treaty {args.treaty}, {args.rows:,} rows, {len(ours)} output columns, year {year}")
    print(f"type-gather engine : {t_engine:7.3f} s  {args.rows / t_engine / 1e6:8.1f} M rows/s")
    print(f"per-row rules peer : {t_peer:7.3f} s  {args.rows / t_peer / 1e6:8.1f} M rows/s")
    print(f"speed-up           : {t_peer / t_engine:7.1f} x (identical outputs)")
    openfisca(people, c, year, t_engine, ours)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS           : {peak:7.0f} MiB")


def openfisca(people: People, c, year: int, t_engine: float, ours: dict) -> None:
    """Time the OpenFisca encoding of the same rules, when the bench extra is installed."""
    if c.treaty.id != "dajani-yehuda-2024":
        print("OpenFisca peer      : written for dajani-yehuda-2024 only; skipped")
        return
    try:
        from openfisca_peer import openfisca_rights, system
    except ImportError:
        print("OpenFisca peer      : not installed (pip install -e '.[bench]'); skipped")
        return
    tbs = system(c)
    t_of, theirs = best_of(lambda: openfisca_rights(tbs, people, year), 1)
    for name, column in theirs.items():
        mine = ours[name.replace("_IL", ".IL").replace("_PS", ".PS")]
        assert np.array_equal(column, mine), f"OpenFisca disagrees on {name}"
    print(
        f"OpenFisca peer     : {t_of:7.3f} s  {len(people) / t_of / 1e6:8.1f} M rows/s "
        f"({len(theirs)} columns, identical; engine {t_of / t_engine:.1f}x faster)"
    )


if __name__ == "__main__":
    main()
