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
from confed.i18n import N_, _, current
from confed.i18n.asgi import asked
from confed.i18n.formats import number
from confed.i18n.markup import latin_marked, marked
from confed.rights.engine import compiled_shipped, entry_year
from confed.sensitivity.basis import basis_words
from confed.sensitivity.space import Uncertain, uncertain_parameters
from confed.sensitivity.store import SweepStore
from confed.treaty.load import shipped_ids
from confed.treaty.model import Treaty
from confed.treaty.texts import translated
from confed.web.layout import esc, href, in_lang, job_messages, lang_field, select
from confed.web.treaty_page import treaty_title

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


def basis_html(t: Treaty, u: Uncertain) -> str:
    """A range's basis: 'assumption: …' or 'source: …', in the page's language where it can.

    A treaty's own ranges read its translation, behaviour.yaml's the catalogue; a source
    is shown as written, marked English.
    """
    if current() == "en":
        return esc(u.basis)
    label, said, lang = basis_words(t, u.name, u.basis)
    shown = latin_marked(said) if lang == current() else in_lang(said, lang)
    return esc(_("{kind}: {text}")).format(kind=esc(label), text=shown)


def sensitivity_body(treaty_id: str | None) -> str:
    """The form for `treaty_id` (default: the Dajani–Yehuda treaty)."""
    tid = treaty_id or "dajani-yehuda-2024"
    t = compiled_shipped(tid).treaty
    titles = [(i, translated(compiled_shipped(i).treaty, "title")[0]) for i in shipped_ids()]
    load = esc(_("Load"))
    chooser = (
        f'<form class="inline" method="get" action="/explorer/sensitivity">{lang_field()}'
        + select("treaty", esc(_("Treaty")), titles, tid)
        + f'<button type="submit">{load}</button></form>'
    )
    rows = []
    for u in uncertain_parameters(t):
        base = f"ranges.{u.name}"
        name = f'<bdi lang="en">{esc(u.name)}</bdi>'
        low = esc(_("low of {parameter}")).format(parameter=name)
        high = esc(_("high of {parameter}")).format(parameter=name)
        rows.append(
            f'<tr><th scope="row"><code>{esc(u.name)}</code><br><small class="cite">'
            f"{basis_html(t, u)}</small></th><td>{esc(f'{u.central:g}')}</td>"
            f'<td><label class="sr" for="{base}.low">{low}</label>'
            f'<input id="{base}.low" name="{base}.low" type="number" step="any" '
            f'value="{u.low:g}"></td><td><label class="sr" for="{base}.high">{high}</label>'
            f'<input id="{base}.high" name="{base}.high" type="number" '
            f'step="any" value="{u.high:g}"></td></tr>'
        )
    head = "".join(
        f'<th scope="col">{esc(_(h))}</th>'
        for h in (N_("assumption and basis"), N_("value used"), N_("low"), N_("high"))
    )
    caption = esc(_("Each assumption with a stated range"))
    table = (
        f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    design = select(
        "samples", esc(_("Base samples (Sobol)")), [(str(n), str(n)) for n in SAMPLES], "8"
    )
    intro = esc(
        _(
            "Narrow or widen a range and see how each headline figure's range from its 5th to "
            "its 95th percentile, and what moves it most, change against the stated ranges "
            "(cohort mode, the same seed; see {command} for larger designs)."
        )
    ).format(command="<code>confed sensitivity</code>")
    unit = esc(_("runs (stated ranges, then yours)"))
    legend, years, run = esc(_("Design")), esc(_("Years simulated")), esc(_("Run both sweeps"))
    progress = esc(_("Sweep progress"))
    script = esc(_("Sweeps run as jobs and need JavaScript; every other page works without it."))
    heading = esc(_("Sensitivity"))
    return (
        f"<h1>{heading}</h1><p>{intro}</p>{chooser}"
        f'<form id="sensitivity" class="scenario" data-treaty="{esc(tid)}"'
        f"{job_messages('sensitivity')} "
        f'data-run="{esc(href("/explorer/sensitivity/run"))}" data-unit="{unit}" '
        f"novalidate>{table}<fieldset><legend>{legend}</legend>{design}"
        f'<label for="years">{years}</label><input id="years" name="years" '
        f'type="number" min="1" max="{MAX_COMPARE_YEARS}" value="{YEARS}"></fieldset>'
        f'<button type="submit" id="run">{run}</button></form>'
        '<div id="problems" role="alert"></div>'
        '<div id="status" aria-live="polite"><progress id="progress" max="1" value="0" hidden '
        f'aria-label="{progress}"></progress><span id="progress-text"></span></div>'
        f"<noscript><p>{script}</p></noscript>"
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
    start, _source = entry_year(compiled, None)
    base = RunParameters(years=edit.years, start_year=start, seed=edit.seed)
    last = start + edit.years - 1
    outputs = [(m, k, last) for m, k, _title, _unit in HEADLINE]
    spec = SweepSpec("sobol", edit.samples, edit.seed)
    ranges = {name: (r.low, r.high) for name, r in edit.ranges.items()}
    plans = [
        plan_for(edit.treaty, base, outputs, spec),
        plan_for(edit.treaty, base, outputs, spec, None, ranges),
    ]

    lang = asked.get()  # the result page opens in the form's language

    def work(job: Job) -> dict[str, Any]:
        stated, edited = run_sweeps(plans, 1, None, store_path, None, job.advance, serial=True)
        url = href(
            f"/explorer/sensitivity/result?stated={stated['sweep_id']}&edited={edited['sweep_id']}",
            lang,
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
            f'<tr><th scope="row">{esc(_(title))}</th><td>{esc(range_text(a, metric, unit))}</td>'
            f"<td>{esc(range_text(b, metric, unit))}</td>"
            f"<td>{marked(movers_text(b, metric))}</td></tr>"
        )
        if b["metrics"][metric]["p95"] > b["metrics"][metric]["p5"]:
            charts.append(tornado_figure({**b, "sweep_id": edited}, metric, _(title)))
    same = esc(_("none: the same ranges as stated"))
    edits = (
        "".join(
            f"<li><code>{esc(p['name'])}</code>: {esc(number_text(p['low']))}–"
            f"{esc(number_text(p['high']))}</li>"
            for p in changed
        )
        or f"<li>{same}</li>"
    )
    title = esc(_("Sensitivity of {treaty}")).format(
        treaty=f"<bdi>{esc(treaty_title(a['treaty']))}</bdi>"
    )
    sweeps = esc(
        _(
            "Two Sobol sweeps of {runs} runs each (sweeps {stated} and {edited}), read in the "
            "last simulated year."
        )
    ).format(
        runs=esc(number(a["runs"])),
        stated=f"<code>{esc(stated)}</code>",
        edited=f"<code>{esc(edited)}</code>",
    )
    head = "".join(
        f'<th scope="col">{esc(_(h))}</th>'
        for h in (
            N_("figure"),
            N_("5–95%, stated ranges"),
            N_("5–95%, your ranges"),
            N_("moved most by (yours)"),
        )
    )
    label = esc(_("ranges with the stated and your assumptions"))
    yours, again = esc(_("Your ranges")), esc(_("Change the ranges again"))
    again_url = esc(href(f"/explorer/sensitivity?treaty={a['treaty']}"))
    return (
        f"<h1>{title}</h1><p>{sweeps}</p><h2>{yours}</h2><ul>{edits}</ul>"
        + scroll_box(
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>", label
        )
        + f'<div class="tornadoes">{"".join(charts)}</div>'
        f'<p><a href="{again_url}">{again}</a></p>'
    )


def number_text(value: float) -> str:
    """A range's end as the form shows it ('0.25', '2035'), in the page's language."""
    return f"{value:g}" if current() == "en" else number(value, len(f"{value:g}".partition(".")[2]))
