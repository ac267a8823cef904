"""The map section's HTML: controls, the map, its legends, its sources and its places table.

`map_html` is all a page needs to place. The controls (treaty, year, colouring) are
driven by web/static/map.js, which reads the fills for every treaty, phase and colouring
from the JSON beside the map and keeps the choice in the page's URL (see that file).
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from importlib.resources import files
from typing import Any

from confed.compare.areas import areas
from confed.compare.mapsvg import (
    Colouring,
    area_values,
    colourings,
    in_frame,
    map_svg,
)
from confed.compare.outlines import outlines

URL_KEYS = ("treaty", "year", "colour", "beside")
"""The names web/static/map.js keeps the map's state under in the page's hash."""

CODES = "0123456789abcdefghijklmnopqrstuvwxyz"
"""One character per fill: its index in the palette. '-' marks a place a treaty lacks."""

LINE_NOTE = (
    "The dashed line is the 1949 armistice line (the Green Line): around the West Bank, "
    "the outer edge of OCHA oPt's Oslo-areas layer (below); around the Gaza Strip, "
    "Natural Earth's outline"
)


@cache
def map_script() -> str:
    """The map's script (web/static/map.js), inlined so the report works offline."""
    return files("confed.web").joinpath("static/map.js").read_text("utf-8")


def _e(value: object) -> str:
    return escape(str(value))


def _union(comparison: dict[str, Any]) -> list[dict[str, Any]]:
    """Every place any treaty maps, once, in first-seen order."""
    seen: dict[str, dict[str, Any]] = {}
    for t in comparison["treaties"]:
        for p in t["map"]["places"]:
            seen.setdefault(p["id"], p)
    return list(seen.values())


def _phase_places(t: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The treaty's places as each phase has them (one list, the shown year's, if unknown)."""
    by_phase = t["map"].get("by_phase")
    if not by_phase:
        return [t["map"]["places"]]
    return [
        [
            {**p, "may_reside": {k: v[i] for k, v in phase.items()}}
            for i, p in enumerate(t["map"]["places"])
        ]
        for phase in by_phase
    ]


def _phase_at(phases: list[dict[str, Any]], year: int) -> int:
    """The index of the phase in force in `year` (from its start, until its end)."""
    return next(
        (
            i
            for i, p in enumerate(phases)
            if p["start"] <= year and (p["end"] is None or year < p["end"])
        ),
        0,
    )


class _Palette:
    """Colours, each given a one-character code."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}

    @property
    def colours(self) -> list[str]:
        return list(self.codes)

    def code(self, colour: str) -> str:
        return self.codes.setdefault(colour, CODES[len(self.codes)])


def _fills(
    t: dict[str, Any], union: list[dict[str, Any]], schemes: list[Colouring], palette: _Palette
) -> list[list[dict[str, str]]]:
    """Per phase, per colouring: the area and place fills as code strings."""
    out = []
    for places in _phase_places(t):
        by_id = {p["id"]: p for p in places}
        out.append(
            [
                {
                    "areas": "".join(palette.code(s.colour(v)) for v in area_values(places, s)),
                    "places": "".join(
                        palette.code(s.colour(s.value(by_id[u["id"]]))) if u["id"] in by_id else "-"
                        for u in union
                    ),
                }
                for s in schemes
            ]
        )
    return out


def _data(comparison: dict[str, Any], union, schemes, palette) -> dict[str, Any]:
    treaties = []
    for t in comparison["treaties"]:
        titles = [p["title"] for p in t["phases"]]
        fills = _fills(t, union, schemes, palette)
        treaties.append(
            {
                "id": t["id"],
                "name": t["name"],
                "year": t["map"]["year"],
                "years": [y["year"] for y in t["years"]],
                "phase_of_year": [_phase_at(t["phases"], y["year"]) for y in t["years"]],
                "phases": titles,
                "fills": fills,
            }
        )
    return {
        "palette": palette.colours,
        "colourings": [{"slug": s.slug, "label": s.label} for s in schemes],
        "treaties": treaties,
    }


def _legend(scheme: Colouring, shown: bool) -> str:
    items = "".join(
        f'<li><span class="swatch" style="background:{colour}"></span>'
        f"{_e((scheme.names or {}).get(value, value))}</li>"
        for value, colour in scheme.colours.items()
    )
    hidden = "" if shown else " hidden"
    return (
        f'<div class="legend" data-colouring="{scheme.slug}"{hidden}>'
        f"<h3>{_e(scheme.label)}</h3><ul>{items}"
        '<li><span class="swatch" style="background:#999999"></span>not stated</li></ul></div>'
    )


def _controls(comparison: dict[str, Any], schemes: list[Colouring]) -> str:
    treaty_options = "".join(
        f'<option value="{_e(t["id"])}">{_e(t["name"])}</option>' for t in comparison["treaties"]
    )
    colour_options = "".join(f'<option value="{s.slug}">{_e(s.label)}</option>' for s in schemes)
    years = sorted({y["year"] for t in comparison["treaties"] for y in t["years"]})
    first = comparison["treaties"][0]["map"]["year"]
    return (
        '<div class="controls map-controls" hidden>'
        f'<label>Treaty <select id="map-treaty">{treaty_options}</select></label>'
        f'<label>Year <input id="map-year" type="range" min="{years[0]}" max="{years[-1]}" '
        f'step="1" value="{first}"></label><output id="map-year-text" for="map-year">'
        f"{first}</output>"
        f'<label>Colour by <select id="map-colour">{colour_options}</select></label>'
        f'<label>Beside it <select id="map-beside"><option value="">no second map</option>'
        f"{treaty_options}</select></label></div>"
    )


def _source_note() -> str:
    a = areas()
    return (
        f'<p class="credit map-source">{LINE_NOTE} ({_e(outlines().source)}). '
        f"Zones in the West Bank: {_e(a.source)}; licence {_e(a.licence)}. Hebron's H1 is "
        "coloured as Area A and H2 as Area B, the nature reserve as Area B and the no man's "
        "land as Area C. Israel (with the Golan, as Natural Earth draws it) and the Gaza "
        "Strip are Natural Earth's outlines. Each area takes the value most of confed's "
        "places in its zone hold under the chosen treaty and year; dots are those places, "
        "and the lines state no boundary of confed's own.</p>"
    )


def _tables(comparison: dict[str, Any], schemes: list[Colouring]) -> str:
    from confed.compare.html import table_html  # here: html.py places this module's map

    columns = [s for s in schemes if s.key != "zone"]  # the zone has its own column
    out = []
    for t in comparison["treaties"]:
        rows = [
            [_e(p["name"]), _e(p["zone"]), *(_e(s.value(p)) for s in columns)]
            for p in t["map"]["places"]
        ]
        outside = sum(not in_frame(p) for p in t["map"]["places"])
        note = f"; {outside} outside the map's frame are in this table only" if outside else ""
        head = ["place", "zone", *(_e(s.label) for s in columns)]
        out.append(
            f'<details data-treaty="{_e(t["id"])}"><summary>{_e(t["name"])}: '
            f"{len(t['map']['places'])} places in {_e(t['map']['year'])}{_e(note)}, "
            f"as a table</summary>{table_html(head, rows)}</details>"
        )
    return "".join(out)


def map_html(comparison: dict[str, Any]) -> str:
    """The map with its controls, legends, source note and places tables, as HTML."""
    schemes = colourings(comparison)
    union = _union(comparison)
    palette = _Palette()
    data = _data(comparison, union, schemes, palette)
    first = data["treaties"][0]
    shown = first["years"].index(first["year"]) if first["year"] in first["years"] else 0
    phase = first["phase_of_year"][shown] if len(first["fills"]) > 1 else 0
    fills = first["fills"][phase][0]
    colours = palette.colours
    area_fills = [colours[CODES.index(c)] for c in fills["areas"]]
    place_fills = ["none" if c == "-" else colours[CODES.index(c)] for c in fills["places"]]
    title = f"{first['name']}, {first['year']}. Colour: {schemes[0].label}"
    blob = json.dumps(data, separators=(",", ":")).replace("<", "\\u003c")
    legend_line = (
        '<div class="legend-fixed"><ul><li><svg class="key" viewBox="0 0 30 10" '
        'aria-hidden="true"><line x1="0" y1="5" x2="30" y2="5" class="line-1949"/></svg>'
        '1949 armistice line (Green Line)</li><li><span class="swatch dot"></span>a place '
        "(the largest are named)</li></ul></div>"
    )
    return (
        _controls(comparison, schemes) + '<div class="map-layout"><figure class="map-figure" '
        f'data-treaty="{_e(first["id"])}" data-year="{first["year"]}" '
        f'data-colour="{schemes[0].slug}">'
        f'<figcaption id="map-caption">{_e(title)}</figcaption>'
        + map_svg(union, area_fills, place_fills, title)
        + f'<script type="application/json" id="map-data">{blob}</script></figure>'
        + '<div class="legends">'
        + "".join(_legend(s, i == 0) for i, s in enumerate(schemes))
        + legend_line
        + "</div></div>"
        + _source_note()
        + _tables(comparison, schemes)
    )
