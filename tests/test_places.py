"""The place table: required ids, coverage of every district, aliases, sources."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from confed.errors import ConfedError
from confed.people.tables import table as load_table
from confed.places import OWN_ENTRY, UNVERIFIED, places, read_places
from confed.places.names import fold
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


@pytest.mark.parametrize(
    ("query", "ids"),
    [("سوسيا", {"susya", "susiya"}), ("الطيبة", {"tayibe", "at-tayba"}), ("רמות", {"ramot", "ramot-4702"})],
)
def test_a_name_several_places_share_is_an_error_naming_each(query, ids):
    with pytest.raises(ConfedError) as err:
        places().resolve(query)
    problem = err.value.problems[0]
    assert problem.field == "residence"
    assert all(f"{i} (" in problem.message for i in ids)
    assert fold(query) not in places().lookup  # the kept answers fall back to this error too


def test_a_shared_name_is_answered_by_each_place_id(confed):
    for place_id in ("susya", "susiya"):
        assert places().ids[places().resolve(place_id)] == place_id
    run = confed("rights", "dajani-yehuda-2024", "--citizenship", "PS", "--residence", "سوسيا",
                 "--year", "2045")  # fmt: skip
    assert run.code == 2 and "susya (" in run.err and "susiya (" in run.err


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


def test_israeli_localities_take_their_arabic_name_from_the_sourced_list():
    """Each locality the Home Front Command's list names shows that name, citing it.

    The table may spell it with the hamza or taa marbuta the list leaves out (same name).
    """
    table = places()
    named = {r["code"]: r for r in load_table("il_names_ar.csv")}
    assert len(named) >= 1000  # of the CBS file's 1,219 localities
    rows = {code: i for i, code in enumerate(table.codes) if code.startswith("cbs:")}
    for code, row in named.items():
        i = rows[f"cbs:{code}"]
        assert fold(table.names_ar[i]) == fold(row["name_ar"])
        assert table.names_ar_source[i] == row["source"]
    known = set(registry()) | {OWN_ENTRY}
    assert {s for s in table.names_ar_source if s} <= known
    pairs = zip(table.names_ar, table.names_ar_source, strict=True)
    assert all(bool(name) == bool(source) for name, source in pairs)
    own = [i for i in rows.values() if table.names_ar_source[i] == OWN_ENTRY]
    assert len(own) <= 45  # the ones no source gives stay marked as confed's own


@pytest.mark.parametrize(
    ("query", "place_id"),
    [
        ("יפו", "jaffa"),
        ("يافا", "jaffa"),
        ("Yafo", "jaffa"),
        ("Jaffa", "jaffa"),
        ("סח'נין", "sakhnin"),
        ("سخنين", "sakhnin"),
        ("أشكلون", "ashkelon"),  # the list's name
        ("عسقلان", "ashkelon"),  # confed's former entry, kept as an alias
    ],
)
def test_a_place_resolves_by_its_name_in_each_script(query, place_id):
    table = places()
    assert table.ids[table.resolve(query)] == place_id


def test_an_arabic_name_without_its_source_is_refused_with_its_line(tmp_path):
    lines = resources.files("confed.places").joinpath("places.csv").read_text().splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index("name_ar_source")] = ""
    path = tmp_path / "places.csv"
    path.write_text("\n".join([lines[0], ",".join(row)]) + "\n", encoding="utf-8")
    with pytest.raises(ConfedError) as info:
        read_places(path)
    message = info.value.render()
    assert "places.csv:2" in message and "name_ar_source" in message
