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
from confed.compare.tables import phase_title, treaty_text
from confed.i18n import N_, _, current, isolate
from confed.i18n.formats import number
from confed.i18n.markup import marked
from confed.i18n.terms import term
from confed.treaty.texts import translated
from confed.vocab import NONE

URL_KEYS = ("treaty", "year", "colour", "beside")
"""The names web/static/map.js keeps the map's state under in the page's hash."""

CODES = "0123456789abcdefghijklmnopqrstuvwxyz"
"""One character per fill: its index in the palette. '-' marks a place a treaty lacks."""

LINE_NOTE = N_(
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


def place_name(place: dict[str, Any]) -> tuple[str, str]:
    """A mapped place's name in the current language (from the place table), and its language.

    A place the table names only in English keeps that name, said to be English.
    """
    if current() == "en":
        return place["name"], "en"
    from confed.places import places

    table = places()
    return table.name_in(table.code(place["id"]), current())


def _named(place: dict[str, Any]) -> dict[str, Any]:
    name, lang = place_name(place)
    return {**place, "name": name, "name_lang": lang}


def in_language(text: str, lang: str) -> str:
    """Escaped text, marked with its language where it is not the page's."""
    return _e(text) if lang == current() else f'<span lang="{lang}">{_e(text)}</span>'


def _name(t: dict[str, Any]) -> str:
    return treaty_text(t, "title", t["name"])


def value_name(scheme: Colouring, value: str) -> str:
    """A colouring's value as the legend and the tables name it."""
    if current() == "en":
        return (scheme.names or {}).get(value, value)
    if scheme.key == "zone":
        return term("zone", value)
    if scheme.key == "sovereign" and value not in ("shared", NONE):
        return term("citizenship", value) if value in ("IL", "PS") else _state_name(value)
    return term("value", value)


def _state_name(state: str) -> str:
    """A state id's name in the current language, from the shipped treaty that defines it."""
    from confed.treaty.load import shipped_ids, shipped_treaty

    for tid in shipped_ids():
        t = shipped_treaty(tid).treaty
        if state in t.states:
            return translated(t, f"states.{state}.name")[0]
    return state


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
        titles = [phase_title(t, p) for p in t["phases"]]
        fills = _fills(t, union, schemes, palette)
        treaties.append(
            {
                "id": t["id"],
                "name": _name(t),
                "year": t["map"]["year"],
                "years": [y["year"] for y in t["years"]],
                "phase_of_year": [_phase_at(t["phases"], y["year"]) for y in t["years"]],
                "phases": titles,
                "fills": fills,
            }
        )
    return {
        "palette": palette.colours,
        "colourings": [{"slug": s.slug, "label": _(s.label)} for s in schemes],
        "treaties": treaties,
        "caption": _("{name}, {year}. Colour: {colour}"),
        "caption_phase": _("{name}, {year} ({phase}). Colour: {colour}"),
    }


def _legend(scheme: Colouring, shown: bool) -> str:
    items = "".join(
        f'<li><span class="swatch" style="background:{colour}"></span>'
        f"{_e(value_name(scheme, value))}</li>"
        for value, colour in scheme.colours.items()
    )
    hidden = "" if shown else " hidden"
    unstated = _e(_("not stated"))
    return (
        f'<div class="legend" data-colouring="{scheme.slug}"{hidden}>'
        f"<h3>{_e(_(scheme.label))}</h3><ul>{items}"
        f'<li><span class="swatch" style="background:#999999"></span>{unstated}</li></ul></div>'
    )


def _controls(comparison: dict[str, Any], schemes: list[Colouring]) -> str:
    treaty_options = "".join(
        f'<option value="{_e(t["id"])}">{_e(_name(t))}</option>' for t in comparison["treaties"]
    )
    colour_options = "".join(f'<option value="{s.slug}">{_e(_(s.label))}</option>' for s in schemes)
    years = sorted({y["year"] for t in comparison["treaties"] for y in t["years"]})
    first = comparison["treaties"][0]["map"]["year"]
    treaty, year, colour_by = _e(_("Treaty")), _e(_("Year")), _e(_("Colour by"))
    beside, alone = _e(_("Beside it")), _e(_("no second map"))
    return (
        '<div class="controls map-controls" hidden>'
        f'<label>{treaty} <select id="map-treaty">{treaty_options}</select></label>'
        f'<label>{year} <input id="map-year" type="range" min="{years[0]}" max="{years[-1]}" '
        f'step="1" value="{first}"></label><output id="map-year-text" for="map-year">'
        f"{first}</output>"
        f'<label>{colour_by} <select id="map-colour">{colour_options}</select></label>'
        f'<label>{beside} <select id="map-beside"><option value="">{alone}</option>'
        f"{treaty_options}</select></label></div>"
    )


def _source_note() -> str:
    a = areas()
    zones = _("Zones in the West Bank: {source}; licence {licence}.").format(
        source=isolate(a.source), licence=isolate(a.licence)
    )
    rest = _(
        "Hebron's H1 is coloured as Area A and H2 as Area B, the nature reserve as Area B "
        "and the no man's land as Area C. Israel (with the Golan, as Natural Earth draws it) "
        "and the Gaza Strip are Natural Earth's outlines. Each area takes the value most of "
        "confed's places in its zone hold under the chosen treaty and year; dots are those "
        "places, and the lines state no boundary of confed's own."
    )
    text = f"{_(LINE_NOTE)} ({isolate(outlines().source)}). {zones} {rest}"
    return f'<p class="credit map-source">{marked(text)}</p>'


def _tables(comparison: dict[str, Any], schemes: list[Colouring]) -> str:
    from confed.compare.blocks import table_html

    columns = [s for s in schemes if s.key != "zone"]  # the zone has its own column
    zone = next(s for s in schemes if s.key == "zone")
    out = []
    for t in comparison["treaties"]:
        rows = [
            [
                in_language(*place_name(p)),
                _e(value_name(zone, p["zone"])),
                *(_e(value_name(s, s.value(p))) for s in columns),
            ]
            for p in t["map"]["places"]
        ]
        outside = sum(not in_frame(p) for p in t["map"]["places"])
        summary = _("{name}: {n} places in {year}, as a table").format(
            name=_name(t), n=number(len(t["map"]["places"])), year=t["map"]["year"]
        )
        if outside:
            summary += _("; {n} outside the map's frame are in this table only").format(
                n=number(outside)
            )
        head = [_e(_("place")), _e(_("zone")), *(_e(_(s.label)) for s in columns)]
        out.append(
            f'<details data-treaty="{_e(t["id"])}"><summary>{_e(summary)}</summary>'
            f"{table_html(head, rows)}</details>"
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
    title = data["caption"].format(
        name=first["name"], year=first["year"], colour=_(schemes[0].label)
    )
    blob = json.dumps(data, separators=(",", ":")).replace("<", "\\u003c")
    line, dot = _e(_("1949 armistice line (Green Line)")), _e(_("a place (the largest are named)"))
    legend_line = (
        '<div class="legend-fixed"><ul><li><svg class="key" viewBox="0 0 30 10" '
        'aria-hidden="true"><line x1="0" y1="5" x2="30" y2="5" class="line-1949"/></svg>'
        f'{line}</li><li><span class="swatch dot"></span>{dot}</li></ul></div>'
    )
    return (
        _controls(comparison, schemes) + '<div class="map-layout"><figure class="map-figure" '
        f'data-treaty="{_e(first["id"])}" data-year="{first["year"]}" '
        f'data-colour="{schemes[0].slug}">'
        f'<figcaption id="map-caption">{_e(title)}</figcaption>'
        + map_svg([_named(p) for p in union], area_fills, place_fills, title)
        + f'<script type="application/json" id="map-data">{blob}</script></figure>'
        + '<div class="legends">'
        + "".join(_legend(s, i == 0) for i, s in enumerate(schemes))
        + legend_line
        + "</div></div>"
        + _source_note()
        + _tables(comparison, schemes)
    )
