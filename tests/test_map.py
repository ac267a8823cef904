"""The report's map: the shipped zones hold the places they should, and the map says so.

Geometry: OCHA oPt's Oslo areas and Peace Now's settlement built-up areas (zones.json)
against confed's own places.csv, which assigns zones from other sources; rendering: the
line, the zones, labels that do not overlap, the source note and the map's data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from confed.compare.areas import areas, contains
from confed.compare.html import render_html
from confed.compare.mapfigure import CODES
from confed.compare.mapsvg import (
    ACCESS_COLOURS,
    CHAR_WIDTH,
    LABEL_SIZE,
    LABELS,
    area_of,
    drawn_areas,
    label_box,
    line_1949,
)
from confed.places import places

FIXTURE = Path(__file__).parent / "fixtures" / "comparison.json"
ZONES = Path(__file__).parents[1] / "src" / "confed" / "compare" / "data" / "zones.json"
WEST_BANK = (
    "area-a",
    "area-b",
    "area-c",
    "settlement-bloc",
    "settlement-outside-blocs",
    "east-jerusalem-israeli",
    "east-jerusalem-palestinian",
)


@pytest.fixture(scope="module")
def located() -> list[tuple[str, str, float, float]]:
    """(id, zone, lon, lat) of every place in the land with its own position."""
    t = places()
    return [
        (t.ids[i], t.zone_of(t.ids[i]), float(t.lon[i]), float(t.lat[i]))
        for i in range(len(t))
        if t.zone_of(t.ids[i]) != "abroad" and not t.ids[i].startswith("rest-of-")
    ]


def _at(place_id: str):
    t = places()
    row = t.code(place_id)
    return area_of(float(t.lon[row]), float(t.lat[row]))


def test_the_shipped_zones_parse_and_name_their_source():
    assert ZONES.stat().st_size < 150_000
    shipped = areas()
    names = {a.name for a in shipped.oslo}
    assert {"Area A", "Area B", "Area C", "East Jerusalem"} <= names
    assert {s.zone for s in shipped.settlements} == {
        "settlement-bloc",
        "settlement-outside-blocs",
        "east-jerusalem-israeli",
    }
    assert "OCHA" in shipped.source and "Peace Now" in shipped.source
    assert "CC BY-IGO" in shipped.licence
    for area in shipped.oslo + shipped.settlements:
        for polygon in area.polygons:
            assert all(len(ring) >= 3 for ring in polygon)


@pytest.mark.parametrize(
    "city", ["jenin", "nablus", "tulkarm", "qalqilya", "ramallah", "bethlehem", "jericho"]
)
def test_the_oslo_ii_city_centres_are_in_area_a(city):
    assert _at(city).name == "Area A"


@pytest.mark.parametrize("settlement", ["ariel", "maale-adumim", "efrat", "modiin-illit"])
def test_bloc_settlements_are_drawn_as_bloc_areas(settlement):
    assert _at(settlement).zone == "settlement-bloc"


def test_places_fall_on_their_side_of_the_1949_line():
    t = places()
    jaffa = t.code("jaffa")
    assert _at("jaffa").name == "Israel"
    assert not contains(line_1949(), float(t.lon[jaffa]), float(t.lat[jaffa]))
    assert _at("gaza-city").name == "Gaza Strip"
    assert _at("silwan").name == "East Jerusalem"
    hebron = t.code("hebron")
    assert contains(line_1949(), float(t.lon[hebron]), float(t.lat[hebron]))


def test_the_zones_agree_with_the_place_tables_zones(located):
    """Two sources, one land: most places fall in the area of the zone places.csv gives."""
    inside = {
        zone: [contains(line_1949(), lon, lat) for _, z, lon, lat in located if z == zone]
        for zone in ("israel", *WEST_BANK)
    }
    west_bank = [hit for zone in WEST_BANK for hit in inside[zone]]
    assert sum(west_bank) / len(west_bank) > 0.97
    assert sum(inside["israel"]) / len(inside["israel"]) < 0.01
    for zone in ("area-a", "area-b"):
        found = [area_of(lon, lat) for _, z, lon, lat in located if z == zone]
        assert sum(a is not None and a.zone == zone for a in found) / len(found) > 0.8


@pytest.fixture
def comparison() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _map_data(html: str) -> dict:
    blob = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html)
    return json.loads(blob.group(1))


def test_the_map_draws_the_line_the_zones_and_says_whose_they_are(comparison):
    eilat = {"id": "eilat", "name": "Eilat", "lat": 29.55, "lon": 34.95, "zone": "israel"}
    comparison["treaties"][0]["map"]["places"].append(
        {**eilat, "sovereign": "IL", "may_reside": {"IL": "yes", "PS": "quota"}}
    )
    html = render_html(comparison)
    svg = re.search(r'<svg class="map".*?</svg>', html).group(0)
    assert html.count('<svg class="map"') == 1
    assert svg.count('class="line-1949"') == 1
    assert svg.count('<path class="area"') == len(drawn_areas())
    assert '<title id="map-title">' in svg and '<desc id="map-desc">' in svg
    union = {p["id"] for t in comparison["treaties"] for p in t["map"]["places"]}
    assert svg.count('<circle class="place"') == len(union) - 1  # all but Eilat
    assert "places further south, in the table: 1" in svg
    assert "1 outside the map&#x27;s frame are in this table only" in html
    note = re.search(r'<p class="credit map-source">(.*?)</p>', html).group(1)
    for words in ("1949 armistice line", "Natural Earth", "OCHA oPt", "Peace Now", "CC BY-IGO"):
        assert words in note
    labels = re.findall(r'<text class="label"[^>]*>([^<]*)</text>', svg)
    assert {"Jaffa", "Hebron", "Gaza City"} <= set(labels)
    assert LABEL_SIZE >= 11


def test_the_maps_data_colours_each_treaty_and_colouring(comparison):
    data = _map_data(render_html(comparison))
    assert [t["id"] for t in data["treaties"]] == [t["id"] for t in comparison["treaties"]]
    slugs = [c["slug"] for c in data["colourings"]]
    assert slugs == ["sovereign", "reside-IL", "reside-PS", "zone"]
    separation = data["treaties"][1]
    union = [p["id"] for t in comparison["treaties"] for p in t["map"]["places"]]
    union = list(dict.fromkeys(union))
    hebron = union.index("hebron")
    fills = separation["fills"][0][slugs.index("reside-IL")]["places"]
    assert data["palette"][CODES.index(fills[hebron])] == ACCESS_COLOURS["no"]
    fills = separation["fills"][0][slugs.index("reside-PS")]["places"]
    assert data["palette"][CODES.index(fills[hebron])] == ACCESS_COLOURS["yes"]
    assert len(separation["fills"][0][0]["areas"]) == len(drawn_areas())


def test_labels_of_every_place_do_not_overlap(comparison):
    """With all of places.csv on the map, the largest are labelled and no two labels touch."""
    t = places()
    comparison["treaties"] = comparison["treaties"][:1]
    comparison["treaties"][0]["map"]["places"] = [
        {
            "id": t.ids[i],
            "name": t.names[i],
            "lat": float(t.lat[i]),
            "lon": float(t.lon[i]),
            "zone": t.zone_of(t.ids[i]),
            "sovereign": "IL",
            "may_reside": {},
        }
        for i in range(len(t))
        if t.zone_of(t.ids[i]) != "abroad"
    ]
    svg = re.search(r'<svg class="map".*?</svg>', render_html(comparison)).group(0)
    texts = re.findall(
        r'<text class="label" x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)" '
        r'data-place="[^"]*">([^<]*)</text>',
        svg,
    )
    assert len(texts) == LABELS
    names = [name for *_, name in texts]
    assert "West Jerusalem" in names and "Tel Aviv-Yafo" in names
    boxes = []
    for x, y, anchor, name in texts:
        w = CHAR_WIDTH * LABEL_SIZE * len(name)
        left = float(x) if anchor == "start" else float(x) - w
        boxes.append(label_box(left, float(y), w))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
