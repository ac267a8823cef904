"""Extract the West Bank localities of the PCBS 2017 census into people/data/ps_localities.csv.

Input: `web/public/data/localities.geojson` of github.com/nickrolle-rgb/Palestine-Land-Loss
(commit e1b306ef02a4556176b9586652f2ce44f12bdd50), which carries OCHA oPt's layer
"Palestinian Communities in the West Bank and the Gaza Strip" (HDX, 2019-07-17): every
West Bank locality with its PCBS English and Arabic names, OCHA code, governorate,
position and `pop2017`, the PCBS 2017 census count (the governorate sums match PCBS's
census governorate totals to within 1%). Localities without a count (or a count of 0)
are left out. That repository dropped the layer's Gaza rows;
`tools/extract_pcbs_gaza.py` writes them from another stored copy of the layer. East
Jerusalem (J1) localities are left out: CBS counts their people (`people/data/README.md`). Usage:
`python tools/extract_pcbs_localities.py path/to/localities.geojson`.

Each locality is matched to the place already in `places/places.csv` that is it (same
governorate, same English or Arabic name, or a name in `SAME_LOCALITY`); the others get
a new place id, the slug of the PCBS English name. `tools/build_places.py` then makes
every row a place.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "src" / "confed"
OUT = ROOT / "people" / "data" / "ps_localities.csv"
PLACES = ROOT / "places" / "places.csv"
SOURCE = "ocha-palestinian-communities-2019"
COLUMNS = (
    "place",
    "code",
    "name_en",
    "name_ar",
    "governorate",
    "oslo_area",
    "council",
    "lat",
    "lon",
    "population",
    "date",
    "source",
    "quality",
    "note",
)

OCHA_ONLY = "999"
"""Code prefix of communities OCHA lists that have no PCBS locality code."""

EAST_JERUSALEM = "Israeli Declared East Jerusalem"
"""The layer's Oslo class for the area Israel annexed in 1967 (PCBS's J1; Kafr 'Aqab and
Shu'fat Camp carry it without the layer's East Jerusalem flag)."""

GOVERNORATES = {
    "Bethlehem": "ps-bethlehem",
    "Hebron": "ps-hebron",
    "Jenin": "ps-jenin",
    "Jericho": "ps-jericho",
    "Jerusalem": "ps-jerusalem",
    "Nablus": "ps-nablus",
    "Qalqiliya": "ps-qalqilya",
    "Ramallah": "ps-ramallah-al-bireh",
    "Salfit": "ps-salfit",
    "Tubas": "ps-tubas",
    "Tulkarm": "ps-tulkarm",
}
"""The layer's district names → confed governorate ids."""

SAME_LOCALITY = {
    "jenin-camp": "Jenin Camp",
    "al-farah-camp": "El Far'a Camp",
    "nur-shams-camp": "Nur Shams Camp",
    "balata-camp": "Balata Camp",
    "jalazone-camp": "Al Jalazun Camp",
    "aqabat-jabr-camp": "Aqbat Jaber Camp",
    "qalandiya-camp": "Qalandiya Camp",
    "aida-camp": "Ayda Camp",
    "dheisheh-camp": "Ad Duheisha Camp",
    "al-arrub-camp": "Al 'Arrub Camp",
    "ar-ram": "Ar Ram & Dahiyat al Bareed",
}
"""Places the automatic name match misses → the PCBS English name of their locality."""

NOT_A_LOCALITY = {"masafer-yatta", "khan-al-ahmar", "al-jiftlik"}
"""Hand-kept places the layer has no 2017 count for under that name (an area of several
hamlets the layer lists one by one; communities listed without a count). They had no
count before either, so they hold no one; they stay places for rights and councils."""


HARAKAT = re.compile("[\u064b-\u0652\u0670]")
"""Arabic short-vowel marks, which the layer adds and PCBS's own lists do not write."""


def _latin(text: str) -> str:
    text = re.sub(r"\(.*?\)", "", text.lower())
    text = re.sub(r"\b(al|el|ar|as|ash|ad|at|az|an|adh|ath)\b[\s'-]*", "", text)
    return re.sub(r"[^a-z0-9]", "", text)


def _arabic(text: str) -> str:
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ة", "ه"), ("ى", "ي")):
        text = text.replace(a, b)
    return re.sub(r"\s+", "", text)


def _localities(path: Path) -> list[dict]:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    out = []
    for f in features:
        p = f["properties"]
        counts = [q for q in p.get("population", []) if q.get("source_id") == "ocha_opt"]
        east_jerusalem = p["in_east_jerusalem"] or p.get("oslo_area") == EAST_JERUSALEM
        if not counts or not counts[0]["value"] or east_jerusalem:
            continue
        lon, lat = f["geometry"]["coordinates"]
        out.append(
            {
                "code": p["locality_id"],
                "name_en": p["name"],
                "name_ar": HARAKAT.sub("", (p.get("names") or {}).get("arabic") or ""),
                "governorate": GOVERNORATES[p["district"]],
                "oslo_area": p.get("oslo_area") or "",
                "lat": f"{lat:.5f}",
                "lon": f"{lon:.5f}",
                "population": str(counts[0]["value"]),
            }
        )
    return out


def match_places(
    localities: list[dict], places: list[dict], same: dict[str, str], skip: set[str]
) -> dict[str, str]:
    """Locality code → id of the existing place that is that locality.

    A place that carries a locality's code (an earlier run's) is that locality; else it
    matches the locality of its governorate named in `same`, else the one non-camp
    locality with its English (any alias) or Arabic name; places in `skip` match none.
    """
    by_name = {(loc["governorate"], loc["name_en"]): loc["code"] for loc in localities}
    codes = {loc["code"] for loc in localities}
    matched: dict[str, str] = {}
    for place in places:
        if place["id"] in skip:
            continue
        gov = place["district"]
        code = place["code"].removeprefix("ocha:")
        code = code if code in codes else by_name.get((gov, same.get(place["id"], "")))
        if code is None:
            latin = {_latin(n) for n in [place["name"], place["id"], *place["aliases"].split("|")]}
            arabic = _arabic(place["name_ar"]) if place["name_ar"] else None
            hits = [
                loc["code"]
                for loc in localities
                if loc["governorate"] == gov
                and not loc["name_en"].endswith("Camp")
                and (_latin(loc["name_en"]) in latin or _arabic(loc["name_ar"]) == arabic)
            ]
            if len(hits) != 1:
                raise SystemExit(f"{len(hits)} PCBS localities match place {place['id']}")
            code = hits[0]
        matched[code] = place["id"]
    return matched


def slug(text: str) -> str:
    """A place id from a PCBS English name: lowercase ASCII, the bracketed part dropped."""
    text = re.sub(r"\(.*?\)", "", text).replace("&", "and")
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def main(path: str) -> int:
    """Rewrite ps_localities.csv: the West Bank census rows, then the Gaza rows as they are."""
    with PLACES.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    west_bank = [
        r
        for r in rows
        if r["zone"] in ("area-a", "area-b", "area-c") and not r["id"].startswith("rest-of-")
    ]
    localities = _localities(Path(path))
    matched = match_places(localities, west_bank, SAME_LOCALITY, NOT_A_LOCALITY)
    taken = {r["id"] for r in rows}
    out = []
    for loc in sorted(localities, key=lambda loc: (loc["governorate"], -int(loc["population"]))):
        place = matched.get(loc["code"])
        if place is None:
            place = slug(loc["name_en"])
            if place in taken:
                place = f"{place}-{loc['code']}"
            taken.add(place)
        pcbs = not loc["code"].startswith(OCHA_ONLY)
        out.append(
            {
                **loc,
                "place": place,
                "code": f"ocha:{loc['code']}",
                "date": "2017-12-01",
                "source": SOURCE,
                "quality": "S" if pcbs else "U",
                "note": "PCBS 2017 census count (pop2017 of the OCHA layer)"
                if pcbs
                else "unverified: a community OCHA adds to PCBS's list (code 999…); the "
                "origin of its 2017 count is not stated",
            }
        )
    with OUT.open(encoding="utf-8") as f:
        kept = [r for r in csv.DictReader(f) if r["governorate"] not in GOVERNORATES.values()]
    kept = [{c: r.get(c, "") for c in COLUMNS} for r in kept]
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out + kept)
    print(f"{len(out)} census localities ({len(matched)} already places), {len(kept)} kept rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
