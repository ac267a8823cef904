"""The transition year by year: what each treaty asks of people, measured."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache

import numpy as np
import pytest

from confed.people.cohorts import REGIONS, SHAPE, region_of
from confed.people.projection import step
from confed.people.rates import region_rates
from confed.people.summary import population_at
from confed.rights.compile import compile_treaty
from confed.rights.engine import RightsResult, compiled_treaty, entry_year
from confed.rights.types import type_index
from confed.simulate.metrics import totals
from confed.simulate.moves import Mover
from confed.simulate.parameters import RunParameters, default_behaviour, with_overrides
from confed.simulate.person_years import HOME_OF_ZONE, HOME_REGION
from confed.simulate.persons import PersonState
from confed.simulate.run import Simulation, simulate, simulate_once
from confed.simulate.runner import run_seeds
from confed.treaty.load import load_treaty, shipped_ids
from confed.vocab import PRIOR_CITIZENSHIPS, STATUSES, ZONES

CONFEDERATIONS = ("alfa", "dajani-yehuda-2024", "holy-land-confederation")


@cache
def run(treaty: str, years: int = 30, *overrides: str, seed: int = 1) -> Simulation:
    c = compiled_treaty(treaty)
    start, _ = entry_year(c)
    behaviour = with_overrides(default_behaviour(), list(overrides))
    return simulate(c, RunParameters(years=years, start_year=start, seed=seed, behaviour=behaviour))


def series(sim: Simulation, metric: str, key: str = "total") -> np.ndarray:
    return np.array([y.metrics[metric].get(key, 0.0) for y in sim.runs[0]])


@pytest.mark.parametrize("treaty", shipped_ids())
def test_every_shipped_treaty_simulates_thirty_years(treaty):
    sim = run(treaty)
    years = [y.year for y in sim.runs[0]]
    assert len(years) == 30 and years == list(range(years[0], years[0] + 30))
    population = series(sim, "population")
    assert (population > 15e6).all() and population[-1] > population[0]


def test_separation_displaces_exactly_the_settlers_outside_the_annexed_blocs():
    c = compiled_treaty("separation")
    start, _ = entry_year(c)
    before = population_at(start)
    israeli = before.prior == PRIOR_CITIZENSHIPS.index("IL")
    outside = c.places.zone[before.place] == ZONES.index("settlement-outside-blocs")
    expected = before.sizes[israeli & outside].sum()
    relocated = series(run("separation"), "relocated_by_treaty")
    assert relocated[0] == pytest.approx(expected, rel=1e-9)
    assert (relocated == relocated[0]).all()  # once relocated, nobody else is
    assert series(run("separation"), "settlers_remaining_in_ps")[-1] == pytest.approx(0, abs=1e-6)


@pytest.mark.parametrize("treaty", CONFEDERATIONS)
def test_under_the_confederations_nobody_is_required_to_relocate(treaty):
    sim = run(treaty)
    assert (series(sim, "relocated_by_treaty") == 0).all()
    assert (series(sim, "relocation_required") == 0).all()
    assert series(sim, "settlers_remaining_in_ps")[-1] > 0


def test_under_one_state_nobody_lacks_a_national_vote():
    assert (series(run("one-state"), "without_national_vote") == 0).all()


def test_under_the_status_quo_east_jerusalem_residents_vote_for_the_palestinian_council(
    tmp_path,
):
    """Oslo II Annex II Art. VI: without that rule, over 200,000 more adults lack a vote."""
    variant = tmp_path / "no-council-vote.yaml"
    variant.write_text(
        "extends: status-quo\nid: status-quo-without-council-vote\nrights:\n"
        "  national_vote:\n    rules:\n      east-jerusalem-residents: null\n",
        encoding="utf-8",
    )
    c = compile_treaty(load_treaty(variant))
    start, _ = entry_year(c)
    without = simulate(c, RunParameters(years=1, start_year=start))
    gap = (
        series(without, "without_national_vote")
        - series(run("status-quo"), "without_national_vote")[:1]
    )
    assert (gap > 200_000).all()  # the adults among about 370,000 East Jerusalem residents


@pytest.mark.parametrize("treaty", CONFEDERATIONS)
def test_refugees_settling_in_israel_join_local_not_knesset_electorates(treaty):
    quiet = ("cross_border_move_rate=0",)
    none = (
        *quiet,
        *(
            f"refugee_choose_israel.{f}=0"
            for f in ("lebanon", "jordan", "syria", "west-bank", "gaza")
        ),
    )
    with_returns, without = run(treaty, 15, *quiet), run(treaty, 15, *none)
    assert series(with_returns, "refugees_returned_to_il")[-1] > 100_000
    assert series(without, "refugees_returned_to_il")[-1] == 0
    knesset = series(with_returns, "electorate", "knesset")
    assert knesset == pytest.approx(series(without, "electorate", "knesset"), rel=1e-9)
    councils = with_returns.runs[0][-1].metrics["council_electorate"]
    councils_without = without.runs[0][-1].metrics["council_electorate"]
    israeli_councils = [k for k in councils if "." not in k and k in ("haifa", "lod", "nazareth")]
    assert israeli_councils
    for council in israeli_councils:
        assert councils[council] > councils_without[council]


def test_separation_quota_caps_refugee_admission_at_1000_a_year_and_5000():
    returned = series(run("separation"), "refugees_returned_to_il")
    assert np.diff(np.concatenate([[0], returned])).max() <= 1000 + 1e-6
    assert returned[-1] == pytest.approx(5000)


def test_runs_in_parallel_processes_equal_the_serial_runs():
    c = compiled_treaty("holy-land-confederation")
    params = RunParameters(years=4, start_year=2030, runs=3, seed=11)
    serial, parallel = simulate(c, params), simulate(c, params, workers=2)
    assert serial.layout == parallel.layout
    for a, b in zip(serial.values, parallel.values, strict=True):
        assert a.shape == (3, len(serial.layout[0].keys)) and np.array_equal(a, b)
    assert serial.as_json() == parallel.as_json()
    first, third = (serial.runs[r][-1].metrics["quota_admitted"] for r in (0, 2))
    assert first != third  # each run draws from its own seed


def test_a_run_is_a_pure_function_of_treaty_parameters_and_seed():
    a = run("dajani-yehuda-2024", 5, seed=7).as_json()
    b = run.__wrapped__("dajani-yehuda-2024", 5, seed=7).as_json()
    assert a == b
    c = run("dajani-yehuda-2024", 5, seed=8).as_json()
    assert a["years"][-1]["refugees_returned_to_il"] != c["years"][-1]["refugees_returned_to_il"]


def test_each_run_read_back_from_its_columns_is_the_run_its_seed_gives():
    sim = run("dajani-yehuda-2024", 5, seed=7)
    c = compiled_treaty("dajani-yehuda-2024")
    for r, seed in enumerate(run_seeds(7, len(sim.runs))):
        alone = simulate_once(c, sim.parameters, seed)
        assert [(y.year, y.metrics) for y in sim.runs[r]] == [(y.year, y.metrics) for y in alone]


def test_cli_simulate_json_is_stored_and_reopened(confed, tmp_path):
    store = tmp_path / "runs.duckdb"
    result = confed(
        "simulate", "alfa", "--years", "3", "--runs", "3", "--out", str(store), "--json"
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["treaty"] == "alfa" and data["parameters"]["runs"] == 3
    first = data["years"][0]
    for metric in (
        "population",
        "residents_by_state",
        "relocated_by_treaty",
        "without_national_vote",
        "under_collective_restriction",
        "free_movement_share",
        "refugees_returned_to_il",
        "refugees_returned_to_ps",
        "settlers_remaining_in_ps",
        "inflow_share_max",
        "electorate",
        "council_electorate",
    ):
        assert metric in first
    low, high = first["bands"]["refugees_returned_to_ps"]["total"]
    assert low <= first["refugees_returned_to_ps"]["total"] <= high
    reopened = confed("results", data["run_id"], "--store", str(store), "--json")
    assert reopened.code == 0
    assert json.loads(reopened.out)["parameters"]["seed"] == 1


def test_cli_simulate_rejects_unknown_parameters_and_stores_nothing(confed, tmp_path):
    store = tmp_path / "runs.duckdb"
    result = confed("simulate", "alfa", "--param", "setler_leave_share=2", "--out", str(store))
    assert result.code == 2
    assert "did you mean: settler_leave_share?" in result.err
    assert not store.exists()
    result = confed("simulate", "alfa", "--param", "settler_leave_share=2", "--out", str(store))
    assert result.code == 2 and "less than or equal to 1" in result.err


@pytest.mark.slow
def test_person_mode_agrees_with_cohort_mode():
    c = compiled_treaty("dajani-yehuda-2024")
    params = dict(years=3, start_year=2030, behaviour=default_behaviour())
    cohort = simulate(c, RunParameters(**params)).runs[0][-1].metrics
    persons = simulate(c, RunParameters(**params, persons=True)).runs[0][-1].metrics
    for metric, key in (
        ("population", "total"),
        ("electorate", "knesset"),
        ("refugees_returned_to_ps", "total"),
        ("settlers_remaining_in_ps", "total"),
    ):
        assert persons[metric][key] == pytest.approx(cohort[metric][key], rel=0.02), metric


@pytest.mark.slow
@pytest.mark.parametrize("treaty", shipped_ids())
def test_every_shipped_treaty_simulates_thirty_years_in_person_mode(treaty):
    c = compiled_treaty(treaty)
    start, _ = entry_year(c)
    params = RunParameters(years=30, start_year=start, persons=True, behaviour=default_behaviour())
    persons = simulate(c, params).runs[0]
    cohort = run(treaty).runs[0]
    assert len(persons) == 30
    for metric in ("population", "relocated_by_treaty", "without_national_vote"):
        ours, expected = persons[-1].metrics[metric]["total"], cohort[-1].metrics[metric]["total"]
        assert ours == pytest.approx(expected, rel=0.02, abs=1_000), metric


def _persons(divisor: int, seed: int = 1) -> PersonState:
    """The 2030 population, one person for every `divisor` people, as one row each."""
    cohorts = population_at(2030)
    cohorts = replace(cohorts, counts=cohorts.counts / divisor)
    return PersonState(cohorts, compiled_treaty("alfa").places, np.random.default_rng(seed))


def _region(state: PersonState) -> np.ndarray:
    """Each person's demographic region: their group's in their place."""
    return region_of(state.group, state.table.zone[state.place])


def _by_region(state: PersonState) -> np.ndarray:
    """People per demographic region × sex × band."""
    slot = (_region(state).astype(np.int64) * SHAPE[0] + state.sex) * SHAPE[1] + state.band
    return np.bincount(slot, minlength=len(REGIONS) * SHAPE[0] * SHAPE[1]).reshape(
        len(REGIONS), *SHAPE
    )


def test_person_demography_draws_the_cohort_steps_rates():
    state = _persons(20)
    expected = step(_by_region(state).astype(float), region_rates(2030))
    state.age_one_year(np.random.default_rng(2), 2030)
    observed = _by_region(state)
    # every region × sex × band within five standard deviations of a count
    assert (np.abs(observed - expected) < 5 * np.sqrt(expected) + 5).all()
    assert observed.sum() != pytest.approx(expected.sum(), abs=0.5)  # drawn, not rounded


def test_person_choices_draw_each_types_chance():
    state = _persons(20)
    rng = np.random.default_rng(3)
    space = compiled_treaty("alfa").space
    is_refugee = space.status == STATUSES.index("refugee")
    # rare choices (drawn sparsely) and a common one limited to refugees (drawn densely)
    for chance in (np.where(is_refugee, 0.004, 0.001), np.where(is_refugee, 0.5, 0.0)):
        units, k = state.choose(rng, chance)
        assert (k == 1).all() and len(np.unique(units)) == len(units)
        expected = state.type_sizes() * chance
        chosen = np.bincount(state.types()[units], minlength=space.size)
        for kind in (is_refugee, ~is_refugee):
            want = expected[kind].sum()
            assert abs(chosen[kind].sum() - want) < 5 * np.sqrt(want) + 1


def _assert_consistent(state: PersonState) -> None:
    """What a person state keeps besides its columns equals what the columns give."""
    c = compiled_treaty("alfa")
    assert len({len(getattr(state, name)) for name in PersonState.COLUMNS}) == 1
    assert state.band.min() >= 0 and state.band.max() < SHAPE[1]
    types = state.types()
    assert (state.type_sizes() == np.bincount(types, minlength=c.space.size)).all()
    people, band = state.rows()
    facts = (people.prior_citizenship, people.status, people.place)
    assert (type_index(*facts, len(state.table)) == types).all()
    fresh = totals(people, RightsResult(c, 2035, 0, types), band)
    kept = state.totals(c.space.size)
    assert (kept.everyone == fresh.everyone).all() and (kept.adults == fresh.adults).all()
    # the slot: the group's home in the type's place (its region that of the group
    # there), the sex and the band column's band
    home = state._slot // (SHAPE[0] * SHAPE[1])
    assert (home == HOME_OF_ZONE[state.group, state.table.zone[state.place]]).all()
    assert (HOME_REGION[home] == _region(state)).all()
    assert (state._slot % SHAPE[1] == state.band).all()


FACTS = ("prior", "status", "place", "group", "sex", "band")
"""A person's facts, each a column or read from one."""


def _facts(columns: dict[str, np.ndarray]) -> list[tuple[int, ...]]:
    """Every row's facts, in a canonical order (rows are unordered)."""
    return sorted(zip(*(columns[name].tolist() for name in FACTS), strict=True))


def test_a_person_state_keeps_what_it_derives_from_the_facts_through_moves_and_years():
    state = _persons(500)
    c = compiled_treaty("alfa")
    mover, rng = Mover(c, default_behaviour()), np.random.default_rng(4)
    for year in range(2030, 2036):
        if year > 2030:
            state.age_one_year(rng, year - 1)
        mover.year(state, c.phase_at(year - 2030), year, rng)
    assert mover.ledger.returned["palestine"] > 0 and mover.ledger.internal > 0
    _assert_consistent(state)


@pytest.mark.parametrize("added", [3, 30_000])
def test_a_person_state_replaces_rows_whether_it_shrinks_or_grows(added):
    state = _persons(500)
    n = len(state.place)
    gone = np.arange(0, n, 2)
    parents = np.arange(added) % n
    born_sex = np.array([1, 0], np.int8)  # the first two copies are newborns
    kept = np.arange(1, n, 2)
    columns = {name: getattr(state, name)[np.concatenate([kept, parents])] for name in FACTS}
    columns["sex"][n - len(gone) : n - len(gone) + 2] = born_sex
    columns["band"][n - len(gone) : n - len(gone) + 2] = 0
    expected = _facts(columns)
    state._replace(gone, parents, born_sex)
    assert len(state.place) == n - len(gone) + added
    assert _facts({name: getattr(state, name) for name in FACTS}) == expected
    _assert_consistent(state)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--param", "settler_leave_share=nan"), "Input should be a finite number"),
        (("--param", "cross_border_move_rate=inf"), "Input should be a finite number"),
        (("--param", "return_years=1e18"), "less than or equal to 100"),
        (("--param", "refugee_choose_israel.lebanon=-0.5"), "greater than or equal to 0"),
        (("--seed", "-1"), "is not in the range 0<="),
        (("--start-year", "1000000000000"), "is not in the range 1948<=x<=2200"),
    ],
)
def test_a_value_outside_its_domain_is_refused_and_nothing_is_stored(
    confed, tmp_path, args, message
):
    store = tmp_path / "runs.duckdb"
    run = confed("simulate", "alfa", "--years", "1", *args, "--out", str(store))
    assert run.code == 2 and message in run.err
    assert not store.exists()


def test_a_person_run_over_its_memory_budget_is_refused_before_it_allocates(monkeypatch):
    import confed.simulate.run as run_module
    from confed.errors import ConfedError

    monkeypatch.setattr(run_module, "PERSON_ROWS", 5_000_000)
    c = compiled_treaty("alfa")
    with pytest.raises(ConfedError) as caught:
        simulate(c, RunParameters(years=5, start_year=2030, persons=True))
    assert "million rows" in caught.value.render() and "--persons" in caught.value.render()
