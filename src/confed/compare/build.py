"""The comparison: every treaty on the same population, horizon and seed, as one dict.

The dict (see tests/fixtures/comparison.json for its shape) feeds the terminal table,
`comparison.md`, the offline HTML report and `comparison.json`, so all four show the
same numbers. Every treaty is simulated over the same calendar years (`calendar`), so
no difference comes from a different horizon; each treaty's phases count from its own
entry into force.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

from confed.compare.evidence import citations_of
from confed.compare.map_places import map_places
from confed.compare.sections import SWEEP_WORDS
from confed.compare.tables import facts_text
from confed.compare.uncertainty import uncertainty
from confed.errors import ConfedError, Problem
from confed.i18n import N_
from confed.institutions.report import institutions_at
from confed.people.tables import table
from confed.rights.compile import CompiledTreaty
from confed.rights.engine import compiled_treaty, entry_year, phase_index
from confed.sensitivity.space import uncertain_parameters
from confed.simulate.parameters import RunParameters, behaviour_file
from confed.simulate.run import Simulation, simulate
from confed.treaty.check import clauses
from confed.treaty.citations import sources_of
from confed.treaty.model import Treaty
from confed.treaty.rule_words import rule_json
from confed.verify.bodies import assumption_only

NOTE = N_(
    "A model under stated assumptions, not a forecast: it applies each treaty's rules, as "
    "confed reads them, to one sourced population and shows what they imply."
)

HEADLINE: tuple[tuple[str, str, str, str], ...] = (
    ("population", "in_land", N_("People living in the land"), "persons"),
    (
        "without_national_vote",
        "residents",
        N_("Adults in the land without a national vote, foreign nationals apart"),
        "persons",
    ),
    (
        "without_national_vote",
        "foreign_nationals",
        N_("Foreign nationals in the land without a national vote here (adults)"),
        "persons",
    ),
    (
        "relocated_by_treaty",
        "total",
        N_("People the treaty requires to relocate (cumulative)"),
        "persons",
    ),
    (
        "under_collective_restriction",
        "total",
        N_("People under collective movement restrictions"),
        "persons",
    ),
    ("free_movement_share", "total", N_("Share of residents free to enter every state"), "share"),
    ("refugees_returned_to_il", "total", N_("Refugees settled in Israel (cumulative)"), "persons"),
    (
        "refugees_returned_to_ps",
        "total",
        N_("Refugees settled in Palestine (cumulative)"),
        "persons",
    ),
    (
        "settlers_remaining_in_ps",
        "total",
        N_("Israelis living where Palestine is sovereign"),
        "persons",
    ),
    ("inflow_share_max", "total", N_("Largest yearly inflow into a municipality (share)"), "share"),
    (
        "cross_border_workers",
        "total",
        N_("People working in a state they neither live in nor are citizens of"),
        "persons",
    ),
)
"""(metric, key, title, unit) of the series charted and tabled."""

CALENDAR_NOTE = N_(
    "Every treaty is run over these calendar years; its phases count from its own entry into force."
)
VARIES = N_("varies by row")
"""A table's date where its rows have different dates."""

TABLES = (
    ("aggregates.csv", N_("national totals (CBS, PCBS, UNRWA)")),
    ("district_population.csv", N_("districts and governorates")),
    ("il_localities.csv", N_("every Israeli locality (CBS locality file)")),
    ("mixed_towns.csv", N_("Arab shares of mixed towns")),
    ("ps_localities.csv", N_("West Bank and Gaza localities (PCBS)")),
    ("settlements.csv", N_("settlement localities (CBS)")),
    ("east_jerusalem.csv", N_("East Jerusalem neighbourhoods")),
    ("age_sex.csv", N_("age and sex structure")),
    ("rates.csv", N_("fertility, mortality and migration rates")),
    ("place_population.csv", N_("place weights (GeoNames) where no official count exists")),
)


def comparison(
    treaties: list[str],
    years: int,
    seed: int = 1,
    runs: int = 1,
    persons: bool = False,
    progress: Callable[[int], None] | None = None,
    on_simulated: Callable[[Simulation], None] | None = None,
    map_year: int | None = None,
    start_year: int | None = None,
    sweep: Sweep | None = None,
) -> dict[str, Any]:
    """Simulate and verify every treaty and gather what the reports show.

    The map and the bodies are shown as they stand in `map_year` (default: the last
    simulated year). With `sweep`, each treaty's headline figures also get their range
    over the stated assumptions (`compare.uncertainty`).
    """
    compiled = [compiled_treaty(name) for name in treaties]
    first, entries_in = calendar_start(compiled, start_year)
    runs_of = {
        c.treaty.id: RunParameters(
            years=years, start_year=first, entry_year=entry, runs=runs, seed=seed, persons=persons
        )
        for c, (entry, _) in zip(compiled, entries_in, strict=True)
    }

    def entry_of(c: CompiledTreaty, entry: int, entry_source: str) -> dict[str, Any]:
        sim = simulate(c, runs_of[c.treaty.id], progress)
        if on_simulated is not None:
            on_simulated(sim)
        return _treaty_entry(c, sim, entry, entry_source, map_year)

    pairs = [(c, *e) for c, e in zip(compiled, entries_in, strict=True)]
    entries = [entry_of(*pairs[0])]  # a calendar no run accepts fails before any sweep starts
    with _swept(sweep, runs_of, progress) as swept:  # the sweeps run while the treaties do
        entries += [entry_of(*p) for p in pairs[1:]]
        found = swept()
    for e in entries:
        if e["id"] in found:
            e["uncertainty"] = found[e["id"]]
    calendar = {
        "first": first,
        "last": first + years - 1,
        "note": CALENDAR_NOTE,
    }
    parameters: dict[str, Any] = {
        "calendar": f"{first}–{first + years - 1}",
        "years": years,
        "seed": seed,
        "runs": runs,
        "mode": "persons" if persons else "cohort",
    }
    if sweep is not None:
        parameters["uncertainty"] = SWEEP_WORDS.format(samples=sweep.samples)
    for name, spec in behaviour_file().items():
        why = (
            f"assumption: {spec['assumption']}"
            if "assumption" in spec
            else (f"source: {spec['source']}")
        )
        parameters[name] = f"{facts_text(spec['value'])} ({why})"
    return {
        "title": N_("confed comparison"),
        "confed_version": version("confed"),
        "generated": date.today().isoformat(),
        "note": NOTE,
        "calendar": calendar,
        "parameters": parameters,
        "vintages": _vintages(),
        "metrics": [{"id": m, "key": k, "title": t, "unit": u} for m, k, t, u in HEADLINE],
        "treaties": entries,
    }


@dataclass(frozen=True)
class Sweep:
    """The comparison's sensitivity sweep: base samples, local workers, run store."""

    samples: int
    workers: int = 2
    store_path: Path | None = None
    stored_only: bool = False  # show only sweeps already in the store; run none

    def runs(self, treaties: list[CompiledTreaty]) -> int:
        """How many runs the sweeps take, for a progress bar."""
        return sum(self.samples * (len(uncertain_parameters(c.treaty)) + 2) for c in treaties)


@contextmanager
def _swept(
    sweep: Sweep | None, runs_of: dict[str, RunParameters], progress: Callable[[int], None] | None
) -> Iterator[Callable[[], dict[str, dict[str, Any]]]]:
    """The comparison's sweeps, started; inside the block, a function giving their ranges.

    Each treaty's sweep repeats one cohort run over the comparison's calendar and seed;
    the function gives the ranges by treaty ({} without a sweep).
    """
    if sweep is None:
        yield dict
        return
    bases = {t: p.model_copy(update={"runs": 1, "persons": False}) for t, p in runs_of.items()}
    headline = [(m, k) for m, k, _, _ in HEADLINE]
    with uncertainty(
        bases, headline, sweep.samples, sweep.workers, sweep.store_path, progress,
        sweep.stored_only,
    ) as found:  # fmt: skip
        yield found


def calendar_start(
    treaties: list[CompiledTreaty], start_year: int | None
) -> tuple[int, list[tuple[int, str]]]:
    """The first calendar year of a comparison, and each treaty's entry year and its origin.

    A treaty stating no entry year enters in `start_year` (or confed's default); the
    calendar starts in `start_year`, or else when the last treaty enters into force.
    """
    entries = [
        entry_year(c, start_year if c.treaty.entry_into_force.year is None else None)
        for c in treaties
    ]
    first = start_year if start_year is not None else max(e for e, _ in entries)
    for c, (entry, _) in zip(treaties, entries, strict=True):
        if entry > first:
            raise ConfedError(
                Problem(
                    f"{c.treaty.id} enters into force in {entry}, after the calendar starts",
                    field="start_year",
                    expected=f"a year from {entry} on",
                )
            )
    return first, entries


def _vintages() -> list[dict[str, str]]:
    out = []
    for name, what in TABLES:
        dates = sorted(r["date"] for r in table(name) if r.fields.get("date"))
        if not dates:
            span = VARIES
        else:
            span = dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"
        out.append({"table": name, "date": span, "what": what})
    return out


def _treaty_entry(
    c: CompiledTreaty, sim: Simulation, start: int, source: str, map_year: int | None
) -> dict[str, Any]:
    from confed.verify.invariants import verify

    t = c.treaty
    data = sim.as_json()
    phases = []
    for pid in c.phases:
        p = t.phases[pid]
        phases.append(
            {
                "id": pid,
                "title": p.title,
                "start": start + p.start,
                "end": start + p.end if p.end is not None else None,
            }
        )
    first = data["years"][0]["year"]
    shown = max(map_year, first) if map_year is not None else data["years"][-1]["year"]
    return {
        "id": t.id,
        "name": t.title,
        "framework": t.framework,
        "entry_year": start,
        "entry_year_source": source,
        "phases": phases,
        "invariants": [v.as_json() for v in verify(c)],
        "years": [
            {
                "year": y["year"],
                "phase": y["phase"],
                "metrics": {k: v for k, v in y.items() if k not in ("year", "phase", "bands")},
            }
            for y in data["years"]
        ],
        "bodies": _bodies(c, shown, start),
        "security": _security(c),
        "assumptions": [
            {"where": ".".join(str(p) for p in path), "text": clause.assumption}
            for path, clause in clauses(t)
            if clause.assumption
        ],
        "sources": sources_of(c.treaty),
        "citations": citations_of(t),
        "map": {"year": shown, **map_places(c, shown, start)},
        "names": display_names(t),
    }


def display_names(t: Treaty) -> dict[str, str]:
    """The names the treaty file gives its states, assemblies, parties, bodies, courts, forces."""
    names = {sid: s.name for sid, s in t.states.items()}
    names.update({s.assembly.id: s.assembly.name for s in t.states.values()})
    for kind in (t.third_parties, t.bodies, t.courts):
        names.update({key: item.name for key, item in kind.items()})
    names.update({key: force.who for key, force in t.security.foreign_forces.items()})
    return names


def _bodies(c: CompiledTreaty, year: int, start: int) -> list[dict[str, Any]]:
    phase = c.phases[phase_index(c, year, start)]
    out = []
    for report in institutions_at(c.treaty, phase):
        j = report.as_json()
        out.append(
            {
                "id": j["body"],
                "name": j["name"],
                "assumption_only": assumption_only(c.treaty.bodies[j["body"]]),
                "rule": j["rule"],
                "decision": rule_json(report.at.rule),  # to word it in any language
                "power": {"measure": "banzhaf", "by_party": j["banzhaf_by_party"]},
                "checks": [
                    {"id": k["id"], "holds": k["holds"], "detail": k["detail"] or k["title"]}
                    for k in j["checks"]
                ],
            }
        )
    return out


def _security(c: CompiledTreaty) -> dict[str, Any]:
    """Who holds each state's external security and borders, and others' forces, as cited."""
    s = c.treaty.security
    return {
        "control": {
            state: {"external": k.external, "borders": k.borders, "sources": list(k.source or [])}
            for state, k in s.control.items()
        },
        "foreign_forces": [
            {
                "id": fid,
                "who": f.who,
                "zones": list(f.zones),
                "until": f.until,
                "sources": list(f.source or []),
            }
            for fid, f in s.foreign_forces.items()
        ],
    }
