"""The command-line verbs about the population: `confed population` and `confed data check`."""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import asdict
from typing import TYPE_CHECKING

import click

from confed.bounds import YEAR
from confed.i18n import DEFAULT, N_, _, current, isolate
from confed.i18n.clihelp import TranslatedGroup
from confed.i18n.formats import date, number, percent
from confed.i18n.terms import term
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
    heading = _("Population at the start of {year}: {people} people")
    print_text(heading.format(year=year, people=count(totals["total"])), style="bold")
    for title, kind in (
        (N_("by zone"), "zone"),
        (N_("by status"), "status"),
        (N_("by group"), "group"),
    ):
        print_table(
            [
                Column(_(title)),
                Column(_("people"), "right", whole=True),
                Column(_("share"), "right", whole=True),
            ],
            [
                [_key_word(kind, key), count(value), share(value / totals["total"])]
                for key, value in totals[f"by_{kind}"].items()
            ],
        )


def _key_word(kind: str, key: str) -> str:
    """A zone, status or national group in words: English as before, else the glossary's."""
    if kind == "group":
        return _(GROUP_WORDS[key]) if key in GROUP_WORDS else key
    if current() == DEFAULT:
        return {"zone": ZONE_WORDS, "status": STATUS_WORDS}[kind].get(key, key)
    return term(kind, key)


def _place_name(place_id: str, english: str) -> str:
    """A place by its name in the current language (English where it has none, isolated)."""
    if current() == DEFAULT:
        return english
    from confed.places import places

    table = places()
    name, lang = table.name_in(table.code(place_id), current())
    return isolate(name) if lang != current() else name


def _print_places(year: int, rows: list[dict], as_json: bool) -> None:
    if as_json:
        print_json({"year": year, "places": rows})
        return
    print_table(
        [Column(_("place (id)")), Column(_("municipality")),
         Column(_("people"), "right", whole=True), Column(_("by group")), Column(_("by status"))],
        [
            [
                f"{_place_name(r['id'], r['name'])} ({isolate(r['id'])})",
                _municipality(r["council"]),
                count(r["total"]),
                _by(r["by_group"], "group"),
                _by(r["by_status"], "status"),
            ]
            for r in rows
        ],
        title=_("Population by place at the start of {year}").format(year=year),
    )  # fmt: skip


def _by(counts: dict[str, float], kind: str) -> str:
    """A place's people by group or status: 'Jewish 341,589; other 37,154'."""
    return _("; ").join(f"{_key_word(kind, k)} {count(v)}" for k, v in counts.items())


def _municipality(council: str | None) -> str:
    """A place's municipality by name ('' for none): a place's name, else the council's id."""
    from confed.places import places

    if not council:
        return ""
    english = place_name(council) or ""
    if council in places().ids:
        return _place_name(council, english)
    return english if current() == DEFAULT else isolate(english)


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
    said = _(
        "Localities of {size} people or more ({checked}), against their source count scaled "
        "by their area's growth to the base year: median error {median} (tolerance "
        "{median_tolerance}); worst {worst} {worst_difference} (tolerance {worst_tolerance}); "
        "worst Arab/Palestinian share {worst_share} {share_difference} points (tolerance "
        "{share_tolerance}) — {verdict}"
    )
    print_text(
        said.format(
            size=count(tol["min_size"]),
            checked=verdict.checked,
            median=_figure(verdict.median_pct, ".2f", "%"),
            median_tolerance=_figure(tol["median_pct"], "g", "%"),
            worst=_locality(w),
            worst_difference=_figure(w.difference_pct, "+.2f", "%"),
            worst_tolerance=_figure(tol["worst_pct"], "g", "%"),
            worst_share=_locality(s),
            share_difference=_figure(s.share_difference_points, "+.1f"),
            share_tolerance=_figure(tol["share_points"], "g"),
            verdict=_("ok") if verdict.ok else _("FAILS"),
        )
    )


def _figure(value: float, spec: str, unit: str = "") -> str:
    """A figure as English wrote it (format `spec`, then `unit`: '%' or ' %'), else per CLDR.

    Outside English a percentage (`unit` given, `value` in points) is written by Babel, with
    the same decimals as `spec` and its sign where `spec` asks for one.
    """
    if current() == DEFAULT:
        return f"{value:{spec}}{unit}"
    decimals = re.search(r"\.(\d)", spec)
    digits = int(decimals.group(1)) if decimals else len(f"{value:g}".partition(".")[2])
    size = abs(value) if "+" in spec else value
    text = percent(size / 100, digits) if unit else number(size, digits)
    return ("-" if value < 0 else "+") + text if "+" in spec else text


def _locality(c: LocalityCheck) -> str:
    """A checked locality by name, in the current language where it is one place.

    A locality several places make up keeps the source's English name, isolated.
    """
    if current() == DEFAULT:
        return c.name
    from confed.places import places

    table = places()
    kind, _sep, key = c.code.partition(":")
    rows = [r for r, code in enumerate(table.codes) if code == c.code] if kind == "cbs" else []
    if kind != "cbs" and key in table.ids:
        rows = [table.code(key)]
    if len(rows) != 1:
        return isolate(c.name)
    return _place_name(table.ids[rows[0]], c.name)


def _aggregates_json(checks: list[Check]) -> list[dict]:
    return [{**asdict(c), "difference_pct": c.difference_pct, "ok": c.ok} for c in checks]


def _verdict(c: Check) -> str:
    """'within ±1 %' or 'FAILS ±1 %': the difference against its tolerance."""
    tolerance = _figure(c.tolerance_pct, "g", " %")
    return (_("within ±{tolerance}") if c.ok else _("FAILS ±{tolerance}")).format(
        tolerance=tolerance
    )


def _print_aggregates(checks: list[Check]) -> None:
    print_table(  # each difference with its tolerance below it: within, or FAILS
        [Column(_("aggregate (source, date)")), Column(_("published"), "right", whole=True),
         Column(_("model"), "right", whole=True), Column(_("difference"), "right", whole=True)],
        [
            [
                f"{_metric(c.metric)}\n{isolate(c.source)}, {_day(c.date)}",
                count(c.published),
                count(c.model),
                f"{_figure(c.difference_pct, '+.2f', ' %')}\n{_verdict(c)}",
            ]
            for c in checks
        ],
        title=_("Base population (end of 2024) against published totals"),
    )  # fmt: skip


def _metric(metric: str) -> str:
    """An aggregate's id in words in English; outside English the id, isolated, as written."""
    return metric.replace("_", " ") if current() == DEFAULT else isolate(metric)


def _day(day: str) -> str:
    """A source's date: ISO in English as the data writes it, else the language's long date."""
    return day if current() == DEFAULT else date(datetime.date.fromisoformat(day))
