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

from confed.api.treaties import treaty_title
from confed.compare.build import HEADLINE
from confed.compare.html import chart_figure, table_html
from confed.compare.tables import facts_text, format_value, metric_value
from confed.store import MAX_NAME, RunRecord, Store
from confed.web.layout import esc

METRICS = [{"id": m, "key": k, "title": t, "unit": u} for m, k, t, u in HEADLINE]


def _params(record: RunRecord) -> str:
    p = record.parameters
    mode = "persons" if p.get("persons") else "cohorts"
    return (
        f"{p.get('years')} years from {p.get('start_year')}, {p.get('runs')} run(s), "
        f"seed {p.get('seed')}, {mode}"
    )


def _label(r: RunRecord) -> str:
    """A run's name where set (its id small beside it), else its id."""
    if r.name:
        return f"{esc(r.name)} <small><code>{esc(r.run_id[:8])}</code></small>"
    return f"<code>{esc(r.run_id[:12])}</code>"


def _name_form(r: RunRecord) -> str:
    """The form that names (or renames) a run."""
    return (
        f'<form class="inline" method="post" action="/explorer/runs/{esc(r.run_id)}/name">'
        f'<label for="run-name">Name this run</label><input id="run-name" name="name" '
        f'maxlength="{MAX_NAME}" value="{esc(r.name or "")}">'
        '<button type="submit">Save the name</button></form>'
    )


def runs_body(store_path: Path | None) -> str:
    """Every stored run, newest first, each linked to its results."""
    with Store(store_path) as store:
        records = store.runs()
    if not records:
        return (
            "<h1>Run history</h1><p>No runs stored yet. Run one in the "
            '<a href="/explorer/scenario">scenario editor</a> or with '
            "<code>confed simulate</code>.</p>"
        )
    rows = [
        [
            f'<th scope="row"><a href="/explorer/runs/{esc(r.run_id)}">{_label(r)}</a></th>',
            esc(treaty_title(r.treaty))
            + (" <small>(scenario)</small>" if "variant" in r.parameters else ""),
            esc(_params(r)),
            esc(r.created.strftime("%Y-%m-%d %H:%M")),
            esc(r.confed_version),
        ]
        for r in records
    ]
    table = table_html(["run", "treaty", "parameters", "stored", "confed"], rows)
    return (
        f"<h1>Run history</h1><p>{len(records)} runs in the store (newest first), the same as "
        f"<code>confed runs</code>.</p>{table}"
    )


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
    return f'<td class="status-{status.replace(" ", "-")}">{esc(status)}</td>'


def _one_run_table(line: dict[str, Any]) -> str:
    years = line["years"]
    rows = [
        [f'<th scope="row">{esc(m["title"])}</th>'] + [_num(metric_value(y, m), m) for y in years]
        for m in METRICS
    ]
    return table_html(["metric", *(str(y["year"]) for y in years)], rows)


def _charts(lines: list[dict[str, Any]], metrics: list[dict[str, Any]]) -> str:
    note = f"Source: the stored run{'s' * (len(lines) > 1)} named above (confed run store)."
    figures = "".join(chart_figure(m, lines, i, note) for i, m in enumerate(metrics))
    return f'<div class="charts">{figures}</div>'


def _last(line: dict[str, Any], metric: dict[str, Any]) -> float | None:
    return metric_value(line["years"][-1], metric) if line["years"] else None


def _change(a: float | None, b: float | None, unit: str) -> str | None:
    """The change from `a` to `b` as the table shows it, or None when there is none."""
    if a is None or b is None or abs(b - a) <= 1e-9 * max(1.0, abs(a)):
        return None
    if unit == "share":
        return f"{(b - a) * 100:+.3f} points"
    return f"{b - a:+,.0f}" if unit == "persons" else f"{b - a:+,.4g}"


def _change_rows(
    original: dict[str, Any], variant: dict[str, Any]
) -> tuple[list[list[str]], list[dict[str, Any]]]:
    """A row per headline metric (last year: original, variant, change) and those that changed."""
    rows, changed = [], []
    for m in METRICS:
        a, b = _last(original, m), _last(variant, m)
        change = _change(a, b, m["unit"])
        if change:
            changed.append(m)
        rows.append(
            [
                f'<th scope="row">{esc(m["title"])}</th>',
                _num(a, m),
                _num(b, m),
                f'<td class="num{" changed" if change else ""}" data-metric="{esc(m["id"])}">'
                f"{esc(change or 'no change')}</td>",
            ]
        )
    return rows, changed


def _invariant_changes(variant: dict[str, Any]) -> str:
    from confed.api.treaties import compiled_for, shipped
    from confed.verify.invariants import verify

    before = {v.id: v for v in verify(shipped(variant["extends"]))}
    after = verify(compiled_for(variant))
    rows = [
        [
            f'<th scope="row">{esc(v.title)}</th>',
            _status(before[v.id].reading),
            _status(v.reading),
            esc(facts_text(v.counterexample)) if v.counterexample else "",
        ]
        for v in after
        if v.id in before and before[v.id].status != v.status
    ]
    if not rows:
        return "<p>No invariant changes its result.</p>"
    return table_html(["invariant", "original", "scenario", "counterexample"], rows)


def _against_form(record: RunRecord, others: list[RunRecord]) -> str:
    """A form that opens this run's change against another stored run."""
    if not others:
        return ""
    options = "".join(
        f'<option value="{esc(r.run_id)}">{esc(r.label)} · {esc(treaty_title(r.treaty))} · '
        f"{esc(_params(r))}</option>"
        for r in others
    )
    return (
        f'<form class="inline" method="get" action="/explorer/runs/{esc(record.run_id)}">'
        f'<label for="against">Compare with run</label><select id="against" name="against">'
        f'{options}</select><button type="submit">Compare</button></form>'
    )


def run_body(store_path: Path | None, run_id: str, against: str | None) -> str:
    """One run's metrics and charts, or its change against another run (`against`)."""
    with Store(store_path) as store:
        record = store.run(run_id)
        line = series(store, record, record.name or treaty_title(record.treaty))
        against = against or record.parameters.get("original_run")
        other = store.run(against) if against else None
        base = series(store, other, other.name or "original") if other else None
        others = [r for r in store.runs() if r.run_id != record.run_id]
    head = (
        f"<h1>Run {_label(record)}</h1>{_name_form(record)}"
        f"<p>{esc(treaty_title(record.treaty))} · {esc(_params(record))} · treaty hash "
        f"<code>{esc(record.treaty_hash[:12])}</code> · "
        f'<a href="/runs/{esc(record.run_id)}">JSON</a></p>'
    )
    variant = record.parameters.get("variant")
    overlay = (
        "<details><summary>The scenario as a treaty file (save it and run "
        "<code>confed validate</code>)</summary>"
        f"<pre>{esc(yaml.safe_dump(variant, sort_keys=False, allow_unicode=True))}</pre></details>"
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
    line["name"] = line["short"] = record.name or ("scenario" if variant else "this run")
    rows, changed = _change_rows(base, line)
    year = line["years"][-1]["year"] if line["years"] else "—"
    table = table_html(
        ["metric", f"original ({other.run_id[:8]})", f"this run ({record.run_id[:8]})", "change"],
        rows,
        f"Each headline metric in {esc(year)}, the last simulated year.",
    )
    invariants = (
        f'<section id="invariants"><h2>Invariants</h2>{_invariant_changes(variant)}</section>'
        if variant
        else ""
    )
    shown = changed or METRICS[:2]
    return (
        head
        + overlay
        + f'<section id="changes"><h2>Against the original</h2>{table}</section>'
        + invariants
        + f'<section id="over-time"><h2>Over the years</h2>{_charts([base, line], shown)}</section>'
    )
