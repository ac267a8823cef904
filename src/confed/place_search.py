"""`confed places`: the places a question can name, found by any of their names."""

from __future__ import annotations

import sys

import click

from confed.options import print_json
from confed.termtable import print_text
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
        print_text(f"no place matches '{query}'")
        sys.exit(1)
    from confed.plain import ZONE_WORDS, place_name
    from confed.termtable import Column, print_table

    print_table(
        [Column("id", whole=True), Column("name"), Column("zone"), Column("municipality")],
        [
            [
                p["id"],
                "\n".join(filter(None, (p["name"], p["name_he"], p["name_ar"]))),
                ZONE_WORDS[p["zone"]]
                + (" (coordinates unverified)" if p["coord_source"] == UNVERIFIED else ""),
                place_name(p["council"]) or "" if p["council"] else "",
            ]
            for p in records
        ],
        title="Places (ids for --residence; --json has codes, districts and coordinates)",
    )
