"""Extract the map's zone areas from OCHA oPt's Oslo-areas layer (run once by hand).

Reads two GeoJSON files of the public repository nickrolle-rgb/Palestine-Land-Loss
(`web/public/data/oslo_areas.geojson`: OCHA oPt, "State of Palestine - Oslo Agreement in
the West Bank", 2019; `web/public/data/settlements_built_up.geojson`: Peace Now's
settlement built-up areas as OCHA republishes them on HDX, 2021) and src/confed/places/
places.csv, and writes src/confed/compare/data/zones.json: each Oslo class as simplified
polygons, and each settlement's built-up area with the zone places.csv gives the
settlement it contains. src/confed/compare/data/README.md says more.

    python3 tools/extract_zones.py oslo_areas.geojson settlements_built_up.geojson
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from confed.compare.areas import contains  # noqa: E402  (standard library only)

OUT = ROOT / "src" / "confed" / "compare" / "data" / "zones.json"
PLACES = ROOT / "src" / "confed" / "places" / "places.csv"
DIGITS = 3  # about 100 m; a unit of the report's map is about 500 m
TOLERANCE = 0.002  # Douglas–Peucker tolerance, degrees (about 200 m)
SMALLEST = 1e-5  # square degrees (about 0.1 km²): smaller rings are dropped
NEAREST = 0.03  # degrees (about 3 km): how far a built-up area may be from its settlement
SETTLEMENT_ZONES = ("settlement-bloc", "settlement-outside-blocs", "east-jerusalem-israeli")

CLASSES = {
    "A": ("Area A", "area-a"),
    "B": ("Area B", "area-b"),
    "C": ("Area C", "area-c"),
    "H1": ("Hebron H1", "area-a"),
    "H2": ("Hebron H2", "area-b"),
    "Nature Reserve": ("Nature reserve", "area-b"),
    "Israeli Declared East Jerusalem": ("East Jerusalem", "east-jerusalem-palestinian"),
    "No Man's Land": ("No man's land", "area-c"),
}
"""OCHA's class → (name drawn, the places.csv zone whose rules colour it); README says why."""

Point = tuple[float, float]


def _simplify_ring(ring: list[Point]) -> list[Point]:
    """A closed ring simplified as two open lines, split at its point farthest from the first."""
    x0, y0 = ring[0]
    far = max(range(len(ring)), key=lambda i: math.hypot(ring[i][0] - x0, ring[i][1] - y0))
    return _simplify(ring[: far + 1])[:-1] + _simplify(ring[far:])


def _simplify(ring: list[Point]) -> list[Point]:
    """Douglas–Peucker, iteratively, keeping the first and last point."""
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = ring[a], ring[b]
        length = math.hypot(x2 - x1, y2 - y1) or 1e-12
        far, at = 0.0, -1
        for i in range(a + 1, b):
            x, y = ring[i]
            d = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
            if d > far:
                far, at = d, i
        if far > TOLERANCE:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(ring, keep, strict=True) if k]


def _area(ring: list[Point]) -> float:
    pairs = zip(ring, ring[1:] + ring[:1], strict=True)
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs)) / 2


def _polygons(geometry: dict) -> list[list[list[Point]]]:
    """Simplified, rounded polygons (open rings, outer first); small rings dropped."""
    parts = geometry["coordinates"]
    parts = [parts] if geometry["type"] == "Polygon" else parts
    out = []
    for part in parts:
        rings = []
        for ring in part:
            points = _simplify_ring([(float(x), float(y)) for x, y, *_ in ring])[:-1]
            rounded: list[Point] = []
            for x, y in points:
                p = (round(x, DIGITS), round(y, DIGITS))
                if not rounded or rounded[-1] != p:
                    rounded.append(p)
            if len(rounded) >= 3 and _area(rounded) >= SMALLEST:
                rings.append(rounded)
        if rings:
            out.append(rings)
    return out


def _outer_ring(features: list[dict]) -> list[Point]:
    """The edge of the layer as a whole: the largest ring of edges no two polygons share.

    Returned closed (its first point repeated). The Oslo areas tile the West Bank, so an
    edge inside it belongs to two polygons and the edges of one polygon only run along
    the 1949 line (a few tiny rings of slivers where neighbours do not quite meet are
    left out with the largest ring kept).
    """
    uses: dict[frozenset, int] = {}
    for f in features:
        g = f["geometry"]
        for part in [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]:
            for ring in part:
                points = [(round(x, 7), round(y, 7)) for x, y, *_ in ring]
                for a, b in itertools.pairwise(points):
                    if a != b:
                        edge = frozenset((a, b))
                        uses[edge] = uses.get(edge, 0) + 1
    near: dict[Point, list[Point]] = {}
    for edge, n in uses.items():
        if n == 1:
            a, b = tuple(edge)
            near.setdefault(a, []).append(b)
            near.setdefault(b, []).append(a)
    walked: set[frozenset] = set()
    rings = []
    for start in near:
        for step in near[start]:
            if frozenset((start, step)) in walked:
                continue
            ring, cur = [start], step
            walked.add(frozenset((start, step)))
            while cur != start:
                ring.append(cur)
                ahead = [n for n in near[cur] if frozenset((cur, n)) not in walked]
                if not ahead:
                    break
                walked.add(frozenset((cur, ahead[0])))
                cur = ahead[0]
            rings.append(ring)
    outer = max(rings, key=_area)
    return [*outer, outer[0]]


def _settlement_zone(feature: dict, raw: list, settlements: list[dict]) -> tuple[str, str] | None:
    """The zone and id of the places.csv settlement this built-up area holds (or is near)."""
    inside = [s for s in settlements if contains(raw, s["lon"], s["lat"])]
    if inside:
        return inside[0]["zone"], inside[0]["id"]
    ring = raw[0][0]
    cx = sum(p[0] for p in ring) / len(ring)
    cy = sum(p[1] for p in ring) / len(ring)
    near = min(settlements, key=lambda s: math.hypot(s["lon"] - cx, s["lat"] - cy))
    if math.hypot(near["lon"] - cx, near["lat"] - cy) <= NEAREST:
        return near["zone"], near["id"]
    return None


def main(oslo_path: str, settlements_path: str) -> None:
    """Write zones.json from the two GeoJSON files."""
    oslo = json.loads(Path(oslo_path).read_text("utf-8"))
    areas = []
    for f in oslo["features"]:
        name, zone = CLASSES[f["properties"]["oslo_class"]]
        areas.append({"name": name, "zone": zone, "polygons": _polygons(f["geometry"])})
    edge = _polygons({"type": "Polygon", "coordinates": [_outer_ring(oslo["features"])]})
    with PLACES.open(encoding="utf-8") as fh:
        settlements = [
            {"id": r["id"], "zone": r["zone"], "lon": float(r["lon"]), "lat": float(r["lat"])}
            for r in csv.DictReader(fh)
            if r["zone"] in SETTLEMENT_ZONES
        ]
    built, unmatched, small = [], [], []
    for f in json.loads(Path(settlements_path).read_text("utf-8"))["features"]:
        g = f["geometry"]
        raw = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        found = _settlement_zone(f, raw, settlements)
        polygons = _polygons(g)
        if found is None or not polygons:
            (small if found else unmatched).append(f["properties"]["name"])
            continue
        zone, place = found
        built.append(
            {"name": f["properties"]["name"], "zone": zone, "place": place, "polygons": polygons}
        )
    OUT.write_text(
        json.dumps(
            {
                "source": "OCHA oPt, State of Palestine - Oslo Agreement in the West Bank "
                "(2019-07-22), via HDX; settlement built-up areas: Peace Now, via OCHA oPt "
                "on HDX (2021-06-03)",
                "licence": "CC BY-IGO 3.0, attribution required, as the republishing "
                "repository records it for OCHA oPt's datasets on HDX (unverified: HDX "
                "was not reachable to check)",
                "west_bank_edge": edge[0][0],
                "areas": areas,
                "settlements": built,
                "settlements_too_small": small,
                "settlements_unmatched": unmatched,
            },
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )
    print(
        f"{OUT}: {len(areas)} areas, {len(built)} settlement areas; "
        f"{len(small)} too small to draw, {len(unmatched)} matched to no place"
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
