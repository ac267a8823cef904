"""`confed citations`: per treaty, how many clauses cite a verified source, and which do not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from confed.i18n import N_, _, isolate
from confed.options import print_json
from confed.termtable import Column, print_table, print_text
from confed.treaty.citations import citation_counts, sections_not_in_document, unverified_clauses
from confed.treaty.load import load_treaty, shipped_ids


def citation_report(treaty_names: list[str]) -> list[dict[str, Any]]:
    """For each treaty: its counts, its unverified clauses and its sections not in a document."""
    out = []
    for name in treaty_names:
        path = Path(name) if name.endswith((".yaml", ".yml")) else name
        t = load_treaty(path).treaty
        out.append(
            {
                **citation_counts(t).as_dict(),
                "unverified_clauses": [
                    {"clause": where, "source": docs} for where, docs in unverified_clauses(t)
                ],
                "sections_not_in_document": [
                    {"clause": where, "citation": text}
                    for where, text in sections_not_in_document(t)
                ],
            }
        )
    return out


COUNTS = ("clauses", "verified", "unverified", "assumptions")
"""The counts of each treaty's row, in column order."""

HEADERS = (N_("clauses"), N_("verified citation"), N_("citation unverified"), N_("assumptions"))
"""The counts' column headings, in the same order."""


@click.command("citations")
@click.argument("treaties", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
def citations_cmd(treaties: tuple[str, ...], as_json: bool) -> None:
    """Count each treaty's clauses: cited and verified, marked unverified, with an assumption.

    TREATIES are shipped ids or treaty files; none means every shipped treaty. Lists
    every clause marked `citation: unverified` and every citation whose section is not
    one of its document's own headings.
    """
    rows = citation_report(list(treaties) or shipped_ids())
    if as_json:
        print_json(rows)
        return
    print_table(
        [Column(_("treaty"), whole=True),
         *(Column(_(h), "right", whole=True) for h in HEADERS)],
        [
            [isolate(r["treaty"]), *(str(r[k]) for k in COUNTS)]
            for r in rows
        ],
        title=_("Citations per treaty"),
    )  # fmt: skip
    for r in rows:
        for item in r["unverified_clauses"]:
            said = _("{treaty}: {clause} — citation unverified ({sources})")
            sources = ", ".join(item["source"])
            print_text(
                said.format(
                    treaty=isolate(r["treaty"]),
                    clause=isolate(item["clause"]),
                    sources=isolate(sources),
                ),
                indent=2,
            )
        for item in r["sections_not_in_document"]:
            said = _("{treaty}: {clause} — '{citation}' is not a heading of that document")
            print_text(
                said.format(
                    treaty=isolate(r["treaty"]),
                    clause=isolate(item["clause"]),
                    citation=isolate(item["citation"]),
                ),
                indent=2,
            )
