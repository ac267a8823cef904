"""The report's map as inline SVG: zones drawn as areas, the 1949 line, places and labels.

Israel, the Gaza Strip and the neighbours are Natural Earth's outlines; the West Bank's
zones are OCHA oPt's Oslo areas and Peace Now's settlement built-up areas (`areas`).
The dashed line is the 1949 armistice line: the outer edge of OCHA's West Bank areas,
and Natural Earth's outline of the Gaza Strip. Every area and place carries
`data-area` / `data-place` so the map's script (web/static/map.js) can recolour them by
treaty, year and colouring; without the script the map shows the first treaty,
coloured by sovereign.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from html import escape
from typing import Any

from confed.compare.areas import Area, areas, contains
from confed.compare.outlines import Ring, outlines
from confed.compare.tables import MISSING, party_name, reside_parties, reside_question
from confed.i18n import N_, _, current
from confed.i18n.terms import term
from confed.vocab import ACCESS, NONE

WEST, SOUTH, EAST, NORTH = 34.15, 30.75, 35.95, 33.35
"""The map's frame (degrees): Israel down to the central Negev, the West Bank, the Gaza
Strip and the Golan. Places south of it (Eilat, the Arava) are in the table only, so the
West Bank is drawn large enough to read on a phone."""

HEIGHT = 580.0
LABEL_SIZE = 12.5
"""Label font size in map units: 11 px or more wherever the map is 300 px wide or wider."""

CHAR_WIDTH = 0.65
"""A label's width per character, in font sizes: generous for system sans-serif fonts."""

RADIUS = 2.2
LABELS = 28
"""At most this many places are labelled, largest first, skipping any that would overlap."""

SOVEREIGN_COLOURS = ("#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377")
"""Paul Tol's 'bright' scheme, given to sovereign values in sorted order."""

NO_SOVEREIGN = "#bbbbbb"
ACCESS_COLOURS = dict(zip(ACCESS, ("#e66101", "#fdb863", "#b2abd2", "#5e3c99"), strict=True))
"""no → yes on a diverging orange–purple scale that colour-blind readers can tell apart."""

UNSTATED = "#999999"

ZONE_COLOURS = {
    "israel": "#88ccee",
    "settlement-bloc": "#332288",
    "settlement-outside-blocs": "#aa4499",
    "east-jerusalem-israeli": "#882255",
    "east-jerusalem-palestinian": "#cc6677",
    "area-a": "#117733",
    "area-b": "#44aa99",
    "area-c": "#ddcc77",
    "gaza": "#999933",
}
"""Paul Tol's 'muted' scheme, one colour per zone of places.csv."""

ZONE_NAMES = {
    "israel": "Israel",
    "settlement-bloc": "Settlement in a bloc",
    "settlement-outside-blocs": "Settlement outside the blocs",
    "east-jerusalem-israeli": "East Jerusalem: Israeli neighbourhood",
    "east-jerusalem-palestinian": "East Jerusalem: Palestinian neighbourhood",
    "area-a": "Area A",
    "area-b": "Area B",
    "area-c": "Area C",
    "gaza": "Gaza Strip",
}
"""The zones' names in the legend."""

ZONE_GROUPS = {
    "east-jerusalem-palestinian": ("east-jerusalem-palestinian", "east-jerusalem-israeli")
}
"""An area standing for a zone takes its colour from these zones' places (default: its own)."""


@dataclass(frozen=True)
class Colouring:
    """One way to colour the map: by zone, by sovereign, or by may_reside for one party."""

    key: str  # "sovereign", "zone", or a party code (may_reside)
    label: str
    colours: dict[str, str]  # value → colour, in legend order
    names: dict[str, str] | None = None  # value → its name in the legend, if not itself

    @property
    def slug(self) -> str:
        """The colouring's name in the page's URL (`colour=`)."""
        return self.key if self.key in ("sovereign", "zone") else f"reside-{self.key}"

    def value(self, place: dict[str, Any]) -> str:
        """The place's value under this colouring."""
        if self.key in ("sovereign", "zone"):
            return place[self.key]
        return place["may_reside"].get(self.key, MISSING)

    def colour(self, value: str) -> str:
        """The fill for a value."""
        return self.colours.get(value, UNSTATED)


def colourings(comparison: dict[str, Any]) -> list[Colouring]:
    """Sovereign first, then one 'may reside' colouring per party, then today's zones."""
    present = {p["sovereign"] for t in comparison["treaties"] for p in t["map"]["places"]}
    by_sovereign = {
        s: SOVEREIGN_COLOURS[i % len(SOVEREIGN_COLOURS)]
        for i, s in enumerate(sorted(present - {NONE}))
    }
    if NONE in present:
        by_sovereign[NONE] = NO_SOVEREIGN
    access = dict(reversed(ACCESS_COLOURS.items()))
    return [
        Colouring(
            "sovereign",
            N_("Sovereign"),
            by_sovereign,
            {s: party_name(comparison, s) for s in present},
        ),
        *(Colouring(p, reside_question(comparison, p), access) for p in reside_parties(comparison)),
        Colouring("zone", N_("Zone today"), ZONE_COLOURS, ZONE_NAMES),
    ]


def width() -> float:
    """The map's width in SVG units: the frame in equirectangular at its middle latitude."""
    scale_x = math.cos(math.radians((SOUTH + NORTH) / 2))
    return HEIGHT * (EAST - WEST) * scale_x / (NORTH - SOUTH)


def xy(lon: float, lat: float) -> tuple[float, float]:
    """A point's position on the map, in SVG units."""
    return (lon - WEST) / (EAST - WEST) * width(), (NORTH - lat) / (NORTH - SOUTH) * HEIGHT


def in_frame(place: dict[str, Any]) -> bool:
    """Whether the place lies inside the map's frame (others are listed, not drawn)."""
    return WEST <= place["lon"] <= EAST and SOUTH <= place["lat"] <= NORTH


def _path(polygons: tuple[tuple[Ring, ...], ...]) -> str:
    return " ".join(
        "M" + " ".join("{:.1f},{:.1f}".format(*xy(lon, lat)) for lon, lat in ring) + "Z"
        for polygon in polygons
        for ring in polygon
    )


@cache
def drawn_areas() -> tuple[Area, ...]:
    """Every area the map fills, bottom first: Israel and Gaza, the Oslo areas, settlements.

    The settlements' built-up areas are merged into one area per zone.
    """
    shipped = outlines()
    israel = next(c for c in shipped.countries if c.name == "Israel")
    gaza, _ = _palestine()
    by_zone: dict[str, list] = {}
    for s in areas().settlements:
        by_zone.setdefault(s.zone, []).extend(s.polygons)
    return (
        Area("Israel", "israel", israel.polygons),
        Area("Gaza Strip", "gaza", gaza),
        *areas().oslo,
        *(
            Area(f"Settlement built-up areas ({ZONE_NAMES[zone].lower()})", zone, tuple(p))
            for zone, p in by_zone.items()
        ),
    )


def _area_name(area: Area) -> str:
    """A drawn area's name: as its source names it in English, else its zone's term."""
    return area.name if current() == "en" else term("zone", area.zone)


def _palestine() -> tuple[tuple[tuple[Ring, ...], ...], tuple[tuple[Ring, ...], ...]]:
    """Natural Earth's Palestine polygons: the Gaza Strip's, and the West Bank's."""
    palestine = next(c for c in outlines().countries if c.name == "Palestine")
    gaza = tuple(p for p in palestine.polygons if max(lon for lon, _ in p[0]) < 34.6)
    return gaza, tuple(p for p in palestine.polygons if p not in gaza)


def line_1949() -> tuple[tuple[Ring, ...], ...]:
    """The 1949 armistice line: OCHA's edge of the West Bank, Natural Earth's of Gaza."""
    gaza, _ = _palestine()
    return ((areas().west_bank_edge,), *((p[0],) for p in gaza))


def area_of(lon: float, lat: float) -> Area | None:
    """The topmost drawn area holding a point (None outside them all)."""
    return next((a for a in reversed(drawn_areas()) if contains(a.polygons, lon, lat)), None)


def area_values(places: list[dict[str, Any]], scheme: Colouring) -> list[str]:
    """Each drawn area's value: the value most of its zone's places hold (ties: smallest)."""
    by_zone: dict[str, dict[str, int]] = {}
    for p in places:
        counts = by_zone.setdefault(p["zone"], {})
        v = scheme.value(p)
        counts[v] = counts.get(v, 0) + 1
    out = []
    for a in drawn_areas():
        if scheme.key == "zone":
            out.append(a.zone)
            continue
        counts = {}
        for zone in ZONE_GROUPS.get(a.zone, (a.zone,)):
            for v, n in by_zone.get(zone, {}).items():
                counts[v] = counts.get(v, 0) + n
        out.append(min(counts, key=lambda v: (-counts[v], v)) if counts else MISSING)
    return out


@cache
def _population() -> dict[str, float]:
    """Each place's head count in its source year (places.csv ids), to rank labels."""
    from confed.people.localities import source_counts
    from confed.places import places

    t = places()
    return dict(zip(t.ids, source_counts(t).sum(axis=1).tolist(), strict=True))


def _labels(places: list[dict[str, Any]]) -> list[str]:
    """Text labels for the largest places, each placed where it overlaps no other."""
    population = _population()
    ranked = sorted(
        (p for p in places if in_frame(p) and not p["id"].startswith("rest-of-")),
        key=lambda p: -population.get(p["id"], 0.0),
    )
    boxes: list[tuple[float, float, float, float]] = []
    out = []
    w = width()
    for p in ranked:
        if len(out) == LABELS:
            break
        x, y = xy(p["lon"], p["lat"])
        text_w = CHAR_WIDTH * LABEL_SIZE * len(p["name"])
        for dx, dy, anchor in ((4, 4, "start"), (-4, 4, "end"), (4, -3, "start"), (-4, 12, "end")):
            left = x + dx if anchor == "start" else x + dx - text_w
            box = label_box(left, y + dy, text_w)
            fits = box[0] >= 0 and box[2] <= w and box[1] >= 0 and box[3] <= HEIGHT
            if fits and not any(_overlap(box, b) for b in boxes):
                boxes.append(box)
                out.append(
                    f'<text class="label" x="{x + dx:.1f}" y="{y + dy:.1f}" '
                    f'text-anchor="{anchor}" data-place="{escape(p["id"])}"{_lang(p)}>'
                    f"{escape(p['name'])}</text>"
                )
                break
    return out


def _lang(place: dict[str, Any]) -> str:
    """A lang attribute for a place named in another language than the page's, else ''."""
    lang = place.get("name_lang", current())
    return "" if lang == current() else f' lang="{lang}"'


def label_box(left: float, baseline: float, text_w: float) -> tuple[float, float, float, float]:
    """The room a label takes: its text from ascender to descender, and a unit around."""
    return (left - 1, baseline - LABEL_SIZE, left + text_w + 1, baseline + 0.35 * LABEL_SIZE)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def map_svg(
    places: list[dict[str, Any]],
    area_fills: list[str],
    place_fills: list[str],
    title: str,
    map_id: str = "map",
) -> str:
    """The map as an <svg class="map">, with the given fills (one per area, one per place)."""
    w = width()
    parts = [f'<rect width="{w:.1f}" height="{HEIGHT:.0f}" class="sea"/>']
    # neighbours, and Natural Earth's West Bank as plain land under OCHA's finer areas
    land = [c.polygons for c in outlines().countries if c.name not in ("Israel", "Palestine")]
    parts += [
        f'<path class="country" d="{_path(polygons)}" fill-rule="evenodd"/>'
        for polygons in (*land, _palestine()[1])
    ]
    parts += [
        f'<path class="area" data-area="{i}" data-zone="{escape(a.zone)}" d="{_path(a.polygons)}" '
        f'fill-rule="evenodd" fill="{fill}"><title>{escape(_area_name(a))}</title></path>'
        for i, (a, fill) in enumerate(zip(drawn_areas(), area_fills, strict=True))
    ]
    parts.append(f'<path class="line-1949" d="{_path(line_1949())}"/>')
    for i, (p, fill) in enumerate(zip(places, place_fills, strict=True)):
        if in_frame(p):
            x, y = xy(p["lon"], p["lat"])
            parts.append(
                f'<circle class="place" data-place="{i}" cx="{x:.1f}" cy="{y:.1f}" r="{RADIUS}" '
                f'fill="{fill}"><title{_lang(p)}>{escape(p["name"])}</title></circle>'
            )
    parts += _labels(places)
    south = [p for p in places if p["lat"] < SOUTH]
    if south:
        further = _("↓ places further south, in the table: {n}").format(n=len(south))
        parts.append(
            f'<text class="label" x="{w / 2:.1f}" y="{HEIGHT - 6:.0f}" text-anchor="middle">'
            f"{escape(further)}</text>"
        )
    desc = escape(
        _(
            "Israel, the West Bank and the Gaza Strip. The dashed line is the 1949 armistice "
            "line (the Green Line). Filled areas are zones: Areas A, B and C, East Jerusalem "
            "and settlements' built-up areas in the West Bank, the Gaza Strip, and Israel; "
            "dots are places, the largest labelled. The legend beside the map gives the "
            "colours."
        )
    )
    return (
        f'<svg class="map" id="{map_id}" viewBox="0 0 {w:.1f} {HEIGHT:.0f}" role="img" '
        f'aria-labelledby="{map_id}-title {map_id}-desc">'
        f'<title id="{map_id}-title">{escape(title)}</title>'
        f'<desc id="{map_id}-desc">{desc}</desc>' + "".join(parts) + "</svg>"
    )
