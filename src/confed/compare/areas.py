"""The zones drawn as areas: OCHA oPt's Oslo areas and Peace Now's settlement built-up areas.

They ship as data (data/zones.json, made once by tools/extract_zones.py; data/README.md
says from what), so the map needs no network and no GIS library. Each area carries the
places.csv zone whose rules colour it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from confed.compare.outlines import Ring


@dataclass(frozen=True)
class Area:
    """One drawn area: its name, the zone it stands for, and its polygons (outer ring first)."""

    name: str
    zone: str
    polygons: tuple[tuple[Ring, ...], ...]


@dataclass(frozen=True)
class Areas:
    """The Oslo areas, the settlements' built-up areas, and where they come from.

    `west_bank_edge` is the Oslo areas' outer edge: the 1949 armistice line as OCHA oPt
    draws it around the West Bank.
    """

    west_bank_edge: Ring
    oslo: tuple[Area, ...]
    settlements: tuple[Area, ...]
    source: str
    licence: str


def _area(a: dict) -> Area:
    polygons = tuple(
        tuple(tuple((lon, lat) for lon, lat in ring) for ring in polygon)
        for polygon in a["polygons"]
    )
    return Area(a["name"], a["zone"], polygons)


@cache
def areas() -> Areas:
    """The shipped areas (read once)."""
    data = json.loads(files("confed.compare").joinpath("data/zones.json").read_text("utf-8"))
    return Areas(
        tuple((lon, lat) for lon, lat in data["west_bank_edge"]),
        tuple(_area(a) for a in data["areas"]),
        tuple(_area(a) for a in data["settlements"]),
        data["source"],
        data["licence"],
    )


def contains(polygons: tuple[tuple[Ring, ...], ...], lon: float, lat: float) -> bool:
    """Whether (lon, lat) lies inside the polygons (even–odd rule over every ring).

    >>> square = ((((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)),),)
    >>> contains(square, 0.5, 0.5)
    True
    >>> contains(square, 1.5, 0.5)
    False
    """
    hit = False
    for polygon in polygons:
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
                if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                    hit = not hit
    return hit
