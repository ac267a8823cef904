"""The scenario editor: a form over one treaty's editable terms, and the job that runs it.

The form is rendered from the treaty (its phases, quotas, Jerusalem regime and
third-party sunsets, each with the clause's source or assumption); the script sends the
edit as JSON, follows the job's progress and opens the result against the original.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from confed.api.jobs import Job
from confed.api.meta import MAX_COMPARE_YEARS
from confed.plain import RIGHT_WORDS, Names
from confed.rights.engine import compiled_shipped, entry_year
from confed.store import MAX_NAME, Store
from confed.treaty.describe import quota_size_text
from confed.treaty.gates import measure_words
from confed.treaty.load import shipped_ids
from confed.treaty.model import Cited
from confed.web.comparison_page import DEFAULT_YEARS
from confed.web.layout import esc, job_messages, select
from confed.web.scenario import NEVER, REGIMES, ScenarioEdit, sunsets_of, variant_of

NO_CAP = "<small>(blank: no cap)</small>"


def _hint(clause: Cited) -> str:
    text = clause.assumption or "; ".join(clause.source or [])
    kind = "assumption" if clause.assumption else "source"
    return f'<small class="cite">{kind}: {esc(text.strip())}</small>' if text else ""


def _check(name: str, label: str, checked: bool) -> str:
    mark = " checked" if checked else ""
    return (
        f'<label class="check"><input type="checkbox" id="{name}" name="{name}"{mark}> '
        f"{label}</label>"
    )


def _number(name: str, label: str, value: float | None, **attrs: Any) -> str:
    extra = "".join(f' {k}="{esc(v)}"' for k, v in attrs.items())
    shown = "" if value is None else str(value)
    return (
        f'<label for="{name}">{label}</label>'
        f'<input id="{name}" name="{name}" type="number" value="{shown}"{extra}>'
    )


def _phases(t, start: int) -> str:
    rows = []
    for i, pid in enumerate(t.phase_order()):
        p = t.phases[pid]
        name = f"phase_starts.{pid}"
        attrs = {"min": 0, "max": 200, "aria-describedby": f"{name}-hint"}
        if i == 0:
            attrs["readonly"] = "readonly"
        rows.append(
            f'<div class="field">{_number(name, esc(p.title), p.start, **attrs)}'
            f'<small id="{name}-hint">years after entry into force ({start} + this)</small>'
            f"{_hint(p)}</div>"
        )
    return (
        '<fieldset><legend>Phase dates</legend><p class="meta">Each phase starts the year '
        f"after entry into force given here (entry into force {start}); a phase ends where the "
        f"next starts.</p>{''.join(rows)}</fieldset>"
    )


def _gates(t, start: int) -> str:
    """The gate of each gated phase: kept or not, its latest year, its conditions' bounds."""
    parts = []
    for pid in t.phase_order():
        gate = t.phases[pid].gate
        if gate is None:
            continue
        base = f"gates.{pid}"
        latest = None if gate.latest == "never" else gate.latest
        fields = [
            _check(f"{base}.gated", f"{esc(t.phases[pid].title)} waits on its gate", True),
            _number(
                f"{base}.latest",
                "latest year after entry into force (empty: none)",
                latest,
                min=0,
                max=200,
            ),
        ]
        for i, test in enumerate(gate.when):
            for side, word in (("at_least", "at least"), ("at_most", "at most")):
                label = f"{esc(measure_words(test.metric))} {word} (empty: no bound)"
                fields.append(
                    _number(f"{base}.bounds.{i}.{side}", label, getattr(test, side), step="any")
                )
        parts.append(f'<div class="field">{"".join(fields)}{_hint(gate)}</div>')
    if not parts:
        return "<fieldset><legend>Gates</legend><p>Every phase begins on its date.</p></fieldset>"
    return (
        '<fieldset><legend>Gates</legend><p class="meta">A gated phase begins in the first '
        "year from its start whose previous year met its conditions, or at its latest year "
        f"(entry into force {start} + the number given).</p>{''.join(parts)}</fieldset>"
    )


def _quotas(t) -> str:
    if not t.quotas:
        return "<fieldset><legend>Quotas</legend><p>This treaty sets no quotas.</p></fieldset>"
    parts, name = [], Names(t)
    for qid, q in t.quotas.items():
        base = f"quotas.{qid}"
        allocation = select(
            f"{base}.allocation",
            "allocation",
            [("queue", "queue"), ("lottery", "lottery")],
            q.allocation,
        )
        who = f", for citizens of {name(q.for_citizens_of)}" if q.for_citizens_of else ""
        parts.append(
            f'<div class="field"><p><b><code>{esc(qid)}</code></b>: {esc(RIGHT_WORDS[q.right])} '
            f"{esc(name(q.into))}{esc(who)} {_hint(q)}</p>"
            + _number(f"{base}.per_year", f"per year {NO_CAP}", q.per_year, min=0)
            + _number(
                f"{base}.share_per_year",
                f"per year, as a share of {esc(name(q.into))}'s residents {NO_CAP}",
                q.share_per_year,
                min=0,
                max=1,
                step="any",
            )
            + _number(f"{base}.total", f"in total {NO_CAP}", q.total, min=0)
            + _check(f"{base}.carry_over", "unused places carry over", bool(q.carry_over))
            + (f"<p>{esc(name.text(quota_size_text(q)))}</p>" if q.at_most is not None else "")
            + f"{allocation}</div>"
        )
    return f"<fieldset><legend>Quotas</legend>{''.join(parts)}</fieldset>"


def _jerusalem(t) -> str:
    j = t.jerusalem
    regimes = [(r, r.replace("-", " ")) for r in REGIMES]
    regime = select("jerusalem_regime", "Regime", regimes, j.regime)
    open_city = _check(
        "open_city", "Open city (free movement inside it for every resident)", j.open_city
    )
    return (
        f"<fieldset><legend>Jerusalem</legend>{regime}{open_city}"
        f'<p>{_hint(j)}</p><p class="meta">Two municipalities give the Palestinian '
        "side the council al-quds; one municipality gives every side the council jerusalem.</p>"
        "</fieldset>"
    )


def _sunsets(t) -> str:
    found = sunsets_of(t)
    if not found:
        return (
            "<fieldset><legend>Third-party sunsets</legend>"
            "<p>No third party holds seats, judgeships or an administration here.</p></fieldset>"
        )
    parts = []
    for s in found:
        name = f"sunsets.{s.key}"
        word = "from phase" if s.field == "from" else "until phase"
        options = [(p, f"{word} {t.phases[p].title}") for p in t.phase_order()]
        if s.key != "transitional_administration":
            options.append((NEVER, "never (they stay)"))
        parts.append(
            '<div class="field">' + select(name, esc(s.label), options, s.phase or NEVER) + "</div>"
        )
    return f"<fieldset><legend>Third-party sunsets</legend>{''.join(parts)}</fieldset>"


def scenario_body(treaty_id: str | None) -> str:
    """The editor for `treaty_id` (default: the Dajani–Yehuda treaty)."""
    tid = treaty_id or "dajani-yehuda-2024"
    compiled = compiled_shipped(tid)
    t = compiled.treaty
    start, _ = entry_year(compiled, None)
    chooser = (
        '<form class="inline" method="get" action="/explorer/scenario">'
        + select(
            "treaty", "Treaty", [(i, compiled_shipped(i).treaty.title) for i in shipped_ids()], tid
        )
        + '<button type="submit">Load</button></form>'
    )
    run = (
        "<fieldset><legend>Run</legend>"
        + _number("years", "Years simulated", DEFAULT_YEARS, min=1, max=MAX_COMPARE_YEARS)
        + _number("seed", "Seed", 1, min=0)
        + '<label for="name">Name this scenario <small>(optional, shown instead of the '
        f'run\'s id)</small></label><input id="name" name="name" maxlength="{MAX_NAME}">'
        + "</fieldset>"
    )
    return (
        "<h1>Scenario editor</h1>"
        "<p>Change a treaty's terms and run the variant against the original on the same "
        "population, horizon and seed (cohort mode). The variant is a treaty file that "
        "extends the original; it is checked like any other before it runs.</p>"
        f"{chooser}"
        f'<form id="scenario" class="scenario" data-treaty="{esc(tid)}"{job_messages("scenario")} '
        'data-run="/explorer/scenario/run" data-unit="simulated years (original, then '
        'scenario)" novalidate>'
        f"{_phases(t, start)}{_gates(t, start)}{_quotas(t)}{_jerusalem(t)}{_sunsets(t)}{run}"
        '<button type="submit" id="run">Run the scenario</button></form>'
        '<div id="problems" role="alert"></div>'
        '<div id="status" aria-live="polite"><progress id="progress" max="1" value="0" hidden '
        'aria-label="Simulation progress"></progress><span id="progress-text"></span></div>'
        "<noscript><p>The scenario editor needs JavaScript to run jobs; every other page "
        "works without it.</p></noscript>"
    )


def scenario_work(store_path, edit: ScenarioEdit) -> tuple[Callable[[Job], Any], int]:
    """Check the variant; then the job that simulates the original and the variant, and its size.

    Both runs are stored; the variant's parameters carry the variant file and its
    original's run id, so the run history can show, verify and compare it again.
    """
    from confed.simulate.parameters import RunParameters
    from confed.simulate.run import simulate

    data, variant = variant_of(edit)
    original = compiled_shipped(edit.treaty)
    start, _ = entry_year(original, None)
    params = RunParameters(years=edit.years, start_year=start, seed=edit.seed)

    def work(job: Job) -> dict[str, Any]:
        first, second = (simulate(c, params, job.advance) for c in (original, variant))
        with Store(store_path) as store:
            original_run = store.save_simulation(first)
            variant_run = store.save_simulation(
                second, {"variant": data, "original_run": original_run}
            )
            if edit.name.strip():
                store.name_run(variant_run, edit.name)
        return {
            "original_run": original_run,
            "variant_run": variant_run,
            "url": f"/explorer/runs/{variant_run}?against={original_run}",
        }

    return work, 2 * edit.years
