"""The report's sections on arguments, opinion and work across the border (HTML, Markdown).

Three self-contained sections, shown in `comparison.html` and `comparison.md`, on the comparison
page and on its claims page: every argument of the registry with its measures for every
treaty and its caveat; the published poll figures beside each framework; the baseline of
Palestinians employed in Israel and the settlements with the simulated workers per treaty.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

from confed.compare.charts import line_chart
from confed.compare.claims import Claim, claims, measured
from confed.compare.opinion import Opinion, for_framework, for_item, opinion
from confed.compare.tables import MISSING, format_value, reading_of, short_name
from confed.simulate.parameters import behaviour_file
from confed.simulate.work import baseline
from confed.sources import parse_citation, registry

CLAIMS_NOTE = (
    "Each argument is stated in confed's words, with the document and section that make "
    "it. Beside it, for every treaty, the numbers that bear on it: a metric in the first "
    "and last simulated year, an invariant's reading, or a data table. The caveat says "
    "what the numbers cannot measure. No argument is scored."
)
OPINION_NOTE = (
    "Shares in percent as each publisher's summary gives them, by population and wave; "
    "the question is the item as the summary names it; n is the sample of that "
    "population. Rows marked unverified hold a figure (or a sample size) that could not "
    "be checked against the publisher's text. No figure is projected."
)
FRAMEWORKS = {
    "separation": "Two states (separation)",
    "confederation": "Confederation",
    "one-state": "One state",
}
"""Framework families the polls asked about, as the treaty files' `framework:` names them."""
DATA_LINKS = {"workers": ("work", "the baseline table under Work across the border")}
WORK_METRIC = {
    "id": "cross_border_workers",
    "key": "total",
    "title": "People working in a state they neither live in nor are citizens of",
    "unit": "persons",
}
WORK_SHARES = ("work_permit_share", "work_open_share", "work_share_into_ps")


def _e(value: object) -> str:
    return escape(str(value))


def _table(header: list[str], rows: list[list[str]], caption: str = "") -> str:
    """A table from already-escaped cells."""
    head = "".join(f'<th scope="col">{h}</th>' for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    cap = f"<caption>{caption}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cited(text: str, link: bool = True) -> str:
    """A citation with the document's title, linked to the document (HTML) or plain."""
    cited = parse_citation(text)
    source = registry()[cited.doc]
    title = f'<a href="{_e(source.url)}">{_e(source.title)}</a>' if link else source.title
    by = f" ({', '.join(source.authors)}, {source.year}) § {cited.section}"
    return title + (_e(by) if link else by)


def _phase_title(t: dict[str, Any], pid: str) -> str:
    """A phase's title as the treaty names it (the id where the entry lists no phases)."""
    return next((p["title"] for p in t.get("phases", []) if p.get("id") == pid), pid)


def _cell(m: dict[str, Any]) -> str:
    if m["kind"] == "metric":
        first, last = (format_value(m[k], m["unit"]) for k in ("first", "last"))
        return MISSING if m["first"] is None else f"{_e(first)} → {_e(last)}"
    if m["kind"] == "invariant":
        return _e(reading_of(m["verdict"]).label) if m["verdict"] else MISSING
    anchor, _ = DATA_LINKS.get(m["data"], ("opinion", ""))
    return f'<a href="#{anchor}">see below</a>'


def _opinion_rows(rows: list[Opinion]) -> str:
    header = ["fieldwork", "population", "question", "%", "n", "publisher", "status"]
    body = [
        [
            _e(o.fieldwork),
            _e(o.population_label),
            _e(o.question),
            f"{o.value:g}",
            f"{o.n:,}" if o.n else "not found",
            f'<a href="{_e(o.url)}">{_e(o.publisher)}</a>',
            _e(o.status) + (f" <small>({_e(o.note)})</small>" if o.note else ""),
        ]
        for o in rows
    ]
    return _table(header, body)


def _framework(t: dict[str, Any]) -> str:
    """The treaty's framework family in words ('status quo', not status-quo)."""
    family = t.get("framework", "")
    return FRAMEWORKS.get(family, family.replace("-", " ")).lower()


def _claim(cid: str, claim: Claim, c: dict[str, Any]) -> str:
    header = ["treaty"] + [_e(m.label) for m in claim.measures]
    years = c["treaties"][0]["years"] if c["treaties"] else []
    span = f" (metrics: {years[0]['year']} → {years[-1]['year']})" if years else ""
    rows = [
        [f"{_e(short_name(t))} <small>({_e(_framework(t))})</small>"]
        + [_cell(m) for m in measured(claim, t)]
        for t in c["treaties"]
    ]
    data = [m.data or "" for m in claim.measures]
    polls = [d.partition(":")[2] for d in data if d.startswith("opinion:")]
    listed = "".join(_opinion_rows(for_item(item)) for item in polls)
    return (
        f'<article class="claim" id="claim-{_e(cid)}"><h3>{_e(claim.claim)}</h3>'
        f'<p class="meta">Made by {"; ".join(_cited(s) for s in claim.made_by)} · about: '
        f"{_e(claim.about)}</p>"
        + _table(header, rows, f"What each treaty measures{span}")
        + listed
        + f'<p class="note"><strong>What the numbers cannot measure.</strong> '
        f"{_e(claim.caveat)}</p></article>"
    )


def claims_html(c: dict[str, Any]) -> str:
    """The section of arguments as measurable claims."""
    parts = "".join(_claim(cid, claim, c) for cid, claim in claims().items())
    return (
        '<section id="claims"><h2>Arguments as measurable claims</h2>'
        f"<p>{_e(CLAIMS_NOTE)}</p>{parts}</section>"
    )


def opinion_html(c: dict[str, Any]) -> str:
    """Published poll figures beside each framework and the treaties encoding it."""
    parts = []
    for family, title in FRAMEWORKS.items():
        treaties = [short_name(t) for t in c["treaties"] if t.get("framework") == family]
        encoded = ", ".join(treaties) if treaties else "no shipped treaty"
        parts.append(
            f'<h3>{_e(title)}</h3><p class="meta">Encoded here by: {_e(encoded)}</p>'
            + _opinion_rows(for_framework(family))
        )
    trust = for_item("other-side-untrustworthy")
    parts.append("<h3>Trust in the other side</h3>" + _opinion_rows(trust))
    return (
        '<section id="opinion"><h2>Public opinion on the frameworks</h2>'
        f"<p>{_e(OPINION_NOTE)}</p>{''.join(parts)}</section>"
    )


def work_chart(c: dict[str, Any]) -> str:
    """The simulated cross-border workers of every treaty over the years, as a figure."""
    return (
        f"<figure><figcaption>{_e(WORK_METRIC['title'])} (persons)</figcaption>"
        f"{line_chart(WORK_METRIC, c['treaties'], 'chart-work')}</figure>"
    )


def work_html(c: dict[str, Any]) -> str:
    """The baseline of workers, the shares the simulation uses, and its workers per treaty."""
    header = ["year", "period", "measure", "workers", "of whom in settlements", "publisher",
              "status"]  # fmt: skip
    rows = [
        [
            _e(r["year"]),
            _e(r["period"]),
            _e(r["measure"]),
            f"{int(r['workers']):,}",
            f"{int(r['in_settlements']):,}" if r["in_settlements"] else MISSING,
            f'<a href="{_e(r["url"])}">{_e(r["publisher"])}</a>',
            _e(r["status"]) + (f" <small>({_e(r['note'])})</small>" if r["note"] else ""),
        ]
        for r in baseline()
    ]
    spec = behaviour_file()
    shares = "".join(
        f"<li><code>{name}</code> = {spec[name]['value']}: "
        + _e(spec[name].get("note") or "assumption: " + spec[name]["assumption"])
        + f" Range {spec[name]['range']['low']}–{spec[name]['range']['high']}.</li>"
        for name in WORK_SHARES
    )
    by_access = ["treaty", "phase (first simulated year)", "into IL by permit",
                 "into IL by quota", "into IL open", "into PS by permit", "into PS by quota",
                 "into PS open", "total"]  # fmt: skip
    return (
        '<section id="work"><h2>Work across the border</h2>'
        + _table(header, rows, "Palestinians employed in Israel and the settlements, as published")
        + "<p>The simulation's shares of eligible adults who work in the other state "
        '(the yearly totals are charted under <a href="#charts">Over the years</a>):</p>'
        f"<ul>{shares}</ul>"
        + _table(
            by_access,
            _per_phase(c),
            "Simulated workers in each phase's first simulated year, by the right they work under",
        )
        + "</section>"
    )


ACCESS_KEYS = ("IL.permit", "IL.quota", "IL.yes", "PS.permit", "PS.quota", "PS.yes", "total")


def _per_phase(c: dict[str, Any]) -> list[list[str]]:
    """Per treaty and phase: the workers of the first simulated year of that phase."""
    rows = []
    for t in c["treaties"]:
        seen = set()
        for y in t["years"]:
            if y["phase"] in seen:
                continue
            seen.add(y["phase"])
            values = y["metrics"].get(WORK_METRIC["id"], {})
            rows.append(
                [_e(short_name(t)), f"{_e(_phase_title(t, y['phase']))} ({y['year']})"]
                + [_e(format_value(values.get(k), "persons")) for k in ACCESS_KEYS]
            )
    return rows


def _md(cells: list[object]) -> str:
    return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"


def claims_markdown(c: dict[str, Any]) -> list[str]:
    """The three sections in Markdown: claims with their measures, the polls, the workers."""
    lines = ["## Arguments as measurable claims", "", CLAIMS_NOTE, ""]
    for claim in claims().values():
        made_by = "; ".join(_cited(s, link=False) for s in claim.made_by)
        lines += [f"### {claim.claim}", "", f"Made by {made_by} · about: {claim.about}", ""]
        lines.append(_md(["treaty", *(m.label for m in claim.measures)]))
        lines.append("|" + "---|" * (len(claim.measures) + 1))
        for t in c["treaties"]:
            cells = [re.sub(r"<[^>]+>", "", unescape(_cell(m))) for m in measured(claim, t)]
            lines.append(_md([short_name(t), *cells]))
        lines += ["", f"What the numbers cannot measure: {claim.caveat}", ""]
    lines += ["## Public opinion on the frameworks", "", OPINION_NOTE, ""]
    lines += [_md(["fieldwork", "population", "question", "%", "n", "publisher", "status"])]
    lines.append("|" + "---|" * 7)
    lines += [
        _md([o.fieldwork, o.population_label, o.question, f"{o.value:g}",
             f"{o.n:,}" if o.n else "not found", f"{o.publisher} <{o.url}>", o.status])
        for o in opinion()
    ]  # fmt: skip
    lines += ["", "## Work across the border", ""]
    lines += [_md(["year", "period", "measure", "workers", "publisher", "status"])]
    lines.append("|" + "---|" * 6)
    lines += [
        _md([r["year"], r["period"], r["measure"], f"{int(r['workers']):,}",
             f"{r['publisher']} <{r['url']}>", r["status"]])
        for r in baseline()
    ]  # fmt: skip
    return [*lines, ""]
