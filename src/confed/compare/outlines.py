"""Country outlines around Israel and Palestine, from Natural Earth (public domain).

The outlines ship as data (data/outlines.json, made once by tools/extract_outlines.py;
data/README.md says from what), so drawing a map needs no network and no GIS library.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

Ring = tuple[tuple[float, float], ...]
"""An open ring of (lon, lat) points."""


@dataclass(frozen=True)
class Outline:
    """One country's polygons (outer ring first, then holes), clipped to the frame."""

    name: str
    polygons: tuple[tuple[Ring, ...], ...]


@dataclass(frozen=True)
class Outlines:
    """The frame the outlines were clipped to, their countries, and where they come from."""

    west: float
    south: float
    east: float
    north: float
    countries: tuple[Outline, ...]
    source: str


@cache
def outlines() -> Outlines:
    """The shipped outlines (read once)."""
    data = json.loads(files("confed.compare").joinpath("data/outlines.json").read_text("utf-8"))
    countries = tuple(
        Outline(
            c["name"],
            tuple(
                tuple(tuple((lon, lat) for lon, lat in ring) for ring in polygon)
                for polygon in c["polygons"]
            ),
        )
        for c in data["countries"]
    )
    return Outlines(*data["frame"], countries, f"{data['source']} ({data['licence']})")
