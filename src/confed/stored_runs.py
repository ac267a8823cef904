"""`confed runs` and `confed results`: the stored runs, and what one of them measured."""

from __future__ import annotations

from pathlib import Path

import click

from confed.bounds import YEAR
from confed.errors import ConfedError, Problem
from confed.i18n import _, isolate
from confed.options import STORE, print_json


@click.command("runs")
@STORE
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def runs_cmd(store_path: Path | None, as_json: bool) -> None:
    """List the stored simulation runs, newest first, with what reproduces each."""
    from confed.store import Store, default_path
    from confed.termtable import print_text

    where = store_path or default_path()
    runs = []
    if where.exists():  # reading writes nothing, not even an empty store
        with Store(store_path) as store:
            runs = store.runs()
    if as_json:
        print_json([r.as_json() for r in runs])
        return
    if not runs:
        print_text(f"no runs stored yet in {where}")
        return
    from confed.simulate.readout import print_runs

    print_runs(runs, str(where))


@click.command("results")
@click.argument("run")
@STORE
@click.option(
    "--parquet",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the run's tidy rows to this Parquet file.",
)
@click.option(
    "--metric",
    "metrics",
    multiple=True,
    metavar="ID[.KEY]",
    help="Show this metric (all its keys) or one key of it instead of the headline "
    "figures; repeat for more. --json lists every id.",
)
@click.option(
    "--year",
    "years",
    multiple=True,
    type=YEAR,
    help="Show this year instead of each phase's first year and the last; repeat for more.",
)
@click.option("--all", "every", is_flag=True, help="Every metric and key, every year.")
@click.option("--json", "as_json", is_flag=True, help="Print every stored value as JSON.")
def results_cmd(
    run: str,
    store_path: Path | None,
    parquet: Path | None,
    metrics: tuple[str, ...],
    years: tuple[int, ...],
    every: bool,
    as_json: bool,
) -> None:
    """Show a stored run's results (RUN is its id or a unique prefix).

    By default, the headline figures in the first year of each phase and in the last
    year; --metric, --year and --all choose others; --json gives every value.
    """
    from confed.simulate.readout import Readout, print_results
    from confed.store import Store, default_path
    from confed.termtable import print_text

    if not (store_path or default_path()).exists():  # reading writes nothing, not even a store
        raise ConfedError(
            Problem(f"no run '{run}': no run store at {store_path or default_path()}",
                    field="run", expected="a run id from `confed runs`")
        )  # fmt: skip
    with Store(store_path) as store:
        record = store.run(run)
        rows = store.results(record.run_id)
        if parquet is not None:
            store.export_parquet(record.run_id, parquet)
    if as_json:
        by_year: dict[tuple[int, int], dict[str, dict[str, float]]] = {}
        for mc_run, year, metric, key, value in rows:
            by_year.setdefault((mc_run, year), {}).setdefault(metric, {})[key] = value
        print_json(
            {
                "run_id": record.run_id,
                "treaty": record.treaty,
                "treaty_hash": record.treaty_hash,
                "parameters": record.parameters,
                "years": [{"run": r, "year": y, **m} for (r, y), m in sorted(by_year.items())],
            }
        )
        return
    print_results(Readout(record, rows), metrics, years, every)
    if parquet is not None:
        print_text(_("wrote {file}").format(file=isolate(str(parquet))))
