"""Extract country outlines around Israel and Palestine from Natural Earth (run once by hand).

Reads countries-10m.json (Natural Earth 4.1.0 Admin 0 countries, 1:10m, as TopoJSON) from
the npm package world-atlas 2.0.2 (`npm pack world-atlas@2.0.2` gives
world-atlas-2.0.2.tgz) and writes src/confed/compare/data/outlines.json: every country
that reaches into the report map's frame, its polygons clipped to that frame and its
coordinates rounded to 4 decimals. Natural Earth is in the public domain.

    python3 tools/extract_outlines.py world-atlas-2.0.2.tgz
"""

from __future__ import annotations

import json
import sys
import tarfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "confed" / "compare" / "data" / "outlines.json"
MEMBER = "package/countries-10m.json"
WEST, SOUTH, EAST, NORTH = 33.5, 29.3, 36.8, 33.6
DIGITS = 4

Point = tuple[float, float]


def _arcs(topology: dict) -> list[list[Point]]:
    """Decode the delta-encoded, quantized arcs into lon/lat points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[list[Point]]) -> list[Point]:
    """Join a ring's arcs (a negative index ~i means arc i reversed)."""
    ring: list[Point] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def _clip(ring: list[Point]) -> list[Point]:
    """Sutherland–Hodgman clipping of a closed ring to the frame."""
    edges = (
        (lambda p: p[0] >= WEST, lambda p, q: _at_x(p, q, WEST)),
        (lambda p: p[0] <= EAST, lambda p, q: _at_x(p, q, EAST)),
        (lambda p: p[1] >= SOUTH, lambda p, q: _at_y(p, q, SOUTH)),
        (lambda p: p[1] <= NORTH, lambda p, q: _at_y(p, q, NORTH)),
    )
    for inside, cross in edges:
        if not ring:
            break
        out: list[Point] = []
        for prev, cur in zip([ring[-1], *ring[:-1]], ring, strict=True):
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        ring = out
    return ring


def _at_x(p: Point, q: Point, x: float) -> Point:
    return (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))


def _at_y(p: Point, q: Point, y: float) -> Point:
    return (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)


def _rounded(ring: list[Point]) -> list[list[float]]:
    """Round to DIGITS decimals and drop repeated points (rings are left open)."""
    out: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon, DIGITS), round(lat, DIGITS)]
        if not out or point != out[-1]:
            out.append(point)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def main(tgz: str) -> int:
    """Write outlines.json and print each country kept with its number of points."""
    with tarfile.open(tgz) as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{tgz} has no {MEMBER}")
        topology = json.load(member)
    arcs = _arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        shapes = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            shapes = [shapes]
        polygons = []
        for shape in shapes:
            rings = [_rounded(_clip(_ring(r, arcs))) for r in shape]
            if len(rings[0]) >= 3:
                polygons.append([r for r in rings if len(r) >= 3])
        if polygons:
            countries.append(
                {"id": geometry["id"], "name": geometry["properties"]["name"], "polygons": polygons}
            )
            points = sum(len(r) for p in polygons for r in p)
            print(f"{geometry['properties']['name']}: {len(polygons)} polygons, {points} points")
    out = {
        "source": "Natural Earth 4.1.0, Admin 0 countries 1:10m, via npm world-atlas 2.0.2",
        "licence": "public domain",
        "frame": [WEST, SOUTH, EAST, NORTH],
        "countries": countries,
    }
    OUT.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    sys.exit(main(sys.argv[1]))
