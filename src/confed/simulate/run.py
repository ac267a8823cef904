"""A treaty's transition, year by year: the phase, the moves, then rights and metrics.

`simulate(treaty, parameters)` is a pure function of the treaty, the parameters and the
seed: it reads no clock and no store, so runs can be repeated or spread over machines.
Each Monte-Carlo run draws from its own child of the seed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache

import numpy as np

from confed.people.summary import population_at
from confed.rights.compile import CompiledTreaty
from confed.rights.engine import phase_index
from confed.simulate.clock import PhaseClock
from confed.simulate.metrics import (
    ELECTORATE_METRICS,
    PEOPLE_METRICS,
    TOTAL,
    add_metrics,
    at_types,
    wants,
)
from confed.simulate.moves import Mover
from confed.simulate.parameters import RunParameters
from confed.simulate.results import Simulation, YearParts, YearResult
from confed.simulate.state import start_state
from confed.simulate.where_people_go import settler_zones
from confed.simulate.work import cross_border_workers
from confed.treaty.overrides import treaty_params
from confed.vocab import ZONES

Progress = Callable[[int], None]


def simulate_once(
    compiled: CompiledTreaty,
    params: RunParameters,
    seed: np.random.SeedSequence,
    progress: Progress | None = None,
    reads: Mapping[int, frozenset[str]] | None = None,
) -> list[YearResult]:
    """One Monte-Carlo run: the base population projected to entry, then each year.

    With `reads` (year → metric names), a year computes only the metrics read then and
    those a phase gate reads (the previous year's), and nothing else: a sweep reads a
    few metrics in a year or two. The moves and draws are the same either way, so the
    metrics computed equal the full run's.
    """
    rng = np.random.default_rng(seed)
    start = params.start_year
    if params.persons:
        from confed.simulate.persons import PersonState  # numba: only person runs import it

        state = PersonState(population_at(start), compiled.places, rng)
    else:
        state = start_state(_start_population(start), compiled.places)
    entry = params.entry_year if params.entry_year is not None else start
    if start < entry:
        phase_index(compiled, start, entry)  # a located error: before entry into force
    treaty = treaty_params(compiled.treaty, params.treaty_params)
    mover = Mover(compiled, params.behaviour, treaty.quotas)
    clock = PhaseClock(treaty)
    gated = frozenset(name for gate in clock.gates if gate is not None for name in gate.names)
    out: list[YearResult] = []
    for year in range(start, start + params.years):
        if year > start:
            state.age_one_year(rng, year - 1)
        phase = clock.phase(year - entry, out[-1].metrics if out else None)
        wanted = None if reads is None else gated | reads.get(year, frozenset())
        council_people = (
            _council_population(compiled, state) if wants(wanted, "inflow_share_max") else None
        )
        mover.year(state, phase, year, rng)
        parts = _year_metrics(compiled, mover, state, phase, council_people, wanted)
        out.append(parts.year(year, compiled.phases[phase]))
        if progress is not None:
            progress(1)
    return out


def _council_population(c: CompiledTreaty, state) -> np.ndarray:
    """People per council before the year's moves (summed from people per person type).

    A cohort run sums only its occupied types (`CohortState.occupied`, ascending): the
    others hold nobody, so the sums are the same, over a fifth of the types.
    """
    by_type = state.type_sizes()
    occupied = state.occupied
    if occupied is None:  # a person run keeps no such list: every type
        return np.bincount(_type_council(c), weights=by_type, minlength=len(c.council_vocab))
    council = at_types(occupied, _type_council_at, c)
    return np.bincount(council, weights=by_type[occupied], minlength=len(c.council_vocab))


def _year_metrics(
    c: CompiledTreaty,
    mover: Mover,
    state,
    phase: int,
    council_people: np.ndarray | None,
    wanted: frozenset[str] | None = None,
) -> YearParts:
    """Every metric of the year just moved (or those `wanted`), in the order a run reports them.

    The mover's counts of the year are always given: they cost nothing to read.
    """
    ledger = mover.ledger
    out = YearParts()
    if wanted is not None and "cross_border_workers" in wanted:
        wanted |= {"residents_by_state"}  # the workers' quotas are sized by residents
    if wants(wanted, *TOTALS_METRICS):
        t = state.totals(c.space.size)
        add_metrics(out, c, phase, t, wanted)
        by_type = t.people()
    if wants(wanted, "residents_by_zone"):
        zone = t.of(_type_zone, c)
        by_zone = np.bincount(zone, weights=by_type, minlength=len(ZONES))
        out.add("residents_by_zone", ZONES, by_zone)
    out.add("relocated_by_treaty", TOTAL, [ledger.relocated])
    out.add("refugees_returned_to_il", TOTAL, [ledger.returned["israel"]])
    out.add("refugees_returned_to_ps", TOTAL, [ledger.returned["palestine"]])
    if wants(wanted, "settlers_remaining_in_ps"):
        settlers = by_type[t.of(_settlers_in_ps, c)].sum()
        out.add("settlers_remaining_in_ps", TOTAL, [settlers])
    out.add_dict("arrivals", ledger.arrivals)
    out.add("internal_moves", TOTAL, [ledger.internal])
    out.add_dict("quota_admitted", mover.book.admitted_year)
    waiting = {}
    for half, queue in mover.queues.items():
        into = mover.half_state[half]
        if into is not None:
            waiting[into] = queue.total()
    out.add_dict("applicants_waiting", waiting)
    if wants(wanted, "linked_quota") and (
        stocks := _linked_stocks(mover, t.on_every_type(by_type, c.space.size))
    ):
        out.add_dict("linked_quota", stocks)
    if council_people is not None:
        inflow = np.bincount(c.place_council, weights=ledger.inflow, minlength=len(c.council_vocab))
        big = council_people >= mover.b.min_destination_population
        shares = np.where(big, inflow / np.maximum(council_people, 1.0), 0.0)
        out.add("inflow_share_max", TOTAL, [shares.max() if len(shares) else 0.0])
    if wants(wanted, "cross_border_workers"):
        adults = t.adults @ np.ones(t.adults.shape[1])
        residents = out.metric("residents_by_state")
        workers = cross_border_workers(
            c, phase, adults, mover.b, mover.book.quotas, residents, t.types
        )
        out.add_dict("cross_border_workers", workers)
    return out


TOTALS_METRICS = (
    *PEOPLE_METRICS,
    "without_national_vote",
    *ELECTORATE_METRICS,
    "residents_by_zone",
    "settlers_remaining_in_ps",
    "linked_quota",
    "cross_border_workers",
)
"""The metrics read from the year's people per type (`state.totals`)."""


def _linked_stocks(mover: Mover, by_type: np.ndarray) -> dict[str, float]:
    """Each linked quota's admissions so far and the stock they may not outnumber."""
    values: dict[str, float] = {}
    for qid, q in mover.book.quotas.items():
        if q.at_most is not None:
            values[f"{qid}.admitted"] = mover.book.admitted[qid]
            values[f"{qid}.bound"] = mover.book.bound(q, by_type)
    return values


@lru_cache(maxsize=8)
def _start_population(year: int):
    """`population_at(year)`, kept for the runs that start then (a cohort state copies it)."""
    return population_at(year)


@lru_cache(maxsize=64)
def _settlers_in_ps(c: CompiledTreaty) -> np.ndarray:
    """Person types: Israeli citizens in settlements or Israeli neighbourhoods under Palestine."""
    if "PS" not in c.states:
        return np.zeros(c.space.size, dtype=bool)
    return (
        settler_zones(c.places)[c.space.place]
        & (c.sovereign == c.sovereign_vocab.index("PS"))
        & (c.citizenship.value == c.citizenship_vocab.index("IL"))
    )


@lru_cache(maxsize=64)
def _type_council(c: CompiledTreaty) -> np.ndarray:
    """The council of each person type's place."""
    return c.place_council[c.space.place]


def _type_council_at(c: CompiledTreaty, types: np.ndarray) -> np.ndarray:
    """The council of each of `types`."""
    return _type_council(c)[types]


@lru_cache(maxsize=64)
def _type_zone(c: CompiledTreaty) -> np.ndarray:
    """The zone of each person type's place."""
    return c.places.zone[c.space.place]


def simulate(
    compiled: CompiledTreaty,
    params: RunParameters,
    progress: Progress | None = None,
    workers: int = 1,
) -> Simulation:
    """All Monte-Carlo runs of a treaty under the same parameters.

    With `workers` > 1 the runs go to that many forked processes; results equal the
    serial ones (see `confed.simulate.runner`, which also writes runs to the store as
    they finish). Each run's values are kept in a temporary file, not in memory.
    """
    from confed.simulate.runner import simulate_runs  # the runner calls simulate_once

    return simulate_runs(compiled, params, progress, workers)


PERSON_ROWS = 100_000_000
"""The most person rows a person-mode run may hold (about 40 bytes a row: 4 GiB)."""


def check_person_budget(params: RunParameters) -> None:
    """Refuse, before allocating, a person-mode run whose population outgrows the budget.

    The population is projected to the run's last year without moves (moves only shift
    people between places), with a tenth more for the arrivals a treaty may bring.
    """
    from confed.errors import ConfedError, Problem

    last = params.start_year + params.years
    people = max(population_at(y).total() for y in (params.start_year, last)) * 1.1
    if people > PERSON_ROWS:
        raise ConfedError(
            Problem(
                f"a person-mode run to {last} would hold about {people / 1e6:,.0f} million rows",
                field="--persons",
                expected=f"at most {PERSON_ROWS / 1e6:,.0f} million rows (fewer years or a "
                "nearer start year), or cohort mode",
            )
        )
