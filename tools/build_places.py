"""Rebuild places/places.csv with every CBS locality (run by hand after the data change).

Reads the current place table, `people/data/il_localities.csv` (the CBS locality file)
and `people/data/settlements.csv` (whose notes give each settlement's CBS code), then:
- each place already in the table that is a CBS locality keeps its id, name, aliases and
  zone, and takes the locality's code, Hebrew name, district, local authority,
  form and coordinates (ITM converted to WGS 84);
- every other CBS locality becomes a new place (zone `israel`, or a settlement zone for
  the Judea and Samaria Area, which the table already lists in full);
- places inside a locality (Jaffa, Jerusalem's neighbourhoods) keep their coordinates
  and take the locality's code;
- a locality's Arabic name is the one a source gives (`people/data/il_names_ar.csv`,
  extracted by `tools/extract_hfc_names.py`, for Israel; OCHA's census layer's for the
  West Bank and Gaza), with its source in `name_ar_source`; an Arabic name the table had
  that differs stays an alias, and a name no source gives stays confed's own entry
  (`name_ar_source` = `confed`);
- every West Bank and Gaza locality of the PCBS 2017 census (`people/data/ps_localities.csv`,
  extracted by `tools/extract_pcbs_localities.py` and `tools/extract_pcbs_gaza.py`) is a
  place: a place already in the table keeps its id, name, zone and council and takes the
  locality's code and governorate (and its position where the table's was unverified);
  every other one becomes a new place with its Oslo area (Gaza: `gaza`) as zone and its
  own council;
- one "rest of" place per district and governorate holds the people a source counts in
  the area total but in none of its listed localities.
Usage: `python tools/build_places.py`.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1] / "src" / "confed"
sys.path.insert(0, str(ROOT.parent))

from confed.places import COLUMNS, OWN_ENTRY  # noqa: E402
from confed.places.itm import itm_to_wgs84  # noqa: E402
from confed.places.names import fold  # noqa: E402

PLACES = ROOT / "places" / "places.csv"
DATA = ROOT / "people" / "data"
CBS = "cbs-localities-file-2021"
PCBS = ("ocha-palestinian-communities-2019", "ocha-palestinian-communities-2019-shapefile")
"""Sources of the census localities added as places (West Bank; Gaza)."""
GAZA_GOVERNORATES = ("ps-north-gaza", "ps-gaza", "ps-deir-al-balah", "ps-khan-yunis", "ps-rafah")
OSLO_ZONES = {
    "A": "area-a",
    "B": "area-b",
    "C": "area-c",
    "H1": "area-a",
    "H2": "area-c",
    "Nature Reserve": "area-b",
}
"""The layer's Oslo class → zone. H1, the part of Hebron under Palestinian control, is
Area A; H2, under Israeli security control, is Area C; the Wye River nature reserve lies
in Area B (assumptions of the zone vocabulary, which has no H1/H2 zones)."""

SAME_LOCALITY = {
    "jerusalem-west": "3000",
    "mevaseret-zion": "1015",
    "kiryat-ata": "6800",
    "shefa-amr": "8800",
    "nahariya": "9100",
    "maghar": "481",
    "kafr-kanna": "509",
    "kfar-saba": "6900",
    "raanana": "8700",
    "modiin": "1200",
    "tira": "2720",
    "kafr-qasim": "634",
    "eilat": "2600",
}
"""Places whose English name the automatic match misses → their CBS locality code."""

APPROXIMATE_POSITION = {"al-maghazi"}
"""Census localities whose position is an approximation, not their source's: the town of
Al Maghazi sits at its camp's point (the town surrounds the camp; its own is not published)."""

INSIDE_LOCALITY = {"jaffa": "5000"}
"""Places that are part of a CBS locality (a neighbourhood), not a locality of their own.
East Jerusalem's neighbourhoods are inside Jerusalem (3000) by their council."""

MIXED = {"3000", "4000", "5000", "7000", "8500", "7600", "1063", "1061"}
"""Localities CBS counts as mixed towns (Jerusalem, Haifa, Tel Aviv-Yafo, Lod, Ramla,
Acre, Ma'alot-Tarshiha, Nof HaGalil); their Arab shares are in people/data/mixed_towns.csv."""

IL_REST = {
    "il-jerusalem": "Jerusalem District",
    "il-north": "Northern District",
    "il-haifa": "Haifa District",
    "il-center": "Central District",
    "il-tel-aviv": "Tel Aviv District",
    "il-south": "Southern District",
}


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def _arabic_names() -> dict[str, dict]:
    """CBS locality code → its sourced Arabic name row (people/data/il_names_ar.csv)."""
    with (DATA / "il_names_ar.csv").open(encoding="utf-8") as f:
        return {r["code"]: r for r in csv.DictReader(f)}


def _name_ar(row: dict, name: str, source: str) -> None:
    """Give a place the Arabic name a source gives; a different name it had stays an alias.

    The name the place had is kept where it is the source's up to the marks `fold` takes
    off (the source writes ام الفحم, the table أم الفحم): the source confirms it.
    """
    old = row["name_ar"]
    aliases = [a for a in row["aliases"].split("|") if a]
    if old and fold(old) == fold(name):
        name = old
    elif old and fold(old) not in {fold(a) for a in aliases}:
        row["aliases"] = "|".join([*aliases, old])
    row.update(name_ar=name, name_ar_source=source)


def _settlement_codes() -> dict[str, str]:
    with (DATA / "settlements.csv").open(encoding="utf-8") as f:
        return {
            m.group(1): r["place"]
            for r in csv.DictReader(f)
            if (m := re.search(r"CBS locality (\d+)", r["note"]))
        }


def _match(rows: list[dict], localities: list[dict]) -> dict[str, str]:
    """Locality code → id of the existing place that is that locality."""
    by_name: dict[str, str] = {}
    for loc in localities:
        by_name.setdefault(_norm(loc["name_en"]), loc["code"])
    matched = {code: place for code, place in _settlement_codes().items()}
    for row in rows:
        if row["zone"] != "israel" or row["id"] in INSIDE_LOCALITY:
            continue
        code = row["code"].removeprefix("cbs:") or SAME_LOCALITY.get(row["id"])
        names = [row["name"], row["id"], *row["aliases"].split("|")]
        code = code or next((by_name[_norm(n)] for n in names if _norm(n) in by_name), None)
        if code is None:
            raise SystemExit(f"no CBS locality for place {row['id']}")
        matched[code] = row["id"]
    return matched


def main() -> int:
    """Rewrite places.csv and print how many places each kind contributes."""
    with PLACES.open(encoding="utf-8") as f:
        rows = [{c: r.get(c, "") for c in COLUMNS} for r in csv.DictReader(f)]
    for row in rows:  # each name's source is found again below
        row["name_ar_source"] = ""
    order = [r["id"] for r in rows]  # rows keep their places; new ones are appended
    rows = [r for r in rows if not r["id"].startswith("rest-of-")]
    with (DATA / "il_localities.csv").open(encoding="utf-8") as f:
        localities = list(csv.DictReader(f))
    matched = _match(rows, localities)
    arabic = _arabic_names()
    lat, lon = itm_to_wgs84(
        np.array([float(loc["itm_east"]) for loc in localities]),
        np.array([float(loc["itm_north"]) for loc in localities]),
    )
    by_id = {r["id"]: r for r in rows}
    taken = set(by_id)
    new = []
    for i, loc in enumerate(localities):
        code = loc["code"]
        place_id = matched.get(code)
        row = by_id.get(place_id) if place_id else None
        if row is None:
            place_id = _slug(loc["name_en"])
            if place_id in taken:
                place_id = f"{place_id}-{code}"
            taken.add(place_id)
            zone = "israel" if loc["district"] != "judea-and-samaria" else None
            if zone is None:
                raise SystemExit(f"settlement locality {code} is not in settlements.csv")
            row = {c: "" for c in COLUMNS}
            row.update(id=place_id, name=loc["name_en"], zone=zone, zone_source="cbs-localities")
            new.append(row)
        elif _norm(loc["name_en"]) not in {
            _norm(a) for a in [row["name"], *row["aliases"].split("|")]
        }:
            row["aliases"] = "|".join(filter(None, [row["aliases"], loc["name_en"]]))
        # assumption: the four localities without municipal status vote as their own council
        own = loc["authority_kind"] in ("municipality", "local-council", "none")
        council = place_id if own else loc["authority"]
        if code == "3000":
            council = "jerusalem"
        form = "mixed" if code in MIXED else loc["form"]
        row.update(
            code=f"cbs:{code}",
            name_he=loc["name_he"],
            municipality=council,
            form=form,
            lat=f"{lat[i]:.5f}",
            lon=f"{lon[i]:.5f}",
            coord_source=CBS,
        )
        if loc["district"] != "judea-and-samaria":
            row["district"] = loc["district"]
        if code in arabic:
            _name_ar(row, arabic[code]["name_ar"], arabic[code]["source"])
    for place_id, code in INSIDE_LOCALITY.items():
        by_id[place_id].update(code=f"cbs:{code}", form="")
    for row in rows:
        if row["zone"].startswith("east-jerusalem"):
            row["code"] = "cbs:3000"
    new += _pcbs_places(by_id, taken)
    for row in rows + new:
        if row["name_ar"] and not row["name_ar_source"]:
            row["name_ar_source"] = OWN_ENTRY
    rest = []
    for district, name in IL_REST.items():
        members = [r for r in rows + new if r["district"] == district and r["code"]]
        council = f"{district}-outside-localities"  # assumption, see places/README.md
        rest.append(_rest(district, f"Rest of the {name}", "israel", council, members))
    governorates = sorted({r["district"] for r in rows if r["district"].startswith("ps-")})
    for gov in governorates:
        members = [
            r
            for r in rows
            if r["district"] == gov
            and r["zone"] in ("area-a", "area-b", "gaza")
            and r["zone_source"] not in PCBS  # the hand-kept places set the position
        ]
        zone = "gaza" if members[0]["zone"] == "gaza" else "area-b"
        name = gov.removeprefix("ps-").replace("-", " ").title()
        rest.append(_rest(gov, f"Rest of {name} governorate", zone, f"{gov}-villages", members))
    written = {r["id"]: r for r in rows + rest}
    out = [written.pop(place_id) for place_id in order] + new + list(written.values())
    with PLACES.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    print(f"{len(rows)} kept, {len(new)} new localities, {len(rest)} rest-of places")
    return 0


def _pcbs_places(by_id: dict[str, dict], taken: set[str]) -> list[dict]:
    """Give the census localities already in the table their code; the others new rows."""
    new = []
    with (DATA / "ps_localities.csv").open(encoding="utf-8") as f:
        localities = [r for r in csv.DictReader(f) if r["code"]]
    for loc in localities:
        row = by_id.get(loc["place"])
        if row is None:
            row = {c: "" for c in COLUMNS}
            name = re.sub(r"\s*\(.*?\)", "", loc["name_en"])
            gaza = loc["governorate"] in GAZA_GOVERNORATES
            row.update(
                id=loc["place"],
                name=name,
                aliases=loc["name_en"] if name != loc["name_en"] else "",
                zone="gaza" if gaza else OSLO_ZONES[loc["oslo_area"]],
                zone_source=loc["source"],
                municipality=loc["place"],  # assumption, see places/README.md
            )
            taken.add(loc["place"])
            new.append(row)
        elif _norm(loc["name_en"]) not in {
            _norm(a) for a in [row["name"], *row["aliases"].split("|")]
        }:
            row["aliases"] = "|".join(filter(None, [row["aliases"], loc["name_en"]]))
        if row["coord_source"] in ("", "unverified"):
            # a U row's position is an approximation, and so are APPROXIMATE_POSITION's
            verified = loc["quality"] == "S" and loc["place"] not in APPROXIMATE_POSITION
            source = loc["source"] if verified else "unverified"
            row.update(lat=loc["lat"], lon=loc["lon"], coord_source=source)
        if loc["name_ar"] and loc["source"] in PCBS:
            _name_ar(row, loc["name_ar"], loc["source"])
        elif not row["name_ar"]:  # a row another route adds (NOT_IN_LAYER): confed's name
            row["name_ar"] = loc["name_ar"]
        if loc["council"]:  # another locality's council (tools/extract_pcbs_gaza.py)
            row["municipality"] = loc["council"]
        row.update(code=loc["code"], district=loc["governorate"])
    return new


def _rest(district: str, name: str, zone: str, council: str, members: list[dict]) -> dict:
    """A place for the people of an area outside its listed localities.

    It sits at the mean position of the listed ones, marked unverified: those people live
    all over the area.
    """
    row = {c: "" for c in COLUMNS}
    row.update(
        id=f"rest-of-{district}",
        name=name,
        zone=zone,
        municipality=council,
        district=district,
        lat=f"{np.mean([float(r['lat']) for r in members]):.4f}",
        lon=f"{np.mean([float(r['lon']) for r in members]):.4f}",
        coord_source="unverified",
        zone_source="unverified",
    )
    return row


if __name__ == "__main__":
    raise SystemExit(main())
