"""The whole population: build it, rights for every person, 30-year runs, the comparison.

Prints, in one run: building the base population from the sourced tables; expanding it
to one row per person; every right for every person through the engine and, when the
`bench` extra is installed, through the same rules written for OpenFisca (the peer);
a 30-year run of every shipped treaty in cohort mode; a 30-year run in person mode
(wall and CPU time: on a shared machine CPU time compares like with like);
`confed compare` over every treaty for 30 years; and the peak resident memory.
`--persons-only` runs the person runs alone (the demographic rates read first).

Run: python benchmarks/bench_population.py [--person-treaties all|T,T] [--skip-openfisca]
     [--persons-only]
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np

from confed.compare.build import comparison
from confed.people.build import base_population
from confed.rights.engine import compiled_treaty, entry_year
from confed.simulate.parameters import RunParameters, default_behaviour
from confed.simulate.persons import PersonState
from confed.simulate.run import check_person_budget, simulate
from confed.treaty.load import shipped_ids


def timed(fn):
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def cpu_timed(fn):
    """(wall seconds, CPU seconds of this process, result) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def rss_gib() -> float:
    """Peak resident memory of this process so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--person-treaties",
        default="all",
        help="comma-separated treaties to run 30 years in person mode "
        "(all: every shipped treaty; empty: none)",
    )
    parser.add_argument("--skip-openfisca", action="store_true")
    parser.add_argument(
        "--persons-only", action="store_true", help="only the person runs (rates read first)"
    )
    args = parser.parse_args()
    treaties = list(shipped_ids())
    if not args.persons_only:
        whole_population(treaties, args.skip_openfisca)
    person_runs(treaties, args.person_treaties, warm=args.persons_only)
    if not args.persons_only:
        t, _ = timed(lambda: comparison(treaties, 30))
        print(f"compare, {len(treaties)} treaties x 30 years, cohort mode: {t:.2f} s")
    print(f"peak RSS: {rss_gib():.2f} GiB")


def whole_population(treaties: list[str], skip_openfisca: bool) -> None:
    """The base population, one row per person, their rights, and every cohort run."""
    t, cohorts = timed(base_population.__wrapped__)
    print(f"build base population: {t:.3f} s ({len(cohorts)} cells, {cohorts.total():,.0f} people)")
    t, persons = timed(
        lambda: PersonState(cohorts, compiled_treaty("alfa").places, np.random.default_rng(1))
    )
    people, _ = persons.rows()
    print(f"expand to persons: {t:.2f} s ({len(people):,} rows)")

    from bench_rights import best_of, engine, openfisca  # the rights benchmark's own

    compiled_treaty("dajani-yehuda-2024")  # compile outside the timing
    t_engine, ours = best_of(lambda: engine(people, "dajani-yehuda-2024", 2040), 3)
    print(
        f"rights for every person (dajani-yehuda-2024, 2040): {t_engine:.2f} s, "
        f"{len(ours)} columns, {len(people) / t_engine / 1e6:.1f} M rows/s"
    )
    if not skip_openfisca:
        openfisca(people, compiled_treaty("dajani-yehuda-2024"), 2040, t_engine, ours)

    behaviour = default_behaviour()
    total = 0.0
    for name in treaties:
        c = compiled_treaty(name)
        start, _ = entry_year(c)
        t, _ = timed(
            lambda c=c, start=start: simulate(
                c, RunParameters(years=30, start_year=start, behaviour=behaviour)
            )
        )
        total += t
        print(f"30-year cohort run, {name}: {t:.2f} s")
    print(f"30-year cohort runs, all {len(treaties)} treaties: {total:.2f} s")


def person_runs(treaties: list[str], chosen: str, warm: bool) -> None:
    """A 30-year person-mode run of each chosen treaty (`warm`: rates read beforehand)."""
    behaviour = default_behaviour()
    for name in treaties if chosen == "all" else filter(None, chosen.split(",")):
        c = compiled_treaty(name)
        start, _ = entry_year(c)
        params = RunParameters(years=30, start_year=start, persons=True, behaviour=behaviour)
        if warm:
            check_person_budget(params)  # reads every year's rates, as the cohort runs do
        wall, cpu, sim = cpu_timed(lambda c=c, params=params: simulate(c, params))
        last = sim.runs[0][-1].metrics["population"]["total"]
        print(
            f"30-year person run, {name}: {wall:.1f} s wall, {cpu:.1f} s CPU "
            f"(ends with {last:,.0f} person rows)"
        )


if __name__ == "__main__":
    main()
