"""Exact power at any size: every method against brute force, powerindex, and properties.

A threshold game wins when the yes-voters' weight reaches τ(number of yes-voters);
plain weighted games (τ = quota) and member-count-plus-weight rules are both such games.
"""

from __future__ import annotations

import random
from collections import Counter
from fractions import Fraction as F
from itertools import pairwise
from math import factorial, gcd
from pathlib import Path

import numpy as np
import powerindex as px
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from confed.errors import ConfedError
from confed.institutions import weighted
from confed.institutions.game import game_for, threshold_form
from confed.institutions.large_games import shapley_shubik_quadrature, weighted_swings
from confed.institutions.power import (
    PowerCheckError,
    _power_from_counts,
    check_sums,
    power_of,
    threshold_power,
    weighted_power,
)
from confed.treaty.decision import AllOf, Members, WeightShare, WeightTable

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"


def brute_force(weights: list[int], tau: list[int | None]):
    """Swings, Shapley–Shubik and winning coalitions by enumerating all 2^n coalitions."""
    n, total = len(weights), sum(weights)
    need = np.array([total + 1 if t is None else t for t in tau])
    masks = np.arange(1 << n)
    bits = (masks[:, None] >> np.arange(n)) & 1
    size = bits.sum(axis=1)
    wins = bits @ np.array(weights) >= need[size]
    swings, ss = [], []
    orders = [factorial(s) * factorial(n - 1 - s) for s in range(n)]
    for i in range(n):
        without = masks[(masks >> i) & 1 == 0]
        pivotal = without[wins[without | (1 << i)] & ~wins[without]]
        by_size = np.bincount(size[pivotal], minlength=n)
        swings.append(len(pivotal))
        ss.append(F(sum(int(c) * o for c, o in zip(by_size, orders, strict=False)), factorial(n)))
    return swings, ss, int(wins.sum())


def random_threshold_game(rng: random.Random, n: int):
    weights = [rng.randint(0, 30) for _ in range(n)]
    total = sum(weights)
    tau = sorted(
        (rng.choice([None, *range(total + 2)]) for _ in range(n + 1)),
        key=lambda t: float("inf") if t is None else t,
        reverse=True,
    )
    return weights, tau


METHODS = {
    "count vectors": lambda w, t: weighted._by_class_intervals(Counter(w), t, len(w)),
    "meet in the middle": weighted._meet_in_the_middle,
    "modular table": weighted._modular_table,
}


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("method", METHODS)
def test_every_method_equals_brute_force_on_random_games_of_10_to_20_voters(seed, method):
    rng = random.Random(seed)
    weights, tau = random_threshold_game(rng, rng.randint(10, 20))
    swings, ss, winning = brute_force(weights, tau)
    p = _power_from_counts(weights, METHODS[method](weights, tau))
    assert p.swings == swings
    assert p.shapley_shubik == ss
    assert p.winning == winning


@pytest.mark.parametrize("seed", range(6))
def test_a_plain_weighted_game_of_up_to_20_voters_equals_brute_force(seed):
    rng = random.Random(100 + seed)
    weights = [rng.randint(1, 50) for _ in range(rng.randint(10, 20))]
    quota = rng.randint(1, sum(weights))
    swings, ss, winning = brute_force(weights, [quota] * (len(weights) + 1))
    p = weighted_power(quota, weights)
    assert (p.swings, p.shapley_shubik, p.winning) == (swings, ss, winning)


@pytest.mark.parametrize(("voters", "max_weight"), [(40, 30), (90, 12), (170, 6)])
def test_agrees_with_powerindex_up_to_170_voters(voters, max_weight):
    rng = random.Random(voters)
    weights = [rng.randint(1, max_weight) for _ in range(voters)]
    assert gcd(*weights) == 1
    quota = sum(weights) // 2 + 1
    ours = weighted_power(quota, weights)
    theirs = px.Game(quota, weights)
    theirs.calc_banzhaf()
    theirs.calc_shapley_shubik()
    assert [float(x) for x in ours.banzhaf] == pytest.approx(theirs.banzhaf, abs=1e-12)
    assert [float(x) for x in ours.shapley_shubik] == pytest.approx(
        theirs.shapley_shubik, abs=1e-12
    )


def test_200_voters_of_the_benchmark_sum_to_one_with_no_negative_index():
    # The game that printed indices summing to 2.96e38, 21 of them negative.
    rng = random.Random(1)
    weights = [rng.randint(1, 100) for _ in range(200)]
    p = weighted_power(sum(weights) // 2 + 1, weights)
    assert sum(p.shapley_shubik) == 1
    assert min(p.shapley_shubik) >= 0
    assert p.swings == weighted_swings(sum(weights) // 2 + 1, weights)[0]


@settings(max_examples=8, deadline=None)
@given(
    classes=st.lists(st.integers(1, 9), min_size=1, max_size=3, unique=True),
    voters=st.integers(200, 1000),
    share=st.fractions(F(1, 4), F(9, 10)),
    data=st.data(),
)
def test_large_games_sum_to_one_symmetric_and_monotone(classes, voters, share, data):
    weights = [data.draw(st.sampled_from(classes)) for _ in range(voters)]
    quota = max(1, int(share * sum(weights)))
    p = weighted_power(quota, weights)
    assert sum(p.shapley_shubik) in (0, 1) and sum(p.banzhaf) in (0, 1)
    by_weight: dict[int, set] = {}
    for w, b, s in zip(weights, p.banzhaf, p.shapley_shubik, strict=True):
        by_weight.setdefault(w, set()).add((b, s))
    assert all(len(v) == 1 for v in by_weight.values())  # equal weights, equal power
    ranked = sorted((w, *next(iter(v))) for w, v in by_weight.items())
    for (_, b1, s1), (_, b2, s2) in pairwise(ranked):
        assert b1 <= b2 and s1 <= s2  # a heavier voter is never weaker
    assert p.swings == weighted_swings(quota, weights)[0]


@settings(max_examples=6, deadline=None)
@given(voters=st.integers(150, 400), data=st.data())
def test_a_voter_of_weight_zero_is_a_dummy_in_large_games(voters, data):
    weights = [data.draw(st.integers(1, 5)) for _ in range(voters)] + [0]
    p = weighted_power(sum(weights) // 2 + 1, weights)
    assert p.banzhaf[-1] == 0 and p.shapley_shubik[-1] == 0
    assert sum(p.shapley_shubik) == 1


def test_thousand_voters_in_three_weight_classes_are_exact():
    rng = random.Random(7)
    weights = [rng.choice([1, 2, 3]) for _ in range(1000)]
    p = weighted_power(sum(weights) // 2 + 1, weights)
    assert all(isinstance(x, F) for x in p.shapley_shubik)
    assert sum(p.shapley_shubik) == 1
    assert p.method == "count vectors per weight class"


def test_a_game_too_large_even_for_quadrature_is_refused():
    rng = random.Random(5)
    weights = [rng.randint(1, 1000) for _ in range(1000)]
    with pytest.raises(ConfedError, match="exact operations"):
        threshold_power(weights, [sum(weights) // 2 + 1] * 1001)


def test_quadrature_stays_within_its_stated_bound_of_the_exact_value():
    rng = random.Random(11)
    weights = [rng.randint(0, 100) for _ in range(200)]
    quota = sum(weights) // 2 + 1
    exact = weighted_power(quota, weights)
    approx, bound = shapley_shubik_quadrature(quota, weights)
    assert bound < 1e-7
    assert (
        max(abs(float(a) - b) for a, b in zip(exact.shapley_shubik, approx, strict=True)) <= bound
    )


def test_a_game_beyond_the_exact_budget_gets_exact_banzhaf_and_bounded_shapley_shubik(confed):
    import json

    rng = random.Random(12)
    weights = [rng.randint(1, 100) for _ in range(300)]
    run = confed(
        "power",
        "--quota",
        str(sum(weights) // 2 + 1),
        "--weights",
        ",".join(map(str, weights)),
        "--json",
    )
    data = json.loads(run.out)
    assert "quadrature" in data["method"]
    assert 0 < data["shapley_shubik_error"] < 1e-6
    assert sum(data["shapley_shubik"]) == pytest.approx(1, abs=300 * data["shapley_shubik_error"])
    assert all(x is not None for x in data["exact"]["banzhaf"])
    assert all(x is None for x in data["exact"]["shapley_shubik"])
    assert sum(F(x) for x in data["exact"]["banzhaf"]) == 1


def test_index_sums_that_do_not_hold_fail_loudly():
    from dataclasses import replace

    p = weighted_power(12, [4, 4, 4, 2, 2, 1])
    broken = replace(p, shapley_shubik=[*p.shapley_shubik[:-1], F(1, 10)])
    with pytest.raises(PowerCheckError, match="sums to"):
        check_sums(broken)


def _body(population: dict[str, int], rule):
    table = WeightTable(values=population, source=["statcan-census-2021"])
    return game_for(dict.fromkeys(population, 1), rule, weights={"population": table})


def test_members_and_weight_as_threshold_game_equals_enumeration():
    # The Canadian 7/50 rule: the threshold form and plain enumeration agree exactly.
    population = {
        "ON": 14223942,
        "QC": 8501833,
        "BC": 5000879,
        "AB": 4262635,
        "MB": 1342153,
        "SK": 1132505,
        "NS": 969383,
        "NB": 775610,
        "NL": 510550,
        "PE": 154331,
    }
    rule = AllOf(all=[Members(members="2/3"), WeightShare(weight="population", share="1/2")])
    game = _body(population, rule)
    enumerated = power_of(game)
    assert enumerated.method == "enumeration of count vectors"
    assert threshold_power(*threshold_form(game)).shapley_shubik == enumerated.shapley_shubik
    assert enumerated.banzhaf[0] == F(6, 41)  # Ontario
    assert len(set(enumerated.banzhaf[4:])) == 1  # the six smallest provinces are alike


def test_canadian_amending_formula_file_runs_with_confed_power(confed):
    import json

    run = confed("power", "--body", str(EXAMPLES / "canada-amending-formula.yaml"), "--json")
    data = json.loads(run.out)
    assert data["names"][0] == "ON" and data["exact"]["banzhaf"][0] == "6/41"
    assert data["exact"]["coleman_act"] == "19/128"


def test_eu_council_is_exact_and_ordered_by_population(confed):
    import json

    data = json.loads(confed("power", "--body", str(EXAMPLES / "eu-council.yaml"), "--json").out)
    assert data["method"] == "meet in the middle"
    ss = [F(x) for x in data["exact"]["shapley_shubik"]]
    banzhaf = [F(x) for x in data["exact"]["banzhaf"]]
    assert sum(ss) == 1 and sum(banzhaf) == 1
    assert ss == sorted(ss, reverse=True)  # the file lists members by population
    assert data["names"][0] == "DE" and data["coleman_act"] == pytest.approx(0.1323, abs=1e-4)
