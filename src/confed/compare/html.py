"""comparison.html: the comparison as one self-contained page that works offline.

Everything is inline: the CSS, the SVG charts and the map, and the map's script that
switches it between treaties, years and colourings (without the script the map shows
the first treaty, coloured by sovereign, which is also what prints). The only URLs are the
sources' own, as plain links. All text from the comparison is escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from typing import Any

from confed.compare.blocks import _e, chart_figure, table_html
from confed.compare.charts import UNITS
from confed.compare.claims_report import claims_html, opinion_html, work_html
from confed.compare.evidence import evidence_html
from confed.compare.findings import NOTE as FINDINGS_NOTE
from confed.compare.findings import findings
from confed.compare.glossary import glossary_html
from confed.compare.mapfigure import map_html, map_script
from confed.compare.sections import (
    assumptions_html,
    bodies_html,
    electorates_html,
    parameters_html,
    security_html,
    sources_html,
)
from confed.compare.tables import (
    CLAIMED_NOTE,
    MISSING,
    NOT_REPORTED,
    Reading,
    common_years,
    facts_text,
    headlines,
    invariant_rows,
    phase_title,
    phases_text,
    reading_of,
    short_name,
    treaty_text,
)
from confed.compare.uncertainty import CSS as UNCERTAINTY_CSS
from confed.compare.uncertainty import uncertainty_html
from confed.compare.widgets import FILTER_CSS, FILTER_SECTIONS, REPORT_JS, filter_box
from confed.i18n import N_, _, current, direction, isolate
from confed.i18n.markup import marked
from confed.verify.catalog import INVARIANTS

CSS = resources.files("confed.compare").joinpath("report.css").read_text(encoding="utf-8")
"""The report's stylesheet, inlined into comparison.html and served to the explorer."""

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


def _section(key: str, *content: str) -> str:
    title = _e(_(dict(SECTIONS)[key]))
    return f'<section id="{key}"><h2>{title}</h2>{"".join(content)}</section>'


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


def _places(c: dict[str, Any]) -> str:
    return _section("places", map_html(c))


SECTION_HTML: dict[str, Callable[[dict[str, Any]], str]] = {
    "findings": _findings,
    "charts": _charts,
    "headline": _headline,
    "invariants": _invariants,
    "electorates": lambda c: _section("electorates", electorates_html(c)),
    "bodies": lambda c: _section("bodies", bodies_html(c)),
    "security": lambda c: _section("security", security_html(c)),
    "claims": claims_html,
    "opinion": opinion_html,
    "work": work_html,
    "uncertainty": lambda c: uncertainty_html(c, c["metrics"]),
    "places": _places,
    "glossary": lambda c: _section("glossary", glossary_html(c)),
    "treaties": _treaties,
    "parameters": lambda c: _section("parameters", parameters_html(c)),
    "assumptions": lambda c: _section("assumptions", assumptions_html(c)),
    "sources": lambda c: _section("sources", sources_html(c)),
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
        parts.append(SECTION_HTML[key](c))
    return "".join(parts)


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
