"""`confed places`: the places a question can name, found by any of their names."""

from __future__ import annotations

import sys

import click

from confed.i18n import _
from confed.options import print_json
from confed.vocab import ZONES


@click.command("places")
@click.argument("query", required=False)
@click.option(
    "--zone",
    type=click.Choice(ZONES),
    metavar="ZONE",
    help="Only places in this zone: " + ", ".join(ZONES) + ".",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def places_cmd(query: str | None, zone: str | None, as_json: bool) -> None:
    """List places, or those whose id, name, alias, code, zone or district contains QUERY.

    Names are matched in English, Hebrew and Arabic.
    """
    from confed.places import UNVERIFIED, places
    from confed.termtable import print_text

    table = places()
    rows = table.search(query) if query else list(range(len(table)))
    if zone:
        rows = [r for r in rows if ZONES[table.zone[r]] == zone]
    records = [
        {
            "id": table.ids[r],
            "name": table.names[r],
            "name_he": table.names_he[r] or None,
            "name_ar": table.names_ar[r] or None,
            "name_ar_source": table.names_ar_source[r] or None,
            "aliases": list(table.aliases[r]),
            "code": table.codes[r] or None,
            "form": table.forms[r] or None,
            "zone": ZONES[table.zone[r]],
            "council": table.council_of(r),
            "district": table.districts[table.district[r]],
            "lat": float(table.lat[r]),
            "lon": float(table.lon[r]),
            "coord_source": table.coord_source[r],
            "zone_source": table.zone_source[r],
        }
        for r in rows
    ]
    if as_json:
        print_json(records)
        return
    if not records:
        print_text(_("no place matches '{query}'").format(query=query))
        sys.exit(1)
    from confed.i18n import current
    from confed.i18n.terms import term
    from confed.plain import ZONE_WORDS, place_name
    from confed.termtable import Column, print_table

    lang = current()
    unverified = _(" (coordinates unverified)")

    def names(p: dict) -> str:
        """The place's names, the reader's script first."""
        order = {"en": ("name", "name_he", "name_ar"), "he": ("name_he", "name_ar", "name"),
                 "ar": ("name_ar", "name_he", "name")}[lang]  # fmt: skip
        return "\n".join(filter(None, (p[k] for k in order)))

    def council(p: dict) -> str:
        if not p["council"]:
            return ""
        if lang == "en":
            return place_name(p["council"]) or ""
        return table.name_in(table.code(p["council"]), lang)[0]

    print_table(
        [Column(_("id"), whole=True), Column(_("name")), Column(_("zone")),
         Column(_("municipality"))],
        [
            [
                p["id"],
                names(p),
                (ZONE_WORDS[p["zone"]] if lang == "en" else term("zone", p["zone"]))
                + (unverified if p["coord_source"] == UNVERIFIED else ""),
                council(p),
            ]
            for p in records
        ],
        title=_("Places (ids for --residence; --json has codes, districts and coordinates)"),
    )  # fmt: skip
