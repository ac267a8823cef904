"""The comparison's uncertainty: each headline figure's range over the stated assumptions.

For every treaty, a Sobol sweep of its cohort run over every parameter with a stated
range (`confed sensitivity`), read at the comparison's last year: the 5th–95th
percentile of each headline metric, and which parameters move it most (total indices,
shown as a tornado chart). The same seed and calendar as the comparison's own runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html import escape
from pathlib import Path
from typing import Any

from confed.i18n import N_, _, current, isolate
from confed.i18n.formats import number, percent
from confed.i18n.markup import latin_marked, marked
from confed.sensitivity.run import plan_for, sweeping
from confed.sensitivity.store import SweepStore
from confed.sensitivity.sweep import SweepSpec
from confed.sensitivity.sweep import ranked as sweep_ranked
from confed.simulate.parameters import RunParameters
from confed.store import connect, default_path

TOP = 5
"""Parameters shown per metric, by total index."""
DEFAULT_SAMPLES = 2
"""Base samples of the comparison's sweep (`confed compare --sweep`)."""


@contextmanager
def uncertainty(
    bases: dict[str, RunParameters],
    headline: list[tuple[str, str]],
    samples: int,
    workers: int,
    store_path: Path | None,
    progress: Callable[[int], None] | None = None,
    stored_only: bool = False,
) -> Iterator[Callable[[], dict[str, dict[str, Any]]]]:
    """Start every treaty's sweep; inside the block, a function that waits for them.

    The function gives, per treaty, its sweep's parameters and, per headline metric,
    range and indices. The sweeps run on the cluster while the block goes on (the
    comparison runs its treaties meanwhile). With `stored_only`, nothing runs: a treaty
    gets its ranges only where the same sweep (same treaty, parameters, ranges, design
    and seed) is already in the store.
    """
    spec = SweepSpec("sobol", samples, next(iter(bases.values())).seed)
    plans = []
    for name, base in bases.items():
        last = base.start_year + base.years - 1
        plans.append(plan_for(name, base, [(m, k, last) for m, k in headline], spec))
    if stored_only:
        yield lambda: _stored(plans, store_path)
        return
    with sweeping(plans, workers, None, store_path, progress) as results:
        yield lambda: _shaped(results(None))


def _shaped(found: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Sweep entries (`run_sweeps`) by treaty, each metric's indices ranked by total index."""
    out = {}
    for entry in found:
        metrics = {}
        for result in entry["results"]:
            metric = result["output"].rsplit("@", 1)[0]
            ranked = sweep_ranked(result["indices"], "ST")
            metrics[metric] = {
                "p5": result["p5"],
                "p50": result["p50"],
                "p95": result["p95"],
                "indices": ranked,
            }
        out[entry["treaty"]] = {
            "sweep_id": entry["sweep_id"],
            "method": entry["method"],
            "samples": entry["samples"],
            "runs": entry["runs"],
            "parameters": entry["parameters"],
            "metrics": metrics,
        }
    return out


def _stored(plans, store_path: Path | None) -> dict[str, dict[str, Any]]:
    """The plans' sweeps already in the store, in the shape `uncertainty` gives."""
    path = store_path or default_path()
    if not path.exists():
        return {}
    db = connect(path)  # looking must not write: no sweep tables, no sweeps
    try:
        (swept,) = db.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'sweep_results'"
        ).fetchone()
    finally:
        db.close()
    if not swept:
        return {}
    out = {}
    with SweepStore(path) as store:
        for plan in plans:
            if store.has_results(plan.sweep_id):
                found = store.summary(plan.sweep_id)
                out[found["treaty"]] = {
                    "sweep_id": plan.sweep_id,
                    "method": plan.spec.method,
                    "samples": plan.spec.samples,
                    "runs": len(plan.rows),
                    "parameters": found["parameters"],
                    "metrics": found["metrics"],
                }
    return out


def range_text(u: dict[str, Any] | None, metric: str, unit: str) -> str:
    """A metric's 5–95% range, e.g. '1,234–5,678' (shares in %).

    '' without a sweep, and 'no change' where no assumption moves it.
    """
    if not u or metric not in u["metrics"]:
        return ""
    m = u["metrics"][metric]
    if m["p95"] - m["p5"] <= 1e-9 * max(abs(m["p95"]), 1.0):
        return _(NO_CHANGE) if current() != "en" else NO_CHANGE
    if current() != "en":
        low, high = ((percent(m[p], 1) if unit == "share" else number(m[p])) for p in ("p5", "p95"))
        return f"{low}–{high}"
    if unit == "share":
        return f"{m['p5']:.1%}–{m['p95']:.1%}"
    return f"{m['p5']:,.0f}–{m['p95']:,.0f}"


def movers_text(u: dict[str, Any] | None, metric: str) -> str:
    """The parameters that move a metric most, with their total index."""
    if not u or metric not in u["metrics"]:
        return ""
    ranked = [i for i in u["metrics"][metric]["indices"] if i["ST"] >= 0.05][:3]
    if not ranked:
        return _(NOTHING_MOVES) if current() != "en" else NOTHING_MOVES
    return "; ".join(f"{i['parameter']} {min(i['ST'], 1.0):.2f}" for i in ranked)


def tornado_svg(u: dict[str, Any], metric: str, title: str) -> str:
    """Total Sobol indices of the parameters moving one metric most, as horizontal bars.

    Each parameter's name sits above its bar, so the text keeps its size on a phone.
    """
    ranked = u["metrics"][metric]["indices"][:TOP]
    width, bar, row = 400, 14, 40  # bars end 50 units before the edge, for the value
    height = row * len(ranked) + 28
    rows, csv = [], ["parameter,total index,95% interval"]
    as_english = "" if current() == "en" else ' lang="en"'  # parameters are named by their ids
    label = _("{title}: what moves it most").format(title=title)
    for i, index in enumerate(ranked):
        y = 28 + i * row
        st = max(0.0, min(1.0, index["ST"]))
        conf = max(0.0, index.get("ST_conf", 0.0))
        scale = width - 50
        w = st * scale
        lo, hi = max(0.0, st - conf) * scale, min(1.0, st + conf) * scale
        name = escape(index["parameter"])
        total = _("{name}: total index {index} ± {interval}").format(
            name=isolate(index["parameter"]), index=f"{st:.2f}", interval=f"{conf:.2f}"
        )
        csv.append(f"{index['parameter']},{st:.3f},{conf:.3f}")
        rows.append(
            f'<text x="0" y="{y + 12}"{as_english}>{name}</text>'
            f'<rect x="0" y="{y + 17}" width="{w:.1f}" height="{bar}" class="st">'
            f"<title>{escape(total)}</title></rect>"
            f'<line x1="{lo:.1f}" x2="{hi:.1f}" y1="{y + 17 + bar / 2}" '
            f'y2="{y + 17 + bar / 2}" class="whisker"/>'
            f'<text x="{w + 4:.1f}" y="{y + 29}">{st:.2f}</text>'
        )
    return (
        f'<svg class="tornado" role="img" viewBox="0 0 {width} {height:.0f}" '
        f'aria-label="{escape(label)}" data-csv="{escape(chr(10).join(csv))}">'
        f'<text x="0" y="15" class="title">{escape(title)}</text>{"".join(rows)}</svg>'
    )


def tornado_figure(u: dict[str, Any], metric: str, title: str) -> str:
    """A tornado chart with its title, a subtitle saying what the bars are and a source note."""
    source = _("Source: confed sensitivity sweep {sweep}, {runs} runs.").format(
        sweep=isolate(u["sweep_id"]), runs=number(u["runs"])
    )
    return (
        f'<figure class="tornado-figure"><figcaption>{escape(title)}<span class="subtitle">'
        f"{escape(_(TORNADO_SUBTITLE))}</span></figcaption>"
        f"{tornado_svg(u, metric, title)}"
        f'<p class="source">{marked(source)}</p></figure>'
    )


TORNADO_SUBTITLE = N_(
    "What moves it most: each assumption's total Sobol index, the share of the figure's "
    "variance that goes with it (0 to 1)."
)
NO_CHANGE = N_("no change")
NOTHING_MOVES = N_("no varied assumption moves it")


CSS = """
svg.tornado { width: 100%; max-width: 30rem; height: auto; font-size: 15px; }
svg.tornado .st { fill: #4a6fa5; } svg.tornado .whisker { stroke: #1b1b1b; stroke-width: 1.5; }
svg.tornado .title { font-weight: 600; } .tornadoes { display: flex; flex-wrap: wrap; gap: 1rem; }
.tornado-figure { flex: 1 1 20rem; max-width: 30rem; margin: 0; }
"""

NOTE = N_(
    "Each treaty's run repeated over a Sobol design of every assumption with a stated range "
    "(confed show T lists them with their basis), read in the last year: each figure's range "
    "from its 5th to its 95th percentile, and the total index of the assumptions that move it "
    "most (the share of its variance that goes with the assumption, its interactions "
    "included; estimates above 1 are shown as 1, and the whiskers give their interval at "
    "95%). A coarse design: confed sensitivity gives more samples and tighter intervals."
)


def uncertainty_html(c: dict[str, Any], headline: list[dict[str, str]]) -> str:
    """The report's uncertainty section: ranges per treaty and tornado charts ('' without)."""
    from confed.compare.tables import treaty_text

    swept = [t for t in c["treaties"] if t.get("uncertainty")]
    if not swept:
        return ""
    parts = [f"<p>{latin_marked(_(NOTE))}</p>"]
    head = "".join(
        f'<th scope="col">{escape(_(h))}</th>'
        for h in (N_("figure"), N_("5–95%"), N_("moved most by (total index)"))
    )
    for t in swept:
        u = t["uncertainty"]
        shown = [m for m in headline if m["id"] + "." + m["key"] in u["metrics"]]
        rows = "".join(
            f'<tr><th scope="row">{escape(_(m["title"]))}</th>'
            f"<td>{escape(range_text(u, m['id'] + '.' + m['key'], m['unit']))}</td>"
            f"<td>{marked(movers_text(u, m['id'] + '.' + m['key']))}</td></tr>"
            for m in shown
        )
        charts = "".join(
            tornado_figure(u, m["id"] + "." + m["key"], _(m["title"]))
            for m in shown
            if u["metrics"][m["id"] + "." + m["key"]]["p95"]
            > u["metrics"][m["id"] + "." + m["key"]]["p5"]
        )
        runs = _("{runs} runs (sweep {sweep}) over {count} assumptions.").format(
            runs=number(u["runs"]), sweep=isolate(u["sweep_id"]), count=number(len(u["parameters"]))
        )
        parts.append(
            f"<h3>{escape(treaty_text(t, 'title', t['name']))}</h3>"
            f'<p class="meta">{marked(runs)}</p>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{rows}"
            f'</tbody></table><div class="tornadoes">{charts}</div>'
        )
    title = escape(_("Uncertainty"))
    return f'<section id="uncertainty"><h2>{title}</h2>' + "".join(parts) + "</section>"


def uncertainty_markdown(c: dict[str, Any], headline: list[dict[str, str]]) -> list[str]:
    """The Markdown lines of the uncertainty section (none without a sweep)."""
    swept = [t for t in c["treaties"] if t.get("uncertainty")]
    if not swept:
        return []
    lines = ["## Uncertainty", "", NOTE, ""]
    for t in swept:
        u = t["uncertainty"]
        lines += [
            f"### {t['name']}",
            "",
            f"{u['runs']} runs over {len(u['parameters'])} assumptions.",
            "",
            "| figure | 5–95% | moved most by (total index) |",
            "|---|---|---|",
        ]
        for m in headline:
            metric = m["id"] + "." + m["key"]
            if metric in u["metrics"]:
                lines.append(
                    f"| {m['title']} | {range_text(u, metric, m['unit'])} | "
                    f"{movers_text(u, metric)} |"
                )
        lines.append("")
    return lines
