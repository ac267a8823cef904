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
from confed.i18n import N_, _, isolate
from confed.i18n.asgi import asked
from confed.i18n.markup import marked
from confed.i18n.terms import term
from confed.rights.engine import compiled_shipped, entry_year
from confed.store import MAX_NAME, Store
from confed.treaty.describe import quota_size_text
from confed.treaty.load import shipped_ids
from confed.treaty.model import Cited
from confed.treaty.texts import translated
from confed.web.comparison_page import DEFAULT_YEARS
from confed.web.layout import esc, href, in_lang, job_messages, lang_field, select
from confed.web.provisions_page import treaty_text
from confed.web.scenario import NEVER, REGIMES, ScenarioEdit, Sunset, sunsets_of, variant_of


def _no_cap() -> str:
    blank = _("(blank: no cap)")
    return f"<small>{esc(blank)}</small>"


def _hint(t, path: str, clause: Cited) -> str:
    """A clause's assumption (in the page's language where translated), else its sources."""
    if clause.assumption:
        text = in_lang(*translated(t, f"{path}.assumption"))
        said = esc(_("assumption: {text}")).format(text=text)
        return f'<small class="cite">{said}</small>'
    if clause.source:
        cited = f'<bdi lang="en">{esc("; ".join(clause.source))}</bdi>'
        said = esc(_("source: {text}")).format(text=cited)
        return f'<small class="cite">{said}</small>'
    return ""


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
        title = treaty_text(t, f"phases.{pid}.title")
        after = esc(_("years after entry into force ({start} + this)").format(start=start))
        rows.append(
            f'<div class="field">{_number(name, title, p.start, **attrs)}'
            f'<small id="{name}-hint">{after}</small>'
            f"{_hint(t, f'phases.{pid}', p)}</div>"
        )
    legend = esc(_("Phase dates"))
    meta = esc(
        _(
            "Each phase starts the year after entry into force given here (entry into force "
            "{start}); a phase ends where the next starts."
        ).format(start=start)
    )
    return (
        f'<fieldset><legend>{legend}</legend><p class="meta">{meta}</p>{"".join(rows)}</fieldset>'
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
        waits = esc(_("{phase} waits on its gate")).format(
            phase=treaty_text(t, f"phases.{pid}.title")
        )
        fields = [
            _check(f"{base}.gated", waits, True),
            _number(
                f"{base}.latest",
                esc(_("latest year after entry into force (empty: none)")),
                latest,
                min=0,
                max=200,
            ),
        ]
        for i, test in enumerate(gate.when):
            for side, word in (("at_least", N_("at least")), ("at_most", N_("at most"))):
                label = esc(_("{metric} {bound} (empty: no bound)")).format(
                    metric=f"<code>{esc(test.metric)}</code>", bound=esc(_(word))
                )
                fields.append(
                    _number(f"{base}.bounds.{i}.{side}", label, getattr(test, side), step="any")
                )
        parts.append(
            f'<div class="field">{"".join(fields)}{_hint(t, f"phases.{pid}.gate", gate)}</div>'
        )
    legend = esc(_("Gates"))
    if not parts:
        every = esc(_("Every phase begins on its date."))
        return f"<fieldset><legend>{legend}</legend><p>{every}</p></fieldset>"
    meta = esc(
        _(
            "A gated phase begins in the first year from its start whose previous year met its "
            "conditions, or at its latest year (entry into force {start} + the number given)."
        ).format(start=start)
    )
    return (
        f'<fieldset><legend>{legend}</legend><p class="meta">{meta}</p>{"".join(parts)}</fieldset>'
    )


def _quotas(t) -> str:
    legend = esc(_("Quotas"))
    if not t.quotas:
        none = esc(_("This treaty sets no quotas."))
        return f"<fieldset><legend>{legend}</legend><p>{none}</p></fieldset>"
    parts = []
    no_cap = _no_cap()
    per_year, in_total = esc(_("per year")), esc(_("in total"))
    for qid, q in t.quotas.items():
        base = f"quotas.{qid}"
        allocation = select(
            f"{base}.allocation",
            esc(_("allocation")),
            [("queue", _("queue")), ("lottery", _("lottery"))],
            q.allocation,
        )
        state = term("citizenship", q.into)
        what = _("{right} into {state}").format(right=term("right", q.right), state=state)
        if q.for_citizens_of:
            what = _("{right} into {state} for citizens of {citizens}").format(
                right=term("right", q.right),
                state=state,
                citizens=term("citizenship", q.for_citizens_of),
            )
        size = f"<p>{marked(isolate(quota_size_text(q)))}</p>" if q.at_most is not None else ""
        parts.append(
            f'<div class="field"><p><b><code>{esc(qid)}</code></b>: {esc(what)} '
            f"{_hint(t, f'quotas.{qid}', q)}</p>"
            + _number(f"{base}.per_year", f"{per_year} {no_cap}", q.per_year, min=0)
            + _number(
                f"{base}.share_per_year",
                esc(_("per year, as a share of {state}'s residents")).format(state=esc(state))
                + f" {no_cap}",
                q.share_per_year,
                min=0,
                max=1,
                step="any",
            )
            + _number(f"{base}.total", f"{in_total} {no_cap}", q.total, min=0)
            + _check(f"{base}.carry_over", esc(_("unused places carry over")), bool(q.carry_over))
            + size
            + f"{allocation}</div>"
        )
    return f"<fieldset><legend>{legend}</legend>{''.join(parts)}</fieldset>"


def _jerusalem(t) -> str:
    j = t.jerusalem
    regimes = [(r, term("regime", r)) for r in REGIMES]
    regime = select("jerusalem_regime", esc(_("Regime")), regimes, j.regime)
    open_city = _check(
        "open_city", esc(_("Open city (free movement inside it for every resident)")), j.open_city
    )
    legend = esc(_("Jerusalem"))
    councils = esc(
        _(
            "Two municipalities give the Palestinian side the council {al_quds}; one "
            "municipality gives every side the council {jerusalem}."
        )
    ).format(al_quds="<code>al-quds</code>", jerusalem="<code>jerusalem</code>")
    return (
        f"<fieldset><legend>{legend}</legend>{regime}{open_city}"
        f'<p>{_hint(t, "jerusalem", j)}</p><p class="meta">{councils}</p></fieldset>'
    )


def _sunsets(t) -> str:
    found = sunsets_of(t)
    legend = esc(_("Third-party sunsets"))
    if not found:
        none = esc(_("No third party holds seats, judgeships or an administration here."))
        return f"<fieldset><legend>{legend}</legend><p>{none}</p></fieldset>"
    parts = []
    for s in found:
        name = f"sunsets.{s.key}"
        word = _("from phase {phase}") if s.field == "from" else _("until phase {phase}")
        options = [
            (p, word.format(phase=translated(t, f"phases.{p}.title")[0])) for p in t.phase_order()
        ]
        if s.key != "transitional_administration":
            options.append((NEVER, _("never (they stay)")))
        label = _sunset_label(t, s)
        parts.append(
            '<div class="field">' + select(name, label, options, s.phase or NEVER) + "</div>"
        )
    return f"<fieldset><legend>{legend}</legend>{''.join(parts)}</fieldset>"


def _sunset_label(t, s: Sunset) -> str:
    """What a sunset ends, in the page's language (escaped HTML)."""
    kind, _colon, rest = s.key.partition(":")
    if kind == "body":
        body, change = rest.split(":", 1)
        return esc(_("{body}: third parties leave ({change})")).format(
            body=treaty_text(t, f"bodies.{body}.name"), change=f"<code>{esc(change)}</code>"
        )
    if kind == "court":
        return esc(_("{court}: third-party judges sit until")).format(
            court=treaty_text(t, f"courts.{rest}.name")
        )
    who = in_lang(t.transitional_administration.who, "en")
    return esc(_("{who} serve until")).format(who=who)


def scenario_body(treaty_id: str | None) -> str:
    """The editor for `treaty_id` (default: the Dajani–Yehuda treaty)."""
    tid = treaty_id or "dajani-yehuda-2024"
    compiled = compiled_shipped(tid)
    t = compiled.treaty
    start, _source = entry_year(compiled, None)
    titles = [(i, translated(compiled_shipped(i).treaty, "title")[0]) for i in shipped_ids()]
    load = esc(_("Load"))
    chooser = (
        f'<form class="inline" method="get" action="/explorer/scenario">{lang_field()}'
        + select("treaty", esc(_("Treaty")), titles, tid)
        + f'<button type="submit">{load}</button></form>'
    )
    optional = esc(_("(optional, shown instead of the run's id)"))
    run_legend, name_label = esc(_("Run")), esc(_("Name this scenario"))
    run = (
        f"<fieldset><legend>{run_legend}</legend>"
        + _number("years", esc(_("Years simulated")), DEFAULT_YEARS, min=1, max=MAX_COMPARE_YEARS)
        + _number("seed", esc(_("Seed")), 1, min=0)
        + f'<label for="name">{name_label} <small>{optional}</small></label>'
        f'<input id="name" name="name" maxlength="{MAX_NAME}">' + "</fieldset>"
    )
    words = {
        "title": _("Scenario editor"),
        "intro": _(
            "Change a treaty's terms and run the variant against the original on the same "
            "population, horizon and seed (cohort mode). The variant is a treaty file that "
            "extends the original; it is checked like any other before it runs."
        ),
        "unit": _("simulated years (original, then scenario)"),
        "submit": _("Run the scenario"),
        "progress": _("Simulation progress"),
        "noscript": _(
            "The scenario editor needs JavaScript to run jobs; every other page works without it."
        ),
    }
    w = {k: esc(v) for k, v in words.items()}
    return (
        f"<h1>{w['title']}</h1><p>{w['intro']}</p>{chooser}"
        f'<form id="scenario" class="scenario" data-treaty="{esc(tid)}"{job_messages("scenario")} '
        f'data-run="{esc(href("/explorer/scenario/run"))}" data-unit="{w["unit"]}" novalidate>'
        f"{_phases(t, start)}{_gates(t, start)}{_quotas(t)}{_jerusalem(t)}{_sunsets(t)}{run}"
        f'<button type="submit" id="run">{w["submit"]}</button></form>'
        '<div id="problems" role="alert"></div>'
        '<div id="status" aria-live="polite"><progress id="progress" max="1" value="0" hidden '
        f'aria-label="{w["progress"]}"></progress><span id="progress-text"></span></div>'
        f"<noscript><p>{w['noscript']}</p></noscript>"
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
    start, _source = entry_year(original, None)
    lang = asked.get()
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
            "url": href(f"/explorer/runs/{variant_run}?against={original_run}", lang),
        }

    return work, 2 * edit.years
