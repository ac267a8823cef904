"""comparison.html: the comparison as one self-contained page that works offline.

Everything is inline: the CSS, the SVG charts and the map, and the map's script that
switches it between treaties, years and colourings (without the script the map shows
the first treaty, coloured by sovereign, which is also what prints). The only URLs are the
sources' own, as plain links. All text from the comparison is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Any

from confed.compare.charts import UNITS, chart_csv, line_chart
from confed.compare.claims_report import claims_html, opinion_html, work_html
from confed.compare.evidence import evidence_html
from confed.compare.findings import NOTE as FINDINGS_NOTE
from confed.compare.findings import findings
from confed.compare.glossary import glossary_html, term_of
from confed.compare.mapfigure import map_html, map_script
from confed.compare.tables import (
    ASSUMPTION_ONLY,
    CLAIMED_NOTE,
    ELECTORATE_NOTE,
    MISSING,
    NOT_REPORTED,
    SECURITY_HEADER,
    Reading,
    common_years,
    electorate_rows,
    facts_text,
    headlines,
    holds_text,
    invariant_rows,
    name_in,
    phase_title,
    phases_text,
    reading_of,
    security_rows,
    short_name,
    sources,
    treaty_text,
)
from confed.compare.uncertainty import CSS as UNCERTAINTY_CSS
from confed.compare.uncertainty import uncertainty_html
from confed.compare.widgets import FILTER_CSS, FILTER_SECTIONS, REPORT_JS, filter_box
from confed.i18n import N_, _, current, direction, isolate
from confed.i18n.markup import marked
from confed.verify.catalog import INVARIANTS

CSS = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5a5a5a; --rule: #d0d0d0; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); margin: 0; background: #fff; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { margin-bottom: .25rem; } h2 { border-bottom: 1px solid var(--rule); margin-top: 2.5rem; }
.note { border-inline-start: 4px solid #777; background: #f3f3f3; padding: .5rem 1rem; }
.meta, .credit, caption, .map-figure figcaption { color: var(--muted); }
figcaption { font-weight: 600; } th small { font-weight: normal; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
table { border-collapse: collapse; margin: .75rem 0; }
th, td { border: 1px solid var(--rule); padding: .25rem .5rem; text-align: start;
  vertical-align: top; }
td.num { text-align: end; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: start; padding-bottom: .25rem; }
.claimed-met { background: #d9f0d3; } .claimed-not-met { background: #fde0c5; }
td[class^="measured-"], td[class^="claimed-not-applicable"] { color: var(--muted); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 28rem), 1fr));
  gap: 1rem 2rem; }
figure { margin: 1rem 0; }
svg { font: 12px system-ui, sans-serif; }
svg.chart { width: 100%; height: auto; font-size: 15px; }
p, li, dd, td, th { overflow-wrap: anywhere; }
@media (max-width: 40rem) { main { padding: .75rem .75rem 2rem; } }
svg.chart .plot { fill: none; } svg.chart .grid { stroke: #e4e4e4; }
svg.chart .axis { stroke: #777; } svg.chart text { fill: #333; }
svg.map { width: 100%; min-width: 18.75rem; max-width: 30rem; height: auto;
  border: 1px solid var(--rule); }
svg.map .sea { fill: #eef3f7; } svg.map .country { fill: #f7f5ef; stroke: #8a8a8a;
  stroke-width: .8; } svg.map .place { stroke: #222; stroke-width: .5; }
svg.map .area { stroke: #fff; stroke-width: .3; }
.line-1949 { fill: none; stroke: #111; stroke-width: 1.4; stroke-dasharray: 4 2.5; }
svg.map .label { font-size: 12.5px; fill: #111; paint-order: stroke; stroke: #fff;
  stroke-width: 3px; stroke-linejoin: round; }
svg.key { width: 2em; height: .7em; margin-inline-end: .4em; }
.swatch.dot { width: .5em; height: .5em; background: #777; }
.map-layout { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-start; }
.map-figure { margin: 0; flex: 1 1 18.75rem; max-width: 30rem; }
.map-layout.beside { align-items: stretch; } .map-layout.beside .legends { flex-basis: 100%; }
.map-layout.beside .map-figure { flex: 1 1 max(18.75rem, calc(50% - 1rem));
  display: flex; flex-direction: column; }
.map-layout.beside svg.map { margin-top: auto; }
.map-controls select { max-width: 100%; } .map-controls label { max-width: 100%; }
.legend-fixed ul { list-style: none; padding: 0; }
.controls { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; }
.controls select { font: inherit; padding: .15rem .3rem; }
.legend ul, .bars { list-style: none; padding: 0; margin: .25rem 0; }
.swatch { display: inline-block; width: .9em; height: .9em; border-radius: 50%;
  border: 1px solid #222; vertical-align: -.1em; margin-inline-end: .4em; }
.bars li { display: grid; grid-template-columns: minmax(5rem, 10rem) minmax(3rem, 14rem) 3.5rem;
  gap: .5rem;
  align-items: center; }
.bar { background: #eee; height: .8rem; } .bar span { display: block; height: 100%;
  background: #5e6f8a; }
.swatch, .bar span, td[class^="claimed-"] { print-color-adjust: exact;
  -webkit-print-color-adjust: exact; }
@media print {
  nav, .controls { display: none; }
  h2 { break-after: avoid; } figure, table { break-inside: avoid; }
  main { max-width: none; padding: 0; }
}
"""

SCRIPT = map_script()
"""The page's script: the map's controls (web/static/map.js)."""

SECTIONS = (
    ("findings", N_("Key differences")),
    ("charts", N_("Over the years")),
    ("headline", N_("Headline figures")),
    ("invariants", N_("Goals and properties")),
    ("electorates", N_("Electorates")),
    ("bodies", N_("Joint bodies")),
    ("security", N_("Security")),
    ("claims", N_("Arguments as measurable claims")),
    ("opinion", N_("Public opinion on the frameworks")),
    ("work", N_("Work across the border")),
    ("uncertainty", N_("Uncertainty")),
    ("places", N_("Map")),
    ("glossary", N_("Glossary")),
    ("treaties", N_("Treaties")),
    ("parameters", N_("Parameters and data")),
    ("assumptions", N_("Assumptions")),
    ("sources", N_("Sources")),
    ("citations", N_("Appendix: citations")),
)
"""Every section in reading order: findings first, then the charts, the reference at the end."""

APPENDIX = FILTER_SECTIONS
"""The reference sections, last, behind the filter box."""


def _e(value: object) -> str:
    return escape(str(value))


def table_html(header: list[str], rows: list[list[str]], caption: str = "") -> str:
    """A table from already-escaped cells (a cell starting with '<td' or '<th' is kept)."""
    head = "".join(f'<th scope="col">{h}</th>' for h in header)
    body = "".join(
        "<tr>"
        + "".join(c if c.startswith(("<td", "<th")) else f"<td>{c}</td>" for c in r)
        + "</tr>"
        for r in rows
    )
    cap = f"<caption>{caption}</caption>" if caption else ""
    columns = ", ".join(_label(h) for h in header)
    label = _label(caption) or _("table: {columns}").format(columns=columns)
    table = f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return scroll_box(table, label)


_TAG = re.compile(r"<[^>]+>")
_ASIDE = re.compile(r"\s*<small>.*?</small>", re.S)


_CLAUSE_END = re.compile(r"[;؛(]|[.:] ")


def _label(html: str) -> str:
    """Escaped HTML as a short plain name: its first clause, tags and asides left out.

    >>> _label("Power per phase; <i>pass rate</i> is (as in <code>confed x</code>).")
    'Power per phase'
    """
    text = _TAG.sub("", _ASIDE.sub("", html))
    return _CLAUSE_END.split(text, maxsplit=1)[0].strip()


def scroll_box(table: str, label: str) -> str:
    """A table in a box that scrolls sideways on its own, so a narrow screen never does.

    `label` is already-escaped text naming the table (a scrollable box needs a name).
    """
    return f'<div class="scroll" tabindex="0" role="region" aria-label="{label}">{table}</div>'


def _section(key: str, *content: str) -> str:
    title = _e(_(dict(SECTIONS)[key]))
    return f'<section id="{key}"><h2>{title}</h2>{"".join(content)}</section>'


def _link(url: str | None) -> str:
    """A plain link to a source; anything but an http(s) URL is shown as text only."""
    if not url:
        return ""
    if url.startswith(("https://", "http://")):
        return f' — <a href="{escape(url)}">{_e(url)}</a>'
    return f" — {_e(url)}"


def _header(c: dict[str, Any]) -> str:
    swept = any(t.get("uncertainty") for t in c["treaties"])
    shown = [(k, t) for k, t in SECTIONS if k != "uncertainty" or swept]
    nav = "".join(f'<li><a href="#{k}">{_e(_(t))}</a></li>' for k, t in shown)
    meta = _("confed {version}, generated {date}; calendar {first}–{last}.").format(
        version=c["confed_version"],
        date=c["generated"],
        first=c["calendar"]["first"],
        last=c["calendar"]["last"],
    )
    contents = _("Contents")
    return (
        f"<header><h1>{_e(_(c['title']))}</h1>"
        f'<p class="note">{_e(_(c["note"]))}</p>'
        f'<p class="meta">{_e(meta)}</p>'
        f'<nav aria-label="{_e(contents)}"><ul>{nav}</ul></nav></header>'
    )


def _findings(c: dict[str, Any]) -> str:
    items = "".join(f"<li>{marked(f.text)}</li>" for f in findings(c))
    none = _("No figure differs.")
    return _section(
        "findings",
        f'<p class="meta">{_e(_(FINDINGS_NOTE))}</p>',
        f'<ul class="findings">{items}</ul>' if items else f"<p>{_e(none)}</p>",
    )


def _parameters(c: dict[str, Any]) -> str:
    params = table_html(
        ["parameter", "value"],
        [[_e(k.replace("_", " ")), _e(v)] for k, v in c["parameters"].items()],
        "Run parameters and behaviour assumptions",
    )
    vintages = table_html(
        ["table", "date", "what"],
        [[_e(v["table"]), _e(v["date"]), _e(v["what"])] for v in c["vintages"]],
        "Data vintages",
    )
    calendar = f'<p class="meta">{_e(c["calendar"]["note"])}</p>'
    return _section("parameters", calendar, params, vintages)


def _treaties(c: dict[str, Any]) -> str:
    rows = [
        [
            f'<th scope="row">{_e(treaty_text(t, "title", t["name"]))}</th>',
            _e(t["entry_year"]),
            marked(isolate(t["entry_year_source"])),
            _e(_("; ").join(_phase_span(t, p) for p in t["phases"])),
        ]
        for t in c["treaties"]
    ]
    head = [_e(_(h)) for h in (N_("treaty"), N_("entry year"), N_("entry year from"), N_("phases"))]
    return _section("treaties", table_html(head, rows))


def _phase_span(t: dict[str, Any], p: dict[str, Any]) -> str:
    """A phase's title and its calendar years, as phases_text gives them."""
    if current() == "en":
        return phases_text({"phases": [p]})
    end = p["end"] if p.get("end") is not None else ""
    return f"{phase_title(t, p)} ({p['start']}–{end})"


def _headline(c: dict[str, Any]) -> str:
    rows = headlines(c)
    years = common_years(rows)
    first, last = (str(y) for y in years) if years else (_("first year"), _("last year"))
    body = []
    n = len(c["treaties"])
    for i, r in enumerate(rows):
        unit = _(UNITS.get(r.metric["unit"], r.metric["unit"]))
        metric = f"{_e(_(r.metric['title']))} ({_e(unit)})"
        head = [f'<th scope="rowgroup" rowspan="{n}">{metric}</th>'] if i % n == 0 else []
        a = r.first if years else f"{r.first} ({r.first_year})"
        b = r.last if years else f"{r.last} ({r.last_year})"
        body.append(
            [
                *head,
                _e(short_name(r.treaty)),
                f'<td class="num">{_e(a)}</td>',
                f'<td class="num">{_e(b)}</td>',
            ]
        )
    caption = _(
        "Each metric in the first and last simulated year; {missing} where a treaty reports none."
    ).format(missing=MISSING)
    head = [_e(_("metric")), _e(_("treaty")), _e(first), _e(last)]
    return _section("headline", table_html(head, body, _e(caption)))


def source_note(c: dict[str, Any]) -> str:
    """Where a chart's figures come from, in one sentence."""
    p = c["parameters"]
    data = c["vintages"][0] if c["vintages"] else None
    note = _(
        "Source: confed {version}, each treaty file's rules simulated ({mode} mode, seed {seed})"
    ).format(
        version=c["confed_version"], mode=isolate(p.get("mode", "cohort")), seed=p.get("seed", "")
    )
    if data:
        note += _(", on the population from {what} ({date})").format(
            what=isolate(data["what"]), date=data["date"]
        )
    return note + _("; see Parameters and data.")


def chart_figure(m: dict[str, Any], lines: list[dict[str, Any]], i: int, note: str) -> str:
    """One metric's chart with its title, its subtitle from the glossary and a source note.

    `lines` are treaties (or runs) with `name` and `years`; the figure carries its
    figures as CSV for the download button.
    """
    term = term_of(m)
    unit = _("Unit: {unit}.").format(unit=_(term.unit))
    return (
        f'<figure class="chart-figure" id="chart-{_e(m["id"])}-{_e(m["key"])}" '
        f'data-csv="{_e(chart_csv(m, lines))}">'
        f"<figcaption>{_e(_(m['title']))}"
        f'<span class="subtitle">{_e(_(term.counts))} {_e(unit)}</span>'
        f"</figcaption>{line_chart(m, lines, f'chart-{i}')}"
        f'<p class="source">{marked(note)}</p></figure>'
    )


def _charts(c: dict[str, Any]) -> str:
    note = source_note(c)
    figures = "".join(chart_figure(m, c["treaties"], i, note) for i, m in enumerate(c["metrics"]))
    options = "".join(
        f'<option value="chart-{_e(m["id"])}-{_e(m["key"])}">{_e(_(m["title"]))}</option>'
        for m in c["metrics"]
    )
    show, every = _e(_("Show")), _e(_("every chart"))
    pick = (
        f'<p class="picker" hidden><label for="chart-pick">{show}</label>'
        f'<select id="chart-pick" data-state="chart"><option value="">{every}</option>'
        f"{options}</select></p>"
    )
    return _section("charts", pick, f'<div class="charts">{figures}</div>')


def _status_cell(r: Reading) -> str:
    css = "not-reported" if r.text == NOT_REPORTED else r.css
    return f'<td class="{css}">{_e(r.label)}</td>'


def _invariants(c: dict[str, Any]) -> str:
    ids = [t["id"] for t in c["treaties"]]
    rows = [
        [
            f'<th scope="row">{_e(_capital(_invariant_title(r.id, r.title)))}</th>',
            *(_status_cell(r.status[t]) for t in ids),
        ]
        for r in invariant_rows(c)
    ]
    details = []
    sources_of = _("(sources: {sources})")
    for t in c["treaties"]:
        items = []
        for inv in t["invariants"]:
            title = _invariant_title(inv.get("id", ""), inv["title"])
            text = f"<b>{_e(title)}</b>: {_e(reading_of(inv).label)}"
            if inv.get("counterexample"):
                text += f" — {_english(facts_text(inv['counterexample'], t.get('names')))}"
            if inv.get("detail"):
                text += f" — {_english(inv['detail'])}"
            if inv["sources"]:
                cited = f'<bdi lang="en">{_e("; ".join(inv["sources"]))}</bdi>'
                text += f" <small>{_e(sources_of).format(sources=cited)}</small>"
            items.append(f"<li>{text}</li>")
        name = _e(treaty_text(t, "title", t["name"]))
        details.append(f"<h4>{name}</h4><ul>{''.join(items)}</ul>")
    head = [_e(_("property")), *(_e(short_name(t)) for t in c["treaties"])]
    key, counter = _(CLAIMED_NOTE), _("Counterexamples and sources")
    return _section(
        "invariants",
        f"<p>{marked(key)}</p>",
        table_html(head, rows),
        f"<h3>{_e(counter)}</h3>",
        *details,
    )


def _invariant_title(invariant: str, title: str) -> str:
    """An invariant's title in the current language (the catalogue's, by its id)."""
    return _(INVARIANTS[invariant]) if invariant in INVARIANTS else title


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _english(text: str) -> str:
    """Escaped English words (a counterexample, a detail), marked so on other pages."""
    if current() == "en":
        return _e(text)
    return f'<span lang="en" dir="ltr">{_e(text)}</span>'


def _electorates(c: dict[str, Any]) -> str:
    rows = [[_e(cell) for cell in row] for row in electorate_rows(c)]
    header = ["treaty", "assembly", "first year", "last year"]
    return _section("electorates", f"<p>{_e(ELECTORATE_NOTE)}</p>", table_html(header, rows))


def _security(c: dict[str, Any]) -> str:
    rows = [[_e(cell) for cell in row] for row in security_rows(c)]
    return _section(
        "security",
        "<p>Who holds each state's external security and borders, and whose forces sit "
        "where, as each text states it ('joint': the states together).</p>",
        table_html([_e(h) for h in SECURITY_HEADER], rows),
    )


def _body(t: dict[str, Any], body: dict[str, Any]) -> str:
    power = body["power"]
    bars = "".join(
        f'<li><span>{_e(name_in(t, party))}</span><span class="bar" role="presentation">'
        f'<span style="width:{max(0.0, min(1.0, v)) * 100:.1f}%"></span></span>'
        f'<span class="num">{v:.3f}</span></li>'
        for party, v in power["by_party"].items()
    )
    checks = "".join(
        f"<li>{_e(ch['detail'])}: {holds_text(ch['holds'])}</li>" for ch in body["checks"]
    )
    return (
        f"<h4>{_e(body['name'])}</h4>"
        + (f"<p><em>{_e(ASSUMPTION_ONLY)}</em></p>" if body.get("assumption_only") else "")
        + f"<p>Rule: {_e(body['rule'])}</p>"
        f'<p>Power by party (Banzhaf index, see the glossary):</p><ul class="bars">{bars}</ul>'
        + (f"<p>Checks:</p><ul>{checks}</ul>" if checks else "")
    )


def _bodies(c: dict[str, Any]) -> str:
    parts = [
        f"<h3>{_e(t['name'])}</h3>"
        + ("".join(_body(t, b) for b in t["bodies"]) or "<p>No joint bodies.</p>")
        for t in c["treaties"]
    ]
    return _section("bodies", *parts)


def _places(c: dict[str, Any]) -> str:
    return _section("places", map_html(c))


def _assumptions(c: dict[str, Any]) -> str:
    items = "".join(
        f"<li><b>{_e(short_name(t))}</b> · <code>{_e(a['where'])}</code>: {_e(a['text'])}</li>"
        for t in c["treaties"]
        for a in t["assumptions"]
    )
    return _section("assumptions", f"<ul>{items}</ul>")


def _sources(c: dict[str, Any]) -> str:
    names = {t["id"]: short_name(t) for t in c["treaties"]}
    items = "".join(
        f"<li><b>{_e(s['id'])}</b>: {_e(s['reference'])}{_link(s.get('url'))} "
        f"<small>(cited by {_e(', '.join(names[t] for t in cited_by))})</small></li>"
        for s, cited_by in sources(c)
    )
    return _section("sources", f"<ul>{items}</ul>")


SECTION_HTML: dict[str, Callable[[dict[str, Any]], str]] = {
    "findings": _findings,
    "charts": _charts,
    "headline": _headline,
    "invariants": _invariants,
    "electorates": _electorates,
    "bodies": _bodies,
    "security": _security,
    "claims": claims_html,
    "opinion": opinion_html,
    "work": work_html,
    "uncertainty": lambda c: uncertainty_html(c, c["metrics"]),
    "places": _places,
    "glossary": lambda c: _section("glossary", glossary_html(c)),
    "treaties": _treaties,
    "parameters": _parameters,
    "assumptions": _assumptions,
    "sources": _sources,
    "citations": evidence_html,
}
"""Each section's renderer, by its key in SECTIONS."""


def report_head(c: dict[str, Any], controls: str = "") -> str:
    """The report's header; `controls` (HTML) goes right after it: the explorer's form."""
    return _header(c) + controls


def report_body(c: dict[str, Any], controls: str = "") -> str:
    """Every section of the report, as the inside of its <main> (the explorer shows it too).

    Findings first, then the charts and the tables; the reference sections (glossary,
    treaties, parameters, assumptions, sources, citations) last, behind a filter box.
    """
    parts = [report_head(c, controls)]
    for key, _title in SECTIONS:
        if key == APPENDIX[0]:
            parts.append(filter_box())
        parts.append(in_english_yet(key, SECTION_HTML[key](c)))
    return "".join(parts)


TRANSLATED_SECTIONS = frozenset(
    {"findings", "charts", "headline", "invariants", "glossary", "places", "claims"}
    | {"opinion", "work", "treaties"}
)
"""Sections written in the reader's language; the others are English, marked so."""


def in_english_yet(key: str, html: str) -> str:
    """A section not yet translated, marked English under a note in the reader's language."""
    if current() == "en" or key in TRANSLATED_SECTIONS:
        return html
    note = _e(_("This section is not translated yet and is shown in English."))
    return f'<p class="meta">{note}</p><div lang="en" dir="ltr">{html}</div>'


def render_html(comparison: dict[str, Any]) -> str:
    """The whole comparison.html for a Comparison dict (see `confed compare`)."""
    c = comparison
    body = report_body(c)
    return (
        f'<!doctype html>\n<html lang="{current()}" dir="{direction()}"><head>'
        '<meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(_(c['title']))}</title><style>{CSS}{UNCERTAINTY_CSS}{FILTER_CSS}</style></head>"
        f"<body><main>{body}</main><script>{SCRIPT}\n{REPORT_JS}</script>"
        "</body></html>\n"
    )
