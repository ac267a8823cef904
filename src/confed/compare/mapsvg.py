"""Inline SVG maps: Natural Earth outlines and each treaty's places as coloured circles.

A place's circle carries one fill per colouring (`data-fill-0`, `data-fill-1`, …): by
sovereign, and by whether a citizen of each state, living at home, may come to live
there. The report's small script copies the chosen one into `fill`; without the script
the map shows sovereigns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Any

from confed.compare.outlines import outlines
from confed.compare.tables import MISSING, reside_parties, reside_question
from confed.vocab import ACCESS, NONE

HEIGHT = 560
RADIUS = 4.5
SOVEREIGN_COLOURS = ("#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377")
"""Paul Tol's 'bright' scheme, given to sovereign values in sorted order."""

NO_SOVEREIGN = "#bbbbbb"
ACCESS_COLOURS = dict(zip(ACCESS, ("#e66101", "#fdb863", "#b2abd2", "#5e3c99"), strict=True))
"""no → yes on a diverging orange–purple scale that colour-blind readers can tell apart."""

UNSTATED = "#999999"


@dataclass(frozen=True)
class Colouring:
    """One way to colour the places: by sovereign, or by may_reside for one party."""

    label: str
    party: str | None  # None: by sovereign
    colours: dict[str, str]  # value → colour, in legend order

    def value(self, place: dict[str, Any]) -> str:
        """The place's value under this colouring."""
        if self.party is None:
            return place["sovereign"]
        return place["may_reside"].get(self.party, MISSING)

    def colour(self, place: dict[str, Any]) -> str:
        """The place's fill under this colouring."""
        return self.colours.get(self.value(place), UNSTATED)


def colourings(comparison: dict[str, Any]) -> list[Colouring]:
    """Sovereign first, then one 'may reside' colouring per party any map answers for."""
    present = {p["sovereign"] for t in comparison["treaties"] for p in t["map"]["places"]}
    by_sovereign = {
        s: SOVEREIGN_COLOURS[i % len(SOVEREIGN_COLOURS)]
        for i, s in enumerate(sorted(present - {NONE}))
    }
    if NONE in present:
        by_sovereign[NONE] = NO_SOVEREIGN
    access = dict(reversed(ACCESS_COLOURS.items()))
    return [
        Colouring("Sovereign", None, by_sovereign),
        *(Colouring(reside_question(comparison, p), p, access) for p in reside_parties(comparison)),
    ]


def _width() -> float:
    """The map's width in SVG units: the frame in equirectangular at its middle latitude."""
    f = outlines()
    scale_x = math.cos(math.radians((f.south + f.north) / 2))
    return HEIGHT * (f.east - f.west) * scale_x / (f.north - f.south)


def _xy(lon: float, lat: float) -> tuple[float, float]:
    f = outlines()
    x = (lon - f.west) / (f.east - f.west) * _width()
    return x, (f.north - lat) / (f.north - f.south) * HEIGHT


def in_frame(place: dict[str, Any]) -> bool:
    """Whether the place lies inside the map's frame (others are listed, not drawn)."""
    frame = outlines()
    return frame.west <= place["lon"] <= frame.east and frame.south <= place["lat"] <= frame.north


def map_svg(treaty: dict[str, Any], schemes: list[Colouring], map_id: str) -> str:
    """The treaty's map as an <svg class="map">: outlines, then one circle per place."""
    width = _width()
    parts = [f'<rect width="{width:.1f}" height="{HEIGHT}" class="sea"/>']
    for country in outlines().countries:
        d = " ".join(
            "M" + " L".join("{:.1f},{:.1f}".format(*_xy(lon, lat)) for lon, lat in ring) + "Z"
            for polygon in country.polygons
            for ring in polygon
        )
        parts.append(
            f'<path class="country" d="{d}" fill-rule="evenodd">'
            f"<title>{escape(country.name)}</title></path>"
        )
    for place in treaty["map"]["places"]:
        if not in_frame(place):
            continue
        x, y = _xy(place["lon"], place["lat"])
        fills = " ".join(
            f'data-fill-{i}="{scheme.colour(place)}"' for i, scheme in enumerate(schemes)
        )
        reside = ", ".join(f"{k} {v}" for k, v in sorted(place["may_reside"].items()))
        tip = (
            f"{place['name']} ({place['zone']}): sovereign {place['sovereign']}; "
            f"may a citizen of each state come to live here: {reside}"
        )
        parts.append(
            f'<circle class="place" cx="{x:.1f}" cy="{y:.1f}" r="{RADIUS}" '
            f'fill="{schemes[0].colour(place)}" {fills}><title>{escape(tip)}</title></circle>'
        )
    title = f"Places under {treaty['name']} in {treaty['map']['year']}"
    return (
        f'<svg class="map" viewBox="0 0 {width:.1f} {HEIGHT}" role="img" '
        f'aria-labelledby="{map_id}-title"><title id="{map_id}-title">{escape(title)}</title>'
        + "".join(parts)
        + "</svg>"
    )
