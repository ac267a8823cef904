"""`confed runs` and `confed results` for people: short tables, named metrics, units.

A stored run is tidy rows (run, year, metric, key, value), about 90,000 for thirty
years; the terminal shows a summary instead: the headline metrics in the first year
of each phase and the last year, numbers grouped and with their units. Options choose
other metrics or years, or everything; `--json` keeps every row for machines.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import numpy as np

from confed.errors import ConfedError, Problem, did_you_mean
from confed.i18n import _, current, isolate
from confed.metric_words import METRICS, key_label, metric_title
from confed.plain import Names
from confed.store import Row, RunRecord
from confed.termtable import Column, count, print_table, print_text, share
from confed.treaty.texts import english_at, translated


class Readout:
    """A run's values per (metric, key) and year, each an array over Monte-Carlo runs."""

    def __init__(self, record: RunRecord, rows: list[Row]):
        self.record = record
        values: dict[tuple[str, str], dict[int, list[float]]] = defaultdict(dict)
        for _run, year, metric, key, value in rows:
            values[(metric, key)].setdefault(year, []).append(value)
        self.values = values
        self.years = sorted({row[1] for row in rows})
        self.treaty, self.phases = _phases(record, self.years)

    def select(self, metrics: tuple[str, ...], every: bool) -> list[tuple[str, str]]:
        """The (metric, key) rows asked for: headline, all, or named metrics or metric.keys."""
        if every:
            return sorted(self.values)
        if not metrics:
            from confed.compare.build import HEADLINE  # the comparison's headline figures

            return [(m, k) for m, k, _title, _unit in HEADLINE if (m, k) in self.values]
        chosen = []
        for asked in metrics:
            metric, _sep, key = asked.partition(".")
            found = [mk for mk in self.values if mk[0] == metric and key in ("", mk[1])]
            if not found:
                known = sorted({m for m, _ in self.values})
                raise ConfedError(
                    Problem(
                        f"the run has no metric '{asked}'",
                        field="--metric",
                        expected="a metric id, or METRIC.KEY: " + ", ".join(known),
                        suggestion=did_you_mean(metric, known),
                    )
                )
            chosen += sorted(found)
        return chosen

    def chosen_years(self, years: tuple[int, ...], every: bool) -> list[int]:
        """The years asked for; by default each phase's first year and the last year."""
        if every:
            return self.years
        if years:
            missing = [y for y in years if y not in self.years]
            if missing:
                raise ConfedError(
                    Problem(
                        f"the run has no year {missing[0]}",
                        field="--year",
                        expected=f"a year from {self.years[0]} to {self.years[-1]}",
                    )
                )
            return sorted(set(years))
        return sorted({self.years[0], *self.phase_starts(), self.years[-1]})

    def phase_starts(self) -> list[int]:
        """The first simulated year of each phase (none where the phases are unknown)."""
        return [
            y for y in self.years if y in self.phases and self.phases[y] != self.phases.get(y - 1)
        ]

    def cell(self, metric: str, key: str, year: int) -> str:
        """One value with its unit's format; with several runs, the 5–95% band below it."""
        runs = self.values[(metric, key)].get(year)
        if runs is None:
            return "—"
        unit = METRICS[metric].unit if metric in METRICS else ""
        text = share if unit == "share" else count
        mean = float(np.mean(runs))
        low, high = (text(v) for v in np.percentile(runs, [5, 95]))
        return text(mean) if low == high else f"{text(mean)}\n({low}–{high})"


def print_results(
    readout: Readout, metrics: tuple[str, ...], years: tuple[int, ...], every: bool
) -> None:
    """The run's summary: what was run, the phases, then one row per metric and key."""
    record = readout.record
    shown = readout.chosen_years(years, every)  # a bad choice fails before any output
    chosen = readout.select(metrics, every)
    heading = _("Run {run}: {treaty}").format(run=record.run_id, treaty=_treaty_title(readout))
    print_text(heading, style="bold")
    print_text(_("{parameters}. A model under stated assumptions, not a forecast.").format(
        parameters=describe_parameters(record.parameters)))  # fmt: skip
    name = _namer(readout.treaty)
    if starts := readout.phase_starts():
        phases = _("; ").join(
            _("{phase} from {year}").format(phase=name(readout.phases[y]), year=y) for y in starts
        )
        print_text(_("Phases: {phases}").format(phases=phases))
    runs = record.parameters.get("runs", 1)
    if runs > 1:
        print_text(
            _("Means of {runs} runs, with the 5th to 95th percentile below each.").format(runs=runs)
        )
    rows = []
    for metric, key in chosen:
        label = key_label(key, name)
        title = metric_title(metric) + (f": {label}" if label else "")
        rows.append([title, *(readout.cell(metric, key, y) for y in shown)])
    columns = [Column(_("metric")), *(Column(str(y), "right", whole=True) for y in shown)]
    print_table(columns, rows)
    if not (metrics or every):
        print_text(
            _("More: --metric ID (e.g. electorate, residents_by_zone), --year YEAR, --all, --json.")
        )


def _namer(treaty: Any) -> Callable[[str], str]:
    """How the readout names a treaty's ids: as the file names them, in the run's language."""
    if treaty is None:
        return str
    names = Names(treaty)
    if current() == "en":
        return names

    def name(key: str) -> str:
        for path in (f"phases.{key}.title", f"states.{key}.name"):
            if english_at(treaty, path):
                return isolate(translated(treaty, path)[0])
        return isolate(names(key))

    return name


def _phases(record: RunRecord, years: list[int]) -> tuple[Any, dict[int, str]]:
    """The run's treaty and the phase of each year, where the treaty can still be read."""
    from confed.treaty.load import load_treaty
    from confed.treaty.overrides import treaty_params

    try:
        loaded = load_treaty(record.treaty)
        params = treaty_params(loaded.treaty, record.parameters.get("treaty_params", []))
    except ConfedError:  # a treaty file read from elsewhere: years without phases
        return None, {}
    if loaded.content_hash != record.treaty_hash:  # the treaty changed since the run
        return None, {}
    treaty = loaded.treaty
    entry = record.parameters.get("entry_year") or record.parameters.get("start_year", years[0])
    order = treaty.phase_order()
    phases = {}
    for year in years:
        if year >= entry:
            phases[year] = order[params.phase_at(year - entry)]
    return treaty, phases


def _treaty_title(readout: Readout) -> str:
    record = readout.record
    if readout.treaty is None:
        return record.treaty
    title = translated(readout.treaty, "title")[0]
    return f"{isolate(title)} ({record.treaty})"


def describe_parameters(parameters: dict[str, Any]) -> str:
    """A run's parameters in a line: its calendar years, runs, seed and what it changed.

    >>> describe_parameters({"start_year": 2030, "years": 30, "runs": 1, "seed": 1})
    '2030–2059, 1 run, seed 1'
    """
    from confed.simulate.parameters import default_behaviour

    first = parameters.get("start_year")
    years = parameters.get("years", 1)
    runs = parameters.get("runs", 1)
    span = f"{first}–{first + years - 1}" if first else _("{years} years").format(years=years)
    parts = [span]
    counted = _("1 run") if runs == 1 else _("{runs} runs").format(runs=runs)
    parts.append(_("{runs}, seed {seed}").format(runs=counted, seed=parameters.get("seed")))
    if parameters.get("persons"):
        parts.append(_("one row per person"))
    changes = list(parameters.get("treaty_params", []))
    defaults = default_behaviour().model_dump()
    for field, value in (parameters.get("behaviour") or {}).items():
        if isinstance(value, dict):
            changes += [
                f"{field}.{k}={v:g}"
                for k, v in value.items()
                if defaults.get(field, {}).get(k) != v
            ]
        elif defaults.get(field) != value:
            changes.append(f"{field}={value:g}")
    if changes:
        parts.append(_("changed: {changes}").format(changes=isolate(", ".join(changes))))
    return _(", ").join(parts)


def print_runs(runs: list[RunRecord], where: str) -> None:
    """One row per stored run: its id, treaty, date and parameters in a line."""
    rows = [
        [r.run_id, r.treaty, f"{r.created:%Y-%m-%d %H:%M}", describe_parameters(r.parameters)]
        for r in runs
    ]
    columns = [Column(_("run"), whole=True), Column(_("treaty"), whole=True),
               Column(_("created (UTC)"), whole=True),
               Column(_("years, runs and changes"))]  # fmt: skip
    title = _("Stored runs, newest first ({where})").format(where=isolate(where))
    print_table(columns, rows, title=title)
    print_text(_("Show one with: {command}").format(command=isolate("confed results RUN")))
