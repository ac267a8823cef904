"""The place table: required ids, coverage of every district, aliases, sources."""

from __future__ import annotations

from collections import Counter

import pytest

from confed.errors import ConfedError
from confed.places import UNVERIFIED, places
from confed.sources import registry
from confed.vocab import ZONES

REQUIRED = [
    "tel-aviv-yafo",
    "jaffa",
    "haifa",
    "nazareth",
    "ariel",
    "maale-adumim",
    "kiryat-arba",
    "ramallah",
    "nablus",
    "hebron",
    "gaza-city",
    "jerusalem-west",
    "jerusalem-east",
]
IL_DISTRICTS = ["il-jerusalem", "il-north", "il-haifa", "il-center", "il-tel-aviv", "il-south"]
PS_GOVERNORATES = [
    "ps-jenin",
    "ps-tubas",
    "ps-tulkarm",
    "ps-nablus",
    "ps-qalqilya",
    "ps-salfit",
    "ps-ramallah-al-bireh",
    "ps-jericho",
    "ps-jerusalem",
    "ps-bethlehem",
    "ps-hebron",
    "ps-north-gaza",
    "ps-gaza",
    "ps-deir-al-balah",
    "ps-khan-yunis",
    "ps-rafah",
]


def test_required_ids_exist():
    table = places()
    assert set(REQUIRED) <= set(table.ids)


def test_jaffa_belongs_to_tel_aviv_yafo():
    table = places()
    assert table.council_of(table.code("jaffa")) == "tel-aviv-yafo"


def test_every_district_and_governorate_has_places():
    table = places()
    per = Counter(table.districts[d] for d in table.district)
    for district in IL_DISTRICTS:
        assert per[district] >= 4, district
    for governorate in PS_GOVERNORATES:
        assert per[governorate] >= 3, governorate
    assert {"jordan", "lebanon", "syria"} <= set(per)


def test_every_zone_is_covered_with_the_split_of_east_jerusalem():
    per = Counter(ZONES[z] for z in places().zone)
    assert set(per) == set(ZONES)
    assert per["settlement-bloc"] >= 20
    assert per["settlement-outside-blocs"] >= 20
    assert per["east-jerusalem-israeli"] >= 8
    assert per["east-jerusalem-palestinian"] >= 12


def test_jerusalem_places_on_both_sides_share_the_municipality():
    table = places()
    for row, zone in enumerate(table.zone):
        if ZONES[zone].startswith("east-jerusalem"):
            assert table.council_of(row) == "jerusalem", table.ids[row]


@pytest.mark.parametrize(
    ("query", "place_id"),
    [
        ("Yafo", "jaffa"),
        ("JAFFA", "jaffa"),
        ("Al-Quds", "jerusalem-east"),
        ("Be'er Sheva", "beersheba"),
        ("Beersheba", "beersheba"),
        ("ariel", "ariel"),
    ],
)
def test_names_and_aliases_resolve_case_insensitively(query, place_id):
    table = places()
    assert table.ids[table.resolve(query)] == place_id


def test_unknown_name_gets_did_you_mean():
    with pytest.raises(ConfedError) as info:
        places().resolve("Nablos")
    assert "did you mean: nablus?" in info.value.render()


def test_every_row_cites_registered_sources_and_few_are_unverified():
    table = places()
    known = set(registry())
    for column in (table.coord_source, table.zone_source):
        assert {s for s in column if s != UNVERIFIED} <= known
    unverified = sum(s == UNVERIFIED for s in table.coord_source)
    assert unverified <= 0.5 * len(table)  # each such row is flagged to users


def test_coordinates_lie_in_the_region():
    table = places()
    land = table.zone != ZONES.index("abroad")
    assert ((table.lat[land] > 29.4) & (table.lat[land] < 33.4)).all()
    assert ((table.lon[land] > 34.2) & (table.lon[land] < 35.9)).all()  # Golan to 35.85


def test_cli_places_finds_by_alias(confed):
    run = confed("places", "yafo")
    assert run.code == 0
    assert "jaffa" in run.out
