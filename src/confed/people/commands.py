"""The command-line verbs about the population: `confed population` and `confed data check`."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING

import click

from confed.bounds import YEAR
from confed.i18n.clihelp import TranslatedGroup
from confed.metric_words import GROUP_WORDS
from confed.options import print_json
from confed.people.build import BASE_YEAR
from confed.plain import STATUS_WORDS, ZONE_WORDS, place_name
from confed.termtable import Column, count, print_table, print_text, share

if TYPE_CHECKING:
    from confed.people.check import Check, LocalityCheck, LocalitySummary


@click.command("population")
@click.option(
    "--year",
    type=YEAR,
    default=BASE_YEAR,
    show_default=True,
    help="Project the base population (end of 2024) to the start of this year.",
)
@click.option(
    "--by",
    "by",
    type=click.Choice(["zone", "place"]),
    default="zone",
    show_default=True,
    help="Totals by zone, status and group, or every place by group and status.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON: total, by_zone, by_status, by_group."
)
def population_cmd(year: int, by: str, as_json: bool) -> None:
    """Everyone in the land and the registered refugees abroad, by zone, status and group.

    The base is built from the sourced tables in people/data (see `confed data check`);
    later years are a cohort-component projection with no treaty moves. National group
    describes the population only: no right reads it. `--by place` lists every place.
    """
    from confed.people.summary import by_place, population_at, summary

    population = population_at(year)
    if by == "place":
        _print_places(year, by_place(population), as_json)
        return
    totals = summary(population)
    if as_json:
        print_json({"year": year, **totals})
        return
    print_text(
        f"Population at the start of {year}: {count(totals['total'], 'people')}", style="bold"
    )
    for title, words in (("zone", ZONE_WORDS), ("status", STATUS_WORDS), ("group", GROUP_WORDS)):
        print_table(
            [
                Column(f"by {title}"),
                Column("people", "right", whole=True),
                Column("share", "right", whole=True),
            ],
            [
                [words.get(key, key), count(value), share(value / totals["total"])]
                for key, value in totals[f"by_{title}"].items()
            ],
        )


def _print_places(year: int, rows: list[dict], as_json: bool) -> None:
    if as_json:
        print_json({"year": year, "places": rows})
        return
    print_table(
        [Column("place (id)"), Column("municipality"), Column("people", "right", whole=True),
         Column("by group"), Column("by status")],
        [
            [
                f"{r['name']} ({r['id']})",
                place_name(r["council"]) or "" if r["council"] else "",
                count(r["total"]),
                "; ".join(f"{GROUP_WORDS[k]} {count(v)}" for k, v in r["by_group"].items()),
                "; ".join(f"{STATUS_WORDS[k]} {count(v)}" for k, v in r["by_status"].items()),
            ]
            for r in rows
        ],
        title=f"Population by place at the start of {year}",
    )  # fmt: skip


@click.group("data", cls=TranslatedGroup)
def data_group() -> None:
    """The sourced reference tables behind the population."""


@data_group.command("check")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def check_cmd(as_json: bool) -> None:
    """Compare the built population with the published aggregates and every locality.

    Each aggregate line shows the published figure (date and source), the model's value,
    their difference and the tolerance stated for that figure in aggregates.csv. Then
    every locality of the CBS and PCBS files is compared with its source count scaled to
    the base year: the median and worst error and the worst national-group share. Exits 1
    when any difference exceeds its tolerance.
    """
    from confed.people.check import (
        LOCALITY_TOLERANCE,
        data_check,
        locality_checks,
        locality_summary,
    )

    checks = data_check()
    localities = locality_checks()
    verdict = locality_summary(localities)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "aggregates": _aggregates_json(checks),
                    "localities": {
                        "tolerance": LOCALITY_TOLERANCE,
                        "checked": verdict.checked,
                        "median_pct": verdict.median_pct,
                        "worst": _locality_json(verdict.worst),
                        "worst_share": _locality_json(verdict.worst_share),
                        "ok": verdict.ok,
                        "every": [_locality_json(c) for c in localities],
                    },
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        _print_aggregates(checks)
        _print_localities(verdict, LOCALITY_TOLERANCE)
    if not (all(c.ok for c in checks) and verdict.ok):
        raise SystemExit(1)


def _locality_json(c: LocalityCheck) -> dict:
    return {**asdict(c), "difference_pct": c.difference_pct}


def _print_localities(verdict: LocalitySummary, tol: dict) -> None:
    w, s = verdict.worst, verdict.worst_share
    mark = "ok" if verdict.ok else "FAILS"
    print_text(
        f"Localities of {tol['min_size']:,} people or more ({verdict.checked}), "
        "against their source count scaled by their area's growth to the base year: "
        f"median error {verdict.median_pct:.2f}% (tolerance {tol['median_pct']:g}%); "
        f"worst {w.name} {w.difference_pct:+.2f}% (tolerance {tol['worst_pct']:g}%); "
        f"worst Arab/Palestinian share {s.name} {s.share_difference_points:+.1f} points "
        f"(tolerance {tol['share_points']:g}) — {mark}"
    )


def _aggregates_json(checks: list[Check]) -> list[dict]:
    return [{**asdict(c), "difference_pct": c.difference_pct, "ok": c.ok} for c in checks]


def _verdict(c: Check) -> str:
    return "within" if c.ok else "FAILS"


def _print_aggregates(checks: list[Check]) -> None:
    print_table(  # each difference with its tolerance below it: within, or FAILS
        [Column("aggregate (source, date)"), Column("published", "right", whole=True),
         Column("model", "right", whole=True), Column("difference", "right", whole=True)],
        [
            [
                f"{c.metric.replace('_', ' ')}\n{c.source}, {c.date}",
                count(c.published),
                count(c.model),
                f"{c.difference_pct:+.2f} %\n{_verdict(c)} ±{c.tolerance_pct:g} %",
            ]
            for c in checks
        ],
        title="Base population (end of 2024) against published totals",
    )  # fmt: skip
