"""`confed compare`: every framework side by side, in the terminal and as reports."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from confed.bounds import YEAR
from confed.compare.tables import CLAIMED_NOTE, format_value, invariant_rows, metric_value
from confed.compare.uncertainty import DEFAULT_SAMPLES, NO_CHANGE, range_text
from confed.errors import ConfedError, Problem
from confed.i18n import _
from confed.options import STORE, SWEEP_WORKERS, print_json
from confed.simulate.commands import PERSONS, RUNS, SEED, YEARS, year_bar
from confed.termtable import Column, print_table, print_text
from confed.verify.catalog import INVARIANTS

console = Console(highlight=False)

FILES = ("comparison.md", "comparison.html", "comparison.json")


@click.command("compare")
@click.argument("treaties", nargs=-1)
@YEARS
@SEED
@RUNS
@PERSONS
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("confed-report"),
    show_default=True,
    help="Directory for comparison.md, comparison.html and comparison.json.",
)
@click.option(
    "--map-year",
    type=YEAR,
    help="Year in which the map and the bodies are shown (default: the last simulated year).",
)
@click.option(
    "--start-year",
    type=YEAR,
    help="First calendar year, for every treaty; treaties stating no entry into force "
    "enter then (default: the latest entry into force among the treaties).",
)
@click.option(
    "--sweep",
    "sweep_samples",
    type=click.IntRange(0, 1024),
    default=DEFAULT_SAMPLES,
    show_default=True,
    help="Base samples of the Sobol sweep that gives each headline figure its range over "
    "the stated assumptions (a power of two; 0 skips it; the default takes about two "
    "minutes for every treaty on two cores). See confed sensitivity for more.",
)
@SWEEP_WORKERS
@STORE
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the comparison (comparison.json's content) on standard output instead "
    "of the summary; the reports are still written.",
)
def compare_cmd(
    treaties: tuple[str, ...],
    years: int,
    seed: int,
    runs: int,
    persons: bool,
    out: Path,
    map_year: int | None,
    start_year: int | None,
    sweep_samples: int,
    workers: int,
    store_path: Path | None,
    as_json: bool,
) -> None:
    """Compare treaties on the same population, horizon and seed (all shipped by default).

    Each treaty is simulated year by year (see `confed simulate`) and verified (see
    `confed verify`). The terminal shows the last year's headline figures and the
    invariants; --out gets comparison.md, a self-contained offline comparison.html
    (invariants matrix, charts over time, power in the joint bodies, a map, every
    assumption and source) and comparison.json to reopen. Each run is also saved in the
    run store. Every treaty runs over the same calendar years: from --start-year, or
    else from the latest entry into force among them (the status quo's phases count from
    2025, so it starts the calendar five years into them).

    \b
    Examples:
      confed compare
      confed compare alfa separation --years 10 --out report
    """
    from confed.compare.build import Sweep, comparison
    from confed.compare.html import render_html
    from confed.compare.markdown import render_markdown
    from confed.i18n import using
    from confed.rights.engine import compiled_treaty
    from confed.store import Store
    from confed.treaty.load import shipped_ids

    names = list(treaties) or list(shipped_ids())
    for name in names:
        compiled_treaty(name)  # a bad name fails before any work
    if out.exists() and not out.is_dir():
        raise ConfedError(Problem(f"{out} is a file", field="--out", expected="a directory"))
    sweep = Sweep(sweep_samples, workers, store_path) if sweep_samples else None
    if sweep is not None:
        from confed.sensitivity.sweep import SweepSpec

        SweepSpec("sobol", sweep_samples, seed).check()  # before any work
    steps = len(names) * years * runs
    if sweep is not None:
        steps += sweep.runs([compiled_treaty(name) for name in names])
    simulations: list = []
    with year_bar(_("comparing"), _("steps"), steps) as advance:
        data = comparison(
            names,
            years,
            seed,
            runs,
            persons,
            advance,
            simulations.append,
            map_year,
            start_year,
            sweep,
        )
    with Store(store_path) as store:  # held only to write, so other processes can use it
        saved = [store.save_simulation(sim) for sim in simulations]
    with using("en"):  # comparison.md is English whatever the run's language (docs/i18n.md)
        markdown = render_markdown(data)
    _write_reports(
        out,
        {
            "comparison.md": markdown,
            "comparison.html": render_html(data),
            "comparison.json": json.dumps(data, ensure_ascii=False),
        },
    )
    if as_json:
        print_json(data)
        return
    _print_summary(data)
    reports = _("reports: {files}").format(files=", ".join(str(out / f) for f in FILES))
    console.print(reports, markup=False)
    kept = _("runs saved: {runs} ({command})")
    console.print(kept.format(runs=" ".join(saved), command="confed results RUN"), markup=False)


def _write_reports(out: Path, files: dict[str, str]) -> None:
    """Write every report into a temporary directory, then move them in together."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out, prefix=".confed-") as tmp:
        for name, text in files.items():
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        for name in files:
            shutil.move(str(Path(tmp) / name), out / name)


def _print_summary(data: dict[str, Any]) -> None:
    """The last year's headline figures, then each invariant's reading by treaty.

    Treaties stand side by side where the terminal is wide enough, else each figure is
    a block with a line per treaty.
    """
    treaties = data["treaties"]
    calendar = data["calendar"]
    last = {t["years"][-1]["year"] for t in treaties}
    print_text(
        _(
            "Calendar {first}–{last}, the same for every treaty; figures for {years}, with in "
            "brackets their range from the 5th to the 95th percentile over the stated "
            "assumptions where a sweep ran."
        ).format(
            first=calendar["first"],
            last=calendar["last"],
            years=_(", ").join(map(str, sorted(last))),
        ),
        style="bold",
    )
    unchanged = ("", _(NO_CHANGE))  # range_text's words for no range to show
    rows = []
    for m in data["metrics"]:
        cells = []
        for t in treaties:
            value = metric_value(t["years"][-1], m)
            spread = range_text(t.get("uncertainty"), f"{m['id']}.{m['key']}", m["unit"])
            text = format_value(value, m["unit"])
            cells.append(f"{text}\n({spread})" if spread not in unchanged else text)
        rows.append([_(m["title"]), *cells])
    columns = [Column(_("figure")), *(Column(t["id"], "right", whole=True) for t in treaties)]
    print_table(columns, rows, caption=_(data["note"]))
    print_text(_("Invariants"), style="bold")
    print_text(_(CLAIMED_NOTE))
    for row in invariant_rows(data):
        groups: dict[str, list[str]] = {}
        for t in treaties:
            groups.setdefault(row.status[t["id"]].label, []).append(t["id"])
        title = _(INVARIANTS[row.id]) if row.id in INVARIANTS else row.title
        print_text(title, first="  ", indent=2, style="bold")
        for reading, ids in groups.items():
            print_text(f"{reading}: {', '.join(ids)}", first="    ", indent=6)
