"""What a per-type row index would save person mode's choices, before anyone builds one.

Runs a few years of a person run, keeps the chance vectors of the last year's choices
and the state they were drawn from, and times, in the same process and alternated, the
shipped draw (`person_kernels.chosen_sparse`/`chosen_dense`: candidates over every row
at the top chance) against a walk over an index of rows per person type (each type's
rows at its own chance, geometric gaps; the chosen rows sorted ascending as the shipped
draw returns them). The index is built once here, outside the timing; keeping one up to
date through moves, births and deaths would cost more, and it holds two int32 per row
(its rows by type, and each row's place in them), which this prints too.

Run: python benchmarks/bench_person_choices.py [--treaty dajani-yehuda-2024] [--years 3]
     [--rounds 3]
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np
from numba import njit

from confed.rights.engine import compiled_treaty, entry_year
from confed.simulate import persons
from confed.simulate.parameters import RunParameters, default_behaviour
from confed.simulate.person_kernels import chosen_dense, chosen_sparse
from confed.simulate.run import simulate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--treaty", default="dajani-yehuda-2024")
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    state, chances = last_years_choices(args.treaty, args.years)
    types = state.types()
    members = np.argsort(types, kind="stable").astype(np.int32)
    starts = np.zeros(len(state.type_sizes()) + 1, np.int64)
    np.cumsum(np.bincount(types, minlength=len(starts) - 1), out=starts[1:])
    rng = np.random.default_rng(5)
    index_walk(rng, members, starts, chances[0])  # compiled before the timing
    index_mib = 2 * members.nbytes / 2**20
    print(f"{args.treaty}, {len(types):,} person rows, {len(chances)} choices in the last year")
    print(f"an index of rows per type (rows by type, each row's place): {index_mib:.0f} MiB")
    for _ in range(args.rounds):
        shipped = sum(timed(lambda c=c: shipped_draw(rng, state, c)) for c in chances)
        walked = sum(
            timed(lambda c=c: np.sort(index_walk(rng, members, starts, c))) for c in chances
        )
        print(
            f"the year's choices: shipped {shipped * 1e3:.0f} ms CPU, "
            f"index walk {walked * 1e3:.0f} ms CPU"
        )


def last_years_choices(treaty: str, years: int) -> tuple[persons.PersonState, list[np.ndarray]]:
    """The person state at the end of a `years` run and the chance vectors of its last year."""
    seen: list[tuple[persons.PersonState, np.ndarray]] = []
    shipped = persons.PersonState._chosen

    def recording(self, rng, chance):
        seen.append((self, chance.copy()))
        return shipped(self, rng, chance)

    persons.PersonState._chosen = recording
    try:
        c = compiled_treaty(treaty)
        start, _ = entry_year(c)
        params = RunParameters(
            years=years, start_year=start, persons=True, behaviour=default_behaviour()
        )
        simulate(c, params)
    finally:
        persons.PersonState._chosen = shipped
    per_year = len(seen) // years
    return seen[-1][0], [chance for _, chance in seen[-per_year:]]


def shipped_draw(rng: np.random.Generator, state: persons.PersonState, chance: np.ndarray):
    """The shipped choice (`PersonState._chosen`'s kernels, without its type gather)."""
    sizes = state.type_sizes()
    top = chance[sizes > 0].max(initial=0.0)
    if top <= 0:
        return None
    if top * len(state.types()) < sizes[chance > 0].sum():
        return chosen_sparse(rng, state.types(), chance, top)
    return chosen_dense(rng, state.types(), chance)


@njit(cache=True)
def index_walk(rng, members, starts, chance):
    """Rows of each type t taken at chance[t]: geometric gaps over `members[starts[t]:…]`."""
    out = np.empty(1024, np.int64)
    k = 0
    for t in range(len(chance)):
        c, first, end = chance[t], starts[t], starts[t + 1]
        if c <= 0.0 or first == end:
            continue
        scale = -math.log1p(-c) if c < 1.0 else math.inf
        pos = first - 1
        while True:
            gap = rng.standard_exponential() / scale if c < 1.0 else 1.0
            if gap > end - 1 - pos:
                break
            pos += max(math.ceil(gap), 1)
            if k == len(out):
                grown = np.empty(2 * k, np.int64)
                grown[:k] = out
                out = grown
            out[k] = members[pos]
            k += 1
    return out[:k]


def timed(fn) -> float:
    """CPU seconds of one call."""
    start = time.process_time()
    fn()
    return time.process_time() - start


if __name__ == "__main__":
    main()
