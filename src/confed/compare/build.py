"""The comparison: every treaty on the same population, horizon and seed, as one dict.

The dict (see tests/fixtures/comparison.json for its shape) feeds the terminal table,
`comparison.md`, the offline HTML report and `comparison.json`, so all four show the
same numbers. Each treaty is simulated from its own entry into force.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from importlib.metadata import version
from typing import Any

import numpy as np

from confed.institutions.report import institutions_at
from confed.people.tables import table
from confed.rights.compile import CompiledTreaty
from confed.rights.engine import compiled_treaty, entry_year, phase_index
from confed.rights.types import type_index
from confed.simulate.parameters import RunParameters, behaviour_file
from confed.simulate.run import Simulation, simulate
from confed.sources import parse_citation, registry
from confed.treaty.check import clauses
from confed.vocab import ACCESS, PRIOR_CITIZENSHIPS, STATUSES, ZONES

NOTE = (
    "A model under stated assumptions, not a forecast: it applies each treaty's rules, as "
    "confed reads them, to one sourced population and shows what they imply."
)

HEADLINE: tuple[tuple[str, str, str, str], ...] = (
    ("population", "in_land", "People living in the land", "persons"),
    ("without_national_vote", "total", "Adults in the land without a national vote", "persons"),
    ("displaced", "total", "People required to relocate (cumulative)", "persons"),
    (
        "under_collective_restriction",
        "total",
        "People under collective movement restrictions",
        "persons",
    ),
    ("free_movement_share", "total", "Share of residents free to enter every state", "share"),
    ("refugees_returned_to_il", "total", "Refugees settled in Israel (cumulative)", "persons"),
    ("refugees_returned_to_ps", "total", "Refugees settled in Palestine (cumulative)", "persons"),
    (
        "settlers_remaining_in_ps",
        "total",
        "Israelis living where Palestine is sovereign",
        "persons",
    ),
    ("inflow_share_max", "total", "Largest yearly inflow into a municipality (share)", "share"),
)
"""(metric, key, title, unit) of the series charted and tabled."""

TABLES = (
    ("aggregates.csv", "national totals (CBS, PCBS, UNRWA)"),
    ("district_population.csv", "districts and governorates"),
    ("il_localities.csv", "every Israeli locality (CBS locality file)"),
    ("mixed_towns.csv", "Arab shares of mixed towns"),
    ("ps_localities.csv", "West Bank and Gaza localities (PCBS)"),
    ("settlements.csv", "settlement localities (CBS)"),
    ("east_jerusalem.csv", "East Jerusalem neighbourhoods"),
    ("age_sex.csv", "age and sex structure"),
    ("rates.csv", "fertility, mortality and migration rates"),
    ("place_population.csv", "place weights (GeoNames) where no official count exists"),
)

TYPICAL_STATUS = {"IL": "israeli-citizen", "PS": "west-bank"}
"""The status of a typical citizen when the map asks who may live where."""


def comparison(
    treaties: list[str],
    years: int,
    seed: int = 1,
    runs: int = 1,
    persons: bool = False,
    progress: Callable[[int], None] | None = None,
    on_simulated: Callable[[Simulation], None] | None = None,
    map_year: int | None = None,
) -> dict[str, Any]:
    """Simulate and verify every treaty and gather what the reports show.

    The map and the bodies are shown as they stand in `map_year` (default: each
    treaty's last simulated year).
    """
    entries = []
    for name in treaties:
        compiled = compiled_treaty(name)
        start, start_source = entry_year(compiled)
        params = RunParameters(years=years, start_year=start, runs=runs, seed=seed, persons=persons)
        sim = simulate(compiled, params, progress)
        if on_simulated is not None:
            on_simulated(sim)
        entries.append(_treaty_entry(compiled, sim, start, start_source, map_year))
    parameters: dict[str, Any] = {
        "years": years,
        "seed": seed,
        "runs": runs,
        "mode": "persons" if persons else "cohort",
    }
    for name, spec in behaviour_file().items():
        why = (
            f"assumption: {spec['assumption']}"
            if "assumption" in spec
            else (f"source: {spec['source']}")
        )
        parameters[name] = f"{spec['value']} ({why})"
    return {
        "title": "confed comparison",
        "confed_version": version("confed"),
        "generated": date.today().isoformat(),
        "note": NOTE,
        "parameters": parameters,
        "vintages": _vintages(),
        "metrics": [{"id": m, "key": k, "title": t, "unit": u} for m, k, t, u in HEADLINE],
        "treaties": entries,
    }


def _vintages() -> list[dict[str, str]]:
    out = []
    for name, what in TABLES:
        dates = sorted(r["date"] for r in table(name) if r.fields.get("date"))
        if not dates:
            span = "varies by row"
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
                "title": p.title,
                "start": start + p.start,
                "end": start + p.end if p.end is not None else None,
            }
        )
    shown = max(map_year, start) if map_year is not None else data["years"][-1]["year"]
    return {
        "id": t.id,
        "name": t.title,
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
        "assumptions": [
            {"where": ".".join(str(p) for p in path), "text": clause.assumption}
            for path, clause in clauses(t)
            if clause.assumption
        ],
        "sources": _sources(c),
        "map": {"year": shown, "places": _map_places(c, shown, start)},
    }


def _bodies(c: CompiledTreaty, year: int, start: int) -> list[dict[str, Any]]:
    phase = c.phases[phase_index(c, year, start)]
    out = []
    for report in institutions_at(c.treaty, phase):
        j = report.as_json()
        out.append(
            {
                "id": j["body"],
                "name": j["name"],
                "rule": j["rule"],
                "power": {"measure": "banzhaf", "by_party": j["banzhaf_by_party"]},
                "checks": [
                    {"id": k["id"], "holds": k["holds"], "detail": k["detail"] or k["title"]}
                    for k in j["checks"]
                ],
            }
        )
    return out


def _sources(c: CompiledTreaty) -> list[dict[str, str]]:
    docs = {**registry(), **c.treaty.sources}
    cited = dict.fromkeys(
        parse_citation(text).doc for _, clause in clauses(c.treaty) for text in clause.source or []
    )
    return [
        {"id": d, "reference": docs[d].reference(), "url": docs[d].url} for d in cited if d in docs
    ]


def _map_places(c: CompiledTreaty, year: int, start: int) -> list[dict[str, Any]]:
    """Places in the land with their sovereign and whether typical citizens may live there.

    Under shared sovereignty (Jerusalem in some treaties) a place is open to a person
    when either state lets them reside.
    """
    may_reside = c.outputs["may_reside"][phase_index(c, year, start)].value
    t = c.places
    rows = np.flatnonzero(t.zone != ZONES.index("abroad"))
    access = {}
    for prior, status in TYPICAL_STATUS.items():
        kinds = type_index(
            np.full(len(rows), PRIOR_CITIZENSHIPS.index(prior), np.int8),
            np.full(len(rows), STATUSES.index(status), np.int8),
            rows.astype(np.int16),
            len(t),
        )
        access[prior] = may_reside[:, kinds]  # states × rows
    out = []
    for i, row in enumerate(rows):
        sovereign = c.sovereign_vocab[c.place_sovereign[row]]
        holders = [c.states.index(sovereign)] if sovereign in c.states else range(len(c.states))
        out.append(
            {
                "id": t.ids[row],
                "name": t.names[row],
                "lat": float(t.lat[row]),
                "lon": float(t.lon[row]),
                "zone": ZONES[t.zone[row]],
                "sovereign": sovereign,
                "may_reside": {p: ACCESS[max(a[h, i] for h in holders)] for p, a in access.items()},
            }
        )
    return out
