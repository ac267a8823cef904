"""`confed sensitivity`: which stated assumptions move which numbers, and by how much."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console

from confed.i18n import N_, _, current, isolate, ngettext
from confed.metric_words import METRICS, key_label, metric_title
from confed.options import STORE, SWEEP_WORKERS, print_json
from confed.sensitivity.basis import basis_words
from confed.sensitivity.sweep import ranked as sweep_ranked
from confed.simulate.commands import SEED, YEARS, year_bar
from confed.termtable import Column, count, print_table, print_text, share

if TYPE_CHECKING:
    from collections.abc import Callable

    from confed.treaty.model import Treaty

console = Console(highlight=False, stderr=True)

DEFAULT_OUTPUTS = (
    ("population", "in_land"),
    ("relocated_by_treaty", "total"),
    ("refugees_returned_to_il", "total"),
    ("refugees_returned_to_ps", "total"),
    ("settlers_remaining_in_ps", "total"),
    ("electorate_share", "knesset.jewish"),
)
"""(metric, key) read by default: the headline figures an analyst compares."""


@click.command("sensitivity")
@click.argument("treaties", nargs=-1, required=True)
@click.option(
    "--method",
    type=click.Choice(["sobol", "morris"]),
    default="sobol",
    show_default=True,
    help="sobol: first-order and total indices with intervals at 95%; morris: a cheaper screen.",
)
@click.option(
    "--samples",
    type=click.IntRange(2, 4096),
    default=16,
    show_default=True,
    help="Base sample size (a power of two for sobol): N × (parameters + 2) runs; "
    "for morris, the number of trajectories.",
)
@YEARS
@click.option(
    "--at",
    "at_years",
    help="Comma-separated calendar years to read, e.g. 2045,2059 (default: the last).",
)
@click.option(
    "--metric",
    "metrics",
    multiple=True,
    metavar="METRIC.KEY",
    help="A metric to read, e.g. refugees_returned_to_il.total (repeatable; default: headline).",
)
@click.option(
    "--param",
    "names",
    multiple=True,
    metavar="NAME",
    help="Vary only these parameters (repeatable; default: every one with a stated range).",
)
@SEED
@SWEEP_WORKERS
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Send the runs to an existing Dask scheduler instead of a local cluster.",
)
@STORE
@click.option(
    "--export",
    "export_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the indices and percentiles to FILE.csv or FILE.parquet.",
)
@click.option("--json", "as_json", is_flag=True, help="Print every result as JSON.")
def sensitivity_cmd(
    treaties: tuple[str, ...],
    method: str,
    samples: int,
    years: int,
    at_years: str | None,
    metrics: tuple[str, ...],
    names: tuple[str, ...],
    seed: int,
    workers: int,
    scheduler: str | None,
    store_path: Path | None,
    export_path: Path | None,
    as_json: bool,
) -> None:
    """Vary every stated assumption of TREATY over its range and measure what it moves.

    Each treaty's cohort run is repeated over a seeded design of the uncertain
    parameters (behaviour parameters from simulate/behaviour.yaml; the treaty's quota
    sizes and phase starts that state a range: see `confed show T`). For every metric
    read: its 5th, 50th and 95th percentiles, and for every parameter its Sobol first-
    order (S1) and total (ST) index with its interval at 95%, or Morris mu* and sigma. Runs
    go to a local Dask cluster or to --scheduler; each batch is stored as it completes,
    so the same command resumes an interrupted sweep.

    \b
    Examples:
      confed sensitivity dajani-yehuda-2024
      confed sensitivity alfa separation --method morris --samples 10
      confed sensitivity holy-land-confederation --param settler_leave_share \\
          --param internal_move_rate --samples 64 --export holy-land.csv
    """
    from confed.sensitivity.run import SweepRequest, run_sweeps

    request = SweepRequest(
        treaties=list(treaties),
        method=method,
        samples=samples,
        years=years,
        at_years=at_years,
        metrics=list(metrics),
        names=list(names),
        seed=seed,
    )
    plans = request.plans(DEFAULT_OUTPUTS)
    total = sum(len(p.rows) for p in plans)
    quiet = as_json and not console.is_terminal
    with year_bar(_("sweeping"), _("runs"), total, quiet) as advance:
        results = run_sweeps(plans, workers, scheduler, store_path, export_path, advance)
    if as_json:
        print_json(results)
        return
    for entry in results:
        _print_sweep(entry)


def _print_sweep(entry: dict[str, Any]) -> None:
    """Each output's percentiles and the parameters that move it most, then the ranges."""
    from confed.treaty.load import load_treaty
    from confed.treaty.show_words import ShowWords

    key = "ST" if entry["method"] == "sobol" else "mu_star"
    t = load_treaty(entry["treaty"]).treaty
    name = ShowWords(t)  # the treaty's names in the reader's language
    rows = []
    for out in entry["results"]:
        ranked = sweep_ranked(out["indices"], key)[:3]
        movers = "; ".join(
            f"{isolate(i['parameter'])} {i[key]:.2f}"
            + (f" ±{i['ST_conf']:.2f}" if key == "ST" else "")
            for i in ranked
            if i[key] > 0
        )
        label, unit = _output_label(out["output"], name)
        shown = share if unit == "share" else count
        rows.append(
            [label, *(shown(out[p]) for p in ("p5", "p50", "p95")), movers or _("nothing varied")]
        )
    title = ngettext(
        "{treaty}: {runs} run, sweep {sweep}", "{treaty}: {runs} runs, sweep {sweep}", entry["runs"]
    )
    moved = _("moved most by")
    print_table(
        [Column(_("figure (year)")),
         *(Column(h, "right", whole=True) for h in ("5%", _("median"), "95%")),
         Column(moved)],
        rows,
        title=title.format(
            treaty=isolate(entry["treaty"]), runs=entry["runs"], sweep=isolate(entry["sweep_id"])
        ),
        caption=_(CAPTIONS[key]).format(level="95%"),
    )  # fmt: skip
    varied = _("Varied over ({option}):").format(option=isolate("--param NAME"))
    print_text(varied, style="bold")
    for p in entry["parameters"]:
        line = _("{name}: {low}–{high} ({basis})").format(
            name=isolate(p["name"]),
            low=f"{p['low']:g}",
            high=f"{p['high']:g}",
            basis=_basis_text(t, p["name"], p["basis"]),
        )
        print_text(line, first="  ", indent=4)


CAPTIONS = {
    "ST": N_("moved most by: the parameters with the largest total Sobol index (± its {level} "
             "interval)"),
    "mu_star": N_("moved most by: the parameters with the largest Morris mu*"),
}  # fmt: skip
"""What the table's last column ranks by, for each method's index."""


def _basis_text(t: Treaty, name: str, basis: str) -> str:
    """A range's basis for the terminal: in the language where it can, else isolated."""
    if current() == "en":
        return basis
    kind, said, lang = basis_words(t, name, basis)
    return _("{kind}: {text}").format(kind=kind, text=said if lang == current() else isolate(said))


def _output_label(output: str, name: Callable[[str], str]) -> tuple[str, str]:
    """'population.in_land@2032' as 'People: in the land (2032)', with the metric's unit."""
    figure, _, year = output.partition("@")
    metric, _, key = figure.partition(".")
    label = key_label(key, name)
    title = metric_title(metric) + (f": {label}" if label else "")
    unit = METRICS[metric].unit if metric in METRICS else ""
    return (f"{title} ({year})" if year else title), unit
