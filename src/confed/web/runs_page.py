"""Run history: the stored runs, one run's metrics over the years, and two runs side by side.

Reads the same DuckDB store as `confed runs` / `confed results`. A run with several
Monte-Carlo draws is shown as the mean of its draws. Two runs compared (a scenario
and its original) show each headline metric's change and, when the scenario's
variant is stored with its run, the invariants whose result it changes.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from confed.compare.blocks import chart_figure, table_html
from confed.compare.build import HEADLINE
from confed.compare.tables import facts_text, format_value, metric_value
from confed.i18n import _, current
from confed.i18n.formats import number
from confed.store import MAX_NAME, RunRecord, Store
from confed.treaty.load import treaty_title
from confed.web.layout import esc, href, lang_field

METRICS = [{"id": m, "key": k, "title": t, "unit": u} for m, k, t, u in HEADLINE]


def _params(record: RunRecord) -> str:
    p = record.parameters
    mode = _("persons") if p.get("persons") else _("cohorts")
    return _("{years} years from {start}, {runs} run(s), seed {seed}, {mode}").format(
        years=p.get("years"),
        start=p.get("start_year"),
        runs=p.get("runs"),
        seed=p.get("seed"),
        mode=mode,
    )


def esc_title(treaty_id: str) -> str:
    """A stored run's treaty by its short title in the current language, escaped."""
    return esc(treaty_title(treaty_id))


def _run_label(r: RunRecord) -> str:
    """A run's name, else "run" and its short id, for a list (no markup inside an option)."""
    return esc(r.name) if r.name else esc(_("run {id}").format(id=r.run_id[:12]))


def _label(r: RunRecord) -> str:
    """A run's name where set (its id small beside it), else its id."""
    if r.name:
        return f"{esc(r.name)} <small><code>{esc(r.run_id[:8])}</code></small>"
    return f"<code>{esc(r.run_id[:12])}</code>"


def _name_form(r: RunRecord) -> str:
    """The form that names (or renames) a run."""
    label, save = esc(_("Name this run")), esc(_("Save the name"))
    action = esc(href(f"/explorer/runs/{r.run_id}/name"))
    return (
        f'<form class="inline" method="post" action="{action}">'
        f'<label for="run-name">{label}</label><input id="run-name" name="name" '
        f'maxlength="{MAX_NAME}" value="{esc(r.name or "")}">'
        f'<button type="submit">{save}</button></form>'
    )


def runs_body(store_path: Path | None) -> str:
    """Every stored run, newest first, each linked to its results."""
    with Store(store_path) as store:
        records = store.runs()
    title = esc(_("Run history"))
    if not records:
        label = _("scenario editor")
        editor = f'<a href="{esc(href("/explorer/scenario"))}">{esc(label)}</a>'
        none = esc(_("No runs stored yet. Run one in the {editor} or with {command}.")).format(
            editor=editor, command="<code>confed simulate</code>"
        )
        return f"<h1>{title}</h1><p>{none}</p>"
    scenario = esc(_("(scenario)"))
    rows = [
        [
            f'<th scope="row"><a href="{esc(href(f"/explorer/runs/{r.run_id}"))}">'
            f"{_label(r)}</a></th>",
            esc_title(r.treaty)
            + (f" <small>{scenario}</small>" if "variant" in r.parameters else ""),
            esc(_params(r)),
            f'<bdi dir="ltr">{esc(r.created.strftime("%Y-%m-%d %H:%M"))}</bdi>',
            esc(r.confed_version),
        ]
        for r in records
    ]
    head = [_("run"), _("treaty"), _("parameters"), _("stored"), "confed"]
    table = table_html([esc(h) for h in head], rows)
    count = esc(_("{n} runs in the store (newest first), the same as {command}.")).format(
        n=esc(number(len(records))), command="<code>confed runs</code>"
    )
    return f"<h1>{title}</h1><p>{count}</p>{table}"


def series(store: Store, record: RunRecord, name: str) -> dict[str, Any]:
    """A stored run as a charted line: `{"name", "years": [{"year", "metrics"}]}`."""
    sums: dict[int, dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    draws: set[int] = set()
    for mc_run, year, metric, key, value in store.results(record.run_id):
        draws.add(mc_run)
        cell = sums[year][metric]
        cell[key] = cell.get(key, 0.0) + value
    n = max(1, len(draws))
    years = [
        {"year": y, "metrics": {m: {k: v / n for k, v in keys.items()} for m, keys in ms.items()}}
        for y, ms in sorted(sums.items())
    ]
    return {"name": name, "short": name, "years": years}


def _num(value: float | None, metric: dict[str, Any], extra: str = "") -> str:
    return f'<td class="num{extra}">{esc(format_value(value, metric["unit"]))}</td>'


def _status(status: str) -> str:
    from confed.verify.catalog import READING_WORDS

    word = _(READING_WORDS.get(status, status))
    return f'<td class="status-{status.replace(" ", "-")}">{esc(word)}</td>'


def _one_run_table(line: dict[str, Any]) -> str:
    years = line["years"]
    rows = [
        [f'<th scope="row">{esc(_(m["title"]))}</th>']
        + [_num(metric_value(y, m), m) for y in years]
        for m in METRICS
    ]
    return table_html([esc(_("metric")), *(str(y["year"]) for y in years)], rows)


def _charts(lines: list[dict[str, Any]], metrics: list[dict[str, Any]]) -> str:
    note = (
        _("Source: the stored runs named above (confed run store).")
        if len(lines) > 1
        else _("Source: the stored run named above (confed run store).")
    )
    figures = "".join(chart_figure(m, lines, i, note) for i, m in enumerate(metrics))
    return f'<div class="charts">{figures}</div>'


def _last(line: dict[str, Any], metric: dict[str, Any]) -> float | None:
    return metric_value(line["years"][-1], metric) if line["years"] else None


def _change(a: float | None, b: float | None, unit: str) -> str | None:
    """The change from `a` to `b` as the table shows it, or None when there is none."""
    if a is None or b is None or abs(b - a) <= 1e-9 * max(1.0, abs(a)):
        return None
    if current() != "en":
        sign = "+" if b > a else "−"
        if unit == "share":
            return _("{change} points").format(change=sign + number(abs(b - a) * 100, 3))
        return sign + number(abs(b - a), 0 if unit == "persons" else 4)
    if unit == "share":
        return f"{(b - a) * 100:+.3f} points"
    return f"{b - a:+,.0f}" if unit == "persons" else f"{b - a:+,.4g}"


def _change_rows(
    original: dict[str, Any], variant: dict[str, Any]
) -> tuple[list[list[str]], list[dict[str, Any]]]:
    """A row per headline metric (last year: original, variant, change) and those that changed."""
    rows, changed = [], []
    no_change = _("no change")
    for m in METRICS:
        a, b = _last(original, m), _last(variant, m)
        change = _change(a, b, m["unit"])
        if change:
            changed.append(m)
        rows.append(
            [
                f'<th scope="row">{esc(_(m["title"]))}</th>',
                _num(a, m),
                _num(b, m),
                f'<td class="num{" changed" if change else ""}" data-metric="{esc(m["id"])}">'
                f"{esc(change or no_change)}</td>",
            ]
        )
    return rows, changed


def _invariant_changes(variant: dict[str, Any]) -> str:
    from confed.rights.engine import compiled_shipped
    from confed.rights.variants import compiled_for
    from confed.verify.invariants import verify

    before = {v.id: v for v in verify(compiled_shipped(variant["extends"]))}
    after = verify(compiled_for(variant))
    rows = [
        [
            f'<th scope="row"><span lang="en">{esc(v.title)}</span></th>'
            if current() != "en"
            else f'<th scope="row">{esc(v.title)}</th>',
            _status(before[v.id].reading),
            _status(v.reading),
            f'<span lang="en">{esc(facts_text(v.counterexample))}</span>'
            if v.counterexample
            else "",
        ]
        for v in after
        if v.id in before and before[v.id].status != v.status
    ]
    if not rows:
        none = _("No invariant changes its result.")
        return f"<p>{esc(none)}</p>"
    head = [_("invariant"), _("original"), _("scenario"), _("counterexample")]
    return table_html([esc(h) for h in head], rows)


def _against_form(record: RunRecord, others: list[RunRecord]) -> str:
    """A form that opens this run's change against another stored run."""
    if not others:
        return ""
    options = "".join(
        f'<option value="{esc(r.run_id)}">{_run_label(r)} · {esc_title(r.treaty)} · '
        f"{esc(_params(r))}</option>"
        for r in others
    )
    label, compare = esc(_("Compare with run")), esc(_("Compare"))
    return (
        f'<form class="inline" method="get" action="/explorer/runs/{esc(record.run_id)}">'
        f'{lang_field()}<label for="against">{label}</label><select id="against" name="against">'
        f'{options}</select><button type="submit">{compare}</button></form>'
    )


def run_body(store_path: Path | None, run_id: str, against: str | None) -> str:
    """One run's metrics and charts, or its change against another run (`against`)."""
    with Store(store_path) as store:
        record = store.run(run_id)
        line = series(store, record, record.name or treaty_title(record.treaty))
        against = against or record.parameters.get("original_run")
        other = store.run(against) if against else None
        base = series(store, other, other.name or _("original")) if other else None
        others = [r for r in store.runs() if r.run_id != record.run_id]
    run, treaty_hash = esc(_("Run {run}")).format(run=_label(record)), esc(_("treaty hash"))
    head = (
        f"<h1>{run}</h1>{_name_form(record)}"
        f"<p>{esc_title(record.treaty)} · {esc(_params(record))} · {treaty_hash} "
        f"<code>{esc(record.treaty_hash[:12])}</code> · "
        f'<a href="/runs/{esc(record.run_id)}" lang="en">JSON</a></p>'
    )
    variant = record.parameters.get("variant")
    as_file = esc(_("The scenario as a treaty file (save it and run {command})")).format(
        command="<code>confed validate</code>"
    )
    as_yaml = yaml.safe_dump(variant, sort_keys=False, allow_unicode=True)
    overlay = (
        f"<details><summary>{as_file}</summary>"
        f'<pre dir="ltr" lang="en">{esc(as_yaml)}</pre></details>'
        if variant
        else ""
    )
    if base is None:
        return (
            head
            + overlay
            + _against_form(record, others)
            + _one_run_table(line)
            + _charts([line], METRICS)
        )
    line["name"] = line["short"] = record.name or (_("scenario") if variant else _("this run"))
    rows, changed = _change_rows(base, line)
    year = line["years"][-1]["year"] if line["years"] else "—"
    head_row = [
        esc(_("metric")),
        esc(_("original ({run})")).format(run=f"<code>{esc(other.run_id[:8])}</code>"),
        esc(_("this run ({run})")).format(run=f"<code>{esc(record.run_id[:8])}</code>"),
        esc(_("change")),
    ]
    caption = _("Each headline metric in {year}, the last simulated year.").format(year=year)
    table = table_html(head_row, rows, esc(caption))
    titles = {
        "invariants": esc(_("Invariants")),
        "changes": esc(_("Against the original")),
        "over-time": esc(_("Over the years")),
    }
    invariants = (
        f'<section id="invariants"><h2>{titles["invariants"]}</h2>'
        f"{_invariant_changes(variant)}</section>"
        if variant
        else ""
    )
    shown = changed or METRICS[:2]
    return (
        head
        + overlay
        + f'<section id="changes"><h2>{titles["changes"]}</h2>{table}</section>'
        + invariants
        + f'<section id="over-time"><h2>{titles["over-time"]}</h2>'
        f"{_charts([base, line], shown)}</section>"
    )
