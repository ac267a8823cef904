"""Yearly metrics read off per-type rights agree with a row-by-row count."""

from __future__ import annotations

import numpy as np
import pytest

from confed.places import places
from confed.rights.engine import People, compiled_treaty, entry_year, rights_for
from confed.simulate.metrics import GROUPS, metrics, totals
from confed.vocab import PRIOR_CITIZENSHIPS, STATUSES


def _people(*rows) -> tuple[People, np.ndarray]:
    table = places()
    cit, status, place, weight, group, band = zip(*rows, strict=True)
    people = People(
        np.array([PRIOR_CITIZENSHIPS.index(c) for c in cit], np.int8),
        np.array([STATUSES.index(s) for s in status], np.int8),
        np.array([table.code(p) for p in place], np.int16),
        np.array(weight, float),
        np.array([GROUPS.index(g) for g in group], np.int8),
    )
    return people, np.array(band, np.int8)


ROWS = [
    ("IL", "israeli-citizen", "nazareth", 1000.0, "arab", 8),
    ("IL", "israeli-citizen", "tel-aviv-yafo", 3000.0, "jewish", 8),
    ("IL", "israeli-citizen", "tel-aviv-yafo", 500.0, "jewish", 1),  # children
    ("none", "jerusalem-resident", "silwan", 200.0, "palestinian", 8),
    ("PS", "west-bank", "nablus", 800.0, "palestinian", 8),
    ("IL", "israeli-citizen", "kiryat-arba", 100.0, "jewish", 8),
    ("none", "refugee", "ain-al-hilweh", 50.0, "palestinian", 8),
]


def _year(treaty: str, years_in: int = 0):
    people, band = _people(*ROWS)
    c = compiled_treaty(treaty)
    result = rights_for(people, c, entry_year(c)[0] + years_in)
    return metrics(c, result.phase, totals(people, result, band))


def test_status_quo_counts_east_jerusalem_residents_in_the_palestinian_council_electorate():
    m = _year("status-quo")
    # Oslo II Annex II Art. VI: East Jerusalem residents vote for the Palestinian Council
    assert m["without_national_vote"]["total"] == pytest.approx(0.0)
    assert m["electorate"]["pna"] == pytest.approx(200.0 + 800.0)
    assert m["without_national_vote"]["residents"] == pytest.approx(0.0)
    assert m["without_national_vote"]["foreign_nationals"] == 0.0
    assert m["under_collective_restriction"]["total"] == pytest.approx(800.0)
    assert m["population"] == {"total": 5650.0, "in_land": 5600.0, "abroad": 50.0}


def test_electorates_count_adults_by_group():
    m = _year("status-quo")
    assert m["electorate"]["knesset"] == pytest.approx(4100.0)  # children excluded
    assert m["electorate"]["knesset.arab"] == pytest.approx(1000.0)
    assert m["electorate_share"]["knesset.arab"] == pytest.approx(1000.0 / 4100.0)
    assert sum(v for k, v in m["electorate_share"].items() if k.startswith("knesset.")) == (
        pytest.approx(1.0)
    )
    assert m["council_electorate"]["jerusalem"] == pytest.approx(200.0)
    assert m["council_electorate"]["tel-aviv-yafo.jewish"] == pytest.approx(3000.0)


def test_separation_requires_the_settler_outside_the_blocs_to_relocate():
    m = _year("separation")
    assert m["relocation_required"]["total"] == pytest.approx(100.0)
    assert m["residents_by_state"]["PS"] == pytest.approx(1100.0)  # Silwan, Nablus, K. Arba


def test_one_state_leaves_no_adult_in_the_land_without_a_national_vote():
    m = _year("one-state")
    assert m["without_national_vote"]["total"] == 0.0
    assert m["free_movement_share"]["total"] == pytest.approx(1.0)


def test_metrics_do_not_change_when_groups_are_permuted_except_group_breakdowns():
    people, band = _people(*ROWS)
    c = compiled_treaty("alfa")
    result = rights_for(people, c, 2040)
    a = metrics(c, result.phase, totals(people, result, band))
    shuffled = People(
        people.prior_citizenship,
        people.status,
        people.place,
        people.weight,
        people.group[::-1].copy(),
    )
    b = metrics(c, result.phase, totals(shuffled, rights_for(shuffled, c, 2040), band))
    for name in (
        "population",
        "residents_by_state",
        "without_national_vote",
        "under_collective_restriction",
        "free_movement_share",
    ):
        assert a[name] == b[name]
    assert a["electorate"]["knesset"] == b["electorate"]["knesset"]


def test_foreign_nationals_without_a_national_vote_are_counted_apart():
    people, band = _people(*ROWS, ("none", "other", "tel-aviv-yafo", 70.0, "other", 8))
    c = compiled_treaty("status-quo")
    result = rights_for(people, c, entry_year(c)[0])
    without = metrics(c, result.phase, totals(people, result, band))["without_national_vote"]
    assert without["foreign_nationals"] == pytest.approx(70.0)
    # East Jerusalem's permanent residents vote for the Palestinian Council (Oslo II)
    assert without["residents"] == pytest.approx(0.0)
    assert without["total"] == pytest.approx(70.0)
