"""The command-line verbs about the population: `confed population` and `confed data check`."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

from confed.people.build import BASE_YEAR

console = Console(highlight=False)


@click.command("population")
@click.option(
    "--year",
    type=int,
    default=BASE_YEAR,
    show_default=True,
    help="Project the base population (end of 2024) to the start of this year.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON: total, by_zone, by_status, by_group."
)
def population_cmd(year: int, as_json: bool) -> None:
    """Everyone in the land and the registered refugees abroad, by zone, status and group.

    The base is built from the sourced tables in people/data (see `confed data check`);
    later years are a cohort-component projection with no treaty moves. National group
    describes the population only: no right reads it.
    """
    from confed.people.summary import population_at, summary

    totals = summary(population_at(year))
    if as_json:
        click.echo(json.dumps({"year": year, **totals}, indent=2))
        return
    console.print(f"[bold]Population at the start of {year}[/]: {totals['total']:,.0f}")
    for title in ("by_zone", "by_status", "by_group"):
        table = Table(title.replace("_", " "), "people", "share")
        for key, value in totals[title].items():
            table.add_row(key, f"{value:,.0f}", f"{value / totals['total']:.1%}")
        console.print(table)


@click.group("data")
def data_group() -> None:
    """The sourced reference tables behind the population."""


@data_group.command("check")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def check_cmd(as_json: bool) -> None:
    """Compare the built population's totals with the published aggregates.

    Each line shows the published figure (date and source), the model's value, their
    difference and the tolerance stated for that figure in aggregates.csv. Exits 1 when
    any difference exceeds its tolerance.
    """
    from confed.people.check import data_check

    checks = data_check()
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "metric": c.metric,
                        "what": c.what,
                        "published": c.published,
                        "date": c.date,
                        "source": c.source,
                        "model": c.model,
                        "difference_pct": c.difference_pct,
                        "tolerance_pct": c.tolerance_pct,
                        "ok": c.ok,
                    }
                    for c in checks
                ],
                indent=2,
            )
        )
    else:
        table = Table(
            "aggregate",
            "published",
            "date",
            "model",
            "diff",
            "tolerance",
            "",
            "source",
            title="Base population (end of 2024) against published totals",
        )
        for c in checks:
            table.add_row(
                c.metric,
                f"{c.published:,.0f}",
                c.date,
                f"{c.model:,.0f}",
                f"{c.difference_pct:+.2f}%",
                f"±{c.tolerance_pct:g}%",
                "[green]ok[/]" if c.ok else "[red]FAILS[/]",
                c.source,
            )
        console.print(table)
    if not all(c.ok for c in checks):
        raise SystemExit(1)
