"""The base population from the sourced tables, its checks, and its projection."""

from __future__ import annotations

import json

import numpy as np
import pytest

from confed.errors import ConfedError
from confed.people.build import aggregate, base_population
from confed.people.summary import population_at, summary
from confed.people.tables import latest, parse_table
from confed.places import places
from confed.vocab import STATUSES, ZONES


def test_data_check_passes_and_prints_every_tolerance(confed):
    run = confed("data", "check", "--json")
    assert run.code == 0, run.out
    checks = json.loads(run.out)["aggregates"]
    assert {c["metric"] for c in checks} >= {
        "israel_population_total",
        "west_bank_population_pcbs",
        "gaza_population_pcbs",
        "israeli_settlers_west_bank_excl_ej",
        "israelis_east_jerusalem",
        "unrwa_registered_refugees_total",
    }
    for c in checks:
        assert abs(c["difference_pct"]) <= c["tolerance_pct"]


def test_population_json_uses_the_foundation_ids(confed):
    run = confed("population", "--json")
    assert run.code == 0
    data = json.loads(run.out)
    assert set(data["by_zone"]) == set(ZONES)
    assert set(data["by_status"]) == set(STATUSES)
    assert set(data["by_group"]) == {"jewish", "arab", "palestinian", "other"}
    for part in ("by_zone", "by_status", "by_group"):
        assert sum(data[part].values()) == pytest.approx(data["total"])
    assert 18e6 < data["total"] < 20e6  # the issue's ~19 million, refugees abroad included


def test_east_jerusalem_palestinians_are_counted_once():
    c = base_population()
    residents = c.sizes[c.status == STATUSES.index("jerusalem-resident")].sum()
    assert residents == pytest.approx(aggregate("jerusalem_municipality_arabs"))
    # the West Bank status excludes J1, so West Bank + East Jerusalem is the PCBS total
    west_bank = c.sizes[c.status == STATUSES.index("west-bank")].sum()
    assert west_bank + residents == pytest.approx(aggregate("west_bank_population_pcbs"), rel=0.03)
    ej_zone = places().zone[c.place] == ZONES.index("east-jerusalem-palestinian")
    assert c.sizes[ej_zone & (c.status == STATUSES.index("west-bank"))].sum() == 0


def test_settlers_are_israeli_citizens_inside_the_israeli_total():
    c = base_population()
    zone = places().zone[c.place]
    settled = np.isin(
        zone, [ZONES.index("settlement-bloc"), ZONES.index("settlement-outside-blocs")]
    )
    assert set(np.unique(c.status[settled])) == {STATUSES.index("israeli-citizen")}
    israel = c.sizes[c.status != STATUSES.index("refugee")]
    assert c.sizes[settled].sum() < israel.sum()


def test_every_place_with_people_has_a_coherent_status():
    c = base_population()
    zone = places().zone[c.place]
    abroad = zone == ZONES.index("abroad")
    assert (c.status[abroad] == STATUSES.index("refugee")).all()
    assert (c.status[zone == ZONES.index("gaza")] == STATUSES.index("gaza")).all()


@pytest.mark.parametrize(
    ("population", "statuses", "tolerance"),
    [
        ("israel", ("israeli-citizen", "jerusalem-resident", "other"), 0.03),
        ("palestine", ("west-bank", "gaza", "jerusalem-resident"), 0.03),
    ],
)
def test_projection_growth_matches_un_wpp_2024_to_2040_and_2050(population, statuses, tolerance):
    """Reference: UN World Population Prospects 2024, medium variant (wpp_paths.csv).

    WPP's coverage differs from CBS/PCBS in level, so growth is compared, like with
    like: confed's population at the start of a year against WPP's at the same date (the
    mean of its 1 July figures either side).
    """
    codes = [STATUSES.index(s) for s in statuses]
    base = base_population()
    start = base.sizes[np.isin(base.status, codes)].sum()
    for year in (2030, 2040, 2050):
        later = population_at(year)
        ours = later.sizes[np.isin(later.status, codes)].sum() / start
        wpp = wpp_on_1_january(population, year) / wpp_on_1_january(population, 2025)
        assert ours == pytest.approx(wpp, rel=tolerance), year


def wpp_on_1_january(population: str, year: int) -> float:
    from confed.people.rates import FIRST_YEAR, wpp_path

    mid_year = wpp_path(population, "population")
    return (mid_year[year - 1 - FIRST_YEAR] + mid_year[year - FIRST_YEAR]) / 2


def test_a_bad_table_row_names_file_line_and_column():
    text = "metric,value,date,source,quality\nx,12,2024-01-01,un-wpp-2024,Q\n"
    with pytest.raises(ConfedError) as info:
        parse_table("aggregates.csv", text)
    message = info.value.render()
    assert "people/data/aggregates.csv:2:5: quality" in message
    with pytest.raises(ConfedError, match="not in the registry"):
        parse_table("aggregates.csv", "metric,value,date,source,quality\nx,1,d,nope,S\n")
    with pytest.raises(ConfedError, match="'twelve' is not a number"):
        parse_table(
            "aggregates.csv", "metric,value,date,source,quality\nx,twelve,d,un-wpp-2024,S\n"
        )


def test_latest_row_wins():
    assert (
        latest("aggregates.csv", "metric", "israel_population_total").number("value") == 10_027_000
    )


def test_population_before_the_base_year_is_a_user_error(confed):
    run = confed("population", "--year", "2010")
    assert run.code == 2
    assert "before the base population" in run.err


def test_summary_of_a_projected_year_grows():
    assert summary(population_at(2035))["total"] > summary(base_population())["total"]
