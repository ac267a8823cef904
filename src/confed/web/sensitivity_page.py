"""The explorer's sensitivity page: narrow or widen the stated ranges and see what changes.

The form lists every uncertain parameter of a treaty with its stated range and basis.
A run sweeps the stated ranges and the user's (a Sobol design in the job's thread, both
stored, the stated one reused when already in the store) and the result page sets each
headline figure's 5–95% range and its movers side by side.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from confed.api.jobs import Job
from confed.api.meta import MAX_COMPARE_YEARS
from confed.compare.blocks import scroll_box
from confed.compare.build import HEADLINE
from confed.compare.uncertainty import movers_text, range_text, tornado_figure
from confed.errors import ConfedError, Problem
from confed.rights.engine import compiled_shipped, entry_year
from confed.sensitivity.space import uncertain_parameters
from confed.sensitivity.store import SweepStore
from confed.treaty.load import shipped_ids, treaty_title
from confed.web.layout import esc, job_messages, select

SAMPLES = (4, 8, 16)
"""Base sample sizes offered (Sobol designs of N × (parameters + 2) runs)."""
YEARS = 30


class RangeEdit(BaseModel):
    """A parameter's range as the user sets it."""

    model_config = ConfigDict(extra="forbid")

    low: float
    high: float


class SensitivityEdit(BaseModel):
    """A sensitivity request from the page: the treaty, the ranges changed, the design."""

    model_config = ConfigDict(extra="forbid")

    treaty: str
    ranges: dict[str, RangeEdit] = Field(default_factory=dict)
    samples: int = Field(8, description="4, 8 or 16")
    years: int = Field(YEARS, ge=1, le=MAX_COMPARE_YEARS)
    seed: int = Field(1, ge=0, le=2**63 - 1)


def sensitivity_body(treaty_id: str | None) -> str:
    """The form for `treaty_id` (default: the Dajani–Yehuda treaty)."""
    tid = treaty_id or "dajani-yehuda-2024"
    t = compiled_shipped(tid).treaty
    chooser = (
        '<form class="inline" method="get" action="/explorer/sensitivity">'
        + select(
            "treaty", "Treaty", [(i, compiled_shipped(i).treaty.title) for i in shipped_ids()], tid
        )
        + '<button type="submit">Load</button></form>'
    )
    rows = []
    for u in uncertain_parameters(t):
        base = f"ranges.{u.name}"
        rows.append(
            f'<tr><th scope="row"><code>{esc(u.name)}</code><br><small class="cite">'
            f"{esc(u.basis)}</small></th><td>{esc(f'{u.central:g}')}</td>"
            f'<td><label class="sr" for="{base}.low">low of {esc(u.name)}</label>'
            f'<input id="{base}.low" name="{base}.low" type="number" step="any" '
            f'value="{u.low:g}"></td><td><label class="sr" for="{base}.high">high of '
            f'{esc(u.name)}</label><input id="{base}.high" name="{base}.high" type="number" '
            f'step="any" value="{u.high:g}"></td></tr>'
        )
    table = (
        "<table><caption>Each assumption with a stated range</caption><thead><tr>"
        '<th scope="col">assumption and basis</th><th scope="col">value used</th>'
        '<th scope="col">low</th><th scope="col">high</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    design = select("samples", "Base samples (Sobol)", [(str(n), str(n)) for n in SAMPLES], "8")
    return (
        "<h1>Sensitivity</h1>"
        "<p>Narrow or widen a range and see how each headline figure's 5–95% range, and what "
        "moves it most, change against the stated ranges (cohort mode, the same seed; "
        "see <code>confed sensitivity</code> for larger designs).</p>"
        f"{chooser}"
        f'<form id="sensitivity" class="scenario" data-treaty="{esc(tid)}"'
        f"{job_messages('sensitivity')} "
        'data-run="/explorer/sensitivity/run" data-unit="runs (stated ranges, then yours)" '
        f"novalidate>{table}<fieldset><legend>Design</legend>{design}"
        f'<label for="years">Years simulated</label><input id="years" name="years" '
        f'type="number" min="1" max="{MAX_COMPARE_YEARS}" value="{YEARS}"></fieldset>'
        '<button type="submit" id="run">Run both sweeps</button></form>'
        '<div id="problems" role="alert"></div>'
        '<div id="status" aria-live="polite"><progress id="progress" max="1" value="0" hidden '
        'aria-label="Sweep progress"></progress><span id="progress-text"></span></div>'
        "<noscript><p>Sweeps run as jobs and need JavaScript; every other page works "
        "without it.</p></noscript>"
    )


def sensitivity_work(store_path, edit: SensitivityEdit) -> tuple[Callable[[Job], Any], int]:
    """Check the edit; then the job sweeping the stated and the edited ranges, and its size."""
    from confed.sensitivity.run import plan_for, run_sweeps
    from confed.sensitivity.sweep import SweepSpec
    from confed.simulate.parameters import RunParameters

    compiled = compiled_shipped(edit.treaty)
    if edit.samples not in SAMPLES:
        raise ConfedError(
            Problem(
                f"{edit.samples} samples", field="samples", expected=", ".join(map(str, SAMPLES))
            )
        )
    start, _ = entry_year(compiled, None)
    base = RunParameters(years=edit.years, start_year=start, seed=edit.seed)
    last = start + edit.years - 1
    outputs = [(m, k, last) for m, k, _, _ in HEADLINE]
    spec = SweepSpec("sobol", edit.samples, edit.seed)
    ranges = {name: (r.low, r.high) for name, r in edit.ranges.items()}
    plans = [
        plan_for(edit.treaty, base, outputs, spec),
        plan_for(edit.treaty, base, outputs, spec, None, ranges),
    ]

    def work(job: Job) -> dict[str, Any]:
        stated, edited = run_sweeps(plans, 1, None, store_path, None, job.advance, serial=True)
        url = (
            f"/explorer/sensitivity/result?stated={stated['sweep_id']}&edited={edited['sweep_id']}"
        )
        return {"stated": stated["sweep_id"], "edited": edited["sweep_id"], "url": url}

    return work, sum(len(p.rows) for p in plans)


def result_body(store_path, stated: str, edited: str) -> str:
    """Both sweeps' ranges and movers per headline figure, read back from the store."""
    with SweepStore(store_path) as store:
        a, b = store.summary(stated), store.summary(edited)
    changed = [p for p in b["parameters"] if p not in a["parameters"]]
    rows, charts = [], []
    for m, k, title, unit in HEADLINE:
        metric = f"{m}.{k}"
        if metric not in a["metrics"]:
            continue
        rows.append(
            f'<tr><th scope="row">{esc(title)}</th><td>{esc(range_text(a, metric, unit))}</td>'
            f"<td>{esc(range_text(b, metric, unit))}</td>"
            f"<td>{esc(movers_text(b, metric))}</td></tr>"
        )
        if b["metrics"][metric]["p95"] > b["metrics"][metric]["p5"]:
            charts.append(tornado_figure({**b, "sweep_id": edited}, metric, title))
    edits = (
        "".join(
            f"<li><code>{esc(p['name'])}</code>: {p['low']:g}–{p['high']:g}</li>" for p in changed
        )
        or "<li>none: the same ranges as stated</li>"
    )
    return (
        f"<h1>Sensitivity of {esc(treaty_title(a['treaty']))}</h1>"
        f"<p>Two Sobol sweeps of {a['runs']} runs each (sweeps <code>{esc(stated)}</code> and "
        f"<code>{esc(edited)}</code>), read in the last simulated year.</p>"
        f"<h2>Your ranges</h2><ul>{edits}</ul>"
        + scroll_box(
            '<table><thead><tr><th scope="col">figure</th>'
            '<th scope="col">5–95%, stated ranges</th>'
            '<th scope="col">5–95%, your ranges</th><th scope="col">moved most by (yours)</th>'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>",
            "ranges with the stated and your assumptions",
        )
        + f'<div class="tornadoes">{"".join(charts)}</div>'
        f'<p><a href="/explorer/sensitivity?treaty={esc(a["treaty"])}">'
        "Change the ranges again</a></p>"
    )
