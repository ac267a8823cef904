"""`confed simulate`: run a treaty's transition year by year and store the run."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from confed.bounds import SEED as SEED_RANGE
from confed.bounds import YEAR
from confed.i18n import _, isolate
from confed.options import print_json
from confed.termtable import print_text

console = Console(highlight=False, stderr=True)

YEARS = click.option(
    "--years",
    default=30,
    show_default=True,
    type=click.IntRange(1, 200),
    help="Years to simulate from entry into force.",
)
RUNS = click.option(
    "--runs",
    default=1,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="Monte-Carlo runs; with more than one, results are means with 5-95% bands.",
)
SEED = click.option(
    "--seed", default=1, show_default=True, type=SEED_RANGE, help="Random seed (0 or more)."
)
PERSONS = click.option(
    "--persons", is_flag=True, help="One row per person (~19 million) instead of cohort cells."
)
"""Options shared by `confed simulate` and `confed compare`."""


@contextmanager
def year_bar(
    label: str, unit: str, total: int, quiet: bool = False
) -> Iterator[Callable[[int], None]]:
    """A transient progress bar on stderr; yields the callback simulations report years to."""
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TextColumn(unit))
    with Progress(
        *columns, TimeElapsedColumn(), console=console, transient=True, disable=quiet
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


@click.command("simulate")
@click.argument("treaty")
@YEARS
@click.option(
    "--start-year", type=YEAR, help="Entry into force (default: the treaty's, or confed's 2030)."
)
@RUNS
@SEED
@PERSONS
@click.option(
    "--param",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help="Change a behaviour parameter (see simulate/behaviour.yaml), e.g. "
    "settler_leave_share=0.5 or refugee_choose_israel.lebanon=0.3, or a quota's size or "
    "a phase's first year or a gated phase's latest year (see confed show T), e.g. "
    "quota.residents-in-il.share_per_year=0.005, phase.open-residence.start=20 or "
    "phase.open-residence.latest=never.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The run store file (default: runs.duckdb in the user's data directory).",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print {"treaty", "parameters", "years": [...]} as JSON.',
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Processes running the Monte-Carlo runs (default: one per core); results are "
    "the same for any number.",
)
def simulate_cmd(
    treaty: str,
    years: int,
    start_year: int | None,
    runs: int,
    seed: int,
    persons: bool,
    overrides: tuple[str, ...],
    out: Path | None,
    as_json: bool,
    workers: int | None,
) -> None:
    """Run TREATY's transition year by year on the whole population.

    Each year: the phase in force; births, deaths and migration; the relocations the
    treaty requires; settlers' and refugees' choices where the rights allow them
    (capped by the treaty's quotas); then every right and metric. Choices are drawn
    with a seeded generator: the same treaty, parameters and seed give the same run.
    The run is saved in the run store (see `confed runs`, `confed results RUN`).

    \b
    Examples:
      confed simulate dajani-yehuda-2024
      confed simulate separation --years 10 --runs 20 --json
      confed simulate alfa --param settler_leave_share=0.5
      confed simulate dajani-yehuda-2024 \\
          --param quota.residents-in-il.share_per_year=0.005
    """
    from confed.compare.build import HEADLINE
    from confed.rights.engine import compiled_treaty, entry_year
    from confed.simulate.parameters import RunParameters, default_behaviour, with_overrides
    from confed.simulate.readout import Readout, print_results
    from confed.simulate.runner import simulate_stored
    from confed.store import Store
    from confed.treaty.overrides import is_treaty_param, treaty_params

    treaty_items = [item for item in overrides if is_treaty_param(item)]
    behaviour_items = [item for item in overrides if not is_treaty_param(item)]
    compiled = compiled_treaty(treaty)
    treaty_params(compiled.treaty, treaty_items)  # a bad value fails before any work
    start, _source = entry_year(compiled, start_year)
    params = RunParameters(
        years=years,
        start_year=start,
        runs=runs,
        seed=seed,
        persons=persons,
        treaty_params=treaty_items,
        behaviour=with_overrides(default_behaviour(), behaviour_items),
    )
    quiet = as_json and not console.is_terminal
    label = _("simulating {treaty}").format(treaty=compiled.treaty.id)
    with year_bar(label, _("years"), years * runs, quiet) as advance:
        run_id, result = simulate_stored(
            compiled, params, out, advance, workers or os.cpu_count() or 1
        )
    if not as_json:
        with Store(out) as store:
            headline = [(m, k) for m, k, _title, _unit in HEADLINE]
            shown = Readout(store.run(run_id), store.results(run_id, headline))
    if as_json:
        print_json({"run_id": run_id, **result.as_json()})
        return
    print_results(shown, (), (), every=False)
    saved = _("saved as run {run}; every year and metric: {command}")
    print_text(saved.format(run=run_id, command=isolate(f"confed results {run_id} --all")))
